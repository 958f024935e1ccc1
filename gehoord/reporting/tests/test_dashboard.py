"""The dashboard: who sees it, the period and department filters, charts with their tables."""

import datetime as dt

import pytest
from django.urls import reverse

from gehoord.accounts.roles import Role
from gehoord.accounts.testing import login_staff
from gehoord.cases.tests import factories

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_the_figures_with_charts_and_tables(client, coordinator):
    factories.make_complaint(channel="phone")
    factories.make_complaint(channel="email")
    login_staff(client, coordinator)

    response = client.get(reverse("dashboard"))

    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["figures"].received == 2
    assert page.count('<svg role="img"') >= 3
    assert "Bekijk als tabel" in page and "Binnengekomen per kanaal" in page


def test_the_filters_narrow_the_figures(client, coordinator):
    department = factories.DepartmentFactory(name="Belastingen", code="bel")
    factories.make_complaint(departments=[department])
    factories.make_complaint()
    login_staff(client, coordinator)

    response = client.get(reverse("dashboard"), {"department": department.pk})
    assert response.context["figures"].received == 1

    response = client.get(reverse("dashboard"), {"start": "01-01-2000", "end": "31-12-2000"})
    assert response.context["figures"].received == 0


def test_a_wrong_period_says_what_to_fix(client, coordinator):
    login_staff(client, coordinator)

    response = client.get(reverse("dashboard"), {"start": "31-12-2026", "end": "01-01-2026"})

    assert response.status_code == 400
    assert "Het einde van de periode ligt vóór het begin." in response.content.decode()
    assert response.context["figures"].period.start == dt.date(dt.date.today().year, 1, 1)


def test_management_sees_it_handlers_do_not(client, handler):
    login_staff(client, handler)
    assert client.get(reverse("dashboard")).status_code == 403

    client.logout()
    login_staff(client, factories.UserFactory(roles=[Role.DEPARTMENT_HEAD]))
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_date_in_year_one_is_refused_not_a_server_error(client, coordinator):
    login_staff(client, coordinator)

    response = client.get(reverse("dashboard"), {"start": "01-01-0001", "end": "31-12-9999"})

    assert response.status_code == 400
    assert "Kies een datum tussen 1900 en 2999." in response.content.decode()


def test_the_dashboard_counts_todays_terms_in_words(client, coordinator):
    from django.utils import timezone

    from gehoord.cases import lifecycle
    from gehoord.cases.models import Complaint

    today = timezone.localdate()
    late = factories.make_complaint()
    lifecycle.perform(late, "start_triage", actor=coordinator)
    Complaint.objects.filter(pk=late.pk).update(
        decision_due=today + dt.timedelta(days=3), not_handled_notice_due=today - dt.timedelta(days=1)
    )
    login_staff(client, coordinator)

    page = " ".join(client.get(reverse("dashboard")).content.decode().split())

    assert "Over de beslistermijn: <strong>0</strong>" in page
    assert "beslissing binnen 5 dagen: <strong>1</strong>" in page
    assert "9:8-bericht te laat" in page and "4 weken na ontvangst voorbij): <strong>1</strong>" in page
