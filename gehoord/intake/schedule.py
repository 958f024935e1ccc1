"""Periodic tasks of the public side, for Celery beat (no Django imports: settings.py imports this)."""

BEAT_SCHEDULE = {
    "intake-purge-pending-uploads": {
        "task": "gehoord.intake.tasks.purge_pending_uploads",
        # Hourly: a file of a form that was never sent outlives its day by at most an hour.
        "schedule": 3600.0,
        "options": {"expires": 3500},
    },
}
