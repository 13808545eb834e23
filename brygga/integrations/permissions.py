"""Who may run imports and manage API tokens. Code checks permissions, never roles."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from brygga.accounts.models import ApiToken
from brygga.core.access import is_staff_user

from .models import ImportRun

RUN_IMPORT = "integrations.run_import"
MANAGE_API_TOKENS = "accounts.manage_apitoken"


def can_run_import(user: Any) -> bool:
    return is_staff_user(user) and user.organisation_id is not None and user.has_perm(RUN_IMPORT)


def can_manage_tokens(user: Any) -> bool:
    return (
        is_staff_user(user)
        and user.organisation_id is not None
        and user.has_perm(MANAGE_API_TOKENS)
    )


def import_run_for(*, user: Any, public_id: str) -> ImportRun:
    run = (
        ImportRun.objects.select_related("organisation", "unit", "started_by")
        .filter(organisation_id=user.organisation_id, public_id=public_id)
        .first()
    )
    if run is None:
        raise Http404
    return run


def api_token_for(*, user: Any, public_id: str) -> ApiToken:
    token = ApiToken.objects.filter(
        organisation_id=user.organisation_id, public_id=public_id
    ).first()
    if token is None:
        raise Http404
    return token
