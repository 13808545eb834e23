from django.core.management import CommandError, call_command

import pytest

from brygga.accounts.constants import Role, UserKind
from brygga.accounts.models import User

pytestmark = pytest.mark.django_db


def test_demo_municipality_has_one_staff_member_per_role_and_is_loaded_once(capsys):
    call_command("seed_demo_data", "--if-empty")
    staff = User.objects.filter(kind=UserKind.STAFF)
    held = {role for user in staff for role in user.roles}
    assert held == set(Role)
    assert User.objects.filter(kind=UserKind.PUBLIC).count() >= 1
    assert all(u.organisation.name == "Ekby kommun" for u in User.objects.all())

    count = User.objects.count()
    call_command("seed_demo_data", "--if-empty")
    assert User.objects.count() == count
    with pytest.raises(CommandError):
        call_command("seed_demo_data")


def test_demo_people_are_fictional():
    call_command("seed_demo_data", "--if-empty")
    for user in User.objects.all():
        assert user.email.endswith("@ekby.example")


def test_demo_applicants_sign_in_to_their_own_case():
    from brygga.applicants.models import Applicant

    call_command("seed_demo_data", "--if-empty")
    sara = Applicant.objects.get(email="sokande@ekby.example")
    assert sara.user.email == "sokande@ekby.example"
    assert sara.personal_identity_number[8:11] in {str(n) for n in range(980, 1000)}
    from brygga.applicants.constants import ApplicantStage
    from brygga.carers.models import Carer

    stages = set(Applicant.objects.values_list("stage", flat=True))
    assert stages == set(ApplicantStage)
    # The applicants demo's approved applicant (the oversight demo adds a year of history).
    from brygga.applicants.demo import APPROVED

    approved = Applicant.objects.get(stage=ApplicantStage.APPROVED, first_name=APPROVED)
    assert Carer.objects.filter(source_applicant_ref=approved.public_id).exists()
