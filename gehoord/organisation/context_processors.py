from django.http import HttpRequest

from gehoord.organisation.models import Municipality


def municipality(request: HttpRequest) -> dict:
    """The municipality's settings for every template (name, contact details)."""
    return {"municipality": Municipality.load()}
