from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "gehoord.intake"
    verbose_name = _("Klacht indienen")

    def ready(self) -> None:
        from gehoord.intake import personal_data

        # The web form's token of a complaint: exported and erased by privacy, through the core registry.
        personal_data.register()

        from gehoord.accounts import navigation
        from gehoord.intake.registration import may_register

        # The staff menu offers registering a complaint by intake's own rule (the view checks the same).
        navigation.register(
            navigation.Screen(_("Klacht registreren"), "registration:register", may_register, order=20)
        )
