from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CorrespondenceConfig(AppConfig):
    name = "gehoord.correspondence"
    verbose_name = _("Correspondentie")

    def ready(self) -> None:
        from gehoord.cases.lifecycle import register_after_step
        from gehoord.correspondence.hooks import queue_letter_after_step

        # Refer, not handle, resolve informally, decide and postpone each queue their letter.
        register_after_step(queue_letter_after_step)
        # Every kind of letter has a text for the admin to edit from the first migrate on.
        post_migrate.connect(_ensure_letter_templates, sender=self)

        from gehoord.correspondence import personal_data

        # The letters' recipients, texts and PDFs: exported and erased by privacy, through the core registry.
        personal_data.register()


def _ensure_letter_templates(using: str = "default", **kwargs) -> None:
    from gehoord.correspondence.letter_templates import ensure_templates

    ensure_templates(using=using)
