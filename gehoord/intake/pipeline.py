"""One way in: every channel takes in a complaint through :func:`take_in`.

The web form, staff registration (phone, desk, letter, fax, e-mail), the
mailbox (IMAP and an uploaded .eml), the conversion of a social-media signal
and the REST API each turn what they received into a :class:`NewComplaint`
and hand it here. The pipeline:

1. checks that the person can be reached, by the one rule of
   :mod:`gehoord.intake.reachability` (Awb 9:4 lid 2 onder a), unless the
   complaint is anonymous (a signal, Awb 9:1);
2. finds a resubmission: the same text from the same person within the
   municipality's window (default 24 hours). That is the Back button, a second
   tab, an API retry without Idempotency-Key, the same e-mail forwarded twice.
   No second complaint is made: the existing one is returned, its timeline
   says so, and any new files join it;
3. stores the complaint (:func:`gehoord.cases.registration.register_complaint`,
   the only place a Complaint is made), its files (already screened by the one
   attachment policy, :mod:`gehoord.cases.attachment_policy`), a note naming
   each refused file and why, and its first timeline entries — in one
   transaction, with the files removed again if it rolls back;
4. points out a near-duplicate: an open complaint of the same person with
   similar text, from any channel, is linked as "mogelijk dubbel" for the
   coordinator. Never merged;
5. runs the lifecycle's "register" hooks inside that transaction: the
   acknowledgment of a written complaint (Awb 9:6) and the webhooks. No
   channel queues the acknowledgment itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.cases import lifecycle, registration, timeline
from gehoord.cases import services as case_services
from gehoord.cases.attachment_policy import CheckedFile, RefusedFile
from gehoord.cases.constants import Channel, ContactPreference, EventKind, NewInformationSource
from gehoord.cases.models import Complainant, Complaint, Representative
from gehoord.cases.services import files_removed_on_failure, store_files
from gehoord.core.errors import GuardFailed
from gehoord.intake import reachability
from gehoord.intake.models import WebSubmission
from gehoord.intake.same_person import open_complaints_of_same_person, same_person
from gehoord.organisation.models import Department, Municipality

if TYPE_CHECKING:
    from gehoord.accounts.models import User
    from gehoord.clock.terms import AtwCalendar

# Texts at least this similar (0..1, difflib's ratio over the words) from the same person are pointed out.
NEAR_DUPLICATE_SIMILARITY = 0.6
# Only the start of long texts is compared: enough to recognise the same story, cheap enough per intake.
_COMPARED_WORDS = 400
_WORD = re.compile(r"\w+")


@dataclass
class NewComplaint:
    """What a channel received, in the pipeline's terms. `complainant` (and `representative`) unsaved."""

    channel: Channel | str
    description: str
    complainant: Complainant
    received_at: dt.datetime | None = None
    conduct_date: dt.date | None = None
    involved_description: str = ""
    departments: Sequence[Department] = ()
    employees_involved: Sequence[User] = ()
    desired_outcome: str = ""
    preferred_contact: ContactPreference | str = ""
    contact_times: str = ""
    representative: Representative | None = None
    parts: Sequence[str] = ()
    anonymous: bool = False
    about_failure_to_decide: bool = False
    actor: User | None = None
    # Screened by the attachment policy: the files taken, and those refused with their reason.
    files: Sequence[CheckedFile] = ()
    refused_files: Sequence[RefusedFile] = ()
    attachment_description: str = ""
    # A first note for the timeline beyond "received": where it came from (summary, details).
    origin_note: tuple[str, str] | None = None
    # False for a sender whose identity is in doubt (an e-mail that failed DMARC): never matched
    # to the person whose address it uses.
    match_resubmission: bool = True
    # A spent form token (web or staff form): the same token again finds this complaint.
    token: str = ""
    calendar: AtwCalendar | None = None
    municipality: Municipality | None = None


@dataclass(frozen=True)
class Intake:
    """What the pipeline did: the complaint, and whether it was made now or found again."""

    complaint: Complaint
    created: bool
    # True when this was a resubmission of `complaint` (no second complaint was made).
    resubmitted: bool = False
    refused_files: Sequence[RefusedFile] = field(default_factory=tuple)


def text_fingerprint(text: str) -> str:
    """The same complaint text, however it was spaced or capitalised, gives the same digest."""
    words = _WORD.findall(text.casefold())
    return hashlib.sha256(" ".join(words).encode()).hexdigest()


def similarity(one: str, other: str) -> float:
    """How alike two texts are, 0..1, word by word."""
    first = _WORD.findall(one.casefold())[:_COMPARED_WORDS]
    second = _WORD.findall(other.casefold())[:_COMPARED_WORDS]
    if not first or not second:
        return 0.0
    return SequenceMatcher(None, first, second, autojunk=False).ratio()


def contact_details(complainant: Complainant) -> dict[str, str]:
    return {
        "last_name": complainant.last_name,
        "email": complainant.email,
        "phone": complainant.phone,
        "street_address": complainant.street_address,
        "postal_code": complainant.postal_code,
        "city": complainant.city,
    }


def record_refused_files(
    complaint: Complaint, refused: Sequence[RefusedFile], *, actor: User | None = None
) -> None:
    """A note on the file that names each refused file and why: never silently dropped."""
    if not refused:
        return
    timeline.record(
        complaint,
        kind=EventKind.NOTE,
        actor=actor,
        summary=_("Niet opgeslagen bijlagen: %(names)s") % {"names": ", ".join(f.name for f in refused)},
        details="\n".join(f.reason for f in refused),
        data={"refused_files": [f.name for f in refused]},
    )


def _already_taken_in(token: str) -> Complaint | None:
    if not token:
        return None
    submission = WebSubmission.objects.select_related("complaint").filter(token=token).first()
    return submission.complaint if submission else None


def resubmission_of(new: NewComplaint, fingerprint: str, received_at: dt.datetime) -> Complaint | None:
    """The complaint `new` repeats, else None.

    A resubmission is the same text, by the same channel, from the same person
    (the same last name, and the same e-mail address, phone number or
    postcode), within the window, while the first is still open. Another
    channel is a near-duplicate at most (pointed out, never joined): a written
    complaint never disappears into an oral one and keeps its acknowledgment
    (Awb 9:6), and a withdrawn or ended complaint is not reopened this way. An
    API retry matches only what the same client sent.
    """
    if new.anonymous or not new.match_resubmission:
        return None
    municipality = new.municipality or Municipality.load()
    window = dt.timedelta(hours=municipality.resubmission_window_hours)
    candidates = (
        Complaint.objects.filter(
            text_fingerprint=fingerprint,
            received_at__gte=received_at - window,
            received_at__lte=received_at + window,
            channel=new.channel,
            status__in=lifecycle.OPEN_STATUSES,
            anonymous=False,
            complainant__anonymised_at__isnull=True,
            complainant__last_name__iexact=new.complainant.last_name.strip(),
        )
        .select_related("complainant")
        .order_by("received_at", "pk")
    )
    if new.channel == Channel.API:
        candidates = candidates.filter(events__kind=EventKind.CREATED, events__actor=new.actor)
    return next((c for c in candidates if same_person(c.complainant, new.complainant)), None)


def _possible_duplicate_of(complaint: Complaint) -> Complaint | None:
    """The open complaint of the same person whose text is most like this one's, if alike enough."""
    if complaint.anonymous:
        return None
    person = complaint.complainant
    others = open_complaints_of_same_person(
        email=person.email, phone=person.phone, last_name=person.last_name, postal_code=person.postal_code
    ).exclude(pk=complaint.pk)
    scored = [(similarity(complaint.description, other.description), other) for other in others[:50]]
    scored = [(score, other) for score, other in scored if score >= NEAR_DUPLICATE_SIMILARITY]
    return max(scored, key=lambda pair: (pair[0], -pair[1].pk))[1] if scored else None


def _record_resubmission(existing: Complaint, new: NewComplaint, stored: list[str]) -> None:
    channel = Channel(new.channel).label if new.channel in Channel.values else new.channel
    timeline.record(
        existing,
        kind=EventKind.NOTE,
        actor=new.actor,
        summary=_("Dezelfde klacht nogmaals ingediend via %(channel)s; geen nieuwe klacht aangemaakt")
        % {"channel": channel},
        data={"resubmission": str(new.channel)},
    )
    added = store_files(
        existing,
        new.files,
        stored=stored,
        description=new.attachment_description or _("Meegestuurd door de klager"),
        actor=new.actor,
    )
    record_refused_files(existing, new.refused_files, actor=new.actor)
    if added and new.actor is None:
        # Files the complainant sent with it are new information for the handler.
        source = NewInformationSource.EMAIL if new.channel == Channel.EMAIL else NewInformationSource.UPLOAD
        case_services.note_new_information(existing, source=source)


def take_in(new: NewComplaint) -> Intake:
    """Take in one complaint from any channel; see the module's docstring for what happens, in order.

    Raises :class:`GuardFailed` when the person cannot be reached or the text
    is empty (forms and the API check the same rule first and show it per field).
    """
    if not new.anonymous:
        problems = reachability.problems(contact_details(new.complainant))
        if problems:
            raise GuardFailed(" ".join(dict.fromkeys(problems.values())))
    existing = _already_taken_in(new.token)
    if existing is not None:
        return Intake(existing, created=False)
    received_at = new.received_at or timezone.now()
    fingerprint = text_fingerprint(new.description)
    try:
        with files_removed_on_failure() as stored, transaction.atomic():
            repeated = resubmission_of(new, fingerprint, received_at)
            if repeated is not None:
                _record_resubmission(repeated, new, stored)
                return Intake(repeated, created=False, resubmitted=True, refused_files=new.refused_files)
            complaint = registration.register_complaint(
                complainant=new.complainant,
                representative=new.representative,
                channel=new.channel,
                description=new.description,
                received_at=received_at,
                conduct_date=new.conduct_date,
                involved_description=new.involved_description,
                departments=new.departments,
                employees_involved=new.employees_involved,
                desired_outcome=new.desired_outcome,
                preferred_contact=new.preferred_contact,
                contact_times=new.contact_times,
                parts=new.parts,
                anonymous=new.anonymous,
                about_failure_to_decide=new.about_failure_to_decide,
                text_fingerprint=fingerprint,
                actor=new.actor,
                calendar=new.calendar,
                municipality=new.municipality,
            )
            if new.origin_note is not None:
                summary, details = new.origin_note
                timeline.record(
                    complaint, kind=EventKind.NOTE, actor=new.actor, summary=summary, details=details
                )
            store_files(
                complaint,
                new.files,
                stored=stored,
                description=new.attachment_description or _("Meegestuurd door de klager"),
                actor=new.actor,
                at=received_at if new.actor is None else None,
            )
            record_refused_files(complaint, new.refused_files, actor=new.actor)
            _point_out_duplicate(complaint)
            if new.token:
                WebSubmission.objects.create(token=new.token, complaint=complaint)
            lifecycle.run_after_step_hooks(complaint, "register", {"channel": str(new.channel)})
    except IntegrityError:
        # The same token was spent by a concurrent submit (a double click) that committed first;
        # everything of this attempt was rolled back and its files removed.
        existing = _already_taken_in(new.token)
        if existing is None:
            raise
        return Intake(existing, created=False)
    return Intake(complaint, created=True, refused_files=new.refused_files)


def _point_out_duplicate(complaint: Complaint) -> None:
    other = _possible_duplicate_of(complaint)
    if other is None:
        return
    # No timeline note: the timeline is read by people who may not see the other complaint, and even
    # "this person complains about something else too" is a trace of it (Awb 9:7). The file page and
    # the inbox show the link to those who may see both.
    Complaint.objects.filter(pk=complaint.pk).update(possible_duplicate_of=other)
    complaint.possible_duplicate_of = other
