"""``/metrics`` for Prometheus: django-prometheus's request metrics plus the figures ops watch.

The domain gauges (:class:`gehoord.monitor.metrics.DomainCollector`, which
the monitor app adds with :func:`register_domain_collector`) are counted when
Prometheus scrapes — a few ``COUNT`` queries on indexed columns, no personal
data, no state kept in the process — so every gunicorn worker gives the same
answer.

The endpoint is not public. With ``METRICS_TOKEN`` set it answers only
``Authorization: Bearer <METRICS_TOKEN>``; without it only requests from this
machine's loopback address that no proxy forwarded. Anything else gets a plain
404, as if there were no such page.
"""

from __future__ import annotations

import ipaddress
import os

import prometheus_client
from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_prometheus.exports import ExportToDjangoView
from prometheus_client import multiprocess
from prometheus_client.registry import Collector, CollectorRegistry

from gehoord.core.ratelimits import limited
from gehoord.core.tokens import hash_token

# Headers a reverse proxy adds: a loopback request that carries one came from elsewhere.
FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED")


# The collectors apps add with register_domain_collector, by class: each is counted at scrape time.
_domain_collectors: dict[type[Collector], Collector] = {}


def register_domain_collector(
    collector_class: type[Collector], registry: CollectorRegistry = prometheus_client.REGISTRY
) -> Collector:
    """Serves an app's gauges on /metrics, once per process however often it is called.

    Core counts nothing itself: the app that knows the figures (``gehoord.monitor``) registers
    its collector when Django starts, so core imports no app.
    """
    if collector_class not in _domain_collectors:
        collector = collector_class()
        registry.register(collector)
        _domain_collectors[collector_class] = collector
    return _domain_collectors[collector_class]


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
    for collector_class in _domain_collectors:
        registry.register(collector_class())
    return HttpResponse(
        prometheus_client.generate_latest(registry), content_type=prometheus_client.CONTENT_TYPE_LATEST
    )
