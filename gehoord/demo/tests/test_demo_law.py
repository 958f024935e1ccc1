"""The demo municipality follows the law it demonstrates (Awb chapter 9, issue [9]).

All tests share one load of the full demo (the `demo` fixture).
"""

import datetime as dt
from collections import Counter

from django.utils import timezone

from gehoord.cases.constants import (
    COPY_9_9_MARKER,
    FOUNDED_JUDGEMENTS,
    GROUNDS_NOT_FOR_FAILURE_TO_DECIDE,
    CompetentOrgan,
    CopyWaiverReason,
    EventKind,
    HearingParty,
    HearingResponse,
    HearingSkipReason,
    Judgement,
    NotHandledGround,
    Outcome,
    RetentionResult,
    Route,
    Status,
)
from gehoord.cases.lifecycle import OPEN_STATUSES, one_year_before
from gehoord.cases.models import Complaint, ComplaintEvent
from gehoord.clock.terms import MAX_POSTPONEMENT_WEEKS, receipt_date
from gehoord.organisation.constants import DocumentKind
from gehoord.organisation.models import Municipality


def _day(moment: dt.datetime) -> dt.date:
    return timezone.localdate(moment)


def test_each_not_handled_ground_fits_its_complaint(demo, db):
    """Awb 9:8: never a random ground; each one once at least, the notice in time but for one."""
    not_handled = list(Complaint.objects.filter(status=Status.NOT_HANDLED))
    assert {c.not_handled_ground for c in not_handled} == set(NotHandledGround.values)
    for complaint in not_handled:
        assert complaint.end_reason.strip(), complaint.reference
        if complaint.not_handled_ground == NotHandledGround.OLDER_THAN_A_YEAR:
            received = receipt_date(complaint.received_at)
            assert complaint.conduct_date is not None and complaint.conduct_date < one_year_before(
                received
            ), complaint.reference
    # Lid 3: one notice deliberately after the 4 weeks, so the file can show it.
    assert [c.reference for c in not_handled if c.not_handled_notice_late] == [
        c.reference for c in not_handled if _day(c.closed_at) > c.not_handled_notice_due
    ]
    assert sum(c.not_handled_notice_late for c in not_handled) == 1


def test_failing_to_decide_is_handled_and_never_refused_on_c_or_d(demo, db):
    """Awb 9:8 lid 1 d: the exception for failing to decide in time."""
    about_failure = Complaint.objects.filter(about_failure_to_decide=True)
    assert not about_failure.filter(not_handled_ground__in=GROUNDS_NOT_FOR_FAILURE_TO_DECIDE).exists()
    assert about_failure.filter(route=Route.FORMAL, decided_at__isnull=False).exists()


def test_every_decided_formal_complaint_has_the_9_9_copy_or_a_reason(demo, db):
    decided = Complaint.objects.filter(route=Route.FORMAL, decided_at__isnull=False).prefetch_related(
        "employees_involved", "copy_waivers"
    )
    assert decided.count() > 40
    for complaint in decided:
        copies = complaint.events.filter(kind=EventKind.LETTER, data__copy=COPY_9_9_MARKER)
        sent = {pk for data in copies.values_list("data", flat=True) for pk in data["recipients"]}
        waived = {w.employee_id for w in complaint.copy_waivers.all() if w.employee_id}
        employees = {e.pk for e in complaint.employees_involved.all()}
        if employees:
            assert employees <= sent | waived, complaint.reference
        else:
            assert any(w.reason == CopyWaiverReason.NO_PERSON for w in complaint.copy_waivers.all())
        # Dated in the demo's history: before the decision, not at the moment of loading.
        assert all(event.at < complaint.decided_at for event in copies), complaint.reference
    reasons = Counter(decided.values_list("copy_waivers__reason", flat=True))
    assert reasons[CopyWaiverReason.NO_PERSON] and reasons[CopyWaiverReason.EMPLOYEE_LEFT]
    assert ComplaintEvent.objects.filter(data__copy=COPY_9_9_MARKER).count() > 20


def test_hearings_follow_9_10(demo, db):
    """Lid 1: both parties offered a hearing and reported; lid 2: skipped only on a, b or c."""
    decided = Complaint.objects.filter(route=Route.FORMAL, decided_at__isnull=False)
    seen = Counter()
    for complaint in decided.prefetch_related("hearings", "parts"):
        hearings = list(complaint.hearings.all())
        complainant = next((h for h in hearings if h.party == HearingParty.COMPLAINANT), None)
        skip = complaint.hearing_skip_reason
        seen[skip] += 1
        if not skip:
            assert complainant is not None and complainant.is_reported and complainant.held_on
        elif skip == HearingSkipReason.CLEARLY_UNFOUNDED:
            # Ground a only with reasoning, and only for a complaint judged unfounded.
            assert complaint.hearing_skip_explanation.strip()
            assert {p.judgement for p in complaint.parts.all()} == {Judgement.UNFOUNDED}
        elif skip == HearingSkipReason.WAIVED:
            event = complaint.events.get(kind=EventKind.NOTE, data__reason=HearingSkipReason.WAIVED)
            assert event.data["waived_on"] and event.data["waived_how"], complaint.reference
        for hearing in hearings:
            if hearing.response == HearingResponse.WANTS:
                assert hearing.is_reported and hearing.held_on, (complaint.reference, hearing.party)
    assert {
        HearingSkipReason.CLEARLY_UNFOUNDED,
        HearingSkipReason.WAIVED,
        HearingSkipReason.NO_RESPONSE,
    } <= set(seen)
    assert seen[""] > seen[HearingSkipReason.NO_RESPONSE]
    assert decided.filter(hearings__party=HearingParty.EMPLOYEE, hearings__held_on__isnull=False).exists()


def test_every_skip_on_ground_c_follows_an_invitation_whose_term_passed(demo, db):
    """Awb 9:10 lid 2 c: no answer within the term set in the invitation, and only once it passed."""
    skips = ComplaintEvent.objects.filter(kind=EventKind.NOTE, data__reason=HearingSkipReason.NO_RESPONSE)
    assert skips.count() >= 3
    for event in skips.select_related("complaint"):
        invitation = event.complaint.hearings.get(party=HearingParty.COMPLAINANT)
        assert invitation.invited_at < event.at
        assert invitation.respond_by < _day(event.at), event.complaint.reference
        assert not invitation.response


def test_postponements_and_consent_follow_9_11(demo, db):
    postponements = ComplaintEvent.objects.filter(kind=EventKind.DEADLINE, data__has_key="weeks")
    assert postponements.exists()
    for event in postponements:
        # Lid 2: only while the term runs, at most 4 weeks in total.
        assert _day(event.at) <= dt.date.fromisoformat(event.data["previous_due"]), event.complaint_id
        assert event.data["total_weeks"] <= MAX_POSTPONEMENT_WEEKS
    consented = Complaint.objects.exclude(consented_decision_due=None)
    assert consented.filter(postponement_weeks=MAX_POSTPONEMENT_WEEKS, decided_at__isnull=False).exists()
    for complaint in consented:
        # Lid 3: recorded when and how, and the decision came within what was consented to.
        assert complaint.consent_given_on and complaint.consent_how.strip()
        assert complaint.decision_due == complaint.consented_decision_due
        if complaint.decided_at:
            assert _day(complaint.decided_at) <= complaint.consented_decision_due
    # The walk keeps most decisions in time; a late one is the exception, as it should be.
    decided = list(Complaint.objects.filter(decided_at__isnull=False))
    late = [c for c in decided if _day(c.decided_at) > c.decision_due]
    assert len(late) * 10 < len(decided)


def test_informal_handling_follows_9_5(demo, db):
    """Satisfaction recorded; formal handling when asked within the term; files stay open that long."""
    resolved = Complaint.objects.exclude(formal_request_due=None)
    assert resolved.count() > 50
    for complaint in resolved:
        assert complaint.satisfaction_confirmed_on and complaint.satisfaction_how.strip()
        if complaint.outcome == Outcome.RESOLVED_INFORMALLY and complaint.status == Status.CLOSED:
            assert _day(complaint.closed_at) > complaint.formal_request_due, complaint.reference
    reopened = resolved.exclude(formal_requested_on=None)
    assert reopened.filter(decided_at__isnull=False).exists()
    for complaint in reopened:
        assert complaint.route == Route.FORMAL
        assert complaint.formal_requested_on <= complaint.formal_request_due


def test_the_demo_shows_each_rule_of_the_law(demo, db):
    complaints = Complaint.objects.all()
    # Awb 2:1: a gemachtigde with a recorded authorisation.
    assert complaints.filter(
        representative__authorisation_kind__gt="", representative__authorised_on__isnull=False
    ).exists()
    # Awb 2:3, 6:15: a bezwaar (and a Woo request and a claim) forwarded, not refused.
    forwarded = complaints.filter(status=Status.REFERRED).exclude(forwarded_kind="")
    assert set(forwarded.values_list("forwarded_kind", flat=True)) == set(DocumentKind.values)
    # Awb 9:1, 9:4: an anonymous complaint handled as a signal, ending in the learning review; never formal.
    anonymous = complaints.filter(anonymous=True)
    assert anonymous.filter(learning_review__isnull=False, status=Status.CLOSED).exists()
    assert not anonymous.filter(route=Route.FORMAL).exists()
    # Afdeling 9.1.3: the municipality has a committee; a few complaints, not all, go to it.
    assert Municipality.load().uses_advisory_committee
    committee = complaints.filter(committee=True)
    assert committee.filter(decided_at__isnull=False).exists()
    assert committee.count() * 5 < complaints.filter(route=Route.FORMAL).count()
    # Awb 9:1: the burgemeester and the gemeenteraad decide on the conduct attributed to them.
    organs = set(complaints.values_list("competent_organ", flat=True))
    assert {CompetentOrgan.MAYOR, CompetentOrgan.COUNCIL, CompetentOrgan.COLLEGE} <= organs


def test_closing_records_the_retention_result(demo, db):
    """Selectielijst gemeenten 2020, process type 13."""
    closed = Complaint.objects.filter(status=Status.CLOSED)
    assert not closed.filter(retention_result="").exists()
    results = Counter(closed.values_list("retention_result", flat=True))
    assert results[RetentionResult.HANDLED] > results[RetentionResult.FINANCIAL] > 0
    assert results[RetentionResult.PERMANENT] == 1
    financial = closed.filter(retention_result=RetentionResult.FINANCIAL)
    assert all(c.outcome in FOUNDED_JUDGEMENTS for c in financial)
    ended = Complaint.objects.filter(status__in=[Status.NOT_HANDLED, Status.REFERRED, Status.WITHDRAWN])
    assert set(ended.values_list("retention_result", flat=True)) == {RetentionResult.NOT_HANDLED}


def test_ombudsman_after_the_decision_and_while_open_after_the_term(demo, db):
    """Awb 9:24 lid 1: after the handling ended, or once the decision term passed without a decision."""
    went = Complaint.objects.exclude(ombudsman_on=None)
    assert went.exclude(ombudsman_ended_on=None).filter(retention_result=RetentionResult.OMBUDSMAN).exists()
    for complaint in went:
        if complaint.decided_at:
            assert complaint.ombudsman_on >= _day(complaint.decided_at)
        else:
            assert complaint.status in OPEN_STATUSES
            assert complaint.ombudsman_on > complaint.decision_due
        if complaint.ombudsman_ended_on:
            assert complaint.ombudsman_ended_on >= complaint.ombudsman_on
    assert went.filter(decided_at__isnull=True, status__in=OPEN_STATUSES).exists()
