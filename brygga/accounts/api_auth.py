"""Token authentication and scope checks for the API (ADR 0026).

`ApiTokenAuthentication` reads `Authorization: Bearer <token>` and authenticates as the
token's service user; `request.auth` is then the `ApiToken`. `HasApiScope` refuses a token
call to a view unless the token carries the scope the view declares:

    class ClientListView(generics.ListAPIView[Client]):
        permission_classes = [HasApiScope, CanViewClients]
        api_scope = "read:clients"              # or {"GET": "read:x", "POST": "write:x"}

A view that declares no scope is closed to tokens (staff sessions are unaffected: their
permissions are checked by the view's other permission classes). Refusals are audited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from brygga.audit.constants import AuditEventType
from brygga.audit.services import audit_record

from .api_tokens import ApiTokenInvalidError, api_token_check
from .models import ApiToken, User

if TYPE_CHECKING:  # rest_framework.views imports this module through the settings
    from rest_framework.views import APIView


class ApiTokenAuthentication(BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Ogiltig API-nyckel."))
        try:
            raw = header[1].decode()
            token = api_token_check(raw)
        except (UnicodeError, ApiTokenInvalidError) as error:
            known = getattr(error, "token", None)
            if known is not None:
                # A revoked or expired token was presented: worth knowing, never the secret.
                audit_record(
                    actor=known.service_user,
                    event=AuditEventType.API_TOKEN_REFUSED,
                    subject=known,
                    organisation=known.organisation,
                    changes={"reason": error.reason},  # type: ignore[union-attr]
                )
            raise exceptions.AuthenticationFailed(
                _("API-nyckeln är okänd, återkallad eller har gått ut.")
            ) from None
        return token.service_user, token

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="api"'


def required_scope(view: APIView, method: str) -> str | None:
    declared: Any = getattr(view, "api_scope", None)
    if isinstance(declared, dict):
        return declared.get(method.upper()) or (
            declared.get("GET") if method.upper() in {"HEAD", "OPTIONS"} else None
        )
    return declared if isinstance(declared, str) else None


class HasApiScope(BasePermission):
    """Token calls need the view's `api_scope`; session calls pass on to the next check."""

    message = _("API-nyckeln saknar behörighet för det här anropet.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            return True
        scope = required_scope(view, request.method or "GET")
        if scope is not None and token.has_scope(scope):
            return True
        resolver = getattr(request._request, "resolver_match", None)
        audit_record(
            actor=request.user,
            event=AuditEventType.API_SCOPE_DENIED,
            subject=token,
            organisation=token.organisation,
            changes={
                "scope": scope or "",
                "method": request.method or "",
                "endpoint": resolver.view_name if resolver else "",
            },
        )
        return False
