from django.http import HttpRequest


def registration_navigation(request: HttpRequest) -> dict:
    """Whether the staff menu offers "Klacht registreren": intake's own rule, so accounts need not know it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from gehoord.intake.registration import may_register

    return {"may_register": may_register(user)}
