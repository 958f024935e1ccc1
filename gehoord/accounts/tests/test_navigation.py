"""The staff menu offers every screen a role may open, and only those; the header and footer per kind of page.

The screens are found in the URL configuration (every staff page without parameters), so a new screen
that no menu offers, or a menu item that answers 403, fails here.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gehoord.accounts import navigation
from gehoord.accounts.roles import Role
from gehoord.accounts.testing import login_staff, totp_device
from gehoord.cases.tests import factories

# The sign-in steps are pages, not screens of the menu.
NOT_SCREENS = {"login", "logout", "accounts:verify", "accounts:setup"}
# Screens reached from a screen in the menu (the screen that links to them), not from the menu itself.
SUB_SCREENS = {"learning:new": "learning:list"}


def _staff_routes(patterns=None, prefix: str = "", namespace: str = "") -> dict[str, str]:
    """URL name -> path of every staff page without parameters (and the admin's index)."""
    routes: dict[str, str] = {}
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            routes.update(_staff_routes(pattern.url_patterns, prefix + route, inner))
        elif isinstance(pattern, URLPattern) and pattern.name and "<" not in route:
            name, path = f"{namespace}{pattern.name}", "/" + prefix + route
            if path.startswith("/medewerkers/") or name == "admin:index":
                routes[name] = path
    return {name: path for name, path in routes.items() if name not in NOT_SCREENS}


def _people() -> dict[str, object]:
    return {
        "coordinator": factories.coordinator(),
        "handler": factories.handler(),
        "department_head": factories.UserFactory(roles=[Role.DEPARTMENT_HEAD]),
        "admin": factories.UserFactory(roles=[Role.ADMIN], is_staff=True),
        "no_role": factories.UserFactory(roles=[]),
    }


class _Links(HTMLParser):
    """The links of each menu (data-menu="wide" / "compact"), and every aria-current in them."""

    def __init__(self) -> None:
        super().__init__()
        self.menus: dict[str, list[str]] = {}
        self.current: list[tuple[str, str]] = []
        self._open: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("nav", "details", "ul", "li", "summary", "div"):
            self._open.append(attrs.get("data-menu"))
        menu = next((m for m in reversed(self._open) if m), None)
        if tag == "a" and menu:
            self.menus.setdefault(menu, []).append(attrs["href"])
            if attrs.get("aria-current"):
                self.current.append((attrs["href"], attrs["aria-current"]))

    def handle_endtag(self, tag):
        if tag in ("nav", "details", "ul", "li", "summary", "div") and self._open:
            self._open.pop()


def _menus(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def _is_html_200(client, path: str) -> bool:
    response = client.get(path)
    return response.status_code == 200 and response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["coordinator", "handler", "department_head", "admin", "no_role"])
def test_the_menu_links_are_exactly_the_screens_that_open(client, role):
    user = _people()[role]
    login_staff(client, user)
    routes = _staff_routes()
    opens = {name for name, path in routes.items() if _is_html_200(client, path)}
    sub_screens = {name for name in SUB_SCREENS if name in opens}

    menus = _menus(client.get(reverse("cases:list")).content.decode())
    wide, compact = menus.menus.get("wide", []), menus.menus.get("compact", [])
    by_path = {path: name for name, path in routes.items()}
    assert {by_path[href] for href in wide} == opens - sub_screens, role
    assert sorted(compact) == sorted(wide), "the compact menu offers the same screens"
    assert len(wide) == len(set(wide))
    for name in sub_screens:
        assert SUB_SCREENS[name] in {by_path[href] for href in wide}, name


def test_every_menu_screen_is_a_staff_screen():
    routes = _staff_routes()
    assert {screen.url_name for screen in navigation.SCREENS.values()} <= set(routes)
    # The annual report, measures, vouchers, survey results, signals and the mailbox are all offered.
    for name in ("annual_reports", "learning:list", "vouchers:overview", "surveys:results", "social:queue"):
        assert name in navigation.SCREENS, name


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path_name", "current"),
    [("cases:list", "page"), ("annual_reports", "page"), ("vouchers:overview", "page")],
)
def test_the_current_screen_is_marked(client, path_name, current):
    login_staff(client, factories.coordinator())
    menus = _menus(client.get(reverse(path_name)).content.decode())
    # Once in each menu (wide and compact), and nothing else is marked.
    assert menus.current == [(reverse(path_name), current)] * 2


@pytest.mark.django_db
def test_a_page_under_a_screen_marks_its_section_not_the_page(client):
    coordinator = factories.coordinator()
    login_staff(client, coordinator)
    menus = _menus(client.get(reverse("learning:new")).content.decode())
    assert menus.current == [(reverse("learning:list"), "true")] * 2


@pytest.mark.django_db
def test_the_coordinators_rarer_screens_are_under_meer():
    coordinator = factories.coordinator()
    menu = navigation.menu_for(coordinator, "/medewerkers/klachten/")
    assert len(menu.main) <= navigation.MAX_ITEMS_WITHOUT_MORE - 1
    assert {str(e.label) for e in menu.more} >= {"Jaarverslag", "Bloemenbonnen", "Enquête-uitkomsten"}
    # A handler has few screens: all on the bar, no "Meer".
    assert navigation.menu_for(factories.handler(), "/").more == []


@pytest.mark.django_db
def test_staff_pages_have_the_staff_footer_and_public_pages_the_public_one(client):
    login_staff(client, factories.coordinator())
    staff = client.get(reverse("cases:list")).content.decode()
    assert "Voettekst medewerkers" in staff
    assert reverse("intake:start") + '"' not in staff.split("<footer", 1)[1]  # no "Klacht indienen"
    assert reverse("intake:forward") not in staff.split("<footer", 1)[1]  # no "Stuur door"

    public = client.get(reverse("intake:start")).content.decode()
    footer = public.split("<footer", 1)[1]
    assert reverse("intake:forward") in footer and "Voettekst medewerkers" not in footer


@pytest.mark.django_db
@pytest.mark.parametrize("step", ["accounts:verify", "accounts:setup"])
def test_the_second_factor_step_shows_neither_menu_nor_name(client, step):
    user = factories.coordinator(first_name="Carla", last_name="Coördinator")
    if step == "accounts:verify":
        totp_device(user)
    client.force_login(user)  # the password given, the code not yet

    response = client.get(reverse(step))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Coördinator" not in html and user.username not in html
    assert 'data-menu="' not in html and f'href="{reverse("cases:list")}"' not in html
    assert "Uitloggen" in html  # a way out stays


@pytest.mark.django_db
def test_a_signed_in_employee_sees_their_name_and_the_menu(client):
    user = factories.coordinator(first_name="Carla", last_name="Coördinator")
    login_staff(client, user)
    html = client.get(reverse("cases:list")).content.decode()
    assert "Carla Coördinator" in html and 'data-menu="wide"' in html
