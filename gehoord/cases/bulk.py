"""Acting on many complaints at once from the inbox: assign a handler, or take one lifecycle step.

Each selected complaint is looked up through
:func:`gehoord.cases.selectors.visible_complaints` (a complaint the user may
not see is "not found", and never named) and then handled on its own, by the
same service the file page calls: :func:`gehoord.cases.lifecycle.assign_handler`
(through the file action "assign") or :func:`gehoord.cases.lifecycle.perform`.
So the lifecycle decides, per complaint, whether the step may be taken; this
module compares no status. One refusal does not undo the others: each
complaint is its own transaction, recorded on its timeline (and so in the
audit trail) like a step on the file page.

Only steps that need nothing but a click are offered (:data:`BULK_STEPS`): a
step that asks for a reason, a ground or a date is taken on the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from gehoord.cases import lifecycle, selectors
from gehoord.cases.file_actions import ACTIONS
from gehoord.cases.forms import TransitionForm
from gehoord.core.errors import DomainError

if TYPE_CHECKING:
    from gehoord.accounts.models import User
    from gehoord.cases.models import Complaint

# Lifecycle steps whose form has no required field: they can be taken for many complaints at once.
BULK_STEPS = ("start_triage", "start_informal", "start_formal", "start_learning_review")

# The most complaints one bulk action takes (two pages of the inbox).
MAX_SELECTED = 100


@dataclass(frozen=True)
class Outcome:
    """What happened to one selected complaint."""

    reference: str
    done: bool
    reason: str = ""


@dataclass(frozen=True)
class BulkResult:
    outcomes: tuple[Outcome, ...]
    # Selected complaints that do not exist or that the user may not see: counted, never named.
    not_found: int

    @property
    def done(self) -> list[str]:
        return [o.reference for o in self.outcomes if o.done]

    @property
    def refused(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.done]


def steps_for(user: User) -> list[lifecycle.Transition]:
    """The bulk steps `user`'s role may take at all (each complaint is still asked on its own)."""
    transitions = [lifecycle.TRANSITIONS[name] for name in BULK_STEPS]
    return [t for t in transitions if any(user.has_role(role) for role in t.roles)]


def _selected(user: User, pks: Iterable[int]) -> tuple[list[Complaint], int]:
    wanted = list(dict.fromkeys(pks))[:MAX_SELECTED]
    found = {c.pk: c for c in selectors.visible_complaints(user).filter(pk__in=wanted)}
    # In the order they were selected (the order of the inbox).
    return [found[pk] for pk in wanted if pk in found], len(wanted) - len(found)


def _each(complaints: list[Complaint], act) -> tuple[Outcome, ...]:
    outcomes = []
    for complaint in complaints:
        try:
            act(complaint)
        except DomainError as error:
            outcomes.append(Outcome(complaint.reference, False, str(error.message)))
        else:
            outcomes.append(Outcome(complaint.reference, True))
    return tuple(outcomes)


def assign(user: User, pks: Iterable[int], handler: User) -> BulkResult:
    """Make `handler` the handler of each selected complaint; the assign service refuses what it must.

    Only a coordinator assigns (lifecycle.COORDINATOR_ACTIONS): anyone else gets
    every complaint refused with the service's reason.
    """
    complaints, not_found = _selected(user, pks)
    action = ACTIONS["assign"]
    return BulkResult(_each(complaints, lambda c: action.perform(c, {"handler": handler}, user)), not_found)


def step(user: User, pks: Iterable[int], name: str) -> BulkResult:
    """Take lifecycle step `name` (one of :data:`BULK_STEPS`) for each selected complaint."""
    if name not in BULK_STEPS:
        raise ValueError(f"{name!r} is not a step for many complaints at once.")
    form = TransitionForm({}, transition=name)
    if not form.is_valid():  # pragma: no cover - BULK_STEPS lists only steps without a required field
        raise ValueError(f"{name!r} needs parameters.")
    params = form.cleaned_data
    complaints, not_found = _selected(user, pks)
    return BulkResult(
        _each(complaints, lambda c: lifecycle.perform(c, name, actor=user, **params)), not_found
    )


def summary(result: BulkResult) -> tuple[str, list[str]]:
    """The messages for the user: one for what succeeded, one per refusal with its reason."""
    done = result.done
    success = (
        ngettext(
            "Gelukt bij %(count)s klacht: %(references)s.",
            "Gelukt bij %(count)s klachten: %(references)s.",
            len(done),
        )
        % {"count": len(done), "references": ", ".join(done)}
        if done
        else ""
    )
    refusals = [
        _("Niet gelukt bij %(reference)s: %(reason)s") % {"reference": o.reference, "reason": o.reason}
        for o in result.refused
    ]
    if result.not_found:
        refusals.append(
            ngettext(
                "%(count)s geselecteerde klacht is niet gevonden.",
                "%(count)s geselecteerde klachten zijn niet gevonden.",
                result.not_found,
            )
            % {"count": result.not_found}
        )
    return success, refusals
