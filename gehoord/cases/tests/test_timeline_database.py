"""The timeline is append-only down to the database on PostgreSQL."""

import pytest
from django.db import DatabaseError, connection, transaction

from gehoord.cases.models import ComplaintEvent


@pytest.mark.postgresql
def test_database_refuses_to_change_or_delete_an_event(complaint):
    event = ComplaintEvent.objects.filter(complaint=complaint).first()
    for statement in (
        "UPDATE cases_complaintevent SET summary = 'changed' WHERE id = %s",
        "DELETE FROM cases_complaintevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [event.pk])
    assert ComplaintEvent.objects.get(pk=event.pk).summary == event.summary


def test_the_base_manager_is_append_only_too(complaint):
    with pytest.raises(TypeError):
        ComplaintEvent._base_manager.filter(complaint=complaint).update(summary="changed")
