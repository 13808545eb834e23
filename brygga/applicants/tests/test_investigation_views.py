"""The investigation pages of a case and the recruitment configuration pages."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

import pytest

from brygga.accounts.tests.helpers import login_staff
from brygga.applicants import investigation_services as services
from brygga.applicants.constants import CheckOutcome, RegisterCheckKind
from brygga.applicants.models import EligibilityRule, RecruitmentSettings, RegisterCheck
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent
from brygga.catalogue.models import AssignmentType

from .investigation_helpers import applicant_for, recruiter_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruiter(organisation):
    return recruiter_for(organisation, first_name="Rut")


def _url(name, applicant, *args):
    return reverse(f"investigation:{name}", args=[applicant.public_id, *args])


def _case(applicant, anchor):
    return reverse("applicants:staff-detail", args=[applicant.public_id]) + f"#{anchor}"


def test_request_and_record_a_check_through_the_pages(client, organisation, recruiter):
    applicant = applicant_for(organisation)
    login_staff(client, recruiter)
    today = timezone.localdate()
    response = client.post(
        _url("register-check-new", applicant),
        {"kind": RegisterCheckKind.CRIMINAL_RECORD, "person": "applicant", "requested_on": today},
    )
    assert response.status_code == 302
    assert response["Location"] == _case(applicant, "registerkontroller")
    check = RegisterCheck.objects.get()
    page = client.get(_url("register-check-record", applicant, check.pk))
    assert page.status_code == 200
    assert "Utdraget sparas aldrig" in page.content.decode()
    response = client.post(
        _url("register-check-record", applicant, check.pk),
        {"answered_on": today, "outcome": CheckOutcome.NO_ENTRY, "assessment": ""},
    )
    assert response.status_code == 302
    check.refresh_from_db()
    assert check.outcome == CheckOutcome.NO_ENTRY
    # Each page read went through the gatekeeper and was logged with a purpose.
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.APPLICANT_RECORD_VIEWED, purpose__startswith="Registerkontroll"
    ).exists()


def test_a_disqualifying_outcome_without_assessment_shows_the_error_and_keeps_input(
    client, organisation, recruiter
):
    applicant = applicant_for(organisation)
    check = services.register_check_request(
        applicant=applicant,
        kind=RegisterCheckKind.SOCIAL_SERVICES,
        requested_on=timezone.localdate() - timedelta(days=2),
        actor=recruiter,
    )
    login_staff(client, recruiter)
    answered = timezone.localdate() - timedelta(days=1)
    response = client.post(
        _url("register-check-record", applicant, check.pk),
        {"answered_on": answered, "outcome": CheckOutcome.DISQUALIFIES, "assessment": ""},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_assessment_error"' in html
    assert 'aria-invalid="true"' in html
    assert f'value="{answered:%Y-%m-%d}"' in html
    assert 'value="entry_disqualifies" checked' in html or (
        'value="entry_disqualifies"' in html and "checked" in html
    )
    assert 'class="ds-error-summary"' in html
    check.refresh_from_db()
    assert check.outcome == CheckOutcome.PENDING


def test_reference_meeting_and_assessment_pages_save_and_return_to_the_case(
    client, organisation, recruiter
):
    applicant = applicant_for(organisation, types=["umgangesstod"], references=["Rebecka"])
    reference = applicant.references.get()
    login_staff(client, recruiter)
    today = timezone.localdate()

    response = client.post(
        _url("reference-contact", applicant, reference.pk),
        {"contacted_on": today, "notes": "Pålitlig."},
    )
    assert response["Location"] == _case(applicant, "referenser")

    response = client.post(
        _url("meeting-new", applicant),
        {"kind": "interview", "booked_for": f"{today:%Y-%m-%d}T10:00", "participants": "Rut"},
    )
    assert response["Location"] == _case(applicant, "moten")
    meeting = applicant.meetings.get()
    response = client.post(
        _url("meeting-record", applicant, meeting.pk), {"held_on": today, "notes": "Bra samtal."}
    )
    assert response.status_code == 302

    page = client.get(_url("assessment", applicant, "umgangesstod"))
    assert page.status_code == 200
    assert "Har tillgång till bil och körkort" in page.content.decode()
    response = client.post(
        _url("assessment", applicant, "umgangesstod"),
        {"q_has_car": "yes", "q_languages": "svenska, arabiska", "summary": "Lämplig."},
    )
    assert response["Location"] == _case(applicant, "bedomning")
    assessment = applicant.assessments.get()
    assert assessment.answers["has_car"] == "yes"
    assert client.get(_url("assessment", applicant, "skkp")).status_code == 404


def test_the_case_page_shows_the_investigation_sections(client, organisation, recruiter):
    applicant = applicant_for(
        organisation, types=["kontaktfamilj"], groups=["barn-och-unga"], references=["Rebecka"]
    )
    login_staff(client, recruiter)
    response = client.get(reverse("applicants:staff-detail", args=[applicant.public_id]))
    assert response.status_code == 200
    html = response.content.decode()
    for anchor in ("registerkontroller", "referenser", "moten", "bedomning"):
        assert f'id="{anchor}"' in html
    assert "Utdrag för arbete med barn (lag 2013:852)" in html
    assert "Boka hembesök" in html
    assert "Rebecka" in html


def test_a_case_officer_without_the_permission_gets_403(client, organisation, case_officer):
    applicant = applicant_for(organisation, references=["Rebecka"])
    login_staff(client, case_officer)
    for url in (
        _url("register-check-new", applicant),
        _url("meeting-new", applicant),
        _url("reference-contact", applicant, applicant.references.get().pk),
        _url("assessment", applicant, "kontaktperson"),
    ):
        assert client.get(url).status_code == 403
    assert not AuditEvent.objects.filter(event_type=AuditEventType.APPLICANT_RECORD_VIEWED).exists()


def test_an_administrator_who_may_only_view_gets_403(client, organisation, administrator):
    applicant = applicant_for(organisation)
    login_staff(client, administrator)
    assert client.get(_url("register-check-new", applicant)).status_code == 403


def test_another_organisations_applicant_is_not_found(client, organisation, other_organisation):
    theirs = applicant_for(other_organisation, references=["Rebecka"])
    login_staff(client, recruiter_for(organisation))
    assert client.get(_url("register-check-new", theirs)).status_code == 404
    assert (
        client.get(_url("reference-contact", theirs, theirs.references.get().pk)).status_code == 404
    )


def test_a_check_of_another_case_is_not_found(client, organisation, recruiter):
    first = applicant_for(organisation)
    second = applicant_for(organisation, serial="983")
    check = services.register_check_request(
        applicant=first,
        kind=RegisterCheckKind.CRIMINAL_RECORD,
        requested_on=timezone.localdate(),
        actor=recruiter,
    )
    login_staff(client, recruiter)
    assert client.get(_url("register-check-record", second, check.pk)).status_code == 404


# --- Configuration ------------------------------------------------------------------------


def test_rule_pages_for_a_manager(client, organisation, manager):
    login_staff(client, manager)
    assert client.get(reverse("investigation:rule-list")).status_code == 200
    kontaktperson = AssignmentType.objects.get(code="kontaktperson")
    data = {
        "assignment_type": kontaktperson.pk,
        "target_group": "",
        "minimum_age": "21",
        "required_checks": [RegisterCheckKind.CRIMINAL_RECORD, RegisterCheckKind.SOCIAL_SERVICES],
        "minimum_references": "2",
        "requires_interview": "on",
        "assessment_questions": "Varför?\n\nHur?",
    }
    response = client.post(reverse("investigation:rule-new"), data)
    assert response.status_code == 302
    rule = EligibilityRule.objects.get()
    assert rule.assessment_questions == ["Varför?", "Hur?"]
    # The same type and group again: the error is on the field, and the input stays.
    response = client.post(reverse("investigation:rule-new"), {**data, "minimum_age": "22"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_target_group_error"' in html
    assert 'value="22"' in html
    response = client.post(
        reverse("investigation:rule-edit", args=[rule.pk]), {**data, "minimum_age": "23"}
    )
    assert response.status_code == 302
    rule.refresh_from_db()
    assert rule.minimum_age == 23
    assert "Kontaktperson" in client.get(reverse("investigation:rule-list")).content.decode()


def test_rule_and_settings_pages_need_their_permissions(
    client, organisation, other_organisation, case_officer, manager
):
    recruiter = recruiter_for(organisation)
    for user in (case_officer, recruiter):
        client.force_login(user)
        login_staff(client, user)
        assert client.get(reverse("investigation:rule-list")).status_code == 403
        assert client.get(reverse("investigation:settings")).status_code == 403
    theirs = EligibilityRule.objects.create(
        organisation=other_organisation,
        assignment_type=AssignmentType.objects.get(code="kontaktperson"),
        required_checks=[RegisterCheckKind.CRIMINAL_RECORD],
    )
    login_staff(client, manager)
    assert client.get(reverse("investigation:rule-edit", args=[theirs.pk])).status_code == 404


def test_settings_page_saves_and_shows_errors_next_to_fields(client, organisation, manager):
    login_staff(client, manager)
    url = reverse("investigation:settings")
    assert client.get(url).status_code == 200
    response = client.post(url, {"callback_days": "0", "investigation_warning_days": "45"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_callback_days_error"' in html
    assert 'value="45"' in html
    response = client.post(url, {"callback_days": "7", "investigation_warning_days": "45"})
    assert response.status_code == 302
    saved = RecruitmentSettings.objects.get(organisation=organisation)
    assert (saved.callback_days, saved.investigation_warning_days) == (7, 45)
