from typing import Any

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, URLResolver, include, path
from django.utils.http import urlencode
from django.views.generic import TemplateView


def _admin_login(request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
    # The technical admin uses the staff login with its second factor, never its own form.
    return redirect(
        f"/personal/logga-in/?{urlencode({'next': request.GET.get('next', '/admin/')})}"
    )


admin.site.login = _admin_login  # type: ignore[method-assign]
admin.site.site_header = "Brygga – teknisk administration"
admin.site.site_title = "Brygga"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("brygga.website.urls")),
    path("", include("brygga.accounts.urls")),
    path("", include("brygga.audit.urls")),
    path("", include("brygga.applicants.urls")),
    path("", include("brygga.applicants.letter_urls")),
    path("personal/sokande/", include("brygga.applicants.investigation_urls")),
    path("", include("brygga.carers.urls")),
    path("", include("brygga.clients.urls")),
    path("", include("brygga.assignments.urls")),
    path("", include("brygga.compensation.urls")),
    path("", include("brygga.contracts.urls")),
    path("", include("brygga.payments.urls")),
    path("", include("brygga.oversight.urls")),
    path("", include("brygga.website.interest_urls")),
    path("", include("brygga.retention.urls")),
    path("", include("brygga.integrations.urls")),
    path("api/v1/", include("brygga.website.api.urls")),
    path("api/v1/", include("brygga.carers.api.urls")),
    path("api/v1/", include("brygga.clients.api.urls")),
    path("api/v1/", include("brygga.applicants.api.urls")),
    path("api/v1/", include("brygga.assignments.api.urls")),
    path("api/v1/", include("brygga.compensation.api.urls")),
    path("api/v1/", include("brygga.contracts.api.urls")),
    path("api/v1/", include("brygga.payments.api.urls")),
    path("api/v1/", include("brygga.oversight.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    # Lets a developer look at the error pages while DEBUG is on.
    urlpatterns += [
        path("__fel/404/", TemplateView.as_view(template_name="404.html")),
        path("__fel/500/", TemplateView.as_view(template_name="500.html")),
    ]
