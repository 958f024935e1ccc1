"""The audit trail's own retention: old entries go once their file holds no personal data any more."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from gehoord.audit import retention
from gehoord.audit.models import Action, ActorKind, AuditEntry
from gehoord.cases.tests import factories
from gehoord.privacy.models import ErasureTrigger, PersonalDataErasure

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(dt.datetime(2026, 12, 2, 10, 0))
OLD = NOW - dt.timedelta(days=3 * 365)
RECENT = NOW - dt.timedelta(days=300)


def entry(at: dt.datetime, complaint=None, note: str = "") -> AuditEntry:
    fields = {"complaint_id": complaint.pk, "complaint_reference": complaint.reference} if complaint else {}
    return AuditEntry.objects.create(
        at=at, action=Action.VIEW, actor_kind=ActorKind.SYSTEM, note=note, **fields
    )


def erased(complaint):
    PersonalDataErasure.objects.create(
        complaint=complaint, reason="bewaartermijn", trigger=ErasureTrigger.RETENTION
    )
    return complaint


@pytest.fixture
def world(settings):
    settings.AUDIT_RETENTION_YEARS = 2
    kept_file = factories.make_complaint()
    erased_file = erased(factories.make_complaint())
    return {
        "old, no file": entry(OLD, note="inbox"),
        "recent, no file": entry(RECENT, note="inbox"),
        "old, file still holds personal data": entry(OLD, kept_file),
        "old, file erased": entry(OLD, erased_file),
        "recent, file erased": entry(RECENT, erased_file),
    }


def names_left(world) -> set[str]:
    left = set(AuditEntry.objects.values_list("pk", flat=True))
    return {name for name, item in world.items() if item.pk in left}


def test_the_cut_off_is_the_start_of_the_local_day_the_term_ago(settings):
    settings.AUDIT_RETENTION_YEARS = 2
    assert retention.cutoff(NOW) == timezone.make_aware(dt.datetime(2024, 12, 2))
    assert retention.cutoff(NOW, years=5) == timezone.make_aware(dt.datetime(2021, 12, 2))


def test_old_entries_go_only_when_their_file_holds_no_personal_data(world):
    result = retention.purge_expired_entries(NOW)

    assert result.expired == 2
    assert names_left(world) == {
        "recent, no file",
        "old, file still holds personal data",
        "recent, file erased",
    }


def test_the_purge_is_itself_in_the_trail(world):
    retention.purge_expired_entries(NOW)

    [purge] = AuditEntry.objects.filter(action=Action.ERASE)
    assert purge.actor_kind == ActorKind.SYSTEM
    assert purge.note == "inzage-logboek: 2 vermeldingen van voor 02-12-2024 verwijderd"


def test_an_entry_of_a_complaint_that_is_gone_goes_on_age(settings):
    settings.AUDIT_RETENTION_YEARS = 2
    orphan = AuditEntry.objects.create(
        at=OLD,
        action=Action.VIEW,
        actor_kind=ActorKind.SYSTEM,
        complaint_id=999_999,
        complaint_reference="K-x",
    )

    assert retention.purge_expired_entries(NOW).expired == 1
    assert not AuditEntry.objects.filter(pk=orphan.pk).exists()


def test_a_dry_run_counts_and_removes_nothing(world):
    result = retention.purge_expired_entries(NOW, dry_run=True)

    assert (result.expired, result.dry_run) == (2, True)
    assert names_left(world) == set(world)
    assert not AuditEntry.objects.filter(action=Action.ERASE).exists()


def test_nothing_expired_writes_no_purge_entry(settings):
    settings.AUDIT_RETENTION_YEARS = 2
    entry(RECENT)

    assert retention.purge_expired_entries(NOW).expired == 0
    assert not AuditEntry.objects.filter(action=Action.ERASE).exists()


def test_a_longer_term_keeps_more(world, settings):
    settings.AUDIT_RETENTION_YEARS = 4

    assert retention.purge_expired_entries(NOW).expired == 0
    assert names_left(world) == set(world)


def test_the_command_and_the_task_purge(world, capsys):
    call_command("purge_expired_audit_entries", "--today", "2026-12-02", "--dry-run")
    assert "2 audit entries from before 2024-12-02 would remove" in capsys.readouterr().out
    assert names_left(world) == set(world)

    from gehoord.audit.tasks import purge_expired_audit_entries

    assert purge_expired_audit_entries.run() == "2 audit entries from before " + (
        f"{retention.cutoff():%Y-%m-%d} removed"
    )
    assert "old, no file" not in names_left(world)


def test_the_daily_task_is_scheduled(settings):
    scheduled = {job["task"] for job in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "gehoord.audit.tasks.purge_expired_audit_entries" in scheduled


def test_the_orm_still_refuses_to_delete(world):
    with pytest.raises(TypeError, match="append-only"):
        retention.expired_entries(retention.cutoff(NOW)).delete()


@pytest.mark.postgresql
def test_the_database_lets_the_purge_delete_only_entries_before_its_cut_off(world):
    old, recent = world["old, no file"], world["recent, no file"]
    delete = "DELETE FROM audit_auditentry WHERE id = %s"
    # Without the purge's setting: refused, however old.
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(delete, [old.pk])
    # With it: an entry after the cut-off is still refused, and an UPDATE always is.
    for statement, pk in (
        (delete, recent.pk),
        ("UPDATE audit_auditentry SET note = 'x' WHERE id = %s", old.pk),
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(
                "SELECT set_config(%s, %s, true)",
                [retention.PURGE_SETTING, retention.cutoff(NOW).isoformat()],
            )
            cursor.execute(statement, [pk])
    # The setting lasts only for its own transaction.
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(delete, [old.pk])
    assert AuditEntry.objects.filter(pk__in=[old.pk, recent.pk]).count() == 2
