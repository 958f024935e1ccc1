"""Rate limits of the public endpoints, by name: one place for every limit (settings.RATE_LIMITS).

Pages use :func:`limited` (django-ratelimit's decorator: one too many raises
``Ratelimited``, which ``RATELIMIT_VIEW`` answers with the Dutch 429 page).
The API and the webhook ask :func:`wait_seconds` and answer 429 as
problem+json themselves. The rate is read from the settings at request time,
so a test sees the limit that production has. ``RATELIMIT_ENABLE = False``
switches every limit off.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit import ALL
from django_ratelimit.core import get_usage
from django_ratelimit.decorators import ratelimit

# Not an address to bind to: the one bucket for the requests whose address cannot be read.
UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104  # nosec B104


def client_address(request: HttpRequest) -> str:
    """The visitor's address for the limits (RATELIMIT_IP_META_KEY): never an error.

    Behind a proxy it is the header CLIENT_IP_HEADER names (for a list, such as
    X-Forwarded-For, the last entry: the one our own proxy added); else
    REMOTE_ADDR. A missing or malformed value counts in one shared bucket
    instead of failing the request.
    """
    header = settings.CLIENT_IP_HEADER
    candidates = [request.META.get(header, "").rsplit(",", 1)[-1]] if header else []
    candidates.append(request.META.get("REMOTE_ADDR", ""))
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate.strip()))
        except ValueError:
            continue
    return UNKNOWN_ADDRESS


def rate(name: str) -> Callable[[str, HttpRequest], str]:
    """The limit called `name` in settings.RATE_LIMITS, e.g. "20/h", as django-ratelimit wants a rate."""

    def configured(group: str, request: HttpRequest) -> str:
        return settings.RATE_LIMITS[name]

    return configured


def limited(name: str, *, method=ALL, key: str | Callable = "ip") -> Callable:
    """View decorator: at most RATE_LIMITS[name] requests per client address (for `method`)."""
    return ratelimit(group=f"gehoord.{name}", key=key, rate=rate(name), method=method, block=True)


def wait_seconds(
    request: HttpRequest, name: str, *, key: str | Callable = "ip", increment: bool = True
) -> int | None:
    """Count this request against RATE_LIMITS[name]; the seconds to wait when it is one too many, else None."""
    usage = get_usage(
        request, group=f"gehoord.{name}", key=key, rate=rate(name), method=ALL, increment=increment
    )
    if usage is None or not usage["should_limit"]:
        return None
    return max(usage["time_left"], 1)
