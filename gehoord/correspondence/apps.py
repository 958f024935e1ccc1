from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrespondenceConfig(AppConfig):
    name = "gehoord.correspondence"
    verbose_name = _("Correspondentie")

    def ready(self) -> None:
        from gehoord.cases.lifecycle import register_after_step
        from gehoord.correspondence.hooks import queue_letter_after_step

        # Refer, not handle, resolve informally, decide and postpone each queue their letter.
        register_after_step(queue_letter_after_step)
