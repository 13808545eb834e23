"""The decision letter (beslutsbrev) to an applicant: a PDF from an HTML template (WeasyPrint),
sent by e-mail when the decision is made and downloadable from Mina sidor.

The letter is rendered from the decision each time, never stored. WeasyPrint uses the
system's fonts (DejaVu Sans, Liberation Sans) and is not allowed to fetch anything: the
template carries its own styles and no images or links to load.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NoReturn

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from brygga.accounts.models import User
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.catalogue.models import AssignmentType, TargetGroup

from .constants import DecisionOutcome
from .models import Applicant, ApprovalDecision

LETTER_TEMPLATE = "applicants/letters/decision_letter.html"


class DecisionNotDecidedError(ValueError):
    """A proposal (förslag) has no letter: only a decided decision has one."""


def _no_fetching(url: str, *args: Any, **kwargs: Any) -> NoReturn:
    raise ValueError(f"The decision letter loads nothing from outside: {url}")


def _approval_rows(decision: ApprovalDecision) -> list[dict[str, Any]]:
    codes = [row.get("type") for row in decision.approvals]
    groups = [row.get("group") for row in decision.approvals if row.get("group")]
    type_names = dict(AssignmentType.objects.filter(code__in=codes).values_list("code", "name"))
    group_names = dict(TargetGroup.objects.filter(code__in=groups).values_list("code", "name"))
    rows = []
    for row in decision.approvals:
        valid_until = row.get("valid_until")
        rows.append(
            {
                "type": type_names.get(row.get("type"), row.get("type")),
                "group": group_names.get(row.get("group"), "") if row.get("group") else "",
                "valid_until": date.fromisoformat(valid_until) if valid_until else None,
            }
        )
    return rows


def _contact(applicant: Applicant) -> dict[str, Any]:
    unit = applicant.unit
    organisation = applicant.organisation
    return {
        "unit": unit,
        "contact_phone": (unit.phone if unit else "") or organisation.phone,
        "contact_email": (unit.email if unit else "") or organisation.email,
    }


def _context(decision: ApprovalDecision) -> dict[str, Any]:
    if decision.outcome == DecisionOutcome.PROPOSED or decision.decided_at is None:
        raise DecisionNotDecidedError(str(decision.pk))
    applicant = decision.applicant
    decided_by: User | None = decision.decided_by
    return {
        "decision": decision,
        "applicant": applicant,
        "organisation": applicant.organisation,
        "approved": decision.outcome == DecisionOutcome.APPROVED,
        "approvals": _approval_rows(decision),
        "decided_on": timezone.localtime(decision.decided_at).date(),
        "decided_by_name": decided_by.get_full_name() if decided_by else "",
        "decided_by_title": decided_by.title if decided_by else "",
        **_contact(applicant),
    }


def decision_letter_pdf(decision: ApprovalDecision) -> bytes:
    """The letter for a decided decision as PDF bytes, in Swedish (the language of the
    decision). Raises DecisionNotDecidedError for a proposal."""
    from weasyprint import HTML  # imported here: loading Pango is slow and only PDFs need it

    with translation.override("sv"):
        html = render_to_string(LETTER_TEMPLATE, _context(decision))
    pdf: bytes = HTML(string=html, url_fetcher=_no_fetching).write_pdf()
    return pdf


def letter_filename(decision: ApprovalDecision) -> str:
    day = timezone.localtime(decision.decided_at).date() if decision.decided_at else None
    return f"beslut-{day:%Y-%m-%d}.pdf" if day else "beslut.pdf"


def decision_notify_applicant(decision: ApprovalDecision, *, actor: User | None = None) -> None:
    """E-mail the applicant the decision letter as a PDF attachment, once the transaction
    commits; the mail also says the letter is on Mina sidor. The sending is audited."""
    context = _context(decision)
    applicant = decision.applicant
    case_url = settings.SITE_URL + reverse("applicants:detail", args=[applicant.public_id])
    audit_record(
        actor=actor,
        event=AuditEventType.APPLICANT_DECISION_LETTER_SENT,
        subject=decision,
        person=applicant,
        organisation=applicant.organisation,
        changes={"outcome": decision.outcome},
    )

    def send() -> None:
        with translation.override("sv"):
            mail_context = {**context, "case_url": case_url}
            message = EmailMessage(
                subject=render_to_string(
                    "applicants/email/decision_subject.txt", mail_context
                ).strip(),
                body=render_to_string("applicants/email/decision.txt", mail_context),
                to=[applicant.email],
            )
        message.attach(letter_filename(decision), decision_letter_pdf(decision), "application/pdf")
        message.send()

    transaction.on_commit(send)


def decision_letter_for_owner(*, decision: ApprovalDecision, actor: User) -> bytes:
    """The letter for the applicant's own download from Mina sidor; the download is logged."""
    pdf = decision_letter_pdf(decision)
    audit_record(
        actor=actor,
        event=AuditEventType.APPLICANT_DECISION_LETTER_DOWNLOADED,
        subject=decision,
        person=decision.applicant,
        organisation=decision.applicant.organisation,
    )
    return pdf
