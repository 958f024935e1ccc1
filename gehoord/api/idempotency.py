"""``Idempotency-Key`` on POST: a retry with the same key gets the first answer, and nothing twice.

The key is scoped to the client. The first request with a key runs inside a
transaction that also stores its answer; a concurrent second one waits on the
unique key and then replays the stored answer. The same key with another body
is refused (422), as the IETF draft on the header advises.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import wraps

from django.db import IntegrityError, transaction
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from rest_framework.response import Response

from gehoord.api.models import IdempotentResponse
from gehoord.api.problems import problem

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200


def _request_hash(request) -> str:
    body = json.dumps(request.data, sort_keys=True, default=str) if request.data else ""
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def _replay(record: IdempotentResponse, request_hash: str) -> Response:
    if not constant_time_compare(record.request_hash, request_hash):
        return problem(
            422, _("Deze Idempotency-Key is al gebruikt voor een ander verzoek. Kies een nieuwe sleutel.")
        )
    response = Response(record.body, status=record.status_code)
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent(view: Callable) -> Callable:
    """Wrap a POST handler of an APIView/ViewSet (self, request, ...)."""

    @wraps(view)
    def wrapper(self, request, *args, **kwargs):
        key = request.headers.get(HEADER, "").strip()
        if not key:
            return view(self, request, *args, **kwargs)
        if len(key) > MAX_KEY_LENGTH:
            return problem(
                400, _("De Idempotency-Key is langer dan %(max)s tekens.") % {"max": MAX_KEY_LENGTH}
            )
        client, request_hash = request.auth, _request_hash(request)
        existing = IdempotentResponse.objects.filter(client=client, key=key).first()
        if existing is not None:
            return _replay(existing, request_hash)
        try:
            with transaction.atomic():
                response = view(self, request, *args, **kwargs)
                if 200 <= response.status_code < 300:
                    IdempotentResponse.objects.create(
                        client=client,
                        key=key,
                        request_hash=request_hash,
                        status_code=response.status_code,
                        body=response.data,
                    )
                return response
        except IntegrityError:
            # A concurrent request with the same key committed first; this one was rolled back whole.
            existing = IdempotentResponse.objects.filter(client=client, key=key).first()
            if existing is None:
                raise
            return _replay(existing, request_hash)

    return wrapper
