"""The survey after a complaint: invite, remind once, take one response, kept apart from identity.

- Closing a complaint (a lifecycle hook) plans the invitation: it goes out a
  configurable number of days later and the link expires some weeks after.
- :func:`send_due` (Celery beat) queues the invitation as a letter: by e-mail,
  or on paper with a short link and a QR code for postal complainants. Like
  every letter it goes where the file says: to the gemachtigde whose
  authorisation is on file (Awb 2:1), else the complainant. An anonymous
  complaint gets no survey: there is nobody to ask.
- :func:`send_reminders` sends one reminder, by e-mail only, to those who did
  not answer yet while the link still works.
- :func:`submit` stores one response per complaint, without a link to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.cases import timeline
from gehoord.cases.constants import EventKind
from gehoord.cases.models import Complaint
from gehoord.core.errors import DomainError
from gehoord.correspondence.constants import Delivery, LetterKind
from gehoord.correspondence.services import party_recipient, queue_letter
from gehoord.organisation.models import Municipality
from gehoord.surveys.models import Question, QuestionKind, SurveyAnswer, SurveyInvitation, SurveyResponse


class SurveyClosed(DomainError):
    """The link was used already, or has expired: said plainly to the complainant."""


def quarter_of(moment: dt.datetime | dt.date) -> str:
    day = timezone.localdate(moment) if isinstance(moment, dt.datetime) else moment
    return f"{day.year}-K{(day.month - 1) // 3 + 1}"


def invite(complaint: Complaint, *, at: dt.datetime | None = None) -> SurveyInvitation:
    """Plan the complaint's survey invitation (once): sent after the delay, valid for the set days."""
    municipality = Municipality.load()
    at = at or timezone.now()
    send_after = at + dt.timedelta(days=municipality.survey_delay_days)
    invitation, _created = SurveyInvitation.objects.get_or_create(
        complaint=complaint,
        defaults={
            "send_after": send_after,
            "expires_on": timezone.localdate(send_after) + dt.timedelta(days=municipality.survey_valid_days),
        },
    )
    return invitation


def invite_after_step(complaint: Complaint, name: str, params: dict[str, Any]) -> None:
    """The lifecycle hook: a complaint that is closed gets its survey invitation planned (not an anonymous one)."""
    if name == "close" and not complaint.anonymous:
        invite(complaint)


def _timeline(complaint: Complaint, summary: str) -> None:
    timeline.record(complaint, kind=EventKind.AFTERCARE, summary=summary)


def send_due(now: dt.datetime | None = None) -> int:
    """Queue the invitations whose moment has come; returns how many."""
    now = now or timezone.now()
    sent = 0
    due = SurveyInvitation.objects.filter(
        sent_at__isnull=True, send_after__lte=now, expires_on__gt=now.date()
    )
    for invitation_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            invitation = (
                SurveyInvitation.objects.select_for_update()
                .select_related("complaint")
                .filter(pk=invitation_id)
                .first()
            )
            if invitation is None or invitation.sent_at is not None:
                continue
            letter = queue_letter(invitation.complaint, LetterKind.SURVEY_INVITATION)
            if letter is None:  # nobody to write to (an anonymous complaint)
                continue
            invitation.sent_at = now
            invitation.save(update_fields=["sent_at"])
            how = _("per e-mail") if letter.delivery == Delivery.EMAIL else _("per post, met QR-code")
            _timeline(invitation.complaint, _("Uitnodiging voor de enquête verstuurd %(how)s") % {"how": how})
            sent += 1
    return sent


def send_reminders(now: dt.datetime | None = None) -> int:
    """One e-mail reminder to whoever has not answered after the set days, while the link works."""
    now = now or timezone.now()
    days = Municipality.load().survey_reminder_days
    candidates = SurveyInvitation.objects.filter(
        sent_at__lte=now - dt.timedelta(days=days),
        reminder_sent_at__isnull=True,
        responded_at__isnull=True,
        expires_on__gt=now.date(),
    )
    sent = 0
    for invitation_id in candidates.values_list("pk", flat=True):
        with transaction.atomic():
            invitation = (
                # Only the invitation is locked: the gemachtigde is an outer join (PostgreSQL refuses to lock it).
                SurveyInvitation.objects.select_for_update(of=("self",))
                .select_related("complaint__complainant", "complaint__representative")
                .get(pk=invitation_id)
            )
            if invitation.reminder_sent_at is not None or invitation.responded_at is not None:
                continue
            # By e-mail only, to whoever the letters go to (Awb 2:1).
            recipient = party_recipient(invitation.complaint)
            if recipient is None or not recipient.email:
                continue
            queue_letter(invitation.complaint, LetterKind.SURVEY_REMINDER)
            invitation.reminder_sent_at = now
            invitation.save(update_fields=["reminder_sent_at"])
            _timeline(invitation.complaint, _("Herinnering voor de enquête verstuurd"))
            sent += 1
    return sent


def ensure_open(invitation: SurveyInvitation, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    if invitation.responded_at is not None:
        raise SurveyClosed(
            _("U heeft deze enquête al ingevuld. Dank u wel voor uw antwoorden!"), code="answered"
        )
    if today > invitation.expires_on:
        raise SurveyClosed(
            _("Deze enquête kon tot en met %(date)s worden ingevuld. De link werkt niet meer.")
            % {"date": f"{invitation.expires_on:%d-%m-%Y}"},
            code="expired",
        )


@dataclass(frozen=True)
class Answer:
    question: Question
    value: Any  # int 1-5, bool, the chosen option, or text


def submit(
    invitation: SurveyInvitation, answers: list[Answer], *, at: dt.datetime | None = None
) -> SurveyResponse:
    """Store the response (once per complaint); the response does not point to the complaint."""
    at = at or timezone.now()
    with transaction.atomic():
        invitation = (
            SurveyInvitation.objects.select_for_update().select_related("complaint").get(pk=invitation.pk)
        )
        ensure_open(invitation, timezone.localdate(at))
        complaint = invitation.complaint
        response = SurveyResponse.objects.create(
            quarter=quarter_of(complaint.closed_at or at), route=complaint.route
        )
        response.departments.set(complaint.departments.all())
        for answer in answers:
            if answer.value in (None, ""):
                continue
            fields: dict[str, Any] = {}
            if answer.question.kind == QuestionKind.SCALE:
                fields["scale"] = int(answer.value)
            elif answer.question.kind == QuestionKind.YES_NO:
                fields["yes"] = bool(answer.value)
            else:
                fields["text"] = str(answer.value).strip()
            SurveyAnswer.objects.create(response=response, question=answer.question, **fields)
        invitation.responded_at = at
        invitation.save(update_fields=["responded_at"])
        # The timeline says that the complainant answered, never what.
        _timeline(complaint, _("De klager heeft de enquête ingevuld"))
    return response
