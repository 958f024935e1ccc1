"""The staff menu: every screen an employee may open, and only those.

A registry, like the after-step hooks: each app registers the screens it owns
from its ``AppConfig.ready()``, with the rule its view checks (the same
function the view's permission decorator calls), so the menu never offers a
screen that answers 403 and never hides one that answers 200. This module
imports no app.

Less-used screens carry ``more=True``: with many items they go under "Meer"
in the wide header, so the header never wraps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.urls import reverse

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from gehoord.accounts.models import User

# With at most this many screens everything fits on the menu bar; with more, the "more" ones go under "Meer".
MAX_ITEMS_WITHOUT_MORE = 7


@dataclass(frozen=True)
class Screen:
    """One entry of the staff menu."""

    label: str | Promise
    url_name: str
    may_open: Callable[[User], bool]
    order: int
    more: bool = False


@dataclass(frozen=True)
class MenuEntry:
    label: str | Promise
    url: str
    # "page" on the screen itself, "true" on a page under it (a complaint file under "Klachten"), else "".
    current: str = ""


@dataclass
class Menu:
    main: list[MenuEntry] = field(default_factory=list)
    more: list[MenuEntry] = field(default_factory=list)

    @property
    def entries(self) -> list[MenuEntry]:
        return [*self.main, *self.more]

    @property
    def more_is_current(self) -> bool:
        return any(entry.current for entry in self.more)


SCREENS: dict[str, Screen] = {}


def register(screen: Screen) -> None:
    """Add a screen to the menu (idempotent by URL name: ready() may run twice in tests)."""
    SCREENS[screen.url_name] = screen


def signed_in(user: User) -> bool:
    """Any employee signed in: the screens behind ``login_required`` alone."""
    return bool(user and user.is_authenticated and user.is_active)


def _current(url: str, path: str) -> str:
    if path == url:
        return "page"
    return "true" if path.startswith(url) else ""


def menu_for(user: User, path: str = "") -> Menu:
    """The menu `user` gets on the page at `path`: the screens they may open, in order."""
    screens = sorted((s for s in SCREENS.values() if s.may_open(user)), key=lambda s: (s.order, s.url_name))
    entries = [(screen, reverse(screen.url_name)) for screen in screens]
    # The longest matching URL is the section the page is in (not both "Klachten" and a screen under it).
    section = max((url for _screen, url in entries if path.startswith(url)), key=len, default="")
    menu = Menu()
    overflow = len(entries) > MAX_ITEMS_WITHOUT_MORE
    for screen, url in entries:
        entry = MenuEntry(screen.label, url, _current(url, path) if url == section else "")
        (menu.more if overflow and screen.more else menu.main).append(entry)
    return menu
