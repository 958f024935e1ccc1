"""The flower voucher's personal data: its note. Status, value and dates stay for the figures.

Registered with :mod:`gehoord.core.personal_data` from the app's ``ready``;
:mod:`gehoord.privacy` drives the export and the erasure. The voucher holds
no name or address of its own: the order lists read them from the complainant.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from gehoord.core.personal_data import Erased, PersonalDataHolder, export_day, register_personal_data
from gehoord.vouchers.models import FlowerVoucher

if TYPE_CHECKING:
    from gehoord.cases.models import Complaint


def export(complaint: Complaint) -> dict[str, Any]:
    voucher = FlowerVoucher.objects.filter(complaint=complaint).first()
    return {
        "voucher": {
            "status": voucher.get_status_display(),
            "value": str(voucher.value),
            "supplier": voucher.supplier,
            "not_applicable_reason": voucher.get_not_applicable_reason_display(),
            "note": voucher.note,
            "ordered_on": export_day(voucher.ordered_on),
            "sent_on": export_day(voucher.sent_on),
        }
        if voucher
        else None
    }


def erase(complaint: Complaint, at: dt.datetime) -> Erased:
    FlowerVoucher.objects.filter(complaint=complaint).update(note="")
    return Erased()


HOLDER = PersonalDataHolder(
    name="vouchers", blanks={"vouchers.FlowerVoucher": ("note",)}, export=export, erase=erase
)


def register() -> None:
    register_personal_data(HOLDER)
