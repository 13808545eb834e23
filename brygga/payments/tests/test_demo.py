from django.core.management import call_command

import pytest

from brygga.contracts.models import ContractVersion
from brygga.payments.models import PaymentRun, Report

pytestmark = pytest.mark.django_db


def test_demo_has_contracts_reports_in_every_state_and_one_exported_run(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "documents"
    call_command("seed_demo_data")
    statuses = {v.status for v in ContractVersion.objects.all()}
    assert statuses >= {"sent", "accepted", "signed", "superseded"}  # a change kept the old one
    assert set(Report.objects.values_list("status", flat=True)) == {
        "draft",
        "submitted",
        "returned",
        "approved",
        "paid",
    }
    run = PaymentRun.objects.get()
    assert run.status == "exported"
    assert run.lines.count() > 0
    assert Report.objects.filter(expenses__isnull=False).exists()
