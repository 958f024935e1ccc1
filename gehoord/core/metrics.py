"""``/metrics`` for Prometheus: django-prometheus's request metrics plus the figures ops watch.

The domain gauges (:class:`DomainCollector`) are counted when Prometheus
scrapes — a few ``COUNT`` queries on indexed columns, no personal data, no
state kept in the process — so every gunicorn worker gives the same answer.

The endpoint is not public. With ``METRICS_TOKEN`` set it answers only
``Authorization: Bearer <METRICS_TOKEN>``; without it only requests from this
machine's loopback address that no proxy forwarded. Anything else gets a plain
404, as if there were no such page.
"""

from __future__ import annotations

import ipaddress
import logging
import os
from collections.abc import Iterator

import prometheus_client
from django.conf import settings
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_prometheus.exports import ExportToDjangoView
from prometheus_client import multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector, CollectorRegistry

from gehoord.core.ratelimits import limited
from gehoord.core.tokens import hash_token

logger = logging.getLogger(__name__)

# Headers a reverse proxy adds: a loopback request that carries one came from elsewhere.
FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED")


class DomainCollector(Collector):
    """Gauges for a municipality's ops team, counted at scrape time."""

    def describe(self) -> Iterator[GaugeMetricFamily]:
        # Registration asks for the names; without describe() it would run the queries at start-up.
        yield from self._families()

    def collect(self) -> Iterator[GaugeMetricFamily]:
        families = self._families()
        up = families.pop()
        try:
            self._count(*families)
        except Exception:  # a scrape must answer, even with the database down
            logger.exception("Counting the domain metrics failed")
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield from families
        yield up

    @staticmethod
    def _families() -> list[GaugeMetricFamily]:
        return [
            GaugeMetricFamily(
                "gehoord_complaints_open",
                "Complaints still in progress (not closed, referred, not handled or withdrawn), by status.",
                labels=["status"],
            ),
            GaugeMetricFamily(
                "gehoord_complaints_decision_overdue",
                "Open complaints whose decision term (Awb 9:11) has passed.",
            ),
            GaugeMetricFamily(
                "gehoord_complaints_first_contact_late",
                "Open complaints without personal contact after its target date.",
            ),
            GaugeMetricFamily(
                "gehoord_letters_not_sent",
                "Letters that have not reached the complainant: queued e-mails and post letters to print.",
                labels=["status"],
            ),
            GaugeMetricFamily(
                "gehoord_letters_failed",
                "Queued e-mail letters that failed at least once and wait for their next attempt.",
            ),
            GaugeMetricFamily(
                "gehoord_mailbox_messages_waiting",
                "E-mails in the complaints mailbox that could not be imported and wait for a person.",
            ),
            GaugeMetricFamily(
                "gehoord_webhook_deliveries",
                "Outgoing webhook deliveries not delivered: pending (still being tried) and failed (given up).",
                labels=["status"],
            ),
            GaugeMetricFamily(
                "gehoord_domain_metrics_up",
                "1 if the domain metrics could be counted at this scrape, 0 if the database failed.",
            ),
        ]

    @staticmethod
    def _count(open_by_status, overdue, first_contact, not_sent, failed, mailbox, webhooks) -> None:
        from gehoord.cases.lifecycle import ACTIVE_STATUSES
        from gehoord.cases.models import Complaint
        from gehoord.cases.selectors import decision_overdue, first_contact_late
        from gehoord.correspondence.constants import NOT_SENT_STATUSES, Delivery, LetterStatus
        from gehoord.correspondence.models import Letter
        from gehoord.mailbox.selectors import messages_not_imported
        from gehoord.webhooks.models import DeliveryStatus, WebhookDelivery

        today = timezone.localdate()
        counts = dict(
            Complaint.objects.filter(status__in=ACTIVE_STATUSES)
            .order_by()
            .values("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        for status in sorted(ACTIVE_STATUSES):
            open_by_status.add_metric([status.value], counts.get(status.value, 0))
        late = Complaint.objects.aggregate(
            overdue=Count("pk", filter=decision_overdue(today)),
            first_contact=Count("pk", filter=first_contact_late(today)),
        )
        overdue.add_metric([], late["overdue"])
        first_contact.add_metric([], late["first_contact"])

        letters = Letter.objects.aggregate(
            failed=Count("pk", filter=Q(status=LetterStatus.QUEUED, delivery=Delivery.EMAIL, attempts__gt=0)),
            **{status.value: Count("pk", filter=Q(status=status)) for status in NOT_SENT_STATUSES},
        )
        for status in NOT_SENT_STATUSES:
            not_sent.add_metric([status.value], letters[status.value])
        failed.add_metric([], letters["failed"])
        mailbox.add_metric([], messages_not_imported().order_by().count())

        undelivered = (DeliveryStatus.PENDING, DeliveryStatus.FAILED)
        deliveries = WebhookDelivery.objects.aggregate(
            **{status.value: Count("pk", filter=Q(status=status)) for status in undelivered}
        )
        for status in undelivered:
            webhooks.add_metric([status.value], deliveries[status.value])


_registered: Collector | None = None


def register_domain_collector(registry: CollectorRegistry = prometheus_client.REGISTRY) -> Collector:
    """Adds the domain gauges to the default registry, once per process however often it is called."""
    global _registered
    if _registered is None:
        collector = DomainCollector()
        registry.register(collector)
        _registered = collector
    return _registered


def multiprocess_mode() -> bool:
    """True under gunicorn (gunicorn.conf.py sets PROMETHEUS_MULTIPROC_DIR): each worker writes files."""
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


def may_scrape(request: HttpRequest) -> bool:
    token = settings.METRICS_TOKEN
    if token:
        scheme, _, supplied = request.headers.get("Authorization", "").partition(" ")
        # Compared as hashes, so the time taken says nothing about the token's length either.
        return scheme.lower() == "bearer" and constant_time_compare(
            hash_token(supplied.strip()), hash_token(token)
        )
    if any(header in request.META for header in FORWARDING_HEADERS):
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_loopback


@never_cache
@require_GET
@limited("metrics")
def metrics(request: HttpRequest) -> HttpResponse:
    if not may_scrape(request):
        raise Http404
    if not multiprocess_mode():
        # One process: the default registry holds django-prometheus's metrics and the domain gauges.
        return ExportToDjangoView(request)
    # Several gunicorn workers: the request metrics are summed from every worker's files (the
    # way django-prometheus's own view does it), and the domain gauges, which a
    # MultiProcessCollector cannot carry, are counted here, once.
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    registry.register(DomainCollector())
    return HttpResponse(
        prometheus_client.generate_latest(registry), content_type=prometheus_client.CONTENT_TYPE_LATEST
    )
