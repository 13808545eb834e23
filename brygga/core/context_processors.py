from typing import Any

from django.conf import settings
from django.http import HttpRequest


def brygga(request: HttpRequest) -> dict[str, Any]:
    """Values every page needs: demo mode, for the banner."""
    return {"demo_mode": settings.DEMO_MODE}
