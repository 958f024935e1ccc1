"""The municipality's calendar as the database holds it."""

from gehoord.clock.models import ClosingDay, EquatedDay
from gehoord.clock.terms import AtwCalendar


def municipal_calendar() -> AtwCalendar:
    """Decree days and closing days as an admin maintains them."""
    return AtwCalendar(
        equated_days=EquatedDay.objects.values_list("date", flat=True),
        closing_days=ClosingDay.objects.values_list("date", flat=True),
    )
