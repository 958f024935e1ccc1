from django.http import HttpRequest


def staff_navigation(request: HttpRequest) -> dict:
    """What the staff menu offers this employee."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from gehoord.accounts.access import is_coordinator, is_management

    return {
        "may_read_mailbox": is_coordinator(user),
        "may_see_survey_results": is_management(user),
    }
