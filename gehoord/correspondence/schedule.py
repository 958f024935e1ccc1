"""The periodic tasks of correspondence, for Celery beat.

Kept free of Django imports so that settings.py can import it:
``CELERY_BEAT_SCHEDULE = {**CORRESPONDENCE_BEAT_SCHEDULE}``.
"""

BEAT_SCHEDULE = {
    "correspondence-deliver-due-letters": {
        "task": "gehoord.correspondence.tasks.deliver_due_letters_task",
        "schedule": 60.0,  # seconds: the shortest retry delay
        # A run that could not start within the minute is replaced by the next one.
        "options": {"expires": 55},
    },
}
