"""The letters' personal data: recipient, subject, text, the stored PDF.

Registered with :mod:`gehoord.core.personal_data` from the app's ``ready``;
:mod:`gehoord.privacy` drives the export and the erasure. The letter rows stay
(kind, delivery, status, dates feed the figures); a letter that still waits to
be sent or printed holds the erasure back.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from gehoord.core.personal_data import (
    Erased,
    PersonalDataHolder,
    declare_no_complainant_data,
    export_moment,
    register_personal_data,
)
from gehoord.correspondence.constants import NOT_SENT_STATUSES
from gehoord.correspondence.models import Letter

if TYPE_CHECKING:
    from django.db.models.fields.files import FieldFile

    from gehoord.cases.models import Complaint

BLANKED = (
    "recipient_name",
    "recipient_address",
    "recipient_email",
    "subject",
    "body_text",
    "data",
    "last_error",
    "pdf",
)


def letter_file_name(letter: Letter) -> str:
    """The letter's PDF inside the export ZIP."""
    return f"brieven/{letter.pk}-{letter.kind}.pdf"


def export(complaint: Complaint) -> dict[str, Any]:
    return {
        "letters": [
            {
                "kind": letter.get_kind_display(),
                "delivery": letter.get_delivery_display(),
                "status": letter.get_status_display(),
                "recipient_email": letter.recipient_email,
                "subject": letter.subject,
                "body_text": letter.body_text,
                "created_at": export_moment(letter.created_at),
                "sent_at": export_moment(letter.sent_at),
                "file_name": letter_file_name(letter) if letter.pdf else None,
            }
            for letter in Letter.objects.filter(complaint=complaint).order_by("created_at", "pk")
        ]
    }


def stored_files(complaint: Complaint) -> list[tuple[str, FieldFile]]:
    letters = Letter.objects.filter(complaint=complaint).exclude(pdf="").order_by("created_at", "pk")
    return [(letter_file_name(letter), letter.pdf) for letter in letters]


def refuse_erasure(complaint: Complaint) -> str | None:
    if Letter.objects.filter(complaint=complaint, status__in=NOT_SENT_STATUSES).exists():
        return _(
            "Er staat nog een brief aan de klager klaar die niet is verzonden of geprint. "
            "Verstuur die eerst; daarna kunnen de persoonsgegevens worden verwijderd."
        )
    return None


def erase(complaint: Complaint, at: dt.datetime) -> Erased:
    letters = Letter.objects.filter(complaint=complaint)
    files = [name for name in letters.exclude(pdf="").values_list("pdf", flat=True) if name]
    count = letters.update(**{name: {} if name == "data" else "" for name in BLANKED})
    return Erased(counts={"letters": count}, files=files)


HOLDER = PersonalDataHolder(
    name="correspondence",
    blanks={"correspondence.Letter": BLANKED},
    export=export,
    erase=erase,
    refuse_erasure=refuse_erasure,
    stored_files=stored_files,
)


def register() -> None:
    register_personal_data(HOLDER)
    declare_no_complainant_data("correspondence.LetterTemplate", "the letters' texts, with placeholders")
