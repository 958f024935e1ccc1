"""Awb 9:7 as a matrix: a complaint about someone's own conduct leaves no trace for them anywhere.

Every staff person of the world — every role, and every API account — is named
as involved in one "secret" complaint that has everything that can show up
elsewhere: a flower voucher (due, and in an order list), a social-media signal
turned into it, an improvement measure it is linked to (with its history),
letters, a mailbox message and an attachment. Then every GET URL of the
permission matrix (pages and API), plus the CSV and XLSX variants and searches
for the complaint, is asked by every role; no answer may hold its reference,
the complainant's name or e-mail address.

The admin's audit trail is left out on purpose: it is oversight, and stays
complete (issue [11]).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from gehoord.cases import lifecycle
from gehoord.cases.models import Complaint
from gehoord.cases.tests import factories
from gehoord.correspondence.services import queue_acknowledgment
from gehoord.learning import measures
from gehoord.mailbox.models import InboundMessage, MessageOutcome, MessageSource
from gehoord.security.tests.test_permission_matrix import API, PAGES, Row
from gehoord.security.tests.world import API_CALLERS, ROLES, STAFF, World, build_world
from gehoord.social.tests.factories import SocialSignalFactory
from gehoord.vouchers.models import FlowerVoucher

pytestmark = pytest.mark.django_db

LAST_NAME = "Geheimhouder"
EMAIL = "zwaantje.geheim@example.org"


@pytest.fixture
def world(db) -> World:
    world = build_world()
    world.objects["secret"] = _secret_complaint(world)
    return world


def _secret_complaint(world: World) -> Complaint:
    coordinator = world.people["coordinator"]
    everyone = set(world.people.values())
    everyone |= {client.user for client in _api_accounts()}
    complaint = factories.make_complaint(
        channel="email",
        departments=[world.complaint.departments.get()],
        employees_involved=list(everyone),
        complainant=factories.ComplainantFactory.build(
            first_name="Zwaantje", last_name=LAST_NAME, email=EMAIL
        ),
        description="Zwaantje Geheimhouder werd door iedereen onheus bejegend.",
    )
    queue_acknowledgment(complaint)
    # Set on the model directly: no coordinator may take a step on a complaint about themselves.
    Complaint.objects.filter(pk=complaint.pk).update(status="decided", route="formal")
    voucher = FlowerVoucher.objects.create(complaint=complaint, value=25, supplier="Bloemist")
    batch = world.objects["batch"]
    FlowerVoucher.objects.filter(pk=voucher.pk).update(batch=batch)
    FlowerVoucher.objects.create(
        complaint=factories.make_complaint(
            complainant=factories.ComplainantFactory.build(
                last_name="Zichtbaar", email="zichtbaar@example.org"
            )
        ),
        value=25,
        supplier="Bloemist",
    )
    signal = SocialSignalFactory(author_name=f"Zwaantje {LAST_NAME}", text=f"{LAST_NAME} is boos")
    signal.complaint = complaint
    signal.status = "converted"
    signal.save()
    measure = world.objects["measure"]
    with transaction.atomic():
        measure.complaints.add(complaint)
        measures._history(measure, coordinator, "Klacht gekoppeld", complaint=complaint)
    InboundMessage.objects.create(
        message_id="<geheim@example.org>",
        source=MessageSource.IMAP,
        outcome=MessageOutcome.NEW_COMPLAINT,
        complaint=complaint,
        sender=EMAIL,
        subject=f"Klacht van {LAST_NAME}",
    )
    return complaint


def _api_accounts():
    from gehoord.api.models import ApiClient

    return ApiClient.objects.select_related("user")


def _signed_in(user):
    from django.test import Client

    from gehoord.accounts.testing import login_staff

    client = Client()
    login_staff(client, user)
    return client


def _markers(world: World) -> list[str]:
    return [world.objects["secret"].reference, LAST_NAME, EMAIL]


def _body(response) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    if content[:2] == b"PK":  # an XLSX: read the text of its sheets and shared strings
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            content = b"".join(archive.read(name) for name in archive.namelist() if name.endswith(".xml"))
    return content.decode("utf-8", errors="replace")


def _leaks(world: World, rows: list[Row], roles, make_client, *, extra: tuple[str, ...] = ("",)) -> list[str]:
    found = []
    markers = _markers(world)
    for row in rows:
        if row.method != "get" or row.name.startswith("admin:"):
            continue
        for suffix in extra:
            url = row.url(world) + suffix
            for role in roles:
                cache.clear()
                with transaction.atomic():
                    response = make_client(role).get(url)
                    body = _body(response)
                    transaction.set_rollback(True)
                # A page may echo what was searched for (a link with the query string): only what the
                # asker did not type themselves counts as found.
                found += [
                    f"{role} {url}: {marker}" for marker in markers if marker in body and marker not in suffix
                ]
    return found


# Beyond each URL as the matrix has it: the lists with every status, their exports, and searches
# for the complaint by the complainant's name and e-mail address.
LISTS = ("cases:list", "social:queue", "learning:list", "vouchers:overview", "mailbox:list")
EXTRA = (
    "?status=all",
    "?formaat=csv",
    "?status=all&formaat=csv",
    f"?q={LAST_NAME}&status=all",
    f"?q={EMAIL}",
)


def test_no_page_or_export_shows_a_trace_of_a_complaint_about_the_viewer(world):
    leaks = _leaks(world, PAGES, ROLES, world.client)
    lists = [row for row in PAGES if row.name in LISTS]
    assert {row.name for row in lists} == set(LISTS)
    leaks += _leaks(world, lists, STAFF, world.client, extra=EXTRA)
    assert not leaks, "\n".join(leaks)


def test_no_api_answer_shows_a_trace_of_a_complaint_about_the_caller(world):
    leaks = _leaks(world, API, API_CALLERS, world.api_client, extra=("", "?status=all", f"?q={LAST_NAME}"))
    assert not leaks, "\n".join(leaks)


def test_the_voucher_order_list_leaves_out_a_voucher_about_the_coordinator(world):
    from django.urls import reverse

    client = world.client("coordinator")
    batch = world.objects["batch"]
    for fmt in ("csv", "xlsx"):
        body = _body(client.get(reverse("vouchers:export", args=[batch.pk, fmt])))
        assert LAST_NAME not in body and EMAIL not in body
    # A coordinator not involved orders it: the voucher is not lost, only out of sight.
    body = _body(
        _signed_in(factories.coordinator(username="collega")).get(
            reverse("vouchers:export", args=[batch.pk, "csv"])
        )
    )
    assert LAST_NAME in body


def test_the_dashboard_does_not_count_a_complaint_about_the_viewer(world):
    from gehoord.reporting.figures import Period, figures

    today = timezone.localdate()
    period = Period(today - dt.timedelta(days=30), today)
    coordinator = world.people["coordinator"]
    other = factories.coordinator(username="teller")
    assert figures(period, viewer=other).received == figures(period, viewer=coordinator).received + 1


def test_a_measures_history_names_a_complaint_only_for_whoever_may_see_it(world):
    from django.urls import reverse

    url = reverse("learning:detail", args=[world.objects["measure"].pk])
    secret = world.objects["secret"]
    assert secret.reference not in world.client("coordinator").get(url).content.decode()
    assert secret.reference in _signed_in(factories.coordinator(username="lezer")).get(url).content.decode()


def test_lifecycle_refuses_the_involved_as_handler(world):
    # The secret complaint is about everyone in the world: nobody of them may take it on.
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied or GuardFailed, either refuses
        lifecycle.assign_handler(
            world.objects["secret"], world.people["assigned_handler"], actor=world.people["coordinator"]
        )
