import re
from datetime import timedelta

from django.core import mail
from django.urls import reverse

import pytest

from brygga.accounts.models import LoginLink
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

REQUEST = reverse("accounts:login-link")
MY_PAGES = reverse("accounts:my-pages")


@pytest.fixture
def request_link(client, django_capture_on_commit_callbacks):
    """Ask for a link. It is mailed after commit, so run those callbacks as a commit would."""

    def send(email):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(REQUEST, {"email": email})

    return send


def _link_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/logga-in/lank/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_link_signs_in_once_and_never_again(request_link, client, public_user):
    response = request_link(public_user.email)
    assert response["Location"] == reverse("accounts:login-link-sent")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [public_user.email]
    path = _link_path(mail.outbox[0])

    # Opening the link (or a mail scanner following it) does not spend it.
    assert client.get(path).status_code == 200
    assert client.get(MY_PAGES).status_code == 302

    response = client.post(path)
    assert response["Location"] == MY_PAGES
    page = client.get(MY_PAGES)
    assert page.status_code == 200
    assert public_user.email in page.content.decode()

    client.post(reverse("accounts:public-logout"))
    assert client.post(path).status_code == 410
    assert client.get(path).status_code == 410
    assert client.get(MY_PAGES).status_code == 302


def test_only_a_hash_of_the_token_is_stored(request_link, client, public_user):
    request_link(public_user.email)
    token = _link_path(mail.outbox[0]).rstrip("/").rsplit("/", 1)[1]
    stored = LoginLink.objects.get(user=public_user)
    assert token not in stored.token_hash
    assert len(stored.token_hash) == 64


def test_expired_link_is_refused(request_link, client, public_user, time_machine):
    time_machine.move_to("2026-05-04 10:00 +02:00")
    request_link(public_user.email)
    path = _link_path(mail.outbox[0])
    time_machine.move_to("2026-05-04 10:21 +02:00")
    assert client.post(path).status_code == 410
    assert client.get(MY_PAGES).status_code == 302


def test_unknown_address_gets_the_same_answer_and_no_mail(request_link, client, public_user):
    known = request_link(public_user.email)
    unknown = request_link("ingen.alls@test.example")
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1


def test_staff_address_gets_no_link(request_link, client, case_officer):
    response = request_link(case_officer.email)
    assert response.status_code == 302
    assert mail.outbox == []


def test_requests_are_rate_limited_per_address(request_link, client, public_user, settings):
    for _ in range(settings.LOGIN_LINK_RATE_LIMIT):
        assert request_link(public_user.email).status_code == 302
    response = request_link(public_user.email)
    assert response.status_code == 429
    assert "Vänta en stund" in response.content.decode()
    assert len(mail.outbox) == settings.LOGIN_LINK_RATE_LIMIT


def test_requests_are_rate_limited_per_client(request_link, client, settings, public_user):
    for n in range(settings.LOGIN_LINK_RATE_LIMIT):
        request_link(f"gissning{n}@test.example")
    assert request_link(public_user.email).status_code == 429
    assert mail.outbox == []


def test_invalid_address_gets_a_message_next_to_the_field(request_link, client):
    response = request_link("inte-en-adress")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Skriv e-postadressen i formatet namn@exempel.se." in page
    assert 'value="inte-en-adress"' in page
    assert 'aria-invalid="true"' in page


def test_new_link_makes_older_ones_stop_working_once_used(request_link, client, public_user):
    request_link(public_user.email)
    request_link(public_user.email)
    first, second = (_link_path(m) for m in mail.outbox)
    assert client.post(second)["Location"] == MY_PAGES
    client.post(reverse("accounts:public-logout"))
    assert client.post(first).status_code == 410


def test_sign_in_with_link_is_audited(request_link, client, public_user):
    request_link(public_user.email)
    client.post(_link_path(mail.outbox[0]))
    events = list(
        AuditEvent.objects.filter(person_id=str(public_user.public_id)).values_list(
            "event_type", flat=True
        )
    )
    assert AuditEventType.LOGIN_LINK_SENT in events
    assert AuditEventType.LOGIN_LINK_USED in events


def test_public_user_cannot_open_staff_pages(client, public_user):
    client.force_login(public_user)
    assert client.get(reverse("accounts:staff-home")).status_code == 403
    assert client.get(reverse("audit:log-review")).status_code == 403


def test_link_login_session_is_short(request_link, client, public_user, settings):
    request_link(public_user.email)
    client.post(_link_path(mail.outbox[0]))
    assert client.session.get_expiry_age() == int(settings.PUBLIC_SESSION_AGE.total_seconds())
    assert timedelta(hours=8) >= settings.PUBLIC_SESSION_AGE
