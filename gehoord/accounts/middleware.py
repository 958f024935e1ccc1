"""Two-factor authentication for every employee.

A signed-in employee who has not yet given a TOTP code in this session is sent
to the verification page (or, without a device yet, to the set-up page) for
every staff and admin page. Sessions opened through OpenID Connect single
sign-on are trusted: the identity provider does the second factor.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

PROTECTED_PREFIXES = ("/medewerkers/", "/beheer/")
SSO_SESSION_KEY = "gehoord_sso"


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
