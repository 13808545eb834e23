"""The applicant's own pages: status, documents, details, data export, deletion, withdrawal."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import pytest

from brygga.accounts.tests.helpers import login_staff
from brygga.applicants.constants import ApplicantStage
from brygga.applicants.models import ApplicantDocument, DeletionRequest
from brygga.core.testdata import make_test_personnummer

from .factories import submit_registration

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def own_case(organisation, client, tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "documents"
    applicant = submit_registration(organisation).applicant
    client.force_login(applicant.user)
    return applicant


def detail_url(applicant):
    return reverse("applicants:detail", args=[applicant.public_id])


def upload(client, applicant, content, name="cv.pdf", kind="cv"):
    file = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(detail_url(applicant), {"action": "upload", "kind": kind, "file": file})


def test_my_pages_show_the_status_and_what_happens_next(client, own_case):
    page = client.get(reverse("accounts:my-pages")).content.decode()
    assert "Intresseanmälan inkommen" in page
    assert "ringer dig inom ungefär två veckor" in page
    detail = client.get(detail_url(own_case)).content.decode()
    assert own_case.registrations.get().reference in detail


def test_pdf_upload_is_stored_outside_the_web_root_and_downloadable_by_the_owner(
    client, own_case, settings
):
    response = upload(client, own_case, PDF, name="../../etc/Mitt CV.pdf")
    assert response.status_code == 302
    document = ApplicantDocument.objects.get()
    assert document.original_name == "Mitt CV.pdf"
    assert document.content_type == "application/pdf"
    stored = settings.PRIVATE_MEDIA_ROOT / document.stored_name
    assert stored.read_bytes() == PDF
    assert str(settings.STATIC_ROOT) not in str(stored)
    download = client.get(
        reverse("applicants:document", args=[own_case.public_id, document.public_id])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"MZ\x90\x00 not a pdf", "Filen måste vara en PDF, JPEG eller PNG."),
        (b"", "Filen är tom"),
    ],
)
def test_wrong_or_empty_files_are_refused_with_a_message(client, own_case, content, message):
    response = upload(client, own_case, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert ApplicantDocument.objects.count() == 0


def test_files_over_ten_megabytes_are_refused(client, own_case):
    response = upload(client, own_case, PDF + b"0" * (10 * 1024 * 1024))
    assert response.status_code == 400
    assert "större än 10 MB" in response.content.decode()
    assert ApplicantDocument.objects.count() == 0


def test_one_applicant_cannot_see_or_download_anothers_case(client, organisation, own_case):
    upload(client, own_case, PDF)
    document = ApplicantDocument.objects.get()
    other = submit_registration(
        organisation,
        personal_identity_number=make_test_personnummer("19800505", "982"),
        email="annan@test.example",
    ).applicant
    client.force_login(other.user)
    urls = [
        detail_url(own_case),
        reverse("applicants:document", args=[own_case.public_id, document.public_id]),
        reverse("applicants:export", args=[own_case.public_id]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("applicants:withdraw", args=[own_case.public_id])).status_code == 404
    own_case.refresh_from_db()
    assert own_case.stage == ApplicantStage.RECEIVED


def test_staff_and_anonymous_cannot_use_mina_sidor(client, own_case, case_officer):
    client.logout()
    assert client.get(detail_url(own_case)).status_code == 302
    login_staff(client, case_officer)
    assert client.get(detail_url(own_case)).status_code == 403


def test_details_can_be_changed_and_bad_input_is_kept(client, own_case):
    data = {
        "action": "details",
        "phone": "070-555 55 55",
        "street_address": "Nya vägen 2",
        "postal_code": "999",
        "city": "Ekby",
        "availability": ["weekends"],
        "frequency": "weekly",
        "commitment": "one_year",
    }
    response = client.post(detail_url(own_case), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Postnumret har fem siffror" in page
    assert 'value="Nya vägen 2"' in page
    data["postal_code"] = "99999"
    assert client.post(detail_url(own_case), data).status_code == 302
    own_case.refresh_from_db()
    assert own_case.street_address == "Nya vägen 2"
    assert own_case.postal_code == "999 99"
    assert own_case.frequency == "weekly"


def test_all_my_data_as_a_file_and_as_a_page(client, own_case):
    upload(client, own_case, PDF)
    response = client.get(reverse("applicants:export", args=[own_case.public_id]) + "?format=json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["personuppgifter"]["personnummer"] == own_case.personal_identity_number
    assert data["dokument"][0]["filnamn"] == "cv.pdf"
    assert data["intresseanmälningar"][0]["referensnummer"].startswith("IA-")
    page = client.get(reverse("applicants:export", args=[own_case.public_id])).content.decode()
    assert own_case.street_address in page


def test_deletion_can_be_requested_once(client, own_case):
    client.post(detail_url(own_case), {"action": "delete", "message": "Jag har ångrat mig."})
    assert DeletionRequest.objects.get().message == "Jag har ångrat mig."
    page = client.get(detail_url(own_case)).content.decode()
    assert "Vi svarar dig inom en månad" in page


def test_withdrawal_from_my_pages(client, own_case):
    response = client.post(
        reverse("applicants:withdraw", args=[own_case.public_id]), {"reason": "Flyttar"}
    )
    assert response["Location"] == reverse("accounts:my-pages")
    own_case.refresh_from_db()
    assert own_case.stage == ApplicantStage.WITHDRAWN
    page = client.get(detail_url(own_case)).content.decode()
    assert "Återkalla ansökan" not in page
