import re

from django.urls import reverse

import pytest

from brygga.accounts.tests.factories import (
    TEST_PASSWORD,
    UserFactory,
    current_totp_code,
    totp_device_for,
)
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:staff-login")
HOME = reverse("accounts:staff-home")
SECOND_FACTOR = reverse("accounts:second-factor")
ENROL = reverse("accounts:totp-enrol")


def _password_login(client, user, password=TEST_PASSWORD):
    return client.post(LOGIN, {"username": user.email, "password": password})


def test_password_alone_does_not_open_staff_pages(client, case_officer):
    totp_device_for(case_officer)
    response = _password_login(client, case_officer)
    assert response.status_code == 302
    assert response["Location"].startswith(SECOND_FACTOR)

    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(SECOND_FACTOR)


def test_correct_totp_code_opens_staff_pages(client, case_officer):
    device = totp_device_for(case_officer)
    _password_login(client, case_officer)
    response = client.post(SECOND_FACTOR, {"code": current_totp_code(device), "next": HOME})
    assert response.status_code == 302
    assert response["Location"] == HOME
    assert client.get(HOME).status_code == 200
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.USER_SECOND_FACTOR_VERIFIED, actor=case_officer
    ).exists()


def test_wrong_totp_code_is_refused_with_message_next_to_field(client, case_officer):
    device = totp_device_for(case_officer)
    _password_login(client, case_officer)
    wrong = f"{(int(current_totp_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(SECOND_FACTOR, {"code": wrong})
    assert response.status_code == 200
    assert "Koden stämmer inte" in response.content.decode()
    assert client.get(HOME).status_code == 302


def test_staff_without_device_is_sent_to_enrolment_and_can_enrol(client, case_officer):
    _password_login(client, case_officer)
    response = client.get(SECOND_FACTOR)
    assert response["Location"].startswith(ENROL)

    page = client.get(ENROL).content.decode()
    assert "<svg" in page  # the QR code
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=case_officer, confirmed=False)
    response = client.post(f"{ENROL}?keep=1", {"code": current_totp_code(device)})
    assert response.status_code == 200
    codes = re.findall(r"<code>([a-z2-9]{5}-[a-z2-9]{5})</code>", response.content.decode())
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(HOME).status_code == 200


def test_recovery_code_works_once(client, case_officer):
    from brygga.accounts.services import recovery_codes_generate

    totp_device_for(case_officer)
    code = recovery_codes_generate(user=case_officer)[0]
    _password_login(client, case_officer)
    response = client.post(SECOND_FACTOR, {"code": code.upper()})
    assert response.status_code == 302
    client.logout()

    _password_login(client, case_officer)
    response = client.post(SECOND_FACTOR, {"code": code})
    assert response.status_code == 200
    assert client.get(HOME).status_code == 302


def test_demo_mode_lets_staff_in_without_second_factor(client, case_officer, settings):
    settings.DEMO_MODE = True
    response = _password_login(client, case_officer)
    assert response["Location"] == HOME
    response = client.get(HOME)
    assert response.status_code == 200
    assert "Demoläge" in response.content.decode()


def test_public_account_cannot_sign_in_as_staff(client, public_user):
    public_user.set_password(TEST_PASSWORD)
    public_user.save()
    response = _password_login(client, public_user)
    assert response.status_code == 200
    assert "Använd Mina sidor" in response.content.decode()


def test_wrong_password_keeps_the_typed_address(client, case_officer):
    response = _password_login(client, case_officer, password="fel-losenord")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Fel e-postadress eller lösenord" in page
    assert f'value="{case_officer.email}"' in page


def test_repeated_failures_lock_the_account(client, case_officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _password_login(client, case_officer, password="fel-losenord")
    response = _password_login(client, case_officer)  # the right password, too late
    assert response.status_code == 429
    assert "tillfälligt spärrat" in response.content.decode()
    assert client.get(HOME).status_code == 302
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.USER_LOCKED_OUT, subject_id=str(case_officer.public_id)
    ).exists()


def test_lockout_of_one_account_leaves_others_alone(client, case_officer, organisation):
    colleague = UserFactory(organisation=organisation)
    for _ in range(10):
        _password_login(client, case_officer, password="fel-losenord")
    response = _password_login(client, colleague)
    assert response.status_code == 302


def test_idle_staff_session_expires(client, case_officer, settings, time_machine):
    from brygga.accounts.tests.helpers import login_staff

    time_machine.move_to("2026-03-02 09:00 +01:00")
    login_staff(client, case_officer)
    assert client.get(HOME).status_code == 200
    time_machine.move_to("2026-03-02 09:20 +01:00")
    assert client.get(HOME).status_code == 200
    time_machine.move_to("2026-03-02 09:51 +01:00")  # 31 minutes after the last request
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
    assert client.get(HOME).status_code == 302
    assert AuditEvent.objects.filter(event_type=AuditEventType.USER_SESSION_EXPIRED).count() == 1


def test_logout_requires_post_and_ends_session(client, case_officer):
    from brygga.accounts.tests.helpers import login_staff

    login_staff(client, case_officer)
    assert client.get(reverse("accounts:staff-logout")).status_code == 405
    client.post(reverse("accounts:staff-logout"))
    assert client.get(HOME).status_code == 302


def test_open_redirect_is_refused(client, case_officer):
    totp_device_for(case_officer)
    client.post(
        LOGIN,
        {
            "username": case_officer.email,
            "password": TEST_PASSWORD,
            "next": "https://evil.example/",
        },
    )
    response = client.get(SECOND_FACTOR + "?next=https://evil.example/")
    assert 'value="https://evil.example/"' not in response.content.decode()
