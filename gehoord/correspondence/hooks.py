"""Which lifecycle step owes the complainant which letter.

Registered with :func:`gehoord.cases.lifecycle.register_after_step` when the
app is ready, so the lifecycle never imports correspondence. The hook runs
inside the step's transaction: the letter is queued (the outbox row) and the
status change commit together, or neither does. A hook that fails (the
letter cannot be queued) rolls the step back: a decision, say, is never
recorded without the letter that tells the complainant about it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from gehoord.correspondence.constants import LetterKind

if TYPE_CHECKING:
    from gehoord.cases.models import Complaint

LETTER_AFTER_STEP: dict[str, LetterKind] = {
    "refer": LetterKind.REFERRAL,  # not a complaint: where it went
    "not_handle": LetterKind.NOT_HANDLED,  # Awb 9:8
    "resolve_informally": LetterKind.INFORMAL_CONFIRMATION,  # Awb 9:5
    "decide": LetterKind.DECISION,  # Awb 9:12
    "postpone": LetterKind.POSTPONEMENT,  # Awb 9:11 lid 2
    "schedule_hearing": LetterKind.HEARING_INVITATION,  # Awb 9:10
}


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _data(complaint: Complaint, name: str, params: dict[str, Any]) -> dict[str, Any]:
    """What the letter fixes at the moment of the step, beyond the complaint file."""
    if name == "postpone":
        return {
            "weeks": params.get("weeks"),
            "reason": params.get("reason", ""),
            "previous_due": _iso(params.get("previous_due")),
            "decision_due": _iso(complaint.decision_due),
        }
    if name == "schedule_hearing":
        # Only the date is required; the time (HH:MM) and the place are optional.
        return {
            "hearing_on": _iso(params.get("hearing_on")),
            "hearing_time": (params.get("hearing_time") or "").strip(),
            "hearing_location": (params.get("hearing_location") or "").strip(),
        }
    return {}


def queue_letter_after_step(complaint: Complaint, name: str, params: dict[str, Any]) -> None:
    """The lifecycle hook: queue the letter step `name` owes the complainant, if any."""
    from gehoord.correspondence import services

    kind = LETTER_AFTER_STEP.get(name)
    if kind is not None:
        services.queue_letter(complaint, kind, _data(complaint, name, params))
