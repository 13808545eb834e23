from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brygga.core.access import is_public_user, public_required

from . import selectors, services
from .constants import CLOSED_STAGES, ApplicantStage

# What happens next, in plain Swedish, for the applicant's own timeline.
NEXT_STEP = {
    ApplicantStage.RECEIVED: _(
        "En kontaktsekreterare ringer dig inom ungefär två veckor och berättar mer om uppdragen."
    ),
    ApplicantStage.CONTACTED: _(
        "Vi skickar en blankett där du ger ditt medgivande till registerkontroller."
    ),
    ApplicantStage.CONSENT_PENDING: _("Vi väntar på ditt medgivande till registerkontrollerna."),
    ApplicantStage.REGISTER_CHECKS: _(
        "Vi väntar på svar från registren. Det brukar ta några veckor."
    ),
    ApplicantStage.INVESTIGATION: _("Vi träffas för samtal och pratar med dina referenser."),
    ApplicantStage.PROPOSAL: _("Utredningen är klar och beslut fattas inom kort."),
    ApplicantStage.APPROVED: _(
        "Du är godkänd. Vi hör av oss när vi har ett uppdrag som passar dig."
    ),
    ApplicantStage.NOT_APPROVED: _("Du har fått ett beslut. Kontakta oss om du har frågor."),
    ApplicantStage.WITHDRAWN: _(
        "Du har återkallat din ansökan. Du är välkommen att anmäla intresse igen."
    ),
}


def my_pages_section(request: HttpRequest) -> SafeString | None:
    """The applicant's cases on Mina sidor: status timeline, what happens next, withdraw."""
    if not is_public_user(request.user):
        return None
    cases = list(selectors.applicant_list_for_owner(user=request.user))  # type: ignore[arg-type]
    if not cases:
        return None
    html = render_to_string(
        "applicants/_my_pages_section.html",
        {
            "cases": [
                {
                    "applicant": case,
                    "next_step": NEXT_STEP[ApplicantStage(case.stage)],
                    "open": case.stage not in CLOSED_STAGES,
                }
                for case in cases
            ]
        },
        request=request,
    )
    return mark_safe(html)  # noqa: S308 - rendered by our own autoescaping template


@require_POST
@public_required
def applicant_withdraw(request: HttpRequest, public_id: str) -> HttpResponse:
    applicant = selectors.applicant_get_for_owner(
        user=request.user,  # type: ignore[arg-type]
        public_id=public_id,
    )
    if applicant is None:
        raise Http404
    if applicant.stage in CLOSED_STAGES:
        messages.info(request, _("Ansökan är redan avslutad."))
        return redirect("accounts:my-pages")
    services.applicant_withdraw(
        applicant=applicant,
        actor=request.user,  # type: ignore[arg-type]
        reason=request.POST.get("reason", "").strip(),
    )
    messages.success(request, _("Din ansökan är återkallad."))
    return redirect("accounts:my-pages")
