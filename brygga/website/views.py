from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from brygga.accounts.models import Organisation, User
from brygga.core.access import permission_required, staff_required
from brygga.core.http import client_address

from . import selectors, services
from .constants import FEEDBACK_URL_NAMES
from .forms import (
    AssignmentTypePageForm,
    FaqCategoryForm,
    FaqEntryForm,
    OpenAssignmentFilterForm,
    OpenAssignmentForm,
    PageFeedbackForm,
    StoryForm,
)

PUBLIC_PAGE_SIZE = 20
STAFF_PAGE_SIZE = 50
INTEREST_FORM_PATH = "/anmal-intresse/"


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "website/home.html")


def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "website/privacy.html")


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "website/accessibility.html")


# --- Public content -----------------------------------------------------------------------------


def _feedback_form(request: HttpRequest) -> PageFeedbackForm:
    return PageFeedbackForm(initial={"page": request.path})


def _latest(queryset: models.QuerySet[Any]) -> Any:
    """The most recently updated row of a list, for "Senast uppdaterad" (one query)."""
    return queryset.select_related("responsible_unit").order_by("-updated_at").first()


def _interest_url(**params: str) -> str:
    return f"{INTEREST_FORM_PATH}?{urlencode(params)}"


def assignment_type_list(request: HttpRequest) -> HttpResponse:
    organisation = selectors.public_organisation(request)
    pages = selectors.assignment_type_page_list_published(organisation=organisation)
    page = Paginator(pages, PUBLIC_PAGE_SIZE).get_page(request.GET.get("page"))
    latest = _latest(pages)
    return render(
        request,
        "website/assignment_type_list.html",
        {
            "page": page,
            "latest": latest,
            "feedback_form": _feedback_form(request),
        },
    )


def assignment_type_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.public_organisation(request)
    type_page = selectors.assignment_type_page_get_published(organisation=organisation, slug=slug)
    return render(
        request,
        "website/assignment_type_detail.html",
        {
            "type_page": type_page,
            "interest_url": _interest_url(typ=type_page.assignment_type.code),
            "open_assignments_url": (
                f"{reverse('website:open-assignment-list')}?"
                f"{urlencode({'typ': type_page.assignment_type.code})}"
            ),
            "feedback_form": _feedback_form(request),
        },
    )


def open_assignment_list(request: HttpRequest) -> HttpResponse:
    organisation = selectors.public_organisation(request)
    form = OpenAssignmentFilterForm(
        request.GET or None,
        areas=selectors.open_assignment_areas_published(organisation=organisation),
    )
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    assignments = selectors.open_assignment_list_published(
        organisation=organisation,
        assignment_type_code=filters.get("typ", ""),
        target_group_code=filters.get("malgrupp", ""),
        area=filters.get("omrade", ""),
    )
    page = Paginator(assignments, PUBLIC_PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in filters.items() if v})
    return render(
        request,
        "website/open_assignment_list.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "filtered": bool(query),
            "latest": _latest(selectors.open_assignment_list_published(organisation=organisation)),
            "feedback_form": _feedback_form(request),
        },
    )


def open_assignment_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    organisation = selectors.public_organisation(request)
    assignment = selectors.open_assignment_get_published(
        organisation=organisation, public_id=public_id
    )
    return render(
        request,
        "website/open_assignment_detail.html",
        {
            "assignment": assignment,
            "interest_url": _interest_url(uppdrag=str(assignment.public_id)),
            "feedback_form": _feedback_form(request),
        },
    )


def faq(request: HttpRequest) -> HttpResponse:
    organisation = selectors.public_organisation(request)
    return render(
        request,
        "website/faq.html",
        {
            "faq": selectors.faq_page(organisation=organisation),
            "feedback_form": _feedback_form(request),
        },
    )


def contact(request: HttpRequest) -> HttpResponse:
    organisation = selectors.public_organisation(request)
    units = list(selectors.contact_unit_list(organisation=organisation))
    return render(
        request,
        "website/contact.html",
        {
            "units": units,
            "updated_at": max((u.updated_at for u in units), default=None),
            "feedback_form": _feedback_form(request),
        },
    )


def story_list(request: HttpRequest) -> HttpResponse:
    organisation = selectors.public_organisation(request)
    stories = selectors.story_list_published(organisation=organisation)
    page = Paginator(stories, PUBLIC_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "website/story_list.html",
        {"page": page, "latest": _latest(stories), "feedback_form": _feedback_form(request)},
    )


def story_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.public_organisation(request)
    story = selectors.story_get_published(organisation=organisation, slug=slug)
    return render(
        request,
        "website/story_detail.html",
        {"story": story, "feedback_form": _feedback_form(request)},
    )


def _feedback_page_path(value: str) -> str | None:
    """The content page the answer is about, or None if it is not one of ours."""
    path = urlsplit(value).path
    if not path.startswith("/") or path.startswith("//"):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.namespace != "website" or match.url_name not in FEEDBACK_URL_NAMES:
        return None
    return path


@require_POST
def page_feedback(request: HttpRequest) -> HttpResponse:
    """The "Hjälpte informationen dig?" form on every content page; works without JS."""
    organisation = selectors.public_organisation(request)
    form = PageFeedbackForm(request.POST)
    path = _feedback_page_path(request.POST.get("page", ""))
    if organisation is None or path is None:
        raise Http404
    if not form.is_valid():
        return render(request, "website/feedback.html", {"form": form, "back": path}, status=400)
    result = services.page_feedback_submit(
        organisation=organisation,
        path=path,
        helpful=form.cleaned_data["helpful"],
        comment=form.cleaned_data["comment"],
        client_address=client_address(request),
        honeypot=form.cleaned_data["webbplats"],
    )
    if result.rate_limited:
        return render(
            request,
            "website/feedback.html",
            {"form": form, "back": path, "rate_limited": True},
            status=429,
        )
    messages.success(request, _("Tack för ditt svar! Det hjälper oss att förbättra sidan."))
    return HttpResponseRedirect(path)


# --- Staff: editing the site ----------------------------------------------------------------------


def _staff(request: HttpRequest) -> tuple[User, Organisation]:
    """The editor and their organisation; without one there is nothing to edit."""
    user: User = request.user  # type: ignore[assignment]
    if user.organisation is None:
        raise Http404
    return user, user.organisation


def _edit(
    request: HttpRequest,
    *,
    form: Any,
    save: Callable[[Mapping[str, Any]], Any],
    template: str,
    success_url: str,
    context: dict[str, Any],
) -> HttpResponse:
    """Validate, call the service, and show the service's own objections next to the fields."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Ändringarna är sparade."))
            return redirect(success_url)
    return render(request, template, {"form": form, **context})


STAFF_HOME_PERMISSIONS = (
    "website.change_assignmenttypepage",
    "website.change_faqentry",
    "website.change_story",
    "website.view_pagefeedback",
    "website.manage_openassignment",
)


@staff_required
def staff_home(request: HttpRequest) -> HttpResponse:
    if not any(request.user.has_perm(perm) for perm in STAFF_HOME_PERMISSIONS):
        raise PermissionDenied
    return render(request, "website/staff/home.html")


@permission_required("website.change_assignmenttypepage")
def staff_page_list(request: HttpRequest) -> HttpResponse:
    user, _organisation = _staff(request)
    pages = selectors.assignment_type_page_list_for_staff(user=user)
    page = Paginator(pages, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "website/staff/page_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
@permission_required("website.add_assignmenttypepage")
def staff_page_create(request: HttpRequest) -> HttpResponse:
    user, organisation = _staff(request)
    form = AssignmentTypePageForm(request.POST or None, organisation=organisation)
    return _edit(
        request,
        form=form,
        save=lambda data: services.assignment_type_page_create(
            organisation=organisation,
            fields=data,
            actor=user,
        ),
        template="website/staff/page_form.html",
        success_url=reverse("website:staff-page-list"),
        context={"heading": _("Ny sida om uppdragstyp")},
    )


@require_http_methods(["GET", "POST"])
@permission_required("website.change_assignmenttypepage")
def staff_page_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    user, organisation = _staff(request)
    type_page = selectors.assignment_type_page_get_for_staff(user=user, public_id=public_id)
    form = AssignmentTypePageForm(
        request.POST or None, instance=type_page, organisation=organisation
    )
    return _edit(
        request,
        form=form,
        save=lambda data: services.assignment_type_page_update(
            page=type_page, fields=data, actor=user
        ),
        template="website/staff/page_form.html",
        success_url=reverse("website:staff-page-list"),
        context={"heading": _("Ändra sida om uppdragstyp"), "object": type_page},
    )


@permission_required("website.change_faqentry")
def staff_faq_list(request: HttpRequest) -> HttpResponse:
    user, _organisation = _staff(request)
    return render(
        request,
        "website/staff/faq_list.html",
        {"categories": selectors.faq_category_list_for_staff(user=user)},
    )


@require_http_methods(["GET", "POST"])
@permission_required("website.add_faqcategory")
def staff_faq_category_create(request: HttpRequest) -> HttpResponse:
    user, organisation = _staff(request)
    form = FaqCategoryForm(request.POST or None, organisation=organisation)
    return _edit(
        request,
        form=form,
        save=lambda data: services.faq_category_create(
            organisation=organisation,
            fields=data,
            actor=user,
        ),
        template="website/staff/simple_form.html",
        success_url=reverse("website:staff-faq-list"),
        context={"heading": _("Ny frågekategori"), "back": reverse("website:staff-faq-list")},
    )


@require_http_methods(["GET", "POST"])
@permission_required("website.change_faqcategory")
def staff_faq_category_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    user, organisation = _staff(request)
    category = selectors.faq_category_get_for_staff(user=user, public_id=public_id)
    form = FaqCategoryForm(request.POST or None, instance=category, organisation=organisation)
    return _edit(
        request,
        form=form,
        save=lambda data: services.faq_category_update(category=category, fields=data, actor=user),
        template="website/staff/simple_form.html",
        success_url=reverse("website:staff-faq-list"),
        context={"heading": _("Ändra frågekategori"), "back": reverse("website:staff-faq-list")},
    )


@require_http_methods(["GET", "POST"])
@permission_required("website.add_faqentry")
def staff_faq_entry_create(request: HttpRequest) -> HttpResponse:
    user, organisation = _staff(request)
    form = FaqEntryForm(request.POST or None, organisation=organisation)
    return _edit(
        request,
        form=form,
        save=lambda data: services.faq_entry_create(
            organisation=organisation,
            fields=data,
            actor=user,
        ),
        template="website/staff/simple_form.html",
        success_url=reverse("website:staff-faq-list"),
        context={"heading": _("Ny fråga"), "back": reverse("website:staff-faq-list")},
    )


@require_http_methods(["GET", "POST"])
@permission_required("website.change_faqentry")
def staff_faq_entry_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    user, organisation = _staff(request)
    entry = selectors.faq_entry_get_for_staff(user=user, public_id=public_id)
    form = FaqEntryForm(request.POST or None, instance=entry, organisation=organisation)
    return _edit(
        request,
        form=form,
        save=lambda data: services.faq_entry_update(entry=entry, fields=data, actor=user),
        template="website/staff/simple_form.html",
        success_url=reverse("website:staff-faq-list"),
        context={"heading": _("Ändra fråga"), "back": reverse("website:staff-faq-list")},
    )


@permission_required("website.change_story")
def staff_story_list(request: HttpRequest) -> HttpResponse:
    user, _organisation = _staff(request)
    stories = selectors.story_list_for_staff(user=user)
    page = Paginator(stories, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "website/staff/story_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
@permission_required("website.add_story")
def staff_story_create(request: HttpRequest) -> HttpResponse:
    user, organisation = _staff(request)
    form = StoryForm(request.POST or None, organisation=organisation)
    return _edit(
        request,
        form=form,
        save=lambda data: services.story_create(
            organisation=organisation,
            fields=data,
            actor=user,
        ),
        template="website/staff/simple_form.html",
        success_url=reverse("website:staff-story-list"),
        context={"heading": _("Ny berättelse"), "back": reverse("website:staff-story-list")},
    )


@require_http_methods(["GET", "POST"])
@permission_required("website.change_story")
def staff_story_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    user, organisation = _staff(request)
    story = selectors.story_get_for_staff(user=user, public_id=public_id)
    form = StoryForm(request.POST or None, instance=story, organisation=organisation)
    return _edit(
        request,
        form=form,
        save=lambda data: services.story_update(story=story, fields=data, actor=user),
        template="website/staff/simple_form.html",
        success_url=reverse("website:staff-story-list"),
        context={"heading": _("Ändra berättelse"), "back": reverse("website:staff-story-list")},
    )


@permission_required("website.view_pagefeedback")
def staff_feedback(request: HttpRequest) -> HttpResponse:
    user, _organisation = _staff(request)
    comments = Paginator(selectors.page_feedback_comments(user=user), STAFF_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "website/staff/feedback.html",
        {"rows": selectors.page_feedback_summary(user=user), "page": comments},
    )


# --- Staff: open assignments ----------------------------------------------------------------------


@permission_required("website.manage_openassignment")
def staff_open_assignment_list(request: HttpRequest) -> HttpResponse:
    user, _organisation = _staff(request)
    assignments = selectors.open_assignment_list_for_staff(user=user)
    page = Paginator(assignments, STAFF_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "website/staff/open_assignment_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
@permission_required("website.manage_openassignment")
def staff_open_assignment_create(request: HttpRequest) -> HttpResponse:
    user, organisation = _staff(request)
    form = OpenAssignmentForm(request.POST or None, organisation=organisation)
    return _edit(
        request,
        form=form,
        save=lambda data: services.open_assignment_create(
            organisation=organisation,
            fields=data,
            actor=user,
        ),
        template="website/staff/open_assignment_form.html",
        success_url=reverse("website:staff-open-assignment-list"),
        context={"heading": _("Nytt aktuellt uppdrag")},
    )


@require_http_methods(["GET", "POST"])
@permission_required("website.manage_openassignment")
def staff_open_assignment_edit(request: HttpRequest, public_id: str) -> HttpResponse:
    user, organisation = _staff(request)
    assignment = selectors.open_assignment_get_for_staff(user=user, public_id=public_id)
    form = OpenAssignmentForm(request.POST or None, instance=assignment, organisation=organisation)
    return _edit(
        request,
        form=form,
        save=lambda data: services.open_assignment_update(
            assignment=assignment, fields=data, actor=user
        ),
        template="website/staff/open_assignment_form.html",
        success_url=reverse("website:staff-open-assignment-list"),
        context={"heading": _("Ändra aktuellt uppdrag"), "object": assignment},
    )


@require_POST
@permission_required("website.manage_openassignment")
def staff_open_assignment_publish(request: HttpRequest, public_id: str) -> HttpResponse:
    user, _organisation = _staff(request)
    assignment = selectors.open_assignment_get_for_staff(user=user, public_id=public_id)
    try:
        services.open_assignment_publish(assignment=assignment, actor=user)
    except services.ProtectedIdentityError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Uppdraget är publicerat på webbplatsen."))
    return redirect("website:staff-open-assignment-list")


@require_POST
@permission_required("website.manage_openassignment")
def staff_open_assignment_unpublish(request: HttpRequest, public_id: str) -> HttpResponse:
    user, _organisation = _staff(request)
    assignment = selectors.open_assignment_get_for_staff(user=user, public_id=public_id)
    services.open_assignment_unpublish(assignment=assignment, actor=user)
    messages.success(request, _("Uppdraget är borttaget från webbplatsen."))
    return redirect("website:staff-open-assignment-list")
