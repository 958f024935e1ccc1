from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "gehoord.cases"
    verbose_name = _("Klachten")

    def ready(self) -> None:
        from gehoord.cases import personal_data

        # The file's personal data: exported and erased by privacy, through the core registry.
        personal_data.register()

        from gehoord.accounts import navigation

        # The inbox: every employee signed in (the view asks no more; the selectors decide what it lists).
        navigation.register(navigation.Screen(_("Klachten"), "cases:list", navigation.signed_in, order=10))
