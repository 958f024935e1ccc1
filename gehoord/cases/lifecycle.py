"""The complaint lifecycle: the one state machine every caller uses.

::

    received -> triage -> informal -> resolved_informally -> learning_review -> closed
                      |          \\-> (escalate) -> formal -> hearing -> decided -^
                      |-> formal ---------------------^  \\-----------------^
                      |-> referred       (not a complaint: referred elsewhere)
                      |-> handle_as_signal -> learning_review   (anonymous, Awb 9:1/9:4)
                      \\-> not_handled    (Awb 9:8; also from informal, formal, hearing)
    received/triage -> forward -> referred  (a bezwaar, Woo request or claim, Awb 2:3)
    resolved_informally/learning_review -> reopen_formal -> formal   (Awb 9:5, within the offered term)
    any open status -> withdrawn

Each :class:`Transition` names the statuses it leaves from, the status it goes
to, the roles that may take it, the guard that must hold and what it records.
:func:`perform` is the only code that changes ``Complaint.status``. The guarded
steps that do not change the status but are lifecycle rules all the same —
assigning a handler (Awb 9:7), postponing the decision (Awb 9:11 lid 2), a
further delay with consent (lid 3), the advisory committee (lid 1), leaving
the hearing out (Awb 9:10 lid 2) — live here too, and so does the table of
what else may be done in which status (:data:`ACTION_STATUSES`).

The rules of Awb chapter 9, and where they are enforced here:

* 9:5 — resolving informally records the complainant's satisfaction; the
  confirmation offers formal handling until ``formal_request_due``, and
  ``reopen_formal`` allows exactly that (the term of 9:11 still counts from
  the original receipt).
* 9:7 — nobody handles, or signs for, a complaint about their own conduct.
* 9:8 — ``not_handle`` takes the ground as the law numbers it (lid 1 a-f,
  lid 2); b is checked against the conduct date; c and d are refused for a
  complaint about failing to decide in time (the exception in lid 1 d).
* 9:9 — a decision needs the copy sent to each person complained about, or a
  recorded reason why not (:func:`copies_outstanding`).
* 9:10 — a decision needs the complainant heard (a report) or a ground of
  lid 2 that holds now (:func:`hearing_skip_problem`: c only after an
  invitation whose term passed), and each person complained about offered a
  hearing (:func:`hearings_outstanding`).
* 9:11 — 6 weeks, 10 with the committee for that complaint; postponing at
  most 4 weeks in total and only before the term ended; further only with
  the complainant's written consent.
* 9:12 — findings, a judgement per part, the breached norms of a founded part.

An illegal step raises a :class:`~gehoord.core.errors.DomainError` with a
message for the user; views and the API show it, never a server error.

Other apps react to a step through :func:`register_after_step` (correspondence
queues the letter a step owes the complainant), so that this module never
imports them. A hook runs inside the step's transaction, after the status
change and its timeline entry: what it writes commits together with the step,
and a hook that raises rolls the whole step back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from gehoord.accounts.roles import Role
from gehoord.cases.constants import (
    COPY_9_9_MARKER,
    FOUNDED_JUDGEMENTS,
    GROUNDS_NOT_FOR_FAILURE_TO_DECIDE,
    CopyWaiverReason,
    EventKind,
    HearingParty,
    HearingResponse,
    HearingSkipReason,
    Judgement,
    NotHandledGround,
    Outcome,
    RetentionResult,
    Route,
    Rung,
    Status,
)
from gehoord.clock import terms
from gehoord.clock.terms import MAX_POSTPONEMENT_WEEKS
from gehoord.core.errors import GuardFailed, PermissionDenied, TransitionNotAllowed
from gehoord.organisation.constants import DocumentKind

if TYPE_CHECKING:
    from gehoord.accounts.models import User
    from gehoord.cases.models import Complaint

OPEN_STATUSES = frozenset({Status.RECEIVED, Status.TRIAGE, Status.INFORMAL, Status.FORMAL, Status.HEARING})
FINAL_STATUSES = frozenset({Status.CLOSED, Status.REFERRED, Status.NOT_HANDLED, Status.WITHDRAWN})
# Everything still on someone's desk: open, or handled but not yet closed (learning review).
ACTIVE_STATUSES = frozenset(Status) - FINAL_STATUSES
# The formal route before its decision: judging and hearing (Awb 9:10, 9:12).
DECIDING_STATUSES = frozenset({Status.FORMAL, Status.HEARING})
# The decision term of Awb 9:11 runs: received and not yet handled, on whichever route.
TERM_RUNNING_STATUSES = OPEN_STATUSES
# Before the organ decided how to handle it: the Awb 9:8 lid 3 notice term runs for these.
INTAKE_STATUSES = frozenset({Status.RECEIVED, Status.TRIAGE})


def decision_term_runs(complaint: Complaint) -> bool:
    """Awb 9:11: the decision term runs (and may be postponed) while the complaint is open, on any route."""
    return complaint.status in TERM_RUNNING_STATUSES


def is_finished(complaint: Complaint) -> bool:
    """The handling has ended for good: closed, referred, not handled or withdrawn."""
    return complaint.status in FINAL_STATUSES


def notice_term_runs(complaint: Complaint) -> bool:
    """Awb 9:8 lid 3: the notice term runs until the organ decided how to handle the complaint.

    Not for an anonymous complaint: there is nobody to tell. ``cases.selectors`` filters on the same.
    """
    return complaint.status in INTAKE_STATUSES and not complaint.anonymous


COORDINATOR = frozenset({Role.COORDINATOR})
COORDINATOR_OR_HANDLER = frozenset({Role.COORDINATOR, Role.HANDLER})

Params = dict[str, Any]


@dataclass(frozen=True)
class Transition:
    name: str
    label: Any  # a lazy translated string
    sources: frozenset[Status]
    target: Status
    roles: frozenset[Role]
    # The complainant may withdraw through the status link: no employee acts.
    complainant_may: bool = False
    # Called as guard(complaint, params, at): `at` is the moment of the step, so "today" is its day.
    guard: Callable[[Complaint, Params, dt.datetime], None] | None = None
    effect: Callable[[Complaint, Params, dt.datetime], None] | None = None
    required: tuple[str, ...] = field(default=())
    # Parameters kept in the timeline entry's data because the file has no field for them.
    recorded: tuple[str, ...] = field(default=())


# --- guards -----------------------------------------------------------------


def _require_text(params: Params, key: str, message: str) -> str:
    value = (params.get(key) or "").strip()
    if not value:
        raise GuardFailed(message)
    return value


def _today() -> dt.date:
    return timezone.localdate()


def ensure_past_date(value: Any, at: dt.datetime, message: str) -> dt.date:
    """`value` as a day that has come by the moment `at` (something recorded as having happened then).

    Refused with `message` when it is no date, or lies after the day of `at`.
    """
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date) or value > timezone.localdate(at):
        raise GuardFailed(message)
    return value


def _date_param(params: Params, key: str, message: str, at: dt.datetime) -> dt.date:
    """A date parameter that lies on or before the day of the step."""
    value = params.get(key)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime) and value > timezone.localdate(at):
        message = _("Een datum die nog moet komen kan hier niet: %(date)s.") % {"date": f"{value:%d-%m-%Y}"}
    return ensure_past_date(value, at, message)


def _guard_refer(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    _require_text(params, "destination", _("Vermeld waarnaar de klager is doorverwezen."))


def _guard_forward(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    from gehoord.organisation.models import ForwardingDestination

    kind = params.get("document_kind")
    if kind not in DocumentKind.values:
        raise GuardFailed(_("Kies wat voor stuk het is: bezwaarschrift, Woo-verzoek of schadeclaim."))
    destination = ForwardingDestination.objects.select_related("department").filter(kind=kind).first()
    if destination is None or not destination.address:
        raise GuardFailed(
            _(
                "Er is nog niet ingesteld waarheen een %(kind)s wordt doorgestuurd. Functioneel beheer "
                "legt dat vast onder 'Doorzendadressen' in het beheer."
            )
            % {"kind": DocumentKind(kind).label.lower()}
        )


def one_year_before(day: dt.date) -> dt.date:
    """The same date a year earlier (29 February: 28 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return dt.date(day.year - 1, 2, 28)


def _guard_not_handle(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    ground = params.get("ground")
    if ground not in NotHandledGround.values:
        raise GuardFailed(
            _("Kies de wettelijke grond (Awb 9:8) waarop de klacht niet in behandeling wordt genomen.")
        )
    if ground in GROUNDS_NOT_FOR_FAILURE_TO_DECIDE and complaint.about_failure_to_decide:
        raise GuardFailed(
            _(
                "De klacht gaat over niet tijdig beslissen. Artikel 9:8, eerste lid, onder d, maakt daarvoor "
                "een uitzondering, en tegen niet tijdig beslissen staat geen bezwaar open (artikel 7:1, "
                "eerste lid, onder f): de gronden onder c en d kunnen niet worden gebruikt."
            )
        )
    if ground == NotHandledGround.OLDER_THAN_A_YEAR:
        received = terms.receipt_date(complaint.received_at)
        if complaint.conduct_date is None:
            _require_text(
                params,
                "reason",
                _(
                    "De datum van de gedraging is niet bekend. Licht toe waaruit blijkt dat de gedraging "
                    "meer dan een jaar vóór de klacht plaatsvond (Awb 9:8 lid 1 onder b)."
                ),
            )
        elif complaint.conduct_date >= one_year_before(received):
            raise GuardFailed(
                _(
                    "De gedraging was op %(conduct)s; de klacht kwam binnen op %(received)s. Dat is niet meer "
                    "dan een jaar, dus artikel 9:8, eerste lid, onder b is geen grond. Pas de datum van de "
                    "gedraging aan als die niet klopt."
                )
                % {"conduct": f"{complaint.conduct_date:%d-%m-%Y}", "received": f"{received:%d-%m-%Y}"}
            )


def _guard_not_anonymous(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    if complaint.anonymous:
        raise GuardFailed(
            _(
                "Een anonieme klacht krijgt geen formele behandeling (Awb 9:4 vraagt naam en adres). "
                "Behandel haar als signaal: bekijk wat er speelde en leer ervan."
            )
        )


def _guard_signal(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    if not complaint.anonymous:
        raise GuardFailed(_("Alleen een anonieme klacht wordt als signaal behandeld."))


def _guard_resolve_informally(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    _require_text(params, "solution", _("Beschrijf de oplossing die met de klager is afgesproken."))
    if params.get("rung") not in (Rung.EMPLOYEE, Rung.HANDLER):
        raise GuardFailed(
            _("Geef aan wie de klacht informeel heeft opgelost: de medewerker of de klachtbehandelaar.")
        )
    # Awb 9:5: the formal duties lapse only when the complainant is satisfied; that must be shown.
    satisfied_on = _date_param(
        params,
        "satisfied_on",
        _("Leg vast op welke datum de klager liet weten tevreden te zijn (Awb 9:5)."),
        at,
    )
    if satisfied_on < terms.receipt_date(complaint.received_at):
        raise GuardFailed(_("De klager kan niet tevreden zijn geweest vóór de klacht binnenkwam."))
    _require_text(
        params,
        "satisfied_how",
        _("Leg vast hoe de klager liet weten tevreden te zijn, bijvoorbeeld 'telefonisch'."),
    )


def _guard_reopen_formal(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    if complaint.outcome != Outcome.RESOLVED_INFORMALLY:
        raise GuardFailed(_("Alleen een informeel opgeloste klacht kan alsnog formeel worden behandeld."))
    requested_on = _date_param(
        params, "requested_on", _("Leg vast op welke datum de klager om formele behandeling vroeg."), at
    )
    _require_text(params, "how", _("Leg vast hoe de klager om formele behandeling vroeg."))
    due = complaint.formal_request_due
    if due is not None and requested_on > due:
        raise GuardFailed(
            _(
                "De klager vroeg op %(asked)s om formele behandeling; dat kon tot en met %(due)s, zoals de "
                "bevestigingsbrief zegt. Een nieuwe klacht kan wel worden ingediend."
            )
            % {"asked": f"{requested_on:%d-%m-%Y}", "due": f"{due:%d-%m-%Y}"}
        )


def _guard_schedule_hearing(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    hearing_on = params.get("hearing_on")
    if isinstance(hearing_on, dt.datetime) or not isinstance(hearing_on, dt.date):
        raise GuardFailed(_("Geef de datum van de hoorzitting op."))
    # The invitation letter names this date: it cannot invite to a day that has passed.
    if hearing_on < timezone.localdate(at):
        raise GuardFailed(
            _("De datum van de hoorzitting (%(date)s) is al voorbij.") % {"date": f"{hearing_on:%d-%m-%Y}"}
        )
    respond_by = params.get("respond_by")
    if respond_by is not None:
        if isinstance(respond_by, dt.datetime) or not isinstance(respond_by, dt.date):
            raise GuardFailed(_("Geef de datum waarvoor de klager moet reageren als datum op."))
        if respond_by > hearing_on:
            raise GuardFailed(_("De reactietermijn moet eindigen vóór of op de dag van de hoorzitting."))
    earliest = terms.earliest_hearing_response_deadline(at)
    if hearing_respond_by(params, at) < earliest:
        raise GuardFailed(
            _(
                "Wie wordt uitgenodigd, krijgt een redelijke termijn om te laten weten of hij gehoord wil "
                "worden (Awb 9:10 lid 2 onder c): ten minste een week, dus tot en met %(date)s. Kies die "
                "datum of later, en plan de hoorzitting niet eerder."
            )
            % {"date": f"{earliest:%d-%m-%Y}"}
        )
    if complaint.hearing_skip_reason and not (
        params.get("invite_employees", True) and complaint.employees_involved.filter(is_active=True).exists()
    ):
        raise GuardFailed(
            _(
                "Horen van de klager blijft achterwege (Awb 9:10 lid 2) en er is geen betrokken medewerker om "
                "uit te nodigen: er is niemand om te horen."
            )
        )


def hearing_skip_problem(complaint: Complaint, reason: str, today: dt.date | None = None) -> str | None:
    """Why `reason` (Awb 9:10 lid 2) does not hold for this complaint now; None when it does."""
    today = today or _today()
    if reason == HearingSkipReason.CLEARLY_UNFOUNDED:
        if not complaint.hearing_skip_explanation.strip():
            return _("Motiveer waarom de klacht kennelijk ongegrond is (Awb 9:10 lid 2 onder a).")
        return None
    hearing = complainant_hearing(complaint)
    if reason == HearingSkipReason.WAIVED:
        if hearing is not None and hearing.response == HearingResponse.WANTS:
            return _("De klager heeft laten weten gehoord te willen worden.")
        return None
    if reason == HearingSkipReason.NO_RESPONSE:
        if hearing is None:
            return _(
                "Onder c kan alleen als de klager is uitgenodigd met een termijn om te reageren, en die "
                "termijn is verstreken (Awb 9:10 lid 2 onder c). Stuur eerst een uitnodiging."
            )
        if hearing.response:
            return _("De klager heeft op de uitnodiging gereageerd; onder c is dan geen grond.")
        if hearing.respond_by >= today:
            return _(
                "De termijn in de uitnodiging loopt nog tot en met %(date)s. Pas daarna kan worden "
                "vastgesteld dat de klager niet heeft gereageerd (Awb 9:10 lid 2 onder c)."
            ) % {"date": f"{hearing.respond_by:%d-%m-%Y}"}
        return None
    return _("Kies een wettelijke reden om niet te horen (Awb 9:10 lid 2).")


def complainant_hearing(complaint: Complaint):
    """The complainant's hearing (invitation, answer, report), or None before an invitation."""
    return next((h for h in complaint.hearings.all() if h.party == HearingParty.COMPLAINANT), None)


def copies_outstanding(complaint: Complaint) -> list[str]:
    """Awb 9:9: who complained about has neither received the copy nor a recorded reason why not."""
    from gehoord.cases.models import ComplaintEvent

    waivers = list(complaint.copy_waivers.all())
    employees = list(complaint.employees_involved.all())
    if not employees:
        if any(waiver.reason == CopyWaiverReason.NO_PERSON for waiver in waivers):
            return []
        return [
            _(
                "Er is geen betrokken medewerker vastgelegd. Leg vast over wie de klacht gaat, of leg vast dat "
                "zij niet over een aanwijsbare medewerker gaat (Awb 9:9)."
            )
        ]
    sent_to: set[int] = set()
    for data in ComplaintEvent.objects.filter(
        complaint=complaint, kind=EventKind.LETTER, data__copy=COPY_9_9_MARKER
    ).values_list("data", flat=True):
        sent_to.update(pk for pk in (data or {}).get("recipients", []) if isinstance(pk, int))
    waived = {waiver.employee_id for waiver in waivers if waiver.employee_id}
    missing = [e for e in employees if e.pk not in sent_to and e.pk not in waived]
    return [
        _("%(name)s heeft nog geen kopie van de klacht gekregen, en er is geen reden vastgelegd (Awb 9:9).")
        % {"name": employee.get_full_name() or employee.username}
        for employee in missing
    ]


def hearings_outstanding(complaint: Complaint, today: dt.date | None = None) -> list[str]:
    """Awb 9:10: what is still missing before a decision may be taken without breaching the right to be heard."""
    today = today or _today()
    problems: list[str] = []
    skip = complaint.hearing_skip_reason
    hearing = complainant_hearing(complaint)
    if skip:
        problem = hearing_skip_problem(complaint, skip, today)
        if problem:
            problems.append(problem)
    elif hearing is None:
        problems.append(
            _(
                "De klager is nog niet uitgenodigd om gehoord te worden. Nodig uit, of leg vast waarom horen "
                "achterwege blijft (Awb 9:10 lid 2)."
            )
        )
    elif hearing.response == HearingResponse.DECLINED:
        problems.append(
            _(
                "De klager ziet af van horen. Leg dat vast als reden om niet te horen (Awb 9:10 lid 2 onder b)."
            )
        )
    elif not hearing.is_reported:
        if not hearing.response and hearing.respond_by < today:
            problems.append(
                _(
                    "De klager reageerde niet binnen de termijn. Leg dat vast als reden om niet te horen "
                    "(Awb 9:10 lid 2 onder c), of leg het hoorverslag vast."
                )
            )
        else:
            problems.append(_("Leg het hoorverslag van de klager vast (Awb 9:10 lid 3)."))
    # Lid 1 offers the person complained about a hearing as well; lid 2 lets only the
    # complainant's hearing be left out, so this holds even for a clearly unfounded complaint.
    left = {
        waiver.employee_id
        for waiver in complaint.copy_waivers.all()
        if waiver.reason == CopyWaiverReason.EMPLOYEE_LEFT
    }
    employee_hearings = {
        h.employee_id: h for h in complaint.hearings.all() if h.party == HearingParty.EMPLOYEE
    }
    for employee in complaint.employees_involved.all():
        if employee.pk in left:
            continue
        name = employee.get_full_name() or employee.username
        offered = employee_hearings.get(employee.pk)
        if offered is None:
            problems.append(
                _(
                    "%(name)s (beklaagde) is nog niet in de gelegenheid gesteld gehoord te worden (Awb 9:10 lid 1)."
                )
                % {"name": name}
            )
        elif not (
            offered.is_reported
            or offered.response == HearingResponse.DECLINED
            or (not offered.response and offered.respond_by < today)
        ):
            problems.append(
                _("Leg het hoorverslag van %(name)s (beklaagde) vast, of dat die afziet van horen.")
                % {"name": name}
            )
    return problems


@dataclass(frozen=True)
class ChecklistItem:
    """One thing a formal decision needs (Awb 9:9, 9:10, 9:12), and what is still missing of it.

    `key` names the part of the file where it is fixed (the file page links
    there); `action` is the action or step that fixes it first.
    """

    key: str
    label: Any  # a lazy translated string
    action: str
    problems: tuple[str, ...] = ()

    @property
    def done(self) -> bool:
        return not self.problems


def decision_checklist(complaint: Complaint, today: dt.date | None = None) -> list[ChecklistItem]:
    """Everything a formal decision needs, each item done or with what it still lacks (in that order)."""
    parts = list(complaint.parts.prefetch_related("norms"))
    part_problems: list[str] = []
    if not parts:
        part_problems.append(_("Leg minstens één klachtonderdeel vast en beoordeel het."))
    unjudged = [part.position for part in parts if not part.judgement]
    if unjudged:
        part_problems.append(
            _("Geef een oordeel over elk klachtonderdeel; nog zonder oordeel: %(parts)s.")
            % {"parts": ", ".join(str(p) for p in unjudged)}
        )
    without_norm = [
        part.position for part in parts if part.judgement in FOUNDED_JUDGEMENTS and not part.norms.all()
    ]
    if without_norm:
        part_problems.append(
            _("Noem bij elk (deels) gegrond onderdeel de geschonden behoorlijkheidsnorm(en): %(parts)s.")
            % {"parts": ", ".join(str(p) for p in without_norm)}
        )
    hearing_problems: list[str] = []
    if complaint.hearing_skip_reason == HearingSkipReason.CLEARLY_UNFOUNDED and any(
        part.judgement in FOUNDED_JUDGEMENTS for part in parts
    ):
        hearing_problems.append(
            _(
                "Horen is overgeslagen omdat de klacht kennelijk ongegrond was, maar een onderdeel is "
                "(deels) gegrond. Nodig de klager alsnog uit om gehoord te worden (Awb 9:10)."
            )
        )
    hearing_problems.extend(hearings_outstanding(complaint, today))
    hearing_action = "hearing_report" if complaint.status == Status.HEARING else "schedule_hearing"
    findings_problems = (
        []
        if complaint.findings.strip()
        else [_("Een beslissing op een formele klacht vermeldt de bevindingen (Awb 9:12).")]
    )
    return [
        ChecklistItem(
            "findings", gettext_lazy("Bevindingen (Awb 9:12)"), "findings", tuple(findings_problems)
        ),
        ChecklistItem(
            "parts",
            gettext_lazy("Een oordeel over elk klachtonderdeel (Awb 9:12)"),
            "add_part" if not parts else "judge_part",
            tuple(part_problems),
        ),
        ChecklistItem("hearings", gettext_lazy("Horen (Awb 9:10)"), hearing_action, tuple(hearing_problems)),
        ChecklistItem(
            "copies",
            gettext_lazy("Kopie aan de beklaagde (Awb 9:9)"),
            "waive_copy",
            tuple(copies_outstanding(complaint)),
        ),
    ]


def decision_outstanding(complaint: Complaint, today: dt.date | None = None) -> list[str]:
    """Everything a formal decision still lacks, all at once (Awb 9:9, 9:10, 9:12)."""
    return [problem for item in decision_checklist(complaint, today) for problem in item.problems]


def _guard_decide(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    problems = decision_outstanding(complaint, timezone.localdate(at))
    if problems:
        raise GuardFailed(
            ngettext(
                "Er ontbreekt nog iets voor de beslissing: %(items)s",
                "Er ontbreken nog %(n)d dingen voor de beslissing: %(items)s",
                len(problems),
            )
            % {"n": len(problems), "items": " ".join(f"({i}) {p}" for i, p in enumerate(problems, start=1))}
        )


CLOSING_RESULTS = frozenset({RetentionResult.HANDLED, RetentionResult.FINANCIAL, RetentionResult.PERMANENT})


def _guard_close(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    if not complaint.outcome:
        raise GuardFailed(_("Een klacht kan pas worden afgesloten als de uitkomst vastligt."))
    if not hasattr(complaint, "learning_review"):
        raise GuardFailed(
            _("Leg eerst de leerpunten vast: was er iets te verbeteren, en wat hoort de klager daarover?")
        )
    due = complaint.formal_request_due
    if complaint.outcome == Outcome.RESOLVED_INFORMALLY and due is not None and timezone.localdate(at) <= due:
        # Awb 9:5: the confirmation letter offers formal handling until then; a closed file could not honour it.
        raise GuardFailed(
            _(
                "Afsluiten kan pas na %(due)s: tot en met die dag kan de klager nog om formele behandeling "
                "vragen, zoals de bevestigingsbrief zegt (Awb 9:5)."
            )
            % {"due": f"{due:%d-%m-%Y}"}
        )
    result = params.get("retention") or RetentionResult.HANDLED
    if result not in CLOSING_RESULTS:
        raise GuardFailed(
            _(
                "Kies het resultaat voor de bewaartermijn: behandeld, met financiële gevolgen of blijvend bewaren."
            )
        )


# --- effects ----------------------------------------------------------------


def overall_outcome(judgements: list[str]) -> Outcome:
    """The outcome of the whole complaint from the judgements on its parts."""
    kinds = set(judgements)
    if kinds == {Judgement.FOUNDED}:
        return Outcome.FOUNDED
    if kinds & FOUNDED_JUDGEMENTS:
        return Outcome.PARTLY_FOUNDED
    if Judgement.UNFOUNDED in kinds:
        return Outcome.UNFOUNDED
    return Outcome.NO_JUDGEMENT


def _end(outcome: Outcome) -> Callable[[Complaint, Params, dt.datetime], None]:
    def effect(complaint: Complaint, params: Params, at: dt.datetime) -> None:
        complaint.outcome = outcome
        complaint.closed_at = at
        complaint.end_reason = (params.get("reason") or "").strip()
        # Selectielijst 2020, 13: not handled, not admissible or broken off: 1 year; but a complainant
        # who already went to the ombudsman while the term had passed (Awb 9:24 lid 1 b) makes it 10.
        complaint.retention_result = (
            RetentionResult.OMBUDSMAN if complaint.ombudsman_on is not None else RetentionResult.NOT_HANDLED
        )

    return effect


def _effect_refer(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    _end(Outcome.REFERRED)(complaint, params, at)
    complaint.referred_to = params["destination"].strip()


def _effect_forward(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    from gehoord.organisation.models import ForwardingDestination

    destination = ForwardingDestination.objects.get(kind=params["document_kind"])
    _end(Outcome.REFERRED)(complaint, params, at)
    complaint.referred_to = destination.name
    complaint.forwarded_kind = destination.kind


def _effect_not_handle(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    _end(Outcome.NOT_HANDLED)(complaint, params, at)
    complaint.not_handled_ground = params["ground"]


def _route(route: Route) -> Callable[[Complaint, Params, dt.datetime], None]:
    def effect(complaint: Complaint, params: Params, at: dt.datetime) -> None:
        complaint.route = route

    return effect


def _effect_signal(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    complaint.route = Route.INFORMAL
    complaint.outcome = Outcome.NO_JUDGEMENT
    complaint.end_reason = (params.get("reason") or "").strip()


def _effect_resolve_informally(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    from gehoord.organisation.models import Municipality

    complaint.informal_solution = params["solution"].strip()
    complaint.resolution_rung = params["rung"]
    complaint.outcome = Outcome.RESOLVED_INFORMALLY
    complaint.satisfaction_confirmed_on = params["satisfied_on"]
    complaint.satisfaction_how = params["satisfied_how"].strip()
    # The confirmation letter, queued in this step, offers formal handling until then.
    complaint.formal_request_due = terms.informal_reopen_deadline(
        at, Municipality.load().informal_reopen_days
    )


def _effect_reopen_formal(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    # Awb 9:11: the decision term still counts from the original receipt.
    complaint.route = Route.FORMAL
    complaint.outcome = ""
    complaint.resolution_rung = ""
    complaint.formal_requested_on = params["requested_on"]


def hearing_respond_by(params: Params, at: dt.datetime) -> dt.date:
    """The answer term an invitation sets: the one given, else the municipality's term, not after the hearing."""
    from gehoord.organisation.models import Municipality

    return params.get("respond_by") or min(
        terms.hearing_response_deadline(at, Municipality.load().hearing_response_weeks), params["hearing_on"]
    )


def _effect_schedule_hearing(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    from gehoord.cases.models import Hearing

    respond_by = hearing_respond_by(params, at)
    details = {
        "invited_at": at,
        "respond_by": respond_by,
        "hearing_on": params["hearing_on"],
        "hearing_time": (params.get("hearing_time") or "").strip(),
        "location": (params.get("hearing_location") or "").strip(),
    }
    # The invitation letter states the term it set; the hook reads it from the params.
    params["respond_by"] = respond_by
    # A complainant whose hearing was lawfully left out (Awb 9:10 lid 2) is not invited
    # again when only the person complained about is still to be offered a hearing (lid 1).
    params["complainant_invited"] = not complaint.hearing_skip_reason
    if params["complainant_invited"]:
        Hearing.objects.update_or_create(
            complaint=complaint, party=HearingParty.COMPLAINANT, defaults=details
        )
    invited = []
    if params.get("invite_employees", True):
        for employee in complaint.employees_involved.filter(is_active=True):
            Hearing.objects.update_or_create(
                complaint=complaint, party=HearingParty.EMPLOYEE, employee=employee, defaults=details
            )
            invited.append(employee.pk)
    params["employees_invited"] = invited


def _effect_decide(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    complaint.outcome = overall_outcome(list(complaint.parts.values_list("judgement", flat=True)))
    complaint.decided_at = at
    complaint.resolution_rung = Rung.HANDLER


def _effect_close(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    complaint.closed_at = at
    if complaint.ombudsman_on is None or params.get("retention") == RetentionResult.PERMANENT:
        complaint.retention_result = params.get("retention") or RetentionResult.HANDLED
    else:
        complaint.retention_result = RetentionResult.OMBUDSMAN


TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition(
            name="start_triage",
            label=gettext_lazy("Triage starten"),
            sources=frozenset({Status.RECEIVED}),
            target=Status.TRIAGE,
            roles=COORDINATOR,
        ),
        Transition(
            name="refer",
            label=gettext_lazy("Doorverwijzen (geen klacht)"),
            sources=frozenset({Status.TRIAGE}),
            target=Status.REFERRED,
            roles=COORDINATOR,
            guard=_guard_refer,
            effect=_effect_refer,
        ),
        Transition(
            # Awb 2:3, 6:15 by analogy: a bezwaar, Woo request or claim is sent on, not sent back.
            name="forward",
            label=gettext_lazy("Doorsturen (bezwaar, Woo-verzoek of schadeclaim)"),
            sources=INTAKE_STATUSES,
            target=Status.REFERRED,
            roles=COORDINATOR,
            guard=_guard_forward,
            effect=_effect_forward,
        ),
        Transition(
            name="not_handle",
            label=gettext_lazy("Niet in behandeling nemen (Awb 9:8)"),
            sources=frozenset({Status.TRIAGE, Status.INFORMAL, Status.FORMAL, Status.HEARING}),
            target=Status.NOT_HANDLED,
            roles=COORDINATOR,
            guard=_guard_not_handle,
            effect=_effect_not_handle,
        ),
        Transition(
            name="start_informal",
            label=gettext_lazy("Informeel behandelen"),
            sources=frozenset({Status.TRIAGE}),
            target=Status.INFORMAL,
            roles=COORDINATOR,
            effect=_route(Route.INFORMAL),
        ),
        Transition(
            name="start_formal",
            label=gettext_lazy("Formeel behandelen"),
            sources=frozenset({Status.TRIAGE}),
            target=Status.FORMAL,
            roles=COORDINATOR,
            guard=_guard_not_anonymous,
            effect=_route(Route.FORMAL),
        ),
        Transition(
            # Awb 9:1, 9:4: an anonymous complaint is looked into and learned from, without the formal route.
            name="handle_as_signal",
            label=gettext_lazy("Als signaal behandelen (anoniem)"),
            sources=frozenset({Status.TRIAGE}),
            target=Status.LEARNING_REVIEW,
            roles=COORDINATOR,
            guard=_guard_signal,
            effect=_effect_signal,
        ),
        Transition(
            name="resolve_informally",
            label=gettext_lazy("Informeel opgelost"),
            sources=frozenset({Status.INFORMAL}),
            target=Status.RESOLVED_INFORMALLY,
            roles=COORDINATOR_OR_HANDLER,
            guard=_guard_resolve_informally,
            effect=_effect_resolve_informally,
        ),
        Transition(
            name="escalate",
            label=gettext_lazy("Naar formele behandeling"),
            sources=frozenset({Status.INFORMAL}),
            target=Status.FORMAL,
            roles=COORDINATOR_OR_HANDLER,
            guard=_guard_not_anonymous,
            effect=_route(Route.FORMAL),
        ),
        Transition(
            # Awb 9:5: the confirmation offers formal handling within a term; asked within it, it follows.
            name="reopen_formal",
            label=gettext_lazy("Alsnog formeel behandelen (klager vraagt erom)"),
            sources=frozenset({Status.RESOLVED_INFORMALLY, Status.LEARNING_REVIEW}),
            target=Status.FORMAL,
            roles=COORDINATOR_OR_HANDLER,
            guard=_guard_reopen_formal,
            effect=_effect_reopen_formal,
            # Awb 9:5: when and how the complainant asked is what shows the request was in time.
            recorded=("requested_on", "how"),
        ),
        Transition(
            name="schedule_hearing",
            label=gettext_lazy("Uitnodigen om gehoord te worden (Awb 9:10)"),
            sources=frozenset({Status.FORMAL}),
            target=Status.HEARING,
            roles=COORDINATOR_OR_HANDLER,
            guard=_guard_schedule_hearing,
            effect=_effect_schedule_hearing,
        ),
        Transition(
            name="decide",
            label=gettext_lazy("Beslissen"),
            sources=DECIDING_STATUSES,
            target=Status.DECIDED,
            roles=COORDINATOR_OR_HANDLER,
            guard=_guard_decide,
            effect=_effect_decide,
        ),
        Transition(
            name="start_learning_review",
            label=gettext_lazy("Naar leerpunten"),
            sources=frozenset({Status.RESOLVED_INFORMALLY, Status.DECIDED}),
            target=Status.LEARNING_REVIEW,
            roles=COORDINATOR_OR_HANDLER,
        ),
        Transition(
            name="close",
            label=gettext_lazy("Afsluiten"),
            sources=frozenset({Status.LEARNING_REVIEW}),
            target=Status.CLOSED,
            roles=COORDINATOR,
            guard=_guard_close,
            effect=_effect_close,
        ),
        Transition(
            name="withdraw",
            label=gettext_lazy("Intrekken"),
            sources=OPEN_STATUSES,
            target=Status.WITHDRAWN,
            roles=COORDINATOR_OR_HANDLER,
            complainant_may=True,
            effect=_end(Outcome.WITHDRAWN),
        ),
    )
}


# --- hooks after a step --------------------------------------------------------

# Called as hook(complaint, name, params) inside the step's transaction, after
# the status change (or the postponement) and its timeline entry. `name` is a
# key of TRANSITIONS, "postpone" for :func:`postpone_decision` or "register"
# for a new complaint (gehoord.cases.services.register_complaint); `params`
# are the step's parameters.
AfterStepHook = Callable[["Complaint", str, Params], None]
AFTER_STEP_HOOKS: list[AfterStepHook] = []


def register_after_step(hook: AfterStepHook) -> AfterStepHook:
    """Have `hook` called after every lifecycle step (once, however often it is registered)."""
    if hook not in AFTER_STEP_HOOKS:
        AFTER_STEP_HOOKS.append(hook)
    return hook


def run_after_step_hooks(complaint: Complaint, name: str, params: Params) -> None:
    """Call every registered hook; only lifecycle code (here and in register_complaint) calls this."""
    for hook in tuple(AFTER_STEP_HOOKS):
        hook(complaint, name, dict(params))


# --- permissions --------------------------------------------------------------


def is_involved(actor: User, complaint: Complaint) -> bool:
    """Whether the complaint is about `actor`'s own conduct (Awb 9:7: then they never handle it)."""
    return complaint.pk is not None and complaint.employees_involved.filter(pk=actor.pk).exists()


def may_perform(
    actor: User | None, complaint: Complaint, transition: Transition, *, involved: bool | None = None
) -> bool:
    """Whether `actor` (None: the complainant through their status link) may take this step.

    `involved` may be passed when the caller already knows it, to save a query.
    """
    if actor is None:
        return transition.complainant_may
    if not actor.is_active:
        return False
    if involved if involved is not None else is_involved(actor, complaint):
        return False
    if actor.has_role(Role.COORDINATOR) and Role.COORDINATOR in transition.roles:
        return True
    if actor.has_role(Role.HANDLER) and Role.HANDLER in transition.roles:
        return complaint.handler_id == actor.pk
    return False


def may_handle(actor: User | None, complaint: Complaint) -> bool:
    """The coordinator, or the handler assigned to this complaint, works on its content."""
    if actor is None or not actor.is_active or is_involved(actor, complaint):
        return False
    if actor.has_role(Role.COORDINATOR):
        return True
    return actor.has_role(Role.HANDLER) and complaint.handler_id == actor.pk


def ensure_may_handle(actor: User | None, complaint: Complaint) -> None:
    if not may_handle(actor, complaint):
        raise PermissionDenied(_("U mag deze klacht niet behandelen."), code="permission_denied")


def available_transitions(complaint: Complaint, actor: User | None) -> list[Transition]:
    """The steps `actor` may take from the complaint's current status (guards not checked)."""
    involved = actor is not None and is_involved(actor, complaint)
    return [
        t
        for t in TRANSITIONS.values()
        if complaint.status in t.sources and may_perform(actor, complaint, t, involved=involved)
    ]


# --- what may be done in which status ------------------------------------------

# Every action on a file besides the steps above, and the statuses it may be
# taken in. Services ask :func:`ensure_action_allowed` with the row locked;
# templates ask :func:`allowed_actions`. No other code compares statuses.
ACTION_STATUSES: dict[str, frozenset[Status]] = {
    "note": frozenset(Status),
    "contact": ACTIVE_STATUSES,
    "assign": ACTIVE_STATUSES,
    # The subject line (Complaint.title) is the file's own label: staff reword it while it is on a desk.
    "edit_title": ACTIVE_STATUSES,
    # Complaint parts are what the decision judges (Awb 9:12): added, reworded or split until it is taken.
    "add_part": OPEN_STATUSES,
    "reword_part": OPEN_STATUSES,
    "split_part": OPEN_STATUSES,
    "involve_employee": OPEN_STATUSES,
    "attachment": OPEN_STATUSES,
    "missing_elements": OPEN_STATUSES,
    "complainant_addition": OPEN_STATUSES,
    "representative": ACTIVE_STATUSES,
    "competent_organ": ACTIVE_STATUSES,
    "about_failure_to_decide": OPEN_STATUSES,
    # Awb 9:9: not when the complaint is not handled (9:8), referred or withdrawn.
    "send_copy": OPEN_STATUSES,
    "waive_copy": OPEN_STATUSES,
    # Afdeling 9.1.3: whether the advisory committee handles it, chosen before the decision.
    "committee": frozenset({Status.TRIAGE}) | DECIDING_STATUSES,
    "judge_part": DECIDING_STATUSES,
    "findings": DECIDING_STATUSES,
    "skip_hearing": DECIDING_STATUSES,
    # Awb 9:11: the term runs from receipt on every route until the complaint is handled.
    "postpone": TERM_RUNNING_STATUSES,
    "extend_with_consent": TERM_RUNNING_STATUSES,
    "hearing_response": frozenset({Status.HEARING}),
    "hearing_report": frozenset({Status.HEARING}),
    "learning_review": frozenset({Status.LEARNING_REVIEW}),
    "propose_measure": frozenset({Status.LEARNING_REVIEW}),
    # Awb 9:24 lid 1: after the handling ended (a decision taken), or once the decision term
    # passed (see may_record_ombudsman).
    "ombudsman": FINAL_STATUSES | OPEN_STATUSES | frozenset({Status.DECIDED, Status.LEARNING_REVIEW}),
    "erase": FINAL_STATUSES,
}

# Actions only the coordinator takes; the rest are for whoever handles the complaint.
COORDINATOR_ACTIONS = frozenset({"assign", "committee", "competent_organ", "erase"})

_PARTS_FIXED = gettext_lazy(
    "Klachtonderdelen kunnen alleen worden toegevoegd, anders verwoord of gesplitst zolang de klacht in "
    "behandeling is, dus vóór de beslissing."
)
_NOT_NOW = {
    "add_part": _PARTS_FIXED,
    "reword_part": _PARTS_FIXED,
    "split_part": _PARTS_FIXED,
    "edit_title": gettext_lazy("Het onderwerp van een afgesloten klacht blijft zoals het is."),
    "judge_part": gettext_lazy("Oordeel en bevindingen worden vastgelegd tijdens de formele behandeling."),
    "findings": gettext_lazy("Oordeel en bevindingen worden vastgelegd tijdens de formele behandeling."),
    "skip_hearing": gettext_lazy("Afzien van horen kan alleen bij een klacht in formele behandeling."),
    "postpone": gettext_lazy(
        "Alleen de termijn van een klacht die nog in behandeling is, kan worden verdaagd."
    ),
    "extend_with_consent": gettext_lazy(
        "Alleen de termijn van een klacht die nog in behandeling is, kan met instemming worden uitgesteld."
    ),
    "hearing_response": gettext_lazy("Een antwoord op de uitnodiging hoort bij een uitnodiging om te horen."),
    "hearing_report": gettext_lazy("Een hoorverslag hoort bij een uitnodiging om te horen."),
    "learning_review": gettext_lazy(
        "Leerpunten worden vastgelegd als de behandeling is afgerond en vóór het afsluiten."
    ),
    "propose_measure": gettext_lazy("Verbetermaatregelen worden voorgesteld tijdens de leerpunten."),
    "send_copy": gettext_lazy(
        "Deze klacht wordt niet (meer) behandeld. De betrokken medewerker krijgt dan geen kopie (Awb 9:9)."
    ),
    "complainant_addition": gettext_lazy(
        "Uw klacht is afgerond. Neem contact op met de gemeente als u nog iets wilt melden."
    ),
    "ombudsman": gettext_lazy(
        "De ombudsman komt pas in beeld als de klachtbehandeling is afgerond, of als de beslistermijn "
        "verstreek zonder beslissing (Awb 9:24)."
    ),
    "erase": gettext_lazy("Persoonsgegevens worden pas verwijderd als de behandeling is afgerond."),
    "committee": gettext_lazy("Of de adviescommissie de klacht behandelt, wordt vóór de beslissing gekozen."),
}


def may_record_ombudsman(complaint: Complaint, today: dt.date | None = None) -> bool:
    """Awb 9:24 lid 1: the complainant may go to the ombudsman after the handling, or once the term passed."""
    if (
        complaint.status in FINAL_STATUSES
        or complaint.status == Status.LEARNING_REVIEW
        or complaint.decided_at
    ):
        return True
    return complaint.status in OPEN_STATUSES and terms.is_overdue(complaint.decision_due, today or _today())


def action_allowed(complaint: Complaint, action: str, today: dt.date | None = None) -> bool:
    """Whether `action` may be taken on the file in its current status (who may is a separate question).

    `today` is the day the action is taken (default: today); only terms depend on it.
    """
    statuses = ACTION_STATUSES.get(action)
    if statuses is None:
        raise KeyError(f"Unknown action {action!r}: add it to ACTION_STATUSES.")
    if complaint.status not in statuses:
        return False
    if action == "ombudsman":
        return may_record_ombudsman(complaint, today)
    return True


def ensure_action_allowed(complaint: Complaint, action: str, today: dt.date | None = None) -> None:
    """Refuse `action` with a clear message when the file's status does not allow it."""
    if not action_allowed(complaint, action, today):
        message = _NOT_NOW.get(action) or _("Dit kan niet bij een klacht met status '%(status)s'.") % {
            "status": complaint.get_status_display()
        }
        raise TransitionNotAllowed(str(message), code="action_not_allowed")


def allowed_actions(complaint: Complaint, actor: User | None) -> frozenset[str]:
    """The actions `actor` may take on the file now: for the file page and the API."""
    if actor is None or not may_handle(actor, complaint):
        return frozenset()
    coordinator = actor.has_role(Role.COORDINATOR)
    return frozenset(
        action
        for action in ACTION_STATUSES
        if action_allowed(complaint, action) and (coordinator or action not in COORDINATOR_ACTIONS)
    )


# --- the next step ---------------------------------------------------------------


def _next_in_formal(complaint: Complaint, today: dt.date) -> str:
    """Formal route: invite and hear the parties first, then whatever the decision still lacks, then decide."""
    checklist = decision_checklist(complaint, today)
    if all(item.done for item in checklist):
        return "decide"
    hearings = next(item for item in checklist if item.key == "hearings")
    if not hearings.done:
        # Invited and answered first: findings and judgements follow from what the parties said.
        if complaint.status == Status.FORMAL and not complaint.hearings.exists():
            return "schedule_hearing"
        if complaint.status == Status.HEARING:
            return "hearing_report"
    return next(item.action for item in checklist if not item.done)


def _next_step(complaint: Complaint, today: dt.date) -> str | None:
    """What normally comes next in the complaint's status, whoever may take it."""
    status = complaint.status
    if status == Status.RECEIVED:
        return "start_triage"
    if status in OPEN_STATUSES and complaint.handler_id is None:
        return "assign"
    if status == Status.TRIAGE:
        return "handle_as_signal" if complaint.anonymous else "start_informal"
    if status == Status.INFORMAL:
        return "contact" if complaint.first_contact_at is None else "resolve_informally"
    if status in DECIDING_STATUSES:
        return _next_in_formal(complaint, today)
    if status in (Status.DECIDED, Status.RESOLVED_INFORMALLY):
        return "start_learning_review"
    if status == Status.LEARNING_REVIEW:
        return "close" if hasattr(complaint, "learning_review") else "learning_review"
    return None


def suggested_step(complaint: Complaint, actor: User | None, today: dt.date | None = None) -> str | None:
    """The step (a name in :data:`TRANSITIONS`) or action (in :data:`ACTION_STATUSES`) that is normally next.

    The file page offers it as its one primary action. None when the file is
    finished, or when what comes next is not for `actor` (a handler cannot
    assign, a department head takes no step): their page then shows no
    primary action rather than one they may not take.
    """
    name = _next_step(complaint, today or _today())
    if name is None or actor is None:
        return None
    if name in TRANSITIONS:
        return name if any(t.name == name for t in available_transitions(complaint, actor)) else None
    return name if name in allowed_actions(complaint, actor) else None


# --- performing ---------------------------------------------------------------


def _record(complaint: Complaint, **fields: Any):
    # Imported here: the timeline writer needs the models, which import this module.
    from gehoord.cases import timeline

    return timeline.record(complaint, **fields)


def _event_value(value: Any) -> Any:
    """A parameter as the timeline's JSON keeps it."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return value.strip() if isinstance(value, str) else value


def lock_for_action(
    complaint: Complaint, action: str, actor: User, today: dt.date | None = None
) -> Complaint:
    """Inside a transaction: lock the complaint's row and check again that `actor` may take `action` now.

    Services check early for a quick, clear refusal, and again here, so that a
    step taken at the same moment (a decision, a withdrawal) cannot slip in
    between the check and the write.
    """
    current = _locked(complaint)
    ensure_may_handle(actor, current)
    ensure_action_allowed(current, action, today)
    return current


def _locked(complaint: Complaint) -> Complaint:
    """Re-read the complaint under a row lock so two users cannot step at once."""
    from gehoord.cases.models import Complaint as ComplaintModel

    return ComplaintModel.objects.select_for_update().get(pk=complaint.pk)


def perform(
    complaint: Complaint,
    name: str,
    *,
    actor: User | None,
    at: dt.datetime | None = None,
    **params: Any,
) -> Complaint:
    """Take lifecycle step `name`, record it on the timeline and return the updated complaint."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise TransitionNotAllowed(_("Onbekende stap: %(name)s.") % {"name": name})
    at = at or timezone.now()
    with transaction.atomic():
        current = _locked(complaint)
        if current.status not in transition.sources:
            raise TransitionNotAllowed(
                _("'%(step)s' kan niet bij een klacht met status '%(status)s'.")
                % {"step": transition.label, "status": current.get_status_display()},
                code="transition_not_allowed",
            )
        if not may_perform(actor, current, transition):
            raise PermissionDenied(
                _("U mag de stap '%(step)s' bij deze klacht niet zetten.") % {"step": transition.label},
                code="permission_denied",
            )
        if transition.guard:
            transition.guard(current, params, at)
        from_status = current.status
        if transition.effect:
            transition.effect(current, params, at)
        current.status = transition.target
        current.save()
        _record(
            current,
            kind=EventKind.STATUS_CHANGE,
            at=at,
            actor=actor,
            from_status=from_status,
            to_status=transition.target,
            transition=transition.name,
            summary=str(transition.label),
            details=(params.get("reason") or "").strip(),
            data={key: _event_value(params[key]) for key in transition.recorded if key in params},
        )
        run_after_step_hooks(current, transition.name, params)
    return current


def assign_handler(
    complaint: Complaint, handler: User, *, actor: User, at: dt.datetime | None = None
) -> Complaint:
    """Make `handler` the handler; refused for anyone whose conduct the complaint is about (Awb 9:7)."""
    at = at or timezone.now()
    with transaction.atomic():
        current = _locked(complaint)
        if not actor.has_role(Role.COORDINATOR):
            raise PermissionDenied(_("Alleen de klachtencoördinator wijst een behandelaar toe."))
        if current.status in FINAL_STATUSES:
            raise TransitionNotAllowed(_("Een afgesloten klacht krijgt geen nieuwe behandelaar."))
        if not handler.is_active or not (
            handler.has_role(Role.HANDLER) or handler.has_role(Role.COORDINATOR)
        ):
            raise GuardFailed(_("%(name)s is geen actieve behandelaar.") % {"name": handler.get_full_name()})
        if current.employees_involved.filter(pk=handler.pk).exists():
            raise GuardFailed(
                _(
                    "%(name)s is betrokken bij de gedraging waarover geklaagd wordt en mag de "
                    "klacht niet behandelen (Awb 9:7)."
                )
                % {"name": handler.get_full_name()}
            )
        previous = current.handler
        current.handler = handler
        current.save(update_fields=["handler", "updated_at"])
        _record(
            current,
            kind=EventKind.ASSIGNMENT,
            at=at,
            actor=actor,
            summary=_("Behandelaar: %(name)s") % {"name": handler.get_full_name()},
            data={"handler": handler.pk, "previous": previous.pk if previous else None},
        )
    return current


def ensure_not_handler(complaint: Complaint, employee: User) -> None:
    """Awb 9:7 the other way round: the handler cannot be named as involved."""
    if complaint.handler_id == employee.pk:
        raise GuardFailed(
            _(
                "%(name)s behandelt deze klacht. Wijs eerst een andere behandelaar toe "
                "voordat u hem of haar als betrokkene vastlegt (Awb 9:7)."
            )
            % {"name": employee.get_full_name()}
        )


def postpone_decision(
    complaint: Complaint,
    *,
    weeks: int,
    reason: str,
    actor: User,
    at: dt.datetime | None = None,
) -> Complaint:
    """Awb 9:11 lid 2: postpone the decision, by at most 4 weeks in total, before the term has ended.

    It may be done more than once as long as the weeks add up to 4 at most.
    The complainant and each person complained about are told in writing (the
    "postpone" hook queues those letters in this transaction).
    """
    from gehoord.cases.deadlines import refresh_deadlines

    at = at or timezone.now()
    today = timezone.localdate(at)
    with transaction.atomic():
        current = _locked(complaint)
        ensure_action_allowed(current, "postpone")
        ensure_may_handle(actor, current)
        if today > terms.postponement_allowed_until(current.decision_due):
            raise GuardFailed(
                _(
                    "De beslistermijn is op %(due)s verstreken. Een verstreken termijn kan niet meer worden "
                    "verdaagd (Awb 9:11 lid 2). Verder uitstel kan alleen met schriftelijke instemming van "
                    "de klager (lid 3)."
                )
                % {"due": f"{current.decision_due:%d-%m-%Y}"}
            )
        if current.consented_decision_due:
            raise GuardFailed(
                _(
                    "De klager heeft al ingestemd met verder uitstel; leg een nieuwe datum vast met instemming."
                )
            )
        remaining = MAX_POSTPONEMENT_WEEKS - current.postponement_weeks
        if not isinstance(weeks, int) or not 1 <= weeks <= remaining:
            if remaining <= 0:
                message = _(
                    "De beslissing is al %(max)s weken verdaagd, het maximum (Awb 9:11 lid 2). Verder uitstel "
                    "kan alleen met schriftelijke instemming van de klager (lid 3)."
                ) % {"max": MAX_POSTPONEMENT_WEEKS}
            else:
                message = ngettext(
                    "Verdagen kan nog met ten hoogste %(n)s week: samen niet meer dan %(max)s weken "
                    "(Awb 9:11 lid 2). Meer kan alleen met schriftelijke instemming van de klager (lid 3).",
                    "Verdagen kan nog met 1 tot en met %(n)s weken: samen niet meer dan %(max)s weken "
                    "(Awb 9:11 lid 2). Meer kan alleen met schriftelijke instemming van de klager (lid 3).",
                    remaining,
                ) % {"n": remaining, "max": MAX_POSTPONEMENT_WEEKS}
            raise GuardFailed(message)
        if not reason.strip():
            raise GuardFailed(_("Vermeld de reden van de verdaging; die staat in de brief aan de klager."))
        previous_due = current.decision_due
        current.postponement_weeks += weeks
        current.postponement_reason = reason.strip()
        refresh_deadlines(current)
        current.save()
        _record(
            current,
            kind=EventKind.DEADLINE,
            at=at,
            actor=actor,
            summary=ngettext(
                "Beslissing verdaagd met %(weeks)s week, tot %(due)s",
                "Beslissing verdaagd met %(weeks)s weken, tot %(due)s",
                weeks,
            )
            % {"weeks": weeks, "due": current.decision_due.strftime("%d-%m-%Y")},
            transition="postpone",
            details=current.postponement_reason,
            data={
                "previous_due": previous_due.isoformat(),
                "due": current.decision_due.isoformat(),
                "weeks": weeks,
                "total_weeks": current.postponement_weeks,
            },
        )
        run_after_step_hooks(
            current,
            "postpone",
            {"weeks": weeks, "reason": current.postponement_reason, "previous_due": previous_due},
        )
    return current


def record_extension_consent(
    complaint: Complaint,
    *,
    until: dt.date,
    consent_on: dt.date,
    how: str,
    actor: User,
    at: dt.datetime | None = None,
) -> Complaint:
    """Awb 9:11 lid 3: a further delay, as far as the complainant consented to in writing.

    Records when and how the consent was given and the date consented to;
    every term shown (file, inbox, digest, status link, letters) then uses it.
    """
    from gehoord.cases.deadlines import refresh_deadlines

    at = at or timezone.now()
    with transaction.atomic():
        current = _locked(complaint)
        ensure_action_allowed(current, "extend_with_consent")
        ensure_may_handle(actor, current)
        ensure_past_date(
            consent_on,
            at,
            _("Leg vast op welke datum de klager instemde; die datum kan niet in de toekomst liggen."),
        )
        if not how.strip():
            raise GuardFailed(
                _("Leg vast hoe de klager schriftelijk instemde, bijvoorbeeld 'per e-mail van 3 maart'.")
            )
        if not isinstance(until, dt.date) or until <= current.decision_due:
            raise GuardFailed(
                _("De nieuwe datum moet na de huidige beslisdatum (%(due)s) liggen.")
                % {"due": f"{current.decision_due:%d-%m-%Y}"}
            )
        previous_due = current.decision_due
        current.consented_decision_due = until
        current.consent_given_on = consent_on
        current.consent_how = how.strip()
        refresh_deadlines(current)
        current.save()
        _record(
            current,
            kind=EventKind.DEADLINE,
            at=at,
            actor=actor,
            summary=_("Beslissing met instemming van de klager uitgesteld tot %(due)s (Awb 9:11 lid 3)")
            % {"due": f"{current.decision_due:%d-%m-%Y}"},
            transition="extend_with_consent",
            details=_("Instemming gegeven op %(date)s, %(how)s")
            % {"date": f"{consent_on:%d-%m-%Y}", "how": current.consent_how},
            data={
                "previous_due": previous_due.isoformat(),
                "due": current.decision_due.isoformat(),
                "consent_on": consent_on.isoformat(),
            },
        )
        run_after_step_hooks(current, "extend_with_consent", {"previous_due": previous_due})
    return current


def set_committee(
    complaint: Complaint, *, committee: bool, actor: User, at: dt.datetime | None = None
) -> Complaint:
    """Afdeling 9.1.3: whether the advisory committee handles this complaint; 10 weeks only then (9:11 lid 1)."""
    from gehoord.cases.deadlines import refresh_deadlines
    from gehoord.organisation.models import Municipality

    at = at or timezone.now()
    with transaction.atomic():
        current = _locked(complaint)
        if not actor.has_role(Role.COORDINATOR):
            raise PermissionDenied(
                _("Alleen de klachtencoördinator kiest of de adviescommissie de klacht behandelt.")
            )
        ensure_action_allowed(current, "committee")
        ensure_may_handle(actor, current)
        if committee and not Municipality.load().uses_advisory_committee:
            raise GuardFailed(
                _("De gemeente heeft geen klachtadviescommissie ingesteld (zie de gemeente-instellingen).")
            )
        if committee and timezone.localdate(at) > current.decision_due:
            # Choosing the committee cannot bring a term that already ran out back to life.
            raise GuardFailed(
                _(
                    "De beslistermijn is op %(due)s verstreken. De adviescommissie kan de klacht nog "
                    "behandelen, maar de termijn wordt daardoor niet alsnog 10 weken (Awb 9:11 lid 1); "
                    "verder uitstel kan alleen met schriftelijke instemming van de klager (lid 3)."
                )
                % {"due": f"{current.decision_due:%d-%m-%Y}"}
            )
        if current.committee == committee:
            return current
        current.committee = committee
        refresh_deadlines(current)
        current.save()
        _record(
            current,
            kind=EventKind.DEADLINE,
            at=at,
            actor=actor,
            summary=(
                _("Behandeling door de adviescommissie; beslissing uiterlijk %(due)s (Awb 9:11 lid 1)")
                if committee
                else _("Niet door de adviescommissie; beslissing uiterlijk %(due)s (Awb 9:11 lid 1)")
            )
            % {"due": f"{current.decision_due:%d-%m-%Y}"},
            transition="committee",
        )
        run_after_step_hooks(current, "committee", {"committee": committee})
    return current


def record_hearing_skipped(
    complaint: Complaint,
    *,
    reason: str,
    actor: User,
    explanation: str = "",
    waived_on: dt.date | None = None,
    waived_how: str = "",
    at: dt.datetime | None = None,
) -> Complaint:
    """Awb 9:10 lid 2: hearing the complainant is left out, on one of the three grounds only.

    a: clearly unfounded, with the reasoning; b: the complainant declared not
    to want to be heard (when and how, unless their answer to the invitation
    said so); c: no answer within the term of an invitation, once it passed.
    """
    if reason not in HearingSkipReason.values:
        raise GuardFailed(_("Kies een wettelijke reden om niet te horen (Awb 9:10 lid 2)."))
    at = at or timezone.now()
    with transaction.atomic():
        current = _locked(complaint)
        ensure_action_allowed(current, "skip_hearing")
        ensure_may_handle(actor, current)
        explanation = explanation.strip()
        data: dict[str, Any] = {"reason": reason}
        if reason == HearingSkipReason.WAIVED:
            hearing = complainant_hearing(current)
            if hearing is not None and hearing.response == HearingResponse.DECLINED:
                waived_on, waived_how = hearing.response_on, hearing.response_how
            missing = _(
                "Leg vast wanneer en hoe de klager verklaarde niet gehoord te willen worden "
                "(Awb 9:10 lid 2 onder b)."
            )
            waived_on = ensure_past_date(waived_on, at, missing)
            if not waived_how.strip():
                raise GuardFailed(missing)
            data.update(waived_on=waived_on.isoformat(), waived_how=waived_how.strip())
            explanation = explanation or _("Verklaard op %(date)s, %(how)s") % {
                "date": f"{waived_on:%d-%m-%Y}",
                "how": waived_how.strip(),
            }
        current.hearing_skip_explanation = explanation
        problem = hearing_skip_problem(current, reason, timezone.localdate(at))
        if problem:
            raise GuardFailed(problem)
        current.hearing_skip_reason = reason
        current.save(update_fields=["hearing_skip_reason", "hearing_skip_explanation", "updated_at"])
        _record(
            current,
            kind=EventKind.NOTE,
            at=at,
            actor=actor,
            summary=_("Klager niet gehoord: %(reason)s")
            % {"reason": current.get_hearing_skip_reason_display()},
            details=explanation,
            data=data,
        )
    return current
