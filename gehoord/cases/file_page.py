"""What the complaint file page shows at the top, and how it groups the rest (read-only, for cases.views).

* :func:`header_terms`: the terms that run now, each with its date and the days
  left (the clock computes them; nothing here is a rule of its own);
* :data:`GROUPS` and :func:`group_actions`: every step and action the page
  offers besides the suggested one (:func:`gehoord.cases.lifecycle.suggested_step`),
  in a few disclosures, so the page stays short;
* :func:`part_rows` and :func:`timeline`: the parts with their history, and the
  latest timeline entries with the rest folded away.

Whether something may be done is the lifecycle's answer (``actions``,
``transitions``); this module only arranges it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from gehoord.cases import lifecycle
from gehoord.cases.models import Complaint, ComplaintEvent
from gehoord.clock import terms

# The latest entries of the timeline shown at once; the rest is one click away.
TIMELINE_SHOWN = 10


@dataclass(frozen=True)
class HeaderTerm:
    label: Any
    due: dt.date
    days_left: int | None  # None: no longer running (shown as done)
    note: str = ""

    @classmethod
    def running(cls, label: Any, due: dt.date, today: dt.date) -> HeaderTerm:
        """A term that still runs: its date and the days left until it (the clock's count)."""
        return cls(label, due, terms.days_left(due, today))

    @property
    def state(self) -> str:
        if self.days_left is None:
            return "done"
        if self.days_left < 0:
            return "overdue"
        return "soon" if self.days_left <= terms.DUE_SOON_DAYS else "running"

    @property
    def left(self) -> str:
        """ "nog 3 dagen", "vandaag", "2 dagen te laat"."""
        n = self.days_left
        if n is None:
            return self.note
        if n == 0:
            return str(_("laatste dag vandaag"))
        if n > 0:
            return ngettext("nog %(n)s dag", "nog %(n)s dagen", n) % {"n": n}
        return ngettext("%(n)s dag te laat", "%(n)s dagen te laat", -n) % {"n": -n}


def header_terms(complaint: Complaint, today: dt.date) -> list[HeaderTerm]:
    """The terms that matter now, most urgent first; a decided complaint shows when it was decided."""
    rows: list[HeaderTerm] = []
    if (
        complaint.first_contact_at is None
        and not complaint.anonymous
        and lifecycle.decision_term_runs(complaint)
    ):
        rows.append(HeaderTerm.running(_("Persoonlijk contact"), complaint.first_contact_due, today))
    if lifecycle.notice_term_runs(complaint):
        rows.append(
            HeaderTerm.running(
                _("Bericht niet in behandeling nemen (Awb 9:8)"), complaint.not_handled_notice_due, today
            )
        )
    hearing = lifecycle.complainant_hearing(complaint)
    if (
        hearing is not None
        and not hearing.response
        and not hearing.is_reported
        and lifecycle.action_allowed(complaint, "hearing_response", today)
    ):
        rows.append(HeaderTerm.running(_("Reactie op de uitnodiging om te horen"), hearing.respond_by, today))
    if lifecycle.decision_term_runs(complaint):
        rows.append(HeaderTerm.running(_("Beslissing (Awb 9:11)"), complaint.decision_due, today))
    elif complaint.decided_at:
        decided = timezone.localdate(complaint.decided_at)
        in_time = decided <= complaint.decision_due
        rows.append(
            HeaderTerm(
                _("Beslissing (Awb 9:11)"),
                decided,
                None,
                note=str(_("beslist, op tijd") if in_time else _("beslist, te laat")),
            )
        )
    if (
        complaint.formal_request_due
        and not complaint.formal_requested_on
        and complaint.formal_request_due >= today
    ):
        rows.append(
            HeaderTerm.running(_("Alsnog formele behandeling (Awb 9:5)"), complaint.formal_request_due, today)
        )
    if complaint.closed_at:
        until = terms.ombudsman_deadline(complaint.closed_at)
        if until >= today:
            rows.append(HeaderTerm.running(_("Naar de ombudsman (Awb 9:24)"), until, today))
    return rows


# The disclosures of the file page, in order, and what goes in each (steps and actions by name).
GROUPS: tuple[tuple[str, Any, frozenset[str]], ...] = (
    (
        "behandeling",
        _("Behandeling"),
        frozenset(
            {
                "start_triage",
                "start_informal",
                "start_formal",
                "handle_as_signal",
                "resolve_informally",
                "escalate",
                "reopen_formal",
                "refer",
                "forward",
                "not_handle",
                "withdraw",
                "assign",
                "contact",
                "note",
            }
        ),
    ),
    ("termijnen", _("Termijnen"), frozenset({"postpone", "extend_with_consent", "committee"})),
    ("horen", _("Horen"), frozenset({"schedule_hearing", "skip_hearing"})),
    (
        "afronden",
        _("Afronden"),
        frozenset(
            {
                "findings",
                "decide",
                "start_learning_review",
                "learning_review",
                "propose_measure",
                "close",
                "ombudsman",
            }
        ),
    ),
    ("gegevens", _("Gegevens"), frozenset({"competent_organ", "about_failure_to_decide", "representative"})),
)


def offered_actions(complaint: Complaint, actions: Iterable[str], *, uses_committee: bool) -> frozenset[str]:
    """The allowed actions that have something to offer on this file now (a form that can succeed)."""
    offered = set(actions)
    if complaint.consented_decision_due or terms.MAX_POSTPONEMENT_WEEKS - complaint.postponement_weeks <= 0:
        offered.discard("postpone")
    if not uses_committee:
        offered.discard("committee")
    if not complaint.representative_id:
        offered.discard("representative")
    return frozenset(offered)


@dataclass(frozen=True)
class ActionText:
    title: Any
    button: Any
    intro: Any = ""
    # Per-row actions have no single form: the primary action links to their section.
    anchor: str = ""


# Every button says what it does.
ACTION_TEXTS: dict[str, ActionText] = {
    "assign": ActionText(_("Behandelaar toewijzen"), _("Behandelaar toewijzen")),
    "contact": ActionText(_("Contact vastleggen"), _("Contact vastleggen")),
    "note": ActionText(_("Notitie toevoegen"), _("Notitie toevoegen")),
    "findings": ActionText(_("Bevindingen en conclusies"), _("Bevindingen opslaan")),
    "postpone": ActionText(
        _("Beslissing verdagen (Awb 9:11 lid 2)"),
        _("Verdaging vastleggen"),
        _("Alleen vóór het einde van de beslistermijn."),
    ),
    "extend_with_consent": ActionText(
        _("Verder uitstel met instemming van de klager (Awb 9:11 lid 3)"),
        _("Uitstel met instemming vastleggen"),
    ),
    "committee": ActionText(
        _("Klachtadviescommissie (afdeling 9.1.3 Awb)"), _("Keuze voor de adviescommissie vastleggen")
    ),
    "competent_organ": ActionText(_("Bevoegd bestuursorgaan"), _("Bevoegd bestuursorgaan vastleggen")),
    "about_failure_to_decide": ActionText(
        _("Gaat over niet tijdig beslissen (Awb 9:8 lid 1 onder d)"),
        _("Vastleggen of het over niet tijdig beslissen gaat"),
    ),
    "representative": ActionText(_("Machtiging van de gemachtigde (Awb 2:1)"), _("Machtiging vastleggen")),
    "ombudsman": ActionText(
        _("Klager ging naar de ombudsman (Awb 9:17, 9:24)"), _("Gegevens over de ombudsman vastleggen")
    ),
    "learning_review": ActionText(_("Leerpunten"), _("Leerpunten opslaan")),
    "propose_measure": ActionText(_("Verbetermaatregel voorstellen"), _("Verbetermaatregel voorstellen")),
    "skip_hearing": ActionText(
        _("De klager niet horen (Awb 9:10 lid 2)"),
        _("Reden om niet te horen vastleggen"),
        _(
            "Alleen op een van deze drie gronden. Onder c kan pas als de klager met een termijn is uitgenodigd "
            "en die termijn verstreek zonder antwoord."
        ),
    ),
    "waive_copy": ActionText(
        _("Reden vastleggen: geen kopie per e-mail"), _("Reden zonder kopie vastleggen")
    ),
    "add_part": ActionText(_("Klachtonderdeel toevoegen"), _("Klachtonderdeel toevoegen")),
    "edit_title": ActionText(_("Onderwerp wijzigen"), _("Onderwerp wijzigen")),
    "judge_part": ActionText(
        _("Klachtonderdelen beoordelen"), _("Klachtonderdelen beoordelen"), anchor="h-parts"
    ),
    "hearing_report": ActionText(
        _("Hoorverslag vastleggen"), _("Hoorverslagen vastleggen"), anchor="h-hearings"
    ),
    "hearing_response": ActionText(
        _("Antwoord op de uitnodiging vastleggen"),
        _("Antwoord op de uitnodiging vastleggen"),
        anchor="h-hearings",
    ),
}


def _item(name: str, steps: dict, forms: dict) -> dict | None:
    if name in steps:
        transition, form = steps[name]
        return {
            "kind": "step",
            "name": name,
            "title": transition.label,
            "button": transition.label,
            "form": form,
            "bound": form.is_bound,
        }
    text = ACTION_TEXTS.get(name)
    if text is None:
        return None
    if text.anchor:
        return {
            "kind": "link",
            "name": name,
            "title": text.title,
            "button": text.button,
            "anchor": text.anchor,
        }
    form = forms.get(name)
    if form is None:
        return None
    return {
        "kind": "action",
        "name": name,
        "title": text.title,
        "button": text.button,
        "intro": text.intro,
        "form": form,
        "bound": form.is_bound,
    }


def primary_item(suggested: str | None, transitions: Iterable, forms: dict) -> dict | None:
    """The suggested step as the page shows it: its own form, or a link to its section."""
    if suggested is None:
        return None
    return _item(suggested, {t.name: (t, form) for t, form in transitions}, forms)


def action_groups(
    transitions: Iterable, forms: dict, offered: Iterable[str], suggested: str | None
) -> list[dict]:
    """The disclosures of the file page with their steps and actions (not the suggested one).

    A group opens by itself when it holds a form that was just posted with an error.
    """
    steps = {t.name: (t, form) for t, form in transitions}
    present = (set(steps) | set(offered)) - {suggested}
    groups = []
    for key, label, names in GROUPS:
        ordered = [name for name in _ORDER if name in names & present]
        items = [
            item
            for item in (_item(name, steps, forms) for name in ordered)
            if item and item["kind"] != "link"
        ]
        if items or key == "termijnen":
            groups.append(
                {"key": key, "label": label, "items": items, "open": any(item["bound"] for item in items)}
            )
    return groups


# The order within a group: the usual next steps first, the rare ones last.
_ORDER = (
    "start_triage", "assign", "contact", "note", "start_informal", "start_formal", "handle_as_signal",
    "resolve_informally", "escalate", "reopen_formal", "refer", "forward", "not_handle", "withdraw",
    "postpone", "extend_with_consent", "committee",
    "schedule_hearing", "skip_hearing",
    "findings", "decide", "start_learning_review", "learning_review", "propose_measure", "close", "ombudsman",
    "competent_organ", "about_failure_to_decide", "representative",
)  # fmt: skip


def timeline(complaint: Complaint) -> tuple[list[ComplaintEvent], list[ComplaintEvent]]:
    """The latest :data:`TIMELINE_SHOWN` entries and the older ones, each newest first."""
    events = list(complaint.events.select_related("actor").order_by("-at", "-pk"))
    return events[:TIMELINE_SHOWN], events[TIMELINE_SHOWN:]
