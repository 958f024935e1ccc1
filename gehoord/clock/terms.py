"""The legal clock: every term Gehoord computes, in one place.

Two kinds of term live here.

Legal terms (Awb chapter 9, counted as the Algemene termijnenwet prescribes):

* the decision on a complaint: 6 weeks after receipt, 10 weeks when the
  advisory committee (afdeling 9.1.3) handles that complaint (Awb 9:11 lid 1),
  postponed by at most 4 weeks in total (Awb 9:11 lid 2), and further only as
  far as the complainant consented in writing (Awb 9:11 lid 3);
* the notice that a complaint is not handled: within 4 weeks of receipt
  (Awb 9:8 lid 3);
* the term the complainant gets to say they want to be heard (Awb 9:10 lid 2
  onder c), counted from the invitation;
* the term in which a complainant whose complaint was resolved informally
  (Awb 9:5) may still ask for formal handling, counted from the confirmation;
* the complainant's year to go to the ombudsman (Awb 9:24).

A term runs from the day after receipt, so "6 weeks" from a Friday ends on a
Friday six weeks later. Atw art. 1: a term that ends on a Saturday, a Sunday or
a recognised holiday ends on the next day that is none of those. Atw art. 3
recognises New Year's Day, Good Friday, Easter Monday, King's Day, 5 May (every
year, not only every fifth year as the `holidays` package's public calendar
has it), Ascension Day, Whit Monday and both Christmas days; days equated by
royal decree count as well.

A postponed or committee term is computed from receipt as one term
(6 + 4 weeks, 10 weeks) and extended by art. 1 once, at its real end: art. 1
only moves the end of the term that actually applies.

Internal targets (acknowledgment, first personal contact) are counted in
working days: no weekend, no Atw day and none of the municipality's own
closing days. Day 1 is the first working day after the day of receipt.

Everything is a plain function of dates and an :class:`AtwCalendar`, so the
rules can be tested without a database. Callers that pass no calendar get the
municipality's calendar from the database (decree days and closing days an
admin maintains), see :func:`gehoord.clock.selectors.municipal_calendar`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

DECISION_WEEKS = 6
COMMITTEE_DECISION_WEEKS = 10
MAX_POSTPONEMENT_WEEKS = 4
NOT_HANDLED_NOTICE_WEEKS = 4
DEFAULT_ACKNOWLEDGMENT_WORKING_DAYS = 5
DEFAULT_FIRST_CONTACT_WORKING_DAYS = 2

DUTCH_TIME = ZoneInfo("Europe/Amsterdam")

DEFAULT_HEARING_RESPONSE_WEEKS = 2
# Awb 9:10 lid 2 onder c asks for a reasonable term; shorter than a week is not
# (a letter by post needs days to arrive), whatever a hearing date would allow.
MIN_HEARING_RESPONSE_DAYS = 7
DEFAULT_INFORMAL_REOPEN_DAYS = 14
OMBUDSMAN_TERM_YEARS = 1

# An open term whose end is this many days away or fewer (today included) is
# "due soon": the one window the inbox, the digest and the dashboard use.
DUE_SOON_DAYS = 5

# The royal decrees equating days with the Atw holidays (art. 3 lid 3), each for
# three years. Shipped as the initial content of the admin-maintained
# EquatedDay table, so that complaints received in those years get their
# terms right. Besluit for 2023-2025:
PREVIOUS_DECREE_DAYS: tuple[dt.date, ...] = (
    dt.date(2023, 4, 28),
    dt.date(2023, 5, 19),
    dt.date(2024, 5, 10),
    dt.date(2024, 12, 27),
    dt.date(2025, 5, 30),
)
# Besluit for 2026-2028:
CURRENT_DECREE_DAYS: tuple[dt.date, ...] = (
    dt.date(2026, 1, 2),
    dt.date(2026, 5, 15),
    dt.date(2027, 5, 7),
    dt.date(2028, 4, 28),
    dt.date(2028, 5, 26),
)
DECREE_DAYS: tuple[dt.date, ...] = PREVIOUS_DECREE_DAYS + CURRENT_DECREE_DAYS

LIBERATION_DAY = (5, 5)


# Atw art. 3 lid 1, by the English names the `holidays` package gives them.
# Its Dutch calendar also has Easter Sunday and Whit Sunday (not Atw days,
# though always Sundays) and 5 May only every fifth year, so we pick by name.
ATW_HOLIDAY_NAMES = frozenset(
    {
        "New Year's Day",
        "Good Friday",
        "Easter Monday",
        "King's Day",
        "Ascension Day",
        "Pentecost Monday",
        "Christmas Day",
        "Second Day of Christmas",
    }
)


@lru_cache(maxsize=64)
def atw_holidays(year: int) -> frozenset[dt.date]:
    """The Atw art. 3 holidays of one year, without decree days."""
    calendar = holidays.country_holidays("NL", years=year, language="en_US")
    days = {day for day, name in calendar.items() if name in ATW_HOLIDAY_NAMES}
    found = {calendar[day] for day in days}
    if found != ATW_HOLIDAY_NAMES:
        # Fail loudly rather than compute a wrong legal term if the package changes.
        raise RuntimeError(f"holidays package lacks Atw days for {year}: {ATW_HOLIDAY_NAMES - found}")
    days.add(dt.date(year, *LIBERATION_DAY))
    return frozenset(days)


class AtwCalendar:
    """Which days stop a term from ending and which days count as working days."""

    def __init__(
        self,
        equated_days: Iterable[dt.date] = DECREE_DAYS,
        closing_days: Iterable[dt.date] = (),
    ) -> None:
        self.equated_days = frozenset(equated_days)
        self.closing_days = frozenset(closing_days)

    def is_atw_day(self, day: dt.date) -> bool:
        """A recognised holiday (Atw art. 3) or a day equated by royal decree."""
        return day in atw_holidays(day.year) or day in self.equated_days

    def ends_no_term(self, day: dt.date) -> bool:
        """Atw art. 1: a term cannot end on a Saturday, Sunday or Atw day."""
        return day.weekday() >= 5 or self.is_atw_day(day)

    def is_working_day(self, day: dt.date) -> bool:
        return not self.ends_no_term(day) and day not in self.closing_days


def _calendar(calendar: AtwCalendar | None) -> AtwCalendar:
    if calendar is not None:
        return calendar
    from gehoord.clock.selectors import municipal_calendar

    return municipal_calendar()


def receipt_date(received: dt.date | dt.datetime) -> dt.date:
    """The Dutch calendar day on which something was received."""
    if isinstance(received, dt.datetime):
        if received.tzinfo is not None:
            received = received.astimezone(DUTCH_TIME)
        return received.date()
    return received


def extend_to_next_term_day(day: dt.date, calendar: AtwCalendar | None = None) -> dt.date:
    """Atw art. 1: move an end that falls on a Saturday, Sunday or Atw day forward."""
    calendar = _calendar(calendar)
    while calendar.ends_no_term(day):
        day += dt.timedelta(days=1)
    return day


def term_end(received: dt.date | dt.datetime, weeks: int, calendar: AtwCalendar | None = None) -> dt.date:
    """The last day of a legal term of `weeks` weeks starting the day after receipt."""
    if weeks < 0:
        raise ValueError("A term cannot be negative.")
    naive_end = receipt_date(received) + dt.timedelta(weeks=weeks)
    return extend_to_next_term_day(naive_end, calendar)


def term_end_days(start: dt.date | dt.datetime, days: int, calendar: AtwCalendar | None = None) -> dt.date:
    """The last day of a term of `days` days starting the day after `start` (Atw art. 1 applies)."""
    if days < 0:
        raise ValueError("A term cannot be negative.")
    return extend_to_next_term_day(receipt_date(start) + dt.timedelta(days=days), calendar)


def decision_deadline(
    received: dt.date | dt.datetime,
    committee: bool = False,
    postponement_weeks: int = 0,
    calendar: AtwCalendar | None = None,
    consented_until: dt.date | None = None,
) -> dt.date:
    """Awb 9:11: the last day on which the decision on a complaint is due.

    Lid 1: 6 weeks, or 10 when the advisory committee handles this complaint;
    lid 2: postponed by at most 4 weeks in total; lid 3: further only to the
    date the complainant consented to in writing (`consented_until`), which
    never shortens the term.
    """
    if not 0 <= postponement_weeks <= MAX_POSTPONEMENT_WEEKS:
        raise ValueError(
            f"A decision can be postponed by at most {MAX_POSTPONEMENT_WEEKS} weeks "
            f"(Awb 9:11), not {postponement_weeks}."
        )
    weeks = COMMITTEE_DECISION_WEEKS if committee else DECISION_WEEKS
    due = term_end(received, weeks + postponement_weeks, calendar)
    if consented_until is not None and consented_until > due:
        return consented_until
    return due


def not_handled_notice_deadline(
    received: dt.date | dt.datetime, calendar: AtwCalendar | None = None
) -> dt.date:
    """Awb 9:8 lid 3: the complainant hears in writing within 4 weeks of receipt that it is not handled."""
    return term_end(received, NOT_HANDLED_NOTICE_WEEKS, calendar)


def hearing_response_deadline(
    invited: dt.date | dt.datetime,
    weeks: int = DEFAULT_HEARING_RESPONSE_WEEKS,
    calendar: AtwCalendar | None = None,
) -> dt.date:
    """Awb 9:10 lid 2 onder c: the term, set in the invitation, to say one wants to be heard."""
    return term_end(invited, weeks, calendar)


def earliest_hearing_response_deadline(
    invited: dt.date | dt.datetime, calendar: AtwCalendar | None = None
) -> dt.date:
    """Awb 9:10 lid 2 onder c: the shortest answer term an invitation may set (a reasonable term)."""
    return term_end_days(invited, MIN_HEARING_RESPONSE_DAYS, calendar)


def informal_reopen_deadline(
    confirmed: dt.date | dt.datetime,
    days: int = DEFAULT_INFORMAL_REOPEN_DAYS,
    calendar: AtwCalendar | None = None,
) -> dt.date:
    """Awb 9:5: until when a complainant resolved informally may still ask for formal handling.

    The law sets no term; the confirmation letter offers one (a setting), and
    the lifecycle allows going back to formal handling within it.
    """
    return term_end_days(confirmed, days, calendar)


def ombudsman_deadline(ended: dt.date | dt.datetime, calendar: AtwCalendar | None = None) -> dt.date:
    """Awb 9:24 lid 1: the complainant may go to the ombudsman within one year after the handling ended.

    The year is a term set by law, so Atw art. 1 extends an end on a Saturday,
    Sunday or Atw day. A year from 29 February ends on 1 March: the
    complainant never gets less than a full year.
    """
    day = receipt_date(ended)
    try:
        end = day.replace(year=day.year + OMBUDSMAN_TERM_YEARS)
    except ValueError:  # 29 February
        end = dt.date(day.year + OMBUDSMAN_TERM_YEARS, 3, 1)
    return extend_to_next_term_day(end, calendar)


def years_after(day: dt.date, years: int) -> dt.date:
    """The same date `years` later; 29 February becomes 1 March in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return dt.date(day.year + years, 3, 1)


def years_before(day: dt.date, years: int) -> dt.date:
    """The same date `years` earlier; 29 February becomes 28 February in a common year.

    So ``start <= years_before(today, n)`` holds exactly when ``today >= years_after(start, n)``.
    """
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return dt.date(day.year - years, 2, 28)


def postponement_allowed_until(decision_due: dt.date) -> dt.date:
    """Awb 9:11 lid 2: a term can be postponed only before it has ended, so on its last day at the latest."""
    return decision_due


def is_overdue(due: dt.date | None, today: dt.date) -> bool:
    """A term whose last day has passed."""
    return due is not None and due < today


def is_due_soon(due: dt.date | None, today: dt.date, days: int = DUE_SOON_DAYS) -> bool:
    """A term that ends today or within `days` days: the window every list uses."""
    return due is not None and today <= due <= today + dt.timedelta(days=days)


def days_left(due: dt.date, today: dt.date) -> int:
    """Calendar days from `today` to a term's last day: 0 on that day, negative once it has passed.

    A term ends at the end of its last day, so "0" still means in time.
    """
    return (due - today).days


def add_working_days(start: dt.date | dt.datetime, days: int, calendar: AtwCalendar | None = None) -> dt.date:
    """The `days`-th working day after `start` (`start` itself never counts)."""
    if days < 0:
        raise ValueError("The number of working days cannot be negative.")
    calendar = _calendar(calendar)
    day = receipt_date(start)
    remaining = days
    while remaining:
        day += dt.timedelta(days=1)
        if calendar.is_working_day(day):
            remaining -= 1
    return day


def acknowledgment_deadline(
    received: dt.date | dt.datetime,
    working_days: int = DEFAULT_ACKNOWLEDGMENT_WORKING_DAYS,
    calendar: AtwCalendar | None = None,
) -> dt.date:
    """The internal target for the written acknowledgment (Awb 9:6)."""
    return add_working_days(received, working_days, calendar)


def first_contact_deadline(
    received: dt.date | dt.datetime,
    working_days: int = DEFAULT_FIRST_CONTACT_WORKING_DAYS,
    calendar: AtwCalendar | None = None,
) -> dt.date:
    """The internal target for the first personal contact with the complainant."""
    return add_working_days(received, working_days, calendar)
