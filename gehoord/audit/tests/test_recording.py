"""What the audit trail records: reads and writes of complaint files, by whom, when and from where."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gehoord.accounts.testing import login_staff
from gehoord.api.models import ApiClient, Scope
from gehoord.audit import services as audit
from gehoord.audit.models import Action, ActorKind, AuditEntry
from gehoord.cases import lifecycle, services
from gehoord.cases.constants import Status
from gehoord.cases.status_link import status_path
from gehoord.cases.tests import factories
from gehoord.cases.tests.test_lifecycle import bring_to
from gehoord.core.logs import REDACTED
from gehoord.core.tokens import hash_token
from gehoord.correspondence.constants import LetterKind
from gehoord.intake.tests.helpers import JPEG_BYTES, PDF_BYTES, valid_form_data

pytestmark = pytest.mark.django_db

TOKEN = "audit-test-token-0123456789abcdef"


def detail_url(complaint) -> str:
    return reverse("cases:detail", args=[complaint.reference])


def audit_inserts(queries: CaptureQueriesContext) -> int:
    return sum(1 for q in queries.captured_queries if q["sql"].startswith('INSERT INTO "audit_auditentry"'))


def test_opening_a_file_records_one_view_with_who_what_when_and_where(client, coordinator, complaint):
    login_staff(client, coordinator)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(detail_url(complaint), REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 200
    assert audit_inserts(queries) == 1  # one cheap INSERT, nothing else
    entry = AuditEntry.objects.get(action=Action.VIEW)
    assert entry.actor == coordinator
    assert entry.actor_label == coordinator.username
    assert entry.actor_kind == ActorKind.STAFF
    assert entry.ip == "203.0.113.7"
    assert entry.method == "GET"
    assert entry.path == detail_url(complaint)
    assert entry.request_id == response["X-Request-ID"]
    assert (entry.complaint_id, entry.complaint_reference) == (complaint.pk, complaint.reference)
    assert entry.complainant_id == complaint.complainant_id


def test_the_client_address_follows_the_sites_client_ip_rule(client, settings, coordinator, complaint):
    # The rule of the rate limits: CLIENT_IP_HEADER behind a proxy, REMOTE_ADDR when it is not an address.
    settings.CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    login_staff(client, coordinator)

    client.get(detail_url(complaint), REMOTE_ADDR="10.0.0.2", HTTP_X_REAL_IP="198.51.100.23")
    client.get(detail_url(complaint), REMOTE_ADDR="10.0.0.2", HTTP_X_REAL_IP="not an address")

    assert list(
        AuditEntry.objects.filter(action=Action.VIEW).order_by("pk").values_list("ip", flat=True)
    ) == [
        "198.51.100.23",
        "10.0.0.2",
    ]


def test_someone_who_may_not_see_the_file_leaves_no_view(client, complaint):
    stranger = factories.handler()
    login_staff(client, stranger)

    assert client.get(detail_url(complaint)).status_code == 404
    assert not AuditEntry.objects.filter(action=Action.VIEW).exists()


def test_downloading_an_attachment_is_recorded_with_the_attachment(client, coordinator, complaint):
    attachment = services.add_attachment(
        complaint,
        file=SimpleUploadedFile("foto.jpg", JPEG_BYTES, "image/jpeg"),
        actor=coordinator,
    )
    login_staff(client, coordinator)

    page = client.get(detail_url(complaint))
    url = reverse("cases:attachment", args=[complaint.reference, attachment.pk])
    assert url in page.content.decode()
    response = client.get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == JPEG_BYTES
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    download = AuditEntry.objects.get(action=Action.DOWNLOAD)
    assert (download.object_type, download.object_id) == ("cases.attachment", attachment.pk)
    assert (download.actor, download.complaint_id, download.path) == (coordinator, complaint.pk, url)
    # Uploading it was a write on the file, naming the same attachment.
    upload = AuditEntry.objects.get(action=Action.CHANGE, object_type="cases.attachment")
    assert upload.object_id == attachment.pk


def test_an_attachment_of_a_file_one_may_not_see_is_a_404_without_an_entry(client, coordinator, complaint):
    attachment = services.add_attachment(
        complaint, file=SimpleUploadedFile("brief.pdf", PDF_BYTES, "application/pdf"), actor=coordinator
    )
    login_staff(client, factories.handler())

    assert (
        client.get(reverse("cases:attachment", args=[complaint.reference, attachment.pk])).status_code == 404
    )
    assert not AuditEntry.objects.filter(action=Action.DOWNLOAD).exists()


def test_opening_a_letter_pdf_is_a_download_of_that_letter(client, coordinator):
    complaint = bring_to(Status.DECIDED, actor=coordinator)
    letter = complaint.letters.get(kind=LetterKind.DECISION)
    login_staff(client, coordinator)

    response = client.get(reverse("correspondence:pdf", args=[letter.pk]))

    assert response.status_code == 200
    entry = AuditEntry.objects.get(action=Action.DOWNLOAD)
    assert (entry.object_type, entry.object_id, entry.complaint_id) == (
        "correspondence.letter",
        letter.pk,
        complaint.pk,
    )


def test_the_inbox_and_its_csv_export_are_one_entry_each_without_the_search_term(client, coordinator):
    for _ in range(3):
        factories.make_complaint(complainant=factories.ComplainantFactory.build(last_name="Jansen"))
    factories.make_complaint(complainant=factories.ComplainantFactory.build(last_name="Pietersen"))
    login_staff(client, coordinator)

    client.get(reverse("cases:list"), {"q": "Jansen", "status": "all"})
    response = client.get(reverse("cases:list"), {"q": "Jansen", "status": "all", "formaat": "csv"})
    assert not AuditEntry.objects.filter(action=Action.EXPORT).exists()  # recorded as the rows go out
    body = b"".join(response.streaming_content).decode()

    assert body.count("K-") == 3
    listing = AuditEntry.objects.get(action=Action.LIST)
    export = AuditEntry.objects.get(action=Action.EXPORT)
    assert "(3 gevonden)" in listing.note
    assert "(3 rijen)" in export.note
    for entry in (listing, export):
        assert "status=all" in entry.note
        assert "Jansen" not in entry.note  # a search term may be a name: hidden
        assert entry.actor == coordinator
        assert entry.complaint_id is None


def test_writes_through_the_lifecycle_are_recorded_in_the_steps_transaction(coordinator, complaint):
    with pytest.raises(RuntimeError), transaction.atomic():
        lifecycle.perform(complaint, "start_triage", actor=coordinator)
        entry = AuditEntry.objects.get(note="status_change:start_triage")
        assert (entry.action, entry.actor, entry.complaint_id) == (Action.CHANGE, coordinator, complaint.pk)
        raise RuntimeError("the step is rolled back")

    assert not AuditEntry.objects.filter(note="status_change:start_triage").exists()


def test_a_hook_that_fails_rolls_the_step_and_its_entry_back(coordinator, complaint):
    def failing_hook(complaint, name, params):
        raise RuntimeError("hook failed")

    lifecycle.register_after_step(failing_hook)
    try:
        with pytest.raises(RuntimeError):
            lifecycle.perform(complaint, "start_triage", actor=coordinator)
    finally:
        lifecycle.AFTER_STEP_HOOKS.remove(failing_hook)

    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED
    assert not AuditEntry.objects.filter(note="status_change:start_triage").exists()


def test_a_step_on_the_file_page_records_who_from_where_with_one_insert(client, coordinator, complaint):
    login_staff(client, coordinator)
    url = reverse("cases:step", args=[complaint.reference, "start_triage"])

    with CaptureQueriesContext(connection) as queries:
        response = client.post(url, REMOTE_ADDR="192.0.2.44")

    assert response.status_code == 302
    assert audit_inserts(queries) == 1
    entry = AuditEntry.objects.get(note="status_change:start_triage")
    assert (entry.actor, entry.actor_kind, entry.ip, entry.method, entry.path) == (
        coordinator,
        ActorKind.STAFF,
        "192.0.2.44",
        "POST",
        url,
    )


def test_notes_contacts_and_assignments_are_writes(coordinator, handler, complaint):
    complaint = lifecycle.assign_handler(complaint, handler, actor=coordinator)
    services.add_note(complaint, text="Klager gebeld, voicemail.", actor=handler)
    contact = services.record_contact(complaint, channel="phone", subject="Eerste contact", actor=handler)

    writes = AuditEntry.objects.filter(complaint_id=complaint.pk).order_by("pk")
    assert [(e.action, e.note, e.actor_label) for e in writes] == [
        (Action.CREATE, "created", ""),
        (Action.CHANGE, "assignment", coordinator.username),
        (Action.CHANGE, "note", handler.username),
        (Action.CHANGE, "contact", handler.username),
    ]
    assert (writes.last().object_type, writes.last().object_id) == ("cases.contact", contact.pk)
    # Outside a request (here, a test; in production a task or a command) the kind says so.
    assert writes.first().actor_kind == ActorKind.SYSTEM
    assert writes.first().ip is None


def test_the_system_variant_names_a_task_or_a_command(coordinator, complaint):
    by_task = audit.record_system(Action.EXPORT, complaint=complaint, note="nachtelijke taak")
    by_command = audit.record_system(Action.VIEW, actor=coordinator, complaint=complaint)

    assert (by_task.actor_kind, by_task.actor, by_task.path, by_task.ip) == (ActorKind.SYSTEM, None, "", None)
    assert (by_command.actor_kind, by_command.actor_label) == (ActorKind.STAFF, coordinator.username)


# --- the API -----------------------------------------------------------------------------------


def api_call(method: str, path: str, data=None):
    from django.test import Client

    client = Client(headers={"Authorization": f"Bearer {TOKEN}"}, REMOTE_ADDR="198.51.100.9")
    kwargs = {"content_type": "application/json"} if data is not None else {}
    return getattr(client, method)(f"/api/v1/{path}", data, **kwargs)


@pytest.fixture
def api_app(db):
    user = factories.coordinator(username="zaaksysteem", is_service_account=True)
    return ApiClient.objects.create(
        name="Zaaksysteem", user=user, scopes=[Scope.READ, Scope.WRITE], token_hash=hash_token(TOKEN)
    )


def test_an_api_read_is_recorded_for_the_client(api_app, complaint):
    assert api_call("get", f"complaints/{complaint.reference}/").status_code == 200
    assert api_call("get", f"complaints/{complaint.reference}/timeline/").status_code == 200

    reads = AuditEntry.objects.filter(action=Action.VIEW).order_by("pk")
    assert [e.note for e in reads] == ["", "tijdlijn"]
    for entry in reads:
        assert entry.actor_kind == ActorKind.API_CLIENT
        assert entry.api_client_id == api_app.pk
        assert entry.actor == api_app.user
        assert entry.ip == "198.51.100.9"
        assert entry.complaint_id == complaint.pk


def test_an_api_list_is_one_entry_with_its_query(api_app):
    for _ in range(3):
        factories.make_complaint()

    with CaptureQueriesContext(connection) as queries:
        response = api_call("get", "complaints/?status=all&q=balie&page_size=2")

    assert response.status_code == 200
    assert len(response.json()["results"]) == 2
    assert audit_inserts(queries) == 1  # one entry for the page, not one per complaint
    entry = AuditEntry.objects.get(action=Action.LIST)
    assert entry.api_client_id == api_app.pk
    assert "status=all" in entry.note and "page_size=2" in entry.note
    assert "balie" not in entry.note
    assert "(3 gevonden)" in entry.note


def test_an_api_write_is_recorded_for_the_client(api_app, complaint):
    response = api_call("post", f"complaints/{complaint.reference}/notes/", {"text": "Gebeld."})

    assert response.status_code == 201
    entry = AuditEntry.objects.get(note="note")
    assert (entry.actor_kind, entry.api_client_id, entry.method) == (ActorKind.API_CLIENT, api_app.pk, "POST")


# --- the citizen --------------------------------------------------------------------------------


def test_a_citizen_opening_the_status_link_is_recorded_without_the_secret(client, complaint):
    link = status_path(complaint)

    assert client.get(link, REMOTE_ADDR="203.0.113.50").status_code == 200

    entry = AuditEntry.objects.get(action=Action.VIEW)
    assert (entry.actor_kind, entry.actor, entry.ip) == (ActorKind.CITIZEN, None, "203.0.113.50")
    assert entry.complaint_id == complaint.pk
    secret = link.rstrip("/").rsplit("/", 1)[1]
    assert secret not in entry.path
    assert entry.path.endswith(f"{complaint.reference}/{REDACTED}/")


def test_a_complaint_from_the_web_form_is_created_by_a_citizen(client):
    response = client.post(reverse("intake:form"), valid_form_data(), REMOTE_ADDR="203.0.113.60")
    assert response.status_code == 302, response.content.decode()[:2000]

    created = AuditEntry.objects.get(action=Action.CREATE)
    assert (created.actor_kind, created.ip, created.method) == (ActorKind.CITIZEN, "203.0.113.60", "POST")


def test_the_query_is_described_without_free_text():
    from django.http import QueryDict

    assert audit.describe_query(QueryDict("status=formal&status=hearing&q=Jan+Jansen&route=")) == (
        "q=%E2%80%A6&status=formal&status=hearing"
    )


def test_the_flower_voucher_list_is_an_export_of_personal_data(client, coordinator):
    from gehoord.vouchers.models import VoucherBatch

    batch = VoucherBatch.objects.create(created_by=coordinator)
    login_staff(client, coordinator)

    assert client.get(reverse("vouchers:export", args=[batch.pk, "csv"])).status_code == 200
    assert client.get(reverse("vouchers:export", args=[batch.pk, "pdf"])).status_code == 403

    entry = AuditEntry.objects.get(action=Action.EXPORT)
    assert (entry.object_type, entry.object_id, entry.note) == (
        "vouchers.voucherbatch",
        batch.pk,
        "bloemenbonnen csv (0 rijen)",
    )
