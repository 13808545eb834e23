from __future__ import annotations

from typing import IO

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from brygga.accounts.models import User
from brygga.core.access import is_public_user, public_required

from . import selectors, services
from .constants import CLOSED_STAGES, ApplicantStage
from .forms import ApplicantDetailsForm, DeletionRequestForm, DocumentUploadForm
from .models import Applicant, ApplicantDocument

# What happens next, in plain Swedish, for the applicant's own timeline.
NEXT_STEP = {  # lazy: read in the language of each request
    ApplicantStage.RECEIVED: gettext_lazy(
        "En kontaktsekreterare ringer dig inom ungefär två veckor och berättar mer om uppdragen."
    ),
    ApplicantStage.CONTACTED: gettext_lazy(
        "Vi skickar en blankett där du ger ditt medgivande till registerkontroller."
    ),
    ApplicantStage.CONSENT_PENDING: gettext_lazy(
        "Vi väntar på ditt medgivande till registerkontrollerna."
    ),
    ApplicantStage.REGISTER_CHECKS: gettext_lazy(
        "Vi väntar på svar från registren. Det brukar ta några veckor."
    ),
    ApplicantStage.INVESTIGATION: gettext_lazy(
        "Vi träffas för samtal och pratar med dina referenser."
    ),
    ApplicantStage.PROPOSAL: gettext_lazy("Utredningen är klar och beslut fattas inom kort."),
    ApplicantStage.APPROVED: gettext_lazy(
        "Du är godkänd. Vi hör av oss när vi har ett uppdrag som passar dig."
    ),
    ApplicantStage.NOT_APPROVED: gettext_lazy(
        "Du har fått ett beslut. Kontakta oss om du har frågor."
    ),
    ApplicantStage.WITHDRAWN: gettext_lazy(
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


def document_response(document: ApplicantDocument, handle: IO[bytes]) -> FileResponse:
    """A stored document as a download, never rendered inline by the browser (ADR 0013)."""
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _own_case(request: HttpRequest, public_id: str) -> Applicant:
    applicant = selectors.applicant_get_for_owner(
        user=request.user,  # type: ignore[arg-type]
        public_id=public_id,
    )
    if applicant is None:
        raise Http404
    return applicant


@never_cache
@require_http_methods(["GET", "POST"])
@public_required
def applicant_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    """The applicant's own case: status, documents, details, their data, deletion."""
    applicant = _own_case(request, public_id)
    user: User = request.user  # type: ignore[assignment]
    action = request.POST.get("action") if request.method == "POST" else None
    upload_form = DocumentUploadForm(
        request.POST if action == "upload" else None,
        request.FILES if action == "upload" else None,
    )
    details_form = ApplicantDetailsForm(
        request.POST if action == "details" else None,
        initial={
            "phone": applicant.phone,
            "street_address": applicant.street_address,
            "postal_code": applicant.postal_code,
            "city": applicant.city,
            "availability": applicant.availability,
            "frequency": applicant.frequency,
            "commitment": applicant.commitment,
        },
    )
    deletion_form = DeletionRequestForm(request.POST if action == "delete" else None)
    is_open = applicant.stage not in CLOSED_STAGES

    if action == "upload" and upload_form.is_valid():
        document = services.applicant_document_upload(
            applicant=applicant,
            upload=upload_form.cleaned_data["file"],
            kind=upload_form.cleaned_data["kind"],
            actor=user,
        )
        messages.success(request, _("%(name)s är uppladdad.") % {"name": document.original_name})
        return redirect("applicants:detail", public_id=applicant.public_id)
    if action == "details" and details_form.is_valid():
        services.applicant_update_details(
            applicant=applicant, actor=user, changes=details_form.cleaned_data
        )
        messages.success(request, _("Dina uppgifter är sparade."))
        return redirect("applicants:detail", public_id=applicant.public_id)
    if action == "delete" and deletion_form.is_valid():
        services.applicant_deletion_request(
            applicant=applicant, actor=user, message=deletion_form.cleaned_data["message"]
        )
        messages.success(
            request,
            _("Vi har tagit emot din begäran. Vi svarar dig inom en månad."),
        )
        return redirect("applicants:detail", public_id=applicant.public_id)

    return render(
        request,
        "applicants/applicant_detail.html",
        {
            "applicant": applicant,
            "next_step": NEXT_STEP[ApplicantStage(applicant.stage)],
            "is_open": is_open,
            "upload_form": upload_form,
            "details_form": details_form,
            "deletion_form": deletion_form,
            "pending_deletion": next(
                (r for r in applicant.deletion_requests.all() if r.handled_at is None), None
            ),
            "action": action,
            "decisions": [d for d in applicant.decisions.all() if d.decided_at is not None],
        },
        status=400 if action else 200,
    )


@public_required
def applicant_document_download(
    request: HttpRequest, public_id: str, document_id: str
) -> HttpResponseBase:
    applicant = _own_case(request, public_id)
    document = next((d for d in applicant.documents.all() if str(d.public_id) == document_id), None)
    if document is None:
        raise Http404
    handle = services.applicant_document_open(
        document=document,
        actor=request.user,  # type: ignore[arg-type]
    )
    return document_response(document, handle)


@public_required
def applicant_data_export(request: HttpRequest, public_id: str) -> HttpResponse:
    """All data held about me: `?format=json` to download, otherwise a readable page."""
    applicant = _own_case(request, public_id)
    data = services.applicant_data_export(
        applicant=applicant,
        actor=request.user,  # type: ignore[arg-type]
    )
    if request.GET.get("format") == "json":
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
        response["Content-Disposition"] = (
            f'attachment; filename="mina-uppgifter-{timezone.localdate():%Y-%m-%d}.json"'
        )
        return response
    return render(
        request, "applicants/applicant_export.html", {"applicant": applicant, "data": data}
    )


@require_POST
@public_required
def applicant_withdraw(request: HttpRequest, public_id: str) -> HttpResponse:
    applicant = _own_case(request, public_id)
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
