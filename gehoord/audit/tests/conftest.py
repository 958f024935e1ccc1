import pytest

from gehoord.celery import app as celery_app


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Attachments and letter PDFs go to a per-test directory."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _tasks_in_process():
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous
