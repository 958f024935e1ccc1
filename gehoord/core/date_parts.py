"""A date typed as day, month and year in three small boxes (the GOV.UK and NL Design System pattern).

Works in every browser without JavaScript: three text inputs with
``inputmode="numeric"``, checked on the server with a message that says which
part is wrong. The ``{% nlds_field %}`` tag renders the field as a fieldset
with a legend, a hint and one label per box.

A form sent before this field existed posts one value (``2026-03-15`` or
``15-03-2026``) under the field's own name; that is still read.
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PARTS = ("day", "month", "year")
PART_LABELS = {"day": _("Dag"), "month": _("Maand"), "year": _("Jaar")}
# Before this year a date is a typing error ("26" for 2026), not an old complaint.
EARLIEST_YEAR = 1900
_NUMBER = re.compile(r"^\d+$")
_WHOLE_DATE = (
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), (2, 1, 0)),
    (re.compile(r"^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$"), (0, 1, 2)),
)


def _part_list(parts: tuple[str, ...]) -> str:
    names = [str(PART_LABELS[part]).lower() for part in parts]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} " + str(_("en")) + f" {names[-1]}"


class DatePartsWidget(forms.MultiWidget):
    """Day, month and year as three narrow numeric text boxes (names `<name>_day`, `_month`, `_year`)."""

    def __init__(self, attrs=None) -> None:
        numeric = {"inputmode": "numeric"}
        super().__init__(
            {
                "day": forms.TextInput({**numeric, "maxlength": "2", "class": "gh-width-2ch"}),
                "month": forms.TextInput({**numeric, "maxlength": "2", "class": "gh-width-2ch"}),
                "year": forms.TextInput({**numeric, "maxlength": "4", "class": "gh-width-4ch"}),
            },
            attrs,
        )

    def decompress(self, value) -> list:
        if isinstance(value, dt.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def value_from_datadict(self, data, files, name) -> list:
        whole = data.get(name)
        if whole and not any(data.get(f"{name}_{part}") for part in PARTS):
            for pattern, order in _WHOLE_DATE:
                match = pattern.match(str(whole).strip())
                if match:
                    return [match.group(order[index] + 1) for index in range(3)]
            return [str(whole), "", ""]
        return super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data, files, name) -> bool:
        return name not in data and super().value_omitted_from_data(data, files, name)


class DatePartsField(forms.MultiValueField):
    """A real date from three parts, with a message that names the part that is missing or wrong.

    Each ValidationError carries ``params["parts"]``: the parts to mark (and link to) as wrong.
    """

    widget = DatePartsWidget
    default_error_messages = {
        "required": _("Vul de datum in."),
        "incomplete": _("De datum moet ook een %(missing)s bevatten."),
        "not_numbers": _("Vul de datum in met cijfers, bijvoorbeeld 15 3 2026."),
        "year_digits": _("Vul het jaar in met vier cijfers, bijvoorbeeld 2026."),
        "not_a_date": _("Deze datum bestaat niet. Controleer de dag en de maand."),
        "too_early": _("Vul een jaar in na %(year)s."),
    }

    def __init__(self, **kwargs) -> None:
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields, require_all_fields=False, **kwargs)
        for field in self.fields:
            field.required = False

    def clean(self, value) -> dt.date | None:
        values = [str(part or "").strip() for part in (value or ["", "", ""])]
        if not any(values):
            if self.required:
                raise ValidationError(
                    self.error_messages["required"], code="required", params={"parts": PARTS}
                )
            return None
        missing = tuple(part for part, text in zip(PARTS, values, strict=True) if not text)
        if missing:
            raise ValidationError(
                self.error_messages["incomplete"],
                code="incomplete",
                params={"missing": _part_list(missing), "parts": missing},
            )
        wrong = tuple(part for part, text in zip(PARTS, values, strict=True) if not _NUMBER.match(text))
        if wrong:
            raise ValidationError(
                self.error_messages["not_numbers"], code="not_numbers", params={"parts": wrong}
            )
        day, month, year = (int(text) for text in values)
        if len(values[2]) != 4:
            raise ValidationError(
                self.error_messages["year_digits"], code="year_digits", params={"parts": ("year",)}
            )
        if year < EARLIEST_YEAR:
            raise ValidationError(
                self.error_messages["too_early"],
                code="too_early",
                params={"year": EARLIEST_YEAR, "parts": ("year",)},
            )
        try:
            date = dt.date(year, month, day)
        except ValueError:
            parts = ("month",) if not 1 <= month <= 12 else ("day",)
            raise ValidationError(
                self.error_messages["not_a_date"], code="not_a_date", params={"parts": parts}
            ) from None
        self.run_validators(date)
        return date

    def compress(self, data_list):  # clean() does the work; kept for MultiValueField's contract
        return data_list


def error_parts(errors) -> tuple[str, ...]:
    """The parts a bound DatePartsField's errors point at (all three when an error does not say)."""
    parts: list[str] = []
    for error in errors.as_data():
        for part in (error.params or {}).get("parts", PARTS):
            if part not in parts:
                parts.append(part)
    return tuple(part for part in PARTS if part in parts)
