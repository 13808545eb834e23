from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brygga.accounts.models import Organisation
from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record
from brygga.core.access import permission_required

from .constants import RunTrigger
from .forms import DryRunForm, RunForm
from .models import DeletionLedgerEntry, RetentionRun
from .services import ensure_default_rules, retention_dry_run, retention_run
from .targets import TARGETS

LEDGER_RUNS = 20


def _organisation(request: HttpRequest) -> Organisation:
    organisation: Organisation | None = getattr(request.user, "organisation", None)
    if organisation is None:
        raise PermissionDenied
    return organisation


def _page(request: HttpRequest, run_form: RunForm, status: int = 200) -> HttpResponse:
    organisation = _organisation(request)
    rules = ensure_default_rules(organisation)
    today = timezone.localdate()
    form = DryRunForm(request.GET or None, initial={"as_of": today})
    as_of = form.cleaned_data["as_of"] if form.is_bound and form.is_valid() else today
    sweep = None
    if not form.is_bound or form.is_valid():
        sweep = retention_dry_run(organisation=organisation, as_of=as_of)
        audit_record(
            actor=request.user,
            event=AuditEventType.RETENTION_DRY_RUN_VIEWED,
            organisation=organisation,
            changes={"as_of": as_of.isoformat(), "due": sweep.removed},
            purpose="Gallring",
        )
    runs = list(
        RetentionRun.objects.filter(organisation=organisation).select_related("run_by")[
            :LEDGER_RUNS
        ]
    )
    entries = DeletionLedgerEntry.objects.filter(run__in=runs).order_by("run_id", "target", "id")
    by_run: dict[int, list[DeletionLedgerEntry]] = {}
    for entry in entries:
        by_run.setdefault(entry.run_id, []).append(entry)
    return render(
        request,
        "retention/retention.html",
        {
            "rules": [(rule, TARGETS.get(rule.target)) for rule in rules],
            "form": form,
            "run_form": run_form,
            "as_of": as_of,
            "today": today,
            "sweep": sweep,
            "runs": [(run, by_run.get(run.pk, [])) for run in runs],
        },
        status=status,
    )


@permission_required("retention.run_retention")
def retention_overview(request: HttpRequest) -> HttpResponse:
    """Gallring: the rules, a dry run for a chosen day, and the ledger of earlier runs."""
    return _page(request, RunForm())


@require_POST
@permission_required("retention.run_retention")
def retention_run_now(request: HttpRequest) -> HttpResponse:
    """Run retention as of today, after the administrator has confirmed the dry run."""
    form = RunForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    run = retention_run(
        organisation=_organisation(request),
        as_of=timezone.localdate(),
        actor=request.user,
        trigger=RunTrigger.PAGE,
    )
    messages.success(
        request,
        _("Gallringen är klar: %(count)s handlingar gallrade.") % {"count": run.removed},
    )
    return redirect("retention:overview")
