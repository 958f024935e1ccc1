"""The deadline monitor: a daily e-mail to each handler and the coordinators of what is due.

Each handler gets the open complaints assigned to them whose decision term
(Awb 9:11, the resulting date) has passed or ends within the clock's one
window (:data:`gehoord.clock.terms.DUE_SOON_DAYS`, as in the inbox and on the
dashboard), and those without the first personal contact in time.
Coordinators get the same for every open complaint, plus the complaints still
in intake whose Awb 9:8 lid 3 notice term (not handling it must be told
within 4 weeks of receipt) has passed or ends within that window — deciding
not to handle a complaint is theirs — the letters that have not reached the
complainant yet (e-mails being retried, post waiting to be printed) and the
e-mails the mailbox could not import. Improvement measures past their due
date go to the coordinators and to the person responsible. When the
municipality is told of new information by digest
(``Municipality.new_information_notice``), each handler also gets the
complaints assigned to them that the complainant added to and that they have
not opened since, and each coordinator those without a handler (and those they
handle themselves): the files whose "nieuwe informatie" marker they clear. Nobody gets an
empty digest. The digest names references and dates only: the
complaint itself stays behind the login.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation

from gehoord.accounts.models import User
from gehoord.accounts.roles import Role
from gehoord.cases.models import Complaint
from gehoord.cases.selectors import (
    decision_due_soon,
    decision_overdue,
    first_contact_late,
    notice_due_soon,
    notice_overdue,
    visible_complaints,
    visible_through,
    with_term_marks,
)
from gehoord.clock.terms import DUE_SOON_DAYS
from gehoord.organisation.constants import NewInformationNotice
from gehoord.organisation.models import Municipality


@dataclass
class Digest:
    recipient: User
    overdue: list[Complaint] = field(default_factory=list)
    due_soon: list[Complaint] = field(default_factory=list)
    first_contact_late: list[Complaint] = field(default_factory=list)
    # Awb 9:8 lid 3, coordinators only: still in intake, the notice term passed or ends soon.
    notice_overdue: list[Complaint] = field(default_factory=list)
    notice_due_soon: list[Complaint] = field(default_factory=list)
    letters_not_sent: list = field(default_factory=list)
    # E-mails to the complaints mailbox that could not be imported (coordinators only).
    mails_not_imported: int = 0
    # Improvement measures past their due date: all for coordinators, one's own for the rest.
    overdue_measures: list = field(default_factory=list)
    # The complainant added to the file and the recipient, who clears the marker, has not opened it since.
    new_information: list[Complaint] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.overdue
            or self.due_soon
            or self.first_contact_late
            or self.notice_overdue
            or self.notice_due_soon
            or self.letters_not_sent
            or self.mails_not_imported
            or self.overdue_measures
            or self.new_information
        )


def _attention(complaints: QuerySet[Complaint], today: dt.date, *, notices: bool) -> QuerySet[Complaint]:
    """The complaints with a term to mention, each with the marks of selectors.with_term_marks."""
    condition = decision_overdue(today) | decision_due_soon(today) | first_contact_late(today)
    if notices:
        condition |= notice_overdue(today) | notice_due_soon(today)
    return (
        with_term_marks(complaints.filter(condition), today)
        .select_related("handler")
        .order_by("decision_due", "reference")
    )


def build_digest(
    recipient: User, complaints: QuerySet[Complaint], today: dt.date, *, notices: bool = False
) -> Digest:
    """What of `complaints` `recipient` is told about today; the Awb 9:8 notice terms only with `notices`."""
    digest = Digest(recipient=recipient)
    for complaint in _attention(complaints, today, notices=notices):
        if complaint.is_overdue:
            digest.overdue.append(complaint)
        elif complaint.is_due_soon:
            digest.due_soon.append(complaint)
        if complaint.first_contact_late:
            digest.first_contact_late.append(complaint)
        if notices and complaint.notice_overdue:
            digest.notice_overdue.append(complaint)
        elif notices and complaint.notice_due_soon:
            digest.notice_due_soon.append(complaint)
    digest.notice_overdue.sort(key=lambda c: (c.not_handled_notice_due, c.reference))
    digest.notice_due_soon.sort(key=lambda c: (c.not_handled_notice_due, c.reference))
    return digest


def _new_information(recipient: User, theirs: Q) -> list[Complaint]:
    """The complaints `recipient` may see, `theirs` to clear, with new information; the longest waiting first.

    Through :func:`~gehoord.cases.selectors.visible_complaints`: never a
    complaint about the recipient's own conduct (Awb 9:7).
    """
    complaints = visible_complaints(recipient).filter(theirs, new_information_at__isnull=False)
    return list(complaints.order_by("new_information_at", "reference"))


def digests(today: dt.date | None = None) -> list[Digest]:
    """Every non-empty digest for today: one per active handler with work, one per coordinator."""
    from gehoord.correspondence.selectors import letters_not_sent
    from gehoord.learning.measures import overdue as overdue_measures
    from gehoord.mailbox.selectors import messages_not_imported

    today = today or timezone.localdate()
    result = []
    # Two choices: whoever is not told at once is told here.
    by_digest = Municipality.load().new_information_notice != NewInformationNotice.IMMEDIATE
    late_measures = list(
        overdue_measures(today).select_related("responsible", "department").order_by("due_date")
    )
    coordinators = User.objects.filter(is_active=True, groups__name=Role.COORDINATOR).exclude(email="")
    for coordinator in coordinators.distinct():
        # The one filter: not the complaints about the coordinator's own conduct (Awb 9:7).
        digest = build_digest(coordinator, visible_complaints(coordinator), today, notices=True)
        digest.letters_not_sent = list(visible_through(coordinator, letters_not_sent()))
        digest.mails_not_imported = messages_not_imported().count()
        digest.overdue_measures = list(late_measures)
        if by_digest:
            # The files whose marker a coordinator clears: without a handler, or their own to handle.
            digest.new_information = _new_information(
                coordinator, Q(handler__isnull=True) | Q(handler=coordinator)
            )
        result.append(digest)
    handlers = User.objects.filter(is_active=True, groups__name=Role.HANDLER).exclude(email="").distinct()
    for handler in handlers.exclude(pk__in=coordinators.values("pk")):
        digest = build_digest(handler, visible_complaints(handler).filter(handler=handler), today)
        digest.overdue_measures = [
            measure for measure in late_measures if measure.responsible_id == handler.pk
        ]
        if by_digest:
            digest.new_information = _new_information(handler, Q(handler=handler))
        result.append(digest)
    # Whoever else is responsible for a late measure (a department head, an employee) hears of it too.
    seen = {digest.recipient.pk for digest in result}
    for measure in late_measures:
        person = measure.responsible
        if person.pk in seen or not person.is_active or not person.email:
            continue
        seen.add(person.pk)
        result.append(
            Digest(
                recipient=person, overdue_measures=[m for m in late_measures if m.responsible_id == person.pk]
            )
        )
    return [digest for digest in result if not digest.is_empty]


def send_digests(today: dt.date | None = None) -> int:
    """E-mail today's digests; returns how many were sent."""
    today = today or timezone.localdate()
    municipality = Municipality.load()
    sent = 0
    for digest in digests(today):
        with translation.override("nl"):
            context = {
                "digest": digest,
                "today": today,
                "due_soon_days": DUE_SOON_DAYS,
                "municipality": municipality,
                "site_url": settings.SITE_URL.rstrip("/"),
            }
            subject = render_to_string("monitor/digest_subject.txt", context).strip()
            body = render_to_string("monitor/digest_body.txt", context)
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [digest.recipient.email])
        sent += 1
    return sent
