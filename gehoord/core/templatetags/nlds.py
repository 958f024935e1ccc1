"""Render Django form fields with NL Design System (Utrecht) classes and ARIA links."""

from django import forms, template
from django.forms.boundfield import BoundField
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from gehoord.core.languages import marked

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
    options = []
    if is_choice_list:
        # One Utrecht form field per option: input and label side by side.
        kind = "radio" if isinstance(widget, forms.RadioSelect) else "checkbox"
        for option in field.subwidgets:
            option.data["attrs"]["class"] = classes
            # A label in another language than the page (a Dutch option on an English page) says so.
            label = marked(option.choice_label)
            options.append({"tag": option.tag(), "id": option.id_for_label, "label": label})
    else:
        kind = "checkbox" if isinstance(widget, forms.CheckboxInput) else ""
    return render_to_string(
        "includes/field.html",
        {
            "field": field,
            "widget": "" if is_choice_list else field.as_widget(attrs=attrs),
            "options": options,
            "kind": kind,
            "is_choice_list": is_choice_list,
            "is_hidden": field.is_hidden,
        },
    )
