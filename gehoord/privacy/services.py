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

The data themselves belong to the apps that hold them (the file, letters,
mailbox, signals, voucher, survey, learning review, web form, API answers):
each registers its part of the export and its eraser with
:mod:`gehoord.core.personal_data`, and this module drives them in the order the
apps registered, without importing their models.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.cases import lifecycle, timeline
from gehoord.cases.constants import EventKind, RetentionResult
from gehoord.cases.models import Complainant, Complaint, ComplaintEvent
from gehoord.cases.personal_data import complainant_data
from gehoord.core import personal_data
from gehoord.core.errors import DomainError, GuardFailed, TransitionNotAllowed
from gehoord.core.personal_data import export_day, export_moment
from gehoord.privacy.models import ErasureTrigger, PersonalDataErasure
from gehoord.privacy.retention import (
    RESULT_NAMES,
    RetentionTerms,
    due_for_erasure,
    erasure_due_on,
    result_of,
    years_before,
)

if TYPE_CHECKING:
    from django.db.models.fields.files import FieldFile

    from gehoord.accounts.models import User

logger = logging.getLogger(__name__)

EXPORT_FORMAT = "gehoord-avg-export/1"
MAX_REASON_LENGTH = 1000
ERASED_SUMMARY_DATA = {"privacy": "personal_data_erased"}


# --- export -------------------------------------------------------------------------


def _retention_data(complaint: Complaint) -> dict[str, Any]:
    result = result_of(complaint)
    return {
        "result": str(result.label) if result else "",
        "erasure_due_on": export_day(erasure_due_on(complaint)),
        "permanent": result == RetentionResult.PERMANENT,
    }


def _complaint_data(complaint: Complaint) -> dict[str, Any]:
    """Every registered holder's part of one complaint, then its retention and erasure."""
    data: dict[str, Any] = {}
    for holder in personal_data.holders():
        if holder.export is not None:
            personal_data.merge_export(data, holder.export(complaint))
    erasure = getattr(complaint, "personal_data_erasure", None)
    data["retention"] = _retention_data(complaint)
    data["personal_data_erasure"] = (
        {"erased_at": export_moment(erasure.personal_data_erased_at), "reason": erasure.reason}
        if erasure
        else None
    )
    return data


def stored_files(complaint: Complaint) -> list[tuple[str, FieldFile]]:
    """(name in the export ZIP, stored file) of every holder's files of `complaint`."""
    return [
        entry
        for holder in personal_data.holders()
        if holder.stored_files is not None
        for entry in holder.stored_files(complaint)
    ]


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
        "generated_at": export_moment(timezone.now()),
        "complainant": complainant_data(complainant),
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
        for holder in personal_data.holders():
            refusal = holder.refuse_erasure(current) if holder.refuse_erasure else None
            if refusal:
                raise GuardFailed(refusal)
        removed = ErasureCounts()
        for holder in personal_data.holders():
            if holder.erase is not None:
                erased = holder.erase(current, at)
                removed.counts.update(erased.counts)
                removed.files += erased.files
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


@dataclass
class RetentionRun:
    """What one retention run did (or, dry, would do)."""

    due: list[str] = field(default_factory=list)
    erased: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    dry_run: bool = False
    # Rows that never became (part of) a complaint, blanked after the shortest term, by what they are
    # (each holder's unlinked_name: "signals", "e-mails").
    unlinked: dict[str, int] = field(default_factory=dict)

    @property
    def unlinked_signals(self) -> int:
        return self.unlinked.get("signals", 0)

    @property
    def unlinked_messages(self) -> int:
        return self.unlinked.get("e-mails", 0)

    def __str__(self) -> str:
        verb = "would erase" if self.dry_run else "erased"
        unlinked = " and ".join(f"{count} {name}" for name, count in self.unlinked.items()) or "nothing"
        return (
            f"{len(self.due)} due, {len(self.erased)} {verb}, {len(self.skipped)} skipped; "
            f"{unlinked} without a complaint"
        )


def unlinked_cutoff(today: dt.date, terms: RetentionTerms) -> dt.datetime:
    """Rows that never became a complaint and were last touched before this moment are due.

    Not a complaint, so no complaint's term applies; they are kept as long as
    a complaint that was not handled (``RETENTION_NOT_HANDLED_YEARS``).
    """
    zone = timezone.get_current_timezone()
    return dt.datetime.combine(
        years_before(today, terms.not_handled_years) + dt.timedelta(days=1), dt.time.min, tzinfo=zone
    )


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
    cutoff = unlinked_cutoff(today or timezone.localdate(), terms)
    with transaction.atomic():
        for holder in personal_data.holders():
            if holder.erase_unlinked is not None:
                run.unlinked[holder.unlinked_name] = holder.erase_unlinked(cutoff, dry_run)
    if run.due or any(run.unlinked.values()):
        logger.info("Retention run: %s", run)
    return run
