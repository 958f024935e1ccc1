"""A person's display name ("Jan van der Berg") split into first name and surname, the Dutch way.

Social-media profiles and e-mail headers give one display name; a complainant's file keeps the first
name (or initials) and the surname apart. The rule, in one place:

- the surname is the last word, with every tussenvoegsel before it ("van", "de", "van der", "ter",
  also "El", "Ben", "Al" of Arabic names): "Jan van der Berg" -> ("Jan", "van der Berg");
- a double surname joined by a hyphen stays whole: "Anna Jansen-de Vries" -> ("Anna", "Jansen-de Vries");
- the first word is always a first name, unless it is a lowercase tussenvoegsel: "van Dijk" is all surname;
- "Surname, First" (as address books write it) is read the other way round, with tussenvoegsels written
  after the first name moved back: "Vries, Jan de" -> ("Jan", "de Vries");
- one word cannot be told apart: it is kept as the surname, which a file needs. Staff correct it.
"""

from __future__ import annotations

TUSSENVOEGSELS = frozenset(
    {
        "van", "von", "vander", "vd", "v.d.", "de", "der", "den", "des", "het", "'t", "te", "ten", "ter",
        "in", "op", "onder", "over", "aan", "bij", "uit", "voor", "d'", "di", "da", "du", "dos", "das",
        "del", "della", "la", "le", "les", "lo", "el", "al", "ben", "bin", "abu", "ou",
    }
)  # fmt: skip


def _is_tussenvoegsel(word: str) -> bool:
    return word.lower() in TUSSENVOEGSELS


def _joins_next(word: str) -> bool:
    """A tussenvoegsel, or the first half of a double surname ("Jansen-de", "Jansen-")."""
    before, hyphen, after = word.rpartition("-")
    return _is_tussenvoegsel(word) or bool(hyphen and before and (not after or _is_tussenvoegsel(after)))


def split_display_name(name: str) -> tuple[str, str]:
    """(first name, surname) of a display name; see the module's docstring for the rule."""
    if "," in name:
        surname, _comma, first = (part.strip() for part in name.partition(","))
        words = first.split()
        moved = []
        while words and len(words) > 1 and _is_tussenvoegsel(words[-1]):
            moved.insert(0, words.pop())
        return " ".join(words), " ".join([*moved, *surname.split()])
    words = name.split()
    if len(words) < 2:
        return "", " ".join(words)
    start = len(words) - 1
    while start > 1 and _joins_next(words[start - 1]):
        start -= 1
    if start == 1 and words[0].islower() and _is_tussenvoegsel(words[0]):
        start = 0
    return " ".join(words[:start]), " ".join(words[start:])
