"""Makes the request being handled known to the audit trail, for writes deep inside services."""

from __future__ import annotations

import contextvars

from django.http import HttpRequest, HttpResponse

current_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar(
    "gehoord_audit_request", default=None
)


class AuditContextMiddleware:
    """While a request is handled, :func:`gehoord.audit.services.record_file_change` finds it.

    A lifecycle step or a note is recorded where the timeline event is written,
    far from the view; this context variable tells it who acted, from which
    address and on which request. Outside a request (Celery tasks, management
    commands) it is empty and the entry is the system's.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)
