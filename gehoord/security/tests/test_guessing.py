"""An attacker with their own status link guesses other people's links, files and records.

Every wrong guess gets the same plain 404 — never a 403, which would tell that
the thing exists — and the answer for an existing complaint with a wrong
secret is the same as for a complaint that does not exist. Secrets are
compared in constant time everywhere (the last test reads the source).
"""

from __future__ import annotations

import ast
import pathlib
import re
import secrets

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from gehoord.cases.status_link import status_secret
from gehoord.security.tests.world import build_world

# Per request: the CSRF token, the CSP nonce and the language switcher's way back to this very
# page differ; the rest of a 404 must be the same.
VARYING = re.compile(r'(name="csrfmiddlewaretoken" value|name="next" type="hidden" value|nonce)="[^"]*"')


def body(response) -> str:
    return VARYING.sub("", response.content.decode())


@pytest.fixture
def world(db):
    cache.clear()
    return build_world()


@pytest.fixture
def attacker(world):
    """The citizen of `world.other_complaint`, with their own valid status link, guessing at `world.complaint`."""
    return world.client("anonymous")


def _status(reference: str, secret: str) -> str:
    return reverse("intake:status", args=[reference, secret])


def guesses(world) -> dict[str, str]:
    """Status URLs an attacker can make from their own link (`other_complaint`) and some fantasy."""
    own_ref, own_secret = world.other_complaint.reference, status_secret(world.other_complaint)
    victim = world.complaint.reference
    return {
        "victim's reference, own secret": _status(victim, own_secret),
        "own reference, secret tampered": _status(
            own_ref, own_secret[:-1] + ("A" if own_secret[-1] != "A" else "B")
        ),
        "own reference, secret truncated": _status(own_ref, own_secret[:20]),
        "own reference, secret extended": _status(own_ref, own_secret + "A"),
        "own reference, secret upper-cased": _status(own_ref, own_secret.upper()),
        "own reference, secret with padding": _status(own_ref, own_secret + "="),
        "victim's reference, random secret": _status(victim, secrets.token_urlsafe(32)),
        "neighbouring reference, own secret": _status(
            own_ref[:-1] + str((int(own_ref[-1]) + 1) % 10), own_secret
        ),
        "reference in lower case, own secret": _status(own_ref.lower(), own_secret),
        "random reference and secret": _status("K-2026-31337", secrets.token_urlsafe(32)),
    }


def test_own_link_works(world, attacker):
    assert attacker.get(world.other_status_path).status_code == 200


@pytest.mark.parametrize("method", ["get", "post"])
def test_every_guessed_status_link_is_the_same_404(world, attacker, method):
    answers = {}
    for name, url in guesses(world).items():
        cache.clear()  # the rate limit has its own test
        response = getattr(attacker, method)(url, {"text": "Mijn aanvulling"} if method == "post" else None)
        answers[name] = (response.status_code, body(response))
    nothing = answers.pop("random reference and secret")
    assert nothing[0] == 404
    assert {name: answer for name, answer in answers.items() if answer != nothing} == {}
    assert world.complaint.reference not in nothing[1]


def test_guessed_withdraw_links_are_404_and_withdraw_nothing(world, attacker):
    for url in guesses(world).values():
        cache.clear()
        response = attacker.post(url + "intrekken/", {"reason": "Weg ermee", "confirm": "on"})
        assert response.status_code == 404, url
    world.complaint.refresh_from_db()
    assert world.complaint.status == "triage"


def test_guessed_survey_links_are_404(world, attacker):
    pk, secret = world.survey_path.strip("/").split("/")[1:]
    answers = set()
    for url in [
        reverse("surveys:answer", args=[int(pk), secret[:-1] + ("a" if secret[-1] != "a" else "b")]),
        reverse("surveys:answer", args=[int(pk), secret[:6]]),
        reverse("surveys:answer", args=[int(pk) + 1, secret]),
        reverse("surveys:answer", args=[999_999, secret]),
    ]:
        cache.clear()
        response = attacker.get(url)
        answers.add((response.status_code, body(response)))
    assert len(answers) == 1 and answers.pop()[0] == 404


def test_the_status_page_offers_no_file_to_download(world):
    """Attachments are never served to the public: the page names no file and links to no media URL."""
    response = world.client("anonymous").get(world.status_path)
    page = response.content.decode()
    attachment = world.objects["attachment"]
    assert response.status_code == 200
    assert attachment.file.name not in page
    assert settings.MEDIA_URL not in page


@pytest.mark.parametrize("role", ["anonymous", "citizen", "other_handler", "coordinator"])
def test_stored_files_are_not_served_by_their_path(world, role):
    """Uploads are under MEDIA_ROOT, which no URL serves (the proxy must not map it either: docs/deploy.md)."""
    client = world.client(role)
    for stored in (world.objects["attachment"].file.name, world.objects["report"].pdf.name):
        assert client.get(f"/{settings.MEDIA_URL}{stored}").status_code == 404
        assert client.get(f"/{stored}").status_code == 404


def test_staff_without_rights_get_the_same_404_for_existing_and_missing_records(world):
    client = world.client("other_handler")
    letter = world.objects["letter"]
    pairs = {
        "file": (
            reverse("cases:detail", args=[world.complaint.reference]),
            reverse("cases:detail", args=["K-2026-99999"]),
        ),
        "letter": (
            reverse("correspondence:pdf", args=[letter.pk]),
            reverse("correspondence:pdf", args=[letter.pk + 1000]),
        ),
        "measure": (
            reverse("learning:detail", args=[world.objects["measure"].pk]),
            reverse("learning:detail", args=[world.objects["measure"].pk + 1000]),
        ),
    }
    for name, (existing, missing) in pairs.items():
        first, second = client.get(existing), client.get(missing)
        assert (first.status_code, second.status_code) == (404, 404), name
        assert body(first) == body(second), name


def test_an_api_token_gets_the_same_404_for_a_complaint_it_may_not_see_and_one_that_does_not_exist(world):
    client = world.api_client("other_handler_rw")
    existing = client.get(reverse("api-complaint", args=[world.complaint.reference]))
    missing = client.get(reverse("api-complaint", args=["K-2026-99999"]))
    assert existing.status_code == missing.status_code == 404
    assert existing.json() == missing.json()


# --- constant-time comparison ------------------------------------------------------------------------

SECRET_NAME = re.compile(r"secret|token|digest|signature|hash|nonce|password|hmac", re.IGNORECASE)


def _identifier(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Call | ast.Subscript):
        return _identifier(node.func if isinstance(node, ast.Call) else node.value)
    return ""


def plain_comparisons_of_secrets(root: pathlib.Path) -> list[str]:
    """`a == b` (or !=, in) where a side is named like a secret, token or hash, in the application code."""
    found = []
    for path in sorted(root.rglob("*.py")):
        if {"tests", "migrations", "testing"} & set(path.parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if not isinstance(node, ast.Compare):
                continue
            if not any(isinstance(op, ast.Eq | ast.NotEq | ast.In | ast.NotIn) for op in node.ops):
                continue
            sides = [node.left, *node.comparators]
            if any(SECRET_NAME.search(_identifier(side)) for side in sides):
                found.append(f"{path}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_secrets_are_compared_in_constant_time():
    root = pathlib.Path(settings.BASE_DIR) / "gehoord"
    assert plain_comparisons_of_secrets(root) == [], (
        "Compare secrets, tokens and hashes with django.utils.crypto.constant_time_compare "
        "(or hmac.compare_digest), never with == or in."
    )


def test_the_scan_finds_a_plain_comparison(tmp_path):
    (tmp_path / "views.py").write_text("def check(secret, expected):\n    return secret == expected\n")
    assert len(plain_comparisons_of_secrets(tmp_path)) == 1
