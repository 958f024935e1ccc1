"""Complaint parts before the decision: added, reworded and split, each change with its history.

A complaint is judged per part (Awb 9:12) and the decision letter quotes each
part's current text (``{{ oordeel_per_onderdeel }}``). What the complainant
submitted stays on :attr:`Complaint.description`, unchanged; the parts are the
handler's wording of it. So a phone note ("Mevrouw belt boos…") is reworded
into a neutral part before the decision, and the letter never quotes the note.

Every change writes a :class:`~gehoord.cases.models.PartRevision` with the
text as it was, and a timeline entry (so an audit entry too). The lifecycle
says when: ``add_part``, ``reword_part`` and ``split_part`` in
:data:`~gehoord.cases.lifecycle.ACTION_STATUSES`, so only while the complaint
is open and never after its decision.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.cases import lifecycle, timeline
from gehoord.cases.constants import EventKind
from gehoord.cases.models import Complaint, ComplaintPart, PartRevision
from gehoord.core.errors import DomainError, GuardFailed

if TYPE_CHECKING:
    from gehoord.accounts.models import User


def _text(value: str, message: str) -> str:
    text = (value or "").strip()
    if not text:
        raise GuardFailed(message)
    return text


def _locked_part(part: ComplaintPart) -> ComplaintPart:
    current = ComplaintPart.objects.select_for_update().filter(pk=part.pk).first()
    if current is None:
        raise DomainError(_("Dit klachtonderdeel bestaat niet meer."))
    return current


def add_part(
    complaint: Complaint, *, description: str, actor: User, at: dt.datetime | None = None
) -> ComplaintPart:
    """A new part after the last one."""
    lifecycle.ensure_may_handle(actor, complaint)
    lifecycle.ensure_action_allowed(complaint, "add_part")
    text = _text(description, _("Beschrijf het klachtonderdeel."))
    at = at or timezone.now()
    with transaction.atomic():
        lifecycle.lock_for_action(complaint, "add_part", actor)
        position = (complaint.parts.order_by("-position").values_list("position", flat=True).first() or 0) + 1
        part = ComplaintPart.objects.create(complaint=complaint, position=position, description=text)
        PartRevision.objects.create(part=part, kind=PartRevision.Kind.ADDED, at=at, actor=actor)
        timeline.record(
            complaint,
            kind=EventKind.CHANGE,
            at=at,
            actor=actor,
            summary=_("Klachtonderdeel %(n)s toegevoegd") % {"n": position},
            details=text,
            data={"part": part.pk},
        )
    return part


def reword_part(
    part: ComplaintPart, *, description: str, actor: User, at: dt.datetime | None = None
) -> ComplaintPart:
    """The part in other words; the text it had is kept in its history."""
    complaint = part.complaint
    lifecycle.ensure_may_handle(actor, complaint)
    lifecycle.ensure_action_allowed(complaint, "reword_part")
    text = _text(description, _("Geef de nieuwe tekst van het klachtonderdeel."))
    at = at or timezone.now()
    with transaction.atomic():
        lifecycle.lock_for_action(complaint, "reword_part", actor)
        part = _locked_part(part)
        if text == part.description:
            raise GuardFailed(_("De tekst van onderdeel %(n)s is niet veranderd.") % {"n": part.position})
        previous = part.description
        part.description = text
        part.save(update_fields=["description"])
        PartRevision.objects.create(
            part=part, kind=PartRevision.Kind.REWORDED, previous_description=previous, at=at, actor=actor
        )
        timeline.record(
            complaint,
            kind=EventKind.CHANGE,
            at=at,
            actor=actor,
            summary=_("Klachtonderdeel %(n)s anders verwoord") % {"n": part.position},
            details=text,
            data={"part": part.pk},
        )
    return part


def split_part(
    part: ComplaintPart,
    first_text: str,
    second_text: str,
    *,
    actor: User,
    at: dt.datetime | None = None,
) -> tuple[ComplaintPart, ComplaintPart]:
    """Two parts where there was one: the part keeps `first_text`, a new part right after it gets `second_text`.

    The parts after it move one place down. Both keep the text as it was in
    their history; the judgement given before (if any) stays with the first.
    """
    complaint = part.complaint
    lifecycle.ensure_may_handle(actor, complaint)
    lifecycle.ensure_action_allowed(complaint, "split_part")
    first = _text(first_text, _("Geef de tekst van het eerste deel."))
    second = _text(second_text, _("Geef de tekst van het tweede deel."))
    at = at or timezone.now()
    with transaction.atomic():
        lifecycle.lock_for_action(complaint, "split_part", actor)
        part = _locked_part(part)
        previous = part.description
        # One row at a time, from the back: the (complaint, position) constraint holds after every update.
        for later in complaint.parts.filter(position__gt=part.position).order_by("-position"):
            later.position += 1
            later.save(update_fields=["position"])
        part.description = first
        part.save(update_fields=["description"])
        new = ComplaintPart.objects.create(
            complaint=complaint, position=part.position + 1, description=second
        )
        for row in (part, new):
            PartRevision.objects.create(
                part=row, kind=PartRevision.Kind.SPLIT, previous_description=previous, at=at, actor=actor
            )
        timeline.record(
            complaint,
            kind=EventKind.CHANGE,
            at=at,
            actor=actor,
            summary=_("Klachtonderdeel %(n)s gesplitst in onderdeel %(n)s en %(m)s")
            % {"n": part.position, "m": new.position},
            details=f"{part.position}. {first}\n{new.position}. {second}",
            data={"part": part.pk, "new_part": new.pk},
        )
    return part, new
