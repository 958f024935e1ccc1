"""``{% personal_data_erasure complaint as erasure %}``: the complaint's erasure, or None.

A template tag rather than ``complaint.personal_data_erasure``: the reverse
one-to-one raises (and logs) when there is none.
"""

from django import template

from gehoord.privacy.models import PersonalDataErasure

register = template.Library()


@register.simple_tag
def personal_data_erasure(complaint) -> PersonalDataErasure | None:
    return PersonalDataErasure.objects.filter(complaint_id=complaint.pk).first()
