"""Staff sessions: they expire, and they need two factors.

A signed-in employee who has not yet given a TOTP code in this session is sent
to the verification page (or, without a device yet, to the set-up page) for
every staff and admin page. A session opened through OpenID Connect single
sign-on skips this step only when OIDC_MFA_REPLACES_TOTP is on and the
identity provider said it did multi-factor (gehoord.accounts.oidc).

A session ends after `STAFF_IDLE_TIMEOUT` seconds without a request (a screen
left open on a desk), and in any case `SESSION_COOKIE_AGE` seconds after
signing in, however busy.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

PROTECTED_PREFIXES = ("/medewerkers/", "/beheer/")
SSO_SESSION_KEY = "gehoord_sso"
SIGNED_IN_AT_KEY = "gehoord_signed_in_at"
LAST_SEEN_KEY = "gehoord_last_seen"
# Writing the session on every request would cost a query each; a minute is precise enough
# for a limit of many minutes.
LAST_SEEN_RESOLUTION = 60


def is_fully_authenticated(request: HttpRequest) -> bool:
    user = request.user
    if not user.is_authenticated:
        return False
    return user.is_verified() or bool(request.session.get(SSO_SESSION_KEY))


class StaffTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._needs_second_factor(request):
            from django_otp.plugins.otp_totp.models import TOTPDevice

            has_device = TOTPDevice.objects.filter(user=request.user, confirmed=True).exists()
            target = "accounts:verify" if has_device else "accounts:setup"
            return redirect(f"{reverse(target)}?next={request.get_full_path()}")
        return self.get_response(request)

    def _needs_second_factor(self, request: HttpRequest) -> bool:
        if not request.user.is_authenticated or is_fully_authenticated(request):
            return False
        path = request.path
        exempt = (
            reverse("login"),
            reverse("logout"),
            reverse("accounts:verify"),
            reverse("accounts:setup"),
            settings.STATIC_URL,
        )
        if any(path.startswith(p) for p in exempt):
            return False
        return path.startswith(PROTECTED_PREFIXES)


def _now() -> float:
    return time.time()


class StaffSessionExpiryMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = _now()
            session = request.session
            signed_in_at = session.setdefault(SIGNED_IN_AT_KEY, now)
            last_seen = session.get(LAST_SEEN_KEY, now)
            idle_too_long = now - last_seen > settings.STAFF_IDLE_TIMEOUT
            if idle_too_long or now - signed_in_at > settings.SESSION_COOKIE_AGE:
                return self._expire(request)
            if LAST_SEEN_KEY not in session or now - last_seen >= LAST_SEEN_RESOLUTION:
                session[LAST_SEEN_KEY] = now
        return self.get_response(request)

    def _expire(self, request: HttpRequest) -> HttpResponse:
        path = request.get_full_path()
        logout(request)  # flushes the session: a new, empty one from here on
        messages.info(request, _("U bent afgemeld omdat uw sessie is verlopen. Meld u opnieuw aan."))
        if request.method == "GET" and request.path.startswith(PROTECTED_PREFIXES):
            return redirect(f"{reverse('login')}?next={path}")
        return redirect("login")
