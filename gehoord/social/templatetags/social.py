import datetime as dt

from django import template
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def duration(value: dt.timedelta | None) -> str:
    """A time span in words: '2 dagen 3 uur', '3 uur 20 minuten', '5 minuten'."""
    if value is None:
        return ""
    minutes = max(int(value.total_seconds() // 60), 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = []
    if days:
        parts.append(ngettext("%(n)d dag", "%(n)d dagen", days) % {"n": days})
    if hours:
        parts.append(ngettext("%(n)d uur", "%(n)d uur", hours) % {"n": hours})
    if minutes and not days:
        parts.append(ngettext("%(n)d minuut", "%(n)d minuten", minutes) % {"n": minutes})
    return " ".join(parts) or _("minder dan een minuut")
