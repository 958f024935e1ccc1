"""One small municipality with everything the URLs need: people in every role, a complaint file with
a letter and an attachment, the citizen's status link, a survey link, API and webhook clients.

Shared by the permission matrix, the guessing tests, the property tests and the rate-limit tests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from gehoord.accounts.models import User
from gehoord.accounts.roles import Role
from gehoord.accounts.testing import login_staff, totp_device
from gehoord.api.models import ApiClient, Scope
from gehoord.cases import lifecycle
from gehoord.cases import services as case_services
from gehoord.cases.models import Complaint
from gehoord.cases.status_link import status_path
from gehoord.cases.tests import factories
from gehoord.core.tokens import hash_token
from gehoord.correspondence.services import queue_acknowledgment
from gehoord.intake.models import TriageDestination
from gehoord.intake.views import SESSION_KEY
from gehoord.learning import measures
from gehoord.mailbox.models import InboundMessage, MessageOutcome, MessageSource
from gehoord.reporting.models import ReportRun, ReportStatus
from gehoord.social.tests.factories import SocialSignalFactory, webhook_client
from gehoord.surveys import services as survey_services
from gehoord.surveys.links import survey_path
from gehoord.vouchers.models import FlowerVoucher, VoucherBatch

# Requests come from outside: not from the loopback address that /metrics trusts.
OUTSIDE = "203.0.113.9"

# The browser-side roles of the matrix: who is asking.
ROLES = (
    "anonymous",  # nobody signed in
    "citizen",  # the complainant, right after sending the form (the session knows the complaint)
    "unverified",  # a coordinator who gave the password but not yet the second factor
    "coordinator",
    "assigned_handler",  # the handler of the complaint
    "other_handler",  # a handler of other complaints
    "department_head",  # head of the department the complaint is about
    "other_department_head",
    "admin",  # functioneel beheer: the Django admin
    "involved_employee",  # the employee complained about (no role)
    "involved_coordinator",  # a coordinator complained about in this very complaint
)
STAFF = tuple(role for role in ROLES if role not in ("anonymous", "citizen", "unverified"))

WEBHOOK_TOKEN = "matrix-webhook-token-0123456789"
# The callers of the API: a token per scope (each acting as a service account with the coordinator
# role), a token with read and write whose service account has the handler role (object-level: it
# sees only complaints assigned to it, and none is), and no or a wrong token.
API_TOKENS = {
    "intake": ("matrix-intake-token-0123456789", [Scope.INTAKE], Role.COORDINATOR),
    "read": ("matrix-read-token-0123456789abc", [Scope.READ], Role.COORDINATOR),
    "write": ("matrix-write-token-0123456789ab", [Scope.WRITE], Role.COORDINATOR),
    "reports": ("matrix-reports-token-01234567", [Scope.REPORTS], Role.COORDINATOR),
    "other_handler_rw": ("matrix-handler-token-0123456", [Scope.READ, Scope.WRITE], Role.HANDLER),
}
API_CALLERS = ("no_token", "bad_token", "staff_session", "webhook_token", *API_TOKENS)
BAD_TOKEN = "matrix-not-a-token-00000000000"


@dataclass
class World:
    people: dict[str, User]
    complaint: Complaint  # handled by assigned_handler, about department_head's department
    other_complaint: Complaint  # another department, handled by other_handler
    status_path: str
    other_status_path: str
    survey_path: str
    objects: dict[str, object] = field(default_factory=dict)

    def client(self, role: str) -> Client:
        """A browser for `role` (see ROLES), coming from OUTSIDE."""
        client = Client(REMOTE_ADDR=OUTSIDE)
        if role == "citizen":
            session = client.session
            session[SESSION_KEY] = self.complaint.pk
            session.save()
        elif role == "unverified":
            totp_device(self.people["unverified"])
            client.force_login(self.people["unverified"])
        elif role != "anonymous":
            login_staff(client, self.people[role])
        return client

    def api_client(self, caller: str) -> Client:
        """A system calling the API as `caller` (see API_CALLERS)."""
        headers = {}
        if caller == "bad_token":
            headers["Authorization"] = f"Bearer {BAD_TOKEN}"
        elif caller == "webhook_token":
            headers["Authorization"] = f"Bearer {WEBHOOK_TOKEN}"
        elif caller in API_TOKENS:
            headers["Authorization"] = f"Bearer {API_TOKENS[caller][0]}"
        client = Client(REMOTE_ADDR=OUTSIDE, headers=headers)
        if caller == "staff_session":
            login_staff(client, self.people["coordinator"])
        return client


def _waiting_device(user: User):
    """An authenticator after wrong codes: the coordinator may lift its wait."""
    device = totp_device(user)
    device.throttling_failure_count = 3
    device.throttling_failure_timestamp = timezone.now()
    device.save()
    return device


def build_world() -> World:
    department = factories.DepartmentFactory(name="Burgerzaken", code="bz")
    other_department = factories.DepartmentFactory(name="Belastingen", code="bel")
    people = {
        "coordinator": factories.coordinator(),
        "unverified": factories.coordinator(),
        "assigned_handler": factories.handler(),
        "other_handler": factories.handler(),
        "department_head": factories.UserFactory(roles=[Role.DEPARTMENT_HEAD]),
        "other_department_head": factories.UserFactory(roles=[Role.DEPARTMENT_HEAD]),
        # Functioneel beheer: staff in the admin, with its role's permissions only (not a superuser).
        "admin": factories.UserFactory(roles=[Role.ADMIN], is_staff=True),
        "involved_employee": factories.UserFactory(department=department),
        "involved_coordinator": factories.coordinator(),
    }
    department.head = people["department_head"]
    department.save()
    other_department.head = people["other_department_head"]
    other_department.save()
    coordinator = people["coordinator"]

    complaint = factories.make_complaint(
        channel="letter",
        departments=[department],
        employees_involved=[people["involved_employee"], people["involved_coordinator"]],
    )
    queue_acknowledgment(complaint)
    lifecycle.perform(complaint, "start_triage", actor=coordinator)
    lifecycle.assign_handler(complaint, people["assigned_handler"], actor=coordinator)
    case_services.add_attachment(
        complaint,
        file=SimpleUploadedFile("bewijs.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        actor=coordinator,
    )

    other_complaint = factories.make_complaint(departments=[other_department])
    lifecycle.perform(other_complaint, "start_triage", actor=coordinator)
    lifecycle.assign_handler(other_complaint, people["other_handler"], actor=coordinator)

    invitation = survey_services.invite(complaint)
    objects: dict[str, object] = {
        "attachment": complaint.attachments.get(),
        "letter": complaint.letters.get(),
        "destination": TriageDestination.objects.create(
            slug="afval", option_label="Afval", title="Afval", explanation="Bel de milieustraat."
        ),
        "message": InboundMessage.objects.create(
            message_id="<kapot@example.org>", source=MessageSource.UPLOAD, outcome=MessageOutcome.FAILED
        ),
        "signal": SocialSignalFactory(),
        "measure": measures.propose(
            description="Baliemedewerkers krijgen een training.",
            department=department,
            responsible=people["department_head"],
            due_date=timezone.localdate() + dt.timedelta(days=30),
            actor=coordinator,
        ),
        "voucher": FlowerVoucher.objects.create(complaint=other_complaint, value=25, supplier="Bloemist"),
        "batch": VoucherBatch.objects.create(created_by=coordinator),
        "report": _finished_report(coordinator),
        "webhook_client": webhook_client(WEBHOOK_TOKEN),
        "waiting_device": _waiting_device(people["assigned_handler"]),
    }
    for name, (token, scopes, role) in API_TOKENS.items():
        user = factories.UserFactory(username=f"api-{name}", roles=[role], is_service_account=True)
        ApiClient.objects.create(
            name=f"Koppeling {name}", user=user, scopes=[str(s) for s in scopes], token_hash=hash_token(token)
        )
    return World(
        people=people,
        complaint=complaint,
        other_complaint=other_complaint,
        status_path=status_path(complaint),
        other_status_path=status_path(other_complaint),
        survey_path=survey_path(invitation),
        objects=objects,
    )


def _finished_report(actor: User) -> ReportRun:
    today = timezone.localdate()
    run = ReportRun.objects.create(
        start=dt.date(today.year - 1, 1, 1),
        end=dt.date(today.year - 1, 12, 31),
        requested_by=actor,
        status=ReportStatus.DONE,
        finished_at=timezone.now(),
    )
    run.pdf.save("jaarverslag.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    run.xlsx.save("jaarverslag.xlsx", ContentFile(b"PK\x03\x04"), save=True)
    return run
