"""The authenticated JSON webhook through which other systems post social-media signals.

``POST /api/v1/social/signals/`` with ``Authorization: Bearer <token>`` (a
:class:`~gehoord.social.models.WebhookClient`) and a JSON body: one signal,
a list, or ``{"signals": [...]}``. Answers 201 with how many were new and how
many were already there (platform + post id), 401 without valid credentials,
400 with an RFC 9457 problem document that names every field that is wrong.
"""

from __future__ import annotations

import json

from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from gehoord.core.ratelimits import wait_seconds
from gehoord.social import services
from gehoord.social.adapters import FIELDS, InvalidSignals, JsonPayloadAdapter
from gehoord.social.models import WebhookClient

MAX_BODY = 2 * 1024 * 1024
PROBLEM = "application/problem+json"


def problem(status: int, title: str, detail: str, **extra) -> JsonResponse:
    response = JsonResponse(
        {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra},
        status=status,
        content_type=PROBLEM,
        json_dumps_params={"ensure_ascii": False},
    )
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="gehoord"'
    return response


def _too_many(wait: int) -> JsonResponse:
    response = problem(
        429,
        _("Te veel verzoeken"),
        _("Te veel verzoeken. Probeer het over %(seconds)s seconden opnieuw.") % {"seconds": wait},
    )
    response["Retry-After"] = str(wait)
    return response


def _bearer(request: HttpRequest) -> str:
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


@csrf_exempt  # authenticated by a bearer token, never by a cookie
def receive_signals(request: HttpRequest) -> JsonResponse:
    if request.method != "POST":
        # Like the rest of /api/v1/: problem+json, not Django's empty 405.
        response = problem(405, _("Methode niet toegestaan"), _("Stuur de signalen met POST."))
        response["Allow"] = "POST"
        return response
    # Per address: all requests, and (checked before the token is looked at) the wrong tokens.
    wait = wait_seconds(request, "webhook") or wait_seconds(request, "api_unknown_caller", increment=False)
    if wait is not None:
        return _too_many(wait)
    client = WebhookClient.authenticate(_bearer(request))
    if client is None:
        wait = wait_seconds(request, "api_unknown_caller")
        if wait is not None:
            return _too_many(wait)
        return problem(
            401,
            _("Niet geautoriseerd"),
            _("Stuur een geldig token mee in de kopregel 'Authorization: Bearer <token>'."),
        )
    if len(request.body) > MAX_BODY:
        return problem(413, _("Te groot"), _("Stuur hoogstens 2 MB per keer."))
    if request.content_type != "application/json":
        return problem(
            415, _("Verkeerd formaat"), _("Stuur de signalen als JSON (Content-Type: application/json).")
        )
    try:
        payload = json.loads(request.body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return problem(
            400,
            _("Ongeldige JSON"),
            _("De body is geen geldige JSON: %(error)s (regel %(line)s, kolom %(column)s).")
            % {
                "error": getattr(error, "msg", str(error)),
                "line": getattr(error, "lineno", 1),
                "column": getattr(error, "colno", 1),
            },
        )
    try:
        result = services.ingest(JsonPayloadAdapter(payload))
    except InvalidSignals as invalid:
        return problem(
            400,
            _("Ongeldige signalen"),
            _("Niets is opgeslagen. Verbeter de genoemde velden en stuur alles opnieuw. Velden: %(fields)s.")
            % {"fields": ", ".join(FIELDS)},
            errors=[
                {"pointer": where, "field": field, "message": message}
                for where, field, message in invalid.problems
            ],
        )
    WebhookClient.objects.filter(pk=client.pk).update(last_used_at=timezone.now())
    return JsonResponse({"created": result.created, "duplicates": result.duplicates}, status=201)
