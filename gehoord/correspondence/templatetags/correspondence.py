"""Template helpers for the letters section of the complaint file."""

from django import template

from gehoord.correspondence.forms import MissingElementsForm

register = template.Library()


@register.simple_tag
def missing_elements_form() -> MissingElementsForm:
    """An empty form to ask for missing elements (Awb 9:4), for ``{% missing_elements_form as form %}``."""
    return MissingElementsForm(prefix="missing_elements")
