"""Fixtures an app's tests switch on by importing them into its conftest.py."""

import pytest

from gehoord.celery import app as celery_app


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Attachments and letter PDFs go to a per-test directory, not the shared test media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def tasks_in_process():
    """Tasks run in-process, as under `make run`, even if the shell has a broker configured."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous
