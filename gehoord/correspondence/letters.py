"""What each kind of letter says, and how it becomes HTML, a tagged PDF and an e-mail.

Adding a kind of letter (referral, not handled under Awb 9:8, missing elements
under 9:4, postponement, decision, informal confirmation, voucher) takes one
``LetterKind`` value, one entry in :data:`LETTERS` and one template
``correspondence/letters/<kind>.html`` that extends the base letter. The
sender, recipient, date, reference, closing and footer come from the base
letter; the e-mail text from one shared template.

Letters are Dutch: they are rendered with the ``nl`` locale active, whatever
language the request that caused them was in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gehoord.correspondence.constants import LetterKind
from gehoord.intake.status_link import status_url
from gehoord.organisation.models import Municipality

if TYPE_CHECKING:
    from gehoord.cases.models import Complaint
    from gehoord.correspondence.models import Letter

LETTER_LANGUAGE = "nl"
DATE_FORMAT = "j F Y"  # "25 november 2026" with the nl locale

# Stands in the stored e-mail text for the personal status link, which is
# only derived (HMAC) when the message is sent: the secret is never stored.
STATUS_LINK_PLACEHOLDER = "[persoonlijke-link]"

# Relative resources in a letter (a logo, later) resolve here; nothing is ever
# fetched over the network while rendering.
ASSETS_DIR = Path(settings.BASE_DIR) / "gehoord" / "static"


@dataclass(frozen=True)
class LetterSpec:
    """What differs between kinds of letter, apart from the template's body.

    Texts may use the placeholders of :func:`placeholders`.
    """

    subject: str | Promise
    # The first paragraph of the e-mail: the letter's gist, so that the e-mail
    # can be understood without opening the PDF.
    email_summary: str | Promise
    # The attachment is named "<file_stem>-<reference>.pdf".
    file_stem: str
    # A date-time field on Complaint set when this letter is first sent, if any.
    marks_complaint_field: str | None = None

    def template_name(self, kind: str) -> str:
        return f"correspondence/letters/{kind}.html"


LETTERS: dict[str, LetterSpec] = {
    LetterKind.ACKNOWLEDGMENT: LetterSpec(
        subject=_("Ontvangstbevestiging van uw klacht %(reference)s"),
        email_summary=_(
            "Op %(received)s hebben wij uw klacht ontvangen. Bedankt dat u dit aan ons laat weten. "
            "Uiterlijk %(first_contact_due)s neemt een medewerker persoonlijk contact met u op. "
            "U hoort uiterlijk %(decision_due)s hoe wij uw klacht hebben afgehandeld. "
            "In de brief in de bijlage leest u wat er verder gebeurt."
        ),
        file_stem="ontvangstbevestiging",
        marks_complaint_field="acknowledged_at",
    ),
}


def spec_for(kind: str) -> LetterSpec:
    return LETTERS[kind]


def format_date(value: dt.date | dt.datetime | None) -> str:
    """A date as a Dutch letter writes it: "25 november 2026" (local time for a datetime)."""
    if value is None:
        return ""
    with translation.override(LETTER_LANGUAGE):
        return str(date_filter(value, DATE_FORMAT))


def placeholders(complaint: Complaint) -> dict[str, str]:
    """The values the texts of a :class:`LetterSpec` may use."""
    return {
        "reference": complaint.reference,
        "received": format_date(complaint.received_at),
        "first_contact_due": format_date(complaint.first_contact_due),
        "decision_due": format_date(complaint.decision_due),
        "not_handled_notice_due": format_date(complaint.not_handled_notice_due),
    }


def letter_subject(kind: str, complaint: Complaint) -> str:
    with translation.override(LETTER_LANGUAGE):
        return str(spec_for(kind).subject) % placeholders(complaint)


def attachment_name(letter: Letter) -> str:
    return f"{spec_for(letter.kind).file_stem}-{letter.complaint.reference}.pdf"


def _context(letter: Letter, municipality: Municipality) -> dict[str, Any]:
    complaint = letter.complaint
    return {
        "letter": letter,
        "complaint": complaint,
        "complainant": complaint.complainant,
        "municipality": municipality,
        "letter_date": timezone.localdate(letter.created_at),
        "date_format": DATE_FORMAT,
        "status_link": status_url(complaint),
    }


def render_html(letter: Letter, *, municipality: Municipality | None = None) -> str:
    """The letter as an HTML document (``<html lang="nl">``, with a title), ready for WeasyPrint."""
    municipality = municipality or Municipality.load()
    with translation.override(LETTER_LANGUAGE):
        return render_to_string(
            spec_for(letter.kind).template_name(letter.kind), _context(letter, municipality)
        )


def render_pdf(letter: Letter, *, municipality: Municipality | None = None) -> bytes:
    """The letter as a tagged PDF/UA-1 document, so screen readers can read the attachment."""
    # WeasyPrint takes a while to import; only processes that render letters pay for it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_html(letter, municipality=municipality)
    return HTML(
        string=html,
        base_url=str(ASSETS_DIR) + "/",
        url_fetcher=URLFetcher(allowed_protocols=("file", "data")),
    ).write_pdf(pdf_variant="pdf/ua-1")


def render_email_text(kind: str, complaint: Complaint, *, municipality: Municipality | None = None) -> str:
    """The e-mail text to store on the letter, with a placeholder for the status link."""
    municipality = municipality or Municipality.load()
    spec = spec_for(kind)
    with translation.override(LETTER_LANGUAGE):
        return render_to_string(
            "correspondence/email/body.txt",
            {
                "complaint": complaint,
                "complainant": complaint.complainant,
                "municipality": municipality,
                "summary": str(spec.email_summary) % placeholders(complaint),
                "status_link": STATUS_LINK_PLACEHOLDER,
            },
        ).strip()


def email_body(letter: Letter) -> str:
    """The text that is sent: the stored text with the personal status link filled in."""
    return letter.body_text.replace(STATUS_LINK_PLACEHOLDER, status_url(letter.complaint))
