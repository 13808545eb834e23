from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's address, for rate limits only (it is never stored or logged).

    Behind TRUSTED_PROXY_HOPS reverse proxies, the address the nearest trusted proxy saw is
    taken from X-Forwarded-For; without proxies, REMOTE_ADDR. Entries a client added itself
    sit further left and are ignored.
    """
    hops: int = settings.TRUSTED_PROXY_HOPS
    if hops > 0:
        forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return str(request.META.get("REMOTE_ADDR", ""))
