"""The lifecycle queues the letters each step owes, in the step's own transaction."""

import datetime as dt

import pytest
from django.db import transaction

from gehoord.cases import lifecycle
from gehoord.cases.constants import Status
from gehoord.cases.lifecycle import TRANSITIONS
from gehoord.cases.models import Complaint, ComplaintEvent
from gehoord.cases.tests.factories import ComplainantFactory
from gehoord.correspondence import letters, services
from gehoord.correspondence.constants import Delivery, LetterKind, LetterStatus, RecipientRole
from gehoord.correspondence.hooks import LETTER_AFTER_STEP, queue_letter_after_step
from gehoord.correspondence.models import Letter
from gehoord.correspondence.tests.walk import ALLOWED, AT, DECIDED_AT, bring_to, satisfy_guard, take

pytestmark = pytest.mark.django_db

# The step, a status it can be taken from, and the letter it owes, by hand.
EXPECTED_LETTERS = {
    "refer": (Status.TRIAGE, LetterKind.REFERRAL),
    "forward": (Status.TRIAGE, LetterKind.FORWARDING),
    "not_handle": (Status.TRIAGE, LetterKind.NOT_HANDLED),
    "resolve_informally": (Status.INFORMAL, LetterKind.INFORMAL_CONFIRMATION),
    "decide": (Status.HEARING, LetterKind.DECISION),
    "postpone": (Status.FORMAL, LetterKind.POSTPONEMENT),
    "schedule_hearing": (Status.FORMAL, LetterKind.HEARING_INVITATION),
}
WITHOUT_LETTER = [(status, name) for status, name in ALLOWED if name not in EXPECTED_LETTERS]


def bring_for(status: Status, name: str, *, actor, **kwargs) -> Complaint:
    """A complaint in `status` on which step `name` can be taken."""
    if name == "handle_as_signal":
        kwargs["anonymous"] = True
    route = "informal" if name == "reopen_formal" else ""
    return bring_to(status, actor=actor, route=route, **kwargs)


def test_the_hook_is_registered_once_and_knows_every_step_it_names():
    assert lifecycle.AFTER_STEP_HOOKS.count(queue_letter_after_step) == 1
    lifecycle.register_after_step(queue_letter_after_step)
    assert lifecycle.AFTER_STEP_HOOKS.count(queue_letter_after_step) == 1
    # Besides the steps: the guarded actions postpone (9:11 lid 2) and committee (9:11 lid 1).
    expected = {name: kind for name, (_status, kind) in EXPECTED_LETTERS.items()}
    assert {**expected, "committee": LetterKind.COMMITTEE} == LETTER_AFTER_STEP
    assert set(LETTER_AFTER_STEP) - {"postpone", "committee"} <= set(TRANSITIONS)


def test_choosing_the_committee_tells_the_complainant_the_ten_week_date(
    coordinator, municipality_with_committee
):
    # Received Mon 2 March 2026: 10 weeks is Mon 11 May 2026 (no Atw day).
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    lifecycle.set_committee(complaint, committee=True, actor=coordinator, at=AT)
    letter = complaint.letters.get(kind=LetterKind.COMMITTEE)
    assert "11 mei 2026" in letter.body_text and "tien weken" in letter.body_text
    # Undoing the choice changes nothing the complainant was promised about the committee.
    lifecycle.set_committee(complaint, committee=False, actor=coordinator, at=AT)
    assert complaint.letters.filter(kind=LetterKind.COMMITTEE).count() == 1


@pytest.fixture
def municipality_with_committee(db):
    from gehoord.organisation.models import Municipality

    municipality = Municipality.load()
    municipality.uses_advisory_committee = True
    municipality.save()
    return municipality


def test_walking_the_informal_route_back_to_formal_queues_only_the_confirmation(coordinator):
    complaint = bring_to(Status.LEARNING_REVIEW, actor=coordinator, route="informal")

    take(complaint, "reopen_formal", actor=coordinator)

    assert list(complaint.letters.values_list("kind", flat=True)) == [LetterKind.INFORMAL_CONFIRMATION]


@pytest.mark.parametrize("name", list(EXPECTED_LETTERS))
def test_each_step_queues_its_letter_by_email(name, coordinator):
    status, kind = EXPECTED_LETTERS[name]
    complaint = bring_to(
        status, actor=coordinator, complainant=ComplainantFactory.build(email="k@example.nl")
    )
    # Only the hearing invitation is there before (on the way to "hearing").
    before = set(complaint.letters.values_list("kind", flat=True))
    assert before <= {LetterKind.HEARING_INVITATION}

    complaint = take(complaint, name, actor=coordinator)

    [letter] = Letter.objects.filter(complaint=complaint, recipient_role=RecipientRole.COMPLAINANT).exclude(
        kind__in=before
    )
    assert letter.kind == kind
    assert letter.delivery == Delivery.EMAIL
    assert letter.status == LetterStatus.QUEUED  # sent after the commit
    assert letter.recipient_email == "k@example.nl"
    assert letter.subject == letters.letter_subject(kind, complaint, letter.data)
    assert complaint.reference in letter.subject
    assert letters.STATUS_LINK_PLACEHOLDER in letter.body_text


@pytest.mark.parametrize("name", list(EXPECTED_LETTERS))
def test_a_complainant_without_email_gets_the_letter_by_post(name, coordinator):
    status, kind = EXPECTED_LETTERS[name]
    complaint = bring_to(status, actor=coordinator, complainant=ComplainantFactory.build(email=""))
    before = set(complaint.letters.values_list("pk", flat=True))

    complaint = take(complaint, name, actor=coordinator)

    [letter] = Letter.objects.filter(complaint=complaint, recipient_role=RecipientRole.COMPLAINANT).exclude(
        pk__in=before
    )
    assert (letter.kind, letter.delivery, letter.status) == (kind, Delivery.POST, LetterStatus.TO_PRINT)
    assert letter.body_text == ""


@pytest.mark.parametrize(
    ("status", "name"), WITHOUT_LETTER, ids=[f"{s.value}--{n}" for s, n in WITHOUT_LETTER]
)
def test_other_steps_queue_no_letter(status, name, coordinator):
    complaint = bring_for(status, name, actor=coordinator)
    before = set(Letter.objects.values_list("pk", flat=True))

    take(complaint, name, actor=coordinator)

    assert set(Letter.objects.values_list("pk", flat=True)) == before


def test_walking_a_whole_formal_route_queues_postponement_and_decision(coordinator):
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    complaint = take(complaint, "postpone", actor=coordinator)
    complaint = take(complaint, "decide", actor=coordinator)
    for name in ("start_learning_review", "close"):
        complaint = take(complaint, name, actor=coordinator)

    assert complaint.status == Status.CLOSED
    kinds = list(complaint.letters.values_list("kind", flat=True))
    assert kinds == [LetterKind.POSTPONEMENT, LetterKind.DECISION]


def test_the_postponement_letter_fixes_the_dates_and_reason_of_the_moment(coordinator):
    # Received Mon 2 March 2026: due Mon 13 April; 3 weeks more is Mon 4 May 2026.
    complaint = bring_to(Status.FORMAL, actor=coordinator)

    complaint = lifecycle.postpone_decision(
        complaint, weeks=3, reason="  De medewerker is met verlof.  ", actor=coordinator, at=AT
    )

    letter = complaint.letters.get()
    assert letter.data == {
        "weeks": 3,
        "reason": "De medewerker is met verlof.",
        "previous_due": "2026-04-13",
        "decision_due": "2026-05-04",
    }
    assert "4 mei 2026" in letter.body_text


def test_the_letter_and_the_step_commit_together(coordinator, django_capture_on_commit_callbacks, mailoutbox):
    complaint = bring_to(
        Status.HEARING, actor=coordinator, complainant=ComplainantFactory.build(email="k@example.nl")
    )
    complaint = satisfy_guard(complaint, "decide", actor=coordinator)

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        complaint = lifecycle.perform(complaint, "decide", actor=coordinator, at=DECIDED_AT)

    letter = complaint.letters.get(kind=LetterKind.DECISION)
    assert letter.status == LetterStatus.SENT
    [message] = mailoutbox
    assert message.subject == f"Beslissing op uw klacht {complaint.reference}"
    [(name, content, _mimetype)] = message.attachments
    assert name == f"beslissing-klacht-{complaint.reference}.pdf"
    assert content.startswith(b"%PDF")
    summaries = list(complaint.events.filter(kind="letter").values_list("summary", flat=True))
    assert summaries == ["Beslissing op de klacht verzonden per e-mail"]
    complaint.refresh_from_db()
    assert complaint.decided_at is not None  # set by the lifecycle, not by the letter


def test_a_step_rolled_back_by_its_caller_leaves_no_letter(coordinator, django_capture_on_commit_callbacks):
    complaint = bring_to(Status.TRIAGE, actor=coordinator)

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        lifecycle.perform(complaint, "refer", actor=coordinator, destination="Meldingen openbare ruimte")
        raise RuntimeError("the request failed after the step")

    assert callbacks == []
    assert not Letter.objects.filter(complaint=complaint).exists()
    assert Complaint.objects.get(pk=complaint.pk).status == Status.TRIAGE


def _state(complaint):
    fresh = Complaint.objects.get(pk=complaint.pk)
    return (
        fresh.status,
        fresh.outcome,
        fresh.postponement_weeks,
        fresh.decision_due,
        ComplaintEvent.objects.filter(complaint=fresh).count(),
        Letter.objects.filter(complaint=fresh).count(),
    )


def test_a_failing_hook_rolls_the_step_back(coordinator, monkeypatch):
    """The semantics: hooks run inside the step's transaction, so a step never happens without its letter."""
    seen = []

    def failing(complaint, name, params):
        seen.append((complaint.status, name))
        raise RuntimeError("the letter could not be queued")

    complaint = bring_to(Status.HEARING, actor=coordinator)
    complaint = satisfy_guard(complaint, "decide", actor=coordinator)
    before = _state(complaint)
    # After the correspondence hook: its letter row is written, and rolled back too.
    monkeypatch.setattr(lifecycle, "AFTER_STEP_HOOKS", [*lifecycle.AFTER_STEP_HOOKS, failing])

    with pytest.raises(RuntimeError):
        lifecycle.perform(complaint, "decide", actor=coordinator, at=DECIDED_AT)

    assert seen == [(Status.DECIDED, "decide")]  # called after the status change
    assert _state(complaint) == before


def test_a_failing_hook_rolls_a_postponement_back(coordinator, monkeypatch):
    monkeypatch.setattr(services.letters, "render_email_text", _raise)
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    before = _state(complaint)

    with pytest.raises(RuntimeError):
        lifecycle.postpone_decision(complaint, weeks=2, reason="Meer tijd nodig.", actor=coordinator, at=AT)

    assert _state(complaint) == before


def _raise(*args, **kwargs):
    raise RuntimeError("template bug")


def test_the_hearing_invitation_fixes_the_date_time_and_place_of_the_moment(coordinator):
    complaint = bring_to(Status.FORMAL, actor=coordinator)

    complaint = lifecycle.perform(
        complaint,
        "schedule_hearing",
        actor=coordinator,
        at=AT,
        hearing_on=dt.date(2026, 3, 30),
        hearing_time="14:30",
        hearing_location="  Gemeentehuis, spreekkamer 2  ",
        respond_by=dt.date(2026, 3, 27),
    )

    letter = complaint.letters.get()
    assert letter.kind == LetterKind.HEARING_INVITATION
    assert letter.data == {
        "hearing_on": "2026-03-30",
        "hearing_time": "14:30",
        "hearing_location": "Gemeentehuis, spreekkamer 2",
        "respond_by": "2026-03-27",
        "complainant_invited": True,
        "employees_invited": 0,
    }
    assert "30 maart 2026" in letter.body_text
    assert "uiterlijk 27 maart 2026" in letter.body_text


def test_the_hook_gets_the_step_and_its_parameters(coordinator, monkeypatch):
    calls = []
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    monkeypatch.setattr(lifecycle, "AFTER_STEP_HOOKS", [lambda c, n, p: calls.append((n, p))])

    lifecycle.perform(
        complaint, "schedule_hearing", actor=coordinator, at=AT, hearing_on=dt.date(2026, 3, 30)
    )
    lifecycle.postpone_decision(complaint, weeks=1, reason="Reden.", actor=coordinator, at=AT)

    assert calls == [
        # The step puts the answer term it set (Awb 9:10 lid 2 onder c) and whom it invited in the params.
        (
            "schedule_hearing",
            {
                "hearing_on": dt.date(2026, 3, 30),
                "respond_by": dt.date(2026, 3, 30),
                "complainant_invited": True,
                "employees_invited": [],
            },
        ),
        ("postpone", {"weeks": 1, "reason": "Reden.", "previous_due": dt.date(2026, 4, 13)}),
    ]
