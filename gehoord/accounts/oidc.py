"""Single sign-on for employees with OpenID Connect (only when OIDC_RP_CLIENT_ID is set)."""

from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from gehoord.accounts.middleware import SSO_SESSION_KEY


class StaffOIDCBackend(OIDCAuthenticationBackend):
    """Matches an existing, active employee on e-mail; never creates accounts."""

    def filter_users_by_claims(self, claims):
        email = (claims.get("email") or "").strip()
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def authenticate(self, request, **kwargs):
        user = super().authenticate(request, **kwargs)
        if user is not None and request is not None:
            request.session[SSO_SESSION_KEY] = True
        return user
