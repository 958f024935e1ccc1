"""How long the audit trail is kept: long enough to answer "who saw my file?", no longer than needed.

The trail holds personal data of its own (employees' user names, client
addresses), so it has a retention term too. An entry is removed once it is
older than ``AUDIT_RETENTION_YEARS`` (default 2) **and** the file it is about
no longer holds personal data: its complaint's personal data have been erased
(``gehoord.privacy``) or the complaint is gone. Which files those are is
privacy's rule, which it registers here (:func:`register_released_files`):
the trail sits below the apps it records. An entry about no file (a list, an
export, the mailbox screen) goes on age alone. So as long as a
complainant's data are kept, so is the record of who read or changed them —
the answer to an AVG access request (art. 15) and to a complaint about the
file's handling.

The ORM never deletes entries (:class:`gehoord.core.append_only.AppendOnlyModel`);
this module deletes them with plain SQL in one transaction. On PostgreSQL the
append-only trigger lets a DELETE through only for entries older than the
cut-off this transaction names in ``gehoord.purging_audit_entries_before``
(audit migration 0003): a mistake here cannot remove a recent entry, and
nothing else can remove any. The purge itself is recorded in the trail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from gehoord.audit.models import Action, AuditEntry
from gehoord.audit.services import record_system
from gehoord.clock.terms import years_before

BATCH = 1000
PURGE_SETTING = "gehoord.purging_audit_entries_before"

# A condition on AuditEntry.complaint_id that holds for the files without personal data any more.
ReleasedFiles = Callable[[], Q]
RELEASED_FILES: list[ReleasedFiles] = []


def register_released_files(condition: ReleasedFiles) -> ReleasedFiles:
    """Let entries about the files `condition` picks expire (once, however often it is registered).

    Without any registered condition only entries about no file expire: the
    trail never loses the record of a file that may still hold personal data.
    """
    if condition not in RELEASED_FILES:
        RELEASED_FILES.append(condition)
    return condition


@dataclass(frozen=True)
class PurgeResult:
    cutoff: dt.datetime
    expired: int
    dry_run: bool

    def __str__(self) -> str:
        verb = "would remove" if self.dry_run else "removed"
        return f"{self.expired} audit entries from before {self.cutoff:%Y-%m-%d} {verb}"


def cutoff(now: dt.datetime | None = None, *, years: int | None = None) -> dt.datetime:
    """The start of the local day `years` (AUDIT_RETENTION_YEARS) before `now`: older entries may go."""
    years = settings.AUDIT_RETENTION_YEARS if years is None else years
    today = timezone.localdate(now or timezone.now())
    day = years_before(today, years)
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def expired_entries(before: dt.datetime):
    """Entries older than `before` whose file holds no personal data any more (or that name no file)."""
    expires = Q(complaint_id__isnull=True)
    for released in RELEASED_FILES:
        expires |= released()
    return AuditEntry.objects.filter(at__lt=before).filter(expires)


def purge_expired_entries(now: dt.datetime | None = None, *, dry_run: bool = False) -> PurgeResult:
    """Remove every expired entry (see the module's rule); with `dry_run` only count them."""
    before = cutoff(now)
    expired = expired_entries(before)
    if dry_run:
        return PurgeResult(cutoff=before, expired=expired.count(), dry_run=True)
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    removed = 0
    with transaction.atomic():
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config(%s, %s, true)", [PURGE_SETTING, before.isoformat()])
            while ids := list(expired.values_list("pk", flat=True)[:BATCH]):
                placeholders = ", ".join(["%s"] * len(ids))
                # The table name is the model's own, quoted; the ids are parameters.
                cursor.execute(f"DELETE FROM {table} WHERE id IN ({placeholders})", ids)  # noqa: S608  # nosec B608
                removed += cursor.rowcount
        if removed:
            record_system(
                Action.ERASE,
                note=f"inzage-logboek: {removed} vermeldingen van voor {before:%d-%m-%Y} verwijderd",
            )
    return PurgeResult(cutoff=before, expired=removed, dry_run=False)
