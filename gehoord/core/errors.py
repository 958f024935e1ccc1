"""Domain errors: a rule of the domain refused an action.

Views and the API turn these into a clear message for the user; they never
surface as a server error.
"""


class DomainError(Exception):
    """An action that the domain rules do not allow, with a message for the user."""

    def __init__(self, message: str, *, code: str = "domain_error") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class TransitionNotAllowed(DomainError):
    """The lifecycle does not allow this step from the complaint's current status."""


class GuardFailed(DomainError):
    """The step is allowed from this status, but a precondition is not met."""


class PermissionDenied(DomainError):
    """The actor may not perform this step on this complaint."""
