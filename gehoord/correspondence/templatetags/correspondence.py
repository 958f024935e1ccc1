"""Template helpers for the letters section of the complaint file."""

from django import template

from gehoord.cases import lifecycle
from gehoord.cases.models import Complaint, ComplaintEvent
from gehoord.correspondence import copies
from gehoord.correspondence.forms import MissingElementsForm

register = template.Library()


@register.simple_tag
def missing_elements_form() -> MissingElementsForm:
    """An empty form to ask for missing elements (Awb 9:4), for ``{% missing_elements_form as form %}``."""
    return MissingElementsForm(prefix="missing_elements")


@register.simple_tag(takes_context=True)
def file_actions(context, complaint: Complaint) -> frozenset[str]:
    """What may be done on the file now (:func:`gehoord.cases.lifecycle.allowed_actions`).

    The file page passes ``actions``; a page that does not gets them asked
    here, so that no template compares a status itself.
    """
    actions = context.get("actions")
    if actions is None:
        request = context.get("request")
        actions = lifecycle.allowed_actions(complaint, getattr(request, "user", None))
    return frozenset(actions)


@register.simple_tag
def copy_to_involved(complaint: Complaint) -> dict:
    """The state of the copy for the employees complained about (Awb 9:9), for the file.

    ``{% copy_to_involved complaint as copy %}``: ``copy.possible`` (the complaint
    is handled and names an employee), ``copy.last_sent`` (the latest timeline
    entry of a copy, or None) and ``copy.without_email`` (who cannot get it by
    e-mail).
    """
    involved = list(complaint.employees_involved.all())
    last_sent: ComplaintEvent | None = copies.copies_sent(complaint).first() if involved else None
    return {
        "possible": bool(involved) and copies.copy_possible(complaint),
        "last_sent": last_sent,
        "without_email": [employee for employee in involved if not employee.email or not employee.is_active],
    }
