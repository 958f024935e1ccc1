"""Form fields for choosing from the organisation, in the page's language."""

from __future__ import annotations

from django import forms

from gehoord.core.languages import LanguageMarkedSelect, Localised
from gehoord.organisation.models import Department


class DepartmentChoiceField(forms.ModelChoiceField):
    """A department by its name in the page's language; a Dutch name on an English page has lang="nl"."""

    widget = LanguageMarkedSelect

    def label_from_instance(self, obj: Department) -> Localised:
        return obj.display_name
