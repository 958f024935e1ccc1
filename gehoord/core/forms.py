"""Form widgets every screen shares: a date is a date picker, a moment a date-and-time picker.

Browsers send a picker's value as ISO (yyyy-mm-dd, yyyy-mm-ddThh:mm) and show it in the reader's own
notation; someone typing (or a browser without pickers) may write a date the Dutch way, so the fields
accept both.
"""

from __future__ import annotations

from django import forms

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d-%m-%Y %H:%M"]


class DateInput(forms.DateInput):
    """``<input type="date">``; its value always ISO, whatever the language (the browser needs that)."""

    input_type = "date"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class DateTimeInput(forms.DateTimeInput):
    """``<input type="datetime-local">``, its value ISO to the minute."""

    input_type = "datetime-local"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None, format="%H:%M") -> None:
        super().__init__(attrs, format=format)
