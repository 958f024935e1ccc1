"""How each kind of letter becomes HTML, a tagged PDF and an e-mail.

The kinds: the acknowledgment (Awb 9:6), the request for missing elements
(9:4), the referral of what is not a complaint, the forwarding of a
bezwaarschrift, Woo request or claim (2:3: the letter to the sender and the
internal message with the document), the notice that a complaint is not
handled (9:8), the postponement of the decision (9:11 lid 2: to the
complainant and to each person complained about), the invitation to be heard
(9:10 lid 1: likewise), the confirmation of an informal solution (9:5) and the
decision (9:12). Which lifecycle step queues which letter is in
:mod:`gehoord.correspondence.hooks`; who a letter goes to (the complainant, or
their authorised gemachtigde with a copy to the complainant, Awb 2:1) in
:func:`gehoord.correspondence.services.recipients`.

What a letter *says* is the municipality's own text for its kind
(:mod:`gehoord.correspondence.letter_templates`, editable by the admin), with
the placeholders of :mod:`gehoord.correspondence.placeholders` filled in from
the complaint file and from what was fixed in ``Letter.data`` when it was
queued. The frame around it — sender, recipient, date, reference, salutation,
closing, signatory and footer — is ``correspondence/letters/letter.html``.
A letter is rendered once: the stored PDF is what the complainant gets, and
it never changes after that.

Adding a kind of letter takes one ``LetterKind`` value, one entry in
:data:`LETTERS`, a default text in :mod:`gehoord.correspondence.default_texts`
and, where it needs them, placeholders of its own.

Letters are Dutch: they are rendered with the ``nl`` locale active, whatever
language the request that caused them was in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.template.loader import render_to_string
from django.utils import timezone, translation

from gehoord.cases.constants import CompetentOrgan
from gehoord.cases.status_link import status_url
from gehoord.correspondence import letter_templates, templating
from gehoord.correspondence.constants import LetterKind, RecipientRole
from gehoord.correspondence.default_texts import LetterText
from gehoord.correspondence.placeholders import (  # noqa: F401 - the names letters are known by
    DATE_FORMAT,
    EMAIL_LINKS,
    LETTER_LANGUAGE,
    NOT_HANDLED_EXPLANATIONS,
    STATUS_LINK_PLACEHOLDER,
    LetterContext,
    Values,
    format_date,
    letter_data,
    signatory,
)
from gehoord.organisation.models import Municipality

if TYPE_CHECKING:
    from gehoord.cases.models import Complaint
    from gehoord.correspondence.models import Letter

FRAME_TEMPLATE = "correspondence/letters/letter.html"
EMAIL_TEMPLATE = "correspondence/email/body.txt"
# Letters to an employee and the internal message carry no status link and no complainant's details.
EMAIL_TEMPLATES = {
    RecipientRole.EMPLOYEE: "correspondence/email/employee.txt",
    RecipientRole.INTERNAL: "correspondence/email/internal.txt",
}


@dataclass(frozen=True)
class LetterSpec:
    """How a kind of letter behaves, apart from its text."""

    # The attachment is named "<file_stem>-<reference>.pdf".
    file_stem: str
    # A date-time field on Complaint set when this letter is first sent, if any.
    marks_complaint_field: str | None = None
    # A complaint gets this kind of letter once: queueing it again returns the
    # letter already there. (A request for missing elements may be repeated.)
    once: bool = True
    # Signed by the complaint's signatory on behalf of the competent organ (a decision on the
    # complaint, Awb 9:8 and 9:12) rather than by the municipality.
    signed: bool = False
    # With an authorised gemachtigde who asked for it, the complainant gets a copy (Awb 2:1).
    copy_to_complainant: bool = True
    # To the complainant even when a gemachtigde acts for them: the flower voucher is a personal gift.
    to_complainant_only: bool = False
    # The e-mail also carries the complaint's attachments (the forwarded document, Awb 2:3).
    with_attachments: bool = False


LETTERS: dict[str, LetterSpec] = {
    LetterKind.ACKNOWLEDGMENT: LetterSpec("ontvangstbevestiging", marks_complaint_field="acknowledged_at"),
    LetterKind.MISSING_ELEMENTS: LetterSpec("ontbrekende-gegevens", once=False),
    LetterKind.REFERRAL: LetterSpec("doorverwijzing"),
    LetterKind.FORWARDING: LetterSpec("doorgestuurd"),
    LetterKind.FORWARDED_DOCUMENT: LetterSpec("doorgestuurd-stuk", with_attachments=True),
    LetterKind.NOT_HANDLED: LetterSpec("klacht-niet-in-behandeling", signed=True),
    # Awb 9:11 lid 2: postponing may be done more than once, up to four weeks in total; each time a letter.
    LetterKind.POSTPONEMENT: LetterSpec("verdaging", once=False),
    LetterKind.POSTPONEMENT_EMPLOYEE: LetterSpec("verdaging", once=False),
    LetterKind.COMMITTEE: LetterSpec("adviescommissie", once=False),
    LetterKind.HEARING_INVITATION: LetterSpec("uitnodiging-hoorzitting"),
    LetterKind.HEARING_INVITATION_EMPLOYEE: LetterSpec("uitnodiging-hoorzitting"),
    LetterKind.INFORMAL_CONFIRMATION: LetterSpec("bevestiging-oplossing"),
    LetterKind.DECISION: LetterSpec("beslissing-klacht", signed=True),
    LetterKind.VOUCHER: LetterSpec("bloemenbon", to_complainant_only=True),
    # One survey per complaint: it goes where the letters go, without a copy.
    LetterKind.SURVEY_INVITATION: LetterSpec("enquete", copy_to_complainant=False),
    LetterKind.SURVEY_REMINDER: LetterSpec("herinnering-enquete", copy_to_complainant=False),
}


def spec_for(kind: str) -> LetterSpec:
    return LETTERS[kind]


def _values(
    kind: str,
    complaint: Complaint,
    data: dict[str, Any] | None,
    municipality: Municipality | None = None,
    *,
    for_email: bool = False,
    letter_date: dt.date | None = None,
) -> Values:
    return Values(
        LetterContext(
            kind=kind,
            complaint=complaint,
            data=letter_data(data),
            municipality=municipality or Municipality.load(),
            for_email=for_email,
            letter_date=letter_date or timezone.localdate(),
        )
    )


def competent_organ(letter: Letter) -> str:
    """The organ a decision is taken and signed on behalf of: fixed on the letter, else the file's."""
    organ = (letter.data or {}).get("competent_organ") or letter.complaint.competent_organ
    return str(CompetentOrgan(organ).label) if organ in CompetentOrgan.values else ""


def recipient_context(letter: Letter) -> dict[str, Any]:
    """Who the letter addresses, for the frame and the e-mail.

    A letter from before recipients were stored (an empty name) was to the complainant.
    """
    complainant = letter.complaint.complainant
    if letter.recipient_name:
        name, address = letter.recipient_name, letter.recipient_address
    else:
        name, address = complainant.full_name, complainant.postal_address
    role = letter.recipient_role
    original = letter.copy_of
    copy = letter.copies.first() if letter.pk else None
    return {
        "recipient_role": role,
        "recipient_name": name,
        "recipient_address": address,
        "to_internal": role == RecipientRole.INTERNAL,
        "to_employee": role == RecipientRole.EMPLOYEE,
        "to_representative": role == RecipientRole.REPRESENTATIVE,
        "to_a_party": letter.to_a_party,
        # Awb 2:1: the gemachtigde reads whose complaint this is; the complainant's copy says whose letter it is.
        "on_behalf_of": complainant.full_name if role == RecipientRole.REPRESENTATIVE else "",
        "copy_of_name": original.recipient_name if original is not None else "",
        "copy_to_name": copy.recipient_name if copy is not None else "",
    }


def letter_subject(
    kind: str,
    complaint: Complaint,
    data: dict[str, Any] | None = None,
    *,
    text: LetterText | None = None,
    municipality: Municipality | None = None,
) -> str:
    text = text or letter_templates.text_for(kind)
    values = _values(kind, complaint, data, municipality, for_email=True)
    return templating.render_text(text.subject, values).strip()


def attachment_name(letter: Letter) -> str:
    return f"{spec_for(letter.kind).file_stem}-{letter.complaint.reference}.pdf"


def render_html(
    letter: Letter, *, municipality: Municipality | None = None, text: LetterText | None = None
) -> str:
    """The letter as an HTML document (``<html lang="nl">``, with a title), ready for WeasyPrint.

    `text` renders another text than the municipality's current one (a preview).
    """
    municipality = municipality or Municipality.load()
    text = text or letter_templates.text_for(letter.kind)
    complaint = letter.complaint
    spec = spec_for(letter.kind)
    letter_date = timezone.localdate(letter.created_at)
    with translation.override(LETTER_LANGUAGE):
        values = _values(letter.kind, complaint, letter.data, municipality, letter_date=letter_date)
        body = templating.render_body(text.body, values)
        signatory_name, signatory_title = signatory(complaint) if spec.signed else ("", "")
        return render_to_string(
            FRAME_TEMPLATE,
            {
                "letter": letter,
                "complaint": complaint,
                "municipality": municipality,
                "letter_date": letter_date,
                "date_format": DATE_FORMAT,
                "body": body,
                "signed": spec.signed,
                # Awb 9:12, 10:1 ff.: on behalf of the bestuursorgaan, never of "the municipality".
                "organ": competent_organ(letter) if spec.signed else "",
                "signatory_name": signatory_name,
                "signatory_title": signatory_title,
                **recipient_context(letter),
            },
        )


def render_pdf(
    letter: Letter, *, municipality: Municipality | None = None, text: LetterText | None = None
) -> bytes:
    """The letter as a tagged PDF/UA-1 document, so screen readers can read the attachment."""
    # WeasyPrint takes a while to import; only processes that render letters pay for it.
    from gehoord.core.pdf import html_to_pdf

    # Relative resources (a logo, later) resolve to the static files; nothing else is ever fetched.
    return html_to_pdf(render_html(letter, municipality=municipality, text=text))


def render_email_text(
    letter: Letter,
    *,
    municipality: Municipality | None = None,
    text: LetterText | None = None,
) -> str:
    """The e-mail text to store on the (queued) letter.

    To the complainant or their gemachtigde it holds a placeholder for the
    status link (Awb 2:1: the link goes where the letters go); to an employee
    or a department it holds no link at all.
    """
    municipality = municipality or Municipality.load()
    text = text or letter_templates.text_for(letter.kind)
    complaint = letter.complaint
    values = _values(letter.kind, complaint, letter.data, municipality, for_email=True)
    with translation.override(LETTER_LANGUAGE):
        return render_to_string(
            EMAIL_TEMPLATES.get(letter.recipient_role, EMAIL_TEMPLATE),
            {
                "complaint": complaint,
                "municipality": municipality,
                "summary": templating.render_text(text.email_summary, values).strip(),
                "status_link": STATUS_LINK_PLACEHOLDER,
                **recipient_context(letter),
            },
        ).strip()


def email_body(letter: Letter) -> str:
    """The text that is sent: the stored text with the personal links filled in."""
    text = letter.body_text.replace(STATUS_LINK_PLACEHOLDER, status_url(letter.complaint))
    # The other apps' links (the survey's), each only asked for when its marker is in the text.
    for marker, link in EMAIL_LINKS.items():
        if marker in text:
            text = text.replace(marker, link(letter.complaint))
    return text
