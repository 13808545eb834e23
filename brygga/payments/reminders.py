"""Reminders before the report deadline: one mail per contract and period, to carers who have
not sent the report of the period that just ended. Run daily (`manage.py payments_remind`)."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from brygga.assignments.constants import OCCUPYING
from brygga.contracts.constants import VersionStatus
from brygga.contracts.models import ContractVersion

from .constants import ReportStatus
from .models import PaymentSettings, Report, ReportReminder
from .periods import deadline, previous_period


def send_reminders(*, on: date | None = None) -> int:
    """Send the reminders due on `on` (default today); returns how many were sent."""
    today = on or timezone.localdate()
    sent = 0
    days_before = {
        row.organisation_id: row.reminder_days_before for row in PaymentSettings.objects.all()
    }
    versions = ContractVersion.objects.filter(
        status=VersionStatus.SIGNED, contract__assignment__status__in=OCCUPYING
    ).select_related("contract__assignment__carer", "contract__organisation")
    for version in versions:
        contract = version.contract
        start, end = previous_period(today, version.reporting_frequency)
        if end < version.valid_from:
            continue
        due = deadline(end, version.report_deadline_day)
        if not 0 <= (due - today).days <= days_before.get(contract.organisation_id, 5):
            continue
        done = Report.objects.filter(
            contract=contract,
            period_start=start,
            status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED, ReportStatus.PAID],
        ).exists()
        if done:
            continue
        try:
            with transaction.atomic():
                ReportReminder.objects.create(
                    contract=contract, period_start=start, sent_at=timezone.now()
                )
        except IntegrityError:
            continue  # already reminded
        carer = contract.assignment.carer
        with translation.override("sv"):
            context = {
                "carer": carer,
                "start": start,
                "end": end,
                "deadline": due,
                "url": settings.SITE_URL + reverse("accounts:my-pages"),
            }
            send_mail(
                subject=render_to_string("payments/email/reminder_subject.txt", context).strip(),
                message=render_to_string("payments/email/reminder.txt", context),
                from_email=None,
                recipient_list=[carer.email],
            )
        sent += 1
    return sent
