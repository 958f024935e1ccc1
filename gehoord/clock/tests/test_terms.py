"""Table-driven tests of the legal clock (gehoord.clock.terms).

Every expected date below was worked out by hand from the law (Awb chapter 9,
Algemene termijnenwet art. 1 and 3 and the royal decrees for 2023-2025 and
2026-2028), from a printed calendar, NOT by calling the implementation or the `holidays` package:
the point is an independent check.

Reference dates used (Easter Sunday: 2023-04-09, 2024-03-31, 2025-04-20,
2026-04-05, 2027-03-28, 2028-04-16; Ascension = Easter + 39 days, Whit Monday
= Easter + 50 days):

* 2023: New Year Sun 1 Jan, Good Friday Fri 7 Apr, Easter Monday Mon 10 Apr,
  King's Day Thu 27 Apr, decree Fri 28 Apr, 5 May Fri, Ascension Thu 18 May,
  decree Fri 19 May, Whit Monday Mon 29 May, Christmas Mon 25 / Tue 26 Dec.
* 2024: New Year Mon 1 Jan, Good Friday Fri 29 Mar, Easter Monday Mon 1 Apr,
  King's Day Sat 27 Apr, 5 May Sun, Ascension Thu 9 May, decree Fri 10 May,
  Whit Monday Mon 20 May, Christmas Wed 25 / Thu 26 Dec, decree Fri 27 Dec.
* 2025: New Year Wed 1 Jan, Good Friday Fri 18 Apr, Easter Monday Mon 21 Apr,
  King's Day Sat 26 Apr (27 Apr is a Sunday), 5 May Mon, Ascension Thu 29 May,
  decree Fri 30 May, Whit Monday Mon 9 Jun, Christmas Thu 25 / Fri 26 Dec.
* 2026: New Year Thu 1 Jan, decree Fri 2 Jan, Good Friday Fri 3 Apr, Easter
  Monday Mon 6 Apr, King's Day Mon 27 Apr, 5 May Tue, Ascension Thu 14 May,
  decree Fri 15 May, Whit Monday Mon 25 May, Christmas Fri 25 / Sat 26 Dec.
* 2027: New Year Fri 1 Jan, Good Friday Fri 26 Mar, Easter Monday Mon 29 Mar,
  King's Day Tue 27 Apr, 5 May Wed, Ascension Thu 6 May, decree Fri 7 May,
  Whit Monday Mon 17 May, Christmas Sat 25 / Sun 26 Dec.
* 2028: Good Friday Fri 14 Apr, Easter Monday Mon 17 Apr, King's Day Thu 27 Apr,
  decree Fri 28 Apr, 5 May Fri, Ascension Thu 25 May, decree Fri 26 May, Whit
  Monday Mon 5 Jun.

A term of N weeks ends on received + N*7 days (same weekday as receipt); if
that is a Saturday, Sunday or Atw day it moves to the next day that is none
of those. Working-day targets count the n-th working day strictly after the
start, skipping weekends, Atw days and the municipality's closing days.

The tests are pure: every call gets an explicit `calendar=`, so no database.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from gehoord.clock.terms import (
    CURRENT_DECREE_DAYS,
    DECREE_DAYS,
    PREVIOUS_DECREE_DAYS,
    AtwCalendar,
    acknowledgment_deadline,
    add_working_days,
    decision_deadline,
    first_contact_deadline,
    hearing_response_deadline,
    informal_reopen_deadline,
    is_due_soon,
    is_overdue,
    not_handled_notice_deadline,
    ombudsman_deadline,
    term_end,
    term_end_days,
)

d = dt.date
UTC = dt.UTC
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def atw(closing_days=()) -> AtwCalendar:
    """The calendar of both decrees (as shipped), with optional municipal closing days."""
    return AtwCalendar(equated_days=DECREE_DAYS, closing_days=closing_days)


def without_previous_decree() -> AtwCalendar:
    """A calendar that lacks the 2023-2025 decree days: what Gehoord computed before [9]."""
    return AtwCalendar(equated_days=CURRENT_DECREE_DAYS)


# ---------------------------------------------------------------------------
# Decision term (Awb 9:11): 6 weeks = 42 days after receipt, same weekday.
# ---------------------------------------------------------------------------

DECISION_CASES = [
    # --- ordinary cases and plain weekend shifts ---
    pytest.param(
        d(2026, 2, 2),
        d(2026, 3, 16),
        # Mon 2 Feb + 42 = Mon 16 Mar: an ordinary Monday, no shift.
        id="ordinary-monday-no-shift",
    ),
    pytest.param(
        d(2026, 2, 7),
        d(2026, 3, 23),
        # Received on a Saturday: ends Sat 21 Mar -> Sun 22 -> Mon 23 Mar.
        id="ends-saturday-to-monday",
    ),
    pytest.param(
        d(2026, 2, 8),
        d(2026, 3, 23),
        # Ends Sun 22 Mar -> Mon 23 Mar.
        id="ends-sunday-to-monday",
    ),
    # --- Easter 2026 ---
    pytest.param(
        d(2026, 2, 19),
        d(2026, 4, 2),
        # Ends Thu 2 Apr (Maundy Thursday): not an Atw day, no shift.
        id="2026-maundy-thursday-no-shift",
    ),
    pytest.param(
        d(2026, 2, 20),
        d(2026, 4, 7),
        # Ends Good Fri 3 Apr -> Sat 4 -> Sun 5 (Easter) -> Easter Mon 6 -> Tue 7.
        id="2026-good-friday-chain",
    ),
    pytest.param(
        d(2026, 2, 23),
        d(2026, 4, 7),
        # Ends Easter Monday 6 Apr -> Tue 7 Apr.
        id="2026-easter-monday",
    ),
    # --- King's Day and 5 May 2026 ---
    pytest.param(
        d(2026, 3, 16),
        d(2026, 4, 28),
        # Ends Mon 27 Apr, King's Day on a weekday -> Tue 28 Apr.
        id="2026-kings-day-monday",
    ),
    pytest.param(
        d(2026, 3, 23),
        d(2026, 5, 4),
        # Ends Mon 4 May (Remembrance Day): not an Atw day, no shift.
        id="2026-4-may-no-shift",
    ),
    pytest.param(
        d(2026, 3, 24),
        d(2026, 5, 6),
        # Ends Tue 5 May; 2026 is no fifth year but Atw has 5 May every year
        # -> Wed 6 May.
        id="2026-liberation-day-not-lustrum",
    ),
    # --- Ascension 2026 with decree day 15 May ---
    pytest.param(
        d(2026, 4, 2),
        d(2026, 5, 18),
        # Ends Ascension Thu 14 May -> decree Fri 15 -> Sat 16 -> Sun 17 -> Mon 18:
        # four shifts in a chain.
        id="2026-ascension-decree-weekend-chain",
    ),
    pytest.param(
        d(2026, 4, 3),
        d(2026, 5, 18),
        # Ends Fri 15 May (decree day) -> Sat -> Sun -> Mon 18 May.
        id="2026-decree-15-may",
    ),
    pytest.param(
        d(2026, 4, 13),
        d(2026, 5, 26),
        # Ends Whit Monday 25 May -> Tue 26 May.
        id="2026-whit-monday",
    ),
    # --- year end 2025 / 2026 ---
    pytest.param(
        d(2025, 11, 13),
        d(2025, 12, 29),
        # Ends Christmas Thu 25 Dec -> Fri 26 (2nd Christmas) -> Sat -> Sun -> Mon 29.
        id="2025-christmas-chain",
    ),
    pytest.param(
        d(2025, 11, 19),
        d(2025, 12, 31),
        # Ends Wed 31 Dec: New Year's Eve is an ordinary day, no shift.
        id="2025-new-years-eve-no-shift",
    ),
    pytest.param(
        d(2025, 11, 20),
        d(2026, 1, 5),
        # Ends New Year Thu 1 Jan 2026 -> decree Fri 2 Jan -> Sat 3 -> Sun 4
        # -> Mon 5 Jan.
        id="2026-new-year-decree-chain",
    ),
    pytest.param(
        d(2025, 11, 21),
        d(2026, 1, 5),
        # Ends Fri 2 Jan 2026 (decree day) -> Sat -> Sun -> Mon 5 Jan.
        id="2026-decree-2-jan",
    ),
    pytest.param(
        d(2026, 11, 13),
        d(2026, 12, 28),
        # Ends Christmas Fri 25 Dec -> Sat 26 (2nd Christmas and Saturday) -> Sun
        # -> Mon 28 Dec.
        id="2026-christmas-chain",
    ),
    pytest.param(
        d(2026, 11, 20),
        d(2027, 1, 4),
        # Ends New Year Fri 1 Jan 2027 -> Sat -> Sun -> Mon 4 Jan.
        id="2027-new-year-friday",
    ),
    # --- 2025: King's Day on Saturday 26 April ---
    pytest.param(
        d(2025, 3, 7),
        d(2025, 4, 22),
        # Ends Good Fri 18 Apr -> Sat -> Easter Sun -> Easter Mon 21 -> Tue 22 Apr.
        id="2025-good-friday-chain",
    ),
    pytest.param(
        d(2025, 3, 14),
        d(2025, 4, 25),
        # Ends Fri 25 Apr: King's Day 2025 is Sat 26 Apr (27th is a Sunday), not
        # the Friday: no shift.
        id="2025-day-before-kings-day-no-shift",
    ),
    pytest.param(
        d(2025, 3, 15),
        d(2025, 4, 28),
        # Ends Sat 26 Apr (King's Day) -> Sun 27 -> Mon 28 Apr, an ordinary day
        # (King's Day moves back to Saturday, never forward to Monday).
        id="2025-kings-day-saturday",
    ),
    pytest.param(
        d(2025, 3, 24),
        d(2025, 5, 6),
        # Ends Mon 5 May 2025 (a fifth year too) -> Tue 6 May.
        id="2025-liberation-day",
    ),
    # --- 2027 ---
    pytest.param(
        d(2027, 2, 12),
        d(2027, 3, 30),
        # Ends Good Fri 26 Mar -> Sat -> Easter Sun 28 -> Easter Mon 29 -> Tue 30.
        id="2027-good-friday-chain",
    ),
    pytest.param(
        d(2027, 3, 16),
        d(2027, 4, 28),
        # Ends Tue 27 Apr, King's Day on a Tuesday -> Wed 28 Apr.
        id="2027-kings-day-tuesday",
    ),
    pytest.param(
        d(2027, 3, 24),
        d(2027, 5, 10),
        # Ends Wed 5 May (not a fifth year) -> Ascension Thu 6 -> decree Fri 7
        # -> Sat 8 -> Sun 9 -> Mon 10 May: five shifts.
        id="2027-liberation-ascension-decree-chain",
    ),
    pytest.param(
        d(2027, 3, 25),
        d(2027, 5, 10),
        # Ends Ascension Thu 6 May -> decree Fri 7 -> Sat -> Sun -> Mon 10 May.
        id="2027-ascension-decree-chain",
    ),
    pytest.param(
        d(2027, 3, 26),
        d(2027, 5, 10),
        # Ends Fri 7 May (decree day) -> Sat -> Sun -> Mon 10 May.
        id="2027-decree-7-may",
    ),
    pytest.param(
        d(2027, 4, 5),
        d(2027, 5, 18),
        # Ends Whit Monday 17 May -> Tue 18 May.
        id="2027-whit-monday",
    ),
    pytest.param(
        d(2027, 11, 13),
        d(2027, 12, 27),
        # Ends Christmas Sat 25 Dec -> Sun 26 (2nd Christmas) -> Mon 27 Dec.
        id="2027-christmas-weekend",
    ),
    # --- 2028 ---
    pytest.param(
        d(2028, 3, 3),
        d(2028, 4, 18),
        # Ends Good Fri 14 Apr -> Sat -> Easter Sun 16 -> Easter Mon 17 -> Tue 18.
        id="2028-good-friday-chain",
    ),
    pytest.param(
        d(2028, 3, 16),
        d(2028, 5, 1),
        # Ends King's Day Thu 27 Apr -> decree Fri 28 -> Sat -> Sun -> Mon 1 May
        # (1 May is no Atw day).
        id="2028-kings-day-decree-chain",
    ),
    pytest.param(
        d(2028, 3, 17),
        d(2028, 5, 1),
        # Ends Fri 28 Apr (decree day) -> Sat -> Sun -> Mon 1 May.
        id="2028-decree-28-april",
    ),
    pytest.param(
        d(2028, 3, 24),
        d(2028, 5, 8),
        # Ends Fri 5 May (not a fifth year) -> Sat -> Sun -> Mon 8 May.
        id="2028-liberation-day-friday",
    ),
    pytest.param(
        d(2028, 4, 13),
        d(2028, 5, 29),
        # Ends Ascension Thu 25 May -> decree Fri 26 -> Sat -> Sun -> Mon 29 May.
        id="2028-ascension-decree-chain",
    ),
    pytest.param(
        d(2028, 4, 14),
        d(2028, 5, 29),
        # Ends Fri 26 May (decree day) -> Sat -> Sun -> Mon 29 May.
        id="2028-decree-26-may",
    ),
    pytest.param(
        d(2028, 4, 24),
        d(2028, 6, 6),
        # Ends Whit Monday 5 Jun -> Tue 6 Jun.
        id="2028-whit-monday",
    ),
]


@pytest.mark.parametrize(("received", "expected"), DECISION_CASES)
def test_decision_deadline(received, expected):
    assert decision_deadline(received, calendar=atw()) == expected


# ---------------------------------------------------------------------------
# Notice that a complaint is not handled (Awb 9:8): 4 weeks = 28 days.
# ---------------------------------------------------------------------------

NOTICE_CASES = [
    pytest.param(
        d(2026, 1, 7),
        d(2026, 2, 4),
        # Wed 7 Jan + 28 = Wed 4 Feb, ordinary day.
        id="ordinary-no-shift",
    ),
    pytest.param(
        d(2026, 3, 30),
        d(2026, 4, 28),
        # Ends Mon 27 Apr (King's Day) -> Tue 28 Apr.
        id="2026-kings-day",
    ),
    pytest.param(
        d(2026, 4, 16),
        d(2026, 5, 18),
        # Ends Ascension Thu 14 May -> decree Fri 15 -> Sat -> Sun -> Mon 18 May.
        id="2026-ascension-chain",
    ),
    pytest.param(
        d(2025, 11, 28),
        d(2025, 12, 29),
        # Ends Fri 26 Dec 2025 (2nd Christmas) -> Sat -> Sun -> Mon 29 Dec.
        id="2025-second-christmas",
    ),
]


@pytest.mark.parametrize(("received", "expected"), NOTICE_CASES)
def test_not_handled_notice_deadline(received, expected):
    assert not_handled_notice_deadline(received, calendar=atw()) == expected


# ---------------------------------------------------------------------------
# Committee (Awb 9:11 lid 1, afdeling 9.1.3: 10 weeks) and postponement (Awb 9:11
# lid 2, max 4 weeks).
# The whole term is counted from receipt and extended once, at its real end.
# ---------------------------------------------------------------------------

EXTENDED_CASES = [
    pytest.param(
        d(2026, 2, 2),
        True,
        0,
        d(2026, 4, 13),
        # Committee: Mon 2 Feb + 70 = Mon 13 Apr, ordinary day.
        id="committee-no-shift",
    ),
    pytest.param(
        d(2026, 1, 23),
        True,
        0,
        d(2026, 4, 7),
        # Committee: Fri 23 Jan + 70 = Good Fri 3 Apr -> ... -> Tue 7 Apr.
        id="committee-good-friday",
    ),
    pytest.param(
        d(2025, 10, 23),
        True,
        0,
        d(2026, 1, 5),
        # Committee: Thu 23 Oct 2025 + 70 = Thu 1 Jan 2026 -> decree Fri 2 Jan
        # -> Sat -> Sun -> Mon 5 Jan.
        id="committee-new-year-chain",
    ),
    pytest.param(
        d(2026, 2, 2),
        False,
        0,
        d(2026, 3, 16),
        # No postponement: 6 weeks, Mon 16 Mar.
        id="postpone-0",
    ),
    pytest.param(
        d(2026, 2, 2),
        False,
        1,
        d(2026, 3, 23),
        # 7 weeks: Mon 2 Feb + 49 = Mon 23 Mar.
        id="postpone-1",
    ),
    pytest.param(
        d(2026, 2, 2),
        False,
        2,
        d(2026, 3, 30),
        # 8 weeks: + 56 = Mon 30 Mar.
        id="postpone-2",
    ),
    pytest.param(
        d(2026, 2, 2),
        False,
        3,
        d(2026, 4, 7),
        # 9 weeks: + 63 = Easter Mon 6 Apr -> Tue 7 Apr.
        id="postpone-3-easter-monday",
    ),
    pytest.param(
        d(2026, 2, 2),
        False,
        4,
        d(2026, 4, 13),
        # 10 weeks: + 70 = Mon 13 Apr.
        id="postpone-4",
    ),
    pytest.param(
        d(2026, 2, 20),
        False,
        1,
        d(2026, 4, 10),
        # 6 weeks would end Good Fri 3 Apr (-> Tue 7 Apr), but the postponed term
        # is one 7-week term: Fri 20 Feb + 49 = Fri 10 Apr, ordinary. (Extending
        # first and then adding a week would wrongly give Tue 14 Apr.)
        id="postpone-1-extended-once-at-real-end",
    ),
    pytest.param(
        d(2026, 2, 20),
        False,
        4,
        d(2026, 5, 1),
        # 10 weeks: Fri 20 Feb + 70 = Fri 1 May, not an Atw day (not Tue 7 Apr
        # + 4 weeks = Tue 5 May -> Wed 6 May).
        id="postpone-4-extended-once-at-real-end",
    ),
    pytest.param(
        d(2026, 2, 2),
        True,
        2,
        d(2026, 4, 28),
        # Committee + 2: 12 weeks, + 84 = Mon 27 Apr (King's Day) -> Tue 28 Apr.
        id="committee-postpone-2-kings-day",
    ),
    pytest.param(
        d(2026, 2, 2),
        True,
        4,
        d(2026, 5, 11),
        # Committee + 4: 14 weeks, + 98 = Mon 11 May, ordinary day.
        id="committee-postpone-4",
    ),
]


@pytest.mark.parametrize(("received", "committee", "weeks", "expected"), EXTENDED_CASES)
def test_committee_and_postponement(received, committee, weeks, expected):
    result = decision_deadline(received, committee=committee, postponement_weeks=weeks, calendar=atw())
    assert result == expected


@pytest.mark.parametrize(
    ("committee", "weeks"),
    [
        pytest.param(False, -1, id="negative-postponement"),
        pytest.param(False, 5, id="postponement-over-4-weeks"),
        pytest.param(True, 5, id="committee-postponement-over-4-weeks"),
        pytest.param(True, -1, id="committee-negative-postponement"),
    ],
)
def test_postponement_out_of_range_is_refused(committee, weeks):
    with pytest.raises(ValueError):
        decision_deadline(d(2026, 2, 2), committee=committee, postponement_weeks=weeks, calendar=atw())


def test_negative_term_is_refused():
    with pytest.raises(ValueError):
        term_end(d(2026, 2, 2), -1, calendar=atw())


# ---------------------------------------------------------------------------
# Closing days are the municipality's own: they never move a legal term.
# ---------------------------------------------------------------------------

CLOSING_TERM_CASES = [
    pytest.param(
        decision_deadline,
        d(2026, 2, 2),
        [d(2026, 3, 16)],
        d(2026, 3, 16),
        # Decision ends Mon 16 Mar; closed that day, but the term still ends then.
        id="decision-ends-on-closing-day",
    ),
    pytest.param(
        not_handled_notice_deadline,
        d(2026, 11, 30),
        [d(2026, 12, 28), d(2026, 12, 29), d(2026, 12, 30), d(2026, 12, 31)],
        d(2026, 12, 28),
        # Mon 30 Nov + 28 = Mon 28 Dec; the office is closed 28-31 Dec but the
        # term still ends Mon 28 Dec.
        id="notice-ends-in-christmas-closure",
    ),
]


@pytest.mark.parametrize(("function", "received", "closing", "expected"), CLOSING_TERM_CASES)
def test_closing_days_do_not_move_legal_terms(function, received, closing, expected):
    assert function(received, calendar=atw(closing)) == expected


# ---------------------------------------------------------------------------
# Working-day targets: acknowledgment (default 5), first contact (default 2).
# ---------------------------------------------------------------------------


def ack(start, calendar):
    return acknowledgment_deadline(start, calendar=calendar)


def ack3(start, calendar):
    return acknowledgment_deadline(start, working_days=3, calendar=calendar)


def contact(start, calendar):
    return first_contact_deadline(start, calendar=calendar)


def add0(start, calendar):
    return add_working_days(start, 0, calendar=calendar)


def add1(start, calendar):
    return add_working_days(start, 1, calendar=calendar)


def add10(start, calendar):
    return add_working_days(start, 10, calendar=calendar)


WORKING_DAY_CASES = [
    pytest.param(
        ack,
        d(2026, 2, 2),
        (),
        d(2026, 2, 9),
        # Mon 2 Feb: Tue 3, Wed 4, Thu 5, Fri 6, Mon 9 = day 5.
        id="ack-ordinary-week",
    ),
    pytest.param(
        ack,
        d(2026, 2, 7),
        (),
        d(2026, 2, 13),
        # Received Sat 7 Feb: Mon 9 .. Fri 13 = days 1-5.
        id="ack-received-saturday",
    ),
    pytest.param(
        ack,
        d(2026, 4, 1),
        (),
        d(2026, 4, 10),
        # Wed 1 Apr: Thu 2 (1), Good Fri 3, weekend, Easter Mon 6 skipped,
        # Tue 7 (2), Wed 8 (3), Thu 9 (4), Fri 10 (5).
        id="ack-over-easter-2026",
    ),
    pytest.param(
        ack,
        d(2026, 5, 13),
        (),
        d(2026, 5, 22),
        # Wed 13 May: Ascension 14, decree 15, weekend skipped; Mon 18 .. Fri 22.
        id="ack-over-ascension-decree-2026",
    ),
    pytest.param(
        ack,
        d(2025, 12, 23),
        (),
        d(2026, 1, 5),
        # Tue 23 Dec: Wed 24 (1), Christmas 25-26 + weekend, Mon 29 (2), Tue 30
        # (3), Wed 31 (4), New Year 1 Jan + decree 2 Jan + weekend, Mon 5 Jan (5).
        id="ack-over-year-end-2025",
    ),
    pytest.param(
        ack,
        d(2025, 12, 23),
        (d(2025, 12, 24), d(2025, 12, 31)),
        d(2026, 1, 7),
        # As above but closed Wed 24 and Wed 31 Dec: Mon 29 (1), Tue 30 (2),
        # Mon 5 Jan (3), Tue 6 (4), Wed 7 (5).
        id="ack-over-year-end-with-closing-days",
    ),
    pytest.param(
        ack,
        d(2027, 5, 4),
        (),
        d(2027, 5, 14),
        # Tue 4 May 2027: 5 May, Ascension 6, decree 7, weekend skipped;
        # Mon 10 .. Fri 14 May.
        id="ack-over-may-chain-2027",
    ),
    pytest.param(
        ack3,
        d(2026, 4, 24),
        (),
        d(2026, 4, 30),
        # 3 working days from Fri 24 Apr: weekend, King's Day Mon 27 skipped;
        # Tue 28 (1), Wed 29 (2), Thu 30 (3).
        id="ack-custom-3-over-kings-day",
    ),
    pytest.param(
        contact,
        d(2026, 4, 30),
        (),
        d(2026, 5, 4),
        # Thu 30 Apr: Fri 1 May (1, Labour Day is no Atw day), weekend, Mon 4 May
        # (2, Remembrance Day is no Atw day).
        id="contact-1-and-4-may-are-working-days",
    ),
    pytest.param(
        contact,
        d(2026, 5, 4),
        (),
        d(2026, 5, 7),
        # Mon 4 May: Tue 5 May skipped (every year), Wed 6 (1), Thu 7 (2).
        id="contact-over-liberation-day-2026",
    ),
    pytest.param(
        contact,
        d(2026, 3, 13),
        (),
        d(2026, 3, 17),
        # Fri 13 Mar: weekend, Mon 16 (1), Tue 17 (2).
        id="contact-over-weekend",
    ),
    pytest.param(
        contact,
        d(2026, 3, 13),
        (d(2026, 3, 16),),
        d(2026, 3, 18),
        # Same, but the office is closed Mon 16 Mar: Tue 17 (1), Wed 18 (2).
        id="contact-closing-day-skipped",
    ),
    pytest.param(
        add10,
        d(2026, 12, 18),
        (),
        d(2027, 1, 5),
        # Fri 18 Dec: Mon 21 (1), Tue 22 (2), Wed 23 (3), Thu 24 (4), Christmas
        # 25-26 + Sun 27, Mon 28 (5), Tue 29 (6), Wed 30 (7), Thu 31 (8), New Year
        # Fri 1 Jan + weekend, Mon 4 (9), Tue 5 Jan (10).
        id="add-10-over-christmas-2026",
    ),
    pytest.param(
        add1,
        d(2025, 12, 31),
        (),
        d(2026, 1, 5),
        # Wed 31 Dec: New Year Thu 1, decree Fri 2, weekend; Mon 5 Jan (1).
        id="add-1-over-new-year-decree",
    ),
    pytest.param(
        add0,
        d(2026, 2, 7),
        (),
        d(2026, 2, 7),
        # Zero working days: nothing is counted, the start itself comes back.
        id="add-0-is-start",
    ),
]


@pytest.mark.parametrize(("function", "start", "closing", "expected"), WORKING_DAY_CASES)
def test_working_day_targets(function, start, closing, expected):
    assert function(start, atw(closing)) == expected


def test_negative_working_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(d(2026, 2, 2), -1, calendar=atw())


# ---------------------------------------------------------------------------
# Datetime input: an aware datetime is read as its Dutch calendar day.
# ---------------------------------------------------------------------------

DATETIME_CASES = [
    pytest.param(
        decision_deadline,
        dt.datetime(2026, 3, 31, 23, 30, tzinfo=UTC),
        d(2026, 5, 13),
        # 23:30 UTC = 01:30 CEST on Wed 1 Apr (DST since Sun 29 Mar); + 42 =
        # Wed 13 May, the day before Ascension: no shift. (31 Mar would give
        # Tue 12 May.)
        id="decision-utc-late-evening-is-next-dutch-day",
    ),
    pytest.param(
        decision_deadline,
        dt.datetime(2026, 3, 31, 21, 30, tzinfo=UTC),
        d(2026, 5, 12),
        # 21:30 UTC = 23:30 CEST, still Tue 31 Mar; + 42 = Tue 12 May.
        id="decision-utc-still-same-dutch-day",
    ),
    pytest.param(
        decision_deadline,
        dt.datetime(2026, 4, 1, 0, 15, tzinfo=AMSTERDAM),
        d(2026, 5, 13),
        # Already Dutch time: Wed 1 Apr; + 42 = Wed 13 May.
        id="decision-amsterdam-aware",
    ),
    pytest.param(
        first_contact_deadline,
        dt.datetime(2026, 3, 31, 23, 30, tzinfo=UTC),
        d(2026, 4, 7),
        # Dutch day Wed 1 Apr: Thu 2 (1), Good Fri, weekend, Easter Mon skipped,
        # Tue 7 Apr (2). (From 31 Mar it would be Thu 2 Apr.)
        id="contact-utc-late-evening-is-next-dutch-day",
    ),
    pytest.param(
        acknowledgment_deadline,
        dt.datetime(2026, 2, 1, 23, 30, tzinfo=UTC),
        d(2026, 2, 9),
        # Winter: 23:30 UTC = 00:30 CET on Mon 2 Feb; Tue 3 .. Mon 9 Feb = 5.
        id="ack-utc-winter-next-dutch-day",
    ),
    pytest.param(
        acknowledgment_deadline,
        dt.datetime(2026, 2, 1, 22, 59, tzinfo=UTC),
        d(2026, 2, 6),
        # 22:59 UTC = 23:59 CET, still Sun 1 Feb; Mon 2 .. Fri 6 Feb = 5.
        id="ack-utc-winter-same-dutch-day",
    ),
]


@pytest.mark.parametrize(("function", "received", "expected"), DATETIME_CASES)
def test_aware_datetime_is_converted_to_dutch_day(function, received, expected):
    assert function(received, calendar=atw()) == expected


# ---------------------------------------------------------------------------
# The Atw days themselves (art. 3 + the decrees), listed by hand.
# ---------------------------------------------------------------------------

ATW_DAYS = {
    2023: {
        d(2023, 1, 1),  # New Year's Day (Sun)
        d(2023, 4, 7),  # Good Friday
        d(2023, 4, 10),  # Easter Monday
        d(2023, 4, 27),  # King's Day (Thu)
        d(2023, 4, 28),  # decree day (Fri)
        d(2023, 5, 5),  # Liberation Day (Fri)
        d(2023, 5, 18),  # Ascension Day (Thu)
        d(2023, 5, 19),  # decree day (Fri)
        d(2023, 5, 29),  # Whit Monday
        d(2023, 12, 25),  # Christmas Day (Mon)
        d(2023, 12, 26),  # Second Christmas Day (Tue)
    },
    2024: {
        d(2024, 1, 1),  # New Year's Day (Mon)
        d(2024, 3, 29),  # Good Friday
        d(2024, 4, 1),  # Easter Monday
        d(2024, 4, 27),  # King's Day (Sat: not moved, only a Sunday moves it to the Saturday before)
        d(2024, 5, 5),  # Liberation Day (Sun)
        d(2024, 5, 9),  # Ascension Day (Thu)
        d(2024, 5, 10),  # decree day (Fri)
        d(2024, 5, 20),  # Whit Monday
        d(2024, 12, 25),  # Christmas Day (Wed)
        d(2024, 12, 26),  # Second Christmas Day (Thu)
        d(2024, 12, 27),  # decree day (Fri)
    },
    2025: {
        d(2025, 1, 1),  # New Year's Day (Wed)
        d(2025, 4, 18),  # Good Friday
        d(2025, 4, 21),  # Easter Monday
        d(2025, 4, 26),  # King's Day (Sat, because 27 April is a Sunday)
        d(2025, 5, 5),  # Liberation Day (Mon)
        d(2025, 5, 29),  # Ascension Day (Thu)
        d(2025, 5, 30),  # decree day (Fri)
        d(2025, 6, 9),  # Whit Monday
        d(2025, 12, 25),  # Christmas Day (Thu)
        d(2025, 12, 26),  # Second Christmas Day (Fri)
    },
    2026: {
        d(2026, 1, 1),  # New Year's Day (Thu)
        d(2026, 1, 2),  # decree day (Fri)
        d(2026, 4, 3),  # Good Friday
        d(2026, 4, 6),  # Easter Monday
        d(2026, 4, 27),  # King's Day (Mon)
        d(2026, 5, 5),  # Liberation Day, every year (Tue)
        d(2026, 5, 14),  # Ascension Day (Thu)
        d(2026, 5, 15),  # decree day (Fri)
        d(2026, 5, 25),  # Whit Monday
        d(2026, 12, 25),  # Christmas Day (Fri)
        d(2026, 12, 26),  # Second Christmas Day (Sat)
    },
    2027: {
        d(2027, 1, 1),  # New Year's Day (Fri)
        d(2027, 3, 26),  # Good Friday
        d(2027, 3, 29),  # Easter Monday
        d(2027, 4, 27),  # King's Day (Tue)
        d(2027, 5, 5),  # Liberation Day, every year (Wed)
        d(2027, 5, 6),  # Ascension Day (Thu)
        d(2027, 5, 7),  # decree day (Fri)
        d(2027, 5, 17),  # Whit Monday
        d(2027, 12, 25),  # Christmas Day (Sat)
        d(2027, 12, 26),  # Second Christmas Day (Sun)
    },
}


def atw_days_found(year: int) -> set[dt.date]:
    calendar = atw()
    day, found = d(year, 1, 1), set()
    while day.year == year:
        if calendar.is_atw_day(day):
            found.add(day)
        day += dt.timedelta(days=1)
    return found


@pytest.mark.parametrize("year", [pytest.param(y, id=str(y)) for y in ATW_DAYS])
def test_atw_days_of_year_exactly(year):
    assert atw_days_found(year) == ATW_DAYS[year]


@pytest.mark.parametrize("year", [pytest.param(y, id=str(y)) for y in ATW_DAYS])
def test_atw_days_of_year_except_sundays(year):
    # Sundays never end a term and are never working days: every Atw day that
    # can make a difference (Monday to Saturday) must match the list exactly.
    def not_sunday(days):
        return {day for day in days if day.weekday() != 6}

    assert not_sunday(atw_days_found(year)) == not_sunday(ATW_DAYS[year])


SINGLE_DAY_CASES = [
    pytest.param(atw(), d(2025, 4, 26), True, id="2025-kings-day-saturday-26-april"),
    # 27 Apr 2025 is a Sunday, so King's Day is celebrated on Sat 26 Apr.
    pytest.param(atw(), d(2025, 4, 27), False, id="2025-27-april-sunday-not-kings-day"),
    pytest.param(atw(), d(2025, 5, 5), True, id="2025-liberation-day"),
    pytest.param(atw(), d(2028, 5, 5), True, id="2028-liberation-day-not-lustrum"),
    pytest.param(atw(), d(2028, 4, 28), True, id="2028-decree-28-april"),
    pytest.param(atw(), d(2028, 5, 26), True, id="2028-decree-26-may"),
    pytest.param(atw(), d(2028, 4, 14), True, id="2028-good-friday"),
    # 1 May (Labour Day) is no Atw day.
    pytest.param(atw(), d(2026, 5, 1), False, id="2026-1-may-not-atw"),
    # Decree days are admin data: without them, 2 Jan 2026 is an ordinary day.
    pytest.param(AtwCalendar(equated_days=()), d(2026, 1, 2), False, id="no-decree-data"),
    # A closing day is the municipality's own, never an Atw day.
    pytest.param(atw([d(2026, 3, 16)]), d(2026, 3, 16), False, id="closing-day-is-not-atw"),
]


@pytest.mark.parametrize(("calendar", "day", "expected"), SINGLE_DAY_CASES)
def test_is_atw_day(calendar, day, expected):
    assert calendar.is_atw_day(day) is expected


# ---------------------------------------------------------------------------
# The decree for 2023-2025 (28 Apr 2023, 19 May 2023, 10 May 2024, 27 Dec 2024,
# 30 May 2025): complaints received then get their terms right. Each case also
# gives what the term would be without those decree days, so the data matters.
# ---------------------------------------------------------------------------

PREVIOUS_DECREE_CASES = [
    # --- 2023 ---
    pytest.param(
        d(2023, 3, 17),
        d(2023, 5, 1),
        d(2023, 4, 28),
        # Fri 17 Mar + 42 = Fri 28 Apr (decree) -> Sat 29 -> Sun 30 -> Mon 1 May (no Atw day).
        id="2023-decree-28-april",
    ),
    pytest.param(
        d(2023, 3, 16),
        d(2023, 5, 1),
        d(2023, 4, 28),
        # Thu 16 Mar + 42 = King's Day Thu 27 Apr -> decree Fri 28 -> Sat -> Sun -> Mon 1 May.
        id="2023-kings-day-decree-chain",
    ),
    pytest.param(
        d(2023, 3, 24),
        d(2023, 5, 8),
        d(2023, 5, 8),
        # Fri 24 Mar + 42 = Fri 5 May (Liberation Day) -> Sat -> Sun -> Mon 8 May.
        id="2023-liberation-day-friday",
    ),
    pytest.param(
        d(2023, 4, 7),
        d(2023, 5, 22),
        d(2023, 5, 19),
        # Received on Good Friday 7 Apr; + 42 = Fri 19 May (decree) -> Sat -> Sun -> Mon 22 May.
        id="2023-decree-19-may",
    ),
    pytest.param(
        d(2023, 4, 6),
        d(2023, 5, 22),
        d(2023, 5, 19),
        # Thu 6 Apr + 42 = Ascension Thu 18 May -> decree Fri 19 -> Sat -> Sun -> Mon 22 May.
        id="2023-ascension-decree-chain",
    ),
    # --- 2024 ---
    pytest.param(
        d(2024, 3, 15),
        d(2024, 4, 26),
        d(2024, 4, 26),
        # Fri 15 Mar + 42 = Fri 26 Apr: King's Day 2024 is Sat 27 Apr, so no shift.
        id="2024-friday-15-march-no-shift",
    ),
    pytest.param(
        d(2024, 3, 16),
        d(2024, 4, 29),
        d(2024, 4, 29),
        # Sat 16 Mar + 42 = Sat 27 Apr (King's Day) -> Sun 28 -> Mon 29 Apr.
        id="2024-kings-day-saturday",
    ),
    pytest.param(
        d(2024, 3, 24),
        d(2024, 5, 6),
        d(2024, 5, 6),
        # Sun 24 Mar + 42 = Sun 5 May -> Mon 6 May (no substitute day for 5 May).
        id="2024-liberation-day-sunday",
    ),
    pytest.param(
        d(2024, 2, 16),
        d(2024, 4, 2),
        d(2024, 4, 2),
        # Fri 16 Feb + 42 = Good Fri 29 Mar -> Sat -> Easter Sun 31 -> Easter Mon 1 Apr -> Tue 2 Apr.
        id="2024-good-friday-chain",
    ),
    pytest.param(
        d(2024, 3, 29),
        d(2024, 5, 13),
        d(2024, 5, 10),
        # Good Fri 29 Mar + 42 = Fri 10 May (decree) -> Sat 11 -> Sun 12 -> Mon 13 May.
        id="2024-decree-10-may",
    ),
    pytest.param(
        d(2024, 3, 28),
        d(2024, 5, 13),
        d(2024, 5, 10),
        # Thu 28 Mar + 42 = Ascension Thu 9 May -> decree Fri 10 -> Sat -> Sun -> Mon 13 May.
        id="2024-ascension-decree-chain",
    ),
    pytest.param(
        d(2024, 11, 15),
        d(2024, 12, 30),
        d(2024, 12, 27),
        # Fri 15 Nov + 42 = Fri 27 Dec, the Friday after Christmas (decree) -> Sat 28 ->
        # Sun 29 -> Mon 30 Dec.
        id="2024-decree-27-december",
    ),
    pytest.param(
        d(2024, 11, 13),
        d(2024, 12, 30),
        d(2024, 12, 27),
        # Wed 13 Nov + 42 = Christmas Wed 25 Dec -> Thu 26 -> decree Fri 27 -> Sat -> Sun
        # -> Mon 30 Dec: five shifts.
        id="2024-christmas-decree-chain",
    ),
    pytest.param(
        d(2024, 11, 12),
        d(2024, 12, 24),
        d(2024, 12, 24),
        # Tue 12 Nov + 42 = Tue 24 Dec: Christmas Eve is an ordinary day.
        id="2024-christmas-eve-no-shift",
    ),
    # --- 2025 ---
    pytest.param(
        d(2024, 11, 20),
        d(2025, 1, 2),
        d(2025, 1, 2),
        # Wed 20 Nov 2024 + 42 = New Year Wed 1 Jan 2025 -> Thu 2 Jan: no decree day then
        # (unlike 2 January 2026).
        id="2025-new-year-no-decree",
    ),
    pytest.param(
        d(2025, 4, 18),
        d(2025, 6, 2),
        d(2025, 5, 30),
        # Good Fri 18 Apr + 42 = Fri 30 May (decree) -> Sat 31 -> Sun 1 Jun -> Mon 2 Jun.
        id="2025-decree-30-may",
    ),
    pytest.param(
        d(2025, 4, 17),
        d(2025, 6, 2),
        d(2025, 5, 30),
        # Thu 17 Apr + 42 = Ascension Thu 29 May -> decree Fri 30 -> Sat -> Sun -> Mon 2 Jun.
        id="2025-ascension-decree-chain",
    ),
    pytest.param(
        d(2025, 4, 28),
        d(2025, 6, 10),
        d(2025, 6, 10),
        # Mon 28 Apr + 42 = Whit Monday 9 Jun -> Tue 10 Jun.
        id="2025-whit-monday",
    ),
]


@pytest.mark.parametrize(("received", "expected", "without_decree"), PREVIOUS_DECREE_CASES)
def test_decision_deadline_with_the_2023_2025_decree(received, expected, without_decree):
    assert decision_deadline(received, calendar=atw()) == expected
    assert decision_deadline(received, calendar=AtwCalendar(PREVIOUS_DECREE_DAYS)) == expected
    assert decision_deadline(received, calendar=without_previous_decree()) == without_decree


PREVIOUS_DECREE_OTHER_TERMS = [
    pytest.param(
        lambda day, cal: not_handled_notice_deadline(day, calendar=cal),
        d(2024, 4, 12),
        d(2024, 5, 13),
        # 9:8 notice: Fri 12 Apr + 28 = Fri 10 May (decree) -> Mon 13 May 2024.
        id="notice-2024-decree-10-may",
    ),
    pytest.param(
        lambda day, cal: not_handled_notice_deadline(day, calendar=cal),
        d(2024, 11, 29),
        d(2024, 12, 30),
        # Fri 29 Nov + 28 = Fri 27 Dec (decree) -> Mon 30 Dec 2024.
        id="notice-2024-decree-27-december",
    ),
    pytest.param(
        lambda day, cal: decision_deadline(day, committee=True, calendar=cal),
        d(2024, 3, 1),
        d(2024, 5, 13),
        # Committee: Fri 1 Mar + 70 = Fri 10 May (decree) -> Mon 13 May 2024.
        id="committee-2024-decree-10-may",
    ),
    pytest.param(
        lambda day, cal: decision_deadline(day, committee=True, calendar=cal),
        d(2025, 3, 21),
        d(2025, 6, 2),
        # Committee: Fri 21 Mar + 70 = Fri 30 May (decree) -> Mon 2 Jun 2025.
        id="committee-2025-decree-30-may",
    ),
    pytest.param(
        lambda day, cal: decision_deadline(day, postponement_weeks=2, calendar=cal),
        d(2024, 3, 15),
        d(2024, 5, 13),
        # Fri 15 Mar 2024: 6 weeks end Fri 26 Apr; postponed by 2 weeks the term is 8 weeks:
        # + 56 = Fri 10 May (decree) -> Mon 13 May.
        id="postponed-2024-decree-10-may",
    ),
    pytest.param(
        lambda day, cal: acknowledgment_deadline(day, calendar=cal),
        d(2024, 5, 8),
        d(2024, 5, 17),
        # Wed 8 May: Ascension Thu 9 and decree Fri 10 skipped; Mon 13 (1) .. Fri 17 (5).
        id="ack-2024-ascension-decree",
    ),
    pytest.param(
        lambda day, cal: acknowledgment_deadline(day, calendar=cal),
        d(2023, 4, 27),
        d(2023, 5, 8),
        # King's Day Thu 27 Apr 2023: decree Fri 28 skipped; Mon 1 May (1), Tue 2 (2),
        # Wed 3 (3), Thu 4 (4), Liberation Day Fri 5 skipped, Mon 8 (5).
        id="ack-2023-decree-and-5-may",
    ),
    pytest.param(
        lambda day, cal: first_contact_deadline(day, calendar=cal),
        d(2024, 12, 23),
        d(2024, 12, 30),
        # Mon 23 Dec: Tue 24 (1); Christmas 25, 26, decree 27, weekend skipped; Mon 30 (2).
        id="contact-2024-christmas-decree",
    ),
]


@pytest.mark.parametrize(("function", "start", "expected"), PREVIOUS_DECREE_OTHER_TERMS)
def test_other_terms_with_the_2023_2025_decree(function, start, expected):
    assert function(start, atw()) == expected


@pytest.mark.django_db
def test_the_database_calendar_has_both_decrees():
    """Migration clock/0003 adds the 2023-2025 decree days to the admin-maintained table."""
    from gehoord.clock.selectors import municipal_calendar

    calendar = municipal_calendar()
    assert set(DECREE_DAYS) <= calendar.equated_days
    # Without an explicit calendar the terms use the database: Fri 29 Mar 2024 -> Mon 13 May.
    assert decision_deadline(d(2024, 3, 29)) == d(2024, 5, 13)


# ---------------------------------------------------------------------------
# Terms in days (Atw art. 1 applies): term_end_days, informal_reopen_deadline.
# ---------------------------------------------------------------------------

TERM_DAYS_CASES = [
    pytest.param(
        d(2026, 3, 20),
        14,
        d(2026, 4, 7),
        # Fri 20 Mar + 14 = Good Fri 3 Apr -> Sat -> Easter Sun -> Easter Mon 6 -> Tue 7 Apr.
        id="over-easter-2026",
    ),
    pytest.param(d(2026, 3, 3), 14, d(2026, 3, 17), id="ordinary"),  # Tue 3 Mar + 14 = Tue 17 Mar.
    pytest.param(
        d(2024, 12, 13),
        14,
        d(2024, 12, 30),
        # Fri 13 Dec + 14 = Fri 27 Dec 2024 (decree) -> Sat -> Sun -> Mon 30 Dec.
        id="2024-decree-27-december",
    ),
    pytest.param(
        d(2024, 5, 16),
        4,
        d(2024, 5, 21),
        # Thu 16 May + 4 = Whit Monday 20 May -> Tue 21 May.
        id="2024-whit-monday",
    ),
    pytest.param(d(2026, 3, 2), 0, d(2026, 3, 2), id="zero-days-on-a-monday"),
    pytest.param(d(2026, 3, 7), 0, d(2026, 3, 9), id="zero-days-on-a-saturday"),  # -> Mon 9 Mar
    pytest.param(
        dt.datetime(2026, 3, 19, 23, 30, tzinfo=UTC),
        14,
        d(2026, 4, 7),
        # 23:30 UTC = 00:30 CET on Fri 20 Mar (winter time until Sun 29 Mar): as above.
        id="utc-late-evening-is-the-next-dutch-day",
    ),
    pytest.param(
        dt.datetime(2026, 3, 19, 22, 30, tzinfo=UTC),
        14,
        d(2026, 4, 2),
        # 22:30 UTC = 23:30 CET, still Thu 19 Mar; + 14 = Thu 2 Apr (Maundy Thursday, no Atw day).
        id="utc-same-dutch-day",
    ),
]


@pytest.mark.parametrize(("start", "days", "expected"), TERM_DAYS_CASES)
def test_term_end_days(start, days, expected):
    assert term_end_days(start, days, calendar=atw()) == expected


def test_negative_term_in_days_is_refused():
    with pytest.raises(ValueError):
        term_end_days(d(2026, 3, 2), -1, calendar=atw())


REOPEN_CASES = [
    pytest.param(d(2026, 3, 20), None, d(2026, 4, 7), id="default-14-over-easter"),
    pytest.param(d(2026, 3, 3), None, d(2026, 3, 17), id="default-14-ordinary"),
    # Fri 20 Mar + 10 = Mon 30 Mar.
    pytest.param(d(2026, 3, 20), 10, d(2026, 3, 30), id="10-days"),
    # Fri 13 Dec 2024 + 14 = Fri 27 Dec (decree) -> Mon 30 Dec.
    pytest.param(d(2024, 12, 13), None, d(2024, 12, 30), id="2024-decree-27-december"),
    # Thu 25 Apr 2024 + 14 = Ascension Thu 9 May -> decree Fri 10 -> Sat -> Sun -> Mon 13 May.
    pytest.param(d(2024, 4, 25), None, d(2024, 5, 13), id="2024-ascension-decree"),
]


@pytest.mark.parametrize(("confirmed", "days", "expected"), REOPEN_CASES)
def test_informal_reopen_deadline(confirmed, days, expected):
    kwargs = {} if days is None else {"days": days}
    assert informal_reopen_deadline(confirmed, calendar=atw(), **kwargs) == expected


# ---------------------------------------------------------------------------
# The hearing answer term (Awb 9:10 lid 2 onder c), in weeks from the invitation.
# ---------------------------------------------------------------------------

HEARING_CASES = [
    pytest.param(d(2026, 4, 8), None, d(2026, 4, 22), id="default-2-weeks"),  # Wed 8 Apr + 14 = Wed 22 Apr
    pytest.param(
        d(2026, 4, 14),
        3,
        d(2026, 5, 6),
        # Tue 14 Apr + 21 = Tue 5 May (Liberation Day, every year) -> Wed 6 May.
        id="3-weeks-5-may",
    ),
    pytest.param(
        d(2026, 4, 13),
        2,
        d(2026, 4, 28),
        # Mon 13 Apr + 14 = King's Day Mon 27 Apr -> Tue 28 Apr.
        id="kings-day",
    ),
    pytest.param(
        d(2024, 4, 26),
        2,
        d(2024, 5, 13),
        # Fri 26 Apr 2024 + 14 = Fri 10 May (decree) -> Sat -> Sun -> Mon 13 May.
        id="2024-decree-10-may",
    ),
    pytest.param(
        d(2024, 12, 13),
        2,
        d(2024, 12, 30),
        # Fri 13 Dec 2024 + 14 = Fri 27 Dec (decree) -> Mon 30 Dec.
        id="2024-decree-27-december",
    ),
    pytest.param(d(2024, 5, 1), 1, d(2024, 5, 8), id="1-week-ordinary"),  # Wed 1 May + 7 = Wed 8 May
]


@pytest.mark.parametrize(("invited", "weeks", "expected"), HEARING_CASES)
def test_hearing_response_deadline(invited, weeks, expected):
    kwargs = {} if weeks is None else {"weeks": weeks}
    assert hearing_response_deadline(invited, calendar=atw(), **kwargs) == expected


# ---------------------------------------------------------------------------
# The complainant's year for the ombudsman (Awb 9:24 lid 1). A year set by law:
# Atw art. 1 extends an end on a weekend or Atw day. From 29 February the year
# ends on 1 March, never on 28 February (the complainant gets a full year).
# ---------------------------------------------------------------------------

OMBUDSMAN_CASES = [
    pytest.param(d(2026, 4, 13), d(2027, 4, 13), id="ordinary"),  # Tue 13 Apr 2027
    pytest.param(d(2028, 2, 29), d(2029, 3, 1), id="29-february-to-1-march"),  # Thu 1 Mar 2029
    pytest.param(
        d(2024, 2, 29),
        d(2025, 3, 3),
        # 29 Feb 2024 -> 1 Mar 2025, a Saturday -> Sun 2 -> Mon 3 Mar 2025.
        id="29-february-to-a-weekend",
    ),
    pytest.param(d(2027, 2, 28), d(2028, 2, 28), id="28-february"),  # Mon 28 Feb 2028
    pytest.param(
        d(2024, 12, 27),
        d(2025, 12, 29),
        # Sat 27 Dec 2025 -> Sun 28 -> Mon 29 Dec 2025.
        id="2024-decree-day-to-a-saturday",
    ),
    pytest.param(
        d(2025, 4, 26),
        d(2026, 4, 28),
        # Sun 26 Apr 2026 -> King's Day Mon 27 Apr -> Tue 28 Apr.
        id="sunday-then-kings-day",
    ),
    pytest.param(
        d(2025, 5, 14),
        d(2026, 5, 18),
        # Thu 14 May 2026 (Ascension) -> decree Fri 15 -> Sat -> Sun -> Mon 18 May.
        id="ascension-decree-chain",
    ),
    pytest.param(
        dt.datetime(2026, 4, 12, 22, 30, tzinfo=UTC),
        d(2027, 4, 13),
        # 22:30 UTC = 00:30 CEST on Mon 13 Apr 2026.
        id="utc-late-evening-is-the-next-dutch-day",
    ),
]


@pytest.mark.parametrize(("ended", "expected"), OMBUDSMAN_CASES)
def test_ombudsman_deadline(ended, expected):
    assert ombudsman_deadline(ended, calendar=atw()) == expected


# ---------------------------------------------------------------------------
# Awb 9:11 lid 3: the date the complainant consented to (decision_deadline(consented_until=)).
# ---------------------------------------------------------------------------

CONSENT_CASES = [
    pytest.param(0, d(2026, 5, 29), d(2026, 5, 29), id="consented-later"),
    # Never shorter than the term: 6 weeks from Mon 2 Mar 2026 end Mon 13 Apr.
    pytest.param(0, d(2026, 4, 1), d(2026, 4, 13), id="consented-earlier-keeps-the-term"),
    pytest.param(0, d(2026, 4, 13), d(2026, 4, 13), id="consented-the-same-day"),
    # An agreed date, not a term set by law: a Saturday stays a Saturday.
    pytest.param(0, d(2026, 5, 30), d(2026, 5, 30), id="consented-saturday-not-moved"),
    # Postponed 4 weeks: Mon 11 May; consent to Mon 15 Jun.
    pytest.param(4, d(2026, 6, 15), d(2026, 6, 15), id="after-postponement"),
    pytest.param(4, d(2026, 5, 8), d(2026, 5, 11), id="before-the-postponed-term"),
    pytest.param(2, None, d(2026, 4, 28), id="no-consent"),  # 8 weeks: King's Day -> Tue 28 Apr
]


@pytest.mark.parametrize(("weeks", "consented", "expected"), CONSENT_CASES)
def test_decision_deadline_with_consent(weeks, consented, expected):
    due = decision_deadline(
        d(2026, 3, 2), postponement_weeks=weeks, calendar=atw(), consented_until=consented
    )
    assert due == expected


# ---------------------------------------------------------------------------
# The one due-soon / overdue window (DUE_SOON_DAYS = 5).
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "today", "overdue", "soon"),
    [
        (d(2026, 4, 13), d(2026, 4, 7), False, False),  # 6 days ahead
        (d(2026, 4, 13), d(2026, 4, 8), False, True),  # 5 days ahead
        (d(2026, 4, 13), d(2026, 4, 13), False, True),  # the last day
        (d(2026, 4, 13), d(2026, 4, 14), True, False),  # passed
        (None, d(2026, 4, 13), False, False),
    ],
)
def test_overdue_and_due_soon(due, today, overdue, soon):
    assert is_overdue(due, today) is overdue
    assert is_due_soon(due, today) is soon
