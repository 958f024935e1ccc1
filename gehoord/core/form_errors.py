"""Where an error summary's link about a form field goes: the input to fix (the first wrong one).

Used by the ``{% nlds_error_summary_items %}`` tag and by forms that build
their own summary (the public complaint form's group errors).
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.forms.boundfield import BoundField

from gehoord.core.date_parts import DatePartsWidget, error_parts


@dataclass(frozen=True)
class SummaryItem:
    href: str
    text: str


def field_anchor(field: BoundField) -> str:
    """Where an error summary link about `field` goes: its (first wrong) input."""
    widget = field.field.widget
    if isinstance(widget, DatePartsWidget):
        wrong = error_parts(field.errors) or ("day",)
        return f"#{field.auto_id}_{wrong[0]}"
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        return f"#{field.auto_id}_0"
    return f"#{field.auto_id}"
