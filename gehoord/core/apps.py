from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gehoord.core"

    def ready(self) -> None:
        from gehoord.core.metrics import register_domain_collector

        register_domain_collector()
