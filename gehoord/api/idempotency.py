"""``Idempotency-Key`` on POST: a retry with the same key gets the first answer, and nothing twice.

The key is scoped to the client. The first request with a key runs inside a
transaction that also stores its answer; a concurrent second one waits on the
unique key and then replays the stored answer. The same key with another body
is refused (422), as the IETF draft on the header advises.

A stored answer holds the complaint's data as they were answered, so:

- it expires after ``IDEMPOTENCY_KEY_HOURS`` (24 by default): an expired key is
  a new key (its row is removed), and an hourly task removes the rest
  (:func:`remove_expired`, ``gehoord.api.schedule``);
- it names its complaint, and is removed when that complaint's personal data
  are erased (:mod:`gehoord.api.personal_data`);
- a replay is never more than the same request would get fresh: it is replayed
  only while the client's service account may still see the complaint
  (:func:`gehoord.cases.selectors.visible_complaints`, the API's one rule).
  Otherwise the stored answer is removed and the request handled as new, under
  the rules of a new request: a note, contact or step on a complaint the client
  cannot see answers 404; a submitted complaint goes through the one way in
  again, which answers with the first complaint only to the client that sent
  it and makes no second one while it is open. We chose this over a flat 404
  so that an intake-only client (whose service account sees no complaints)
  keeps safe retries.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from rest_framework.response import Response

from gehoord.api.models import IdempotentResponse
from gehoord.api.problems import problem
from gehoord.cases.models import Complaint
from gehoord.cases.selectors import visible_complaints

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 200


def expired_before(now: dt.datetime | None = None) -> dt.datetime:
    """Answers stored before this moment have expired."""
    return (now or timezone.now()) - dt.timedelta(hours=settings.IDEMPOTENCY_KEY_HOURS)


def remove_expired(now: dt.datetime | None = None) -> int:
    """Remove every expired stored answer; returns how many (the hourly task)."""
    deleted, _by_model = IdempotentResponse.objects.filter(created_at__lt=expired_before(now)).delete()
    return deleted


def _request_hash(request) -> str:
    body = json.dumps(request.data, sort_keys=True, default=str) if request.data else ""
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def _complaint_of(response: Response, kwargs: dict) -> Complaint | None:
    """The complaint an answer is about: the one in the URL, or the one it made (its reference)."""
    reference = kwargs.get("reference")
    if reference is None and isinstance(response.data, dict):
        reference = response.data.get("reference")
    if not isinstance(reference, str):
        return None
    return Complaint.objects.filter(reference=reference).first()


def _still_answerable(record: IdempotentResponse, user) -> bool:
    """Not expired, and its complaint (if any) still visible to the client's service account."""
    if record.created_at < expired_before():
        return False
    return record.complaint_id is None or visible_complaints(user).filter(pk=record.complaint_id).exists()


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
            if _still_answerable(existing, request.user):
                return _replay(existing, request_hash)
            # Expired, or about a complaint the client may no longer see: the key is new again.
            existing.delete()
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
                        complaint=_complaint_of(response, kwargs),
                    )
                return response
        except IntegrityError:
            # A concurrent request with the same key committed first; this one was rolled back whole.
            existing = IdempotentResponse.objects.filter(client=client, key=key).first()
            if existing is None:
                raise
            if not _still_answerable(existing, request.user):
                raise Http404 from None
            return _replay(existing, request_hash)

    return wrapper
