"""The trail itself: append-only, read only in the admin, exported as CSV without personal data."""

import pytest
from django.contrib.auth.models import Permission
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from gehoord.accounts.testing import login_staff
from gehoord.audit import admin as audit_admin
from gehoord.audit.models import Action, AuditEntry
from gehoord.audit.services import record_system
from gehoord.cases.references import FULL_REFERENCE
from gehoord.cases.tests import factories

pytestmark = pytest.mark.django_db

EXPORT_URL = "/beheer/audit/auditentry/exporteren/"


@pytest.fixture
def entry(complaint):
    return record_system(Action.VIEW, complaint=complaint, note="test")


@pytest.fixture
def admin_user(db):
    return factories.UserFactory(username="beheerder", is_staff=True, is_superuser=True)


def test_an_entry_cannot_be_changed_or_deleted(entry):
    entry.note = "changed"
    with pytest.raises(TypeError, match="append-only"):
        entry.save()
    with pytest.raises(TypeError, match="append-only"):
        entry.delete()
    with pytest.raises(TypeError, match="append-only"):
        AuditEntry.objects.filter(pk=entry.pk).update(note="changed")
    with pytest.raises(TypeError, match="append-only"):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    with pytest.raises(TypeError, match="append-only"):
        AuditEntry.objects.bulk_update([entry], ["note"])
    with pytest.raises(TypeError, match="append-only"):
        AuditEntry._base_manager.filter(pk=entry.pk).update(note="changed")
    assert AuditEntry.objects.get(pk=entry.pk).note == "test"


@pytest.mark.postgresql
def test_the_database_refuses_to_change_or_delete_an_entry(entry):
    for statement in (
        "UPDATE audit_auditentry SET note = 'changed' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).note == "test"


def test_the_admin_shows_entries_but_nobody_adds_changes_or_deletes_them(client, admin_user, entry):
    login_staff(client, admin_user)
    changelist = reverse("admin:audit_auditentry_changelist")
    change = reverse("admin:audit_auditentry_change", args=[entry.pk])

    listing = client.get(changelist, {"q": entry.complaint_reference.lower(), "action__exact": "view"})
    assert listing.status_code == 200
    assert entry.complaint_reference in listing.content.decode()
    assert f"{EXPORT_URL}?action__exact=view&amp;q=" in listing.content.decode()  # the list's own filters
    page = client.get(change)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()  # read only
    assert client.post(change, {"note": "changed"}).status_code == 403
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert (
        client.post(reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert client.post(
        changelist, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    ).status_code in (200, 302)
    assert AuditEntry.objects.get(pk=entry.pk).note == "test"


def test_the_export_has_the_filtered_entries_and_no_personal_data(client, admin_user, coordinator):
    complainant = factories.ComplainantFactory.build(
        first_name="Wilhelmina", last_name="Zonderland", email="w.zonderland@example.org"
    )
    complaint = factories.make_complaint(
        complainant=complainant, description="Geheime klachttekst over de balie."
    )
    other = factories.make_complaint()
    login_staff(client, coordinator)
    client.get(reverse("cases:detail", args=[complaint.reference]), REMOTE_ADDR="203.0.113.7")
    client.get(reverse("cases:detail", args=[other.reference]))
    login_staff(client, admin_user)

    response = client.get(EXPORT_URL, {"q": complaint.reference, "action__exact": "view"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert len(lines) == 2  # the header and the one view of this file
    assert complaint.reference in lines[1] and coordinator.username in lines[1] and "203.0.113.7" in lines[1]
    assert other.reference not in body
    for personal in ("Wilhelmina", "Zonderland", "w.zonderland@example.org", "Geheime klachttekst"):
        assert personal not in body
    # The export of the trail is in the trail, with its filters and size.
    export = AuditEntry.objects.get(action=Action.EXPORT)
    assert export.actor == admin_user
    assert "inzage-logboek csv" in export.note and "(1 rijen)" in export.note


def test_the_whole_trail_exports_every_entry(client, admin_user, complaint):
    record_system(Action.VIEW, complaint=complaint)
    login_staff(client, admin_user)

    body = b"".join(client.get(EXPORT_URL).streaming_content).decode("utf-8-sig")

    assert len(body.strip().splitlines()) == 1 + AuditEntry.objects.exclude(action=Action.EXPORT).count()


@pytest.mark.parametrize(
    "query",
    [{"page": "2"}, {"at__gte": "gisteren"}, {"action__exact": "\x00"}, {"q": "K-2026-00001\x00"}],
)
def test_a_filter_the_trail_does_not_know_is_a_400_that_says_so(client, admin_user, entry, query):
    login_staff(client, admin_user)

    response = client.get(EXPORT_URL, query)

    assert response.status_code == 400
    text = response.content.decode()
    assert "Het logboek kent niet al deze filters" in text and next(iter(query)) in text
    assert not AuditEntry.objects.filter(action=Action.EXPORT).exists()  # nothing left the system
    # The list itself falls back to every entry, as the admin does for a wrong filter (no server error).
    listed = client.get(reverse("admin:audit_auditentry_changelist"), query)
    assert listed.status_code == 302 and listed.url.endswith("?e=1")


def test_staff_who_are_not_admins_cannot_reach_the_export(client, coordinator, complaint):
    login_staff(client, coordinator)
    response = client.get(EXPORT_URL)
    assert response.status_code == 302 and "/beheer/login/" in response.url

    # Admin access without the permission to view the trail is not enough either.
    clerk = factories.UserFactory(is_staff=True)
    clerk.user_permissions.add(Permission.objects.get(codename="view_conductnorm"))
    login_staff(client, clerk)
    assert client.get(EXPORT_URL).status_code == 403
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 403
    assert not AuditEntry.objects.filter(action=Action.EXPORT).exists()


def test_a_viewer_with_the_permission_may_export(client, complaint):
    auditor = factories.UserFactory(is_staff=True)
    auditor.user_permissions.add(Permission.objects.get(codename="view_auditentry"))
    login_staff(client, auditor)

    assert client.get(EXPORT_URL).status_code == 200


def test_the_coordinator_sees_the_files_audit_log_and_a_handler_does_not(
    client, coordinator, handler, complaint
):
    from gehoord.cases import lifecycle

    lifecycle.assign_handler(complaint, handler, actor=coordinator)
    file_url = reverse("cases:detail", args=[complaint.reference])
    log_url = reverse("cases:access_log", args=[complaint.reference])
    login_staff(client, handler)
    handler_page = client.get(file_url).content.decode()
    assert client.get(log_url).status_code == 403
    login_staff(client, coordinator)
    coordinator_page = client.get(file_url).content.decode()
    views_before = AuditEntry.objects.filter(complaint_id=complaint.pk, action=Action.VIEW).count()
    log_page = client.get(log_url).content.decode()

    # The file page links to the log (its own tab) but no longer holds it.
    assert log_url not in handler_page and "Inzage-logboek" not in handler_page
    assert log_url in coordinator_page and "Inzage-logboek" not in coordinator_page
    assert "Inzage-logboek" in log_page
    assert handler.username in log_page  # the handler's view of the file is listed
    # Reading the log is itself a view of the file.
    assert (
        AuditEntry.objects.filter(complaint_id=complaint.pk, action=Action.VIEW).count() == views_before + 1
    )


def test_the_access_log_is_paginated(client, coordinator, complaint):
    from gehoord.audit.selectors import FILE_PAGE_ENTRIES
    from gehoord.audit.services import record_file_change

    for _n in range(FILE_PAGE_ENTRIES + 5):
        record_file_change(
            complaint,
            Action.CHANGE,
            note="test",
            object_type="cases.complaint",
            object_id=complaint.pk,
            actor=coordinator,
        )
    login_staff(client, coordinator)
    log_url = reverse("cases:access_log", args=[complaint.reference])

    first = client.get(log_url)
    second = client.get(log_url, {"page": 2})

    assert len(first.context["audit_entries"]) == FILE_PAGE_ENTRIES
    assert 'rel="next"' in first.content.decode()
    assert 0 < len(second.context["audit_entries"]) < FILE_PAGE_ENTRIES


def test_the_admin_searches_a_reference_of_the_shape_cases_gives_it():
    # The trail sits below cases and keeps its own copy of the pattern: this keeps them the same.
    assert audit_admin.REFERENCE.pattern == FULL_REFERENCE.pattern
