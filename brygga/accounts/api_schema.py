"""How the token authentication appears in the OpenAPI schema (loaded in AccountsConfig)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema


class ApiTokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    target_class = "brygga.accounts.api_auth.ApiTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "En API-nyckel från sidan API-nycklar: `Authorization: Bearer brygga_…`. "
                "Nyckeln ger de behörigheter (scopes) och enheter som valdes när den skapades."
            ),
        }


class ScopedAutoSchema(AutoSchema):
    """Adds the API-token scope a view declares (`api_scope`) to each operation, as
    `x-scope` and in the description, so the schema and the docs page say which scope to ask
    for."""

    def get_operation(self, *args: Any, **kwargs: Any) -> dict[str, Any] | None:
        operation: dict[str, Any] | None = super().get_operation(*args, **kwargs)
        if operation is None:
            return None
        from .api_auth import required_scope

        scope = required_scope(self.view, self.method)
        if scope:
            operation["x-scope"] = scope
            note = f"API-nyckelns behörighet: `{scope}`."
            operation["description"] = (
                f"{operation['description']}\n\n{note}" if operation.get("description") else note
            )
        return operation
