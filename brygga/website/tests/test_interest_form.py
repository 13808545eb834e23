"""The interest form through its URLs: steps, errors, going back, check page, sending."""

import re

from django.core import mail
from django.urls import reverse

import pytest

from brygga.applicants.models import Applicant, InterestRegistration
from brygga.core.testdata import make_test_personnummer

pytestmark = pytest.mark.django_db

PERSON = {
    "first_name": "Tolvan",
    "last_name": "Tolvansson",
    "personal_identity_number": "19121212-1212",
    "street_address": "Provgatan 1",
    "postal_code": "12345",
    "city": "Ekby",
    "phone": "070-123 45 67",
    "email": "tolvan@test.example",
}
TIME = {"availability": ["weekends"], "frequency": "monthly", "commitment": "two_years"}
EXPERIENCE = {
    "languages": "svenska, engelska",
    "driving_licence": "yes",
    "has_car": "no",
    "motivation": "Jag vill göra skillnad.",
}
REFERENCES = {
    "first_name": "Anna Exempel",
    "first_relation": "chef",
    "first_phone": "070-111 11 11",
    "second_name": "Bo Exempel",
    "second_relation": "vän",
    "second_phone": "070-222 22 22",
}
CONSENT = {
    "consents": [
        "criminal_record",
        "suspicion_register",
        "social_services",
        "enforcement_authority",
    ],
    "privacy_notice_acknowledged": "on",
}


def step(slug):
    return reverse("interest:step", args=[slug])


def post(client, slug, data, **params):
    url = step(slug) + ("?andra=1" if params.get("changing") else "")
    return client.post(url, data)


def fill_all(client, types=("kontaktperson",)):
    assert post(client, "uppdrag", {"assignment_types": list(types)}).status_code == 302
    assert post(client, "om-dig", PERSON).status_code == 302
    assert post(client, "tid", TIME).status_code == 302
    assert post(client, "erfarenhet", EXPERIENCE).status_code == 302
    assert post(client, "referenser", REFERENCES).status_code == 302
    response = post(client, "medgivande", CONSENT)
    assert response["Location"] == reverse("interest:check")


@pytest.fixture(autouse=True)
def _site(organisation):
    return organisation


def test_whole_form_sends_once_and_mails_a_receipt(client, django_capture_on_commit_callbacks):
    fill_all(client)
    page = client.get(reverse("interest:check")).content.decode()
    assert "Tolvansson" in page
    assert "Helger" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("interest:check"))
    assert response["Location"] == reverse("interest:sent")
    registration = InterestRegistration.objects.get()
    assert registration.applicant.personal_identity_number == "191212121212"
    assert registration.answers["references"][1]["name"] == "Bo Exempel"
    assert registration.answers["has_car"] is False
    sent = client.get(reverse("interest:sent")).content.decode()
    assert registration.reference in sent
    assert len(mail.outbox) == 1
    # The draft is gone: sending again starts over instead of duplicating.
    assert client.post(reverse("interest:check"))["Location"].startswith(step("uppdrag"))
    assert InterestRegistration.objects.count() == 1


def test_errors_are_next_to_the_field_and_nothing_typed_is_lost(client):
    post(client, "uppdrag", {"assignment_types": ["kontaktperson"]})
    bad = dict(PERSON, personal_identity_number="19121212-1213", postal_code="123")
    response = post(client, "om-dig", bad)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Personnumret stämmer inte" in page
    assert "Postnumret har fem siffror" in page
    assert 'value="Provgatan 1"' in page
    assert 'value="19121212-1213"' in page
    assert "ds-error-summary" in page


def test_going_back_keeps_what_was_typed_even_if_incomplete(client):
    post(client, "uppdrag", {"assignment_types": ["kontaktperson"]})
    response = client.post(step("om-dig"), {"first_name": "Tolvan", "action": "back"})
    assert response["Location"] == step("uppdrag")
    page = client.get(step("om-dig")).content.decode()
    assert 'value="Tolvan"' in page
    assert "ds-error-summary" not in page


def test_household_step_only_for_family_assignments(client):
    post(client, "uppdrag", {"assignment_types": ["kontaktperson"]})
    assert client.get(step("hushall")).status_code == 404
    post(client, "uppdrag", {"assignment_types": ["kontaktfamilj"]})
    assert client.get(step("hushall")).status_code == 200
    response = post(client, "tid", TIME)
    assert response["Location"] == step("hushall")


def test_household_rows_must_be_complete(client):
    post(client, "uppdrag", {"assignment_types": ["kontaktfamilj"]})
    data = {
        "household-TOTAL_FORMS": "4",
        "household-INITIAL_FORMS": "0",
        "household-MIN_NUM_FORMS": "4",
        "household-MAX_NUM_FORMS": "8",
        "household-0-first_name": "Kim",
    }
    response = post(client, "hushall", data)
    assert response.status_code == 200
    assert "Fyll i förnamn, födelseår och relation" in response.content.decode()
    data.update({"household-0-birth_year": "1985", "household-0-relation": "sambo"})
    assert post(client, "hushall", data).status_code == 302


def test_experience_is_required_for_skkp(client):
    post(client, "uppdrag", {"assignment_types": ["skkp"]})
    response = post(client, "erfarenhet", EXPERIENCE)
    assert response.status_code == 200
    assert "Beskriv din erfarenhet av barn och unga." in response.content.decode()


def test_applicant_must_be_adult_and_consent_to_required_checks(client):
    post(client, "uppdrag", {"assignment_types": ["kontaktperson"]})
    child = dict(PERSON, personal_identity_number=make_test_personnummer("20121212"))
    assert "minst 18 år" in post(client, "om-dig", child).content.decode()
    response = post(
        client, "medgivande", {"consents": ["criminal_record"], "privacy_notice_acknowledged": "on"}
    )
    assert "Vi behöver ditt medgivande till" in response.content.decode()


def test_check_page_sends_back_to_the_first_incomplete_step(client):
    post(client, "uppdrag", {"assignment_types": ["kontaktperson"]})
    response = client.get(reverse("interest:check"))
    assert response["Location"] == step("om-dig") + "?fel=1"


def test_change_from_check_page_returns_to_check_page(client):
    fill_all(client)
    response = post(client, "tid", dict(TIME, frequency="weekly"), changing=True)
    assert response["Location"] == reverse("interest:check")
    assert "Varje vecka" in client.get(reverse("interest:check")).content.decode()


def test_preselected_type_from_an_assignment_page(client):
    client.get(reverse("interest:start") + "?typ=stodfamilj")
    page = client.get(step("uppdrag")).content.decode()
    checked = re.findall(r'<input[^>]*value="(\w+)"[^>]*\schecked', page)
    assert checked == ["stodfamilj"]


def test_honeypot_submission_is_not_stored(client):
    fill_all(client)
    response = client.post(reverse("interest:check"), {"website": "http://spam.example"})
    assert response["Location"] == reverse("interest:sent")
    assert Applicant.objects.count() == 0


def test_sending_is_rate_limited_per_client(client, settings):
    settings.INTEREST_SUBMISSIONS_PER_HOUR = 1
    fill_all(client)
    client.post(reverse("interest:check"))
    fill_all(client)
    response = client.post(reverse("interest:check"))
    assert response.status_code == 429
    assert InterestRegistration.objects.count() == 1
    # The answers are still there to send later.
    assert client.get(reverse("interest:check")).status_code == 200


def test_a_staff_members_address_cannot_become_a_public_account(client, case_officer):
    fill_all(client)
    post(client, "om-dig", dict(PERSON, email=case_officer.email), changing=True)
    response = client.post(reverse("interest:check"))
    assert response["Location"] == step("om-dig") + "?fel=1"
    page = client.get(response["Location"]).content.decode()
    assert "Ange en privat e-postadress" in page
    assert Applicant.objects.count() == 0
    case_officer.refresh_from_db()
    assert case_officer.kind == "staff"
