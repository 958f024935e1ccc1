import pytest

from gehoord.core.names import split_display_name

NAMES = [
    # display name, first name, surname
    ("Ingrid Smit", "Ingrid", "Smit"),
    ("Karin de Boer", "Karin", "de Boer"),
    ("Jan van der Berg", "Jan", "van der Berg"),
    ("Wouter van den Heuvel", "Wouter", "van den Heuvel"),
    ("Jan Peter de Vries", "Jan Peter", "de Vries"),
    ("J.P. de Vries", "J.P.", "de Vries"),
    ("Gerrit ter Horst", "Gerrit", "ter Horst"),
    ("Kees van 't Hek", "Kees", "van 't Hek"),
    ("Youssef El Idrissi", "Youssef", "El Idrissi"),
    ("Mohamed Ben Ali", "Mohamed", "Ben Ali"),
    ("Anna Jansen-de Vries", "Anna", "Jansen-de Vries"),
    ("Maria van Dijk-de Wit", "Maria", "van Dijk-de Wit"),
    ("Fatma Yılmaz", "Fatma", "Yılmaz"),
    ("Jan Van Dijk", "Jan", "Van Dijk"),  # a capital in a display name does not change the rule
    ("van Dijk", "", "van Dijk"),  # no first name given
    ("Ben Jansen", "Ben", "Jansen"),  # a first name that is also a tussenvoegsel
    ("Vries, Jan de", "Jan", "de Vries"),
    ("de Vries, Jan", "Jan", "de Vries"),
    ("Willem", "", "Willem"),  # one word: kept as the surname (the file needs one)
    ("  Sanne   Bakker ", "Sanne", "Bakker"),
    ("", "", ""),
]


@pytest.mark.parametrize(("display", "first", "surname"), NAMES)
def test_a_display_name_splits_into_first_name_and_surname(display, first, surname):
    assert split_display_name(display) == (first, surname)
