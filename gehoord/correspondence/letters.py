"""What each kind of letter says, and how it becomes HTML, a tagged PDF and an e-mail.

Adding a kind of letter takes one ``LetterKind`` value, one entry in
:data:`LETTERS` and one template ``correspondence/letters/<kind>.html`` that
extends the base letter. The sender, recipient, date, reference, closing and
footer come from the base letter; the e-mail text from one shared template.

The kinds: the acknowledgment (Awb 9:6), the request for missing elements
(9:4), the referral of what is not a complaint, the notice that a complaint
is not handled (9:8), the postponement of the decision (9:11 lid 2), the
invitation to the hearing (9:10), the confirmation of an informal solution
(9:5) and the decision (9:12). Which lifecycle step queues which letter is in
:mod:`gehoord.correspondence.hooks`.

A letter says what the complaint file says when it is rendered, plus what was
fixed in ``Letter.data`` when it was queued. It is rendered once: the stored
PDF is what the complainant gets, and it never changes after that.

Letters are Dutch: they are rendered with the ``nl`` locale active, whatever
language the request that caused them was in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gehoord.cases.constants import FOUNDED_JUDGEMENTS, NotHandledGround
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
    # A complaint gets this kind of letter once: queueing it again returns the
    # letter already there. (A request for missing elements may be repeated.)
    once: bool = True
    # What the template needs beyond the common context, computed from the letter.
    context: Callable[[Letter], dict[str, Any]] | None = None

    def template_name(self, kind: str) -> str:
        return f"correspondence/letters/{kind}.html"


# Awb 9:8 grounds in plain Dutch, for the letter that says a complaint is not handled.
NOT_HANDLED_EXPLANATIONS: dict[str, str | Promise] = {
    NotHandledGround.ALREADY_HANDLED: _(
        "Wij hebben een klacht over dezelfde gedraging al eerder behandeld. "
        "Wij behandelen dezelfde klacht niet nog een keer."
    ),
    NotHandledGround.OLDER_THAN_A_YEAR: _(
        "De gedraging waarover u klaagt, is langer dan een jaar voordat wij uw klacht ontvingen gebeurd."
    ),
    NotHandledGround.OBJECTION_OR_APPEAL: _(
        "Tegen de gedraging waarover u klaagt, stond of staat een andere procedure open: "
        "bezwaar of beroep. Die procedure is de juiste weg om uw zaak te laten beoordelen."
    ),
    NotHandledGround.COURT: _(
        "De gedraging waarover u klaagt, ligt voor bij de rechter of is daar al beoordeeld."
    ),
    NotHandledGround.CRIMINAL_INVESTIGATION: _(
        "Naar de gedraging waarover u klaagt, loopt een strafrechtelijk onderzoek, "
        "of er is een vervolging ingesteld."
    ),
    NotHandledGround.INSUFFICIENT_INTEREST: _(
        "Het belang van uw klacht of het gewicht van de gedraging is zo klein, "
        "dat wij de klacht niet behandelen."
    ),
}

# The signatory of a decision when none is recorded on the complaint.
DEFAULT_SIGNATORY = _("de klachtencoördinator")


def _not_handled_context(letter: Letter) -> dict[str, Any]:
    complaint = letter.complaint
    return {"ground_explanation": NOT_HANDLED_EXPLANATIONS.get(complaint.not_handled_ground, "")}


def _hearing_invitation_context(letter: Letter) -> dict[str, Any]:
    # The date fixed when the hearing was planned; the file's date (which the
    # hearing report may change later) only for a letter queued without one.
    data = letter_data(letter.data)
    return {"hearing_on": data.get("hearing_on") or letter.complaint.hearing_held_on}


def _decision_context(letter: Letter) -> dict[str, Any]:
    complaint = letter.complaint
    parts = [
        {
            "position": part.position,
            "description": part.description,
            "judgement": part.get_judgement_display(),
            "reasoning": part.reasoning,
            "founded": part.judgement in FOUNDED_JUDGEMENTS,
            "norms": [norm.name for norm in part.norms.all()],
        }
        for part in complaint.parts.prefetch_related("norms").order_by("position")
    ]
    signatory = complaint.signatory
    if signatory is None:
        name, title = DEFAULT_SIGNATORY, ""
    else:
        name, title = signatory.get_full_name() or signatory.username, signatory.job_title
    return {"parts": parts, "signatory_name": name, "signatory_title": title}


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
    LetterKind.MISSING_ELEMENTS: LetterSpec(
        subject=_("Wij missen nog gegevens bij uw klacht %(reference)s"),
        email_summary=_(
            "Op %(received)s hebben wij uw klacht ontvangen. Om uw klacht te kunnen behandelen, "
            "hebben wij nog gegevens van u nodig. Wilt u die uiterlijk %(respond_by)s aan ons sturen? "
            "In de brief in de bijlage leest u welke gegevens ontbreken."
        ),
        file_stem="ontbrekende-gegevens",
        once=False,
    ),
    LetterKind.REFERRAL: LetterSpec(
        subject=_("Uw bericht %(reference)s: u kunt ergens anders terecht"),
        email_summary=_(
            "Op %(received)s heeft u ons een bericht gestuurd. Het gaat niet over hoe de gemeente u "
            "heeft behandeld. Daarom behandelen wij het niet als klacht. U kunt hiervoor terecht bij: "
            "%(referred_to)s. In de brief in de bijlage leest u meer."
        ),
        file_stem="doorverwijzing",
    ),
    LetterKind.NOT_HANDLED: LetterSpec(
        subject=_("Wij nemen uw klacht %(reference)s niet in behandeling"),
        email_summary=_(
            "Op %(received)s hebben wij uw klacht ontvangen. Wij nemen uw klacht niet in behandeling. "
            "In de brief in de bijlage leest u waarom, en dat u zich kunt wenden tot %(ombudsman)s."
        ),
        file_stem="klacht-niet-in-behandeling",
        context=_not_handled_context,
    ),
    LetterKind.POSTPONEMENT: LetterSpec(
        subject=_("Beslissing op uw klacht %(reference)s uitgesteld"),
        email_summary=_(
            "Wij hebben meer tijd nodig om te beslissen op uw klacht. U krijgt onze beslissing "
            "uiterlijk %(decision_due)s. In de brief in de bijlage leest u waarom."
        ),
        file_stem="verdaging",
    ),
    LetterKind.HEARING_INVITATION: LetterSpec(
        subject=_("Uitnodiging voor een hoorzitting over uw klacht %(reference)s"),
        email_summary=_(
            "Wij nodigen u uit voor een hoorzitting over uw klacht op %(hearing_on)s. Daar kunt u uw "
            "klacht mondeling toelichten. U mag iemand meenemen. Wilt u niet gehoord worden? Laat het "
            "ons dan vóór die datum weten. In de brief in de bijlage leest u meer over de hoorzitting."
        ),
        file_stem="uitnodiging-hoorzitting",
        context=_hearing_invitation_context,
    ),
    LetterKind.INFORMAL_CONFIRMATION: LetterSpec(
        subject=_("Bevestiging van de oplossing voor uw klacht %(reference)s"),
        email_summary=_(
            "Wij hebben samen met u een oplossing voor uw klacht afgesproken. Met de brief in de "
            "bijlage bevestigen wij die afspraak. Bent u toch niet tevreden? Laat het ons binnen "
            "twee weken weten, dan behandelen we uw klacht formeel."
        ),
        file_stem="bevestiging-oplossing",
    ),
    LetterKind.DECISION: LetterSpec(
        subject=_("Beslissing op uw klacht %(reference)s"),
        email_summary=_(
            "Wij hebben uw klacht van %(received)s onderzocht. In de brief in de bijlage leest u wat "
            "wij hebben onderzocht, wat ons oordeel is en wat wij concluderen."
        ),
        file_stem="beslissing-klacht",
        context=_decision_context,
    ),
}

# Keys of Letter.data that hold a date (stored as an ISO string).
DATE_KEYS = frozenset({"respond_by", "decision_due", "previous_due", "hearing_on"})


def spec_for(kind: str) -> LetterSpec:
    return LETTERS[kind]


def format_date(value: dt.date | dt.datetime | None) -> str:
    """A date as a Dutch letter writes it: "25 november 2026" (local time for a datetime)."""
    if value is None:
        return ""
    with translation.override(LETTER_LANGUAGE):
        return str(date_filter(value, DATE_FORMAT))


def letter_data(data: dict[str, Any] | None) -> dict[str, Any]:
    """`Letter.data` for a template: the ISO dates of :data:`DATE_KEYS` as dates."""
    values = dict(data or {})
    for key in DATE_KEYS & values.keys():
        if isinstance(values[key], str):
            values[key] = dt.date.fromisoformat(values[key])
    return values


def placeholders(
    complaint: Complaint, data: dict[str, Any] | None = None, *, municipality: Municipality | None = None
) -> dict[str, str]:
    """The values the texts of a :class:`LetterSpec` may use."""
    values = letter_data(data)
    municipality = municipality or Municipality.load()
    return {
        "reference": complaint.reference,
        "received": format_date(complaint.received_at),
        "first_contact_due": format_date(complaint.first_contact_due),
        "decision_due": format_date(values.get("decision_due") or complaint.decision_due),
        "not_handled_notice_due": format_date(complaint.not_handled_notice_due),
        "respond_by": format_date(values.get("respond_by")),
        "hearing_on": format_date(values.get("hearing_on") or complaint.hearing_held_on),
        "referred_to": complaint.referred_to,
        "ombudsman": municipality.ombudsman_name,
    }


def letter_subject(kind: str, complaint: Complaint, data: dict[str, Any] | None = None) -> str:
    with translation.override(LETTER_LANGUAGE):
        return str(spec_for(kind).subject) % placeholders(complaint, data)


def attachment_name(letter: Letter) -> str:
    return f"{spec_for(letter.kind).file_stem}-{letter.complaint.reference}.pdf"


def _context(letter: Letter, municipality: Municipality) -> dict[str, Any]:
    complaint = letter.complaint
    spec = spec_for(letter.kind)
    return {
        "letter": letter,
        "complaint": complaint,
        "complainant": complaint.complainant,
        "municipality": municipality,
        "letter_date": timezone.localdate(letter.created_at),
        "date_format": DATE_FORMAT,
        "status_link": status_url(complaint),
        "data": letter_data(letter.data),
        **(spec.context(letter) if spec.context else {}),
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


def render_email_text(
    kind: str,
    complaint: Complaint,
    data: dict[str, Any] | None = None,
    *,
    municipality: Municipality | None = None,
) -> str:
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
                "summary": str(spec.email_summary) % placeholders(complaint, data, municipality=municipality),
                "status_link": STATUS_LINK_PLACEHOLDER,
            },
        ).strip()


def email_body(letter: Letter) -> str:
    """The text that is sent: the stored text with the personal status link filled in."""
    return letter.body_text.replace(STATUS_LINK_PLACEHOLDER, status_url(letter.complaint))
