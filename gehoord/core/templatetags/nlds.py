"""Render Django form fields with NL Design System (Utrecht) classes and ARIA links."""

from __future__ import annotations

from django import forms, template
from django.forms.boundfield import BoundField
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from gehoord.core.date_parts import PART_LABELS, DatePartsWidget, error_parts
from gehoord.core.form_errors import SummaryItem, field_anchor
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
TEXTBOX_CLASSES = "utrecht-textbox utrecht-textbox--html-input"
INVALID_CLASSES = " utrecht-textbox--invalid utrecht-textarea--invalid utrecht-select--invalid"


def _widget_class(widget: forms.Widget) -> str:
    for widget_type in type(widget).__mro__:
        if widget_type in WIDGET_CLASSES:
            return WIDGET_CLASSES[widget_type]
    return TEXTBOX_CLASSES


def _with_own_class(classes: str, widget: forms.Widget) -> str:
    """The component's classes plus the widget's own (a width such as gh-width-postcode)."""
    own = widget.attrs.get("class", "")
    return f"{classes} {own}" if own else classes


@register.simple_tag
def nlds_field(field: BoundField, optional_marker: bool = True) -> SafeString:
    """A form field with label, description and error message, linked for screen readers.

    `optional_marker=False` leaves out "(niet verplicht)" for a field whose group says it (an address).
    """
    widget = field.field.widget
    # Validation is the server's job, with messages in plain Dutch; the browser's
    # own `required` check would show invalid styling before anyone typed.
    field.form.use_required_attribute = False
    if isinstance(widget, DatePartsWidget):
        return _date_parts(field, optional_marker)
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}_help")
    if field.errors:
        described_by.append(f"{field.auto_id}_error")
    classes = _widget_class(widget)
    if field.errors:
        classes += INVALID_CLASSES
    attrs = {"class": _with_own_class(classes, widget)}
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
            "optional_marker": optional_marker and not field.field.required,
        },
    )


def _date_parts(field: BoundField, optional_marker: bool) -> SafeString:
    """Day, month and year in one fieldset: legend, hint, error, and a label above each box."""
    widget = field.field.widget
    wrong = error_parts(field.errors) if field.errors else ()
    context = widget.get_context(field.html_name, field.value(), {"id": field.auto_id})["widget"]
    described_by = " ".join(
        ([f"{field.auto_id}_help"] if field.help_text else [])
        + ([f"{field.auto_id}_error"] if field.errors else [])
    )
    parts = []
    for part, sub in zip(PART_LABELS, context["subwidgets"], strict=True):
        invalid = part in wrong
        parts.append(
            {
                "id": f"{field.auto_id}_{part}",
                "name": sub["name"],
                "value": sub["value"] or "",
                "label": PART_LABELS[part],
                "attrs": {k: v for k, v in sub["attrs"].items() if k not in {"id", "class"}},
                "classes": f"{TEXTBOX_CLASSES} {sub['attrs'].get('class', '')}"
                + (" utrecht-textbox--invalid" if invalid else ""),
                "invalid": invalid,
            }
        )
    return render_to_string(
        "includes/date_parts.html",
        {
            "field": field,
            "parts": parts,
            "described_by": described_by,
            "optional_marker": optional_marker and not field.field.required,
        },
    )


@register.simple_tag
def nlds_error_summary_items(form: forms.BaseForm) -> list[SummaryItem]:
    """Every error of `form` for the summary: a form's own summary (group errors) first, else per field."""
    own = getattr(form, "error_summary_items", None)
    if callable(own):
        return [SummaryItem(href, text) for href, text in own()]
    items = [SummaryItem("", str(error)) for error in form.non_field_errors()]
    for field in form:
        items += [SummaryItem(field_anchor(field), f"{field.label}: {error}") for error in field.errors]
    return items
