"""``/health/``: whether this instance can serve — its database answers, and its task broker.

For load balancers and orchestrators: 200 with ``{"status": "ok", ...}`` when
both work, 503 with what is down otherwise. No personal data, no login, and
every check has a short timeout so the probe itself never hangs.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from gehoord.core.ratelimits import limited

BROKER_TIMEOUT = 2.0


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means "down"
        return False


def broker_state() -> str:
    """ "ok", "down", or "in-process" when tasks run without a broker (``make run``)."""
    url = settings.CELERY_BROKER_URL
    if settings.CELERY_TASK_ALWAYS_EAGER or url.startswith("memory://"):
        return "in-process"
    from kombu import Connection

    try:
        with Connection(url, connect_timeout=BROKER_TIMEOUT) as broker:
            broker.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT)
        return "ok"
    except Exception:  # any failure means "down"
        return "down"


@never_cache
@require_GET
@limited("health")
def health(request: HttpRequest) -> JsonResponse:
    database = "ok" if database_ok() else "down"
    broker = broker_state()
    healthy = database == "ok" and broker != "down"
    return JsonResponse(
        {"status": "ok" if healthy else "down", "database": database, "broker": broker},
        status=200 if healthy else 503,
    )
