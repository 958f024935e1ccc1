"""Errors as RFC 9457 problem details (application/problem+json), in Dutch."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

from gehoord.core.errors import DomainError, PermissionDenied, TransitionNotAllowed

PROBLEM = "application/problem+json"
TITLES = {
    400: _("Ongeldige invoer"),
    401: _("Niet geautoriseerd"),
    403: _("Geen toegang"),
    404: _("Niet gevonden"),
    405: _("Methode niet toegestaan"),
    406: _("Formaat niet beschikbaar"),
    409: _("Niet mogelijk in deze toestand"),
    415: _("Verkeerd formaat"),
    422: _("Niet toegestaan door de regels"),
    429: _("Te veel verzoeken"),
}


def problem(status_code: int, detail: str, **extra) -> Response:
    body = {
        "type": "about:blank",
        "title": str(TITLES.get(status_code, "")),
        "status": status_code,
        "detail": detail,
    }
    body.update(extra)
    return Response(body, status=status_code, content_type=PROBLEM)


def form_problem(form, detail: str) -> Response:
    """400 for a Django form that did not validate, its messages per field (as for serializers)."""
    return problem(
        status.HTTP_400_BAD_REQUEST,
        detail,
        errors={field: [str(message) for message in messages] for field, messages in form.errors.items()},
    )


def _flatten(errors, prefix: str = "") -> dict:
    """Messages per field; a nested field (a key in ``params``) as ``params.hearing_on``."""
    if isinstance(errors, dict):
        flat = {}
        for field, value in errors.items():
            name = f"{prefix}{field}"
            if isinstance(value, dict):
                flat.update(_flatten(value, prefix=f"{name}."))
            else:
                flat[name] = [str(message) for message in (value if isinstance(value, list) else [value])]
        return flat
    return {f"{prefix}non_field_errors" if prefix else "non_field_errors": [str(m) for m in errors]}


def handle(exc, context) -> Response | None:
    if isinstance(exc, DomainError):
        code = (
            403
            if isinstance(exc, PermissionDenied)
            else 409
            if isinstance(exc, TransitionNotAllowed)
            else 422
        )
        return problem(code, exc.message)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        result = problem(
            status.HTTP_400_BAD_REQUEST,
            _("Niet alle gegevens kloppen. Zie 'errors' voor wat er per veld mis is."),
            errors=_flatten(exc.detail),
        )
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        result = problem(response.status_code, str(detail))
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            result[header] = response[header]
    return result
