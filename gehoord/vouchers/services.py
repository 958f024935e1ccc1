"""The flower voucher workflow: due on a (partly) founded complaint, ordered in batches, sent once.

- Due automatically when a decision makes the outcome, or any complaint part,
  gegrond or deels gegrond (a lifecycle hook, inside the decision's
  transaction); :func:`make_due` is idempotent, so a complaint never gets two.
- The coordinator may mark a due voucher not applicable, with a reason.
- Due vouchers with a postal address go into a batch: the list to order from
  the supplier (CSV and XLSX), then marked ordered and, with a date, sent —
  which queues the accompanying letter.
- Every step is on the complaint's timeline.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gehoord.accounts.access import is_coordinator
from gehoord.cases import timeline
from gehoord.cases.constants import FOUNDED_JUDGEMENTS, EventKind, Outcome
from gehoord.cases.models import Complaint
from gehoord.cases.selectors import visible_through
from gehoord.core.errors import GuardFailed, PermissionDenied
from gehoord.correspondence.constants import LetterKind
from gehoord.correspondence.services import queue_letter
from gehoord.organisation.models import Municipality
from gehoord.vouchers.models import FlowerVoucher, NotApplicableReason, VoucherBatch, VoucherStatus

if TYPE_CHECKING:
    from gehoord.accounts.models import User

FOUNDED_OUTCOMES = frozenset({Outcome.FOUNDED, Outcome.PARTLY_FOUNDED})


def is_owed(complaint: Complaint) -> bool:
    """A voucher is owed when the outcome, or any part, is gegrond or deels gegrond."""
    if complaint.outcome in FOUNDED_OUTCOMES:
        return True
    return complaint.parts.filter(judgement__in=FOUNDED_JUDGEMENTS).exists()


def _timeline(
    complaint: Complaint,
    summary: str,
    actor: User | None = None,
    details: str = "",
    at: dt.datetime | None = None,
) -> None:
    timeline.record(
        complaint, kind=EventKind.AFTERCARE, actor=actor, summary=summary[:300], details=details, at=at
    )


def make_due(complaint: Complaint, *, at: dt.datetime | None = None) -> FlowerVoucher | None:
    """The complaint's voucher, created when it is owed and not there yet; None when none is owed.

    `at`: when it became due, if not now (the decision's moment, for a history loaded afterwards).
    """
    existing = FlowerVoucher.objects.filter(complaint=complaint).first()
    if existing is not None:
        return existing
    if not is_owed(complaint):
        return None
    municipality = Municipality.load()
    with transaction.atomic():
        voucher, created = FlowerVoucher.objects.get_or_create(
            complaint=complaint,
            defaults={
                "value": municipality.voucher_value,
                "supplier": municipality.voucher_supplier,
                "created_at": at or timezone.now(),
            },
        )
        if created:
            _timeline(complaint, _("Bloemenbon verschuldigd: de klacht is (deels) gegrond"), at=at)
    return voucher


def voucher_after_step(complaint: Complaint, name: str, params: dict[str, Any]) -> None:
    """The lifecycle hook: a decision may make a voucher due."""
    if name == "decide":
        make_due(complaint)


def _ensure_coordinator(actor: User) -> None:
    if not is_coordinator(actor):
        raise PermissionDenied(_("Alleen de klachtencoördinator regelt de bloemenbonnen."))


def mark_not_applicable(voucher: FlowerVoucher, *, reason: str, note: str = "", actor: User) -> FlowerVoucher:
    _ensure_coordinator(actor)
    if reason not in NotApplicableReason.values:
        raise GuardFailed(_("Kies waarom de bon niet van toepassing is."))
    if reason == NotApplicableReason.OTHER and not note.strip():
        raise GuardFailed(_("Licht toe waarom de bon niet van toepassing is."))
    with transaction.atomic():
        voucher = FlowerVoucher.objects.select_for_update().get(pk=voucher.pk)
        if voucher.status != VoucherStatus.DUE or voucher.batch_id:
            raise GuardFailed(_("Alleen een bon die nog besteld moet worden, kan vervallen."))
        voucher.status = VoucherStatus.NOT_APPLICABLE
        voucher.not_applicable_reason = reason
        voucher.note = note.strip()
        voucher.save()
        _timeline(
            voucher.complaint,
            _("Bloemenbon niet van toepassing: %(reason)s")
            % {"reason": voucher.get_not_applicable_reason_display()},
            actor,
            voucher.note,
        )
    return voucher


def vouchers_for(viewer: User) -> QuerySet[FlowerVoucher]:
    """The vouchers `viewer` may see: of the complaints they may see (Awb 9:7: none about their own conduct)."""
    return visible_through(viewer, FlowerVoucher.objects.all())


def due_for_batch(viewer: User) -> QuerySet[FlowerVoucher]:
    """Due vouchers not yet in a batch, oldest first, as `viewer` may see them."""
    return (
        vouchers_for(viewer)
        .filter(status=VoucherStatus.DUE, batch__isnull=True)
        .select_related("complaint", "complaint__complainant")
        .order_by("created_at", "pk")
    )


def has_postal_address(voucher: FlowerVoucher) -> bool:
    complainant = voucher.complaint.complainant
    return bool(complainant.street_address and complainant.city)


def create_batch(*, actor: User, at: dt.datetime | None = None) -> VoucherBatch:
    """Put every due voucher with a postal address that `actor` may see in a new batch to order.

    A voucher for a complaint about the actor's own conduct stays due, for another coordinator
    to order (Awb 9:7: its name and address never reach the actor).
    """
    _ensure_coordinator(actor)
    with transaction.atomic():
        vouchers = [
            voucher
            for voucher in due_for_batch(actor).select_for_update(of=("self",))
            if has_postal_address(voucher)
        ]
        if not vouchers:
            raise GuardFailed(_("Er zijn geen bonnen met een postadres die besteld moeten worden."))
        batch = VoucherBatch.objects.create(created_by=actor, created_at=at or timezone.now())
        FlowerVoucher.objects.filter(pk__in=[voucher.pk for voucher in vouchers]).update(batch=batch)
    return batch


def mark_ordered(
    batch: VoucherBatch, *, on: dt.date | None = None, actor: User, at: dt.datetime | None = None
) -> VoucherBatch:
    _ensure_coordinator(actor)
    on = on or timezone.localdate()
    with transaction.atomic():
        batch = VoucherBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.ordered_on is not None:
            raise GuardFailed(_("Deze bestelling is al als besteld gemarkeerd."))
        batch.ordered_on = on
        batch.save()
        for voucher in batch.vouchers.select_related("complaint"):
            voucher.status, voucher.ordered_on = VoucherStatus.ORDERED, on
            voucher.save()
            _timeline(
                voucher.complaint,
                _("Bloemenbon besteld op %(date)s") % {"date": f"{on:%d-%m-%Y}"},
                actor,
                at=at,
            )
    return batch


def mark_sent(
    batch: VoucherBatch, *, on: dt.date | None = None, actor: User, at: dt.datetime | None = None
) -> VoucherBatch:
    """The supplier sent the vouchers: mark them sent and queue each accompanying letter.

    `at`: when this was recorded, if not now (for a history loaded afterwards); also for `mark_ordered`.
    """
    _ensure_coordinator(actor)
    on = on or timezone.localdate()
    with transaction.atomic():
        batch = VoucherBatch.objects.select_for_update().get(pk=batch.pk)
        if batch.ordered_on is None:
            raise GuardFailed(_("Markeer de bestelling eerst als besteld."))
        if batch.sent_on is not None:
            raise GuardFailed(_("Deze bestelling is al als verstuurd gemarkeerd."))
        if on < batch.ordered_on:
            raise GuardFailed(_("De verzenddatum ligt vóór de besteldatum."))
        batch.sent_on = on
        batch.save()
        for voucher in batch.vouchers.select_related("complaint"):
            voucher.status, voucher.sent_on = VoucherStatus.SENT, on
            voucher.save()
            _timeline(
                voucher.complaint,
                _("Bloemenbon verstuurd op %(date)s") % {"date": f"{on:%d-%m-%Y}"},
                actor,
                at=at,
            )
            queue_letter(
                voucher.complaint,
                LetterKind.VOUCHER,
                {"value": str(voucher.value), "supplier": voucher.supplier},
            )
    return batch


EXPORT_COLUMNS = [
    gettext_lazy("Kenmerk"),
    gettext_lazy("Naam"),
    gettext_lazy("Adres"),
    gettext_lazy("Postcode"),
    gettext_lazy("Woonplaats"),
    gettext_lazy("Waarde (euro)"),
    gettext_lazy("Leverancier"),
]


def batch_rows(batch: VoucherBatch, viewer: User) -> list[list[str]]:
    """The order list as `viewer` may see it: who gets a voucher of what value, at which address."""
    rows = []
    vouchers = visible_through(viewer, batch.vouchers.all())
    for voucher in vouchers.select_related("complaint__complainant").order_by("complaint__reference"):
        complainant = voucher.complaint.complainant
        rows.append(
            [
                voucher.complaint.reference,
                complainant.full_name,
                complainant.street_address,
                complainant.postal_code,
                complainant.city,
                f"{voucher.value:.2f}",
                voucher.supplier,
            ]
        )
    return rows
