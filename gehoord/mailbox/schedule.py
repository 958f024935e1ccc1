"""Periodic tasks of the mailbox, for Celery beat (no Django imports: settings.py imports this)."""

BEAT_SCHEDULE = {
    "mailbox-poll": {
        "task": "gehoord.mailbox.tasks.poll_mailbox_task",
        "schedule": 120.0,  # seconds
        # A poll that could not start in time is replaced by the next one.
        "options": {"expires": 110},
    },
}
