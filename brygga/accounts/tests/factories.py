"""Factories for organisations, units and users. Names are obviously fictional."""

from __future__ import annotations

from typing import Any

import factory
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from brygga.accounts.constants import Role, UserKind
from brygga.accounts.models import Organisation, Unit, User
from brygga.accounts.roles import role_group

TEST_PASSWORD = "ett-langt-testlosenord-42"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Testkommun {n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Enhet {n}")


class UserFactory(factory.django.DjangoModelFactory):
    """A staff member. Traits: `public=True` for an applicant's account; pass `roles=[...]`."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@test.example")
    first_name = "Testa"
    last_name = factory.Sequence(lambda n: f"Testsson{n}")
    kind = UserKind.STAFF
    organisation = factory.SubFactory(OrganisationFactory)
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    class Params:
        public = factory.Trait(kind=UserKind.PUBLIC)

    @factory.post_generation
    def roles(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.groups.set([role_group(Role(r)) for r in extracted])

    @factory.post_generation
    def units(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.units.set(extracted)

    @factory.post_generation
    def save_password(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            self.save()


def totp_device_for(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Testapp", confirmed=True)


def current_totp_code(device: TOTPDevice) -> str:
    """The code the person's app shows right now."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"
