"""Privacy (AVG/GDPR): everything about a complainant on request, and erasing it when its time has come.

- :func:`export_complainant` gathers all data the system holds about one
  complainant (art. 15 AVG, the right of access); :mod:`gehoord.privacy.exports`
  renders it as JSON, PDF and a ZIP with the files.
- :func:`erase_complainant_data` removes the personal data of one complaint
  (at the end of the retention term, or on the coordinator's decision with a
  reason) and keeps what the anonymous figures need: dates, status, outcome,
  channel, route, departments, terms, first-contact times, judgements and norms,
  vouchers' status and survey scores. :mod:`gehoord.reporting` gives the same
  figures before and after.
- :func:`erase_expired` is what the daily task and the management command run.

Both export and erasure are recorded on the complaint's timeline.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.cases import lifecycle, timeline
from gehoord.cases.constants import EventKind, RetentionResult
from gehoord.cases.models import Complainant, Complaint, ComplaintEvent, CopyWaiver, Hearing
from gehoord.core.errors import DomainError, GuardFailed, TransitionNotAllowed
from gehoord.correspondence.constants import NOT_SENT_STATUSES
from gehoord.correspondence.models import Letter
from gehoord.mailbox.models import InboundMessage
from gehoord.privacy.models import ErasureTrigger, PersonalDataErasure
from gehoord.privacy.retention import (
    RESULT_NAMES,
    RetentionTerms,
    due_for_erasure,
    erasure_due_on,
    result_of,
    years_before,
)
from gehoord.social.models import SignalAction, SocialSignal

if TYPE_CHECKING:
    from gehoord.accounts.models import User

logger = logging.getLogger(__name__)

EXPORT_FORMAT = "gehoord-avg-export/1"
MAX_REASON_LENGTH = 1000
ERASED_SUMMARY_DATA = {"privacy": "personal_data_erased"}


# --- export -------------------------------------------------------------------------


def _moment(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _person(user) -> str | None:
    return str(user) if user is not None else None


def _complainant_data(complainant: Complainant) -> dict[str, Any]:
    return {
        "first_name": complainant.first_name,
        "last_name": complainant.last_name,
        "street_address": complainant.street_address,
        "postal_code": complainant.postal_code,
        "city": complainant.city,
        "email": complainant.email,
        "phone": complainant.phone,
        "created_at": _moment(complainant.created_at),
        "anonymised_at": _moment(complainant.anonymised_at),
    }


def _hearing_data(hearing: Hearing) -> dict[str, Any]:
    return {
        "party": hearing.get_party_display(),
        "employee": _person(hearing.employee),
        "invited_at": _moment(hearing.invited_at),
        "respond_by": _day(hearing.respond_by),
        "hearing_on": _day(hearing.hearing_on),
        "hearing_time": hearing.hearing_time,
        "location": hearing.location,
        "response": hearing.get_response_display(),
        "response_on": _day(hearing.response_on),
        "response_how": hearing.response_how,
        "held_on": _day(hearing.held_on),
        # Awb 9:10 lid 3: the written report of what was said.
        "report": hearing.report,
    }


def _copy_waiver_data(waiver: CopyWaiver) -> dict[str, Any]:
    return {
        "employee": _person(waiver.employee),
        "reason": waiver.get_reason_display(),
        "explanation": waiver.explanation,
        "recorded_at": _moment(waiver.recorded_at),
        "recorded_by": _person(waiver.recorded_by),
    }


def _retention_data(complaint: Complaint) -> dict[str, Any]:
    result = result_of(complaint)
    return {
        "result": str(result.label) if result else "",
        "erasure_due_on": _day(erasure_due_on(complaint)),
        "permanent": result == RetentionResult.PERMANENT,
    }


def _complaint_data(complaint: Complaint) -> dict[str, Any]:
    representative = complaint.representative
    erasure = getattr(complaint, "personal_data_erasure", None)
    signal = SocialSignal.objects.filter(complaint=complaint).prefetch_related("actions").first()
    invitation = getattr(complaint, "survey_invitation", None)
    voucher = getattr(complaint, "flower_voucher", None)
    review = getattr(complaint, "learning_review", None)
    return {
        "reference": complaint.reference,
        "channel": complaint.get_channel_display(),
        "received_at": _moment(complaint.received_at),
        "status": complaint.get_status_display(),
        "route": complaint.get_route_display(),
        "outcome": complaint.get_outcome_display(),
        "description": complaint.description,
        "conduct_date": _day(complaint.conduct_date),
        "involved_description": complaint.involved_description,
        "departments": [department.name for department in complaint.departments.all()],
        "employees_involved": [str(user) for user in complaint.employees_involved.all()],
        "desired_outcome": complaint.desired_outcome,
        "preferred_contact": complaint.get_preferred_contact_display(),
        "contact_times": complaint.contact_times,
        "handler": _person(complaint.handler),
        "representative": {
            "name": representative.name,
            "organisation": representative.organisation,
            "email": representative.email,
            "phone": representative.phone,
            "postal_address": representative.postal_address,
            # Awb 2:1 lid 2: the written authorisation on file.
            "authorisation": representative.get_authorisation_kind_display(),
            "authorised_on": _day(representative.authorised_on),
            "copy_to_complainant": representative.copy_to_complainant,
        }
        if representative
        else None,
        "terms": {
            "acknowledgment_due": _day(complaint.acknowledgment_due),
            "first_contact_due": _day(complaint.first_contact_due),
            "decision_due": _day(complaint.decision_due),
            "postponement_weeks": complaint.postponement_weeks,
            "postponement_reason": complaint.postponement_reason,
            # Awb 9:11 lid 3: further delay with the complainant's written consent.
            "consented_decision_due": _day(complaint.consented_decision_due),
            "consent_given_on": _day(complaint.consent_given_on),
            "consent_how": complaint.consent_how,
        },
        "acknowledged_at": _moment(complaint.acknowledged_at),
        "first_contact_at": _moment(complaint.first_contact_at),
        "informal_solution": complaint.informal_solution,
        # Awb 9:5: the complainant's satisfaction, and going back to formal handling.
        "satisfaction_confirmed_on": _day(complaint.satisfaction_confirmed_on),
        "satisfaction_how": complaint.satisfaction_how,
        "formal_requested_on": _day(complaint.formal_requested_on),
        "hearings": [_hearing_data(hearing) for hearing in complaint.hearings.all()],
        # Awb 9:10 lid 2: why the complainant was not heard.
        "hearing_skip_reason": complaint.get_hearing_skip_reason_display(),
        "hearing_skip_explanation": complaint.hearing_skip_explanation,
        # Awb 9:9: why an employee complained about got no copy.
        "copy_waivers": [_copy_waiver_data(waiver) for waiver in complaint.copy_waivers.all()],
        "findings": complaint.findings,
        "conclusions": complaint.conclusions,
        "not_handled_ground": complaint.get_not_handled_ground_display(),
        "referred_to": complaint.referred_to,
        "end_reason": complaint.end_reason,
        "decided_at": _moment(complaint.decided_at),
        "closed_at": _moment(complaint.closed_at),
        "ombudsman_on": _day(complaint.ombudsman_on),
        "ombudsman_ended_on": _day(complaint.ombudsman_ended_on),
        "retention": _retention_data(complaint),
        "parts": [
            {
                "position": part.position,
                "description": part.description,
                "judgement": part.get_judgement_display(),
                "reasoning": part.reasoning,
                "norms": [norm.name for norm in part.norms.all()],
            }
            for part in complaint.parts.all()
        ],
        "timeline": [
            {
                "at": _moment(event.at),
                "kind": event.get_kind_display(),
                "summary": event.summary,
                "details": event.details,
                "actor": _person(event.actor),
            }
            for event in complaint.events.select_related("actor")
        ],
        "contacts": [
            {
                "occurred_at": _moment(contact.occurred_at),
                "channel": contact.get_channel_display(),
                "subject": contact.subject,
                "content": contact.content,
                "confidential": contact.confidential,
                "successful": contact.successful,
                "employee": _person(contact.employee),
            }
            for contact in complaint.contacts.select_related("employee").order_by("occurred_at", "pk")
        ],
        "letters": [
            {
                "kind": letter.get_kind_display(),
                "delivery": letter.get_delivery_display(),
                "status": letter.get_status_display(),
                "recipient_email": letter.recipient_email,
                "subject": letter.subject,
                "body_text": letter.body_text,
                "created_at": _moment(letter.created_at),
                "sent_at": _moment(letter.sent_at),
                "file_name": letter_file_name(letter) if letter.pdf else None,
            }
            for letter in complaint.letters.order_by("created_at", "pk")
        ],
        "attachments": [
            {
                "original_name": attachment.original_name,
                "content_type": attachment.content_type,
                "size": attachment.size,
                "description": attachment.description,
                "uploaded_at": _moment(attachment.uploaded_at),
                "file_name": attachment_file_name(attachment),
            }
            for attachment in complaint.attachments.all()
        ],
        "survey": {
            "invitation": {
                "planned_for": _moment(invitation.send_after),
                "sent_at": _moment(invitation.sent_at),
                "reminder_sent_at": _moment(invitation.reminder_sent_at),
                "responded_at": _moment(invitation.responded_at),
                "expires_on": _day(invitation.expires_on),
            }
            if invitation
            else None,
            # Survey answers are stored without any link to the complaint or the complainant
            # (gehoord.surveys.models): they are not personal data of this complainant.
            "answers": [],
            "answers_note": _(
                "Antwoorden op de enquête worden los van de klacht en de klager bewaard "
                "en zijn niet tot deze klager te herleiden."
            ),
        },
        "voucher": {
            "status": voucher.get_status_display(),
            "value": str(voucher.value),
            "supplier": voucher.supplier,
            "not_applicable_reason": voucher.get_not_applicable_reason_display(),
            "note": voucher.note,
            "ordered_on": _day(voucher.ordered_on),
            "sent_on": _day(voucher.sent_on),
        }
        if voucher
        else None,
        "learning_review": {
            "improvement_possible": review.improvement_possible,
            "reasoning": review.reasoning,
            "lesson_for_complainant": review.lesson_for_complainant,
            "reviewed_at": _moment(review.reviewed_at),
        }
        if review
        else None,
        "origin": {
            "mailbox": [
                {
                    "message_id": message.message_id,
                    "source": message.get_source_display(),
                    "outcome": message.get_outcome_display(),
                    "sender": message.sender,
                    "subject": message.subject,
                    "first_seen_at": _moment(message.first_seen_at),
                }
                for message in complaint.inbound_messages.order_by("first_seen_at", "pk")
            ],
            "social_signal": {
                "platform": signal.get_platform_display(),
                "author_handle": signal.author_handle,
                "author_name": signal.author_name,
                "url": signal.url,
                "text": signal.text,
                "posted_at": _moment(signal.posted_at),
                "actions": [
                    {"at": _moment(action.at), "kind": action.get_kind_display(), "text": action.text}
                    for action in signal.actions.all()
                ],
            }
            if signal
            else None,
        },
        "personal_data_erasure": {
            "erased_at": _moment(erasure.personal_data_erased_at),
            "reason": erasure.reason,
        }
        if erasure
        else None,
    }


def letter_file_name(letter: Letter) -> str:
    """The letter's PDF inside the export ZIP."""
    return f"brieven/{letter.pk}-{letter.kind}.pdf"


def attachment_file_name(attachment) -> str:
    """The attachment inside the export ZIP: its number and its original name, made safe for a path."""
    safe = "".join(c if c.isalnum() or c in "._- " else "_" for c in attachment.original_name).strip(" .")
    return f"bijlagen/{attachment.pk}-{safe or 'bijlage'}"


def export_complainant(complainant: Complainant) -> dict[str, Any]:
    """All data about `complainant`: their details and every complaint of theirs, with everything around it."""
    complaints = (
        complainant.complaints.select_related("representative", "handler", "personal_data_erasure")
        .prefetch_related(
            "departments",
            "employees_involved",
            "parts__norms",
            "attachments",
            "hearings__employee",
            "copy_waivers__employee",
            "copy_waivers__recorded_by",
        )
        .order_by("received_at", "pk")
    )
    return {
        "format": EXPORT_FORMAT,
        "generated_at": _moment(timezone.now()),
        "complainant": _complainant_data(complainant),
        "complaints": [_complaint_data(complaint) for complaint in complaints],
    }


def record_export(complaint: Complaint, *, fmt: str, actor: User | None) -> ComplaintEvent:
    """The export on each of the complainant's files: who handed their data out, when, in which form."""
    summary = _("Gegevens van de klager opgevraagd (AVG), als %(format)s") % {"format": fmt.upper()}
    events = timeline.record_on_each(
        complaint.complainant.complaints.all(),
        kind=EventKind.CHANGE,
        actor=actor,
        summary=summary,
        data={"privacy": "export"},
    )
    return events[0]


# --- erasure ------------------------------------------------------------------------


def may_erase(complaint: Complaint) -> bool:
    """Whether the personal data of `complaint` may be erased now.

    Only once the handling has ended (the lifecycle's "erase" action), and
    never for a file kept permanently (Selectielijst 2020, 13): that goes to
    the archive whole (Archiefwet 1995), which the AVG allows (art. 17 lid 3 b and d).
    """
    return lifecycle.action_allowed(complaint, "erase") and result_of(complaint) != RetentionResult.PERMANENT


def _refuse_erasure(complaint: Complaint) -> None:
    """Raise with the reason why the personal data of `complaint` cannot be erased now."""
    if result_of(complaint) == RetentionResult.PERMANENT:
        raise TransitionNotAllowed(
            _(
                "De persoonsgegevens van klacht %(reference)s worden niet verwijderd: het dossier wordt "
                "blijvend bewaard (Selectielijst gemeenten 2020, categorie 13: van invloed op een zaak die "
                "blijvend wordt bewaard) en wordt overgebracht naar het archief."
            )
            % {"reference": complaint.reference},
            code="permanent",
        )
    raise TransitionNotAllowed(
        _(
            "De persoonsgegevens van klacht %(reference)s kunnen nog niet worden verwijderd: "
            "de klacht is nog in behandeling (status '%(status)s'). Dat kan pas als de klacht "
            "is afgesloten, ingetrokken, doorverwezen of niet in behandeling genomen."
        )
        % {"reference": complaint.reference, "status": complaint.get_status_display()},
        code="action_not_allowed",
    )


def _blank_timeline(complaint: Complaint) -> int:
    """Blank the summary, details and data of every event of `complaint`; returns how many.

    The timeline is append-only (gehoord.core.append_only refuses
    update() and delete()) so that nobody rewrites a complaint's history. Its
    texts hold personal data all the same (notes, e-mail text, contact
    summaries), and the AVG requires them gone at the end of the retention
    term. This is the one sanctioned change: it calls the base QuerySet's
    update, skipping the guard, and only the privacy erasure calls it. On
    PostgreSQL the database's own trigger allows this one update, and only
    inside a transaction that set ``gehoord.erasing_personal_data``. The
    events' kind, moment, actor and status change stay, so the history of
    *what happened when* remains.
    """
    events = ComplaintEvent.objects.filter(complaint=complaint)
    if connection.vendor != "postgresql":
        return models.QuerySet.update(events, summary="", details="", data={})
    # PostgreSQL's trigger lets this one change through only when the transaction says so
    # (migration privacy 0002); the setting is switched off again right after.
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('gehoord.erasing_personal_data', 'on', true)")
        try:
            return models.QuerySet.update(events, summary="", details="", data={})
        finally:
            cursor.execute("SELECT set_config('gehoord.erasing_personal_data', 'off', true)")


def _anonymise_complainant(complainant: Complainant, at: dt.datetime) -> None:
    complainant.first_name = complainant.last_name = ""
    complainant.street_address = complainant.postal_code = complainant.city = ""
    complainant.email = complainant.phone = ""
    complainant.anonymised_at = at
    complainant.save()


def _detach_personal_records(complaint: Complaint, at: dt.datetime) -> None:
    """The complainant and representative: anonymised, or — while another file still keeps them — let go."""
    complainant = complaint.complainant
    still_kept = complainant.complaints.exclude(pk=complaint.pk).filter(personal_data_erasure__isnull=True)
    if still_kept.exists():
        # Another complaint of this person is still within its term: that file keeps their details,
        # this one points to an empty, anonymised complainant of its own.
        complaint.complainant = Complainant.objects.create(last_name="", anonymised_at=at)
    else:
        _anonymise_complainant(complainant, at)
    representative = complaint.representative
    if representative is not None:
        others = representative.complaints.exclude(pk=complaint.pk).filter(personal_data_erasure__isnull=True)
        if others.exists():
            complaint.representative = None
        else:
            representative.name = representative.organisation = ""
            representative.email = representative.phone = representative.postal_address = ""
            representative.authorisation_kind = ""
            representative.authorised_on = None
            representative.anonymised_at = at
            representative.save()


@dataclass
class ErasureCounts:
    files: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def _erase_files_later(names: list[str]) -> None:
    """Remove the stored files once the erasure committed (a rollback keeps them, as it keeps the rows)."""
    from django.core.files.storage import default_storage

    def remove() -> None:
        for name in names:
            try:
                default_storage.delete(name)
            except Exception:
                # The name is a random token, never personal data.
                logger.exception("Could not remove stored file %s after an erasure", name)

    if names:
        transaction.on_commit(remove, robust=True)


def erase_complainant_data(
    complaint: Complaint,
    reason: str,
    actor: User | None = None,
    *,
    trigger: str = ErasureTrigger.MANUAL,
    at: dt.datetime | None = None,
) -> PersonalDataErasure:
    """Remove the personal data of `complaint` and everything around it; keep the anonymous figures.

    Only for an ended complaint (closed, not handled, withdrawn, referred):
    while a complaint is being handled its data are needed, and the AVG's
    right to erasure gives way to the legal duty to handle it. Refused too
    while a letter to the complainant is still waiting to be sent or printed.
    One transaction; calling it again for an erased complaint returns the
    first erasure and changes nothing.
    """
    reason = (reason or "").strip()
    if not reason:
        raise GuardFailed(_("Geef de reden waarom de persoonsgegevens worden verwijderd."))
    if len(reason) > MAX_REASON_LENGTH:
        raise GuardFailed(
            _("De reden is te lang: gebruik hoogstens %(n)s tekens.") % {"n": MAX_REASON_LENGTH}
        )
    at = at or timezone.now()
    with transaction.atomic():
        current = Complaint.objects.select_for_update().get(pk=complaint.pk)
        existing = PersonalDataErasure.objects.filter(complaint=current).first()
        if existing is not None:
            return existing
        if not may_erase(current):
            _refuse_erasure(current)
        if current.letters.filter(status__in=NOT_SENT_STATUSES).exists():
            raise GuardFailed(
                _(
                    "Er staat nog een brief aan de klager klaar die niet is verzonden of geprint. "
                    "Verstuur die eerst; daarna kunnen de persoonsgegevens worden verwijderd."
                )
            )
        removed = ErasureCounts()
        _erase_complaint_texts(current)
        _detach_personal_records(current, at)
        current.save()
        current.employees_involved.clear()
        removed.counts["parts"] = current.parts.update(description="", reasoning="")
        removed.counts["contacts"] = current.contacts.update(subject="", content="")
        # The hearing's report and how the answer came are personal data; the dates and answer stay.
        removed.counts["hearings"] = Hearing.objects.filter(complaint=current).update(
            employee=None, location="", response_how="", report=""
        )
        removed.counts["copy_waivers"] = CopyWaiver.objects.filter(complaint=current).update(
            employee=None, explanation=""
        )
        attachments = list(current.attachments.all())
        removed.files += [attachment.file.name for attachment in attachments if attachment.file]
        removed.counts["attachments"] = len(attachments)
        current.attachments.all().delete()
        letters = Letter.objects.filter(complaint=current)
        removed.files += [name for name in letters.exclude(pdf="").values_list("pdf", flat=True) if name]
        removed.counts["letters"] = letters.update(
            recipient_name="",
            recipient_address="",
            recipient_email="",
            subject="",
            body_text="",
            data={},
            last_error="",
            pdf="",
        )
        removed.counts["mailbox_messages"] = InboundMessage.objects.filter(complaint=current).update(
            sender="", subject="", reason=""
        )
        signals = SocialSignal.objects.filter(complaint=current)
        SignalAction.objects.filter(signal__in=signals).update(text="")
        removed.counts["social_signals"] = signals.update(author_handle="", author_name="", url="", text="")
        _erase_aftercare(current, at)
        removed.counts["events"] = _blank_timeline(current)
        removed.counts["files"] = len(removed.files)
        erasure = PersonalDataErasure.objects.create(
            complaint=current,
            personal_data_erased_at=at,
            reason=reason,
            trigger=trigger,
            erased_by=actor,
            removed=removed.counts,
        )
        timeline.record(
            current,
            kind=EventKind.CHANGE,
            at=at,
            actor=actor,
            summary=_("Persoonsgegevens verwijderd"),
            details=reason,
            data={"privacy": "erased", "trigger": trigger},
        )
        _erase_files_later(removed.files)
    complaint.refresh_from_db()
    return erasure


def _erase_complaint_texts(complaint: Complaint) -> None:
    for name in (
        "description",
        "involved_description",
        "desired_outcome",
        "contact_times",
        "postponement_reason",
        "informal_solution",
        "satisfaction_how",
        "consent_how",
        "hearing_skip_explanation",
        "findings",
        "conclusions",
        "referred_to",
        "end_reason",
        # The digest of the text finds a resubmission; with the text gone it could only confirm a guess.
        "text_fingerprint",
    ):
        setattr(complaint, name, "")
    # The personal status link stops working: nothing is left to show behind it.
    complaint.public_token = uuid.uuid4()


def _erase_aftercare(complaint: Complaint, at: dt.datetime) -> None:
    """Voucher note and learning texts go; the survey link stops working. Statuses and dates stay."""
    from gehoord.learning.models import LearningReview
    from gehoord.surveys.models import SurveyInvitation
    from gehoord.vouchers.models import FlowerVoucher

    FlowerVoucher.objects.filter(complaint=complaint).update(note="")
    LearningReview.objects.filter(complaint=complaint).update(reasoning="", lesson_for_complainant="")
    yesterday = timezone.localdate(at) - dt.timedelta(days=1)
    for invitation in SurveyInvitation.objects.filter(complaint=complaint):
        # A new nonce revokes the personal link; an expired invitation is never sent nor reminded.
        invitation.nonce = uuid.uuid4()
        invitation.expires_on = min(invitation.expires_on, yesterday)
        invitation.save(update_fields=["nonce", "expires_on"])


@dataclass
class RetentionRun:
    """What one retention run did (or, dry, would do)."""

    due: list[str] = field(default_factory=list)
    erased: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    dry_run: bool = False
    # Signals and e-mails that never became (part of) a complaint, blanked after the shortest term.
    unlinked_signals: int = 0
    unlinked_messages: int = 0

    def __str__(self) -> str:
        verb = "would erase" if self.dry_run else "erased"
        return (
            f"{len(self.due)} due, {len(self.erased)} {verb}, {len(self.skipped)} skipped; "
            f"{self.unlinked_signals} signals and {self.unlinked_messages} e-mails without a complaint"
        )


def _unlinked_expired(today: dt.date, terms: RetentionTerms):
    """Signals and e-mails that never became a complaint, last touched longer ago than the shortest term.

    Not a complaint, so no complaint's term applies; they are kept as long as
    a complaint that was not handled (``RETENTION_NOT_HANDLED_YEARS``).
    """
    zone = timezone.get_current_timezone()
    cutoff = dt.datetime.combine(
        years_before(today, terms.not_handled_years) + dt.timedelta(days=1), dt.time.min, tzinfo=zone
    )
    signals = SocialSignal.objects.filter(complaint__isnull=True, received_at__lt=cutoff).exclude(
        author_handle="", text=""
    )
    messages = InboundMessage.objects.filter(complaint__isnull=True, last_attempt_at__lt=cutoff).exclude(
        sender="", subject="", reason=""
    )
    return signals, messages


def retention_reason(complaint: Complaint, terms: RetentionTerms) -> str:
    """The reason the retention job writes: the result and the term, never personal data."""
    result = result_of(complaint)
    if result == RetentionResult.OMBUDSMAN:
        return _(
            "Bewaartermijn verstreken (Selectielijst gemeenten 2020, categorie 13): via de ombudsman, "
            "%(years)s jaar na het einde van diens behandeling."
        ) % {"years": terms.ombudsman_years}
    return _(
        "Bewaartermijn verstreken (Selectielijst gemeenten 2020, categorie 13): %(result)s, "
        "%(years)s jaar na afhandeling."
    ) % {
        "result": RESULT_NAMES[result] if result else "",
        "years": terms.years_from_closure(result) if result else "",
    }


def erase_expired(
    today: dt.date | None = None, *, dry_run: bool = False, terms: RetentionTerms | None = None
) -> RetentionRun:
    """Erase the personal data of every complaint whose retention term has passed; each in its own transaction.

    A complaint that cannot be erased yet (a letter still waiting) is skipped
    and picked up again by the next run.
    """
    terms = terms or RetentionTerms.from_settings()
    run = RetentionRun(dry_run=dry_run)
    # The list first: every erasure commits on its own, which an open cursor would not survive everywhere.
    for complaint in list(
        due_for_erasure(today, terms).only(
            "pk", "reference", "status", "closed_at", "ombudsman_on", "ombudsman_ended_on", "retention_result"
        )
    ):
        run.due.append(complaint.reference)
        if dry_run:
            continue
        try:
            erase_complainant_data(
                complaint, retention_reason(complaint, terms), None, trigger=ErasureTrigger.RETENTION
            )
        except DomainError as error:
            run.skipped[complaint.reference] = error.message
            logger.warning("Retention: complaint %s not erased yet: %s", complaint.pk, error.message)
        else:
            run.erased.append(complaint.reference)
    signals, messages = _unlinked_expired(today or timezone.localdate(), terms)
    if dry_run:
        run.unlinked_signals, run.unlinked_messages = signals.count(), messages.count()
    else:
        with transaction.atomic():
            SignalAction.objects.filter(signal__in=signals).update(text="")
            run.unlinked_signals = signals.update(author_handle="", author_name="", url="", text="")
            run.unlinked_messages = messages.update(sender="", subject="", reason="")
    if run.due or run.unlinked_signals or run.unlinked_messages:
        logger.info("Retention run: %s", run)
    return run
