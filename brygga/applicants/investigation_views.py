"""Staff pages for the investigation of one applicant, and the recruitment configuration.

Thin: each case page checks `can_handle_applicants`, loads the case through the
`access_applicant` gatekeeper (which logs the read), validates a form and calls one service
in `investigation_services`; the service's objections are shown next to the fields and what
was typed stays. After a save it returns to the section of the case page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from brygga.accounts.models import Organisation, User
from brygga.core.access import permission_required, staff_required

from . import investigation_services as services
from . import selectors
from .constants import RegisterCheckKind
from .investigation_forms import (
    APPLICANT,
    AssessmentForm,
    EligibilityRuleForm,
    MeetingBookForm,
    MeetingRecordForm,
    RecruitmentSettingsForm,
    ReferenceAddForm,
    ReferenceContactForm,
    RegisterCheckRecordForm,
    RegisterCheckRequestForm,
    question_field_name,
)
from .models import Applicant, EligibilityRule
from .permissions import access_applicant, can_handle_applicants
from .rules import (
    assessment_questions,
    investigation_checklist,
    member_label,
    requirements_by_type,
)

FORM_TEMPLATE = "applicants/investigation/form.html"

# Purposes of the logged reads (Swedish log data, not translated).
PURPOSE_REGISTER_CHECK = "Registerkontroll i utredning"
PURPOSE_REFERENCE = "Referenstagning i utredning"
PURPOSE_MEETING = "Utredningsmöte"
PURPOSE_ASSESSMENT = "Bedömning i utredning"


def _case(request: HttpRequest, public_id: Any, purpose: str) -> tuple[User, Applicant]:
    user: User = request.user  # type: ignore[assignment]
    if not can_handle_applicants(user):
        raise PermissionDenied
    return user, access_applicant(user=user, public_id=public_id, purpose=purpose)


def case_url(applicant: Applicant, anchor: str) -> str:
    return reverse("applicants:staff-detail", args=[applicant.public_id]) + f"#{anchor}"


def _add_service_errors(form: Form, error: ValidationError, rename: dict[str, str]) -> None:
    """The service's field errors on the form's fields; anything else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        field = rename.get(name, name)
        form.add_error(field if field in form.fields else None, errors)


def _form_page(
    request: HttpRequest,
    *,
    form: Form,
    save: Callable[[dict[str, Any]], Any],
    success_url: str,
    success_message: str,
    context: dict[str, Any],
    rename: dict[str, str] | None = None,
    template: str = FORM_TEMPLATE,
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            _add_service_errors(form, error, rename or {})
        else:
            messages.success(request, success_message)
            return redirect(success_url)
    return render(request, template, {"form": form, **context})


def _case_context(applicant: Applicant, heading: str, anchor: str, **extra: Any) -> dict[str, Any]:
    return {
        "applicant": applicant,
        "heading": heading,
        "back": case_url(applicant, anchor),
        **extra,
    }


def case_context(applicant: Applicant) -> dict[str, Any]:
    """What the investigation sections of the case page show (the lead's staff view adds it
    to the page's context): the check list, and per assignment type the assessment and
    what is still missing before a decision."""
    today = timezone.localdate()
    rows = list(EligibilityRule.objects.filter(organisation_id=applicant.organisation_id))
    requirements = requirements_by_type(applicant, today)
    assessments = {a.assignment_type_id: a for a in applicant.assessments.all()}
    sections = []
    for assignment_type in applicant.assignment_types.all():
        assessment = assessments.get(assignment_type.pk)
        questions = assessment_questions(rows=rows, assignment_type=assignment_type)
        sections.append(
            {
                "type": assignment_type,
                "assessment": assessment,
                "answers": [
                    (q, _display_answer(assessment.answers.get(q.key)) if assessment else "")
                    for q in questions
                ],
                "requirements": [
                    r for r in requirements if r.assignment_type.pk == assignment_type.pk
                ],
            }
        )
    return {
        "checklist": investigation_checklist(applicant, today),
        "assessment_sections": sections,
        "needs_home_visit": any(r.rule.requires_home_visit for r in requirements),
        "today": today,
    }


def _display_answer(value: Any) -> str:
    if value == "yes":
        return _("Ja")
    if value == "no":
        return _("Nej")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


# --- Register checks ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@staff_required
def register_check_new(request: HttpRequest, public_id: Any) -> HttpResponse:
    user, applicant = _case(request, public_id, PURPOSE_REGISTER_CHECK)
    initial = {
        "kind": request.GET.get("kind", ""),
        "person": request.GET.get("person", APPLICANT),
    }
    form = RegisterCheckRequestForm(request.POST or None, applicant=applicant, initial=initial)
    return _form_page(
        request,
        form=form,
        save=lambda data: services.register_check_request(
            applicant=applicant,
            kind=data["kind"],
            household_member=data["household_member"],
            requested_on=data["requested_on"],
            actor=user,
        ),
        rename={"household_member": "person"},
        success_url=case_url(applicant, "registerkontroller"),
        success_message=_("Registerkontrollen är begärd."),
        context=_case_context(applicant, _("Begär registerkontroll"), "registerkontroller"),
    )


@require_http_methods(["GET", "POST"])
@staff_required
def register_check_record(request: HttpRequest, public_id: Any, pk: int) -> HttpResponse:
    user, applicant = _case(request, public_id, PURPOSE_REGISTER_CHECK)
    check = next((c for c in applicant.register_checks.all() if c.pk == pk), None)
    if check is None:
        raise Http404
    initial: dict[str, Any] = {}
    if check.answered_on:
        initial = {
            "answered_on": check.answered_on,
            "extract_date": check.extract_date,
            "outcome": check.outcome,
            "assessment": check.assessment,
        }
    form = RegisterCheckRecordForm(request.POST or None, kind=check.kind, initial=initial)
    person = member_label(check.household_member) if check.household_member else applicant.full_name
    return _form_page(
        request,
        form=form,
        save=lambda data: services.register_check_record(
            check=check,
            answered_on=data["answered_on"],
            extract_date=data.get("extract_date"),
            outcome=data["outcome"],
            assessment=data["assessment"],
            actor=user,
        ),
        success_url=case_url(applicant, "registerkontroller"),
        success_message=_("Svaret på registerkontrollen är registrerat."),
        context=_case_context(
            applicant,
            _("Registrera svar: %(kind)s") % {"kind": RegisterCheckKind(check.kind).label},
            "registerkontroller",
            details=[
                (_("Gäller"), person),
                (_("Begärd"), dateformat.format(check.requested_on, "Y-m-d")),
            ],
            note=_(
                "Utdraget sparas aldrig. Registrera bara att det visats, dess datum och resultatet."
            ),
        ),
    )


# --- References -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@staff_required
def reference_new(request: HttpRequest, public_id: Any) -> HttpResponse:
    user, applicant = _case(request, public_id, PURPOSE_REFERENCE)
    form = ReferenceAddForm(request.POST or None)
    return _form_page(
        request,
        form=form,
        save=lambda data: services.reference_add(
            applicant=applicant,
            name=data["name"],
            relation=data["relation"],
            phone=data["phone"],
            actor=user,
        ),
        success_url=case_url(applicant, "referenser"),
        success_message=_("Referensen är tillagd."),
        context=_case_context(applicant, _("Lägg till referens"), "referenser"),
    )


@require_http_methods(["GET", "POST"])
@staff_required
def reference_contact(request: HttpRequest, public_id: Any, pk: int) -> HttpResponse:
    user, applicant = _case(request, public_id, PURPOSE_REFERENCE)
    reference = next((r for r in applicant.references.all() if r.pk == pk), None)
    if reference is None:
        raise Http404
    initial = (
        {"contacted_on": reference.contacted_on, "notes": reference.notes}
        if reference.contacted_on
        else {}
    )
    form = ReferenceContactForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        form=form,
        save=lambda data: services.reference_record_contact(
            reference=reference,
            contacted_on=data["contacted_on"],
            notes=data["notes"],
            actor=user,
        ),
        success_url=case_url(applicant, "referenser"),
        success_message=_("Referenstagningen är sparad."),
        context=_case_context(
            applicant,
            _("Referens: %(name)s") % {"name": reference.name},
            "referenser",
            details=[
                (_("Relation"), reference.relation),
                (_("Telefon"), reference.phone),
            ],
        ),
    )


# --- Meetings -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@staff_required
def meeting_new(request: HttpRequest, public_id: Any) -> HttpResponse:
    user, applicant = _case(request, public_id, PURPOSE_MEETING)
    form = MeetingBookForm(
        request.POST or None,
        initial={"kind": request.GET.get("kind", ""), "participants": user.get_full_name()},
    )
    return _form_page(
        request,
        form=form,
        save=lambda data: services.meeting_book(
            applicant=applicant,
            kind=data["kind"],
            booked_for=data["booked_for"],
            participants=data["participants"],
            actor=user,
        ),
        success_url=case_url(applicant, "moten"),
        success_message=_("Mötet är bokat."),
        context=_case_context(applicant, _("Boka möte"), "moten"),
    )


@require_http_methods(["GET", "POST"])
@staff_required
def meeting_record(request: HttpRequest, public_id: Any, pk: int) -> HttpResponse:
    user, applicant = _case(request, public_id, PURPOSE_MEETING)
    meeting = next((m for m in applicant.meetings.all() if m.pk == pk), None)
    if meeting is None:
        raise Http404
    initial = {"held_on": meeting.held_on, "notes": meeting.notes} if meeting.held_on else {}
    form = MeetingRecordForm(request.POST or None, initial=initial)
    return _form_page(
        request,
        form=form,
        save=lambda data: services.meeting_record(
            meeting=meeting, held_on=data["held_on"], notes=data["notes"], actor=user
        ),
        success_url=case_url(applicant, "moten"),
        success_message=_("Mötet är registrerat som genomfört."),
        context=_case_context(
            applicant,
            str(meeting.get_kind_display()),
            "moten",
            details=[
                (
                    _("Bokat till"),
                    dateformat.format(timezone.localtime(meeting.booked_for), "Y-m-d H:i"),
                ),
                (_("Deltagare"), meeting.participants),
            ],
        ),
    )


# --- Assessments ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@staff_required
def assessment_edit(request: HttpRequest, public_id: Any, type_code: str) -> HttpResponse:
    user, applicant = _case(request, public_id, PURPOSE_ASSESSMENT)
    assignment_type = next(
        (t for t in applicant.assignment_types.all() if t.code == type_code), None
    )
    if assignment_type is None:
        raise Http404
    questions = assessment_questions(
        rows=EligibilityRule.objects.filter(organisation_id=applicant.organisation_id),
        assignment_type=assignment_type,
    )
    current = next(
        (a for a in applicant.assessments.all() if a.assignment_type_id == assignment_type.pk),
        None,
    )
    initial: dict[str, Any] = {}
    if current is not None:
        initial = {
            "experience_documented": current.experience_documented,
            "summary": current.summary,
            **{question_field_name(q): current.answers.get(q.key) for q in questions},
        }
    form = AssessmentForm(request.POST or None, questions=questions, initial=initial)
    return _form_page(
        request,
        form=form,
        save=lambda data: services.assessment_save(
            applicant=applicant,
            assignment_type=assignment_type,
            answers=form.answers(),
            experience_documented=data["experience_documented"],
            summary=data["summary"],
            actor=user,
        ),
        success_url=case_url(applicant, "bedomning"),
        success_message=_("Bedömningen är sparad."),
        context=_case_context(
            applicant,
            _("Bedömning: %(type)s") % {"type": assignment_type.name},
            "bedomning",
        ),
    )


# --- Configuration: eligibility rules and settings -------------------------------------------


def _organisation(request: HttpRequest) -> tuple[User, Organisation]:
    user: User = request.user  # type: ignore[assignment]
    if user.organisation is None:
        raise Http404
    return user, user.organisation


@permission_required("applicants.change_eligibilityrule")
def rule_list(request: HttpRequest) -> HttpResponse:
    _user, organisation = _organisation(request)
    rules = (
        EligibilityRule.objects.filter(organisation=organisation)
        .select_related("assignment_type", "target_group")
        .order_by("assignment_type__order", "assignment_type__name", "target_group__order")
    )
    return render(request, "applicants/investigation/rule_list.html", {"rules": rules})


@require_http_methods(["GET", "POST"])
@permission_required("applicants.add_eligibilityrule")
def rule_new(request: HttpRequest) -> HttpResponse:
    user, organisation = _organisation(request)
    form = EligibilityRuleForm(
        request.POST or None,
        initial={
            "minimum_age": 18,
            "minimum_references": 2,
            "requires_interview": True,
            "required_checks": [
                RegisterCheckKind.CRIMINAL_RECORD,
                RegisterCheckKind.SUSPICION_REGISTER,
                RegisterCheckKind.SOCIAL_SERVICES,
                RegisterCheckKind.ENFORCEMENT_AUTHORITY,
            ],
        },
    )
    return _form_page(
        request,
        form=form,
        save=lambda data: services.eligibility_rule_save(
            organisation=organisation, fields=data, actor=user
        ),
        success_url=reverse("investigation:rule-list"),
        success_message=_("Kraven är sparade."),
        context={"heading": _("Nya krav"), "back": reverse("investigation:rule-list")},
        template="applicants/investigation/config_form.html",
    )


@require_http_methods(["GET", "POST"])
@permission_required("applicants.change_eligibilityrule")
def rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user, organisation = _organisation(request)
    rule = (
        EligibilityRule.objects.filter(organisation=organisation, pk=pk)
        .select_related("assignment_type", "target_group")
        .first()
    )
    if rule is None:
        raise Http404
    form = EligibilityRuleForm(request.POST or None, initial=EligibilityRuleForm.initial_for(rule))
    return _form_page(
        request,
        form=form,
        save=lambda data: services.eligibility_rule_save(
            organisation=organisation, rule=rule, fields=data, actor=user
        ),
        success_url=reverse("investigation:rule-list"),
        success_message=_("Kraven är sparade."),
        context={"heading": _("Ändra krav"), "back": reverse("investigation:rule-list")},
        template="applicants/investigation/config_form.html",
    )


@require_http_methods(["GET", "POST"])
@permission_required("applicants.change_recruitmentsettings")
def settings_edit(request: HttpRequest) -> HttpResponse:
    user, organisation = _organisation(request)
    current = selectors.recruitment_settings_for(organisation.pk)
    form = RecruitmentSettingsForm(
        request.POST or None,
        initial={
            "callback_days": current.callback_days,
            "investigation_warning_days": current.investigation_warning_days,
        },
    )
    return _form_page(
        request,
        form=form,
        save=lambda data: services.recruitment_settings_save(
            organisation=organisation,
            callback_days=data["callback_days"],
            investigation_warning_days=data["investigation_warning_days"],
            actor=user,
        ),
        success_url=reverse("investigation:settings"),
        success_message=_("Inställningarna är sparade."),
        context={"heading": _("Inställningar för rekrytering"), "back": None},
        template="applicants/investigation/config_form.html",
    )
