from typing import Any

from django.core.cache import cache
from django.http import HttpRequest

from .models import Organisation

_CACHE_KEY = "brygga:site-organisation"


def site_organisation(request: HttpRequest) -> dict[str, Any]:
    """The principal whose public site this is: the signed-in user's, else the first one.

    Cached briefly, so a public page costs no query for it.
    """
    user = request.user if hasattr(request, "user") else None
    organisation = getattr(user, "organisation", None) if user and user.is_authenticated else None
    if organisation is None:
        organisation = cache.get(_CACHE_KEY)
        if organisation is None:
            organisation = Organisation.objects.order_by("pk").first()
            cache.set(_CACHE_KEY, organisation, 300)
    return {"site_organisation": organisation}
