from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "gehoord.demo"
    verbose_name = "Demo"
