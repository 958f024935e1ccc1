"""Table-driven tests of the legal clock (gehoord.clock.terms).

Every expected date below was worked out by hand from the law (Awb chapter 9,
Algemene termijnenwet art. 1 and 3 and the current royal decree), from a
printed calendar, NOT by calling the implementation or the `holidays` package:
the point is an independent check.

Reference dates used (Easter Sunday: 2025-04-20, 2026-04-05, 2027-03-28,
2028-04-16; Ascension = Easter + 39 days, Whit Monday = Easter + 50 days):

* 2025: Good Friday Fri 18 Apr, Easter Monday Mon 21 Apr, King's Day Sat 26 Apr
  (27 Apr is a Sunday), 5 May Mon, Ascension Thu 29 May, Whit Monday Mon 9 Jun,
  Christmas Thu 25 / Fri 26 Dec.
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
    AtwCalendar,
    acknowledgment_deadline,
    add_working_days,
    decision_deadline,
    first_contact_deadline,
    not_handled_notice_deadline,
    term_end,
)

d = dt.date
UTC = dt.UTC
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def atw(closing_days=()) -> AtwCalendar:
    """The calendar of the current decree, with optional municipal closing days."""
    return AtwCalendar(equated_days=CURRENT_DECREE_DAYS, closing_days=closing_days)


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
# Committee (Awb 9:14, 10 weeks) and postponement (Awb 9:11 lid 2, max 4 weeks).
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
# The Atw days themselves (art. 3 + the current decree), listed by hand.
# ---------------------------------------------------------------------------

ATW_DAYS = {
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
