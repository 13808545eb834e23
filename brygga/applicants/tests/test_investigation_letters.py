"""The decision letter: a real PDF, mailed with the decision, downloadable by the owner only."""

from __future__ import annotations

import io

from django.core import mail
from django.urls import reverse
from django.utils import timezone

import pytest
from pypdf import PdfReader

from brygga.accounts.tests.helpers import login_staff
from brygga.applicants.constants import DecisionOutcome
from brygga.applicants.letters import (
    DecisionNotDecidedError,
    decision_letter_pdf,
    decision_notify_applicant,
)
from brygga.applicants.models import ApprovalDecision
from brygga.audit.constants import AuditEventType
from brygga.audit.models import AuditEvent

from .investigation_helpers import applicant_for

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _decision(applicant, manager, outcome=DecisionOutcome.APPROVED, **kwargs):
    manager.title = "Enhetschef"
    manager.save()
    values = {
        "applicant": applicant,
        "outcome": outcome,
        "approvals": [{"type": "kontaktperson", "group": "barn-och-unga", "valid_until": None}],
        "proposed_by": manager,
        "proposed_at": timezone.now(),
    }
    if outcome != DecisionOutcome.PROPOSED:
        values |= {"decided_by": manager, "decided_at": timezone.now()}
    values.update(kwargs)
    return ApprovalDecision.objects.create(**values)


def test_an_approval_letter_is_a_pdf_with_the_decision(organisation, manager):
    applicant = applicant_for(organisation, groups=["barn-och-unga"])
    pdf = decision_letter_pdf(_decision(applicant, manager))
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    assert "godkänd" in text
    assert "Kontaktperson" in text
    assert "Barn och unga" in text
    assert applicant.full_name in text
    assert "Ekby kommun" in text
    assert "Enhetschef" in text


def test_a_rejection_letter_gives_the_reason(organisation, manager):
    applicant = applicant_for(organisation)
    decision = _decision(
        applicant,
        manager,
        DecisionOutcome.REJECTED,
        approvals=[],
        reason="Referenserna talar emot ett uppdrag just nu.",
    )
    text = _text(decision_letter_pdf(decision))
    assert "inte godkänd" in text
    assert "Referenserna talar emot" in text


def test_a_proposal_has_no_letter(organisation, manager):
    applicant = applicant_for(organisation)
    with pytest.raises(DecisionNotDecidedError):
        decision_letter_pdf(_decision(applicant, manager, DecisionOutcome.PROPOSED))


def test_the_applicant_is_mailed_the_letter_on_commit(
    organisation, manager, django_capture_on_commit_callbacks
):
    applicant = applicant_for(organisation)
    mail.outbox.clear()
    decision = _decision(applicant, manager)
    with django_capture_on_commit_callbacks(execute=True):
        decision_notify_applicant(decision, actor=manager)
    [message] = mail.outbox
    assert message.to == [applicant.email]
    assert "Mina sidor" in message.body
    [(filename, content, mimetype)] = message.attachments
    assert mimetype == "application/pdf"
    assert filename.startswith("beslut-") and filename.endswith(".pdf")
    assert content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.APPLICANT_DECISION_LETTER_SENT
    ).exists()


def test_nothing_is_mailed_when_the_transaction_rolls_back(
    organisation, manager, django_capture_on_commit_callbacks
):
    applicant = applicant_for(organisation)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        decision_notify_applicant(_decision(applicant, manager), actor=manager)
    assert len(callbacks) == 1
    assert mail.outbox == []


def _letter_url(decision):
    return reverse("letters:decision", args=[decision.applicant.public_id, decision.public_id])


def test_the_owner_downloads_the_letter_and_it_is_logged(client, organisation, manager):
    applicant = applicant_for(organisation)
    decision = _decision(applicant, manager)
    client.force_login(applicant.user)
    response = client.get(_letter_url(decision))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    event = AuditEvent.objects.get(event_type=AuditEventType.APPLICANT_DECISION_LETTER_DOWNLOADED)
    assert event.actor == applicant.user
    assert event.person_id == str(applicant.public_id)


def test_only_the_owner_and_only_a_decided_decision(client, organisation, manager):
    applicant = applicant_for(organisation)
    other = applicant_for(organisation, serial="983")
    decided = _decision(applicant, manager)
    proposal = _decision(applicant, manager, DecisionOutcome.PROPOSED)
    client.force_login(other.user)
    assert client.get(_letter_url(decided)).status_code == 404
    # Another case's decision under one's own case id is not found either.
    wrong = reverse("letters:decision", args=[other.public_id, decided.public_id])
    assert client.get(wrong).status_code == 404
    client.force_login(applicant.user)
    assert client.get(_letter_url(proposal)).status_code == 404
    client.logout()
    assert client.get(_letter_url(decided)).status_code == 302
    login_staff(client, manager)
    assert client.get(_letter_url(decided)).status_code == 403
    assert not AuditEvent.objects.filter(
        event_type=AuditEventType.APPLICANT_DECISION_LETTER_DOWNLOADED
    ).exists()
