from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "gehoord.surveys"
    verbose_name = _("Tevredenheidsonderzoek")

    def ready(self) -> None:
        from gehoord.cases.lifecycle import register_after_step
        from gehoord.surveys.services import invite_after_step

        # Closing a complaint plans its survey invitation, in the closing transaction.
        register_after_step(invite_after_step)

        from gehoord.surveys import placeholders

        # The survey letters' link, QR code and last day: correspondence renders them, surveys computes them.
        placeholders.register()

        from gehoord.surveys import personal_data

        # The survey invitation's personal link: exported and erased by privacy, through the core registry.
        personal_data.register()

        from gehoord.accounts import navigation
        from gehoord.accounts.access import is_management

        navigation.register(
            navigation.Screen(_("Enquête-uitkomsten"), "surveys:results", is_management, order=80, more=True)
        )
