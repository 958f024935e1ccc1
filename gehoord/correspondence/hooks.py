"""Which lifecycle step owes whom which letter.

Registered with :func:`gehoord.cases.lifecycle.register_after_step` when the
app is ready, so the lifecycle never imports correspondence. The hook runs
inside the step's transaction: the letters are queued (the outbox rows) and
the status change commit together, or neither does. A hook that fails (a
letter cannot be queued) rolls the step back: a decision, say, is never
recorded without the letter that tells the complainant about it.

Who a letter goes to (the complainant, or the authorised gemachtigde with a
copy to the complainant) is :func:`gehoord.correspondence.services.recipients`.
Registering a complaint ("register", run by the intake pipeline) owes the
acknowledgment of a written complaint (Awb 9:6). Besides the letter to the
complainant's side, some steps owe letters to others:

- "postpone" (Awb 9:11 lid 2): the person complained about is told too;
- "schedule_hearing" (Awb 9:10 lid 1): each employee invited is invited in a
  letter of their own;
- "forward" (Awb 2:3): the document goes to the department it belongs to, as
  an internal message with the attachments, through the same outbox.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from gehoord.cases.constants import WRITTEN_CHANNELS
from gehoord.correspondence.constants import LetterKind

if TYPE_CHECKING:
    from gehoord.cases.models import Complaint

# The letter each step owes the complainant (or their gemachtigde).
LETTER_AFTER_STEP: dict[str, LetterKind] = {
    "refer": LetterKind.REFERRAL,  # not a complaint: where to go instead
    "forward": LetterKind.FORWARDING,  # Awb 2:3: where it went, and that the date of receipt stays
    "not_handle": LetterKind.NOT_HANDLED,  # Awb 9:8
    "resolve_informally": LetterKind.INFORMAL_CONFIRMATION,  # Awb 9:5
    "decide": LetterKind.DECISION,  # Awb 9:12
    "postpone": LetterKind.POSTPONEMENT,  # Awb 9:11 lid 2
    "schedule_hearing": LetterKind.HEARING_INVITATION,  # Awb 9:10
    "committee": LetterKind.COMMITTEE,  # Awb 9:11 lid 1: ten weeks with the advisory committee
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
        # Only the date is required; the time (HH:MM) and the place are optional. The answer
        # term (9:10 lid 2 onder c) is the one the step set, and so is who else was invited.
        return {
            "hearing_on": _iso(params.get("hearing_on")),
            "hearing_time": (params.get("hearing_time") or "").strip(),
            "hearing_location": (params.get("hearing_location") or "").strip(),
            "respond_by": _iso(params.get("respond_by")),
            "complainant_invited": bool(params.get("complainant_invited", True)),
        }
    if name == "not_handle":
        # Awb 9:8 lid 3: whether this notice is later than the four weeks is fixed now.
        return {
            "notice_late": complaint.not_handled_notice_late,
            "competent_organ": complaint.competent_organ,
        }
    if name == "decide":
        return {"competent_organ": complaint.competent_organ}
    if name == "resolve_informally":
        return {
            "satisfied_on": _iso(complaint.satisfaction_confirmed_on),
            "formal_request_due": _iso(complaint.formal_request_due),
        }
    if name == "forward":
        return {"document_kind": complaint.forwarded_kind, "destination": complaint.referred_to}
    return {}


def queue_letter_after_step(complaint: Complaint, name: str, params: dict[str, Any]) -> None:
    """The lifecycle hook: queue the letters step `name` owes, if any."""
    from gehoord.correspondence import services

    if name == "register":
        # Awb 9:6: a written complaint is acknowledged in writing (an anonymous one has nobody to
        # write to: queue_letter queues nothing then). Phone and desk complaints get no letter.
        if complaint.channel in WRITTEN_CHANNELS:
            services.queue_acknowledgment(complaint)
        return
    kind = LETTER_AFTER_STEP.get(name)
    if kind is None:
        return
    if name == "committee" and not params.get("committee"):
        # Only the choice for the committee changes what the complainant was told (six weeks).
        return
    data = _data(complaint, name, params)
    if name == "forward":
        # First the document to where it belongs, then the letter that says where it went.
        services.queue_letter(complaint, LetterKind.FORWARDED_DOCUMENT, data)
    if name == "schedule_hearing":
        invited = _invited_employees(complaint, params.get("employees_invited") or [])
        # A complainant whose hearing was lawfully left out (9:10 lid 2) is not invited again.
        if params.get("complainant_invited", True):
            services.queue_letter(complaint, kind, {**data, "employees_invited": len(invited)})
        for employee in invited:
            services.queue_letter(complaint, LetterKind.HEARING_INVITATION_EMPLOYEE, data, employee=employee)
        return
    services.queue_letter(complaint, kind, data)
    if name == "postpone":
        # Awb 9:11 lid 2: "aan de klager en aan degene op wiens gedraging de klacht betrekking heeft".
        for employee in complaint.employees_involved.filter(is_active=True).order_by("pk"):
            services.queue_letter(complaint, LetterKind.POSTPONEMENT_EMPLOYEE, data, employee=employee)


def _invited_employees(complaint: Complaint, pks: list[int]) -> list:
    by_pk = {employee.pk: employee for employee in complaint.employees_involved.filter(pk__in=pks)}
    return [by_pk[pk] for pk in pks if pk in by_pk]
