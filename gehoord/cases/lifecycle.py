"""The complaint lifecycle: the one state machine every caller uses.

::

    received -> triage -> informal -> resolved_informally -> learning_review -> closed
                      |          \\-> (escalate) -> formal -> hearing -> decided -^
                      |-> formal ---------------------^  \\-----------------^
                      |-> referred       (not a complaint: referred elsewhere)
                      \\-> not_handled    (Awb 9:8; also from informal, formal, hearing)
    any open status -> withdrawn

Each :class:`Transition` names the statuses it leaves from, the status it goes
to, the roles that may take it, the guard that must hold and what it records.
:func:`perform` is the only code that changes ``Complaint.status``. The guarded
steps that do not change the status but are lifecycle rules all the same —
assigning a handler (Awb 9:7) and postponing the decision (Awb 9:11) — live
here too.

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
    FOUNDED_JUDGEMENTS,
    EventKind,
    HearingSkipReason,
    Judgement,
    NotHandledGround,
    Outcome,
    Route,
    Rung,
    Status,
)
from gehoord.clock.terms import MAX_POSTPONEMENT_WEEKS
from gehoord.core.errors import GuardFailed, PermissionDenied, TransitionNotAllowed

if TYPE_CHECKING:
    from gehoord.accounts.models import User
    from gehoord.cases.models import Complaint

OPEN_STATUSES = frozenset({Status.RECEIVED, Status.TRIAGE, Status.INFORMAL, Status.FORMAL, Status.HEARING})
FINAL_STATUSES = frozenset({Status.CLOSED, Status.REFERRED, Status.NOT_HANDLED, Status.WITHDRAWN})
# Everything still on someone's desk: open, or handled but not yet closed (learning review).
ACTIVE_STATUSES = frozenset(Status) - FINAL_STATUSES

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
    guard: Callable[[Complaint, Params], None] | None = None
    effect: Callable[[Complaint, Params, dt.datetime], None] | None = None
    required: tuple[str, ...] = field(default=())


# --- guards -----------------------------------------------------------------


def _require_text(params: Params, key: str, message: str) -> str:
    value = (params.get(key) or "").strip()
    if not value:
        raise GuardFailed(message)
    return value


def _guard_refer(complaint: Complaint, params: Params) -> None:
    _require_text(params, "destination", _("Vermeld waarnaar de klager is doorverwezen."))


def _guard_not_handle(complaint: Complaint, params: Params) -> None:
    if params.get("ground") not in NotHandledGround.values:
        raise GuardFailed(
            _("Kies de wettelijke grond (Awb 9:8) waarop de klacht niet in behandeling wordt genomen.")
        )


def _guard_resolve_informally(complaint: Complaint, params: Params) -> None:
    _require_text(params, "solution", _("Beschrijf de oplossing die met de klager is afgesproken."))
    if params.get("rung") not in (Rung.EMPLOYEE, Rung.HANDLER):
        raise GuardFailed(
            _("Geef aan wie de klacht informeel heeft opgelost: de medewerker of de klachtbehandelaar.")
        )


def _guard_schedule_hearing(complaint: Complaint, params: Params) -> None:
    if not isinstance(params.get("hearing_on"), dt.date):
        raise GuardFailed(_("Geef de datum van de hoorzitting op."))


def _guard_decide(complaint: Complaint, params: Params) -> None:
    if not complaint.findings.strip():
        raise GuardFailed(_("Een beslissing op een formele klacht vermeldt de bevindingen (Awb 9:12)."))
    parts = list(complaint.parts.prefetch_related("norms"))
    if not parts:
        raise GuardFailed(_("Leg minstens één klachtonderdeel vast en beoordeel het."))
    unjudged = [part.position for part in parts if not part.judgement]
    if unjudged:
        raise GuardFailed(
            _("Geef een oordeel over elk klachtonderdeel; nog zonder oordeel: %(parts)s.")
            % {"parts": ", ".join(str(p) for p in unjudged)}
        )
    without_norm = [
        part.position for part in parts if part.judgement in FOUNDED_JUDGEMENTS and not part.norms.all()
    ]
    if without_norm:
        raise GuardFailed(
            _("Noem bij elk (deels) gegrond onderdeel de geschonden behoorlijkheidsnorm(en): %(parts)s.")
            % {"parts": ", ".join(str(p) for p in without_norm)}
        )
    if complaint.status == Status.HEARING and not complaint.hearing_report.strip():
        raise GuardFailed(_("Leg eerst het hoorverslag vast (Awb 9:10)."))
    if (
        complaint.status == Status.FORMAL
        and complaint.hearing_skip_reason == HearingSkipReason.CLEARLY_UNFOUNDED
        and any(part.judgement in FOUNDED_JUDGEMENTS for part in parts)
    ):
        raise GuardFailed(
            _(
                "Horen is overgeslagen omdat de klacht kennelijk ongegrond was, maar een onderdeel is "
                "(deels) gegrond. Plan alsnog een hoorzitting (Awb 9:10)."
            )
        )
    if complaint.status == Status.FORMAL and not complaint.hearing_skip_reason:
        raise GuardFailed(
            _(
                "De klager is nog niet gehoord. Plan een hoorzitting of leg vast waarom horen "
                "achterwege blijft (Awb 9:10 lid 2)."
            )
        )


def _guard_close(complaint: Complaint, params: Params) -> None:
    if not complaint.outcome:
        raise GuardFailed(_("Een klacht kan pas worden afgesloten als de uitkomst vastligt."))
    if not hasattr(complaint, "learning_review"):
        raise GuardFailed(
            _("Leg eerst de leerpunten vast: was er iets te verbeteren, en wat hoort de klager daarover?")
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

    return effect


def _effect_refer(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    _end(Outcome.REFERRED)(complaint, params, at)
    complaint.referred_to = params["destination"].strip()


def _effect_not_handle(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    _end(Outcome.NOT_HANDLED)(complaint, params, at)
    complaint.not_handled_ground = params["ground"]


def _route(route: Route) -> Callable[[Complaint, Params, dt.datetime], None]:
    def effect(complaint: Complaint, params: Params, at: dt.datetime) -> None:
        complaint.route = route

    return effect


def _effect_resolve_informally(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    complaint.informal_solution = params["solution"].strip()
    complaint.resolution_rung = params["rung"]
    complaint.outcome = Outcome.RESOLVED_INFORMALLY


def _effect_schedule_hearing(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    complaint.hearing_held_on = params["hearing_on"]


def _effect_decide(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    complaint.outcome = overall_outcome(list(complaint.parts.values_list("judgement", flat=True)))
    complaint.decided_at = at
    complaint.resolution_rung = Rung.HANDLER


def _effect_close(complaint: Complaint, params: Params, at: dt.datetime) -> None:
    complaint.closed_at = at


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
            effect=_route(Route.FORMAL),
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
            effect=_route(Route.FORMAL),
        ),
        Transition(
            name="schedule_hearing",
            label=gettext_lazy("Hoorzitting plannen"),
            sources=frozenset({Status.FORMAL}),
            target=Status.HEARING,
            roles=COORDINATOR_OR_HANDLER,
            guard=_guard_schedule_hearing,
            effect=_effect_schedule_hearing,
        ),
        Transition(
            name="decide",
            label=gettext_lazy("Beslissen"),
            sources=frozenset({Status.FORMAL, Status.HEARING}),
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


# --- performing ---------------------------------------------------------------


def _record(complaint: Complaint, **fields: Any):
    from gehoord.cases.models import ComplaintEvent

    return ComplaintEvent.objects.create(complaint=complaint, **fields)


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
            transition.guard(current, params)
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
    """Awb 9:11 lid 2: postpone the decision once, by at most 4 weeks."""
    from gehoord.cases.deadlines import refresh_deadlines

    at = at or timezone.now()
    with transaction.atomic():
        current = _locked(complaint)
        if current.status not in (Status.FORMAL, Status.HEARING):
            raise TransitionNotAllowed(
                _("Alleen de beslissing op een klacht in formele behandeling kan worden verdaagd.")
            )
        ensure_may_handle(actor, current)
        if current.postponement_weeks:
            raise GuardFailed(_("De beslissing is al eens verdaagd; dat kan maar één keer (Awb 9:11)."))
        if not 1 <= weeks <= MAX_POSTPONEMENT_WEEKS:
            raise GuardFailed(
                _("Verdagen kan met 1 tot en met %(max)s weken (Awb 9:11).") % {"max": MAX_POSTPONEMENT_WEEKS}
            )
        if not reason.strip():
            raise GuardFailed(_("Vermeld de reden van de verdaging; die staat in de brief aan de klager."))
        previous_due = current.decision_due
        current.postponement_weeks = weeks
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
            details=current.postponement_reason,
            data={"previous_due": previous_due.isoformat(), "due": current.decision_due.isoformat()},
        )
        run_after_step_hooks(
            current,
            "postpone",
            {"weeks": weeks, "reason": current.postponement_reason, "previous_due": previous_due},
        )
    return current


def record_hearing_skipped(
    complaint: Complaint, *, reason: str, actor: User, at: dt.datetime | None = None
) -> Complaint:
    """Awb 9:10 lid 2: hearing the complainant is left out, for one of the legal reasons."""
    if reason not in HearingSkipReason.values:
        raise GuardFailed(_("Kies een wettelijke reden om niet te horen (Awb 9:10 lid 2)."))
    at = at or timezone.now()
    with transaction.atomic():
        current = _locked(complaint)
        if current.status != Status.FORMAL:
            raise TransitionNotAllowed(
                _("Afzien van horen kan alleen bij een klacht in formele behandeling.")
            )
        ensure_may_handle(actor, current)
        current.hearing_skip_reason = reason
        current.save(update_fields=["hearing_skip_reason", "updated_at"])
        _record(
            current,
            kind=EventKind.NOTE,
            at=at,
            actor=actor,
            summary=_("Niet gehoord: %(reason)s") % {"reason": current.get_hearing_skip_reason_display()},
        )
    return current
