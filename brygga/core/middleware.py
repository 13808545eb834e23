import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .request_context import reset_request_id, set_request_id

# A proxy may pass its own id; accept only a short, harmless token.
_VALID_INCOMING_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    """Give every request an id, shown in logs and stored on audit events."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _VALID_INCOMING_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = set_request_id(request_id)
        try:
            response = self.get_response(request)
        finally:
            reset_request_id(token)
        response["X-Request-ID"] = request_id
        return response


class SwedishFirstLocaleMiddleware:
    """Swedish unless the person chose another language with the language switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, but many Swedish
    residents run their phones in English; the service is Swedish first (ADR 0004).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response


class NulCharactersMiddleware:
    """Refuse a query string with NUL characters before any view reads it.

    PostgreSQL cannot store or compare text containing NUL, so a filter value with one would
    end in a server error; SQLite would silently accept it. Forms already refuse NUL
    (Django's ProhibitNullCharactersValidator); this covers query parameters read directly,
    as the API does. API paths answer in the API's error shape (docs/api.md), pages with 400.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"query": [translation.gettext("Parametrarna får inte innehålla NUL-tecken.")]},
                    status=400,
                )
            return HttpResponseBadRequest()
        return self.get_response(request)
