"""The scopes an API token may carry: one table, as data (ADR 0026).

Each scope names what a system may do through the API and the Django permissions its service
user is given for it, so that the existing permission checks, gatekeepers and unit scoping
apply to a token exactly as they do to a staff member. An API view declares the scope it needs
with `api_scope` (see `brygga/accounts/api_auth.py` and docs/api.md); a token without that
scope is refused with 403 and the attempt is audited.

To add a scope: add a row here (code "read:<resource>" or "write:<resource>", a Swedish
label, the permissions it grants), then set `api_scope` on the views that need it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ApiScope:
    code: str
    label: str | Promise
    permissions: frozenset[str]


SCOPES: tuple[ApiScope, ...] = (
    ApiScope(
        "read:applicants",
        _("Läsa sökande (rekryteringsärenden)"),
        frozenset({"applicants.view_applicant"}),
    ),
    ApiScope(
        "write:applicants",
        _("Flytta sökande mellan steg"),
        frozenset({"applicants.view_applicant", "applicants.change_applicant"}),
    ),
    ApiScope("read:carers", _("Läsa uppdragstagare"), frozenset({"carers.view_carer"})),
    ApiScope(
        "read:clients",
        _("Läsa klienter och beslut"),
        frozenset({"clients.view_client", "clients.view_decision"}),
    ),
    ApiScope(
        "read:matching",
        _("Läsa kandidater, erbjudanden och uppdrag för ett beslut"),
        frozenset(
            {
                "clients.view_client",
                "clients.view_decision",
                "assignments.view_assignment",
                "assignments.add_offer",
            }
        ),
    ),
    ApiScope(
        "read:compensation",
        _("Beräkna ersättning enligt ersättningsnivåerna"),
        frozenset({"compensation.view_rate"}),
    ),
    ApiScope(
        "read:payments",
        _("Läsa utbetalningskörningar och deras rader"),
        frozenset({"payments.view_paymentrun", "payments.view_paymentline"}),
    ),
    ApiScope(
        "read:oversight",
        _("Läsa registret över ej verkställda beslut"),
        frozenset({"oversight.view_unimplemented"}),
    ),
)

SCOPES_BY_CODE: dict[str, ApiScope] = {scope.code: scope for scope in SCOPES}
SCOPE_CHOICES: list[tuple[str, str | Promise]] = [(scope.code, scope.label) for scope in SCOPES]

# Given to a token's service user when the token may read every unit of the organisation.
ALL_UNITS_PERMISSION = "clients.view_all_units"


def permissions_for(scopes: list[str] | tuple[str, ...], *, all_units: bool) -> set[str]:
    """The Django permissions ("app_label.codename") a token with `scopes` is given."""
    perms: set[str] = set()
    for code in scopes:
        perms |= SCOPES_BY_CODE[code].permissions
    if all_units:
        perms.add(ALL_UNITS_PERMISSION)
    return perms
