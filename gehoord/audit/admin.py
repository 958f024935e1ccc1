"""The audit trail in the admin: read only for everyone, filtered, searched and exported as CSV.

Nobody adds, changes or deletes an entry here (nor anywhere: the model and, on
PostgreSQL, the database refuse it). Seeing it takes the "view audit entry"
permission (a superuser has it). The export (admin:audit_auditentry_export,
/beheer/audit/auditentry/exporteren/) takes the same filters and search as the
list, and is itself recorded in the trail.
"""

from __future__ import annotations

import re

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.urls import path
from django.utils.translation import gettext_lazy as _

from gehoord.audit import exports
from gehoord.audit.models import AuditEntry
from gehoord.audit.services import audited_export, describe_query
from gehoord.core.exports import csv_response

# The shape of a complaint's reference, K-2026-00042, as gehoord.cases.references.FULL_REFERENCE
# writes it (a test keeps the two the same): the trail sits below cases and stores the reference as text.
REFERENCE = re.compile(r"K-\d{4}-\d{5}")


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = (
        "at",
        "actor_label",
        "actor_kind",
        "action",
        "complaint_reference",
        "object",
        "ip",
        "method",
        "path",
    )
    list_filter = ("action", "actor_kind", "at")
    search_fields = ("complaint_reference", "actor_label")
    search_help_text = _("Zoek op kenmerk (K-2026-00042) of gebruikersnaam.")
    list_select_related = False
    show_full_result_count = False
    change_list_template = "admin/audit/auditentry/change_list.html"
    # The export's fields, and the account itself beside its user name.
    fields = (exports.FIELDS[0], "actor", *exports.FIELDS[1:])
    readonly_fields = fields

    @admin.display(description=_("object"))
    def object(self, entry: AuditEntry) -> str:
        return f"{entry.object_type} {entry.object_id}" if entry.object_type else ""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def get_changelist_instance(self, request):
        # PostgreSQL refuses a NUL character in a query: a filter or search holding one is not
        # looked up (the list then shows everything, as for any wrong filter; the export says so).
        if any("\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values):
            raise IncorrectLookupParameters
        return super().get_changelist_instance(request)

    def get_search_results(self, request, queryset, search_term):
        # A reference or a user name is looked up exactly, on an index: the trail grows without end.
        term = search_term.strip()
        if not term:
            return queryset, False
        if REFERENCE.fullmatch(term.upper()):
            return queryset.filter(complaint_reference=term.upper()), False
        return queryset.filter(actor_label=term), False

    def get_urls(self):
        export = path(
            "exporteren/",
            self.admin_site.admin_view(self.export_view),
            name="audit_auditentry_export",
        )
        return [export, *super().get_urls()]

    def export_view(self, request: HttpRequest) -> HttpResponse:
        """The entries the list shows with these filters and this search, all of them, as CSV."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            entries = self.get_changelist_instance(request).get_queryset(request)
        except IncorrectLookupParameters:
            # The list falls back to everything for a wrong filter; an export of everything
            # instead of what was asked for would be a surprise, so it says what is wrong.
            message = _(
                "Het logboek kent niet al deze filters: %(parameters)s. Kies de filters in de lijst "
                "van het inzage-logboek en exporteer opnieuw."
            ) % {"parameters": ", ".join(sorted(request.GET))}
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        rows = audited_export(
            request, exports.rows(entries), note=f"inzage-logboek csv {describe_query(request.GET)}"
        )
        return csv_response(exports.filename(), exports.header(), rows)
