"""``{% personal_data_erasure complaint as erasure %}``: the complaint's erasure, or None.

A template tag rather than ``complaint.personal_data_erasure``: the reverse
one-to-one raises (and logs) when there is none.
"""

import datetime as dt

from django import template

from gehoord.privacy.models import PersonalDataErasure

register = template.Library()


@register.simple_tag
def personal_data_erasure(complaint) -> PersonalDataErasure | None:
    return PersonalDataErasure.objects.filter(complaint_id=complaint.pk).first()


@register.filter
def readable_moment(value: str | None) -> str:
    """An ISO date or moment from the export ("2020-04-15T14:00:00+02:00") as "15-04-2020 14:00"."""
    if not value:
        return ""
    try:
        moment = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    return f"{moment:%d-%m-%Y}" if len(value) == 10 else f"{moment:%d-%m-%Y %H:%M}"
