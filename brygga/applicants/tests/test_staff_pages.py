"""Recruitment officers' worklist and case page."""

from django.urls import reverse

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.applicants.constants import ApplicantStage
from brygga.applicants.models import Applicant, RecruitmentSettings
from brygga.applicants.services import applicant_move
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent
from brygga.core.testdata import make_test_personnummer

from .factories import submit_registration

pytestmark = pytest.mark.django_db

WORKLIST = reverse("applicants:worklist")


@pytest.fixture
def recruiter(organisation, unit):
    return UserFactory(
        organisation=organisation, roles=[Role.RECRUITMENT_OFFICER], units=[unit], first_name="Rut"
    )


NAMES = ["Alva", "Bertil", "Cecilia", "David", "Elsa", "Filip", "Greta", "Hugo", "Iris", "Jon"]


def new_applicant(organisation, n=0, **overrides):
    overrides.setdefault("first_name", NAMES[n % len(NAMES)])
    overrides.setdefault("last_name", f"Testsson{n}x")
    return submit_registration(
        organisation,
        personal_identity_number=make_test_personnummer("19800101", f"{980 + n}"),
        email=f"sokande{n}@test.example",
        **overrides,
    ).applicant


def detail(applicant):
    return reverse("applicants:staff-detail", args=[applicant.public_id])


def test_case_officer_without_the_recruitment_permission_cannot_open_an_applicant(
    client, organisation, case_officer
):
    applicant = new_applicant(organisation)
    login_staff(client, case_officer)
    assert client.get(WORKLIST).status_code == 403
    assert client.get(detail(applicant)).status_code == 403
    assert not AuditEvent.objects.filter(event_type=AuditEventType.APPLICANT_RECORD_VIEWED).exists()


def test_every_read_of_an_applicant_is_in_the_audit_log(client, organisation, recruiter):
    applicant = new_applicant(organisation)
    login_staff(client, recruiter)
    for _ in range(2):
        response = client.get(detail(applicant))
        assert response.status_code == 200
        assert applicant.full_name in response.content.decode()
    reads = AuditEvent.objects.filter(
        event_type=AuditEventType.APPLICANT_RECORD_VIEWED, person_id=str(applicant.public_id)
    )
    assert reads.count() == 2
    assert {r.actor_id for r in reads} == {recruiter.pk}
    assert all(r.purpose for r in reads)


def test_another_organisations_applicant_is_not_found(client, other_organisation, recruiter):
    foreign = new_applicant(other_organisation)
    login_staff(client, recruiter)
    assert client.get(detail(foreign)).status_code == 404
    page = client.get(WORKLIST).content.decode()
    assert foreign.full_name not in page


def test_the_callback_flag_appears_exactly_after_the_configured_days(
    client, organisation, recruiter, time_machine
):
    RecruitmentSettings.objects.create(organisation=organisation, callback_days=14)
    time_machine.move_to("2026-03-02 09:00 +01:00")
    applicant = new_applicant(organisation)
    login_staff(client, recruiter)

    def flagged(day):
        time_machine.move_to(day)
        login_staff(client, recruiter)  # days pass: the idle session has expired
        response = client.get(WORKLIST, {"overdue": "on"})
        return applicant.full_name in response.content.decode()

    assert not flagged("2026-03-16 08:59 +01:00")  # 13 days 23 h 59 min
    assert flagged("2026-03-16 09:01 +01:00")  # just over 14 days
    applicant_move(applicant=applicant, to_stage=ApplicantStage.CONTACTED, actor=recruiter)
    assert not flagged("2026-03-17 09:00 +01:00")  # called back: the flag goes away


def test_the_investigation_flag_after_three_months(client, organisation, recruiter, time_machine):
    time_machine.move_to("2026-01-10 10:00 +01:00")
    applicant = new_applicant(organisation)
    for stage in [
        ApplicantStage.CONTACTED,
        ApplicantStage.REGISTER_CHECKS,
        ApplicantStage.INVESTIGATION,
    ]:
        applicant = applicant_move(applicant=applicant, to_stage=stage, actor=recruiter)
    time_machine.move_to("2026-04-09 10:00 +02:00")  # 89 days
    login_staff(client, recruiter)
    assert "Utredningen har pågått" not in client.get(detail(applicant)).content.decode()
    time_machine.move_to("2026-04-11 10:00 +02:00")  # 91 days
    login_staff(client, recruiter)
    page = client.get(detail(applicant)).content.decode()
    assert "Utredningen har pågått mer än 90 dagar" in page


def test_worklist_filters_by_type_officer_and_stage(client, organisation, recruiter):
    from brygga.catalogue.models import AssignmentType

    mine = new_applicant(organisation, 0)
    family = new_applicant(
        organisation, 1, assignment_types=[AssignmentType.objects.get(code="kontaktfamilj")]
    )
    login_staff(client, recruiter)
    client.post(
        reverse("applicants:staff-assign", args=[mine.public_id]),
        {"officer": str(recruiter.public_id), "unit": ""},
    )
    page = client.get(WORKLIST, {"officer": "me"}).content.decode()
    assert mine.full_name in page and family.full_name not in page
    page = client.get(WORKLIST, {"assignment_type": "kontaktfamilj"}).content.decode()
    assert family.full_name in page and mine.full_name not in page
    page = client.get(WORKLIST, {"stage": ["contacted"]}).content.decode()
    assert mine.full_name not in page


def test_board_shows_columns_per_stage(client, organisation, recruiter):
    applicant = new_applicant(organisation)
    applicant_move(applicant=applicant, to_stage=ApplicantStage.CONTACTED, actor=recruiter)
    login_staff(client, recruiter)
    response = client.get(WORKLIST, {"vy": "tavla"})
    columns = {stage: cards for stage, _label, cards in response.context["columns"]}
    assert [a.pk for a in columns["contacted"]] == [applicant.pk]
    assert columns["received"] == []


def test_officer_moves_the_case_and_the_applicant_sees_it(client, organisation, recruiter):
    applicant = new_applicant(organisation)
    login_staff(client, recruiter)
    response = client.post(
        reverse("applicants:staff-move", args=[applicant.public_id]),
        {"to_stage": "contacted", "note": "Ringt, bokat samtal"},
    )
    assert response.status_code == 302
    applicant.refresh_from_db()
    assert applicant.stage == ApplicantStage.CONTACTED
    assert applicant.contacted_at is not None
    change = applicant.history.last()
    assert (change.actor, change.note) == (recruiter, "Ringt, bokat samtal")
    # Approval is never a plain stage move.
    client.post(
        reverse("applicants:staff-move", args=[applicant.public_id]), {"to_stage": "approved"}
    )
    applicant.refresh_from_db()
    assert applicant.stage == ApplicantStage.CONTACTED
    client.force_login(applicant.user)
    assert "Kontaktad" in client.get(reverse("accounts:my-pages")).content.decode()


def test_managers_may_look_but_case_reads_are_scoped_to_the_organisation(
    client, organisation, manager
):
    applicant = new_applicant(organisation)
    login_staff(client, manager)
    assert client.get(detail(applicant)).status_code == 200


def test_worklist_query_count_does_not_grow_with_rows(
    client, organisation, recruiter, django_assert_max_num_queries
):
    login_staff(client, recruiter)
    new_applicant(organisation, 0)
    client.get(WORKLIST)
    with django_assert_max_num_queries(60) as few:
        client.get(WORKLIST)
    for n in range(1, 12):
        new_applicant(organisation, n)
    with django_assert_max_num_queries(60) as many:
        client.get(WORKLIST)
    assert len(many.captured_queries) == len(few.captured_queries)
    assert Applicant.objects.count() == 12
