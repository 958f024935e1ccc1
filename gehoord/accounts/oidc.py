"""Single sign-on for employees with OpenID Connect (only when OIDC_RP_CLIENT_ID is set).

An employee is matched on the provider's stable identifier, the `sub` claim,
stored on the account (``User.oidc_subject``). The first sign-on links the
account by e-mail address, but only when the provider says it verified that
address (``email_verified``): an unverified address is whatever someone typed
into their profile at the provider. Accounts are never created, service
accounts (API clients) and inactive accounts never match.

The second factor: by default the TOTP step follows the sign-on, as after a
password. With OIDC_MFA_REPLACES_TOTP on, a sign-on whose ID token says the
provider did multi-factor itself (``amr`` holds one of OIDC_MFA_AMR_VALUES, or
``acr`` is one of OIDC_MFA_ACR_VALUES) counts as both steps.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from gehoord.accounts.middleware import SSO_SESSION_KEY

logger = logging.getLogger(__name__)


def provider_did_mfa(id_token_claims: dict) -> bool:
    """Whether the ID token says the identity provider itself asked for more than one factor."""
    amr = id_token_claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    acr = id_token_claims.get("acr")
    return bool(set(amr) & set(settings.OIDC_MFA_AMR_VALUES)) or (
        bool(acr) and acr in settings.OIDC_MFA_ACR_VALUES
    )


class StaffOIDCBackend(OIDCAuthenticationBackend):
    """Matches an existing, active employee on `sub` (linked once by a verified e-mail address)."""

    def verify_claims(self, claims: dict) -> bool:
        # Without `sub` there is nothing stable to match on; e-mail alone is not enough.
        return bool(claims.get("sub"))

    def describe_user_by_claims(self, claims: dict) -> str:
        return f"sub {claims.get('sub')}"

    def filter_users_by_claims(self, claims: dict) -> QuerySet:
        employees = self.UserModel.objects.filter(is_active=True, is_service_account=False)
        subject = str(claims.get("sub") or "").strip()
        if not subject:
            return self.UserModel.objects.none()
        linked = employees.filter(oidc_subject=subject)
        if linked.exists():
            return linked
        email = str(claims.get("email") or "").strip()
        # Only `true` itself: some providers send the string "false", which is truthy.
        if not email or claims.get("email_verified") is not True:
            return self.UserModel.objects.none()
        # An account already linked to another `sub` is not taken over by whoever has its address now.
        return employees.filter(email__iexact=email, oidc_subject__isnull=True)

    def update_user(self, user, claims: dict):
        """Store `sub` at the first sign-on: from then on the account is found by it, whatever its e-mail."""
        subject = str(claims["sub"]).strip()
        if user.oidc_subject != subject:
            user.oidc_subject = subject
            user.save(update_fields=["oidc_subject"])
        return user

    def get_or_create_user(self, access_token, id_token, payload):
        """The one employee these claims belong to, or None; never creates an account."""
        self.id_token_claims = payload or {}
        claims = self.get_userinfo(access_token, id_token, payload)
        # The userinfo answer must be about the person of the ID token (OpenID Connect Core 5.3.2).
        if not self.verify_claims(claims) or str(claims.get("sub")) != str(self.id_token_claims.get("sub")):
            raise SuspiciousOperation("Userinfo without the ID token's sub.")
        users = list(self.filter_users_by_claims(claims)[:2])
        if len(users) != 1:
            logger.info(
                "Single sign-on refused: %d employees match %s",
                len(users),
                self.describe_user_by_claims(claims),
            )
            return None
        return self.update_user(users[0], claims)

    def authenticate(self, request, **kwargs):
        self.id_token_claims = {}
        user = super().authenticate(request, **kwargs)
        if user is not None and request is not None:
            mfa = settings.OIDC_MFA_REPLACES_TOTP and provider_did_mfa(self.id_token_claims)
            if mfa:
                request.session[SSO_SESSION_KEY] = True
            else:
                request.session.pop(SSO_SESSION_KEY, None)
        return user
