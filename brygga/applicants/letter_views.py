"""Mina sidor: the applicant downloads their own decision letter (PDF)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache

from brygga.accounts.models import User
from brygga.core.access import public_required

from . import selectors
from .constants import DecisionOutcome
from .letters import decision_letter_for_owner, letter_filename


@never_cache
@public_required
def decision_letter(request: HttpRequest, public_id: str, decision_id: str) -> HttpResponse:
    """Only the owner of the case, and only a decided decision (a proposal has no letter)."""
    user: User = request.user  # type: ignore[assignment]
    applicant = selectors.applicant_get_for_owner(user=user, public_id=str(public_id))
    if applicant is None:
        raise Http404
    decision = (
        applicant.decisions.select_related("decided_by")
        .filter(public_id=decision_id, decided_at__isnull=False)
        .exclude(outcome=DecisionOutcome.PROPOSED)
        .first()
    )
    if decision is None:
        raise Http404
    response = HttpResponse(
        decision_letter_for_owner(decision=decision, actor=user), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{letter_filename(decision)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
