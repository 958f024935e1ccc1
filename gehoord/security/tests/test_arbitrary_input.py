"""Arbitrary input at the public pages and the API never gets a server error (property tests).

Hypothesis throws generated input at every public form (the complaint form with
its one-time token and attachments, the status link's addition and withdrawal,
the survey, "stuur door", the language switch and the sign-in pages), at the
public pages' query strings, and at every endpoint of /api/v1/ (JSON of any
shape, bodies that are not JSON, query parameters, ids in the URL). Whatever
comes in, the answer is below 500: a form shows its errors in Dutch, the API
answers problem+json.

The test client re-raises any exception of a view, so a crash fails the test
with its traceback instead of hiding behind the 500 page. Each example runs in
a savepoint that is rolled back, with the rate limits' counters cleared, so
that every example starts from the same world and reaches the validation. The
runs are derandomized: CI sees the same (generated, not hand-picked) examples
every time.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from contextlib import contextmanager
from urllib.parse import quote, quote_from_bytes

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from gehoord.api.models import ApiClient, Scope
from gehoord.api.serializers import ComplaintIntakeSerializer, ContactSerializer, NoteSerializer
from gehoord.cases import lifecycle
from gehoord.cases.forms import TransitionForm
from gehoord.cases.tests import factories
from gehoord.celery import app as celery_app
from gehoord.core.testing.fixtures import media_in_tmp, tasks_in_process  # noqa: F401
from gehoord.core.tokens import hash_token
from gehoord.intake.forms import ComplaintForm
from gehoord.intake.tests.helpers import PDF_BYTES, PNG_BYTES, valid_form_data
from gehoord.intake.tokens import new_form_token
from gehoord.security.tests.world import OUTSIDE, WEBHOOK_TOKEN, build_world
from gehoord.social.adapters import FIELDS as SIGNAL_FIELDS
from gehoord.surveys.models import Question

pytestmark = pytest.mark.django_db

FORM_URL = "/klacht/formulier/"
ALL_SCOPES_TOKEN = "arbitrary-input-all-scopes-0123456789"


# A handful of examples per test keeps the file well under a minute on SQLite; derandomize makes
# CI reproducible (the same generated examples every run) and keeps no example database.
def fuzz(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# --- What arbitrary input looks like ------------------------------------------------------------


def either(*strategies: st.SearchStrategy) -> st.SearchStrategy:
    """One of `strategies`, each as often as the others (st.one_of weighs the branches of nested one_ofs)."""
    return st.sampled_from(range(len(strategies))).flatmap(lambda index: strategies[index])


# Pieces that have broken web applications before: NUL and other control characters, line breaks
# (mail headers), bidi overrides, a BOM, template and format syntax, markup, path tricks.
NASTY = st.sampled_from(
    ["\x00", "\r\n", "\n", "\x1b[0m", "\u202e", "\ufeff", "\u0301", "{{ x }}", "{% now %}", "%s", "%(x)s",
     "<script>", "'\"", "../", "\\", "𝔤𝔢𝔥𝔬𝔬𝔯𝔡", "ß", "ǅ", "\u2028", "\x7f", "NaN", "-0", "1e999"]
)  # fmt: skip
SHORT_TEXT = st.text(max_size=40)
CONTROL = st.text(st.characters(max_codepoint=0x1F), min_size=1, max_size=5)
# What a database or a mail header refuses: often enough that a field gets one in the middle.
BREAKS = st.sampled_from(["\x00", "\r", "\n", "\r\n"])
PIECES = st.lists(either(SHORT_TEXT, NASTY, CONTROL, BREAKS), min_size=2, max_size=6).map("".join)
# Long strings, often just around a field's maximum length.
LONG = st.builds(
    lambda piece, length: (piece * (length // len(piece) + 1))[:length],
    st.text(min_size=1, max_size=4),
    st.one_of(st.integers(1, 12_000), st.sampled_from([40, 120, 200, 300, 500, 2000, 5000, 10_000]).flatmap(
        lambda n: st.integers(n - 1, n + 1))),
)  # fmt: skip
NUMBERS = st.one_of(
    st.integers().map(str),
    st.integers(min_value=2**63 - 2, max_value=2**80).map(str),
    st.floats().map(str),
)
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y", "%Y%m%d", "%d.%m.%y", "%H:%M", "%c"]
OFFSETS = [
    None,
    dt.UTC,
    dt.timezone(dt.timedelta(hours=14)),
    dt.timezone(-dt.timedelta(hours=12, minutes=30)),
]
DATES = st.one_of(
    st.builds(lambda d, f: d.strftime(f), st.datetimes(), st.sampled_from(DATE_FORMATS)),
    # ISO 8601 moments from the year 1 to 9999, with offsets that push them past either end.
    st.datetimes(timezones=st.sampled_from(OFFSETS)).map(dt.datetime.isoformat),
    # Numbers where a day, month, year, hour and minute go, most of them impossible.
    st.builds(
        lambda y, m, d, sep, year_first: sep.join(map(str, (y, m, d) if year_first else (d, m, y))),
        st.integers(-10, 100_000),
        st.integers(-1, 99),
        st.integers(-1, 99),
        st.sampled_from(["-", "/", ".", " ", ""]),
        st.booleans(),
    ),
    st.builds(
        "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}{}".format,
        st.integers(0, 9999),
        st.integers(0, 99),
        st.integers(0, 99),
        st.integers(0, 99),
        st.integers(0, 99),
        st.sampled_from(["", "Z", "+01:00", "+99:99"]),
    ),
)
# Mostly the pieces above in some order: plain random text seldom holds a NUL or a line break.
TEXT = either(PIECES, st.one_of(SHORT_TEXT, LONG, NUMBERS, DATES, st.emails(), st.just("")))
# What a form field gets: one value, or the same field repeated.
FORM_VALUE = st.one_of(TEXT, st.lists(TEXT, min_size=2, max_size=3))
FIELD_NAME = st.text(min_size=1, max_size=20)

# Files: any name and content type; the content random, or a real file type's magic number
# followed by anything (so that some get past the type check and are stored).
MAGIC = [PDF_BYTES, PNG_BYTES, b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", b"GIF89a", b"PK\x03\x04", b"MZ"]


class Upload(io.BytesIO):
    """A file as the test client sends it, with any name (SimpleUploadedFile would check the name first)."""

    def __init__(self, name: str, content: bytes, content_type: str) -> None:
        super().__init__(content)
        self.name, self.content_type = name, content_type

    def __repr__(self) -> str:
        return f"Upload({self.name!r}, {self.getvalue()[:40]!r}..., {self.content_type!r})"


FILES = st.builds(
    Upload,
    st.one_of(st.text(min_size=1, max_size=60), st.builds("{}.{}".format, SHORT_TEXT, st.sampled_from(
        ["pdf", "png", "exe", "docx", "", "pdf.exe"]))),
    st.one_of(st.binary(max_size=3000), st.builds(bytes.__add__, st.sampled_from(MAGIC), st.binary(
        max_size=3000))),
    st.one_of(st.sampled_from(["application/pdf", "image/png", "text/html", "application/octet-stream"]),
              st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=40)),
)  # fmt: skip
ATTACHMENTS = st.lists(FILES, max_size=6)

CONTENT_TYPES = st.one_of(
    st.sampled_from(
        [
            "application/json",
            "application/json; charset=utf-16",
            "application/problem+json",
            "application/x-www-form-urlencoded",
            "application/x-www-form-urlencoded; charset=latin-1",
            "application/x-www-form-urlencoded; charset=nonsense",
            "multipart/form-data",
            "multipart/form-data; boundary=xyz",
            "text/plain",
            "application/xml",
            "",
        ]
    ),
    st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=60),
)
# Raw bytes: anything, or something that looks like a body of the claimed kind but is broken
# (a lone surrogate encoded as UTF-8, a cut-off document, a stray percent sign).
BODIES = st.one_of(
    st.binary(max_size=2000),
    st.text().map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.text(st.one_of(st.characters(), st.characters(categories=["Cs"])), max_size=200).map(
        lambda text: text.encode("utf-8", "surrogatepass")
    ),
    st.builds(
        lambda prefix, body: prefix + body,
        st.sampled_from([b"{", b"[", b'{"a":', b"\xed\xa0\x80", b"a=%", b"a=%zz&", b"--xyz\r\n"]),
        st.binary(max_size=200),
    ),
)
# A query string as bytes on the wire, percent-encoded (with '=' and '&' left as they are).
QUERY_BYTES = st.binary(max_size=300).map(lambda raw: quote_from_bytes(raw, safe="=&;+%"))


def query_string(names: list[str]) -> st.SearchStrategy[str]:
    """Known and unknown parameters with arbitrary, repeated values, or raw bytes."""
    pairs = st.lists(st.tuples(st.one_of(st.sampled_from(names), FIELD_NAME), TEXT), max_size=6)
    return st.one_of(
        pairs.map(lambda items: "&".join(f"{quote(k)}={quote(v)}" for k, v in items)), QUERY_BYTES
    )


# JSON of any shape, with numbers JSON has no room for (NaN, huge integers) among the leaves.
JSON_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), TEXT)
JSON = st.recursive(
    JSON_LEAVES,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.one_of(FIELD_NAME, TEXT), children, max_size=4)
    ),
    max_leaves=12,
)


# Fields that hold a date or a moment get dates (mostly impossible ones) as often as anything else.
DATE_FIELDS = {"conduct_date", "occurred_at", "posted_at", "hearing_on", "hearing_time", "start", "end"}


def value_for(name: str) -> st.SearchStrategy:
    """An arbitrary JSON value for the field called `name`."""
    anything = either(TEXT, JSON_LEAVES, JSON)
    return either(DATES, anything) if name in DATE_FIELDS else anything


def json_object(valid: dict, field_names: list[str]) -> st.SearchStrategy[dict]:
    """A valid body with some of the real fields given arbitrary values, dropped, or added to."""

    @st.composite
    def build(draw) -> dict:
        body = dict(valid)
        for name in draw(st.sets(st.sampled_from(field_names), max_size=2)):
            body.pop(name, None)
        for name in draw(st.sets(st.sampled_from(field_names), min_size=1, max_size=4)):
            body[name] = draw(value_for(name))
        body.update(draw(st.dictionaries(FIELD_NAME, JSON, max_size=2)))
        return body

    return build()


def json_bytes(value) -> bytes:
    """JSON as a careless client sends it: NaN and Infinity written out, unicode unescaped."""
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


# A value of an HTTP header: visible ASCII, spaces and tabs, and Latin-1 (what HTTP carries).
HEADER_VALUE = st.text(
    st.one_of(st.characters(min_codepoint=0x20, max_codepoint=0x7E), st.characters(min_codepoint=0xA0,
        max_codepoint=0xFF), st.just("\t")), max_size=220,
)  # fmt: skip
# A path segment: anything but '/', which would be another URL.
SEGMENT = st.one_of(
    st.text(st.characters(exclude_characters="/"), min_size=1, max_size=60).map(lambda s: quote(s, safe="")),
    st.binary(min_size=1, max_size=40)
    .filter(lambda b: b"/" not in b)
    .map(lambda b: quote_from_bytes(b, safe="")),
    NUMBERS.filter(lambda s: "/" not in s),
)


# --- The world, and one example at a time -------------------------------------------------------


@pytest.fixture
def world(db):
    cache.clear()
    world = build_world()
    world.objects["api_client"] = ApiClient.objects.create(
        name="Alle rechten",
        user=factories.coordinator(username="api-alle-rechten", is_service_account=True),
        scopes=[scope.value for scope in Scope],
        token_hash=hash_token(ALL_SCOPES_TOKEN),
    )
    return world


@pytest.fixture(autouse=True)
def tasks_propagate():
    """A task that fails (an e-mail that cannot be sent) fails the test, as it would fail the worker."""
    previous = celery_app.conf.task_eager_propagates
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_eager_propagates = previous


@pytest.fixture
def example(django_capture_on_commit_callbacks):
    """Every example from the same state: nothing it stored remains, and the rate limits start over.

    What a request hands over after its commit (the acknowledgment by e-mail, the letter's
    PDF) runs too, before the example's savepoint is rolled back.
    """

    @contextmanager
    def one_example():
        cache.clear()
        with transaction.atomic():
            with django_capture_on_commit_callbacks(execute=True):
                yield
            transaction.set_rollback(True)

    return one_example


def browser() -> Client:
    # raise_request_exception (the default): an exception in a view fails the test with its traceback.
    return Client(REMOTE_ADDR=OUTSIDE, raise_request_exception=True)


def assert_page(response, *, allowed: set[int], summary: bool = True) -> None:
    """Below 500, one of the answers the page may give, and a rendered page with its errors.

    Our own forms list their errors above the form (`summary`); the sign-in pages show them
    their own way (Django's admin, the staff sign-in).
    """
    status = response.status_code
    event(f"status {status}")  # --hypothesis-show-statistics: how many got past the validation
    assert status < 500, (status, response.content[:500])
    assert status in allowed, (status, response.content[:500])
    if status in (200, 400) and response.context is not None:
        forms = [response.context[name] for name in ("form", "add_form") if name in response.context]
        html = response.content.decode()
        assert "<html" in html
        if any(form.errors for form in forms):
            assert "<form" in html
            if summary:
                assert 'id="error-summary"' in html, "the errors are not shown above the form"


def assert_problem(response, *, allowed: set[int] | None = None) -> None:
    """Below 500, and an error is problem+json with the status and a message."""
    status = response.status_code
    event(f"status {status}")
    assert status < 500, (status, response.content[:500])
    if allowed is not None:
        assert status in allowed, (status, response.content[:500])
    if status >= 400:
        assert response["Content-Type"].startswith("application/problem+json"), (
            status,
            response["Content-Type"],
            response.content[:300],
        )
        body = json.loads(response.content)
        assert body["status"] == status
        assert isinstance(body["detail"], str) and body["detail"].strip()
    elif status != 204:
        json.loads(response.content)


# --- The public complaint form ------------------------------------------------------------------


def form_value_for(name: str) -> st.SearchStrategy:
    """What a form field called `name` gets: dates (most impossible) for a date, else anything."""
    return either(DATES, FORM_VALUE) if name in DATE_FIELDS else FORM_VALUE


def fill_in(draw, data: dict, names: list[str]) -> None:
    """One field arbitrary and the rest valid (so that the validation of the others passes and
    what comes after it runs), or several fields dropped, arbitrary and unknown."""
    if draw(st.booleans(), label="one field"):
        name = draw(st.sampled_from(names), label="field")
        data[name] = draw(form_value_for(name), label=name)
        return
    for name in draw(st.sets(st.sampled_from(names), max_size=2), label="dropped"):
        data.pop(name, None)
    for name in draw(st.sets(st.sampled_from(names), max_size=4), label="arbitrary"):
        data[name] = draw(form_value_for(name), label=name)
    data.update(draw(st.dictionaries(FIELD_NAME, FORM_VALUE, max_size=2), label="unknown"))


FORM_FIELDS = [*ComplaintForm.base_fields, "form_token"]


@st.composite
def complaint_posts(draw) -> dict:
    data = valid_form_data()
    # Most examples carry a valid one-time token, so that the validation behind it is reached.
    token = draw(st.sampled_from(["valid", "valid", "valid", "valid", "missing", "other", "tampered"]))
    if token == "missing":
        del data["form_token"]
    elif token == "other":
        data["form_token"] = draw(FORM_VALUE)
    elif token == "tampered":
        position = draw(st.integers(0, len(data["form_token"]) - 1))
        data["form_token"] = (
            data["form_token"][:position]
            + draw(st.characters(codec="utf-8"))
            + data["form_token"][position + 1 :]
        )
    fill_in(draw, data, FORM_FIELDS)
    if draw(st.booleans()):
        data["attachments"] = draw(ATTACHMENTS)
    return data


@fuzz(60)
@given(data=complaint_posts())
def test_the_complaint_form_takes_any_input(world, example, data):
    with example():
        response = browser().post(FORM_URL, data)
    assert_page(response, allowed={302, 400})
    if response.status_code == 302:
        assert response.url == "/klacht/ontvangen/"


@fuzz(25)
@given(body=BODIES, content_type=CONTENT_TYPES, valid_token=st.booleans())
def test_the_complaint_form_takes_any_body(world, example, body, content_type, valid_token):
    if valid_token:
        body = f"form_token={quote(new_form_token())}&".encode() + body
    with example():
        response = browser().generic("POST", FORM_URL, body, content_type=content_type)
    assert_page(response, allowed={302, 400})


# --- The other public forms ---------------------------------------------------------------------


def _survey_fields() -> dict[str, str]:
    answers = {"scale": "4", "yes_no": "ja", "choice": "Precies goed", "open": "Sneller bellen."}
    return {f"q{question.pk}": answers[question.kind] for question in Question.objects.filter(is_active=True)}


# name: (the URL, a valid submission, the answers it may give besides 400)
PUBLIC_FORMS = {
    "status_addition": (lambda world: world.status_path, lambda: {"text": "Ik heb nog een brief gevonden."}, {302}),
    "withdraw": (
        lambda world: world.status_path + "intrekken/",
        lambda: {"reason": "Het is al opgelost.", "confirm": "on"},
        {302},
    ),
    "survey": (lambda world: world.survey_path, _survey_fields, {302}),
    "forward": (
        lambda world: "/klacht/stuur-door/",
        lambda: {"recipient": "buurman@example.org", "message": "Kijk eens."},
        {302},
    ),
    # Django's set_language: back to `next`, or 204 when there is nowhere safe to go.
    "language": (lambda world: "/i18n/setlang/", lambda: {"language": "en", "next": "/klacht/"}, {302, 204}),
    # A wrong sign-in shows the form again (200); django-axes locks out (429) after failures.
    "staff_login": (lambda world: "/medewerkers/inloggen/", lambda: {"username": "carla", "password": "geheim"},
                    {200, 302, 429}),
    "admin_login": (lambda world: "/beheer/login/", lambda: {"username": "carla", "password": "geheim"},
                    {200, 302, 429}),
}  # fmt: skip
OWN_SUMMARY = {"status_addition", "withdraw", "survey", "forward"}


@pytest.mark.parametrize("name", PUBLIC_FORMS)
@fuzz(25)
@given(data=st.data())
def test_every_public_form_takes_any_input(world, example, name, data):
    url, valid, allowed = PUBLIC_FORMS[name]
    body = valid()
    fill_in(data.draw, body, [*body, "attachments"] if name == "status_addition" else list(body))
    if name == "status_addition" and data.draw(st.booleans(), label="with files"):
        body["attachments"] = data.draw(ATTACHMENTS, label="attachments")
    with example():
        response = browser().post(url(world), body)
    assert_page(response, allowed={*allowed, 400}, summary=name in OWN_SUMMARY)


@fuzz(40)
@given(name=st.sampled_from(list(PUBLIC_FORMS)), body=BODIES, content_type=CONTENT_TYPES)
def test_every_public_form_takes_any_body(world, example, name, body, content_type):
    url, _valid, allowed = PUBLIC_FORMS[name]
    with example():
        response = browser().generic("POST", url(world), body, content_type=content_type)
    assert_page(response, allowed={*allowed, 400}, summary=name in OWN_SUMMARY)


# The public pages, with every parameter they read and any other.
PUBLIC_PAGES = {
    "/klacht/": ["topic"],
    FORM_URL: [],
    "/klacht/elders/afval/": [],
    "/klacht/ontvangen/": [],
    "/klacht/stuur-door/": [],
    "/privacy/": [],
    "/toegankelijkheid/": [],
    "/medewerkers/inloggen/": ["next"],
    "/health/": [],
    "status": [],
    "withdraw": [],
    "survey": [],
}


@fuzz(40)
@given(page=st.sampled_from(list(PUBLIC_PAGES)), data=st.data())
def test_the_public_pages_take_any_query_string(world, example, page, data):
    path = {
        "status": world.status_path,
        "withdraw": world.status_path + "intrekken/",
        "survey": world.survey_path,
    }
    query = data.draw(query_string([*PUBLIC_PAGES[page], "lang", "page"]), label="query")
    with example():
        response = browser().get(f"{path.get(page, page)}?{query}")
    assert_page(response, allowed={200, 302, 400, 404})


@fuzz(40)
@given(
    template=st.sampled_from(
        [
            "/klacht/elders/{}/",
            "/klacht/status/{}/{}/",
            "/klacht/status/{}/{}/intrekken/",
            "/klacht/status/{ref}/{}/",
            "/klacht/status/{ref}/{}/intrekken/",
            "/e/{}/{}/",
            "/e/{pk}/{}/",
        ]
    ),
    segments=st.tuples(SEGMENT, SEGMENT),
    method=st.sampled_from(["get", "post"]),
)
def test_the_personal_links_take_any_id_and_secret(world, example, template, segments, method):
    invitation = world.complaint.survey_invitation
    path = template.replace("{ref}", world.complaint.reference).replace("{pk}", str(invitation.pk))
    path = path.format(*segments)
    with example():
        response = getattr(browser(), method)(path)
    assert_page(response, allowed={200, 302, 400, 404, 405})


# --- The API ------------------------------------------------------------------------------------

API = "/api/v1/"
VALID_INTAKE = {
    "last_name": "Jansen",
    "email": "petra@example.org",
    "description": "Ik ben drie keer beloofd teruggebeld te worden.",
}
VALID_CONTACT = {"channel": "phone", "subject": "Teruggebeld", "content": "Uitleg gegeven."}
VALID_SIGNAL = {
    "platform": "mastodon",
    "post_id": "109",
    "author_handle": "@buurvrouw",
    "text": "De gemeente reageert nooit.",
    "posted_at": "2026-11-30T09:15:00+01:00",
}
TRANSITION_PARAMS = sorted(
    {name for transition in lifecycle.TRANSITIONS for name in TransitionForm.fields_for(transition)}
)


# One step for each set of parameters the steps' forms read, so that each form gets its share.
STEPS_BY_FORM = sorted(
    {tuple(sorted(TransitionForm.fields_for(t))): t for t in sorted(lifecycle.TRANSITIONS)}.values()
)


@st.composite
def transition_bodies(draw) -> dict:
    """A step (mostly a real one) with arbitrary values, JSON of any type, for its own parameters and others."""
    kind = draw(st.sampled_from(["by form", "by form", "any step", "any text"]))
    if kind == "any text":
        name = draw(TEXT)
    else:
        name = draw(st.sampled_from(STEPS_BY_FORM if kind == "by form" else sorted(lifecycle.TRANSITIONS)))
    own = sorted(TransitionForm.fields_for(name)) if name in lifecycle.TRANSITIONS else TRANSITION_PARAMS
    params = {
        field: draw(either(JSON_LEAVES, value_for(field)))
        for field in draw(st.sets(st.sampled_from(own), min_size=1, max_size=3))
    }
    params.update(draw(st.dictionaries(st.sampled_from(TRANSITION_PARAMS), JSON_LEAVES, max_size=2)))
    body = {"name": name, "params": params}
    if draw(st.sampled_from(["wrap", "keep", "keep", "keep"])) == "wrap":
        body = draw(json_object(body, ["name", "params"]))
    return body


# name: (path with {ref} for the complaint, strategy for a JSON body, token)
API_POSTS = {
    "intake": ("complaints/", json_object(VALID_INTAKE, list(ComplaintIntakeSerializer().fields))),
    "note": ("complaints/{ref}/notes/", json_object({"text": "Gebeld."}, list(NoteSerializer().fields))),
    "contact": ("complaints/{ref}/contacts/", json_object(VALID_CONTACT, list(ContactSerializer().fields))),
    "transition": ("complaints/{ref}/transitions/", transition_bodies()),
    "webhook": ("social/signals/", st.one_of(json_object(VALID_SIGNAL, list(SIGNAL_FIELDS)), st.lists(
        json_object(VALID_SIGNAL, list(SIGNAL_FIELDS)), max_size=3).map(lambda items: {"signals": items}))),
}  # fmt: skip


def api_caller(kind: str, endpoint: str) -> Client:
    token = {
        "all": WEBHOOK_TOKEN if endpoint == "webhook" else ALL_SCOPES_TOKEN,
        "read_only": "matrix-read-token-0123456789abc",
        "wrong": "not-a-token",
    }.get(kind)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return Client(REMOTE_ADDR=OUTSIDE, headers=headers, raise_request_exception=True)


# Mostly the right token, so that the body is read.
CALLERS = either(*[st.just("all")] * 5, st.sampled_from(["read_only", "wrong", "none"]))


@pytest.mark.parametrize("endpoint", API_POSTS)
@fuzz(30)
@given(data=st.data(), caller=CALLERS)
def test_the_api_takes_any_json(world, example, endpoint, data, caller):
    path, bodies = API_POSTS[endpoint]
    body = data.draw(st.one_of(bodies, bodies, bodies, JSON), label="body")
    headers = {}
    if data.draw(st.booleans(), label="idempotent"):
        headers["Idempotency-Key"] = data.draw(HEADER_VALUE, label="key")
    method = data.draw(st.sampled_from(["post", "post", "post", "patch"]), label="method")
    with example():
        response = api_caller(caller, endpoint).generic(
            method.upper(),
            API + path.format(ref=world.complaint.reference),
            json_bytes(body),
            content_type="application/json",
            headers=headers,
        )
    assert_problem(response)


@pytest.mark.parametrize("step", STEPS_BY_FORM)
@fuzz(15)
@given(data=st.data())
def test_each_steps_form_takes_any_json_values(world, example, step, data):
    # The steps' parameters go into a Django form, which reads text: JSON has more types.
    fields = sorted(TransitionForm.fields_for(step))
    params = {field: data.draw(either(JSON_LEAVES, value_for(field)), label=field) for field in fields}
    with example():
        response = api_caller("all", "transition").post(
            f"{API}complaints/{world.complaint.reference}/transitions/",
            {"name": step, "params": params},
            content_type="application/json",
        )
    assert_problem(response)


@fuzz(50)
@given(
    endpoint=st.sampled_from(list(API_POSTS)),
    body=BODIES,
    content_type=CONTENT_TYPES,
    method=st.sampled_from(["post", "patch", "put"]),
)
def test_the_api_takes_any_body(world, example, endpoint, body, content_type, method):
    path, _bodies = API_POSTS[endpoint]
    with example():
        response = api_caller("all", endpoint).generic(
            method.upper(), API + path.format(ref=world.complaint.reference), body, content_type=content_type
        )
    assert_problem(response)


LIST_PARAMETERS = [
    "q",
    "status",
    "route",
    "channel",
    "department",
    "handler",
    "due",
    "sort",
    "page",
    "page_size",
]


@fuzz(50)
@given(
    target=st.sampled_from(["complaints/", "figures/"]),
    data=st.data(),
    caller=CALLERS,
)
def test_the_api_lists_take_any_query_parameters(world, example, target, data, caller):
    names = LIST_PARAMETERS if target == "complaints/" else ["start", "end", "department"]
    query = data.draw(
        st.one_of(
            query_string(names),
            # Dates for the figures, as impossible as they come.
            st.tuples(DATES, DATES).map(lambda period: f"start={quote(period[0])}&end={quote(period[1])}"),
        ),
        label="query",
    )
    with example():
        response = api_caller(caller, target).get(f"{API}{target}?{query}")
    assert_problem(response, allowed={200, 400, 401, 403, 404})


@fuzz(50)
@given(
    reference=st.one_of(SEGMENT, st.just("{ref}")),
    resource=st.sampled_from(["", "timeline/", "notes/", "contacts/", "transitions/"]),
    method=st.sampled_from(["get", "post", "patch", "delete"]),
    body=st.one_of(JSON, API_POSTS["note"][1]),
)
def test_the_api_takes_any_id(world, example, reference, resource, method, body):
    path = f"{API}complaints/{reference.replace('{ref}', world.complaint.reference)}/{resource}"
    with example():
        response = api_caller("all", "complaints").generic(
            method.upper(), path, json_bytes(body), content_type="application/json"
        )
    assert_problem(response)
