"""Periodic tasks of the audit app, for Celery beat (no Django imports: settings.py imports this)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "audit-purge-expired-entries": {
        "task": "gehoord.audit.tasks.purge_expired_audit_entries",
        # After the night's erasure of personal data (02:30), so the files it erased count already.
        "schedule": crontab(hour=3, minute=15),
    },
}
