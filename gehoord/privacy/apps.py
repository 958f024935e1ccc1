from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "gehoord.privacy"
    verbose_name = _("Privacy (AVG)")

    def ready(self) -> None:
        from gehoord.audit.retention import register_released_files
        from gehoord.privacy.retention import files_without_personal_data

        # The audit trail keeps its entries about a file as long as the file holds personal data.
        register_released_files(files_without_personal_data)

        from gehoord.privacy import personal_data

        # The models below privacy that hold no complainant's data, each with the reason.
        personal_data.register()

        from gehoord.accounts import navigation
        from gehoord.accounts.access import is_coordinator

        navigation.register(
            navigation.Screen(
                _("Archiefoverbrenging"), "privacy:transfer_list", is_coordinator, order=105, more=True
            )
        )
