"""The Celery application. Configuration comes from Django settings (CELERY_*)."""

import os

from celery import Celery
from celery.signals import setup_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gehoord.settings")

app = Celery("gehoord")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _redbeat_settings_by_their_own_names(sender: Celery, **kwargs) -> None:
    """celery-redbeat asks whether its settings are set by their plain names (``redbeat_redis_url``),
    which Django's CELERY_ prefix hides; without them it warns and falls back to the broker's."""
    sender.conf.update(
        redbeat_redis_url=sender.conf.redbeat_redis_url,
        redbeat_redis_options={},
    )


@setup_logging.connect
def _log_like_the_web_app(**kwargs) -> None:
    """Worker and beat log like the web app (JSON lines in production), on stdout, not in Celery's format.

    With a receiver for this signal Celery leaves logging alone, so LOG_FORMAT
    and LOG_LEVEL apply; its ``--loglevel`` option then has no effect.
    """
    from logging.config import dictConfig

    from django.conf import settings

    from gehoord.core import logs

    stream = os.environ.get("LOG_STREAM", "stdout")
    dictConfig(logs.logging_config(log_format=settings.LOG_FORMAT, level=settings.LOG_LEVEL, stream=stream))
