"""The one backoff rule for work that is retried: letters by e-mail, webhook deliveries."""

from __future__ import annotations

import datetime as dt


def backoff(attempts: int, *, base: dt.timedelta, cap: dt.timedelta) -> dt.timedelta:
    """How long to wait after the `attempts`-th failed attempt: base, 2x, 4x, ... never more than cap."""
    return min(base * 2 ** max(attempts - 1, 0), cap)
