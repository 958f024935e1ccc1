"""The periodic task of webhooks, for Celery beat (free of Django imports, for settings.py)."""

BEAT_SCHEDULE = {
    "webhooks-deliver-due": {
        "task": "gehoord.webhooks.tasks.deliver_due_webhooks_task",
        "schedule": 60.0,  # seconds: the shortest retry delay
        "options": {"expires": 55},
    },
}
