"""The complaint file's personal data: the complainant, the gemachtigde, the complaint's texts, its
parts, contacts, hearings, 9:9 copy waivers, attachments and timeline.

Registered with :mod:`gehoord.core.personal_data` from :class:`gehoord.cases.apps.CasesConfig`;
:mod:`gehoord.privacy` drives the export and the erasure. What the anonymous
figures need stays: dates, status, outcome, channel, route, departments, terms,
judgements and norms.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import TYPE_CHECKING, Any

from django.db import connection, models

from gehoord.cases.models import (
    Attachment,
    Complainant,
    Complaint,
    ComplaintEvent,
    CopyWaiver,
    Hearing,
    PartRevision,
)
from gehoord.core.personal_data import (
    Erased,
    PersonalDataHolder,
    declare_no_complainant_data,
    export_day,
    export_moment,
    export_person,
    register_personal_data,
)

if TYPE_CHECKING:
    from django.db.models.fields.files import FieldFile

# The complaint's own texts, blanked on erasure.
COMPLAINT_TEXTS = (
    # The subject line is taken from the description and may name someone.
    "title",
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
)
COMPLAINANT_FIELDS = ("first_name", "last_name", "street_address", "postal_code", "city", "email", "phone")
REPRESENTATIVE_FIELDS = ("name", "organisation", "email", "phone", "postal_address", "authorisation_kind")


# --- export -------------------------------------------------------------------------


def complainant_data(complainant: Complainant) -> dict[str, Any]:
    """The complainant's own details, the top of the export."""
    return {
        **{name: getattr(complainant, name) for name in COMPLAINANT_FIELDS},
        "created_at": export_moment(complainant.created_at),
        "anonymised_at": export_moment(complainant.anonymised_at),
    }


def _hearing_data(hearing: Hearing) -> dict[str, Any]:
    return {
        "party": hearing.get_party_display(),
        "employee": export_person(hearing.employee),
        "invited_at": export_moment(hearing.invited_at),
        "respond_by": export_day(hearing.respond_by),
        "hearing_on": export_day(hearing.hearing_on),
        "hearing_time": hearing.hearing_time,
        "location": hearing.location,
        "response": hearing.get_response_display(),
        "response_on": export_day(hearing.response_on),
        "response_how": hearing.response_how,
        "held_on": export_day(hearing.held_on),
        # Awb 9:10 lid 3: the written report of what was said.
        "report": hearing.report,
    }


def _copy_waiver_data(waiver: CopyWaiver) -> dict[str, Any]:
    return {
        "employee": export_person(waiver.employee),
        "reason": waiver.get_reason_display(),
        "explanation": waiver.explanation,
        "recorded_at": export_moment(waiver.recorded_at),
        "recorded_by": export_person(waiver.recorded_by),
    }


def attachment_file_name(attachment: Attachment) -> str:
    """The attachment inside the export ZIP: its number and its original name, made safe for a path."""
    safe = "".join(c if c.isalnum() or c in "._- " else "_" for c in attachment.original_name).strip(" .")
    return f"bijlagen/{attachment.pk}-{safe or 'bijlage'}"


def _representative_data(complaint: Complaint) -> dict[str, Any] | None:
    representative = complaint.representative
    if representative is None:
        return None
    return {
        "name": representative.name,
        "organisation": representative.organisation,
        "email": representative.email,
        "phone": representative.phone,
        "postal_address": representative.postal_address,
        # Awb 2:1 lid 2: the written authorisation on file.
        "authorisation": representative.get_authorisation_kind_display(),
        "authorised_on": export_day(representative.authorised_on),
        "copy_to_complainant": representative.copy_to_complainant,
    }


def export_complaint(complaint: Complaint) -> dict[str, Any]:
    """The complaint file's part of the export (privacy adds the retention and the erasure)."""
    return {
        "reference": complaint.reference,
        "channel": complaint.get_channel_display(),
        "received_at": export_moment(complaint.received_at),
        "status": complaint.get_status_display(),
        "route": complaint.get_route_display(),
        "outcome": complaint.get_outcome_display(),
        "description": complaint.description,
        "conduct_date": export_day(complaint.conduct_date),
        "involved_description": complaint.involved_description,
        "departments": [department.name for department in complaint.departments.all()],
        "employees_involved": [str(user) for user in complaint.employees_involved.all()],
        "desired_outcome": complaint.desired_outcome,
        "preferred_contact": complaint.get_preferred_contact_display(),
        "contact_times": complaint.contact_times,
        "handler": export_person(complaint.handler),
        "representative": _representative_data(complaint),
        "terms": {
            "acknowledgment_due": export_day(complaint.acknowledgment_due),
            "first_contact_due": export_day(complaint.first_contact_due),
            "decision_due": export_day(complaint.decision_due),
            "postponement_weeks": complaint.postponement_weeks,
            "postponement_reason": complaint.postponement_reason,
            # Awb 9:11 lid 3: further delay with the complainant's written consent.
            "consented_decision_due": export_day(complaint.consented_decision_due),
            "consent_given_on": export_day(complaint.consent_given_on),
            "consent_how": complaint.consent_how,
        },
        "acknowledged_at": export_moment(complaint.acknowledged_at),
        "first_contact_at": export_moment(complaint.first_contact_at),
        "informal_solution": complaint.informal_solution,
        # Awb 9:5: the complainant's satisfaction, and going back to formal handling.
        "satisfaction_confirmed_on": export_day(complaint.satisfaction_confirmed_on),
        "satisfaction_how": complaint.satisfaction_how,
        "formal_requested_on": export_day(complaint.formal_requested_on),
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
        "decided_at": export_moment(complaint.decided_at),
        "closed_at": export_moment(complaint.closed_at),
        "ombudsman_on": export_day(complaint.ombudsman_on),
        "ombudsman_ended_on": export_day(complaint.ombudsman_ended_on),
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
                "at": export_moment(event.at),
                "kind": event.get_kind_display(),
                "summary": event.summary,
                "details": event.details,
                "actor": export_person(event.actor),
            }
            for event in complaint.events.select_related("actor")
        ],
        "contacts": [
            {
                "occurred_at": export_moment(contact.occurred_at),
                "channel": contact.get_channel_display(),
                "subject": contact.subject,
                "content": contact.content,
                "confidential": contact.confidential,
                "successful": contact.successful,
                "employee": export_person(contact.employee),
            }
            for contact in complaint.contacts.select_related("employee").order_by("occurred_at", "pk")
        ],
        "attachments": [
            {
                "original_name": attachment.original_name,
                "content_type": attachment.content_type,
                "size": attachment.size,
                "description": attachment.description,
                "uploaded_at": export_moment(attachment.uploaded_at),
                "file_name": attachment_file_name(attachment),
            }
            for attachment in complaint.attachments.all()
        ],
    }


def stored_files(complaint: Complaint) -> list[tuple[str, FieldFile]]:
    return [(attachment_file_name(a), a.file) for a in complaint.attachments.all() if a.file]


# --- erasure ------------------------------------------------------------------------


def _blank_timeline(complaint: Complaint) -> int:
    """Blank the summary, details and data of every event of `complaint`; returns how many.

    The timeline is append-only (gehoord.core.append_only refuses
    update() and delete()) so that nobody rewrites a complaint's history. Its
    texts hold personal data all the same (notes, e-mail text, contact
    summaries), and the AVG requires them gone at the end of the retention
    term. This is the one sanctioned change: it calls the base QuerySet's
    update, skipping the guard, and only the privacy erasure calls it (through
    this holder). On PostgreSQL the database's own trigger allows this one
    update, and only inside a transaction that set
    ``gehoord.erasing_personal_data``. The events' kind, moment, actor and
    status change stay, so the history of *what happened when* remains.
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
    for name in COMPLAINANT_FIELDS:
        setattr(complainant, name, "")
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
            for name in REPRESENTATIVE_FIELDS:
                setattr(representative, name, "")
            representative.authorised_on = None
            representative.anonymised_at = at
            representative.save()


def erase(complaint: Complaint, at: dt.datetime) -> Erased:
    """The file's texts, people and files go; its dates, status, outcome and judgements stay."""
    erased = Erased()
    for name in COMPLAINT_TEXTS:
        setattr(complaint, name, "")
    # The personal status link stops working: nothing is left to show behind it.
    complaint.public_token = uuid.uuid4()
    _detach_personal_records(complaint, at)
    complaint.save()
    complaint.employees_involved.clear()
    erased.counts["parts"] = complaint.parts.update(description="", reasoning="")
    erased.counts["part_revisions"] = PartRevision.objects.filter(part__complaint=complaint).update(
        previous_description=""
    )
    erased.counts["contacts"] = complaint.contacts.update(subject="", content="")
    # The hearing's report and how the answer came are personal data; the dates and answer stay.
    erased.counts["hearings"] = Hearing.objects.filter(complaint=complaint).update(
        employee=None, location="", response_how="", report=""
    )
    erased.counts["copy_waivers"] = CopyWaiver.objects.filter(complaint=complaint).update(
        employee=None, explanation=""
    )
    attachments = list(complaint.attachments.all())
    erased.files += [attachment.file.name for attachment in attachments if attachment.file]
    erased.counts["attachments"] = len(attachments)
    complaint.attachments.all().delete()
    erased.counts["events"] = _blank_timeline(complaint)
    return erased


HOLDER = PersonalDataHolder(
    name="cases",
    blanks={
        "cases.Complainant": COMPLAINANT_FIELDS,
        "cases.Representative": REPRESENTATIVE_FIELDS,
        "cases.Complaint": COMPLAINT_TEXTS,
        "cases.ComplaintPart": ("description", "reasoning"),
        "cases.PartRevision": ("previous_description",),
        "cases.Contact": ("subject", "content"),
        "cases.Hearing": ("employee", "location", "response_how", "report"),
        "cases.CopyWaiver": ("employee", "explanation"),
        "cases.ComplaintEvent": ("summary", "details", "data"),
    },
    removes=("cases.Attachment",),
    export=export_complaint,
    erase=erase,
    stored_files=stored_files,
)


def register() -> None:
    register_personal_data(HOLDER)
    declare_no_complainant_data("cases.ConductNorm", "the norms of the behoorlijkheidswijzer")
    declare_no_complainant_data(
        "cases.FileOpened", "which employee opened which file when (like the audit trail)"
    )
