"""A true double click: two requests with the same form token at the same moment."""

import threading

import pytest
from django.db import connection

from gehoord.cases.models import Complaint
from gehoord.intake.services import submit_web_complaint
from gehoord.intake.tests.helpers import valid_form_data


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_submits_with_one_token_make_one_complaint():
    data = valid_form_data()
    data.update(conduct_date=None, department=None, on_behalf=False)
    barrier = threading.Barrier(4)
    results, errors = [], []

    def submit() -> None:
        try:
            barrier.wait(timeout=30)
            results.append(submit_web_complaint(token="one-token", data=data, files=[]))
        except BaseException as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    assert Complaint.objects.count() == 1
    assert {r.complaint.pk for r in results} == {Complaint.objects.get().pk}
    assert sum(r.created for r in results) == 1
