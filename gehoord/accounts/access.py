"""Who may open the staff screens that belong to a role rather than to a complaint file.

Access to a complaint file itself is decided by the lifecycle and the
selectors (gehoord.cases.lifecycle.may_handle, gehoord.cases.selectors.
visible_complaints); this module only answers "is this the coordinator"
and "is this management" for the screens around the files.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from gehoord.accounts.roles import Role


def is_coordinator(user) -> bool:
    """The coordinator: the mailbox, the social-media signals, the flower vouchers."""
    return bool(user and user.is_authenticated and user.has_role(Role.COORDINATOR))


def is_management(user) -> bool:
    """The coordinator and department heads: figures, annual reports, survey results, new measures."""
    return is_coordinator(user) or bool(
        user and user.is_authenticated and user.has_role(Role.DEPARTMENT_HEAD)
    )


def may_open_admin(user) -> bool:
    """Beheer (the Django admin): the rule of ``AdminSite.has_permission``, active and ``is_staff``."""
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def role_required(check: Callable[[object], bool]) -> Callable:
    """A view decorator: signed in (else to the login page), and `check(user)` (else 403)."""

    def decorator(view: Callable) -> Callable:
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


coordinator_required = role_required(is_coordinator)
management_required = role_required(is_management)
