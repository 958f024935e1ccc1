"""Render Django form fields with NL Design System (Utrecht) classes and ARIA links."""

from django import forms, template
from django.forms.boundfield import BoundField
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

register = template.Library()

WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.RadioSelect: "utrecht-radio-button utrecht-radio-button--html-input",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
}


def _widget_class(widget: forms.Widget) -> str:
    for widget_type in type(widget).__mro__:
        if widget_type in WIDGET_CLASSES:
            return WIDGET_CLASSES[widget_type]
    return "utrecht-textbox utrecht-textbox--html-input"


@register.simple_tag
def nlds_field(field: BoundField) -> SafeString:
    """A form field with label, description and error message, linked for screen readers."""
    widget = field.field.widget
    # Validation is the server's job, with messages in plain Dutch; the browser's
    # own `required` check would show invalid styling before anyone typed.
    field.form.use_required_attribute = False
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_help")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    classes = _widget_class(widget)
    if field.errors:
        classes += " utrecht-textbox--invalid utrecht-textarea--invalid utrecht-select--invalid"
    attrs = {"class": classes}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required and not isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        attrs["aria-required"] = "true"
    is_choice_list = isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
    return render_to_string(
        "includes/field.html",
        {
            "field": field,
            "widget": field.as_widget(attrs=attrs),
            "is_choice_list": is_choice_list,
            "is_hidden": field.is_hidden,
        },
    )
