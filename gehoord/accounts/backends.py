"""Password sign-in for employees only: a service account (an API client's) never signs in."""

from django.contrib.auth.backends import ModelBackend


class StaffModelBackend(ModelBackend):
    def user_can_authenticate(self, user) -> bool:
        # Also checked when a session is loaded (get_user): a session of a service account ends.
        return super().user_can_authenticate(user) and not getattr(user, "is_service_account", False)
