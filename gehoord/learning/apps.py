from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "gehoord.learning"
    verbose_name = _("Leren van klachten")

    def ready(self) -> None:
        from gehoord.learning import file_page

        # The file page (gehoord.cases) offers the learning review and the measure form through its registry.
        file_page.register()

        from gehoord.learning import personal_data

        # The learning review's texts: exported and erased by privacy, through the core registry.
        personal_data.register()

        from gehoord.accounts import navigation

        # The register: every employee (each sees the measures of their department and their own).
        navigation.register(
            navigation.Screen(_("Verbetermaatregelen"), "learning:list", navigation.signed_in, order=60)
        )
