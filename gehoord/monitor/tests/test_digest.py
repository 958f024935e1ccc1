"""The daily deadline digest for handlers and coordinators."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

from django.core import mail
from django.core.management import call_command

from gehoord.cases import lifecycle, services
from gehoord.cases.tests import factories
from gehoord.correspondence.services import queue_acknowledgment
from gehoord.monitor.digest import digests, send_digests

AMS = ZoneInfo("Europe/Amsterdam")
TODAY = dt.date(2026, 6, 1)  # a Monday


def received(days_ago: int) -> dt.datetime:
    return dt.datetime.combine(TODAY - dt.timedelta(days=days_ago), dt.time(10, 0), tzinfo=AMS)


def test_handler_and_coordinator_get_what_is_due(coordinator, handler):
    overdue = factories.make_complaint(received_at=received(50))  # 6 weeks ended 6 days ago
    soon = factories.make_complaint(received_at=received(40))  # due in 2 days
    later = factories.make_complaint(
        received_at=received(5)
    )  # decision weeks away; first contact was due Fri
    services_done = factories.make_complaint(received_at=received(60))
    lifecycle.perform(services_done, "withdraw", actor=coordinator, reason="Klager trekt in.")
    for complaint in (overdue, soon):
        lifecycle.perform(complaint, "start_triage", actor=coordinator)
        lifecycle.assign_handler(complaint, handler, actor=coordinator)

    by_person = {d.recipient: d for d in digests(TODAY)}

    mine = by_person[handler]
    assert mine.overdue == [overdue] and mine.due_soon == [soon]
    everything = by_person[coordinator]
    assert everything.overdue == [overdue] and everything.due_soon == [soon]
    assert later in everything.first_contact_late and services_done not in everything.first_contact_late


def test_coordinator_sees_letters_that_did_not_go_out(coordinator, db, django_capture_on_commit_callbacks):
    complaint = factories.make_complaint(received_at=received(1))
    complaint.complainant.email = ""
    complaint.complainant.save()
    queue_acknowledgment(complaint)  # post: waits to be printed

    digest = {d.recipient: d for d in digests(TODAY)}[coordinator]
    assert [letter.complaint for letter in digest.letters_not_sent] == [complaint]


def test_nobody_gets_an_empty_digest_and_mail_names_references(coordinator, handler):
    assert send_digests(TODAY) == 0
    complaint = factories.make_complaint(received_at=received(50))
    lifecycle.perform(complaint, "start_triage", actor=coordinator)
    lifecycle.assign_handler(complaint, handler, actor=coordinator)
    services.add_note(complaint, text="Geheime notitie", actor=coordinator)

    assert send_digests(TODAY) == 2
    handler_mail = next(m for m in mail.outbox if m.to == [handler.email])
    assert complaint.reference in handler_mail.body
    assert f"/medewerkers/klachten/{complaint.reference}/" in handler_mail.body
    assert complaint.complainant.last_name not in handler_mail.body  # no personal data in mail
    assert "Geheime notitie" not in handler_mail.body


def test_an_involved_coordinator_is_not_told_about_their_own_case(coordinator):
    complaint = factories.make_complaint(received_at=received(50), employees_involved=[coordinator])
    assert complaint not in {c for d in digests(TODAY) for c in d.overdue}


def test_management_command(coordinator):
    factories.make_complaint(received_at=received(50))
    out = StringIO()
    call_command("send_deadline_digests", stdout=out)
    assert "digest(s) sent" in out.getvalue()
