from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker):
    """The full demo (`make run` loads it), loaded once for these tests and rolled back after them.

    Each test still takes `db`: its own transaction nests inside this one.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("load_demo_data", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)
