"""Which app holds which personal data of a complainant, and how to export and erase them.

``gehoord.privacy`` drives the complainant's export (art. 15 AVG) and the
erasure (art. 17 AVG, the retention job), but sits above most apps that hold
the data and imports none of their models. Each of those apps registers a
:class:`PersonalDataHolder` from its ``AppConfig.ready`` (in the style of
``cases.lifecycle.register_after_step``): what it adds to the export, how it
erases one complaint's data, which of its stored files go into the export ZIP,
whether something of it must happen before an erasure, and how it blanks its
rows that never became part of a complaint.

So that a new app (or a new field) with personal data cannot be forgotten,
:func:`unerased_fields` walks every model of Gehoord's own apps and names each
*personal-data field* that no holder says it erases and no declaration says is
not a complainant's personal data (``privacy/tests/test_registry.py`` fails on
it). A personal-data field is one whose name is in
:data:`PERSONAL_DATA_FIELD_NAMES` or ends with one of
:data:`PERSONAL_DATA_FIELD_SUFFIXES`: names, contact details, addresses and
free text. A model that holds none of a complainant's data (a department's
e-mail address, a letter template, an employee's account) is declared with
:func:`declare_no_complainant_data` and the reason.

This module sits in ``core`` so that any app may register; it only knows the
other apps by type hints and model labels.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils import timezone

if TYPE_CHECKING:
    from django.db.models import Model
    from django.db.models.fields.files import FieldFile

    from gehoord.cases.models import Complaint

# A field with one of these names, on any model of Gehoord's apps, is taken to hold personal data.
PERSONAL_DATA_FIELD_NAMES = frozenset(
    {
        "first_name",
        "last_name",
        "name",
        "email",
        "phone",
        "street_address",
        "postal_code",
        "city",
        "postal_address",
        "address",
        "sender",
        "location",
        "text",
        "description",
        "note",
        "subject",
        "content",
        "body",
        "body_text",
        "summary",
        "details",
        "report",
        "reasoning",
        "explanation",
    }
)
# ... and so is a field whose name ends with one of these (author_name, recipient_email, consent_how).
PERSONAL_DATA_FIELD_SUFFIXES = (
    "_name",
    "_email",
    "_phone",
    "_address",
    "_handle",
    "_text",
    "_description",
    "_explanation",
    "_how",
    "_note",
)


def export_moment(value: dt.datetime | None) -> str | None:
    """A moment in the export: local time, ISO 8601."""
    return timezone.localtime(value).isoformat() if value else None


def export_day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def export_person(user: Any) -> str | None:
    """An employee in the export: their name as the screens show it."""
    return str(user) if user is not None else None


@dataclass
class Erased:
    """What one holder erased of one complaint: counts for the erasure log, stored files to remove."""

    counts: dict[str, int] = field(default_factory=dict)
    # Storage names, removed once the erasure has committed.
    files: list[str] = field(default_factory=list)


# export(complaint) -> the keys it adds to the complaint's part of the export; a dict value is merged
# one level deep with another holder's (both mailbox and social add to "origin").
Exporter = Callable[["Complaint"], dict[str, Any]]
# erase(complaint, at) inside the erasure's transaction.
Eraser = Callable[["Complaint", dt.datetime], Erased]
# refuse_erasure(complaint) -> why the erasure must wait (shown to the coordinator), or None.
ErasureGuard = Callable[["Complaint"], "str | None"]
# stored_files(complaint) -> (name in the ZIP, stored file) for the export ZIP.
StoredFiles = Callable[["Complaint"], "list[tuple[str, FieldFile]]"]
# erase_unlinked(cutoff, dry_run) -> how many rows without a complaint, last touched before cutoff, it
# blanked (or would blank).
UnlinkedEraser = Callable[[dt.datetime, bool], int]


@dataclass(frozen=True)
class PersonalDataHolder:
    """One app's personal data of complainants, and what it does with them on export and erasure."""

    name: str
    # Model label -> the fields its eraser blanks.
    blanks: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Model labels whose rows of the complaint its eraser removes whole.
    removes: tuple[str, ...] = ()
    export: Exporter | None = None
    erase: Eraser | None = None
    refuse_erasure: ErasureGuard | None = None
    stored_files: StoredFiles | None = None
    erase_unlinked: UnlinkedEraser | None = None
    # What erase_unlinked counts, for the retention run's summary ("signals", "messages").
    unlinked_name: str = ""


HOLDERS: dict[str, PersonalDataHolder] = {}
# Model label -> why the model holds no personal data of a complainant.
NO_COMPLAINANT_DATA: dict[str, str] = {}


def register_personal_data(holder: PersonalDataHolder) -> PersonalDataHolder:
    """Add `holder` (once: registering the same name again replaces it, as a reloaded app would)."""
    HOLDERS[holder.name] = holder
    return holder


def declare_no_complainant_data(label: str, reason: str) -> None:
    """Say that model `label` ("app.Model") holds no complainant's personal data, and why."""
    NO_COMPLAINANT_DATA[label] = reason


def holders() -> tuple[PersonalDataHolder, ...]:
    """Every holder, in the order the apps registered (INSTALLED_APPS)."""
    return tuple(HOLDERS.values())


def merge_export(target: dict[str, Any], part: Mapping[str, Any]) -> dict[str, Any]:
    """Add one holder's `part` to `target`; a dict in both is merged one level deep."""
    for key, value in part.items():
        if isinstance(value, Mapping) and isinstance(target.get(key), dict):
            target[key].update(value)
        else:
            target[key] = value
    return target


def is_personal_data_field(name: str) -> bool:
    return name in PERSONAL_DATA_FIELD_NAMES or name.endswith(PERSONAL_DATA_FIELD_SUFFIXES)


def _own_models() -> list[type[Model]]:
    from django.apps import apps

    return [model for model in apps.get_models() if model.__module__.startswith("gehoord.")]


def erased_fields(label: str) -> set[str] | None:
    """The fields of model `label` that some holder erases; None when a holder removes its rows whole."""
    fields: set[str] = set()
    for holder in holders():
        if label in holder.removes:
            return None
        fields.update(holder.blanks.get(label, ()))
    return fields


def unerased_fields(models: Iterable[type[Model]] | None = None) -> list[str]:
    """Every "app.Model.field" with personal data that no holder erases and no declaration excuses.

    Walks the models of Gehoord's own apps (third-party apps hold employees'
    data: sessions, login attempts, TOTP devices), or `models`.
    """
    missing = []
    for model in _own_models() if models is None else models:
        label = model._meta.label
        if label in NO_COMPLAINANT_DATA:
            continue
        erased = erased_fields(label)
        if erased is None:
            continue
        for model_field in model._meta.concrete_fields:
            if is_personal_data_field(model_field.name) and model_field.name not in erased:
                missing.append(f"{label}.{model_field.name}")
    return sorted(missing)


def declaration_errors() -> list[str]:
    """Holders and declarations that name a model or field that does not exist (a typo hides a gap)."""
    from django.apps import apps
    from django.core.exceptions import FieldDoesNotExist

    errors = []
    named: list[tuple[str, str | None]] = [(label, None) for label in NO_COMPLAINANT_DATA]
    for holder in holders():
        named += [(label, None) for label in holder.removes]
        named += [(label, name) for label, names in holder.blanks.items() for name in names]
    for label, name in named:
        try:
            model = apps.get_model(label)
            if name is not None:
                model._meta.get_field(name)
        except (LookupError, ValueError, FieldDoesNotExist):
            errors.append(f"{label}.{name}" if name else label)
    return errors
