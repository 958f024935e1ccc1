"""CSV downloads of the filtered lists: the same rows as on screen, Excel-ready, no formula injection."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from gehoord.accounts.testing import login_staff
from gehoord.cases.tests import factories
from gehoord.core.exports import csv_response
from gehoord.learning.models import ImprovementMeasure
from gehoord.social.tests.factories import SocialSignalFactory

pytestmark = pytest.mark.django_db


def read(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads the encoding from it
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_a_value_that_looks_like_a_formula_is_defused():
    rows = read(csv_response("x", ["a", "b"], [['=HYPERLINK("http://kwaad")', "-3"], ["gewoon", 5]]))

    assert rows == [["a", "b"], ['\'=HYPERLINK("http://kwaad")', "'-3"], ["gewoon", "5"]]


def test_the_inbox_exports_what_its_filters_show(client, coordinator):
    phoned = factories.make_complaint(channel="phone")
    factories.make_complaint(channel="email")
    login_staff(client, coordinator)

    rows = read(client.get(reverse("cases:list"), {"channel": "phone", "formaat": "csv"}))

    assert rows[0][:3] == ["Kenmerk", "Ontvangen", "Kanaal"]
    assert [row[0] for row in rows[1:]] == [phoned.reference]
    assert phoned.complainant.last_name not in str(rows)  # no personal data of the complainant


def test_the_inbox_export_respects_who_may_see_what(client, handler):
    factories.make_complaint()
    login_staff(client, handler)

    assert read(client.get(reverse("cases:list"), {"formaat": "csv"}))[1:] == []


def test_the_measures_register_exports_its_filter(client, coordinator):
    department = factories.DepartmentFactory(name="Burgerzaken", code="bz")
    for description, due in (("Te laat", -1), ("Op tijd", 10)):
        ImprovementMeasure.objects.create(
            description=description,
            department=department,
            responsible=coordinator,
            due_date=timezone.localdate() + dt.timedelta(days=due),
            created_by=coordinator,
        )
    login_staff(client, coordinator)

    rows = read(client.get(reverse("learning:list"), {"overdue": "on", "formaat": "csv"}))

    assert [row[0] for row in rows[1:]] == ["Te laat"]
    assert rows[1][5] == "ja"


def test_the_signals_queue_exports_its_status(client, coordinator):
    SocialSignalFactory(text="Open signaal")
    SocialSignalFactory(text="Afgehandeld", status="dismissed")
    login_staff(client, coordinator)

    rows = read(client.get(reverse("social:queue"), {"status": "open", "formaat": "csv"}))

    assert [row[3] for row in rows[1:]] == ["Open signaal"]
