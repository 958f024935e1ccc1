"""Making annual reports in the background."""

from celery import shared_task

from gehoord.reporting import annual
from gehoord.reporting.models import ReportRun, ReportStatus


@shared_task(acks_late=True, ignore_result=True)
def build_report(run_id: int) -> str:
    run = ReportRun.objects.filter(pk=run_id).first()
    if run is None or run.status == ReportStatus.DONE:
        return "nothing to do"
    return annual.build(run).status
