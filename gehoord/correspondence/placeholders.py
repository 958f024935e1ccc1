"""The data a letter template may use: every ``{{ naam }}`` an admin can write, and its value.

An admin edits the texts of letters (:class:`~gehoord.correspondence.models.LetterTemplate`)
but never writes code: a template can only name the placeholders listed here,
and each one is computed by this module from the complaint file and what the
letter fixed when it was queued (``Letter.data``). Values are plain text that
the renderer escapes; only the *block* placeholders (the judgement per part,
the ombudsman's address, ...) produce HTML, from templates of our own.

Some placeholders exist for one kind of letter only (the hearing date in the
invitation, the new decision date in the postponement), and some kinds must
contain certain placeholders because the law asks the letter to say that
(:data:`REQUIRED`). Letters to an employee complained about and the internal
message of a forwarded document never get the complainant's personal link or
contact details: the placeholders that give them are for letters to the
complainant's side only (``Placeholder.party_only``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.template.defaultfilters import date as date_filter
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gehoord.cases.constants import (
    FOUNDED_JUDGEMENTS,
    HEARING_SKIP_CITATIONS,
    NOT_HANDLED_CITATIONS,
    HearingParty,
    HearingSkipReason,
    NotHandledGround,
)
from gehoord.cases.status_link import status_url
from gehoord.correspondence.constants import EMPLOYEE_KINDS, INTERNAL_KINDS, SIGNED_CHANNELS, LetterKind
from gehoord.organisation.constants import DocumentKind

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from gehoord.cases.models import Complaint
    from gehoord.organisation.models import Municipality

LETTER_LANGUAGE = "nl"
DATE_FORMAT = "j F Y"  # "25 november 2026" with the nl locale

# Stands in the stored e-mail text for the personal status link, which is
# only derived (HMAC) when the message is sent: the secret is never stored.
STATUS_LINK_PLACEHOLDER = "[persoonlijke-link]"

# Keys of Letter.data that hold a date (stored as an ISO string).
DATE_KEYS = frozenset(
    {"respond_by", "decision_due", "previous_due", "hearing_on", "satisfied_on", "formal_request_due"}
)

# Awb 9:8 grounds in plain Dutch, for the letter that says a complaint is not handled.
NOT_HANDLED_EXPLANATIONS: dict[str, str | Promise] = {
    NotHandledGround.ALREADY_HANDLED: _(
        "Wij hebben een klacht over dezelfde gedraging al eerder volgens de klachtprocedure behandeld. "
        "Een klacht over dezelfde gedraging behandelen wij niet opnieuw."
    ),
    NotHandledGround.OLDER_THAN_A_YEAR: _(
        "De gedraging waarover u klaagt, vond meer dan een jaar plaats voordat wij uw klacht ontvingen."
    ),
    NotHandledGround.OBJECTION: _("Tegen de gedraging waarover u klaagt, kon of kunt u bezwaar maken."),
    NotHandledGround.APPEAL: _("Tegen de gedraging waarover u klaagt, kunt of kon u beroep instellen."),
    NotHandledGround.OTHER_COURT: _(
        "De gedraging waarover u klaagt, is voorgelegd aan een rechter (niet een bestuursrechter), "
        "of is daar al eerder voorgelegd."
    ),
    NotHandledGround.CRIMINAL_INVESTIGATION: _(
        "Over de gedraging waarover u klaagt, loopt een opsporingsonderzoek op bevel van de officier van "
        "justitie, of een strafvervolging. Zolang dat loopt, behandelen wij uw klacht niet. Daarna kunt u ons "
        "vragen de klacht alsnog te behandelen."
    ),
    NotHandledGround.INSUFFICIENT_INTEREST: _(
        "Uw belang bij de klacht, of het gewicht van de gedraging, is kennelijk onvoldoende om de "
        "klacht te behandelen."
    ),
}

# Awb 9:10 lid 2: why the complainant was not heard, in plain Dutch, for the decision.
HEARING_SKIP_EXPLANATIONS: dict[str, str | Promise] = {
    HearingSkipReason.CLEARLY_UNFOUNDED: _(
        "Wij hebben u niet gehoord, omdat uw klacht kennelijk ongegrond is."
    ),
    HearingSkipReason.WAIVED: _(
        "Wij hebben u niet gehoord, omdat u heeft laten weten dat u geen gebruik wilt maken van het "
        "recht om gehoord te worden."
    ),
    HearingSkipReason.NO_RESPONSE: _(
        "Wij hebben u niet gehoord, omdat u niet binnen de termijn uit onze uitnodiging heeft laten "
        "weten dat u gehoord wilde worden."
    ),
}

# What a document that arrived as a complaint was taken to be (Awb 2:3), as a letter says it.
DOCUMENT_KIND_PHRASES: dict[str, str | Promise] = {
    DocumentKind.OBJECTION: _("een bezwaarschrift"),
    DocumentKind.WOO_REQUEST: _("een verzoek om informatie op grond van de Wet open overheid (Woo-verzoek)"),
    DocumentKind.DAMAGE_CLAIM: _("een verzoek om schadevergoeding (schadeclaim)"),
}

# The signatory of a decision when none is recorded on the complaint.
DEFAULT_SIGNATORY = _("de klachtencoördinator")

Value = str | SafeString | None
"""A placeholder's value: text (escaped when rendered), HTML of our own, or None for "none"."""


def format_date(value: dt.date | dt.datetime | None) -> str:
    """A date as a Dutch letter writes it: "25 november 2026" (local time for a datetime)."""
    if value is None:
        return ""
    with translation.override(LETTER_LANGUAGE):
        return str(date_filter(value, DATE_FORMAT))


def letter_data(data: dict[str, Any] | None) -> dict[str, Any]:
    """`Letter.data` with the ISO dates of :data:`DATE_KEYS` as dates."""
    values = dict(data or {})
    for key in DATE_KEYS & values.keys():
        if isinstance(values[key], str):
            values[key] = dt.date.fromisoformat(values[key])
    return values


@dataclass(frozen=True)
class LetterContext:
    """What a letter is made of: its kind, the complaint file, the fixed data, the municipality.

    `for_email` renders the personal link as :data:`STATUS_LINK_PLACEHOLDER`,
    so that the secret is never stored with the e-mail text.
    """

    kind: str
    complaint: Complaint
    data: Mapping[str, Any]
    municipality: Municipality
    for_email: bool = False
    # The date the letter carries; today while it is being queued.
    letter_date: dt.date | None = None


@dataclass(frozen=True)
class Placeholder:
    name: str
    description: str | Promise
    value: Callable[[LetterContext], Value]
    # None: every kind of letter; otherwise only these.
    kinds: frozenset[str] | None = None
    # A block is a whole section (HTML of our own) and stands on a line of its own in the body.
    block: bool = False
    # Only in letters to the complainant or their gemachtigde: never to an employee or a department.
    party_only: bool = False

    def available_for(self, kind: str) -> bool:
        if self.party_only and kind in NOT_TO_A_PARTY:
            return False
        return self.kinds is None or kind in self.kinds


# Letters that do not go to the complainant's side.
NOT_TO_A_PARTY = EMPLOYEE_KINDS | INTERNAL_KINDS


def _handler_name(context: LetterContext) -> Value:
    handler = context.complaint.handler
    return (handler.get_full_name() or handler.username) if handler else None


def _handler_phone(context: LetterContext) -> Value:
    handler = context.complaint.handler
    return (handler.phone if handler and handler.phone else "") or context.municipality.complaints_phone


def _status_link(context: LetterContext) -> Value:
    if context.for_email:
        return STATUS_LINK_PLACEHOLDER
    url = status_url(context.complaint)
    return format_html('<a href="{}">{}</a>', url, url)


def _working_days(context: LetterContext) -> Value:
    days = context.municipality.first_contact_working_days
    return ngettext("%(n)d werkdag", "%(n)d werkdagen", days) % {"n": days}


def _postponement_weeks(context: LetterContext) -> Value:
    weeks = context.data.get("weeks")
    if not weeks:
        return None
    return ngettext("%(n)d week", "%(n)d weken", weeks) % {"n": weeks}


def _hearings(context: LetterContext, party: str) -> list:
    return [hearing for hearing in context.complaint.hearings.all() if hearing.party == party]


def _hearing_on(context: LetterContext) -> Value:
    """An invitation: the planned date it fixed. A decision: the day the complainant was heard."""
    if context.kind == LetterKind.DECISION:
        held = [h.held_on for h in _hearings(context, HearingParty.COMPLAINANT) if h.held_on and h.attended]
        return format_date(max(held)) if held else None
    planned = context.data.get("hearing_on")
    if planned is None:
        planned = next((h.hearing_on for h in _hearings(context, HearingParty.COMPLAINANT)), None)
    return format_date(planned) or None


def _employee_heard_on(context: LetterContext) -> Value:
    held = [h.held_on for h in _hearings(context, HearingParty.EMPLOYEE) if h.held_on and h.attended]
    return format_date(max(held)) if held else None


def _complainant_did_not_come(context: LetterContext) -> Value:
    """Awb 9:10 lid 1: invited, wanted to be heard, did not come: the decision says so, not that they were heard."""
    hearing = next((h for h in _hearings(context, HearingParty.COMPLAINANT) if h.held_on), None)
    if hearing is None or hearing.attended:
        return None
    return str(
        _(
            "Wij hebben u uitgenodigd om op %(date)s gehoord te worden. U bent toen niet verschenen. Wij hebben "
            "daarom beslist met de informatie die wij hadden."
        )
        % {"date": format_date(hearing.held_on)}
    )


def _respond_by(context: LetterContext) -> Value:
    respond_by = context.data.get("respond_by")
    if respond_by is None and context.kind != LetterKind.MISSING_ELEMENTS:
        party = HearingParty.EMPLOYEE if context.kind in EMPLOYEE_KINDS else HearingParty.COMPLAINANT
        respond_by = next((h.respond_by for h in _hearings(context, party)), None)
    return format_date(respond_by) or None


def _employees_invited(context: LetterContext) -> Value:
    """Awb 9:10 lid 1: "de medewerker(s)" complained about, only when they were invited as well."""
    count = context.data.get("employees_invited")
    if count is None:
        count = len(_hearings(context, HearingParty.EMPLOYEE))
    if not count:
        return None
    return ngettext("de medewerker", "de medewerkers", count)


def _hearing_skip_ground(context: LetterContext) -> Value:
    """Awb 9:10 lid 2: the ground on which the complainant was not heard, in words and as the law cites it."""
    reason = context.complaint.hearing_skip_reason
    if not reason:
        return None
    return _("%(explanation)s De wet staat dat toe (%(citation)s, van de Algemene wet bestuursrecht).") % {
        "explanation": HEARING_SKIP_EXPLANATIONS[reason],
        "citation": HEARING_SKIP_CITATIONS[reason],
    }


def _decision_due(context: LetterContext) -> Value:
    return format_date(context.data.get("decision_due") or context.complaint.decision_due)


def _not_handled_explanation(context: LetterContext) -> Value:
    explanation = NOT_HANDLED_EXPLANATIONS.get(context.complaint.not_handled_ground)
    return str(explanation) if explanation else None


def _not_handled_citation(context: LetterContext) -> Value:
    return NOT_HANDLED_CITATIONS.get(context.complaint.not_handled_ground) or None


def _notice_late(context: LetterContext) -> bool:
    """Awb 9:8 lid 3: whether the notice went out after the four weeks (fixed when it was queued)."""
    late = context.data.get("notice_late")
    return bool(context.complaint.not_handled_notice_late if late is None else late)


def _notice_due_in_time(context: LetterContext) -> Value:
    return None if _notice_late(context) else format_date(context.complaint.not_handled_notice_due) or None


def _notice_due_passed(context: LetterContext) -> Value:
    return format_date(context.complaint.not_handled_notice_due) or None if _notice_late(context) else None


def _ombudsman_term(context: LetterContext) -> Value:
    # Awb 9:24 lid 1: after a year the ombudsman need not investigate; the letter is the notification.
    return str(
        _(
            "Doe dat binnen één jaar na de datum van deze brief. Na dat jaar hoeft de ombudsman uw klacht "
            "niet meer te onderzoeken (artikel 9:24 Algemene wet bestuursrecht)."
        )
    )


def _competent_organ(context: LetterContext) -> Value:
    from gehoord.cases.constants import CompetentOrgan

    organ = context.data.get("competent_organ") or context.complaint.competent_organ
    return str(CompetentOrgan(organ).label) if organ in CompetentOrgan.values else None


def _complaint_requirements(context: LetterContext) -> Value:
    """Awb 9:4 lid 2: what a written complaint holds; a signature only for one on paper."""
    if context.complaint.channel in SIGNED_CHANNELS:
        return str(
            _(
                "Een schriftelijke klacht is ondertekend en vermeldt uw naam en adres, de datum en een "
                "beschrijving van wat er is gebeurd (artikel 9:4 Algemene wet bestuursrecht)."
            )
        )
    return str(
        _(
            "Een schriftelijke klacht vermeldt uw naam en adres, de datum en een beschrijving van wat er is "
            "gebeurd (artikel 9:4 Algemene wet bestuursrecht). Een klacht die u via het webformulier of per "
            "e-mail stuurt, hoeft u niet te ondertekenen."
        )
    )


def _document_kind(context: LetterContext) -> Value:
    kind = context.data.get("document_kind") or context.complaint.forwarded_kind
    phrase = DOCUMENT_KIND_PHRASES.get(kind)
    return str(phrase) if phrase else None


def _forwarded_to(context: LetterContext) -> Value:
    return context.data.get("destination") or context.complaint.referred_to or None


def _sender_details(context: LetterContext) -> Value:
    # Our own template, rendered with autoescape: what it holds of the file is escaped.
    complaint = context.complaint
    return SafeString(  # nosec B703
        render_to_string(
            "correspondence/letters/blocks/sender_details.html",
            {"complainant": complaint.complainant, "representative": complaint.representative},
        )
    )


def _attachment_count(context: LetterContext) -> Value:
    count = context.complaint.attachments.count()
    if not count:
        return None
    return ngettext("%(n)d bijlage", "%(n)d bijlagen", count) % {"n": count}


def _data_or(key: str, getter: Callable[[LetterContext], Any]) -> Callable[[LetterContext], Value]:
    """A date fixed in Letter.data when the letter was queued, else from the file."""

    def value(context: LetterContext) -> Value:
        day = context.data.get(key)
        return format_date(day if day is not None else getter(context)) or None

    return value


def _missing_list(context: LetterContext) -> Value:
    items = [item for item in context.data.get("missing", []) if item]
    if not items:
        return None
    return format_html("<ul>\n{}</ul>", format_html_join("", "<li>{}</li>\n", ((item,) for item in items)))


def _hearing_details(context: LetterContext) -> Value:
    # Our own template, rendered with autoescape: what it holds of the file is escaped.
    return SafeString(  # nosec B703
        render_to_string(
            "correspondence/letters/blocks/hearing_details.html",
            {
                "hearing_on": _hearing_on(context),
                "time": (context.data.get("hearing_time") or "").strip(),
                "location": (context.data.get("hearing_location") or "").strip(),
            },
        )
    )


def _ombudsman_address(context: LetterContext) -> Value:
    # Our own template, rendered with autoescape: what it holds of the file is escaped.
    return SafeString(  # nosec B703
        render_to_string(
            "correspondence/letters/blocks/ombudsman_address.html", {"municipality": context.municipality}
        )
    )


def _judgement_per_part(context: LetterContext) -> Value:
    parts = [
        {
            "position": part.position,
            "description": part.description,
            "judgement": part.get_judgement_display(),
            "reasoning": part.reasoning,
            "founded": part.judgement in FOUNDED_JUDGEMENTS,
            "norms": [norm.name for norm in part.norms.all()],
        }
        for part in context.complaint.parts.prefetch_related("norms").order_by("position")
    ]
    if not parts:
        return None
    # Our own template, rendered with autoescape: what it holds of the file is escaped.
    return SafeString(  # nosec B703
        render_to_string("correspondence/letters/blocks/judgement_per_part.html", {"parts": parts})
    )


def _voucher_value(context: LetterContext) -> Value:
    value = context.data.get("value")
    if not value:
        return None
    return "€ " + f"{Decimal(str(value)):.2f}".replace(".", ",")


def _lesson(context: LetterContext) -> Value:
    review = getattr(context.complaint, "learning_review", None)
    if review is None:
        return None
    return review.lesson_for_complainant or None


def _complainant_also_invited(context: LetterContext) -> Value:
    # Letters queued before the step said whom it invited: the complainant always was.
    if not context.data.get("complainant_invited", True):
        return None
    return str(_("De klager is voor dezelfde hoorzitting uitgenodigd."))


def _text(getter: Callable[[LetterContext], Any]) -> Callable[[LetterContext], Value]:
    """A placeholder whose value is a field, as text; empty means "none"."""

    def value(context: LetterContext) -> Value:
        result = getter(context)
        return str(result) if result not in (None, "") else None

    return value


def _date(getter: Callable[[LetterContext], Any]) -> Callable[[LetterContext], Value]:
    return lambda context: format_date(getter(context)) or None


def _only(*kinds: str) -> frozenset[str]:
    return frozenset(kinds)


_POSTPONEMENT_KINDS = _only(LetterKind.POSTPONEMENT, LetterKind.POSTPONEMENT_EMPLOYEE)
_INVITATION_KINDS = _only(LetterKind.HEARING_INVITATION, LetterKind.HEARING_INVITATION_EMPLOYEE)
_FORWARDING_KINDS = _only(LetterKind.FORWARDING, LetterKind.FORWARDED_DOCUMENT)
_OMBUDSMAN_KINDS = _only(LetterKind.NOT_HANDLED, LetterKind.DECISION)

_PLACEHOLDERS = [
    # Every letter.
    Placeholder(
        "kenmerk",
        _("het kenmerk van de klacht, bijvoorbeeld K-2026-00042"),
        _text(lambda c: c.complaint.reference),
    ),
    Placeholder(
        "datum_ontvangst", _("de datum waarop de klacht binnenkwam"), _date(lambda c: c.complaint.received_at)
    ),
    Placeholder(
        "naam_klager", _("de naam van de klager"), _text(lambda c: c.complaint.complainant.full_name)
    ),
    Placeholder("gemeente", _("de naam van de gemeente"), _text(lambda c: c.municipality.name)),
    Placeholder(
        "telefoon_klachten",
        _("het telefoonnummer voor klachten"),
        _text(lambda c: c.municipality.complaints_phone),
    ),
    Placeholder(
        "email_klachten", _("het e-mailadres voor klachten"), _text(lambda c: c.municipality.complaints_email)
    ),
    Placeholder(
        "persoonlijke_link",
        _("de persoonlijke link naar de statuspagina van de klager"),
        _status_link,
        party_only=True,
    ),
    Placeholder(
        "datum_eerste_contact",
        _("de uiterste datum voor het eerste persoonlijke contact"),
        _date(lambda c: c.complaint.first_contact_due),
        party_only=True,
    ),
    Placeholder(
        "termijn_eerste_contact",
        _("de termijn voor het eerste contact, bijvoorbeeld '2 werkdagen'"),
        _working_days,
        party_only=True,
    ),
    Placeholder(
        "datum_beslissing",
        _("de uiterste datum van de beslissing (na verdaging of uitstel met instemming de nieuwe datum)"),
        _decision_due,
    ),
    Placeholder(
        "ombudsman",
        _("de ombudsman naar wie de klager kan gaan, bijvoorbeeld 'de Nationale ombudsman'"),
        _text(lambda c: c.municipality.ombudsman_name),
        party_only=True,
    ),
    Placeholder(
        "naam_behandelaar", _("de naam van de behandelaar (alinea vervalt als er geen is)"), _handler_name
    ),
    Placeholder(
        "telefoon_behandelaar",
        _("het directe nummer van de behandelaar, anders het nummer voor klachten"),
        _handler_phone,
    ),
    # Awb 9:12 lid 2, 9:8 lid 3, 9:24: the ombudsman, its address and the one-year term.
    Placeholder(
        "ombudsman_adres",
        _("blok: naam, adres, telefoon en website van de ombudsman"),
        _ombudsman_address,
        kinds=_OMBUDSMAN_KINDS,
        block=True,
    ),
    Placeholder(
        "ombudsman_termijn",
        _("de zin dat de klager binnen één jaar naar de ombudsman kan (artikel 9:24 Awb)"),
        _ombudsman_term,
        kinds=_OMBUDSMAN_KINDS,
    ),
    Placeholder(
        "bestuursorgaan",
        _("het bestuursorgaan dat beslist, bijvoorbeeld 'het college van burgemeester en wethouders'"),
        _competent_organ,
        kinds=_OMBUDSMAN_KINDS,
    ),
    # Awb 9:4: missing elements.
    Placeholder(
        "ontbrekende_gegevens",
        _("blok: een lijst van wat er ontbreekt"),
        _missing_list,
        kinds=_only(LetterKind.MISSING_ELEMENTS),
        block=True,
    ),
    Placeholder(
        "eisen_klacht",
        _(
            "wat een schriftelijke klacht bevat (artikel 9:4 Awb); om een handtekening wordt alleen gevraagd "
            "bij een klacht per brief of fax"
        ),
        _complaint_requirements,
        kinds=_only(LetterKind.MISSING_ELEMENTS),
    ),
    Placeholder(
        "reageren_voor",
        _(
            "de datum waarvoor de ontvanger moet reageren: de gegevens aanvullen, of laten weten of die gehoord wil worden"
        ),
        _respond_by,
        kinds=_only(LetterKind.MISSING_ELEMENTS) | _INVITATION_KINDS,
    ),
    # Not a complaint.
    Placeholder(
        "verwezen_naar",
        _("waar de klager wel terecht kan"),
        _text(lambda c: c.complaint.referred_to),
        kinds=_only(LetterKind.REFERRAL),
    ),
    # Awb 2:3, 6:15 by analogy: forwarded internally.
    Placeholder(
        "soort_stuk",
        _("wat het stuk is, bijvoorbeeld 'een bezwaarschrift'"),
        _document_kind,
        kinds=_FORWARDING_KINDS,
    ),
    Placeholder(
        "doorgestuurd_naar",
        _("naar wie het stuk is doorgestuurd, bijvoorbeeld 'de bezwaarschriftencommissie'"),
        _forwarded_to,
        kinds=_FORWARDING_KINDS,
    ),
    Placeholder(
        "gegevens_afzender",
        _("blok: naam, adres, e-mailadres en telefoonnummer van de afzender (en de gemachtigde)"),
        _sender_details,
        kinds=_only(LetterKind.FORWARDED_DOCUMENT),
        block=True,
    ),
    Placeholder(
        "tekst_stuk",
        _("wat de afzender schreef"),
        _text(lambda c: c.complaint.description),
        kinds=_only(LetterKind.FORWARDED_DOCUMENT),
    ),
    Placeholder(
        "aantal_bijlagen",
        _("hoeveel bijlagen het stuk heeft, bijvoorbeeld '2 bijlagen' (alinea vervalt zonder bijlagen)"),
        _attachment_count,
        kinds=_only(LetterKind.FORWARDED_DOCUMENT),
    ),
    # Awb 9:8.
    Placeholder(
        "grond",
        _("de wettelijke grond om de klacht niet te behandelen, zoals het dossier die noemt"),
        _text(lambda c: c.complaint.get_not_handled_ground_display()),
        kinds=_only(LetterKind.NOT_HANDLED),
    ),
    Placeholder(
        "grond_artikel",
        _("het artikel van die grond, bijvoorbeeld 'artikel 9:8, eerste lid, onder b'"),
        _not_handled_citation,
        kinds=_only(LetterKind.NOT_HANDLED),
    ),
    Placeholder(
        "uitleg_grond",
        _("die grond uitgelegd in gewone woorden"),
        _not_handled_explanation,
        kinds=_only(LetterKind.NOT_HANDLED),
    ),
    Placeholder(
        "termijn_bericht",
        _(
            "de uiterste datum voor dit bericht (artikel 9:8, derde lid); alinea vervalt als het bericht "
            "later is dan die datum"
        ),
        _notice_due_in_time,
        kinds=_only(LetterKind.NOT_HANDLED),
    ),
    Placeholder(
        "termijn_bericht_verstreken",
        _(
            "de uiterste datum voor dit bericht (artikel 9:8, derde lid), alleen als het bericht later is: "
            "alinea vervalt als het op tijd is"
        ),
        _notice_due_passed,
        kinds=_only(LetterKind.NOT_HANDLED),
    ),
    # Awb 9:11 lid 2.
    Placeholder(
        "vorige_datum_beslissing",
        _("de datum van de beslissing vóór de verdaging"),
        _date(lambda c: c.data.get("previous_due")),
        kinds=_POSTPONEMENT_KINDS,
    ),
    Placeholder(
        "verdaging",
        _("hoe lang de beslissing wordt uitgesteld, bijvoorbeeld '4 weken'"),
        _postponement_weeks,
        kinds=_POSTPONEMENT_KINDS,
    ),
    Placeholder(
        "reden_verdaging",
        _("waarom de beslissing wordt uitgesteld"),
        _text(lambda c: c.data.get("reason")),
        kinds=_POSTPONEMENT_KINDS,
    ),
    # Awb 9:10.
    Placeholder(
        "datum_hoorzitting",
        _(
            "de datum van de hoorzitting; in de beslissing de dag waarop de klager is gehoord "
            "(alinea vervalt als die niet is gehoord)"
        ),
        _hearing_on,
        kinds=_INVITATION_KINDS | _only(LetterKind.DECISION),
    ),
    Placeholder(
        "gegevens_hoorzitting",
        _("blok: datum, tijd en plaats van de hoorzitting"),
        _hearing_details,
        kinds=_INVITATION_KINDS,
        block=True,
    ),
    Placeholder(
        "uitgenodigde_medewerkers",
        _(
            "'de medewerker' of 'de medewerkers' over wie geklaagd wordt, als die ook zijn uitgenodigd "
            "(alinea vervalt als dat niet zo is)"
        ),
        _employees_invited,
        kinds=_only(LetterKind.HEARING_INVITATION),
    ),
    Placeholder(
        "klager_ook_uitgenodigd",
        _(
            "de zin dat de klager voor dezelfde hoorzitting is uitgenodigd (alinea vervalt als de klager niet "
            "is uitgenodigd, omdat horen van de klager achterwege blijft)"
        ),
        _complainant_also_invited,
        kinds=_only(LetterKind.HEARING_INVITATION_EMPLOYEE),
    ),
    Placeholder(
        "klager_niet_verschenen",
        _(
            "de alinea dat de klager is uitgenodigd maar niet is verschenen (Awb 9:10; vervalt als de klager "
            "is gehoord of niet is uitgenodigd)"
        ),
        _complainant_did_not_come,
        kinds=_only(LetterKind.DECISION),
    ),
    Placeholder(
        "datum_horen_beklaagde",
        _(
            "de dag waarop de medewerker over wie geklaagd wordt is gehoord (alinea vervalt als dat niet zo is)"
        ),
        _employee_heard_on,
        kinds=_only(LetterKind.DECISION),
    ),
    Placeholder(
        "grond_niet_horen",
        _(
            "waarom de klager niet is gehoord, met het artikel (artikel 9:10, tweede lid); alinea vervalt "
            "als de klager wel is gehoord"
        ),
        _hearing_skip_ground,
        kinds=_only(LetterKind.DECISION),
    ),
    # Awb 9:5.
    Placeholder(
        "oplossing",
        _("de afgesproken oplossing"),
        _text(lambda c: c.complaint.informal_solution),
        kinds=_only(LetterKind.INFORMAL_CONFIRMATION),
    ),
    Placeholder(
        "datum_tevreden",
        _("de dag waarop de klager liet weten tevreden te zijn"),
        _data_or("satisfied_on", lambda c: c.complaint.satisfaction_confirmed_on),
        kinds=_only(LetterKind.INFORMAL_CONFIRMATION),
    ),
    Placeholder(
        "formeel_vragen_tot",
        _("tot wanneer de klager alsnog om formele behandeling kan vragen"),
        _data_or("formal_request_due", lambda c: c.complaint.formal_request_due),
        kinds=_only(LetterKind.INFORMAL_CONFIRMATION),
    ),
    # Awb 9:12.
    Placeholder(
        "bevindingen",
        _("wat er is onderzocht (de bevindingen)"),
        _text(lambda c: c.complaint.findings),
        kinds=_only(LetterKind.DECISION),
    ),
    Placeholder(
        "oordeel_per_onderdeel",
        _("blok: elk klachtonderdeel met het oordeel, de motivering en de geschonden normen"),
        _judgement_per_part,
        kinds=_only(LetterKind.DECISION),
        block=True,
    ),
    Placeholder(
        "conclusies",
        _("de conclusies (alinea en kop vervallen als er geen zijn)"),
        _text(lambda c: c.complaint.conclusions),
        kinds=_only(LetterKind.DECISION),
    ),
    # The flower voucher's accompanying letter.
    Placeholder(
        "waarde_bon",
        _("de waarde van de bloemenbon, bijvoorbeeld '€ 15,00'"),
        _voucher_value,
        kinds=_only(LetterKind.VOUCHER),
    ),
    Placeholder(
        "leverancier_bon",
        _("wie de bloemenbon levert"),
        _text(lambda c: c.data.get("supplier")),
        kinds=_only(LetterKind.VOUCHER),
    ),
    Placeholder(
        "wat_we_leerden",
        _("wat de klager hoort over wat we leerden (alinea vervalt als het leeg is)"),
        _lesson,
        kinds=_only(LetterKind.VOUCHER),
    ),
    # The survey's link, QR code and last day come from gehoord.surveys (register_placeholders).
]

PLACEHOLDERS: dict[str, Placeholder] = {placeholder.name: placeholder for placeholder in _PLACEHOLDERS}

# What the law asks a letter to say; a template without these is refused.
REQUIRED: dict[str, dict[str, str | Promise]] = {
    LetterKind.MISSING_ELEMENTS: {
        "ontbrekende_gegevens": _("de klager moet weten wat er ontbreekt (artikel 9:4 Awb)"),
        "reageren_voor": _("de klager moet weten tot wanneer die de gegevens kan aanvullen"),
    },
    LetterKind.REFERRAL: {"verwezen_naar": _("de brief zegt waar de klager wel terecht kan")},
    LetterKind.FORWARDING: {
        "doorgestuurd_naar": _("de afzender hoort waar het stuk naartoe is gegaan"),
        "datum_ontvangst": _("de afzender hoort dat de datum van ontvangst blijft (artikel 2:3 Awb)"),
    },
    LetterKind.FORWARDED_DOCUMENT: {
        "tekst_stuk": _("wie het stuk krijgt, moet het kunnen lezen"),
        "gegevens_afzender": _("wie het stuk krijgt, moet de afzender kunnen antwoorden"),
        "datum_ontvangst": _("voor de termijnen telt de datum waarop het stuk binnenkwam (artikel 2:3 Awb)"),
    },
    LetterKind.NOT_HANDLED: {
        "grond_artikel": _("de brief noemt de wettelijke grond met lid en letter (artikel 9:8 Awb)"),
        "ombudsman_adres": _(
            "de brief wijst op de ombudsman (artikel 9:8, derde lid, en 9:12, tweede lid, Awb)"
        ),
        "ombudsman_termijn": _("de brief noemt de termijn van één jaar voor de ombudsman (artikel 9:24 Awb)"),
    },
    LetterKind.COMMITTEE: {
        "datum_beslissing": _(
            "de brief noemt de nieuwe datum van de beslissing (artikel 9:11, eerste lid, Awb)"
        )
    },
    LetterKind.POSTPONEMENT: {
        "datum_beslissing": _(
            "de brief noemt de nieuwe datum van de beslissing (artikel 9:11, tweede lid, Awb)"
        )
    },
    LetterKind.POSTPONEMENT_EMPLOYEE: {
        "datum_beslissing": _(
            "de brief noemt de nieuwe datum van de beslissing (artikel 9:11, tweede lid, Awb)"
        )
    },
    LetterKind.HEARING_INVITATION: {
        "gegevens_hoorzitting": _("de brief noemt wanneer en waar de hoorzitting is (artikel 9:10 Awb)"),
        "reageren_voor": _(
            "de brief noemt de termijn om te laten weten of de klager gehoord wil worden "
            "(artikel 9:10, tweede lid, onder c, Awb)"
        ),
    },
    LetterKind.HEARING_INVITATION_EMPLOYEE: {
        "gegevens_hoorzitting": _("de brief noemt wanneer en waar de hoorzitting is (artikel 9:10 Awb)"),
        "reageren_voor": _("de brief noemt de termijn om te laten weten of de medewerker gehoord wil worden"),
    },
    LetterKind.INFORMAL_CONFIRMATION: {
        "oplossing": _("de brief bevestigt de afgesproken oplossing (artikel 9:5 Awb)"),
        "formeel_vragen_tot": _(
            "de brief zegt tot wanneer de klager alsnog om formele behandeling kan vragen"
        ),
    },
    LetterKind.VOUCHER: {"waarde_bon": _("de brief noemt de waarde van de bon")},
    LetterKind.DECISION: {
        "bevindingen": _("de beslissing noemt de bevindingen (artikel 9:12 Awb)"),
        "oordeel_per_onderdeel": _("de beslissing geeft het oordeel per onderdeel (artikel 9:12 Awb)"),
        "grond_niet_horen": _(
            "de beslissing noemt de grond als de klager niet is gehoord (artikel 9:10, tweede lid, Awb)"
        ),
        "ombudsman_adres": _("de beslissing noemt de ombudsman (artikel 9:12, tweede lid, Awb)"),
        "ombudsman_termijn": _(
            "de beslissing noemt de termijn van één jaar voor de ombudsman (artikel 9:24 Awb)"
        ),
    },
}

# Awb 9:3: no objection or appeal lies against the handling of a complaint, so
# a letter that ends the handling must not suggest one.
NO_APPEAL_KINDS = frozenset({LetterKind.DECISION, LetterKind.INFORMAL_CONFIRMATION})


# Personal links an e-mail holds as a marker until it is sent, so that their secret is never stored:
# marker -> the link for the complaint. The status link is this module's own (STATUS_LINK_PLACEHOLDER);
# gehoord.correspondence.letters.email_body fills in both.
EMAIL_LINKS: dict[str, Callable[[Complaint], str]] = {}


def register_placeholders(
    *placeholders: Placeholder,
    required: Mapping[str, Mapping[str, str | Promise]] | None = None,
    email_links: Mapping[str, Callable[[Complaint], str]] | None = None,
) -> None:
    """Add another app's placeholders after the ones above; called from that app's AppConfig.ready.

    An app above correspondence (the survey's personal link and QR code,
    ``gehoord.surveys``) offers its values this way, so correspondence
    imports none of those apps. `required` adds to :data:`REQUIRED`;
    `email_links` to :data:`EMAIL_LINKS`. A name already known is kept as it
    is, so registering twice changes nothing.
    """
    for placeholder in placeholders:
        if placeholder.name not in PLACEHOLDERS:
            _PLACEHOLDERS.append(placeholder)
            PLACEHOLDERS[placeholder.name] = placeholder
    for kind, reasons in (required or {}).items():
        for name, reason in reasons.items():
            REQUIRED.setdefault(kind, {}).setdefault(name, reason)
    for marker, link in (email_links or {}).items():
        EMAIL_LINKS.setdefault(marker, link)


def available(kind: str) -> list[Placeholder]:
    """The placeholders a template of `kind` may use, in the order of the list above."""
    return [placeholder for placeholder in _PLACEHOLDERS if placeholder.available_for(kind)]


class Values(Mapping[str, Value]):
    """The placeholders' values for one letter, each computed when first asked for."""

    def __init__(self, context: LetterContext) -> None:
        self._context = context
        self._names = [placeholder.name for placeholder in available(context.kind)]
        self._cache: dict[str, Value] = {}

    def __getitem__(self, name: str) -> Value:
        if name not in self._cache:
            if name not in self._names:
                raise KeyError(name)
            with translation.override(LETTER_LANGUAGE):
                self._cache[name] = PLACEHOLDERS[name].value(self._context)
        return self._cache[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def signatory(complaint: Complaint) -> tuple[str, str]:
    """Who signs a decision, and their title; the coordinator when nobody is recorded."""
    person = complaint.signatory
    if person is None:
        return str(DEFAULT_SIGNATORY), ""
    return person.get_full_name() or person.username, person.job_title
