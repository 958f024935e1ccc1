"""The audit trail as CSV, in the project's one CSV format (gehoord.core.exports)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.audit.models import AuditEntry

# Exactly the entry's own fields: an entry holds no personal data of a complainant, nor does this file.
FIELDS = (
    "at",
    "actor_label",
    "actor_kind",
    "api_client_id",
    "action",
    "complaint_reference",
    "complaint_id",
    "complainant_id",
    "object_type",
    "object_id",
    "method",
    "path",
    "ip",
    "request_id",
    "note",
)


def header() -> list[str]:
    return [str(AuditEntry._meta.get_field(name).verbose_name) for name in FIELDS]


def rows(entries: QuerySet[AuditEntry] | Iterable[AuditEntry]) -> Iterator[list[object]]:
    if isinstance(entries, QuerySet):
        entries = entries.iterator(chunk_size=2000)
    for entry in entries:
        yield [
            timezone.localtime(entry.at).isoformat(timespec="seconds"),
            entry.actor_label,
            entry.get_actor_kind_display(),
            entry.api_client_id,
            entry.get_action_display(),
            entry.complaint_reference,
            entry.complaint_id,
            entry.complainant_id,
            entry.object_type,
            entry.object_id,
            entry.method,
            entry.path,
            entry.ip,
            entry.request_id,
            entry.note,
        ]


def filename() -> str:
    return _("inzage-logboek-%(date)s") % {"date": f"{timezone.localdate():%Y-%m-%d}"}
