from django.http import HttpRequest


def staff_navigation(request: HttpRequest) -> dict:
    """What the staff menu offers this employee."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from gehoord.accounts.roles import Role
    from gehoord.intake.registration import may_register

    return {
        "may_register": may_register(user),
        "may_read_mailbox": user.has_role(Role.COORDINATOR),
        "may_see_survey_results": user.has_role(Role.COORDINATOR) or user.has_role(Role.DEPARTMENT_HEAD),
    }
