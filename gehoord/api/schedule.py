"""Periodic tasks of the API, for Celery beat (no Django imports: settings.py imports this)."""

BEAT_SCHEDULE = {
    "api-remove-expired-idempotent-responses": {
        "task": "gehoord.api.tasks.remove_expired_idempotent_responses",
        # Hourly: a stored answer outlives IDEMPOTENCY_KEY_HOURS by at most an hour.
        "schedule": 3600.0,
        "options": {"expires": 3500},
    },
}
