"""Staff pages for integrations: API tokens, the import, and the API documentation page.
Views are thin: form → one service → redirect (or, for a new token, the one page that shows
it)."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from brygga.accounts.api_scopes import SCOPES_BY_CODE
from brygga.accounts.api_tokens import api_token_create, api_token_revoke
from brygga.accounts.models import ApiToken, User
from brygga.core.access import staff_required

from . import services
from .api_docs import api_reference
from .constants import ImportKind, ImportStatus
from .forms import ApiTokenForm, ImportMappingForm, ImportUploadForm
from .importing import COLUMNS
from .models import ImportRun
from .permissions import api_token_for, can_manage_tokens, can_run_import, import_run_for
from .spreadsheets import write_csv, write_xlsx


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _tokens_allowed(request: HttpRequest) -> User:
    if not can_manage_tokens(request.user):
        raise PermissionDenied
    return _user(request)


def _import_allowed(request: HttpRequest) -> User:
    if not can_run_import(request.user):
        raise PermissionDenied
    return _user(request)


# --- API tokens --------------------------------------------------------------------------------


@staff_required
def token_list(request: HttpRequest) -> HttpResponse:
    user = _tokens_allowed(request)
    form = ApiTokenForm(request.POST or None, organisation=user.organisation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        expires = data.get("expires_on")
        try:
            token, raw = api_token_create(
                organisation=user.organisation,  # type: ignore[arg-type]
                name=data["name"],
                scopes=data["scopes"],
                units=data["units"],
                all_units=data["all_units"],
                expires_at=timezone.make_aware(datetime.combine(expires, time.max))
                if expires
                else None,
                actor=user,
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                field = "expires_on" if field == "expires_at" else field
                form.add_error(field if field in form.fields else None, problems)
        else:
            # Shown once, in this response only: never stored, never in a URL or the session.
            response = render(
                request,
                "integrations/token_created.html",
                {"token": token, "raw_token": raw, "scopes": _scope_labels(token)},
            )
            response["Cache-Control"] = "no-store"
            return response
    tokens = (
        ApiToken.objects.filter(organisation=user.organisation)
        .select_related("created_by")
        .prefetch_related("units")
        .order_by("revoked_at", "name")
    )
    rows = [(token, _scope_labels(token)) for token in tokens]
    return render(request, "integrations/token_list.html", {"form": form, "rows": rows})


def _scope_labels(token: ApiToken) -> list[str]:
    return [str(SCOPES_BY_CODE[c].label) for c in token.scopes if c in SCOPES_BY_CODE]


@require_POST
@staff_required
def token_revoke(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _tokens_allowed(request)
    token = api_token_for(user=user, public_id=public_id)
    api_token_revoke(token=token, actor=user)
    messages.success(request, _("Nyckeln för %(name)s är återkallad.") % {"name": token.name})
    return redirect("integrations:token-list")


# A run whose mapping may be changed and checked again (a failed run saved nothing).
EDITABLE = (ImportStatus.UPLOADED, ImportStatus.CHECKED, ImportStatus.FAILED)


# --- Import -----------------------------------------------------------------------------------


@staff_required
def import_home(request: HttpRequest) -> HttpResponse:
    user = _import_allowed(request)
    form = ImportUploadForm(
        request.POST or None, request.FILES or None, organisation=user.organisation
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            run = services.import_upload(
                organisation=user.organisation,  # type: ignore[arg-type]
                kind=form.cleaned_data["kind"],
                data=upload.read(),
                unit=form.cleaned_data.get("unit"),
                actor=user,
            )
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            return redirect("integrations:import-detail", public_id=run.public_id)
    runs = ImportRun.objects.filter(organisation=user.organisation).select_related(
        "started_by", "confirmed_by"
    )[:20]
    templates = [(kind, kind.label) for kind in ImportKind]
    return render(
        request,
        "integrations/import_home.html",
        {"form": form, "runs": runs, "templates": templates},
    )


@staff_required
def import_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _import_allowed(request)
    run = import_run_for(user=user, public_id=public_id)
    mapping_form = ImportMappingForm(request.POST if request.method == "POST" else None, run=run)
    if request.method == "POST":
        if run.status not in EDITABLE:
            messages.error(request, _("Importen kan inte kontrolleras i det här läget."))
            return redirect("integrations:import-detail", public_id=run.public_id)
        if mapping_form.is_valid():
            services.import_set_mapping(run=run, mapping=mapping_form.mapping(), actor=user)
            services.import_start_check(run=run, actor=user)
            return redirect("integrations:import-detail", public_id=run.public_id)
    problems_by_row: dict[int, list[dict[str, Any]]] = {}
    for problem in run.problems:
        problems_by_row.setdefault(problem["row"], []).append(problem)
    return render(
        request,
        "integrations/import_detail.html",
        {
            "run": run,
            "mapping_form": mapping_form,
            "problem_rows": sorted(problems_by_row.items()),
            "busy": run.status in (ImportStatus.CHECKING, ImportStatus.IMPORTING),
            "editable": run.status in EDITABLE,
            "invalid_rows": run.total_rows - run.valid_rows,
        },
    )


@require_POST
@staff_required
def import_confirm(request: HttpRequest, public_id: str) -> HttpResponse:
    user = _import_allowed(request)
    run = import_run_for(user=user, public_id=public_id)
    if run.status != ImportStatus.CHECKED or run.valid_rows == 0:
        messages.error(request, _("Det finns inga kontrollerade rader att importera."))
        return redirect("integrations:import-detail", public_id=run.public_id)
    try:
        services.import_start_apply(run=run, actor=user)
    except services.ImportStateError:
        messages.error(request, _("Importen har redan startats."))
    return redirect("integrations:import-detail", public_id=run.public_id)


@staff_required
def import_template(request: HttpRequest, kind: str, file_format: str) -> HttpResponse:
    _import_allowed(request)
    if kind not in ImportKind.values or file_format not in {"csv", "xlsx"}:
        raise Http404
    columns = COLUMNS[kind]
    headers = [str(column.header) for column in columns]
    rows = [[column.example for column in columns]]
    if file_format == "csv":
        body, content_type = write_csv(headers, rows), "text/csv; charset=utf-8"
    else:
        body = write_xlsx(headers, rows)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="brygga-mall-{kind}.{file_format}"'
    return response


# --- API documentation --------------------------------------------------------------------------


def api_docs(request: HttpRequest) -> HttpResponse:
    """The OpenAPI schema as a readable page, rendered on the server (no script, strict CSP)."""
    return render(request, "integrations/api_docs.html", {"api": api_reference(request)})
