"""Bearer-token authentication for client applications, and scope checks per endpoint."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions, permissions, throttling

from gehoord.accounts.access import is_management
from gehoord.api.models import ApiClient
from gehoord.core.ratelimits import wait_seconds


def _throttle(wait: int | None) -> None:
    """429 (problem+json, with Retry-After) when the request was one too many."""
    if wait is not None:
        throttled = exceptions.Throttled(
            detail=_("Te veel verzoeken. Probeer het over %(seconds)s seconden opnieuw.") % {"seconds": wait}
        )
        throttled.wait = wait  # set afterwards: DRF would append its own English sentence
        raise throttled


class ApiClientAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer <token>``; the request then acts as the client's service account.

    A client bound to a person's account is refused like an unknown token
    (ApiClient.authenticate looks only among service accounts).
    """

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode("latin-1")
        scheme, _sep, token = header.partition(" ")
        if scheme.lower() != "bearer":
            _throttle(wait_seconds(request._request, "api_anonymous"))
            return None
        # An address that sent too many wrong tokens is refused before its next guess is looked at.
        _throttle(wait_seconds(request._request, "api_unknown_caller", increment=False))
        client = ApiClient.authenticate(token.strip())
        if client is None:
            _throttle(wait_seconds(request._request, "api_unknown_caller"))
            raise exceptions.AuthenticationFailed(_("Het token is onbekend, ingetrokken of verlopen."))
        _throttle(wait_seconds(request._request, "api", key=lambda group, request: f"client:{client.pk}"))
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=timezone.now())
        return client.user, client

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="gehoord"'


class HasScope(permissions.BasePermission):
    """The client holds the scope the view names for this method (``required_scopes``)."""

    message = _("Deze koppeling heeft geen recht op deze actie.")

    def has_permission(self, request, view) -> bool:
        client = request.auth
        if not isinstance(client, ApiClient):
            return False
        needed = view.required_scopes.get(request.method, view.required_scopes.get("*"))
        if needed is None:
            return False
        if not client.has_scope(needed):
            self.message = _("Deze koppeling heeft het recht '%(scope)s' niet.") % {"scope": needed}
            return False
        return True


class HasManagementRole(permissions.BasePermission):
    """The service account holds the role the dashboard asks (coordinator or department head)."""

    message = _("Het serviceaccount van deze koppeling heeft niet de rol die het dashboard vraagt.")

    def has_permission(self, request, view) -> bool:
        return is_management(request.user)


class AddressThrottle(throttling.BaseThrottle):
    """For the API's pages that take no token (schema, documentation): a limit per client address."""

    def allow_request(self, request, view) -> bool:
        _throttle(wait_seconds(request._request, "api_anonymous"))
        return True
