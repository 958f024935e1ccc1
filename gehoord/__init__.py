"""Gehoord: complaint handling for Dutch municipalities."""

from gehoord.celery import app as celery_app

__all__ = ["celery_app"]
