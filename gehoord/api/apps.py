from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "gehoord.api"
    verbose_name = _("Koppelingen (API)")

    def ready(self) -> None:
        from gehoord.api import (
            personal_data,
            schema,  # noqa: F401 - registers the authentication scheme
        )

        # Stored Idempotency-Key answers go with the complaint's personal data (privacy drives it).
        personal_data.register()
