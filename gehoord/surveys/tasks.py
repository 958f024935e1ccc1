"""Sending survey invitations and their one reminder, for Celery beat."""

from celery import shared_task

from gehoord.surveys import services


@shared_task(acks_late=True, ignore_result=True)
def send_survey_invitations_task() -> str:
    return f"{services.send_due()} invitations, {services.send_reminders()} reminders"
