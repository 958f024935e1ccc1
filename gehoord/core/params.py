"""Numbers in query parameters: ASCII digits only.

`str.isdigit()` says yes to "²" and "٣", and `int()` refuses the first (a
server error where a view trusted isdigit) and reads the second as 3. A
number in a URL is written with the digits 0-9 and nothing else.
"""

from __future__ import annotations


def ascii_digits(value: object) -> bool:
    """Whether `value` is a non-empty string of the digits 0-9 only (no sign, space or other script)."""
    return isinstance(value, str) and value.isascii() and value.isdigit()


def page_number(value: str | None) -> str | None:
    """A page number for `Paginator.get_page`: the value if it is ASCII digits, else None (the first page)."""
    return value if ascii_digits(value) else None
