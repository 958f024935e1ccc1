"""Is this the same person? The rule that finds a person's other complaints.

Same person: the same e-mail address (any case), the same phone number
(digits only, +31 or 0), or the same last name with the same postcode. Used
by the staff registration's hint, and by the intake pipeline to find a
resubmission or a possible duplicate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.db.models import F, Q, QuerySet, Value
from django.db.models.functions import Replace, Upper

from gehoord.cases.lifecycle import OPEN_STATUSES
from gehoord.cases.models import Complainant, Complaint

_MIN_PHONE_DIGITS = 6
# Characters people put in phone numbers around the digits.
_PHONE_PUNCTUATION = (" ", "-", "(", ")", ".", "/", "+")


def phone_digits(phone: str) -> str:
    """The digits of a Dutch number, written nationally: '+31 (0)6-1234 5678' -> '0612345678'."""
    phone = phone.strip().replace("(0)", "")
    digits = re.sub(r"\D", "", phone)
    if phone.startswith("+31") and digits.startswith("31"):
        return "0" + digits[2:]
    if digits.startswith("0031"):
        return "0" + digits[4:]
    return digits


def _phone_variants(phone: str) -> set[str]:
    """How the same number can look once stored punctuation is taken out."""
    digits = phone_digits(phone)
    if len(digits) < _MIN_PHONE_DIGITS:
        return set()
    variants = {digits}
    if digits.startswith("0") and not digits.startswith("00"):
        national = digits[1:]
        variants |= {f"31{national}", f"0031{national}", f"310{national}", f"00310{national}"}
    return variants


def _stripped(expression, characters: Iterable[str]):
    for character in characters:
        expression = Replace(expression, Value(character), Value(""))
    return expression


def _postal_key(postal_code: str) -> str:
    return re.sub(r"\s", "", postal_code).upper()


def open_complaints_of_same_person(
    *, email: str = "", phone: str = "", last_name: str = "", postal_code: str = ""
) -> QuerySet[Complaint]:
    """Open complaints whose complainant looks like the same person, whoever may see them.

    Same person: the same e-mail address (any case), the same phone number
    (digits only, +31 or 0), or the same last name with the same postal code.
    Callers decide what the user may be shown (see :func:`duplicate_hint`).
    """
    complaints = Complaint.objects.filter(status__in=OPEN_STATUSES, complainant__anonymised_at__isnull=True)
    conditions = []
    if email.strip():
        conditions.append(Q(complainant__email__iexact=email.strip()))
    variants = _phone_variants(phone)
    if variants:
        complaints = complaints.annotate(
            _complainant_phone=_stripped(F("complainant__phone"), _PHONE_PUNCTUATION)
        )
        conditions.append(Q(_complainant_phone__in=variants))
    postal = _postal_key(postal_code)
    if last_name.strip() and postal:
        complaints = complaints.annotate(
            _complainant_postal=_stripped(Upper(F("complainant__postal_code")), (" ",))
        )
        conditions.append(Q(complainant__last_name__iexact=last_name.strip(), _complainant_postal=postal))
    if not conditions:
        return Complaint.objects.none()
    return (
        complaints.filter(reduce(or_, conditions))
        .select_related("complainant")
        .order_by("-received_at", "pk")
    )


def same_person(one: Complainant, other: Complainant) -> bool:
    """Whether two complainants are the same person by the rule above (an anonymous one never is)."""
    if one.email.strip() and one.email.strip().lower() == other.email.strip().lower():
        return True
    if _phone_variants(one.phone) & _phone_variants(other.phone):
        return True
    return bool(
        one.last_name.strip()
        and one.last_name.strip().lower() == other.last_name.strip().lower()
        and _postal_key(one.postal_code)
        and _postal_key(one.postal_code) == _postal_key(other.postal_code)
    )
