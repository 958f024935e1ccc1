"""The next step the lifecycle suggests (lifecycle.suggested_step) and the decision checklist."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gehoord.accounts.roles import Role
from gehoord.cases import lifecycle, services
from gehoord.cases.constants import ContactChannel, CopyWaiverReason, HearingSkipReason, Status
from gehoord.cases.tests import factories
from gehoord.cases.tests.test_views import bring_to, ready_to_decide
from gehoord.clock import terms
from gehoord.learning.services import record_learning_review

pytestmark = pytest.mark.django_db
S = Status


def _contact(complaint, actor):
    services.record_contact(complaint, channel=ContactChannel.PHONE, subject="Gebeld", actor=actor)


def _skip(complaint, actor):
    lifecycle.record_hearing_skipped(
        complaint,
        reason=HearingSkipReason.WAIVED,
        waived_on=timezone.localdate(),
        waived_how="tel.",
        actor=actor,
    )


def _skip_and_judge(complaint, actor):
    ready_to_decide(complaint, actor)
    complaint.copy_waivers.all().delete()


def _heard(complaint, actor):
    for hearing in complaint.hearings.all():
        services.record_hearing_report(hearing, report="Gehoord.", held_on=timezone.localdate(), actor=actor)


def _review(complaint, actor):
    record_learning_review(complaint, improvement_possible=False, reasoning="Niets.", actor=actor)


# (status, with a handler, setup after reaching the status, extra make_complaint kwargs) -> suggested
CASES = [
    ("received", S.RECEIVED, False, None, {}, "start_triage"),
    ("triage, no handler", S.TRIAGE, False, None, {}, "assign"),
    ("triage, handler", S.TRIAGE, True, None, {}, "start_informal"),
    ("triage, anonymous", S.TRIAGE, True, None, {"anonymous": True}, "handle_as_signal"),
    ("informal, no contact yet", S.INFORMAL, True, None, {}, "contact"),
    ("informal, contact made", S.INFORMAL, True, _contact, {}, "resolve_informally"),
    ("formal, no handler", S.FORMAL, False, None, {}, "assign"),
    ("formal, nobody invited", S.FORMAL, True, None, {}, "schedule_hearing"),
    ("formal, hearing left out, no findings", S.FORMAL, True, _skip, {}, "findings"),
    ("formal, only the copy missing", S.FORMAL, True, _skip_and_judge, {}, "waive_copy"),
    ("formal, all present", S.FORMAL, True, ready_to_decide, {}, "decide"),
    ("hearing, nothing recorded", S.HEARING, True, None, {}, "hearing_report"),
    ("hearing, heard, no findings", S.HEARING, True, _heard, {}, "findings"),
    ("hearing, all present", S.HEARING, True, ready_to_decide, {}, "decide"),
    ("resolved informally", S.RESOLVED_INFORMALLY, True, None, {}, "start_learning_review"),
    ("decided", S.DECIDED, True, None, {}, "start_learning_review"),
    ("learning review, none yet", S.LEARNING_REVIEW, True, None, {}, "learning_review"),
    ("learning review, recorded", S.LEARNING_REVIEW, True, _review, {}, "close"),
    ("closed", S.CLOSED, True, None, {}, None),
    ("referred", S.REFERRED, True, None, {}, None),
    ("not handled", S.NOT_HANDLED, True, None, {}, None),
    ("withdrawn", S.WITHDRAWN, True, None, {}, None),
]


@pytest.mark.parametrize(
    ("status", "with_handler", "setup", "kwargs", "expected"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_the_suggested_step_per_status(status, with_handler, setup, kwargs, expected, coordinator, handler):
    complaint = bring_to(status, actor=coordinator, handler=handler if with_handler else None, **kwargs)
    if setup:
        setup(complaint, coordinator)
        complaint.refresh_from_db()

    suggested = lifecycle.suggested_step(complaint, coordinator)

    assert suggested == expected
    # What is suggested is something the coordinator may do now.
    if suggested in lifecycle.TRANSITIONS:
        assert suggested in {t.name for t in lifecycle.available_transitions(complaint, coordinator)}
    elif suggested is not None:
        assert suggested in lifecycle.allowed_actions(complaint, coordinator)


def test_nothing_is_suggested_that_the_user_may_not_take(coordinator, handler):
    complaint = bring_to(S.RECEIVED, actor=coordinator, handler=handler)
    # Starting triage is the coordinator's; the handler and a department head are offered nothing.
    assert lifecycle.suggested_step(complaint, coordinator) == "start_triage"
    assert lifecycle.suggested_step(complaint, handler) is None
    head = factories.UserFactory(roles=[Role.DEPARTMENT_HEAD])
    assert lifecycle.suggested_step(complaint, head) is None
    assert lifecycle.suggested_step(complaint, None) is None


def test_the_checklist_shows_done_and_missing_items_all_at_once(coordinator):
    employee = factories.UserFactory(first_name="Eva", last_name="Jansen")
    complaint = bring_to(S.HEARING, actor=coordinator, employees_involved=[employee])
    services.record_findings(complaint, findings="Zo ging het.", conclusions="", actor=coordinator)

    checklist = lifecycle.decision_checklist(complaint)

    assert [(item.key, item.done) for item in checklist] == [
        ("findings", True),
        ("parts", False),
        ("hearings", False),
        ("copies", False),
    ]
    assert lifecycle.decision_outstanding(complaint) == [p for item in checklist for p in item.problems]
    services.waive_copy(
        complaint, reason=CopyWaiverReason.GIVEN_ON_PAPER, employee=employee, actor=coordinator
    )
    assert [item.done for item in lifecycle.decision_checklist(complaint)] == [True, False, False, True]


def test_the_file_header_shows_the_primary_action_and_the_checklist(client, coordinator):
    from gehoord.accounts.testing import login_staff
    from gehoord.cases.tests.test_views import detail_url, text

    complaint = bring_to(S.HEARING, actor=coordinator, handler=coordinator)
    login_staff(client, coordinator)

    response = client.get(detail_url(complaint))

    body = text(response)
    assert response.context["suggested"] == "hearing_report"
    head = body[: body.index('id="h-summary"')]
    assert head.count("utrecht-button--primary-action") == 1
    # A step done once per party: the primary action leads to their section.
    assert (
        '<a class="utrecht-button utrecht-button--primary-action gh-button-link" href="#h-hearings">' in head
    )
    assert 'class="gh-checklist__item gh-checklist__item--todo"' in head
    assert 'href="#h-hearings"' in head
    # Nowhere else on the page is a primary action.
    assert body.count("utrecht-button--primary-action") == 1


@pytest.mark.parametrize(
    ("due", "left"),
    [(dt.date(2026, 4, 10), 2), (dt.date(2026, 4, 8), 0), (dt.date(2026, 4, 5), -3)],
)
def test_days_left(due, left):
    assert terms.days_left(due, dt.date(2026, 4, 8)) == left
