from __future__ import annotations

from django.test import Client

from django_otp import DEVICE_ID_SESSION_KEY

from brygga.accounts.models import User

from .factories import totp_device_for


def login_staff(client: Client, user: User) -> None:
    """Sign a staff member in as if they had passed both factors."""
    device = totp_device_for(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
