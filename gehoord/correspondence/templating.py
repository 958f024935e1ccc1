"""The small, safe language of editable letter templates.

An admin writes a letter's body as plain text with a little Markdown and
placeholders; nothing they write can run code or inject HTML:

- a blank line starts a new paragraph; a single line break stays a line break;
- ``## Kop`` is a heading (``###`` a sub-heading), ``- item`` a list item,
  ``**vet**`` bold text; any HTML typed in is shown as text;
- ``{{ naam }}`` is a placeholder from :mod:`gehoord.correspondence.placeholders`.
  Its value is escaped. A *block* placeholder (a whole section, such as the
  judgement per part) stands alone in its paragraph;
- a paragraph whose placeholder has no value for this complaint (no hearing
  was held, no conclusions were written) is left out, and so is a heading
  whose section ends up empty. That replaces the "if" of a real template
  language without giving admins one.

The subject and the e-mail summary are plain text with inline placeholders.
:func:`check` says in Dutch what is wrong with a template, so the admin can
fix it before any letter uses it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt
from markdown_it.token import Token

from gehoord.correspondence.placeholders import NO_APPEAL_KINDS, PLACEHOLDERS, REQUIRED, Value, available

PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")
# Placeholders are swapped for these markers before Markdown parses the text,
# so that no Markdown rule can touch them; private-use characters never occur in Dutch text.
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKED = re.compile(f"{_OPEN}([A-Za-z0-9_]+){_CLOSE}")
# Left over after the valid placeholders: a brace pair or template tag an admin mistyped.
_STRAY = re.compile(r"\{\{|\}\}|\{%|%\}")
# Awb 9:3 in words a letter might use to offer an objection or appeal.
_APPEAL_WORDS = re.compile(r"\b(bezwaar|beroep)", re.IGNORECASE)

_markdown = MarkdownIt("zero", {"html": False, "breaks": True, "typographer": False}).enable(
    ["heading", "list", "emphasis", "newline"]
)


def _mark(text: str) -> str:
    return PLACEHOLDER.sub(lambda match: f"{_OPEN}{match[1]}{_CLOSE}", text)


def names_in(text: str) -> list[str]:
    return PLACEHOLDER.findall(text)


# -- checking -----------------------------------------------------------------------------


@dataclass
class Problems:
    """What is wrong with a template, per field ("subject", "email_summary", "body")."""

    by_field: dict[str, list[str]] = field(default_factory=dict)

    def add(self, field_name: str, message: str) -> None:
        self.by_field.setdefault(field_name, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.by_field)


def _suggestion(name: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(name, allowed, n=1)
    return _(" Bedoelt u {{ %(name)s }}?") % {"name": close[0]} if close else ""


def _check_names(kind: str, field_name: str, text: str, problems: Problems, *, body: bool) -> None:
    allowed = [placeholder.name for placeholder in available(kind)]
    for name in dict.fromkeys(names_in(text)):
        if name not in allowed:
            problems.add(
                field_name,
                _("Het gegeven {{ %(name)s }} bestaat niet in deze brief.%(suggestion)s")
                % {
                    "name": name,
                    "suggestion": _suggestion(name, allowed),
                }
                + " "
                + _("Kies een van de gegevens uit de lijst hieronder."),
            )
        elif PLACEHOLDERS[name].block and not body:
            problems.add(
                field_name,
                _("{{ %(name)s }} is een blok en kan alleen in de tekst van de brief staan.")
                % {"name": name},
            )
    if _STRAY.search(PLACEHOLDER.sub("", text)):
        problems.add(
            field_name,
            _(
                "Er staan losse accolades of procenttekens in de tekst. Schrijf een gegeven als "
                "{{ naam }}: twee accolades, de naam uit de lijst, twee accolades."
            ),
        )


def _check_blocks_stand_alone(body: str, problems: Problems) -> None:
    for token in _markdown.parse(_mark(body)):
        if token.type != "inline":
            continue
        for name in _MARKED.findall(token.content):
            placeholder = PLACEHOLDERS.get(name)
            if placeholder is None or not placeholder.block:
                continue
            if token.level != 1 or not _MARKED.fullmatch(token.content.strip()):
                problems.add(
                    "body",
                    _("Zet {{ %(name)s }} op een eigen regel, met een lege regel ervoor en erna.")
                    % {"name": name},
                )


def check(kind: str, *, subject: str, email_summary: str, body: str) -> Problems:
    """Everything wrong with a template of `kind`, in Dutch, per field; empty when it is fine."""
    problems = Problems()
    for field_name, text in (("subject", subject), ("email_summary", email_summary)):
        _check_names(kind, field_name, text, problems, body=False)
    if "\n" in subject.strip():
        problems.add("subject", _("Het onderwerp is één regel."))
    _check_names(kind, "body", body, problems, body=True)
    _check_blocks_stand_alone(body, problems)
    if re.search(r"^\s{0,3}#(?!#)", body, re.MULTILINE):
        problems.add(
            "body",
            _("Begin een kop met ## (of ### voor een tussenkop): de titel van de brief staat er al boven."),
        )
    present = set(names_in(body))
    for name, reason in REQUIRED.get(kind, {}).items():
        if name not in present:
            problems.add(
                "body",
                _("De brief moet {{ %(name)s }} bevatten: %(reason)s.") % {"name": name, "reason": reason},
            )
    if kind in NO_APPEAL_KINDS:
        for field_name, text in (("subject", subject), ("email_summary", email_summary), ("body", body)):
            match = _APPEAL_WORDS.search(PLACEHOLDER.sub("", text))
            if match:
                problems.add(
                    field_name,
                    _(
                        "Haal '%(word)s' weg: tegen de afhandeling van een klacht staat geen bezwaar "
                        "of beroep open (artikel 9:3 Awb). Wijs op de ombudsman."
                    )
                    % {"word": match[0]},
                )
    return problems


# -- rendering ----------------------------------------------------------------------------


def render_text(text: str, values: Mapping[str, Value]) -> str:
    """A plain-text template (subject, e-mail summary) with its placeholders filled in, unescaped."""

    def value(match: re.Match[str]) -> str:
        result = values.get(match[1])
        if isinstance(result, SafeString):  # HTML of our own: never in plain text
            return ""
        return result or ""

    return PLACEHOLDER.sub(value, text)


def _inline_html(value: Value) -> str:
    if isinstance(value, SafeString):
        return str(value)
    # Text with line breaks keeps them, like Django's linebreaksbr.
    return escape(value or "").replace("\n", "<br>")


def _substitute(inline: Token, values: Mapping[str, Value]) -> bool:
    """Fill in the placeholders of an inline token; False when one of them has no value."""
    complete = True
    children: list[Token] = []
    for child in inline.children or []:
        if child.type != "text" or _OPEN not in child.content:
            children.append(child)
            continue
        for position, piece in enumerate(_MARKED.split(child.content)):
            if position % 2 == 0:
                if piece:
                    text = Token("text", "", 0)
                    text.content = piece
                    children.append(text)
                continue
            value = values.get(piece)
            if not value:
                complete = False
            html = Token("html_inline", "", 0)
            html.content = _inline_html(value)
            children.append(html)
    inline.children = children
    return complete


@dataclass
class _Block:
    html: str
    heading_level: int | None = None


def _top_level(tokens: list[Token]) -> list[list[Token]]:
    """The token stream cut into top-level blocks: a heading, a paragraph, a list."""
    blocks: list[list[Token]] = []
    depth = 0
    for token in tokens:
        if depth == 0:
            blocks.append([])
        blocks[-1].append(token)
        depth += token.nesting
    return blocks


def _without_empty_sections(blocks: list[_Block]) -> list[_Block]:
    """Drop each heading that has nothing under it before the next heading of its level or higher."""
    kept: list[_Block] = []
    for block in reversed(blocks):
        if block.heading_level is not None:
            has_content = False
            for later in kept[::-1]:  # the blocks after this one, in order
                # A paragraph, or a deeper heading that kept content of its own.
                has_content = later.heading_level is None or later.heading_level > block.heading_level
                break
            if not has_content:
                continue
        kept.append(block)
    return kept[::-1]


def render_body(body: str, values: Mapping[str, Value]) -> SafeString:
    """The letter's body as HTML: the admin's text escaped and structured, the values filled in."""
    renderer = _markdown.renderer
    blocks: list[_Block] = []
    for tokens in _top_level(_markdown.parse(_mark(body))):
        first = tokens[0]
        if first.type == "paragraph_open":
            only = _MARKED.fullmatch(tokens[1].content.strip())
            if only and only[1] in PLACEHOLDERS and PLACEHOLDERS[only[1]].block:
                value = values.get(only[1])
                if value:
                    blocks.append(_Block(str(value).strip()))
                continue
        complete = all(_substitute(token, values) for token in tokens if token.type == "inline")
        if not complete:
            continue
        level = int(first.tag[1]) if first.type == "heading_open" else None
        blocks.append(_Block(renderer.render(tokens, _markdown.options, {}).strip(), heading_level=level))
    # Every HTML piece above is escaped text or a block from our own templates.
    return mark_safe("\n".join(block.html for block in _without_empty_sections(blocks)))  # noqa: S308  # nosec B308 B703
