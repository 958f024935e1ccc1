from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gehoord.core"

    def ready(self) -> None:
        from django.db.models.signals import post_init

        from gehoord.core.unavailable import remember_municipality

        # The 503 page names the municipality's phone number without asking the database for it.
        post_init.connect(
            remember_municipality,
            sender="organisation.Municipality",
            dispatch_uid="gehoord-remember-municipality",
        )
