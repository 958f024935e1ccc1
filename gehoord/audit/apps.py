from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "gehoord.audit"
    verbose_name = _("Inzage-logboek")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from gehoord.audit.services import record_timeline_event
        from gehoord.cases.models import ComplaintEvent

        # Every change of a complaint file is on its timeline (the lifecycle, register_complaint,
        # notes, contacts, attachments, letters, ... all add a ComplaintEvent): one receiver there
        # records every write, inside the transaction that writes the event.
        post_save.connect(
            record_timeline_event, sender=ComplaintEvent, dispatch_uid="audit_record_timeline_event"
        )
