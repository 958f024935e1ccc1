"""The daily deadline digest for handlers and coordinators."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command

from gehoord.cases import lifecycle, services
from gehoord.cases.models import Complaint
from gehoord.cases.tests import factories
from gehoord.correspondence.services import queue_acknowledgment
from gehoord.monitor.digest import digests, send_digests
from gehoord.organisation.constants import NewInformationNotice
from gehoord.organisation.models import Municipality

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


# --- the terms, one window ----------------------------------------------------------------

# Each row: a complaint assigned to the handler, its status, its stored terms in days from TODAY,
# and the digest lists it is on for the coordinator and for its handler. "Soon" is the clock's
# window (clock.terms.DUE_SOON_DAYS, 5 days), as in the inbox; the Awb 9:8 lid 3 notice term
# is the coordinator's (only they decide not to handle a complaint) and runs only in intake.
DIGEST_CASES = [
    # name, steps to its status, decision in, 9:8 notice in, anonymous, coordinator's, handler's
    ("decision past", ("start_triage", "start_formal"), -1, -15, False, {"overdue"}, {"overdue"}),
    ("decision today", ("start_triage", "start_formal"), 0, -14, False, {"due_soon"}, {"due_soon"}),
    ("decision in 5 days", ("start_triage", "start_formal"), 5, -9, False, {"due_soon"}, {"due_soon"}),
    ("decision in 6 days (was 7)", ("start_triage", "start_formal"), 6, -8, False, set(), set()),
    ("9:8 notice past", ("start_triage",), 13, -1, False, {"notice_overdue"}, set()),
    ("9:8 notice today", ("start_triage",), 14, 0, False, {"notice_due_soon"}, set()),
    ("9:8 notice in 5 days", ("start_triage",), 19, 5, False, {"notice_due_soon"}, set()),
    ("9:8 notice in 6 days", ("start_triage",), 20, 6, False, set(), set()),
    ("9:8 notice past, handled informally", ("start_triage", "start_informal"), 13, -1, False, set(), set()),
    ("9:8 notice past, anonymous", ("start_triage",), 13, -1, True, set(), set()),
    ("both past, in intake", ("start_triage",), -1, -15, False, {"overdue", "notice_overdue"}, {"overdue"}),
]
LISTS = ("overdue", "due_soon", "first_contact_late", "notice_overdue", "notice_due_soon")


def lists_of(digest, complaint) -> set[str]:
    if digest is None:
        return set()
    return {name for name in LISTS if complaint in getattr(digest, name)}


@pytest.mark.parametrize(
    ("name", "steps", "decision_in", "notice_in", "anonymous", "coordinators", "handlers"),
    DIGEST_CASES,
    ids=[case[0] for case in DIGEST_CASES],
)
def test_what_each_term_puts_in_the_digest(
    coordinator, handler, name, steps, decision_in, notice_in, anonymous, coordinators, handlers
):
    complaint = factories.make_complaint(received_at=received(1), anonymous=anonymous)
    for step in steps:
        complaint = lifecycle.perform(complaint, step, actor=coordinator)
    lifecycle.assign_handler(complaint, handler, actor=coordinator)
    Complaint.objects.filter(pk=complaint.pk).update(
        decision_due=TODAY + dt.timedelta(days=decision_in),
        not_handled_notice_due=TODAY + dt.timedelta(days=notice_in),
        first_contact_at=received(0),
    )

    by_person = {d.recipient: d for d in digests(TODAY)}

    assert lists_of(by_person.get(coordinator), complaint) == coordinators
    assert lists_of(by_person.get(handler), complaint) == handlers


def test_the_mail_names_the_9_8_notice_terms_for_coordinators_only(coordinator, handler):
    late = factories.make_complaint(received_at=received(1))
    soon = factories.make_complaint(received_at=received(1))
    for complaint, notice_in in ((late, -2), (soon, 3)):
        lifecycle.perform(complaint, "start_triage", actor=coordinator)
        lifecycle.assign_handler(complaint, handler, actor=coordinator)
        Complaint.objects.filter(pk=complaint.pk).update(
            decision_due=TODAY + dt.timedelta(days=4),
            not_handled_notice_due=TODAY + dt.timedelta(days=notice_in),
        )

    assert send_digests(TODAY) == 2
    to_coordinator = next(m for m in mail.outbox if m.to == [coordinator.email]).body
    to_handler = next(m for m in mail.outbox if m.to == [handler.email]).body

    late_section = to_coordinator.split("9:8-bericht te laat")[1].split("9:8-bericht binnenkort")[0]
    assert "Awb 9:8 lid 3" in late_section
    assert f"- {late.reference}, uiterlijk 30-05-2026" in late_section
    assert soon.reference not in late_section
    soon_section = to_coordinator.split("9:8-bericht binnenkort")[1]
    assert f"- {soon.reference}, uiterlijk 04-06-2026" in soon_section
    assert "Beslissing binnen 5 dagen" in to_coordinator and "Beslissing binnen 5 dagen" in to_handler
    assert "9:8" not in to_handler


# --- new information from the complainant ---------------------------------------------------------


def test_the_digest_lists_new_information_for_whoever_clears_it(coordinator, handler):
    assigned = factories.make_complaint(received_at=received(1))
    lifecycle.perform(assigned, "start_triage", actor=coordinator)
    assigned = lifecycle.assign_handler(assigned, handler, actor=coordinator)
    unassigned = factories.make_complaint(received_at=received(1))
    about_the_coordinator = factories.make_complaint(
        received_at=received(1), employees_involved=[coordinator]
    )
    since = dt.datetime(2026, 5, 29, 16, 30, tzinfo=AMS)
    for complaint in (assigned, unassigned, about_the_coordinator):
        services.note_new_information(complaint, at=since, source="status_link")

    by_person = {d.recipient: d for d in digests(TODAY)}
    assert by_person[handler].new_information == [assigned]
    # The coordinator clears it while there is no handler; never told about their own conduct (Awb 9:7).
    assert by_person[coordinator].new_information == [unassigned]

    assert send_digests(TODAY) == 2
    to_handler = next(m for m in mail.outbox if m.to == [handler.email]).body
    section = to_handler.split("Nieuwe informatie van de klager, nog niet bekeken:")[1]
    assert f"- {assigned.reference}, sinds 29-05-2026 16:30: " in section
    assert f"/medewerkers/klachten/{assigned.reference}/" in section
    assert assigned.complainant.last_name not in to_handler

    # Once the handler opened the file it is no longer listed; nobody gets an empty digest.
    assert services.mark_seen(assigned, handler)
    assert handler not in {d.recipient for d in digests(TODAY)}


def test_with_immediate_mail_the_digest_leaves_new_information_out(coordinator, handler):
    municipality = Municipality.load()
    municipality.new_information_notice = NewInformationNotice.IMMEDIATE
    municipality.save()
    complaint = factories.make_complaint(received_at=received(1))
    lifecycle.perform(complaint, "start_triage", actor=coordinator)
    lifecycle.assign_handler(complaint, handler, actor=coordinator)
    services.note_new_information(complaint, source="status_link")

    assert {d.recipient for d in digests(TODAY)} == set()
