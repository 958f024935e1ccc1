"""Numbers in query parameters: the digits 0-9 and nothing else."""

import pytest

from gehoord.core.params import ascii_digits, page_number


@pytest.mark.parametrize("value", ["0", "7", "0042", "123456789012345678901234567890"])
def test_ascii_digits_are_a_number(value):
    assert ascii_digits(value)
    assert page_number(value) == value


# "²".isdigit() and "٣".isdigit() are both true: int() refuses the first and reads the second as 3.
@pytest.mark.parametrize("value", ["²", "٣", "１", "-1", "+1", " 1", "1 ", "1.0", "1e3", "", "\x00", None, 3])
def test_anything_else_is_not(value):
    assert not ascii_digits(value)
    assert page_number(value) is None  # the first page
