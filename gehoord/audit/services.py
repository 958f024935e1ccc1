"""Recording the audit trail: one cheap INSERT per read or write, never a personal detail.

* :func:`record` — in a view: who (the signed-in employee, the API client's
  service account or an anonymous citizen), what, when, and from where (client
  address, path, method, request id).
* :func:`record_system` — outside a request (Celery tasks, management commands).
* :func:`record_current` — in a service that runs both in requests and in tasks
  (the mailbox, social-media signals): the request being handled, else the system.
* :func:`record_file_change` — every change of a complaint file is recorded as
  a write, in the transaction that makes it; called by the one timeline writer,
  :func:`gehoord.cases.timeline.record`.
* :func:`audited_export` — a streamed export, recorded once with its number of rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.http import urlencode

from gehoord.audit.middleware import current_request
from gehoord.audit.models import Action, ActorKind, AuditEntry
from gehoord.core import logs
from gehoord.core.ratelimits import UNKNOWN_ADDRESS, client_address

if TYPE_CHECKING:
    from gehoord.accounts.models import User
    from gehoord.cases.models import Complainant, Complaint

Row = TypeVar("Row")

# Query parameters whose value may be personal data (a name typed into the search box): the entry
# says a search term was used, not which.
FREE_TEXT_PARAMETERS = frozenset({"q"})
HIDDEN = "…"


def client_ip(request: HttpRequest) -> str | None:
    """The client's address by the site's one rule (`gehoord.core.ratelimits.client_address`).

    The same rule gives django-ratelimit its address, so rate limits and the
    audit trail name the same client. An address that cannot be read is
    stored as unknown.
    """
    address = client_address(request)
    return None if address == UNKNOWN_ADDRESS else address


def describe_query(params: Mapping[str, Any]) -> str:
    """The filters of a list or export, with free-text values hidden (they may name someone)."""
    pairs = []
    getlist = getattr(params, "getlist", None)
    for key in sorted(params):
        values = getlist(key) if getlist else [params[key]]
        for value in values:
            if value in ("", None):
                continue
            pairs.append((key, HIDDEN if key in FREE_TEXT_PARAMETERS else value))
    return urlencode(pairs)


def _actor_fields(request: HttpRequest | None) -> dict[str, Any]:
    if request is None:
        return {"actor": None, "actor_label": "", "actor_kind": ActorKind.SYSTEM}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"actor": None, "actor_label": "", "actor_kind": ActorKind.CITIZEN}
    fields = {"actor": user, "actor_label": user.get_username(), "actor_kind": ActorKind.STAFF}
    # DRF puts the authenticated client on the Django request too (Request.auth's setter). The
    # client says itself that it is one (gehoord.api.models.ApiClient): audit sits below the api app.
    client = getattr(request, "auth", None)
    if getattr(client, "audited_as_api_client", False):
        fields.update(actor_kind=ActorKind.API_CLIENT, api_client_id=client.pk)
    return fields


def _request_fields(request: HttpRequest | None) -> dict[str, Any]:
    if request is None:
        request_id = logs.request_id.get()
        return {"request_id": "" if request_id == logs.NO_REQUEST else request_id}
    return {
        "method": (request.method or "")[:10],
        # The secret of a status link never reaches the trail: whoever reads it could open the file.
        "path": logs.redact_path(request.path)[:500],
        "ip": client_ip(request),
        "request_id": getattr(request, "request_id", "")[:128],
    }


def _object_fields(
    complaint: Complaint | None, complainant: Complainant | None, obj: models.Model | None
) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if complaint is not None:
        fields.update(
            complaint_id=complaint.pk,
            complaint_reference=complaint.reference,
            complainant_id=complaint.complainant_id,
        )
    if complainant is not None:
        fields["complainant_id"] = complainant.pk
    if obj is not None:
        fields.update(object_type=obj._meta.label_lower, object_id=obj.pk)
    return fields


def record(
    request: HttpRequest,
    action: Action | str,
    *,
    complaint: Complaint | None = None,
    complainant: Complainant | None = None,
    obj: models.Model | None = None,
    note: str = "",
) -> AuditEntry:
    """Record that the user of `request` did `action` on a complaint file or personal data."""
    return _create(action, _actor_fields(request), request, complaint, complainant, obj, note)


def record_system(
    action: Action | str,
    *,
    actor=None,
    complaint: Complaint | None = None,
    complainant: Complainant | None = None,
    obj: models.Model | None = None,
    note: str = "",
) -> AuditEntry:
    """Record an action outside a request: a Celery task, a management command (optionally for `actor`)."""
    fields = _actor_fields(None)
    if actor is not None:
        fields.update(actor=actor, actor_label=actor.get_username(), actor_kind=ActorKind.STAFF)
    return _create(action, fields, None, complaint, complainant, obj, note)


def record_current(action: Action | str, **about: Any) -> AuditEntry:
    """Record for whoever the request being handled is for, or for the system outside a request.

    `about` takes what :func:`record` takes: complaint, complainant, obj, note.
    """
    request = current_request.get()
    return record(request, action, **about) if request is not None else record_system(action, **about)


def _create(
    action: Action | str,
    actor_fields: dict[str, Any],
    request: HttpRequest | None,
    complaint: Complaint | None,
    complainant: Complainant | None,
    obj: models.Model | None,
    note: str,
) -> AuditEntry:
    return AuditEntry.objects.create(
        at=timezone.now(),
        action=action,
        note=note[:300],
        **actor_fields,
        **_request_fields(request),
        **_object_fields(complaint, complainant, obj),
    )


def record_file_change(
    complaint: Complaint,
    action: Action | str,
    *,
    note: str,
    object_type: str,
    object_id: int,
    actor: User | None = None,
) -> AuditEntry:
    """A change of a complaint file (a timeline entry), recorded as a write in the caller's transaction.

    The entry commits or rolls back with the change. Who acted: `actor`, else
    whoever the request being handled is for (an API client, a citizen on the
    status link or the form), else the system.
    """
    request = current_request.get()
    fields = _actor_fields(request)
    if actor is not None and actor.pk != getattr(fields["actor"], "pk", None):
        fields = {"actor_id": actor.pk, "actor_label": actor.get_username(), "actor_kind": ActorKind.STAFF}
    return AuditEntry.objects.create(
        at=timezone.now(),
        action=action,
        note=note,
        object_type=object_type,
        object_id=object_id,
        complaint_id=complaint.pk,
        complaint_reference=complaint.reference,
        complainant_id=complaint.complainant_id,
        **fields,
        **_request_fields(request),
    )


def audited_export(
    request: HttpRequest, rows: Iterable[Row], *, note: str = "", complaint: Complaint | None = None
) -> Iterator[Row]:
    """`rows`, streamed; when the stream ends (or is broken off) one export entry with the row count.

    One entry per export, not one per row; written at the end so it can say how
    many rows left the system. Everything about the request is read now, while
    the request is still being handled.
    """
    fields = {
        **_actor_fields(request),
        **_request_fields(request),
        **_object_fields(complaint, None, None),
    }

    def stream() -> Iterator[Row]:
        count = 0
        try:
            for row in rows:
                count += 1
                yield row
        finally:
            AuditEntry.objects.create(
                at=timezone.now(),
                action=Action.EXPORT,
                note=f"{note} ({count} rijen)".strip()[:300],
                **fields,
            )

    return stream()
