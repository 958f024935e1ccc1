"""Every date in a staff form is a date picker, every moment a date-and-time picker (gehoord.core.forms).

The forms are found in the staff form modules, so a new date field with a plain text box fails here.
Rendered in Dutch: a picker's value must be ISO whatever the language, or the browser shows it empty.
"""

from __future__ import annotations

import datetime as dt
import importlib
import inspect

import pytest
from django import forms
from django.utils import translation

from gehoord.cases.forms import TransitionForm
from gehoord.cases.lifecycle import TRANSITIONS

STAFF_FORM_MODULES = [
    "gehoord.accounts.forms",
    "gehoord.cases.forms",
    "gehoord.cases.inbox",
    "gehoord.correspondence.forms",
    "gehoord.intake.staff_forms",
    "gehoord.learning.forms",
    "gehoord.mailbox.forms",
    "gehoord.privacy.forms",
    "gehoord.reporting.forms",
    "gehoord.social.forms",
    "gehoord.surveys.forms",
    "gehoord.vouchers.forms",
]
# The survey a complainant fills in lives among the staff forms, but is public.
PUBLIC_FORMS = {"gehoord.surveys.forms.SurveyForm"}


def _fields() -> list[tuple[str, forms.Field]]:
    found: dict[str, forms.Field] = {}
    for module_name in STAFF_FORM_MODULES:
        module = importlib.import_module(module_name)
        for name, cls in inspect.getmembers(module, inspect.isclass):
            qualified = f"{cls.__module__}.{name}"
            if not issubclass(cls, forms.BaseForm) or qualified in PUBLIC_FORMS:
                continue
            for field_name, field in cls.base_fields.items():
                found[f"{qualified}.{field_name}"] = field
    for transition in TRANSITIONS:
        for field_name, field in TransitionForm.fields_for(transition).items():
            found[f"TransitionForm[{transition}].{field_name}"] = field
    return sorted(found.items())


def _of(kind: type[forms.Field]) -> list[tuple[str, forms.Field]]:
    return [(name, field) for name, field in _fields() if type(field) is kind]


DATE_FIELDS = _of(forms.DateField)
DATETIME_FIELDS = _of(forms.DateTimeField)


def test_the_table_holds_the_dates_the_issue_names():
    names = {name.rsplit(".", 1)[-1] for name, _field in DATE_FIELDS} | {name for name, _f in DATE_FIELDS}
    for expected in (
        "gehoord.learning.forms.MeasureForm.due_date",  # a measure's due date
        "TransitionForm[schedule_hearing].hearing_on",  # a hearing
        "gehoord.cases.forms.HearingReportForm.held_on",
        "gehoord.vouchers.forms.DateForm.on",  # a voucher batch ordered / sent
        "gehoord.cases.forms.OmbudsmanForm.on",
        "gehoord.cases.forms.ExtensionConsentForm.until",  # a postponement agreed to
        "TransitionForm[resolve_informally].satisfied_on",
        "gehoord.reporting.forms.PeriodForm.start",
        "gehoord.intake.staff_forms.StaffRegistrationForm.received_date",
    ):
        assert expected in names, expected
    assert len(DATETIME_FIELDS) >= 1


@pytest.mark.parametrize(("name", "field"), DATE_FIELDS, ids=[name for name, _f in DATE_FIELDS])
def test_every_date_is_a_date_picker_with_an_iso_value(name, field):
    with translation.override("nl"):
        html = field.widget.render("d", dt.date(2026, 3, 30))
    assert 'type="date"' in html, name
    assert 'value="2026-03-30"' in html, name
    # What a picker sends is read back, and so is a date typed the Dutch way.
    assert field.clean("2026-03-30") == dt.date(2026, 3, 30)
    assert field.clean("30-03-2026") == dt.date(2026, 3, 30)


@pytest.mark.parametrize(("name", "field"), DATETIME_FIELDS, ids=[name for name, _f in DATETIME_FIELDS])
def test_every_moment_is_a_date_and_time_picker(name, field):
    with translation.override("nl"):
        html = field.widget.render("d", dt.datetime(2026, 3, 30, 9, 15))
    assert 'type="datetime-local"' in html, name
    assert 'value="2026-03-30T09:15"' in html, name


@pytest.mark.django_db
def test_a_date_a_screen_fills_in_shows_in_the_picker(client):
    """A picker shows only an ISO value: a screen's own initial date must be a date, not Dutch text."""
    from django.urls import reverse
    from django.utils import timezone

    from gehoord.accounts.testing import login_staff
    from gehoord.cases.tests import factories

    login_staff(client, factories.coordinator())
    html = client.get(reverse("annual_reports")).content.decode()
    year = timezone.localdate().year - 1
    assert f'type="date" name="start" value="{year}-01-01"' in html
    assert f'type="date" name="end" value="{year}-12-31"' in html
