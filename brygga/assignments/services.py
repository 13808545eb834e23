"""Every write about offers and assignments (uppdrag): offer, answer, first meeting,
confirmation, start, pause, interruption, resumption, end, rematch.

Starting an assignment marks its decision implemented (verkställt) on the start date, which
stops the IVO clock; the carer's status follows the number of running assignments.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from brygga.accounts.models import User
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.carers.constants import CarerStatus
from brygga.carers.models import Carer
from brygga.carers.services import carer_assignments_changed
from brygga.clients.constants import DecisionStatus
from brygga.clients.models import Decision
from brygga.clients.services import decision_mark_implemented
from brygga.website.models import OpenAssignment
from brygga.website.services import open_assignment_create, open_assignment_publish

from .constants import OCCUPYING, AssignmentStatus, EndReason, EventKind, OfferStatus, Party
from .models import Assignment, AssignmentEvent, Interruption, Offer
from .workflow import can_move


class AssignmentStateError(Exception):
    """The step is not allowed from the assignment's or offer's current state."""


def _event(
    *,
    offer: Offer,
    kind: EventKind,
    on: date,
    actor: User | None,
    assignment: Assignment | None = None,
    party: str = "",
    note: str = "",
) -> AssignmentEvent:
    return AssignmentEvent.objects.create(
        offer=offer,
        assignment=assignment,
        kind=kind,
        occurred_on=on,
        recorded_at=timezone.now(),
        actor=actor,
        party=party,
        note=note[:500],
    )


def _sync_carer(carer: Carer, actor: User | None) -> None:
    running = Assignment.objects.filter(
        carer=carer,
        status__in=(
            AssignmentStatus.ACTIVE,
            AssignmentStatus.PAUSED,
            AssignmentStatus.INTERRUPTED,
        ),
    ).count()
    carer_assignments_changed(carer=carer, active_assignments=running, actor=actor)


# --- Offers -----------------------------------------------------------------------------------


def decision_needs_carer(decision: Decision) -> bool:
    """Waiting for its first carer, or implemented but left without one (a rematch)."""
    status = Decision.objects.filter(pk=decision.pk).values_list("status", flat=True).get()
    if status == DecisionStatus.ACTIVE:
        return True
    if status != DecisionStatus.IMPLEMENTED:
        return False
    return not Assignment.objects.filter(decision=decision, status__in=OCCUPYING).exists()


@transaction.atomic
def offer_make(
    *,
    decision: Decision,
    carer: Carer,
    brief: str,
    actor: User,
    rank: int | None = None,
    outside_ranking_reason: str = "",
) -> Offer:
    """Offer the decision's assignment to a carer, anonymously. Choosing someone other than
    the best-ranked candidate needs a recorded reason."""
    errors: dict[str, str] = {}
    if not decision_needs_carer(decision):
        errors["decision"] = _("Beslutet är avslutat eller har redan ett pågående uppdrag.")
    if carer.organisation_id != decision.organisation_id:
        errors["carer"] = _("Uppdragstagaren hör till en annan organisation.")
    if carer.status in (CarerStatus.PAUSED, CarerStatus.DEREGISTERED):
        errors["carer"] = _("Uppdragstagaren tar inte emot nya uppdrag just nu.")
    if not brief.strip():
        errors["brief"] = _("Skriv en kort, anonym beskrivning av uppdraget.")
    if rank != 1 and not outside_ranking_reason.strip():
        errors["outside_ranking_reason"] = _(
            "Skriv varför du väljer någon annan än den högst rankade."
        )
    if Offer.objects.filter(decision=decision, carer=carer, status=OfferStatus.PENDING).exists():
        errors["carer"] = _("Uppdragstagaren har redan ett obesvarat erbjudande för beslutet.")
    if errors:
        raise ValidationError(errors)
    offer = Offer.objects.create(
        organisation_id=decision.organisation_id,
        decision=decision,
        carer=carer,
        brief=brief.strip(),
        offered_by=actor,
        offered_at=timezone.now(),
        rank_at_offer=rank,
        outside_ranking_reason=outside_ranking_reason.strip(),
    )
    _event(offer=offer, kind=EventKind.OFFERED, on=timezone.localdate(), actor=actor)
    audit_record(
        actor=actor,
        event=AuditEventType.OFFER_MADE,
        subject=offer,
        person=decision.client,
        organisation=decision.organisation,
        changes={"carer": str(carer.public_id), "rank": rank},
    )
    _mail_offer_on_commit(offer)
    return offer


def _mail_offer_on_commit(offer: Offer) -> None:
    from django.conf import settings

    context = {
        "carer": offer.carer,
        "offer": offer,
        "url": settings.SITE_URL + reverse("accounts:login-link"),
    }
    language = translation.get_language()

    def send() -> None:
        with translation.override(language):
            send_mail(
                subject=render_to_string("assignments/email/offer_subject.txt", context).strip(),
                message=render_to_string("assignments/email/offer.txt", context),
                from_email=None,
                recipient_list=[offer.carer.email],
            )

    transaction.on_commit(send)


@transaction.atomic
def offer_respond(*, offer: Offer, accept: bool, note: str, actor: User) -> Offer:
    """The carer accepts or declines on Mina sidor. A decline needs no reason but may give one;
    an acceptance creates the planned assignment. A declined offer leaves the decision waiting
    (it does not close an IVO report)."""
    locked = Offer.objects.select_for_update().get(pk=offer.pk)
    if locked.status != OfferStatus.PENDING:
        raise AssignmentStateError(locked.status)
    locked.status = OfferStatus.ACCEPTED if accept else OfferStatus.DECLINED
    locked.responded_at = timezone.now()
    locked.response_note = note.strip()[:1000]
    locked.save(update_fields=["status", "responded_at", "response_note", "updated_at"])
    assignment = None
    if accept:
        assignment = Assignment.objects.create(
            organisation_id=locked.organisation_id,
            decision=locked.decision,
            carer=locked.carer,
            offer=locked,
        )
    _event(
        offer=locked,
        assignment=assignment,
        kind=EventKind.ACCEPTED if accept else EventKind.DECLINED,
        on=timezone.localdate(),
        actor=actor,
        party=Party.CARER,
        note=note,
    )
    audit_record(
        actor=actor,
        event=AuditEventType.OFFER_ACCEPTED if accept else AuditEventType.OFFER_DECLINED,
        subject=locked,
        person=locked.decision.client,
        organisation=locked.decision.organisation,
    )
    offer.status = locked.status
    return locked


@transaction.atomic
def offer_withdraw(*, offer: Offer, reason: str, actor: User) -> Offer:
    """The municipality takes back an unanswered offer (the decision found another match)."""
    locked = Offer.objects.select_for_update().get(pk=offer.pk)
    if locked.status != OfferStatus.PENDING:
        raise AssignmentStateError(locked.status)
    locked.status = OfferStatus.WITHDRAWN
    locked.responded_at = timezone.now()
    locked.response_note = reason.strip()[:1000]
    locked.save(update_fields=["status", "responded_at", "response_note", "updated_at"])
    _event(
        offer=locked, kind=EventKind.WITHDRAWN, on=timezone.localdate(), actor=actor, note=reason
    )
    audit_record(
        actor=actor,
        event=AuditEventType.OFFER_WITHDRAWN,
        subject=locked,
        person=locked.decision.client,
        organisation=locked.decision.organisation,
    )
    return locked


@transaction.atomic
def assignment_register_running(
    *, decision: Decision, carer: Carer, started_on: date, actor: User
) -> Assignment:
    """An assignment that has been running since `started_on`, brought over from the
    municipality's earlier register (the import). It is recorded as accepted, confirmed and
    started on that day, so the decision counts as implemented then, as if it had gone through
    Brygga's steps."""
    errors: dict[str, str] = {}
    if not decision_needs_carer(decision):
        errors["decision"] = _("Beslutet är avslutat eller har redan ett pågående uppdrag.")
    if carer.organisation_id != decision.organisation_id:
        errors["carer"] = _("Uppdragstagaren hör till en annan organisation.")
    elif carer.status == CarerStatus.DEREGISTERED:
        errors["carer"] = _("Uppdragstagaren är avregistrerad.")
    if started_on > timezone.localdate():
        errors["started_on"] = _("Datumet kan inte ligga i framtiden.")
    elif started_on < decision.decision_date:
        errors["started_on"] = _("Uppdraget kan inte starta före beslutsdatumet.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    offer = Offer.objects.create(
        organisation_id=decision.organisation_id,
        decision=decision,
        carer=carer,
        brief=_("Pågående uppdrag överfört till Brygga."),
        offered_by=actor,
        offered_at=now,
        status=OfferStatus.ACCEPTED,
        responded_at=now,
    )
    assignment = Assignment.objects.create(
        organisation_id=decision.organisation_id,
        decision=decision,
        carer=carer,
        offer=offer,
        status=AssignmentStatus.ACTIVE,
        carer_confirmed_at=now,
        client_confirmed_at=now,
        started_on=started_on,
    )
    _event(offer=offer, assignment=assignment, kind=EventKind.STARTED, on=started_on, actor=actor)
    audit_record(
        actor=actor,
        event=AuditEventType.ASSIGNMENT_STARTED,
        subject=assignment,
        person=decision.client,
        organisation=decision.organisation,
        changes={
            "status": ["", str(AssignmentStatus.ACTIVE)],
            "on": started_on.isoformat(),
            "carer": str(carer.public_id),
            "imported": True,
        },
    )
    if Decision.objects.filter(pk=decision.pk, status=DecisionStatus.ACTIVE).exists():
        decision_mark_implemented(decision=decision, implemented_on=started_on, actor=actor)
    _sync_carer(carer, actor)
    return assignment


# --- The assignment's life -------------------------------------------------------------------


def _locked(assignment: Assignment) -> Assignment:
    # Lock the assignment row only: PostgreSQL refuses FOR UPDATE on the nullable side of
    # the join to the offer.
    return (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("offer", "decision")
        .get(pk=assignment.pk)
    )


def _step(
    *,
    assignment: Assignment,
    to: AssignmentStatus,
    kind: EventKind,
    on: date,
    actor: User,
    note: str = "",
    party: str = "",
    event: AuditEventType,
) -> Assignment:
    if not can_move(assignment.status, to):
        raise AssignmentStateError(f"{assignment.status} → {to}")
    if on > timezone.localdate():
        raise ValidationError({"on": _("Datumet kan inte ligga i framtiden.")})
    old = assignment.status
    assignment.status = to
    assignment.save()
    assert assignment.offer is not None  # noqa: S101 - every assignment comes from an offer
    _event(
        offer=assignment.offer,
        assignment=assignment,
        kind=kind,
        on=on,
        actor=actor,
        party=party,
        note=note,
    )
    audit_record(
        actor=actor,
        event=event,
        subject=assignment,
        person=assignment.decision.client,
        organisation=assignment.decision.organisation,
        changes={"status": [old, str(to)], "on": on.isoformat()},
    )
    return assignment


@transaction.atomic
def assignment_first_meeting(*, assignment: Assignment, on: date, actor: User) -> Assignment:
    """The first meeting (with staff) took place."""
    locked = _locked(assignment)
    if locked.status != AssignmentStatus.PLANNED:
        raise AssignmentStateError(locked.status)
    accepted = locked.offer.responded_at if locked.offer else None
    if on > timezone.localdate() or (accepted and on < timezone.localdate(accepted)):
        raise ValidationError(
            {"on": _("Det första mötet måste ligga mellan att erbjudandet accepterades och i dag.")}
        )
    locked.first_meeting_on = on
    locked.save(update_fields=["first_meeting_on", "updated_at"])
    assert locked.offer is not None  # noqa: S101
    _event(offer=locked.offer, assignment=locked, kind=EventKind.FIRST_MEETING, on=on, actor=actor)
    return locked


@transaction.atomic
def assignment_confirm(*, assignment: Assignment, party: Party, actor: User) -> Assignment:
    """One side says yes after the first meeting (the carer on Mina sidor, the client through
    the case officer)."""
    locked = _locked(assignment)
    if locked.status != AssignmentStatus.PLANNED:
        raise AssignmentStateError(locked.status)
    now = timezone.now()
    if party == Party.CARER:
        locked.carer_confirmed_at = now
    else:
        locked.client_confirmed_at = now
    locked.save(update_fields=["carer_confirmed_at", "client_confirmed_at", "updated_at"])
    assert locked.offer is not None  # noqa: S101
    _event(
        offer=locked.offer,
        assignment=locked,
        kind=EventKind.CONFIRMED_BY_CARER
        if party == Party.CARER
        else EventKind.CONFIRMED_BY_CLIENT,
        on=timezone.localdate(),
        actor=actor,
        party=party,
    )
    return locked


@transaction.atomic
def assignment_start(*, assignment: Assignment, started_on: date, actor: User) -> Assignment:
    """The assignment starts on `started_on`: the decision counts as implemented that day."""
    locked = _locked(assignment)
    if not (locked.carer_confirmed_at and locked.client_confirmed_at):
        raise ValidationError(
            {"started_on": _("Båda parter behöver ha bekräftat innan uppdraget startar.")}
        )
    if locked.first_meeting_on and started_on < locked.first_meeting_on:
        raise ValidationError({"started_on": _("Uppdraget kan inte starta före det första mötet.")})
    locked.started_on = started_on
    _step(
        assignment=locked,
        to=AssignmentStatus.ACTIVE,
        kind=EventKind.STARTED,
        on=started_on,
        actor=actor,
        event=AuditEventType.ASSIGNMENT_STARTED,
    )
    if locked.decision.status == DecisionStatus.ACTIVE:
        decision_mark_implemented(decision=locked.decision, implemented_on=started_on, actor=actor)
    _sync_carer(locked.carer, actor)
    return locked


@transaction.atomic
def assignment_pause(*, assignment: Assignment, on: date, note: str, actor: User) -> Assignment:
    """An agreed pause (holiday, illness) that is part of the plan, not an interruption."""
    return _step(
        assignment=_locked(assignment),
        to=AssignmentStatus.PAUSED,
        kind=EventKind.PAUSED,
        on=on,
        actor=actor,
        note=note,
        event=AuditEventType.ASSIGNMENT_PAUSED,
    )


@transaction.atomic
def assignment_interrupt(
    *, assignment: Assignment, on: date, cause: str, actor: User
) -> Assignment:
    """An avbrott: the support stopped against the decision. If not resumed within three
    months it is reportable to IVO (oversight)."""
    if not cause.strip():
        raise ValidationError({"cause": _("Skriv orsaken till avbrottet.")})
    locked = _step(
        assignment=_locked(assignment),
        to=AssignmentStatus.INTERRUPTED,
        kind=EventKind.INTERRUPTED,
        on=on,
        actor=actor,
        note=cause,
        event=AuditEventType.ASSIGNMENT_INTERRUPTED,
    )
    Interruption.objects.create(assignment=locked, started_on=on, cause=cause.strip()[:300])
    return locked


@transaction.atomic
def assignment_resume(*, assignment: Assignment, on: date, actor: User) -> Assignment:
    locked = _locked(assignment)
    was_interrupted = locked.status == AssignmentStatus.INTERRUPTED
    _step(
        assignment=locked,
        to=AssignmentStatus.ACTIVE,
        kind=EventKind.RESUMED,
        on=on,
        actor=actor,
        event=AuditEventType.ASSIGNMENT_RESUMED,
    )
    if was_interrupted:
        Interruption.objects.filter(assignment=locked, resumed_on__isnull=True).update(
            resumed_on=on
        )
    return locked


@transaction.atomic
def assignment_end(
    *, assignment: Assignment, on: date, reason: EndReason, note: str, actor: User
) -> Assignment:
    """End the assignment. The decision stays as it is: it may need a new carer (rematch),
    or the case officer ends it separately."""
    locked = _locked(assignment)
    locked.ended_on = on
    locked.end_reason = reason
    _step(
        assignment=locked,
        to=AssignmentStatus.ENDED,
        kind=EventKind.ENDED,
        on=on,
        actor=actor,
        note=note,
        event=AuditEventType.ASSIGNMENT_ENDED,
    )
    Interruption.objects.filter(assignment=locked, resumed_on__isnull=True).update(resumed_on=on)
    _sync_carer(locked.carer, actor)
    return locked


@transaction.atomic
def assignment_rematch(*, assignment: Assignment, on: date, note: str, actor: User) -> Assignment:
    """End the assignment for a new match. The decision's later offers point back to it."""
    return assignment_end(
        assignment=assignment, on=on, reason=EndReason.REMATCH, note=note, actor=actor
    )


@transaction.atomic
def decision_publish(*, decision: Decision, fields: dict[str, Any], actor: User) -> OpenAssignment:
    """Publish the decision as an anonymous open assignment on the public site.

    The listing carries the client's protected-identity flag, so the website refuses to
    publish it (and its database constraint backs that up)."""
    if not decision_needs_carer(decision):
        raise ValidationError(_("Beslutet är avslutat eller har redan ett pågående uppdrag."))
    listing = open_assignment_create(
        organisation=decision.organisation,
        fields={
            **fields,
            "assignment_type": decision.assignment_type,
            "target_group": decision.target_group,
            "responsible_unit": decision.client.unit,
            "client_has_protected_identity": decision.client.protected_identity,
        },
        actor=actor,
    )
    return open_assignment_publish(assignment=listing, actor=actor)
