"""The REST API, /api/v1/: complaints for connected systems, with the back office's own rules.

Every endpoint calls the same selectors and services as the screens: a client
sees what its service account may see, and a lifecycle step is refused for the
same reasons, answered as problem+json.
"""

from __future__ import annotations

import datetime as dt

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.core.validators import slug_re
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from drf_spectacular.views import SpectacularRedocView
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from gehoord.api.auth import AddressThrottle, ApiClientAuthentication, HasManagementRole, HasScope
from gehoord.api.idempotency import idempotent
from gehoord.api.models import Scope
from gehoord.api.problems import form_problem, problem
from gehoord.api.serializers import (
    ComplaintIntakeSerializer,
    ComplaintSerializer,
    ComplaintSummarySerializer,
    ContactSerializer,
    EventSerializer,
    NoteSerializer,
    TransitionSerializer,
)
from gehoord.audit.models import Action as AuditAction
from gehoord.audit.services import describe_query
from gehoord.audit.services import record as audit
from gehoord.cases import inbox, lifecycle, selectors, services
from gehoord.cases.constants import Channel, Route, Status
from gehoord.cases.forms import TransitionForm
from gehoord.cases.models import Complaint
from gehoord.core.params import ascii_digits
from gehoord.intake.services import submit_api_complaint
from gehoord.organisation.models import Department
from gehoord.reporting.figures import Period, figures


class Page(PageNumberPagination):
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"

    def get_page_size(self, request) -> int:
        # DRF quietly falls back to the default for a wrong page_size; a system should hear of it.
        raw = request.query_params.getlist(self.page_size_query_param)
        if not raw:
            return self.page_size
        # ASCII digits only: "²".isdigit() is true, and int("²") a server error.
        if len(raw) > 1 or not ascii_digits(raw[0]) or not 1 <= int(raw[0]) <= self.max_page_size:
            raise ValidationError(
                {
                    self.page_size_query_param: [
                        _("Geef een getal van 1 tot en met %(max)s.") % {"max": self.max_page_size}
                    ]
                }
            )
        return int(raw[0])

    def get_page_number(self, request, paginator) -> str | int:
        # Empty is the first page; a page past the last is a 404 (DRF); anything but digits says so.
        raw = request.query_params.getlist(self.page_query_param)
        if not raw or raw == [""]:
            return 1
        if len(raw) > 1 or not ascii_digits(raw[0]):
            raise ValidationError(
                {
                    self.page_query_param: [
                        _("Geef het paginanummer als getal, vanaf 1 (alleen de cijfers 0-9).")
                    ]
                }
            )
        return raw[0]


class ApiView(APIView):
    authentication_classes = [ApiClientAuthentication]
    permission_classes = [HasScope]
    required_scopes: dict[str, str] = {}

    def complaint(self, reference: str) -> Complaint:
        complaint = selectors.by_reference(selectors.visible_complaints(self.request.user), reference)
        if complaint is None:
            raise Http404
        return complaint


# As in the inbox's filter bar, an empty value means "no filter" (and an empty page the first).
DIGITS = {"type": "string", "pattern": "^[0-9]*$"}
FILTER_PARAMETERS = [
    OpenApiParameter("q", str, description="Zoek op kenmerk, naam of een woord uit de klacht."),
    OpenApiParameter(
        "status",
        str,
        many=True,
        enum=["", inbox.OPEN, inbox.ALL, *Status.values],
        description="Een of meer statussen; 'open' alle lopende (standaard), 'all' alle.",
    ),
    OpenApiParameter("route", str, enum=["", *Route.values]),
    OpenApiParameter("channel", str, enum=["", *Channel.values]),
    OpenApiParameter("department", DIGITS, description="Het id van een afdeling."),
    OpenApiParameter("due", str, enum=["", *inbox.DUE_VALUES]),
    OpenApiParameter("page", DIGITS, description="Vanaf 1; een pagina voorbij de laatste geeft 404."),
    OpenApiParameter("page_size", int, description="Standaard 50, van 1 tot en met 200."),
]
# One page of the list, as PageNumberPagination answers it.
COMPLAINT_PAGE = inline_serializer(
    name="PaginatedComplaintSummaryList",
    fields={
        "count": serializers.IntegerField(),
        "next": serializers.URLField(allow_null=True),
        "previous": serializers.URLField(allow_null=True),
        "results": ComplaintSummarySerializer(many=True),
    },
)


class ComplaintList(ApiView):
    required_scopes = {"GET": Scope.READ, "POST": Scope.INTAKE}

    @extend_schema(parameters=FILTER_PARAMETERS, responses=COMPLAINT_PAGE)
    def get(self, request):
        """The complaints the client may see, filtered and searched like the inbox."""
        form = inbox.InboxFilter(request.query_params)
        if not form.is_valid():
            # The inbox falls back to a default for a wrong filter; a system is told.
            return form_problem(form, _("Niet alle filters kloppen. Zie 'errors' voor wat er mis is."))
        filters = form.filters()
        complaints = selectors.inbox(request.user, filters).prefetch_related("departments")
        paginator = Page()
        page = paginator.paginate_queryset(complaints, request, view=self)
        # One entry for the page, with its filters (a search term hidden) and the number found.
        audit(
            request,
            AuditAction.LIST,
            note=f"api {describe_query(request.query_params)} ({paginator.page.paginator.count} gevonden)",
        )
        return paginator.get_paginated_response(ComplaintSummarySerializer(page, many=True).data)

    @extend_schema(
        request=ComplaintIntakeSerializer,
        responses={201: ComplaintSerializer, 200: ComplaintSerializer},
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                description="Maakt een herhaald verzoek veilig.",
            )
        ],
    )
    @idempotent
    def post(self, request):
        """Submit a complaint (channel API); it is stored and acknowledged like one from the web form.

        201 with the new complaint; 200 with the existing one when the same
        person sent the same complaint within the resubmission window (a retry
        without Idempotency-Key): no second complaint is made.
        """
        serializer = ComplaintIntakeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        intake = submit_api_complaint(data=serializer.validated_data, actor=request.user)
        return Response(
            ComplaintSerializer(intake.complaint).data,
            status=status.HTTP_201_CREATED if intake.created else status.HTTP_200_OK,
        )


class ComplaintDetail(ApiView):
    required_scopes = {"GET": Scope.READ}

    @extend_schema(responses=ComplaintSerializer)
    def get(self, request, reference: str):
        complaint = self.complaint(reference)
        audit(request, AuditAction.VIEW, complaint=complaint)
        return Response(ComplaintSerializer(complaint).data)


class ComplaintTimeline(ApiView):
    required_scopes = {"GET": Scope.READ}

    @extend_schema(responses=EventSerializer(many=True))
    def get(self, request, reference: str):
        complaint = self.complaint(reference)
        audit(request, AuditAction.VIEW, complaint=complaint, note="tijdlijn")
        events = complaint.events.select_related("actor")
        return Response(EventSerializer(events, many=True).data)


class ComplaintNotes(ApiView):
    required_scopes = {"POST": Scope.WRITE}

    @extend_schema(request=NoteSerializer, responses={201: EventSerializer})
    @idempotent
    def post(self, request, reference: str):
        serializer = NoteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = services.add_note(
            self.complaint(reference), text=serializer.validated_data["text"], actor=request.user
        )
        return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)


class ComplaintContacts(ApiView):
    required_scopes = {"POST": Scope.WRITE}

    @extend_schema(request=ContactSerializer, responses={201: ContactSerializer})
    @idempotent
    def post(self, request, reference: str):
        serializer = ContactSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        # The API names the moment as Open Klant does (plaatsgevondenOp); the service calls it `at`.
        at = data.pop("occurred_at", None)
        services.record_contact(self.complaint(reference), actor=request.user, at=at, **data)
        return Response(serializer.data, status=status.HTTP_201_CREATED)


class ComplaintTransitions(ApiView):
    required_scopes = {"GET": Scope.READ, "POST": Scope.WRITE}

    @extend_schema(responses={200: {"type": "array", "items": {"type": "string"}}})
    def get(self, request, reference: str):
        """The lifecycle steps the client may take now."""
        complaint = self.complaint(reference)
        return Response([t.name for t in lifecycle.available_transitions(complaint, request.user)])

    @extend_schema(request=TransitionSerializer, responses={200: ComplaintSerializer})
    @idempotent
    def post(self, request, reference: str):
        """Take a lifecycle step; refused with a clear message when the rules do not allow it."""
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        name = serializer.validated_data["name"]
        if name not in lifecycle.TRANSITIONS:
            return problem(
                400, _("Onbekende stap '%(name)s'.") % {"name": name}, errors={"name": [_("Onbekende stap.")]}
            )
        form = TransitionForm.from_params(serializer.validated_data["params"], transition=name)
        if not form.is_valid():
            return form_problem(form, _("De gegevens van de stap kloppen niet."))
        complaint = lifecycle.perform(
            self.complaint(reference), name, actor=request.user, **form.cleaned_data
        )
        return Response(ComplaintSerializer(complaint).data)


class ReportFigures(ApiView):
    # The figures of the dashboard, for the role that may see the dashboard (gehoord.reporting.views).
    permission_classes = [HasScope, HasManagementRole]
    required_scopes = {"GET": Scope.REPORTS}

    @extend_schema(
        parameters=[
            OpenApiParameter("start", dt.date, required=True),
            OpenApiParameter("end", dt.date, required=True),
            OpenApiParameter("department", str, description="De code van een afdeling."),
        ],
        responses={200: {"type": "object"}},
    )
    def get(self, request):
        """The reported figures (as on the dashboard) for a period."""
        try:
            period = Period(
                dt.date.fromisoformat(request.query_params["start"]),
                dt.date.fromisoformat(request.query_params["end"]),
            )
        except (KeyError, ValueError):
            return problem(
                400,
                _("Geef start en end als datum (JJJJ-MM-DD) tussen 1900 en 2999, met end niet vóór start."),
            )
        department = None
        if code := request.query_params.get("department"):
            # Only a code can be one (a slug); anything else, a NUL character too, is not looked up.
            department = Department.objects.filter(code=code).first() if slug_re.match(code) else None
            if department is None:
                return problem(400, _("Onbekende afdeling."))
        result = figures(period, department, viewer=request.user)
        return Response(
            {
                "start": period.start,
                "end": period.end,
                "department": department.code if department else None,
                "received": result.received,
                "closed": result.closed,
                "decided": result.decided,
                "decided_in_time": result.decided_in_time,
                "informal_share": result.informal_share,
                "open_by_status": result.open_by_status,
                "overdue": result.overdue,
                "intake_by_channel": result.intake_by_channel,
                "outcomes": result.outcomes,
                "lead_time_days": {
                    route: {"count": lead.count, "average": lead.average_days, "median": lead.median_days}
                    for route, lead in result.lead_time.items()
                },
                "rungs": result.rungs,
                "ombudsman": result.ombudsman,
                "vouchers_sent": result.vouchers_sent,
                "breached_norms": dict(result.breached_norms),
            }
        )


# The documentation page: Redoc from drf-spectacular-sidecar, started by a static script. Redoc
# writes its styles into <style> elements and parses the schema in a worker, so this page alone
# allows inline styles and blob: workers.
api_docs = csp_update({"style-src": [UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})(
    SpectacularRedocView.as_view(
        url_name="api-schema", template_name="api/redoc.html", throttle_classes=[AddressThrottle]
    )
)
