"""The permission matrix: every URL of the site, for every role, with the answer each must get.

Every URL pattern of the root resolver must have a row here (the admin site is
covered as a whole: its index and the changelist of every registered model).
A URL added without a row makes ``test_every_url_is_in_the_matrix`` fail.

How to add a row
----------------
Add a :class:`Row` to ``PAGES`` (browser roles, see ``world.ROLES``) or to
``API`` (API callers, see ``world.API_CALLERS``)::

    Row("app:name", "get", lambda w: reverse("app:name", args=[...]), staff(200)),

- the first field is the URL name as ``reverse`` knows it (or the route, for
  an unnamed pattern); several rows may test one URL (another object, method
  or body);
- the URL builder gets the :class:`~gehoord.security.tests.world.World`
  (people, two complaints, a letter, a measure, a signal, ... — add objects
  in ``world.build_world`` if the URL needs one);
- ``data`` builds the POST body (optional);
- the expectation maps each role to an outcome. Build it with ``everyone``,
  ``staff`` (signed-in staff; the anonymous visitor and the citizen go to the
  login page, a half-signed-in employee to the second factor), ``coordinators``,
  ``management`` or ``api``, and override single roles by keyword.

Outcomes: an HTTP status (200, 302 for "done, redirected", 400, 403, 404,
405, ...) or "login" (sent to the staff login), "2fa" (sent to the second
factor), "admin_login" (sent to the admin's login).

Each role's request runs in a savepoint that is rolled back, so one role's
POST never changes what the next role sees, and the rate-limit counters are
cleared in between (the limits have their own tests).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gehoord.accounts.roles import ADMIN_PERMISSIONS
from gehoord.security.tests.world import API_CALLERS, ROLES, STAFF, World, build_world

Outcome = int | str
Expectation = dict[str, Outcome]


# --- expectations -----------------------------------------------------------------------------------


def everyone(outcome: Outcome, **per_role: Outcome) -> Expectation:
    return {role: per_role.get(role, outcome) for role in ROLES}


def staff(outcome: Outcome, **per_role: Outcome) -> Expectation:
    """A back-office page: only signed-in staff with the second factor reach the view."""
    return everyone(outcome, anonymous="login", citizen="login", unverified="2fa") | per_role


def coordinators(outcome: Outcome, refused: Outcome = 403) -> Expectation:
    """The coordinator's own screens (mailbox, signals, vouchers): no file is shown, so the
    coordinator complained about in the complaint may use them too."""
    return staff(refused, coordinator=outcome, involved_coordinator=outcome)


def management(outcome: Outcome) -> Expectation:
    """Figures: the coordinators and the department heads."""
    return coordinators(outcome) | {"department_head": outcome, "other_department_head": outcome}


def file_readers(outcome: Outcome, *, department_head: Outcome | None = None) -> Expectation:
    """The complaint file: the coordinator, its handler and the head of its department; for anyone
    else (another handler, another head, the admin, the employees complained about) it does not exist."""
    head = outcome if department_head is None else department_head
    return staff(404, coordinator=outcome, assigned_handler=outcome, department_head=head)


def privacy_screen(outcome: Outcome) -> Expectation:
    """The AVG export and erasure: the coordinator only; for other staff the file does not exist."""
    return staff(403, coordinator=outcome, involved_coordinator=404)


def api(outcome: Outcome, *, scope: str | None, **per_caller: Outcome) -> dict[str, Outcome]:
    """An API endpoint: `outcome` for the token with `scope`, 403 for the other scopes, 401 without
    a valid API token (a staff session or a webhook token is no API token)."""
    result = dict.fromkeys(API_CALLERS, 403)
    result.update(no_token=401, bad_token=401, staff_session=401, webhook_token=401)
    if scope:
        result[scope] = outcome
    return result | per_caller


@dataclass(frozen=True)
class Row:
    name: str
    method: str
    url: Callable[[World], str]
    expect: dict[str, Outcome]
    data: Callable[[World], dict] | None = None

    @property
    def id(self) -> str:
        return f"{self.name} {self.method.upper()} {self.url.__doc__ or ''}".strip()


def _url(name: str, *args: Callable[[World], object] | object, note: str = "") -> Callable[[World], str]:
    """`reverse(name)` with arguments taken from the world when they are callables."""

    def build(world: World) -> str:
        return reverse(name, args=[arg(world) if callable(arg) else arg for arg in args])

    build.__doc__ = note
    return build


def _path(build: Callable[[World], str], note: str) -> Callable[[World], str]:
    build.__doc__ = note
    return build


REF = lambda w: w.complaint.reference  # noqa: E731
LETTER = lambda w: w.objects["letter"].pk  # noqa: E731
MEASURE = lambda w: w.objects["measure"].pk  # noqa: E731
SIGNAL = lambda w: w.objects["signal"].pk  # noqa: E731
BATCH = lambda w: w.objects["batch"].pk  # noqa: E731
REPORT = lambda w: w.objects["report"].pk  # noqa: E731


# --- the pages: browser roles -----------------------------------------------------------------------

PAGES: list[Row] = [
    # The public site.
    Row("home", "get", _url("home"), everyone(302)),
    Row("intake:start", "get", _url("intake:start"), everyone(200)),
    Row("intake:elsewhere", "get", _url("intake:elsewhere", "afval"), everyone(200)),
    Row("intake:elsewhere", "get", _url("intake:elsewhere", "bestaat-niet", note="unknown"), everyone(404)),
    Row("intake:form", "get", _url("intake:form"), everyone(200)),
    Row("intake:form", "post", _url("intake:form", note="empty"), everyone(400), data=lambda w: {}),
    Row("intake:form", "put", _url("intake:form", note="wrong method"), everyone(405)),
    Row("intake:received", "get", _url("intake:received"), everyone(302, citizen=200)),
    Row("intake:status", "get", _path(lambda w: w.status_path, "own link"), everyone(200)),
    Row(
        "intake:status",
        "post",
        _path(lambda w: w.status_path, "own link, addition"),
        everyone(302),
        data=lambda w: {"text": "Ik heb nog een foto."},
    ),
    Row(
        "intake:status",
        "get",
        _path(lambda w: w.status_path[:-2] + "xx/", "tampered secret"),
        everyone(404),
    ),
    Row(
        "intake:status",
        "get",
        _path(
            lambda w: w.other_status_path.replace(w.other_complaint.reference, w.complaint.reference),
            "other complaint's secret",
        ),
        everyone(404),
    ),
    Row("intake:withdraw", "get", _path(lambda w: w.status_path + "intrekken/", "own link"), everyone(200)),
    Row(
        "intake:withdraw",
        "post",
        _path(lambda w: w.status_path + "intrekken/", "own link, not confirmed"),
        everyone(400),
        data=lambda w: {"reason": "Het is opgelost."},
    ),
    Row(
        "intake:withdraw",
        "get",
        _path(lambda w: w.other_status_path[:-1] + "x/intrekken/", "tampered secret"),
        everyone(404),
    ),
    # A letter through the link: only one this complaint's side received (sent or printed). The
    # world's letter is still in the outbox, so even the own link gets nothing yet.
    Row(
        "intake:status_letter",
        "get",
        _path(lambda w: w.status_path + f"brief/{LETTER(w)}/", "own link, letter not sent yet"),
        everyone(404),
    ),
    Row(
        "intake:status_letter",
        "get",
        _path(lambda w: w.other_status_path + f"brief/{LETTER(w)}/", "other complaint's link"),
        everyone(404),
    ),
    Row("intake:forward", "get", _url("intake:forward"), everyone(200)),
    Row(
        "intake:forward",
        "post",
        _url("intake:forward", note="no address"),
        everyone(400),
        data=lambda w: {"recipient": "geen-adres"},
    ),
    Row("intake:forwarded", "get", _url("intake:forwarded"), everyone(200)),
    Row("privacy", "get", _url("privacy"), everyone(200)),
    Row("accessibility", "get", _url("accessibility"), everyone(200)),
    Row("theme-css", "get", _url("theme-css"), everyone(200)),
    Row("logo", "get", _url("logo", note="no logo set"), everyone(404)),
    Row(
        "set_language",
        "post",
        _url("set_language"),
        everyone(302),
        data=lambda w: {"language": "en", "next": "/"},
    ),
    Row("health", "get", _url("health"), everyone(200)),
    # From outside, without the token: as if there were no such page.
    Row("metrics", "get", _url("metrics"), everyone(404)),
    Row("surveys:answer", "get", _path(lambda w: w.survey_path, "own link"), everyone(200)),
    Row(
        "surveys:answer",
        "post",
        _path(lambda w: w.survey_path, "own link, empty"),
        everyone(400),
        data=lambda w: {},
    ),
    Row(
        "surveys:answer",
        "get",
        _path(lambda w: w.survey_path[:-3] + "aaa/", "tampered secret"),
        everyone(404),
    ),
    Row("surveys:thanks", "get", _url("surveys:thanks"), everyone(200)),
    # Signing in.
    Row("login", "get", _url("login"), everyone(200)),
    Row(
        "login",
        "post",
        _url("login", note="wrong password"),
        everyone(200),
        data=lambda w: {"username": "coordinator", "password": "fout"},
    ),
    Row("logout", "post", _url("logout"), everyone(302)),
    Row("logout", "get", _url("logout", note="wrong method"), everyone(405)),
    Row("accounts:verify", "get", _url("accounts:verify"), staff(200, unverified=200)),
    # With a confirmed device already, set-up sends on to entering the code.
    Row("accounts:setup", "get", _url("accounts:setup"), staff("2fa", unverified="2fa")),
    # The complaint file and what is done in it (object level: see file_readers).
    Row("cases:list", "get", _url("cases:list"), staff(200)),
    # The bulk bar answers per complaint in messages and goes back to the list, whoever asks; a
    # complaint one may not see is "not found" (gehoord/cases/tests/test_inbox_workspace.py).
    Row(
        "cases:bulk",
        "post",
        _url("cases:bulk"),
        staff(302),
        data=lambda w: {"complaint": w.complaint.pk, "bulk-action": "step", "bulk-step": "start_triage"},
    ),
    Row("cases:bulk", "get", _url("cases:bulk", note="wrong method"), staff(405)),
    Row("cases:detail", "get", _url("cases:detail", REF), file_readers(200)),
    Row("cases:detail", "get", _url("cases:detail", "K-1999-99999", note="unknown"), staff(404)),
    # The file's access log: the coordinator's; the others who read the file are refused.
    Row(
        "cases:access_log",
        "get",
        _url("cases:access_log", REF),
        file_readers(200, department_head=403) | {"assigned_handler": 403},
    ),
    Row(
        "cases:step",
        "post",
        _url("cases:step", REF, "start_informal"),
        file_readers(302, department_head=409) | {"assigned_handler": 409},
    ),
    Row("cases:step", "get", _url("cases:step", REF, "start_informal", note="wrong method"), staff(405)),
    Row(
        "cases:action",
        "post",
        _url("cases:action", REF, "note"),
        file_readers(302, department_head=409),
        data=lambda w: {"prefix": "note", "note-text": "Gebeld met de klager."},
    ),
    Row(
        "cases:action",
        "post",
        _url("cases:action", REF, "bestaat-niet", note="unknown action"),
        file_readers(404),
    ),
    Row("correspondence:pdf", "get", _url("correspondence:pdf", LETTER), file_readers(200)),
    Row(
        "cases:attachment",
        "get",
        _url("cases:attachment", REF, lambda w: w.objects["attachment"].pk),
        file_readers(200),
    ),
    # The AVG screens: the coordinator alone (the coordinator complained about does not see the file).
    Row("privacy:complainant_data", "get", _url("privacy:complainant_data", REF), privacy_screen(200)),
    Row("privacy:export", "get", _url("privacy:export", REF, "json"), privacy_screen(200)),
    Row("privacy:erase", "get", _url("privacy:erase", REF), privacy_screen(200)),
    # The files kept permanently, for transfer to the archive: a list through visible_complaints.
    Row("privacy:transfer_list", "get", _url("privacy:transfer_list"), coordinators(200)),
    Row("employees:waits", "get", _url("employees:waits"), coordinators(200)),
    Row(
        "employees:lift_wait",
        "post",
        _url("employees:lift_wait", lambda w: w.objects["waiting_device"].pk),
        coordinators(302),
    ),
    Row(
        "correspondence:mark_printed", "post", _url("correspondence:mark_printed", LETTER), file_readers(302)
    ),
    Row("correspondence:retry", "post", _url("correspondence:retry", LETTER), file_readers(302)),
    Row(
        "correspondence:missing_elements",
        "post",
        _url("correspondence:missing_elements", REF),
        file_readers(302),
        data=lambda w: {},
    ),
    Row(
        "correspondence:copy_to_involved",
        "post",
        _url("correspondence:copy_to_involved", REF),
        file_readers(302),
    ),
    # Registering a complaint that came in by phone, letter or at the desk.
    Row(
        "registration:register",
        "get",
        _url("registration:register"),
        staff(403, coordinator=200, assigned_handler=200, other_handler=200, involved_coordinator=200),
    ),
    # The coordinator's screens.
    Row("mailbox:list", "get", _url("mailbox:list"), coordinators(200)),
    Row(
        "mailbox:upload", "post", _url("mailbox:upload", note="no file"), coordinators(400), data=lambda w: {}
    ),
    Row(
        "mailbox:dismiss",
        "post",
        _url("mailbox:dismiss", lambda w: w.objects["message"].pk),
        coordinators(302),
        data=lambda w: {"reason": "Spam"},
    ),
    Row("social:queue", "get", _url("social:queue"), coordinators(200)),
    Row("social:import", "post", _url("social:import", note="no file"), coordinators(400), data=lambda w: {}),
    Row("social:detail", "get", _url("social:detail", SIGNAL), coordinators(200)),
    Row(
        "social:act",
        "post",
        _url("social:act", SIGNAL, "dismiss", note="empty"),
        coordinators(400),
        data=lambda w: {},
    ),
    Row("vouchers:overview", "get", _url("vouchers:overview"), coordinators(200)),
    Row("vouchers:new_batch", "post", _url("vouchers:new_batch"), coordinators(302)),
    Row(
        "vouchers:not_applicable",
        "post",
        _url("vouchers:not_applicable", lambda w: w.objects["voucher"].pk, note="empty"),
        coordinators(400),
        data=lambda w: {},
    ),
    Row("vouchers:batch", "get", _url("vouchers:batch", BATCH), coordinators(200)),
    Row(
        "vouchers:batch_step",
        "post",
        _url("vouchers:batch_step", BATCH, "besteld", note="empty"),
        coordinators(400),
        data=lambda w: {},
    ),
    Row("vouchers:export", "get", _url("vouchers:export", BATCH, "csv"), coordinators(200)),
    Row(
        "vouchers:export",
        "get",
        _url("vouchers:export", BATCH, "exe", note="unknown format"),
        coordinators(403),
    ),
    # Improvement measures: the register for everyone; a measure for whoever it concerns.
    Row("learning:list", "get", _url("learning:list"), staff(200)),
    Row("learning:new", "get", _url("learning:new"), management(200)),
    Row(
        "learning:detail",
        "get",
        _url("learning:detail", MEASURE),
        staff(404, coordinator=200, involved_coordinator=200, department_head=200, involved_employee=200),
    ),
    Row(
        "learning:action",
        "post",
        _url("learning:action", MEASURE, "advance", note="empty"),
        staff(404, coordinator=400, involved_coordinator=400, department_head=400, involved_employee=400),
        data=lambda w: {},
    ),
    # Figures for management.
    Row("dashboard", "get", _url("dashboard"), management(200)),
    Row("annual_reports", "get", _url("annual_reports"), management(200)),
    Row("annual_report", "get", _url("annual_report", REPORT), management(200)),
    Row("annual_report_file", "get", _url("annual_report_file", REPORT, "pdf"), management(200)),
    Row(
        "annual_report_file",
        "get",
        _url("annual_report_file", REPORT, "doc", note="unknown format"),
        management(404),
    ),
    Row("surveys:results", "get", _url("surveys:results"), management(200)),
    Row("surveys:export", "get", _url("surveys:export"), management(200)),
    # The API's documentation is public; the API itself is in API below.
    Row("api-schema", "get", _url("api-schema"), everyone(200)),
    Row("api-docs", "get", _url("api-docs"), everyone(200)),
]


# --- the API: callers with tokens -------------------------------------------------------------------

NEW_COMPLAINT = {
    "first_name": "Petra",
    "last_name": "Jansen",
    "email": "petra@example.org",
    "description": "Ik ben drie keer beloofd teruggebeld te worden.",
}
SIGNAL_PAYLOAD = {
    "platform": "x",
    "post_id": "matrix-1",
    "author_handle": "@burger",
    "text": "Geen reactie op mijn melding.",
    "posted_at": "2026-11-30T10:00:00+01:00",
}
LAST_YEAR = dt.date.today().year - 1

API: list[Row] = [
    Row("api-complaints", "get", _url("api-complaints"), api(200, scope="read", other_handler_rw=200)),
    Row(
        "api-complaints",
        "post",
        _url("api-complaints"),
        api(201, scope="intake"),
        data=lambda w: NEW_COMPLAINT,
    ),
    # Object level: the handler's token sees only the handler's own complaints.
    Row("api-complaint", "get", _url("api-complaint", REF), api(200, scope="read", other_handler_rw=404)),
    Row("api-complaint", "delete", _url("api-complaint", REF, note="no such method"), api(403, scope=None)),
    Row("api-timeline", "get", _url("api-timeline", REF), api(200, scope="read", other_handler_rw=404)),
    Row(
        "api-notes",
        "post",
        _url("api-notes", REF),
        api(201, scope="write", other_handler_rw=404),
        data=lambda w: {"text": "Gebeld"},
    ),
    Row(
        "api-contacts",
        "post",
        _url("api-contacts", REF),
        api(201, scope="write", other_handler_rw=404),
        data=lambda w: {"channel": "phone", "subject": "Teruggebeld"},
    ),
    Row("api-transitions", "get", _url("api-transitions", REF), api(200, scope="read", other_handler_rw=404)),
    Row(
        "api-transitions",
        "post",
        _url("api-transitions", REF),
        api(200, scope="write", other_handler_rw=404),
        data=lambda w: {"name": "start_informal", "params": {}},
    ),
    Row(
        "api-figures",
        "get",
        _path(lambda w: reverse("api-figures") + f"?start={LAST_YEAR}-01-01&end={LAST_YEAR}-12-31", ""),
        api(200, scope="reports"),
    ),
    # The social-media webhook takes only its own tokens.
    Row(
        "social-webhook",
        "post",
        _url("social-webhook"),
        {**dict.fromkeys(API_CALLERS, 401), "webhook_token": 201},
        data=lambda w: SIGNAL_PAYLOAD,
    ),
]


# --- running a row ----------------------------------------------------------------------------------


def outcome(response) -> Outcome:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("login")):
            return "login"
        if location.startswith(reverse("accounts:verify")) or location.startswith(reverse("accounts:setup")):
            return "2fa"
        if location.startswith(reverse("admin:login")):
            return "admin_login"
    return response.status_code


def _request(client, row: Row, world: World, *, json: bool):
    url = row.url(world)
    if row.method == "get":
        return client.get(url)
    data = row.data(world) if row.data else {}
    if json:
        return getattr(client, row.method)(url, data, content_type="application/json")
    if row.method == "post":
        return client.post(url, data)
    return getattr(client, row.method)(url)


def _run(world: World, row: Row, who: tuple[str, ...], make_client, *, json: bool) -> dict[str, Outcome]:
    actual = {}
    for role in who:
        cache.clear()
        with transaction.atomic():
            response = _request(make_client(role), row, world, json=json)
            actual[role] = outcome(response)
            transaction.set_rollback(True)
    return actual


def differences(actual: dict, expected: dict) -> str:
    return "; ".join(
        f"{who}: got {actual.get(who)!r}, expected {expected.get(who)!r}"
        for who in expected
        if actual.get(who) != expected.get(who)
    )


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.mark.parametrize("row", PAGES, ids=lambda row: row.id)
def test_page(world, row):
    actual = _run(world, row, ROLES, world.client, json=False)
    assert actual == row.expect, differences(actual, row.expect)


@pytest.mark.parametrize("row", API, ids=lambda row: row.id)
def test_api(world, row):
    actual = _run(world, row, API_CALLERS, world.api_client, json=True)
    assert actual == row.expect, differences(actual, row.expect)


# --- the admin site, generically -------------------------------------------------------------------

ADMIN = {**dict.fromkeys(ROLES, "admin_login"), "unverified": "2fa", "admin": 200}
# Functioneel beheer opens a model's list only with its role's view permission (not a superuser).
ADMIN_PAGES = {"admin:index": 200} | {
    f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist": (
        200 if f"{model._meta.app_label}.view_{model._meta.model_name}" in ADMIN_PERMISSIONS else 403
    )
    for model in admin.site._registry
}


@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_admin_page(world, name):
    expect = {**ADMIN, "admin": ADMIN_PAGES[name]}
    row = Row(name, "get", _url(name), expect)
    actual = _run(world, row, ROLES, world.client, json=False)
    assert actual == expect, differences(actual, expect)


def test_the_admin_login_is_for_everyone(world):
    row = Row("admin:login", "get", _url("admin:login"), everyone(200))
    assert _run(world, row, ("anonymous", "citizen", "involved_employee"), world.client, json=False) == {
        "anonymous": 200,
        "citizen": 200,
        # Signed in without admin rights: Django's admin login says so on the page itself.
        "involved_employee": 200,
    }


# --- completeness -----------------------------------------------------------------------------------

ADMIN_PREFIX = "beheer/"
# Routes that exist only with a setting that is off in the tests.
NOT_MOUNTED_IN_TESTS = {"oidc_authentication_init", "oidc_authentication_callback", "oidc_logout"}


def _patterns(patterns, prefix: str = "", namespace: str | None = None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(part for part in (namespace, pattern.namespace) if part) or None
            yield from _patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = ":".join(part for part in (namespace, pattern.name) if part) if pattern.name else route
            yield route, name


def all_url_names() -> set[str]:
    """Every URL of the site by name (the route for an unnamed one), the admin site left out."""
    return {
        name for route, name in _patterns(get_resolver().url_patterns) if not route.startswith(ADMIN_PREFIX)
    }


def test_every_url_is_in_the_matrix():
    in_matrix = {row.name for row in PAGES + API}
    missing = sorted(all_url_names() - in_matrix - NOT_MOUNTED_IN_TESTS)
    assert not missing, (
        "These URLs have no row in the permission matrix: add them to PAGES or API in "
        f"gehoord/security/tests/test_permission_matrix.py (see its docstring): {missing}"
    )


def test_the_matrix_names_only_existing_urls():
    assert {row.name for row in PAGES + API} <= all_url_names()


def test_every_staff_role_is_in_the_matrix():
    # A role added to roles.py needs a person in world.build_world and a column here.
    from gehoord.accounts.roles import Role

    assert {str(role) for role in Role} <= {"coordinator", "handler", "department_head", "admin"}
    assert {"coordinator", "assigned_handler", "department_head", "admin"} <= set(STAFF)


def test_the_involved_employee_cannot_find_their_case_by_searching(world):
    client = world.client("involved_coordinator")
    response = client.get(reverse("cases:list"), {"q": world.complaint.reference, "status": "all"})
    assert list(response.context["page"].object_list) == []
    assert f'href="/medewerkers/klachten/{world.complaint.reference}/"' not in response.content.decode()
