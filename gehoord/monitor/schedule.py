"""Periodic tasks of the deadline monitor, for Celery beat (no Django imports: settings.py imports this)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "monitor-deadline-digests": {
        "task": "gehoord.monitor.tasks.send_deadline_digests",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon-fri"),
    },
}
