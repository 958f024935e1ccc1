import datetime as dt

from django.utils import timezone

from gehoord.cases import lifecycle
from gehoord.cases.selectors import complaint_list
from gehoord.cases.tests.factories import make_complaint


def test_open_complaint_past_its_decision_term_is_overdue(coordinator):
    old = make_complaint(received_at=timezone.now() - dt.timedelta(weeks=9))
    new = make_complaint(received_at=timezone.now() - dt.timedelta(days=1))
    withdrawn = make_complaint(received_at=timezone.now() - dt.timedelta(weeks=9))
    lifecycle.perform(withdrawn, "withdraw", actor=coordinator, reason="Klager trekt in.")

    overdue = {c.reference: c.is_overdue for c in complaint_list(coordinator)}

    assert overdue == {old.reference: True, new.reference: False, withdrawn.reference: False}


def test_list_makes_a_fixed_number_of_queries(coordinator, django_assert_max_num_queries):
    for _ in range(30):
        make_complaint()
    with django_assert_max_num_queries(3):
        rows = list(complaint_list(coordinator)[:50])
        assert all(row.complainant.last_name for row in rows)
        assert all(row.handler is None for row in rows)
