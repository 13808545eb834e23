"""The "upphör snart" list: the rule runs in SQL (`selectors.expiring_items`) and must give what
`validity.expiring` gives carer by carer, and the page is paginated."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.carers import selectors, services, views
from brygga.carers.constants import CarerStatus, CheckKind, CheckOutcome
from brygga.carers.models import Carer, CarerApproval, CarerCheck
from brygga.carers.services import CheckSpec
from brygga.carers.validity import expiring
from brygga.catalogue.models import AssignmentType, TargetGroup

from .factories import make_carer

pytestmark = pytest.mark.django_db

CHILDREN = CheckKind.CHILDREN_EXTRACT_2013_852
LSS = CheckKind.LSS_EXTRACT_2010_479
WITHIN = 60


def extract(kind, days_ago):
    day = timezone.localdate() - timedelta(days=days_ago)
    return CheckSpec(kind, day, day, CheckOutcome.NO_ENTRY)


def approval(carer, *, code="kontaktperson", group="barn-och-unga", until=None, since=30):
    return CarerApproval.objects.create(
        carer=carer,
        assignment_type=AssignmentType.objects.get(code=code),
        target_group=TargetGroup.objects.get(code=group) if group else None,
        approved_on=timezone.localdate() - timedelta(days=since),
        valid_until=until,
    )


def in_days(days):
    return timezone.localdate() + timedelta(days=days)


def reference(organisation):
    """`validity.expiring` for every carer, in the order the page promises."""
    today = timezone.localdate()
    rows = []
    for carer in Carer.objects.filter(organisation=organisation).exclude(
        status=CarerStatus.DEREGISTERED
    ):
        for found in expiring(
            approvals=carer.approvals.all(), checks=carer.checks.all(), on=today, within_days=60
        ):
            rows.append(
                (
                    found.last_day,
                    carer.last_name,
                    carer.first_name,
                    carer.pk,
                    not found.is_approval,
                    found.item.pk,
                )
            )
    return [(row[0], row[3], not row[4], row[5]) for row in sorted(rows)]


def listed(organisation):
    return [
        (item["last_day"], item["carer_ref"], bool(item["is_approval"]), item["item_id"])
        for item in selectors.expiring_items(organisation=organisation, within_days=WITHIN)
    ]


@pytest.fixture
def recruiter(organisation):
    return UserFactory(organisation=organisation, roles=[Role.RECRUITMENT_OFFICER])


@pytest.fixture
def cases(organisation, other_organisation):
    """One carer per case; the first name says what should happen."""
    made = {}

    def carer(name, **kwargs):
        kwargs.setdefault("checks", [extract(CheckKind.CRIMINAL_RECORD, 20)])
        made[name] = make_carer(organisation, first_name=name, **kwargs)
        return made[name]

    # Listed
    carer("ApprovalEnds", valid_until=in_days(10))
    carer("ExtractEnds", checks=[extract(CHILDREN, 340)])
    carer("BothEnd", valid_until=in_days(59), checks=[extract(LSS, 320)])
    paused = carer("PausedStillListed", valid_until=in_days(5))
    services.carer_pause(carer=paused, actor=None)
    # the children's extract was renewed, the LSS one was not: a different register
    carer(
        "OtherRegisterEnds",
        checks=[extract(CHILDREN, 340), extract(CHILDREN, 5), extract(LSS, 350)],
    )
    other_group = carer("OtherGroupEnds", valid_until=in_days(20))
    approval(other_group, group="funktionsnedsattning", until=None)
    no_group = carer("NoGroupEnds", group=None, valid_until=in_days(30))
    approval(no_group, group="barn-och-unga", until=None)  # a group is not "no group"
    twins = carer("TwinsListedOnce", valid_until=in_days(15))
    approval(twins, until=in_days(15), since=60)
    carer("EndsToday", valid_until=in_days(0))
    carer("ExtractEndsLastDay", checks=[extract(CHILDREN, 365 - WITHIN)])

    # Not listed
    replaced = carer("ReplacedByOpenEnded", valid_until=in_days(10))
    approval(replaced, until=None, since=1)
    later = carer("ReplacedByLater", valid_until=in_days(10))
    approval(later, until=in_days(400), since=1)
    no_group_replaced = carer("NoGroupReplaced", group=None, valid_until=in_days(10))
    approval(no_group_replaced, group=None, until=None)
    carer("ExtractRenewed", checks=[extract(CHILDREN, 340), extract(CHILDREN, 3)])
    carer("ApprovalLater", valid_until=in_days(WITHIN + 1))
    carer("ExtractLater", checks=[extract(CHILDREN, 365 - WITHIN - 1)])
    carer("AlreadyEnded", valid_until=in_days(-1), checks=[extract(CHILDREN, 366)])
    carer("OpenEnded", checks=[extract(CheckKind.CRIMINAL_RECORD, 400)])
    revoked = carer("Revoked", valid_until=in_days(10))
    services.carer_approval_revoke(approval=revoked.approvals.get(), reason="x", actor=None)
    not_started = carer("NotStartedReplaces", valid_until=in_days(10))
    approval(not_started, until=None, since=-5)  # starts later: does not replace yet
    gone = carer("Deregistered", valid_until=in_days(10), checks=[extract(CHILDREN, 340)])
    services.carer_deregister(carer=gone, reason="Flyttat", actor=None)
    make_carer(other_organisation, first_name="OtherOrganisation", valid_until=in_days(10),
               checks=[extract(CHILDREN, 340)])  # fmt: skip
    return made


def test_the_sql_list_is_what_validity_expiring_says(organisation, cases):
    rows = listed(organisation)
    assert rows == reference(organisation)
    names = {Carer.objects.get(pk=carer_id).first_name for _, carer_id, _, _ in rows}
    assert names == {
        "ApprovalEnds",
        "ExtractEnds",
        "BothEnd",
        "PausedStillListed",
        "OtherRegisterEnds",
        "OtherGroupEnds",
        "NoGroupEnds",
        "TwinsListedOnce",
        "EndsToday",
        "ExtractEndsLastDay",
        "NotStartedReplaces",
    }
    assert sum(1 for _, carer_id, _, _ in rows if carer_id == cases["TwinsListedOnce"].pk) == 1
    assert sum(1 for _, carer_id, _, _ in rows if carer_id == cases["BothEnd"].pk) == 2
    lss = [r for r in rows if r[1] == cases["OtherRegisterEnds"].pk]
    assert [CarerCheck.objects.get(pk=r[3]).kind for r in lss] == [LSS]
    # soonest first
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)


def test_the_pool_filter_and_the_full_list_agree(organisation, cases):
    expiring_ids = {carer_id for _, carer_id, _, _ in listed(organisation)}
    pool = selectors.carer_list(
        organisation=organisation, filters=selectors.CarerFilters(expiring=True)
    )
    assert {c.pk for c in pool} == expiring_ids
    rows = selectors.carer_list_expiring(organisation=organisation, within_days=WITHIN)
    assert [(r.expiry.last_day, r.carer.pk, r.expiry.is_approval, r.expiry.item.pk)
            for r in rows] == listed(organisation)  # fmt: skip
    assert rows[0].expiry.days_left == (rows[0].expiry.last_day - timezone.localdate()).days


def test_the_page_is_paginated(client, organisation, recruiter, cases, monkeypatch):
    monkeypatch.setattr(views, "STAFF_PAGE_SIZE", 5)
    login_staff(client, recruiter)
    url = reverse("carers:carer-expiring")
    pages = [client.get(f"{url}?page={n}") for n in (1, 2, 3)]
    assert all(page.status_code == 200 for page in pages)
    bodies = [page.content.decode() for page in pages]
    assert "12 godkännanden och registerutdrag" in bodies[0]
    assert "Sida 1 av 3" in bodies[0] and "Sida 3 av 3" in bodies[2]
    first_row = bodies[0].split("<tbody>")[1].split("</tr>")[0]
    assert "EndsToday" in first_row and "Godkännande: Kontaktperson · Barn och unga" in first_row
    everything = "".join(body.split("<tbody>")[1].split("</tbody>")[0] for body in bodies)
    assert everything.count("<tr>") == 12
    assert "Registerutdrag för LSS-verksamhet med barn (lag 2010:479)" in everything
    assert "Deregistered" not in everything and "OtherOrganisation" not in everything
