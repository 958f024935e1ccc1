"""Outgoing webhooks: which lifecycle step becomes which event, and delivering it, signed and retried.

An event says *that* something happened to a complaint, not what the file
holds: its reference, status and the API address to read it at. A receiver
fetches the rest with its own API token, under the access rules of its
service account, so no personal data travels in a webhook.

Delivery is at least once: a receiver drops repeats by the ``webhook-id``
header. A failed attempt (no answer, a timeout, anything but a 2xx) is
retried with exponential backoff, up to :data:`MAX_ATTEMPTS` attempts over
about a day; an endpoint that answers ``410 Gone`` is switched off.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from typing import TYPE_CHECKING, Any

import requests
from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from gehoord.cases.constants import EventKind
from gehoord.core import outbound
from gehoord.core.retries import backoff
from gehoord.webhooks import signing
from gehoord.webhooks.models import DeliveryStatus, EventType, WebhookDelivery, WebhookEndpoint

if TYPE_CHECKING:
    from gehoord.cases.models import Complaint, ComplaintEvent

logger = logging.getLogger(__name__)

RETRY_BASE = dt.timedelta(minutes=1)
RETRY_CAP = dt.timedelta(hours=6)
# 1, 2, 4, ... minutes, then every 6 hours: the 13th and last attempt comes about 26 hours after the first.
MAX_ATTEMPTS = 13
# A pending delivery without a retry time whose task never ran (a lost broker message).
LOST_TASK_AFTER = dt.timedelta(minutes=1)
CONNECT_TIMEOUT = 5
READ_TIMEOUT = 10
MAX_ERROR_LENGTH = 500
USER_AGENT = "Gehoord-Webhooks/1"
GUARD_REFUSED = "Refused by the outgoing-requests guard, not sent:"

# The lifecycle step names (see gehoord.cases.lifecycle) that are not a status change.
# A further delay with the complainant's consent (Awb 9:11 lid 3), and the advisory committee (lid 1),
# move the decision date like a postponement.
EVENT_OF_STEP = {
    "register": EventType.RECEIVED,
    "postpone": EventType.DECISION_POSTPONED,
    "extend_with_consent": EventType.DECISION_POSTPONED,
    "committee": EventType.DECISION_POSTPONED,
}


def event_type_of(step: str) -> EventType:
    return EVENT_OF_STEP.get(step, EventType.STATUS_CHANGED)


def payload_for(complaint: Complaint, step: str, *, at: dt.datetime | None = None) -> dict[str, Any]:
    """The event as the receiver gets it (the Standard Webhooks shape: type, timestamp, data)."""
    event_type = event_type_of(step)
    data: dict[str, Any] = {
        "reference": complaint.reference,
        "status": complaint.status,
        "url": settings.SITE_URL.rstrip("/") + reverse("api-complaint", args=[complaint.reference]),
    }
    if event_type == EventType.STATUS_CHANGED:
        data["transition"] = step
    if event_type == EventType.DECISION_POSTPONED:
        data["decision_due"] = complaint.decision_due.isoformat() if complaint.decision_due else None
    return {"type": event_type.value, "timestamp": (at or timezone.now()).isoformat(), "data": data}


def announce(complaint: Complaint, step: str) -> list[WebhookDelivery]:
    """Write one delivery per interested endpoint; they are sent once the surrounding transaction commits."""
    event_type = event_type_of(step)
    endpoints = [e for e in WebhookEndpoint.objects.filter(is_active=True) if e.wants(event_type)]
    if not endpoints:
        return []
    payload = payload_for(complaint, step)
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, event_type=event_type, payload=payload) for endpoint in endpoints
    )
    ids = [delivery.pk for delivery in deliveries]
    transaction.on_commit(lambda: _enqueue(ids))
    return deliveries


def announce_recorded(event: ComplaintEvent) -> None:
    """The timeline listener (registered in the app config): a new complaint and every lifecycle step.

    A complaint taken in is its "created" entry; a step is an entry that names
    it (a status change, a postponement, consent to a further delay, the
    advisory committee). Notes, contacts, letters and the like are not announced.
    """
    if event.kind == EventKind.CREATED:
        announce(event.complaint, "register")
    elif event.transition:
        announce(event.complaint, event.transition)


def _enqueue(delivery_ids: list[int]) -> None:
    from gehoord.webhooks.tasks import deliver_webhook

    for delivery_id in delivery_ids:
        deliver_webhook.delay(delivery_id, 0)


def retry_delay(attempts: int) -> dt.timedelta:
    """How long to wait after the `attempts`-th failed attempt: exponential, capped."""
    return backoff(attempts, base=RETRY_BASE, cap=RETRY_CAP)


def body_of(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()


def deliver(delivery_id: int, *, expected_attempts: int | None = None) -> WebhookDelivery:
    """Make one attempt to deliver; the outcome is recorded on the delivery, never raised.

    The row stays locked during the attempt, so two workers never send the
    same event at once; with `expected_attempts`, a task whose attempt was
    already made by another (a retry and the safety net's requeue) does nothing.
    """
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().select_related("endpoint").get(pk=delivery_id)
        if delivery.status != DeliveryStatus.PENDING:
            return delivery
        if expected_attempts is not None and delivery.attempts != expected_attempts:
            return delivery
        endpoint = delivery.endpoint
        now = timezone.now()
        delivery.attempts += 1
        delivery.last_attempt_at = now
        if not endpoint.is_active:
            _give_up(delivery, "The endpoint is switched off.")
            return delivery
        body = body_of(delivery)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            **signing.headers(
                endpoint.secret, message_id=str(delivery.event_id), timestamp=int(now.timestamp()), body=body
            ),
        }
        try:
            # Vetted again at every send (the address may resolve elsewhere now), and never redirected:
            # the receiver's address should be configured as it is.
            response = outbound.post(
                endpoint.url, data=body, headers=headers, timeout=(CONNECT_TIMEOUT, READ_TIMEOUT)
            )
        except outbound.OutboundError as refusal:
            # Nothing was sent, so the log says only that the guard refused: it tells no one which ports answer.
            delivery.last_status_code = None
            _failed(delivery, f"{GUARD_REFUSED} {refusal.message}")
            return delivery
        except requests.RequestException as exc:
            delivery.last_status_code = None
            _failed(delivery, f"{type(exc).__name__}: {exc}")
            return delivery
        delivery.last_status_code = response.status_code
        if 200 <= response.status_code < 300:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.delivered_at = timezone.now()
            delivery.next_attempt_at = None
            delivery.last_error = ""
            delivery.save()
        elif response.status_code == 410:
            # Standard Webhooks: 410 Gone means "stop sending me this".
            endpoint.is_active = False
            endpoint.save(update_fields=["is_active"])
            _give_up(delivery, "HTTP 410 Gone: the endpoint was switched off.")
        else:
            _failed(delivery, f"HTTP {response.status_code}")
    return delivery


def _failed(delivery: WebhookDelivery, error: str) -> None:
    if delivery.attempts >= MAX_ATTEMPTS:
        _give_up(delivery, error)
        return
    delivery.last_error = error[:MAX_ERROR_LENGTH]
    delivery.next_attempt_at = delivery.last_attempt_at + retry_delay(delivery.attempts)
    delivery.save()
    logger.warning(
        "Webhook delivery %s to %s failed (attempt %s), next at %s: %s",
        delivery.pk,
        delivery.endpoint.name,
        delivery.attempts,
        delivery.next_attempt_at.isoformat(),
        delivery.last_error,
    )


def _give_up(delivery: WebhookDelivery, error: str) -> None:
    delivery.status = DeliveryStatus.FAILED
    delivery.next_attempt_at = None
    delivery.last_error = error[:MAX_ERROR_LENGTH]
    delivery.save()
    logger.error(
        "Webhook delivery %s to %s given up after %s attempts: %s",
        delivery.pk,
        delivery.endpoint.name,
        delivery.attempts,
        delivery.last_error,
    )


def due_deliveries(now: dt.datetime | None = None) -> QuerySet[WebhookDelivery]:
    """Pending deliveries whose retry is due, or whose first task seems lost."""
    now = now or timezone.now()
    return WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING).filter(
        Q(next_attempt_at__lte=now) | Q(next_attempt_at__isnull=True, created_at__lte=now - LOST_TASK_AFTER)
    )


def deliver_due(now: dt.datetime | None = None) -> int:
    """Hand every due delivery to the task queue again; returns how many (beat, every minute)."""
    from gehoord.webhooks.tasks import deliver_webhook

    due = list(due_deliveries(now).order_by("created_at", "pk").values_list("pk", "attempts"))
    for delivery_id, attempts in due:
        deliver_webhook.delay(delivery_id, attempts)
    return len(due)


def redeliver(delivery: WebhookDelivery) -> WebhookDelivery:
    """Start over with a delivery that was given up (the admin's action, once the receiver is fixed)."""
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery.pk)
        if delivery.status == DeliveryStatus.DELIVERED:
            return delivery
        delivery.status = DeliveryStatus.PENDING
        delivery.attempts = 0
        delivery.next_attempt_at = None
        delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
        transaction.on_commit(lambda: _enqueue([delivery.pk]))
    return delivery
