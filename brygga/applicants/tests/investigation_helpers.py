"""Shared builders for the investigation tests."""

from __future__ import annotations

from datetime import date

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UserFactory
from brygga.applicants.models import Applicant, HouseholdMember
from brygga.catalogue.models import AssignmentType, TargetGroup
from brygga.core.testdata import make_test_personnummer

from .factories import submit_registration


def recruiter_for(organisation, **kwargs):
    return UserFactory(organisation=organisation, roles=[Role.RECRUITMENT_OFFICER], **kwargs)


def applicant_for(
    organisation,
    *,
    types=("kontaktperson",),
    groups=(),
    born="19800101",
    serial="982",
    household=(),
    references=(),
) -> Applicant:
    answers = {"motivation": "Jag vill hjälpa till."}
    if household:
        answers["household"] = [
            {"first_name": name, "birth_year": year, "relation": "partner"}
            for name, year in household
        ]
    if references:
        answers["references"] = [
            {"name": name, "relation": "vän", "phone": "070-000 00 01"} for name in references
        ]
    return submit_registration(
        organisation,
        personal_identity_number=make_test_personnummer(born, serial),
        email=f"sokande{serial}@test.example",
        assignment_types=list(AssignmentType.objects.filter(code__in=types)),
        target_groups=list(TargetGroup.objects.filter(code__in=groups)),
        answers=answers,
    ).applicant


def member(applicant: Applicant, name: str) -> HouseholdMember:
    return applicant.household_members.get(first_name=name)


TODAY = date(2026, 11, 20)
