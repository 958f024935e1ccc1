"""The daily purge of expired audit entries, for Celery beat (gehoord.audit.schedule)."""

from celery import shared_task

from gehoord.audit import retention


@shared_task(acks_late=True, ignore_result=True)
def purge_expired_audit_entries() -> str:
    return str(retention.purge_expired_entries())
