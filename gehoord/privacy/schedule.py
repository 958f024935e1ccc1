"""Periodic tasks of the privacy app, for Celery beat (no Django imports: settings.py imports this)."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "privacy-erase-expired-personal-data": {
        "task": "gehoord.privacy.tasks.erase_expired_personal_data",
        # Daily at night, outside office hours.
        "schedule": crontab(hour=2, minute=30),
    },
}
