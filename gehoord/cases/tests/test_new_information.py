"""New information from the complainant gets noticed: the marker, who clears it, the e-mail, the inbox and the file page."""

from __future__ import annotations

import datetime as dt
import html
from smtplib import SMTPServerDisconnected

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gehoord.accounts.testing import login_staff
from gehoord.cases import inbox, lifecycle, services, tasks
from gehoord.cases.models import Complaint
from gehoord.cases.tests import factories
from gehoord.organisation.constants import NewInformationNotice
from gehoord.organisation.models import Municipality

pytestmark = pytest.mark.django_db

MOMENT = dt.datetime(2026, 6, 1, 10, 0, tzinfo=dt.UTC)


def marker(complaint: Complaint) -> dt.datetime | None:
    return Complaint.objects.values_list("new_information_at", flat=True).get(pk=complaint.pk)


def set_notice(value: str) -> None:
    municipality = Municipality.load()
    municipality.new_information_notice = value
    municipality.save()


def assigned(coordinator, handler) -> Complaint:
    complaint = factories.make_complaint()
    lifecycle.perform(complaint, "start_triage", actor=coordinator)
    return lifecycle.assign_handler(complaint, handler, actor=coordinator)


# --- the marker -----------------------------------------------------------------------------


def test_new_information_sets_the_marker_and_keeps_the_earliest_unseen_moment(complaint):
    services.note_new_information(complaint, at=MOMENT, source="status_link")
    assert marker(complaint) == MOMENT == complaint.new_information_at

    services.note_new_information(complaint, at=MOMENT + dt.timedelta(hours=2), source="email")
    assert marker(complaint) == MOMENT  # still the first unseen addition

    # An older e-mail imported later moves the marker back to when it arrived.
    earlier = MOMENT - dt.timedelta(hours=1)
    services.note_new_information(complaint, at=earlier, source="email")
    assert marker(complaint) == earlier


def test_new_information_without_a_moment_is_now(complaint):
    before = timezone.now()
    services.note_new_information(complaint, source="upload")
    assert before <= marker(complaint) <= timezone.now()


def test_an_unknown_source_is_refused(complaint):
    with pytest.raises(ValueError, match="source"):
        services.note_new_information(complaint, source="carrier pigeon")
    assert marker(complaint) is None


def test_only_the_handler_clears_the_marker_of_an_assigned_complaint(coordinator, handler):
    complaint = assigned(coordinator, handler)
    other_handler = factories.handler()
    services.note_new_information(complaint, at=MOMENT, source="status_link")

    assert not services.mark_seen(complaint, coordinator)
    assert not services.mark_seen(complaint, other_handler)
    assert marker(complaint) == MOMENT

    assert services.mark_seen(complaint, handler)
    assert marker(complaint) is None and complaint.new_information_at is None


def test_without_a_handler_a_coordinator_clears_the_marker(coordinator, complaint):
    head = factories.UserFactory(roles=[lifecycle.Role.DEPARTMENT_HEAD])
    services.note_new_information(complaint, at=MOMENT, source="status_link")

    assert not services.mark_seen(complaint, head)
    assert marker(complaint) == MOMENT
    assert services.mark_seen(complaint, coordinator)
    assert marker(complaint) is None


def test_mark_seen_is_one_update_and_nothing_when_there_is_nothing_to_clear(
    coordinator, handler, django_assert_num_queries
):
    complaint = assigned(coordinator, handler)
    with django_assert_num_queries(0):
        assert not services.mark_seen(complaint, handler)
    services.note_new_information(complaint, at=MOMENT, source="status_link")
    with django_assert_num_queries(1):
        assert services.mark_seen(complaint, handler)


def test_a_reassignment_at_the_same_moment_leaves_the_marker(coordinator, handler):
    complaint = assigned(coordinator, handler)
    services.note_new_information(complaint, at=MOMENT, source="status_link")
    Complaint.objects.filter(pk=complaint.pk).update(handler=factories.handler())
    assert not services.mark_seen(complaint, handler)  # the object still names the old handler
    assert marker(complaint) == MOMENT


# --- the immediate e-mail -------------------------------------------------------------------


def test_immediate_mail_to_the_handler_after_the_commit_without_personal_data(
    coordinator, handler, django_capture_on_commit_callbacks
):
    set_notice(NewInformationNotice.IMMEDIATE)
    complaint = assigned(coordinator, handler)
    with django_capture_on_commit_callbacks() as callbacks:
        with transaction.atomic():
            services.note_new_information(complaint, at=MOMENT, source="status_link")
        assert mail.outbox == []  # nothing before the commit
    assert len(callbacks) == 1
    callbacks[0]()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [handler.email]
    assert complaint.reference in message.subject
    assert f"/medewerkers/klachten/{complaint.reference}/" in message.body
    assert "via de statuslink" in message.body
    assert "Nieuwe informatie sinds 01-06-2026 12:00" in message.body  # local time
    complainant = complaint.complainant
    for personal in (complainant.first_name, complainant.last_name, complainant.email, complaint.description):
        assert personal not in message.subject and personal not in message.body


def test_immediate_mail_goes_to_the_coordinators_while_there_is_no_handler(
    coordinator, handler, complaint, django_capture_on_commit_callbacks
):
    set_notice(NewInformationNotice.IMMEDIATE)
    involved = factories.coordinator()
    complaint.employees_involved.add(involved)  # never told about a complaint about themselves
    with django_capture_on_commit_callbacks(execute=True):
        services.note_new_information(complaint, source="email")
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    assert "per e-mail" in mail.outbox[0].body


def test_no_immediate_mail_when_the_setting_is_the_digest(
    coordinator, handler, django_capture_on_commit_callbacks
):
    assert Municipality.load().new_information_notice == NewInformationNotice.DIGEST  # the default
    complaint = assigned(coordinator, handler)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.note_new_information(complaint, source="status_link")
    assert callbacks == [] and mail.outbox == []
    assert marker(complaint) is not None


def test_no_mail_when_the_addition_is_rolled_back(coordinator, handler, django_capture_on_commit_callbacks):
    set_notice(NewInformationNotice.IMMEDIATE)
    complaint = assigned(coordinator, handler)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.note_new_information(complaint, source="status_link")
        raise RuntimeError("the addition failed")
    assert callbacks == [] and mail.outbox == []
    assert marker(complaint) is None


def test_no_mail_when_the_handler_opened_the_file_before_the_task_ran(coordinator, handler):
    complaint = assigned(coordinator, handler)
    services.note_new_information(complaint, source="status_link")
    services.mark_seen(complaint, handler)
    assert tasks.send_new_information_notice(complaint.pk, "status_link") == 0
    assert mail.outbox == []


def test_a_failing_mail_server_is_retried_by_the_worker(coordinator, handler, monkeypatch):
    complaint = assigned(coordinator, handler)
    services.note_new_information(complaint, source="status_link")

    def refuse(*args, **kwargs):
        raise SMTPServerDisconnected("gone")

    monkeypatch.setattr("gehoord.cases.notices.send_mail", refuse)
    asked = []

    def retry(*, exc, countdown):
        asked.append((type(exc), countdown))
        return Retry("again", exc)

    monkeypatch.setattr(tasks.send_new_information_notice, "retry", retry)
    # Called directly the task is not eager, as in a worker: it asks Celery for a retry, a minute on.
    with pytest.raises(Retry):
        tasks.send_new_information_notice(complaint.pk, "status_link")
    assert asked == [(SMTPServerDisconnected, 60)]
    monkeypatch.undo()
    monkeypatch.setattr("gehoord.cases.notices.send_mail", refuse)
    # In-process (no broker) it gives up quietly: the citizen's request never fails on the mail server.
    assert tasks.send_new_information_notice.apply(args=(complaint.pk, "status_link")).get() == 0
    assert marker(complaint) is not None
    assert tasks.retry_countdown(0) == 60 and tasks.retry_countdown(20) == 3600


# --- the file page --------------------------------------------------------------------------


def detail(client, complaint):
    response = client.get(reverse("cases:detail", args=[complaint.reference]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_handler_opening_the_file_clears_it_another_coordinator_does_not(client, coordinator, handler):
    complaint = assigned(coordinator, handler)
    services.note_new_information(complaint, at=MOMENT, source="status_link")

    login_staff(client, coordinator)
    assert "Nieuwe informatie sinds 01-06-2026 12:00" in detail(client, complaint)
    assert marker(complaint) == MOMENT

    login_staff(client, handler)
    assert "Nieuwe informatie sinds" not in detail(client, complaint)
    assert marker(complaint) is None

    login_staff(client, coordinator)
    assert "Nieuwe informatie sinds" not in detail(client, complaint)


def test_a_coordinator_opening_an_unassigned_file_clears_it(client, coordinator, complaint):
    services.note_new_information(complaint, at=MOMENT, source="status_link")
    login_staff(client, coordinator)
    assert "Nieuwe informatie sinds" not in detail(client, complaint)
    assert marker(complaint) is None


# --- the inbox ------------------------------------------------------------------------------


def test_the_inbox_marks_and_filters_new_information(client, coordinator, handler):
    new = assigned(coordinator, handler)
    quiet = assigned(coordinator, handler)
    services.note_new_information(new, source="status_link")
    login_staff(client, coordinator)

    response = client.get(reverse("cases:list"))
    rows = {c.reference: c for c in response.context["page"].object_list}
    assert set(rows) == {new.reference, quiet.reference}
    body = html.unescape(response.content.decode())
    assert body.count(">nieuwe informatie</span>") == 1  # a word, not a colour alone

    filtered = client.get(reverse("cases:list"), {"info": inbox.NEW_INFORMATION})
    assert [c.reference for c in filtered.context["page"].object_list] == [new.reference]
    assert filtered.context["filters"].info == inbox.NEW_INFORMATION
    assert 'value="new_information" selected' in filtered.content.decode()
    # The counts per status count what the filter shows.
    assert filtered.context["page"].paginator.count == 1

    services.mark_seen(new, handler)
    assert list(client.get(reverse("cases:list"), {"info": inbox.NEW_INFORMATION}).context["page"]) == []


def test_the_new_information_filter_is_offered_and_an_unknown_value_ignored(client, coordinator):
    login_staff(client, coordinator)
    form = client.get(reverse("cases:list")).context["form"]
    assert str(form.fields["info"].label) == "Nieuwe informatie"
    assert [value for value, _label in form.fields["info"].choices] == ["", inbox.NEW_INFORMATION]
    response = client.get(reverse("cases:list"), {"info": "nieuw"})
    assert response.context["form"].errors["info"]
    assert response.context["filters"].info == ""
