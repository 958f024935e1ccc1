"""Can we reach this person? One rule for every way in (Awb 9:4 lid 2 onder a).

A complaint names who complains and how to reach them: a name, and at least
one of an e-mail address, a phone number, or a postal address that can
receive a letter — street and house number, postcode and place, all three.
The web form, staff registration, the API, the conversion of a social-media
signal and the intake pipeline itself all ask :func:`problems`, so a channel
can never take in a complaint another would refuse. (An e-mail always has its
sender's address; an anonymous complaint is a signal without this rule, Awb 9:1.)

Each problem is keyed by the field to put it next to; the forms add what only
their channel needs (a letter to answer a written complaint, a number for a
phone preference).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

POSTAL_CODE = re.compile(r"^\s*(\d{4})\s*([A-Za-z]{2})\s*$")
HOUSE_NUMBER = re.compile(r"\d")
ADDRESS_FIELDS = ("street_address", "postal_code", "city")


def normalised_postal_code(value: str) -> str | None:
    """'1234ab' -> '1234 AB'; None when it is not a Dutch postcode."""
    match = POSTAL_CODE.match(value or "")
    return f"{match.group(1)} {match.group(2).upper()}" if match else None


def _text(details: Mapping[str, Any], name: str) -> str:
    return str(details.get(name) or "").strip()


def has_postal_address(details: Mapping[str, Any]) -> bool:
    """Street with a house number, a valid postcode and a place: an address a letter reaches."""
    street, postal_code, city = (_text(details, name) for name in ADDRESS_FIELDS)
    return bool(
        street and HOUSE_NUMBER.search(street) and normalised_postal_code(postal_code) is not None and city
    )


def problems(details: Mapping[str, Any], *, citizen: bool = False) -> dict[str, str]:
    """What keeps `details` (last_name, email, phone, street_address, postal_code, city) from reaching a person.

    Empty when the person can be reached. `citizen` words the messages to the
    person themselves ("u") instead of to staff ("de klager").
    """
    found: dict[str, str] = {}
    if not _text(details, "last_name"):
        found["last_name"] = (
            _("Vul uw achternaam in.") if citizen else _("Vul de achternaam van de klager in.")
        )
    address = [_text(details, name) for name in ADDRESS_FIELDS]
    if any(address):
        street, postal_code, city = address
        incomplete = (
            _("Vul uw volledige adres in: straat en huisnummer, postcode en woonplaats.")
            if citizen
            else _("Vul het volledige adres in: straat en huisnummer, postcode en woonplaats.")
        )
        if not street:
            found["street_address"] = incomplete
        elif not HOUSE_NUMBER.search(street):
            found["street_address"] = _("Vul ook het huisnummer in, bijvoorbeeld Dorpsstraat 12.")
        if not postal_code:
            found["postal_code"] = incomplete
        elif normalised_postal_code(postal_code) is None:
            found["postal_code"] = _("Vul een postcode in zoals 1234 AB.")
        if not city:
            found["city"] = incomplete
    if not any(address) and not (_text(details, "email") or _text(details, "phone")):
        found["email"] = (
            _(
                "Vul minstens één manier in waarop wij u kunnen bereiken: e-mailadres, telefoonnummer of adres."
            )
            if citizen
            else _(
                "Vul minstens één manier in waarop de klager bereikbaar is: e-mailadres, telefoonnummer of adres."
            )
        )
    return found


def reachable(details: Mapping[str, Any]) -> bool:
    return not problems(details)
