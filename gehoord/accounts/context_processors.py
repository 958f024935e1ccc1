"""What the header and the footer of every page know about the employee reading it."""

from __future__ import annotations

import functools
import tomllib

from django.conf import settings
from django.http import HttpRequest

STAFF_PREFIX = "/medewerkers/"


@functools.cache
def _version() -> str:
    """Gehoord's version, from pyproject.toml ("" when the file is not shipped)."""
    try:
        with open(settings.BASE_DIR / "pyproject.toml", "rb") as file:
            return str(tomllib.load(file)["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return ""


def staff_navigation(request: HttpRequest) -> dict:
    """The staff menu, and whether the page is a staff page (staff header and footer) or a public one.

    - ``staff_signed_in``: signed in with both factors; only then the menu and the employee's name.
    - ``half_signed_in``: the password given, the second factor not yet: a minimal header.
    - ``staff_page``: a staff screen for a signed-in employee: the staff footer, not the public one.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from gehoord.accounts import navigation
    from gehoord.accounts.middleware import is_fully_authenticated

    path = request.path
    staff_page = path.startswith(STAFF_PREFIX)
    if not is_fully_authenticated(request):
        return {"half_signed_in": True, "staff_page": staff_page, "gehoord_version": _version()}
    return {
        "staff_signed_in": True,
        "staff_page": staff_page,
        "staff_menu": navigation.menu_for(user, path),
        "gehoord_version": _version(),
    }
