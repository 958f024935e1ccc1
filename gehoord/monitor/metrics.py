"""The figures ops watch on ``/metrics``: open complaints, late terms, letters, mailbox, webhooks.

:class:`DomainCollector` counts them when Prometheus scrapes. The endpoint
itself (who may scrape, gunicorn's several workers) is
:mod:`gehoord.core.metrics`; this app adds the collector to it when Django
starts (:class:`gehoord.monitor.apps.MonitorConfig`), because the monitor sits
above every app whose figures it counts and core may import none of them.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from django.db.models import Count, Q
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from gehoord.cases.lifecycle import ACTIVE_STATUSES
from gehoord.cases.models import Complaint
from gehoord.cases.selectors import decision_overdue, first_contact_late
from gehoord.core import metrics
from gehoord.correspondence.constants import NOT_SENT_STATUSES, Delivery, LetterStatus
from gehoord.correspondence.models import Letter
from gehoord.mailbox.selectors import messages_not_imported
from gehoord.webhooks.models import DeliveryStatus, WebhookDelivery

logger = logging.getLogger(__name__)


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


def register_domain_collector() -> Collector:
    """Adds the domain gauges to /metrics, once per process however often it is called."""
    return metrics.register_domain_collector(DomainCollector)
