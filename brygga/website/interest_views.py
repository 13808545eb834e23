"""The interest form's steps, its "check your answers" page and the receipt.

Answers live in the session until sent, step by step, exactly as typed: nothing is lost on
an error, on going back or on changing an answer from the check page. Only the final send
writes to the database, through `applicants.services.interest_registration_submit`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django import forms
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from brygga.accounts.models import Organisation
from brygga.accounts.services import AccountKindConflictError
from brygga.applicants.services import RegistrationData, interest_registration_submit
from brygga.catalogue.models import AssignmentType
from brygga.core.http import client_address
from brygga.core.ratelimit import within_limit

from .interest_forms import (
    AssignmentChoiceForm,
    AvailabilityForm,
    ConsentForm,
    ExperienceForm,
    HouseholdFormSet,
    PersonForm,
    ReferencesForm,
)

DRAFT_KEY = "brygga_interest_draft"
RECEIPT_KEY = "brygga_interest_receipt"
HONEYPOT_FIELD = "website"
SUBMISSIONS_PER_HOUR = 10


@dataclass(frozen=True)
class Step:
    slug: str
    title: Any
    form: Callable[..., Any]
    only_for_families: bool = False


STEPS = [
    Step("uppdrag", gettext_lazy("Uppdrag"), AssignmentChoiceForm),
    Step("om-dig", gettext_lazy("Om dig"), PersonForm),
    Step("tid", gettext_lazy("Din tid"), AvailabilityForm),
    Step("hushall", gettext_lazy("Ditt hushåll"), HouseholdFormSet, only_for_families=True),
    Step("erfarenhet", gettext_lazy("Erfarenhet och intressen"), ExperienceForm),
    Step("referenser", gettext_lazy("Referenser"), ReferencesForm),
    Step("medgivande", gettext_lazy("Medgivande"), ConsentForm),
]
STEP_BY_SLUG = {step.slug: step for step in STEPS}


# --- The draft in the session -------------------------------------------------------------


def _draft(request: HttpRequest) -> dict[str, Any]:
    draft: dict[str, Any] = request.session.setdefault(DRAFT_KEY, {"steps": {}})
    return draft


def _save_step(request: HttpRequest, slug: str, data: QueryDict) -> None:
    draft = _draft(request)
    draft["steps"][slug] = {
        key: data.getlist(key) for key in data if key not in {"csrfmiddlewaretoken", "action"}
    }
    request.session.modified = True


def _stored(request: HttpRequest, slug: str) -> QueryDict | None:
    raw = _draft(request)["steps"].get(slug)
    if raw is None:
        return None
    data = QueryDict(mutable=True)
    for key, values in raw.items():
        data.setlist(key, values)
    return data


def _chosen_types(request: HttpRequest) -> list[AssignmentType]:
    data = _stored(request, "uppdrag")
    codes = data.getlist("assignment_types") if data else []
    return list(AssignmentType.objects.filter(code__in=codes, active=True))


def _active_steps(request: HttpRequest) -> list[Step]:
    families = any(t.is_family for t in _chosen_types(request))
    return [s for s in STEPS if families or not s.only_for_families]


def _build(request: HttpRequest, step: Step, data: QueryDict | None) -> Any:
    if step.form is ExperienceForm:
        needs = any(t.requires_experience for t in _chosen_types(request))
        return ExperienceForm(data, requires_experience=needs)
    if step.form is HouseholdFormSet:
        return HouseholdFormSet(data, prefix="household")
    return step.form(data)


def _is_valid(form: Any) -> bool:
    return bool(form.is_valid())


# --- Pages --------------------------------------------------------------------------------


@never_cache
def interest_start(request: HttpRequest) -> HttpResponse:
    """The start page; `?typ=` or `?uppdrag=` preselects what the person came from."""
    type_code = request.GET.get("typ", "")
    open_assignment = request.GET.get("uppdrag", "")
    if type_code or open_assignment:
        draft = _draft(request)
        if AssignmentType.objects.filter(code=type_code, active=True).exists():
            stored = draft["steps"].setdefault("uppdrag", {})
            chosen = stored.setdefault("assignment_types", [])
            if type_code not in chosen:
                chosen.append(type_code)
        with contextlib.suppress(ValueError):
            draft["open_assignment"] = str(UUID(open_assignment))
        request.session.modified = True
    return render(
        request,
        "website/interest/start.html",
        {"first_step": STEPS[0], "steps": _active_steps(request)},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def interest_step(request: HttpRequest, slug: str) -> HttpResponse:
    step = STEP_BY_SLUG.get(slug)
    steps = _active_steps(request)
    if step is None or step not in steps:
        raise Http404
    index = steps.index(step)
    changing = request.GET.get("andra") == "1"

    if request.method == "POST":
        _save_step(request, slug, request.POST)
        if request.POST.get("action") == "back":
            target = steps[index - 1].slug if index else None
            return redirect(_step_url(target) if target else reverse("interest:start"))
        form = _build(request, step, request.POST)
        if _is_valid(form):
            if changing or index + 1 == len(steps):
                return redirect("interest:check")
            return redirect(_step_url(steps[index + 1].slug))
    else:
        stored = _stored(request, slug)
        form = _build(request, step, stored)
        if stored is not None and request.GET.get("fel") == "1":
            _is_valid(form)  # show what must be corrected, coming from the check page
            if slug == "om-dig" and _draft(request).pop("email_conflict", False):
                request.session.modified = True
                form.add_error(
                    "email",
                    _("Adressen används för ett personalkonto. Ange en privat e-postadress."),
                )
        elif stored is not None:
            form = _unbound_with(request, step, stored)

    return render(
        request,
        "website/interest/step.html",
        {
            "step": step,
            "form": form,
            "number": index + 1,
            "total": len(steps),
            "changing": changing,
            "is_formset": step.form is HouseholdFormSet,
        },
    )


def _unbound_with(request: HttpRequest, step: Step, stored: QueryDict) -> Any:
    """Show stored answers without showing errors for a step the person has not sent yet."""
    bound = _build(request, step, stored)
    bound.is_valid()
    if step.form is HouseholdFormSet:
        return bound if bound.is_valid() else _build(request, step, stored)
    initial: dict[str, str | list[str]] = {}
    for name, field in bound.fields.items():
        values = stored.getlist(name)
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
            initial[name] = values
        elif values:
            initial[name] = values[0]
    form = _build(request, step, None)
    form.initial = initial
    return form


def _step_url(slug: str) -> str:
    return reverse("interest:step", args=[slug])


@never_cache
@require_http_methods(["GET", "POST"])
def interest_check(request: HttpRequest) -> HttpResponse:
    steps = _active_steps(request)
    forms_by_step = [(step, _build(request, step, _stored(request, step.slug))) for step in steps]
    for step, form in forms_by_step:
        if _stored(request, step.slug) is None or not _is_valid(form):
            return redirect(f"{_step_url(step.slug)}?fel=1")

    if request.method == "POST":
        if request.POST.get(HONEYPOT_FIELD):
            # A bot filled the invisible field: answer as if all went well, store nothing.
            request.session.pop(DRAFT_KEY, None)
            request.session[RECEIPT_KEY] = {"reference": "IA-0000-00000"}
            return redirect("interest:sent")
        if not _within_rate_limit(request):
            return render(request, "website/interest/rate_limited.html", status=429)
        try:
            registration = interest_registration_submit(
                organisation=_organisation(),
                data=_registration_data(request, dict(forms_by_step)),
            )
        except AccountKindConflictError:
            # A staff member's work address: Mina sidor needs a private one.
            _draft(request)["email_conflict"] = True
            request.session.modified = True
            return redirect(f"{_step_url('om-dig')}?fel=1")
        request.session.pop(DRAFT_KEY, None)
        request.session[RECEIPT_KEY] = {
            "reference": registration.reference,
            "email": registration.applicant.email,
        }
        return redirect("interest:sent")

    return render(
        request,
        "website/interest/check.html",
        {"sections": [_summary(step, form) for step, form in forms_by_step]},
    )


def interest_sent(request: HttpRequest) -> HttpResponse:
    receipt = request.session.get(RECEIPT_KEY)
    if not receipt:
        return redirect("interest:start")
    return render(request, "website/interest/sent.html", {"receipt": receipt})


# --- Helpers ------------------------------------------------------------------------------


def _within_rate_limit(request: HttpRequest) -> bool:
    limit = getattr(settings, "INTEREST_SUBMISSIONS_PER_HOUR", SUBMISSIONS_PER_HOUR)
    return within_limit(f"interest-submit:{client_address(request)}", limit)


def _organisation() -> Organisation:
    # One principal per public site; the first organisation is the site's (as in the footer).
    organisation = Organisation.objects.order_by("pk").first()
    if organisation is None:
        raise Http404
    return organisation


def _registration_data(request: HttpRequest, forms_by_step: dict[Step, Any]) -> RegistrationData:
    def cleaned(slug: str) -> dict[str, Any]:
        for step, form in forms_by_step.items():
            if step.slug == slug:
                return dict(form.cleaned_data)
        return {}

    choice, person, time, experience = (
        cleaned("uppdrag"),
        cleaned("om-dig"),
        cleaned("tid"),
        cleaned("erfarenhet"),
    )
    references, consent = cleaned("referenser"), cleaned("medgivande")
    household_form = next((f for s, f in forms_by_step.items() if s.slug == "hushall"), None)
    household = (
        [
            {
                "first_name": member["first_name"],
                "birth_year": member["birth_year"],
                "relation": member["relation"],
            }
            for member in household_form.cleaned_data
            if member.get("first_name")
        ]
        if household_form is not None
        else []
    )
    open_assignment = _draft(request).get("open_assignment")
    return RegistrationData(
        personal_identity_number=person["personal_identity_number"],
        first_name=person["first_name"],
        last_name=person["last_name"],
        street_address=person["street_address"],
        postal_code=person["postal_code"],
        city=person["city"],
        phone=person["phone"],
        email=person["email"],
        assignment_types=list(choice["assignment_types"]),
        target_groups=list(choice["target_groups"]),
        consents=list(consent["consents"]),
        privacy_notice_acknowledged=consent["privacy_notice_acknowledged"],
        open_assignment_ref=UUID(open_assignment) if open_assignment else None,
        answers={
            "availability": time["availability"],
            "frequency": time["frequency"],
            "commitment": time["commitment"],
            "household": household,
            "occupation": experience["occupation"],
            "experience": experience["experience"],
            "education": experience["education"],
            "languages": experience["languages"],
            "driving_licence": experience["driving_licence"] == "yes",
            "has_car": experience["has_car"] == "yes",
            "interests": experience["interests"],
            "motivation": experience["motivation"],
            "references": [
                {
                    "name": references[f"{n}_name"],
                    "relation": references[f"{n}_relation"],
                    "phone": references[f"{n}_phone"],
                }
                for n in ("first", "second")
            ],
        },
    )


def _display(field: forms.Field, value: Any) -> str:
    if value in (None, "", []):
        return "–"
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(str(obj) for obj in value)
    if isinstance(field, forms.BooleanField):
        return _("Ja") if value else _("Nej")
    if isinstance(field, forms.ChoiceField):
        labels = dict(field.choices)  # type: ignore[arg-type]
        values = value if isinstance(value, list) else [value]
        return ", ".join(str(labels.get(v, v)) for v in values)
    return str(value)


def _summary(step: Step, form: Any) -> dict[str, Any]:
    rows = []
    if step.form is HouseholdFormSet:
        for member in form.cleaned_data:
            if member.get("first_name"):
                rows.append((member["relation"], f"{member['first_name']}, {member['birth_year']}"))
        if not rows:
            rows.append((_("Fler i hushållet"), _("Ingen")))
    else:
        for name, field in form.fields.items():
            rows.append((field.label, _display(field, form.cleaned_data.get(name))))
    return {"step": step, "rows": rows, "url": f"{_step_url(step.slug)}?andra=1"}
