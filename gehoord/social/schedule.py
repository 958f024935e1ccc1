"""Periodic tasks of the social-media signals, for Celery beat (no Django imports: settings.py imports this)."""

BEAT_SCHEDULE = {
    "social-poll-mastodon": {
        "task": "gehoord.social.tasks.poll_mastodon_task",
        "schedule": 300.0,  # seconds
        "options": {"expires": 290},
    },
}
