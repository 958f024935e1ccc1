"""Periodic tasks of the survey, for Celery beat (no Django imports: settings.py imports this)."""

BEAT_SCHEDULE = {
    "surveys-send-invitations": {
        "task": "gehoord.surveys.tasks.send_survey_invitations_task",
        "schedule": 3600.0,  # hourly: an invitation goes out within the hour it is due
        "options": {"expires": 3500},
    },
}
