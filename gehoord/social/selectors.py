"""Reading the signals queue, shaped for the coordinator's screens."""

from __future__ import annotations

import datetime as dt
from statistics import median
from typing import TYPE_CHECKING

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When

from gehoord.cases.selectors import visible_through
from gehoord.social.constants import OPEN_SIGNAL_STATUSES, SignalStatus
from gehoord.social.models import SocialSignal

if TYPE_CHECKING:
    from gehoord.accounts.models import User

STATUS_FILTERS = {
    "open": OPEN_SIGNAL_STATUSES,
    **{status.value: (status,) for status in SignalStatus},
    "all": tuple(SignalStatus),
}


def signals_for(viewer: User) -> QuerySet[SocialSignal]:
    """The signals `viewer` may see: all but those turned into a complaint about their own conduct (Awb 9:7)."""
    return visible_through(viewer, SocialSignal.objects.all(), keep_unlinked=True)


def signal_queue(viewer: User, status: str = "open") -> QuerySet[SocialSignal]:
    """The signals of a status filter ("open" by default: new and contacted), unread and newest first."""
    statuses = STATUS_FILTERS.get(status, OPEN_SIGNAL_STATUSES)
    # New signals first: they still wait for a first response.
    waiting = Case(
        When(status=SignalStatus.NEW, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        signals_for(viewer)
        .filter(status__in=statuses)
        .select_related("complaint")
        .order_by(waiting, "-posted_at", "-pk")
    )


def status_counts(viewer: User) -> dict[str, int]:
    counts = dict(
        signals_for(viewer).values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return {status.value: counts.get(status.value, 0) for status in SignalStatus}


def median_time_to_first_response(viewer: User, since: dt.datetime | None = None) -> dt.timedelta | None:
    """The median time from posting to the first reply to the writer, over the signals that got one."""
    signals = signals_for(viewer).filter(first_response_at__isnull=False)
    if since is not None:
        signals = signals.filter(posted_at__gte=since)
    durations = [first - posted for posted, first in signals.values_list("posted_at", "first_response_at")]
    return median(durations) if durations else None
