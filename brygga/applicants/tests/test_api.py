from django.urls import reverse

import pytest

from brygga.accounts.constants import Role
from brygga.accounts.tests.factories import UserFactory
from brygga.accounts.tests.helpers import login_staff
from brygga.applicants.constants import ApplicantStage
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent

from .factories import submit_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def recruiter(organisation):
    return UserFactory(organisation=organisation, roles=[Role.RECRUITMENT_OFFICER])


@pytest.fixture
def applicant(organisation):
    return submit_registration(organisation).applicant


def test_list_and_detail_go_through_the_gatekeeper_and_are_logged(client, recruiter, applicant):
    login_staff(client, recruiter)
    listing = client.get(reverse("applicants-api:applicant-list")).json()
    assert [row["id"] for row in listing["results"]] == [str(applicant.public_id)]
    assert "personal_identity_number" not in listing["results"][0]
    detail = client.get(
        reverse("applicants-api:applicant-detail", args=[applicant.public_id])
    ).json()
    assert detail["personal_identity_number"] == applicant.personal_identity_number
    events = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert {AuditEventType.APPLICANT_LIST_VIEWED, AuditEventType.APPLICANT_RECORD_VIEWED} <= events


def test_stage_moves_follow_the_workflow(client, recruiter, applicant):
    login_staff(client, recruiter)
    url = reverse("applicants-api:applicant-stage", args=[applicant.public_id])
    response = client.post(url, {"to_stage": "contacted"}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["stage"] == ApplicantStage.CONTACTED
    bad = client.post(url, {"to_stage": "proposal"}, content_type="application/json")
    assert bad.status_code == 409
    assert "to_stage" in bad.json()
    approve = client.post(url, {"to_stage": "approved"}, content_type="application/json")
    assert approve.status_code == 400
    applicant.refresh_from_db()
    assert applicant.stage == ApplicantStage.CONTACTED


def test_without_permission_or_in_another_organisation(
    client, applicant, case_officer, other_organisation
):
    login_staff(client, case_officer)
    assert client.get(reverse("applicants-api:applicant-list")).status_code in {401, 403}
    stranger = UserFactory(organisation=other_organisation, roles=[Role.RECRUITMENT_OFFICER])
    login_staff(client, stranger)
    url = reverse("applicants-api:applicant-detail", args=[applicant.public_id])
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(reverse("applicants-api:applicant-list")).status_code in {401, 403}


def test_the_schema_describes_the_applicants_api(client):
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/applicants/{public_id}/stage/" in schema
