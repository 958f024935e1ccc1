"""The stored Idempotency-Key answers: they hold a complaint's data as they were answered.

Registered with :mod:`gehoord.core.personal_data` from the app's ``ready``;
:mod:`gehoord.privacy` drives the erasure: every stored answer about the
complaint is removed (a retry with its key is then a new request). Nothing of
it goes into the export: it repeats what the file holds.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from gehoord.api.models import IdempotentResponse
from gehoord.core.personal_data import (
    Erased,
    PersonalDataHolder,
    declare_no_complainant_data,
    register_personal_data,
)

if TYPE_CHECKING:
    from gehoord.cases.models import Complaint


def erase(complaint: Complaint, at: dt.datetime) -> Erased:
    count = IdempotentResponse.objects.filter(complaint=complaint).delete()[0]
    return Erased(counts={"idempotent_responses": count})


HOLDER = PersonalDataHolder(name="api", removes=("api.IdempotentResponse",), erase=erase)


def register() -> None:
    register_personal_data(HOLDER)
    declare_no_complainant_data("api.ApiClient", "the name of a connected system")
