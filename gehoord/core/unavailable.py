"""When the database is down: a clear 503 instead of a server error, rendered without the database.

Django turns any exception it does not handle into a call of ``handler500``
(:func:`server_error`), also when it is raised in a middleware (the session
store, the logged-in user) rather than a view. That handler looks at the
exception being handled: a lost or refused database connection
(``OperationalError``/``InterfaceError``) gets the "even niet beschikbaar"
page with ``503`` and ``Retry-After`` — the citizen learns that nothing was
stored and what to do instead — and the API a problem+json 503. Everything
else keeps the plain 500 page.

Nothing here may touch the database: the page is rendered from a template
without a request (so no context processors run, and no session is saved),
and the municipality's name and phone number come from the last time this
process read them (:func:`remember_municipality`), or a general wording.
"""

from __future__ import annotations

import logging
import sys

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 120
DATABASE_ERRORS = (OperationalError, InterfaceError)
API_PREFIX = "/api/"
PROBLEM = "application/problem+json"

# What the 503 page says about the municipality, remembered whenever this process loads it.
_known_municipality: dict[str, str] = {}


def remember_municipality(sender, instance, **kwargs) -> None:
    """post_init of Municipality: keep its name and phone number for a page made without the database."""
    if instance.pk is not None:
        _known_municipality.update(name=instance.name, phone=instance.complaints_phone)


def is_database_unavailable(exception: BaseException | None) -> bool:
    """Whether `exception` (or what caused it) is a database that cannot be reached or was lost."""
    seen = 0
    while exception is not None and seen < 5:
        if isinstance(exception, DATABASE_ERRORS):
            return True
        exception = exception.__cause__ or exception.__context__
        seen += 1
    return False


def database_unavailable_response(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: problem+json under /api/, the Dutch page everywhere else."""
    if request.path.startswith(API_PREFIX):
        response: HttpResponse = JsonResponse(
            {
                "type": "about:blank",
                "title": _("Tijdelijk niet beschikbaar"),
                "status": 503,
                "detail": _(
                    "De database is even niet bereikbaar. Er is niets opgeslagen; "
                    "probeer het over enkele minuten opnieuw."
                ),
            },
            status=503,
            content_type=PROBLEM,
        )
    else:
        # No request passed: no context processors (they query), no CSRF token, no session.
        html = loader.get_template("service_unavailable.html").render(
            {
                "municipality_name": _known_municipality.get("name", ""),
                "phone": _known_municipality.get("phone", ""),
                "retry_minutes": max(RETRY_AFTER_SECONDS // 60, 1),
            }
        )
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: the database-down page for a database error, the plain 500 page otherwise."""
    exception = sys.exc_info()[1]
    if is_database_unavailable(exception):
        logger.error("Database unavailable: answered 503 for %s %s", request.method, request.path)
        return database_unavailable_response(request)
    return HttpResponseServerError(loader.get_template("500.html").render())
