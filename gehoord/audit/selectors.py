"""Reading the audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet

from gehoord.audit.models import AuditEntry

if TYPE_CHECKING:
    from gehoord.cases.models import Complaint

# The file page shows the latest entries; the admin has them all.
FILE_PAGE_ENTRIES = 50


def entries_for_complaint(complaint: Complaint, limit: int = FILE_PAGE_ENTRIES) -> list[AuditEntry]:
    """The latest reads and writes of one complaint file, newest first (one query, on its index)."""
    return list(complaint_entries(complaint.pk)[:limit])


def complaint_entries(complaint_id: int) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(complaint_id=complaint_id).order_by("-at", "-pk")
