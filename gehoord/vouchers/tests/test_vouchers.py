"""Flower vouchers: due exactly for gegrond / deels gegrond (also per part), never twice, batches, letters."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from gehoord.accounts.testing import login_staff
from gehoord.cases import lifecycle
from gehoord.cases import services as case_services
from gehoord.cases.constants import CopyWaiverReason, EventKind, HearingSkipReason, Judgement, Status
from gehoord.cases.models import ConductNorm
from gehoord.cases.tests import factories
from gehoord.cases.tests.test_lifecycle import bring_to
from gehoord.core.errors import GuardFailed, PermissionDenied
from gehoord.correspondence import letters
from gehoord.correspondence.constants import LetterKind
from gehoord.organisation.models import Municipality
from gehoord.vouchers import services
from gehoord.vouchers.models import FlowerVoucher, NotApplicableReason, VoucherStatus

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
ADDRESS = {"street_address": "Dorpsstraat 1", "postal_code": "2641 AA", "city": "Pijnacker"}


def decide(actor, judgements: list[str], **complainant):
    """A complaint with one part per judgement, decided through the real lifecycle."""
    complaint = bring_to(
        Status.FORMAL,
        actor=actor,
        parts=[f"Onderdeel {n}" for n in range(1, len(judgements) + 1)],
        complainant=factories.ComplainantFactory(**(complainant or ADDRESS)),
    )
    complaint = case_services.record_findings(complaint, findings="Onderzocht.", conclusions="", actor=actor)
    norm = ConductNorm.objects.first()
    for part, judgement in zip(complaint.parts.order_by("position"), judgements, strict=True):
        founded = judgement in (Judgement.FOUNDED, Judgement.PARTLY_FOUNDED)
        case_services.judge_part(
            part, judgement=judgement, reasoning="Zo is het.", norms=[norm] if founded else [], actor=actor
        )
    # Awb 9:9 and 9:10: nobody identifiable to copy; the complainant waived the hearing.
    case_services.waive_copy(complaint, reason=CopyWaiverReason.NO_PERSON, actor=actor)
    complaint = lifecycle.record_hearing_skipped(
        complaint, reason=HearingSkipReason.WAIVED, waived_on=TODAY, waived_how="telefonisch", actor=actor
    )
    return lifecycle.perform(complaint, "decide", actor=actor)


@pytest.mark.parametrize(
    ("judgements", "owed"),
    [
        ([Judgement.FOUNDED], True),
        ([Judgement.PARTLY_FOUNDED], True),
        ([Judgement.UNFOUNDED, Judgement.FOUNDED], True),  # one founded part is enough
        ([Judgement.UNFOUNDED, Judgement.PARTLY_FOUNDED], True),
        ([Judgement.UNFOUNDED], False),
        ([Judgement.NO_JUDGEMENT], False),
        ([Judgement.UNFOUNDED, Judgement.NO_JUDGEMENT], False),
    ],
)
def test_a_voucher_is_due_exactly_when_something_was_founded(coordinator, judgements, owed):
    complaint = decide(coordinator, judgements)

    voucher = FlowerVoucher.objects.filter(complaint=complaint).first()
    assert (voucher is not None) == owed
    if owed:
        assert voucher.status == VoucherStatus.DUE
        assert complaint.events.filter(
            kind=EventKind.AFTERCARE, summary__startswith="Bloemenbon verschuldigd"
        ).exists()


def test_an_informally_resolved_complaint_owes_no_voucher(coordinator):
    complaint = bring_to(Status.RESOLVED_INFORMALLY, actor=coordinator, route="informal")

    assert services.make_due(complaint) is None


def test_never_twice_for_one_complaint(coordinator):
    complaint = decide(coordinator, [Judgement.FOUNDED])
    first = complaint.flower_voucher

    assert services.make_due(complaint) == first
    assert services.make_due(complaint) == first
    assert FlowerVoucher.objects.filter(complaint=complaint).count() == 1
    assert complaint.events.filter(summary__startswith="Bloemenbon verschuldigd").count() == 1


def test_the_value_and_supplier_are_those_of_the_settings_when_it_became_due(coordinator):
    municipality = Municipality.load()
    municipality.voucher_value, municipality.voucher_supplier = "20.00", "Bloemisterij De Roos"
    municipality.save()

    voucher = decide(coordinator, [Judgement.FOUNDED]).flower_voucher

    assert (str(voucher.value), voucher.supplier) == ("20.00", "Bloemisterij De Roos")


def test_not_applicable_needs_a_reason_and_only_while_due(coordinator):
    voucher = decide(coordinator, [Judgement.FOUNDED]).flower_voucher
    with pytest.raises(GuardFailed):
        services.mark_not_applicable(voucher, reason=NotApplicableReason.OTHER, note="", actor=coordinator)

    voucher = services.mark_not_applicable(voucher, reason=NotApplicableReason.DECLINED, actor=coordinator)

    assert voucher.status == VoucherStatus.NOT_APPLICABLE
    with pytest.raises(GuardFailed):
        services.mark_not_applicable(voucher, reason=NotApplicableReason.DECLINED, actor=coordinator)


def test_the_batch_from_order_to_sent_with_the_accompanying_letter(coordinator, tmp_path):
    with_address = decide(coordinator, [Judgement.FOUNDED])
    without_address = decide(coordinator, [Judgement.PARTLY_FOUNDED], street_address="", city="")

    batch = services.create_batch(actor=coordinator)

    assert list(batch.vouchers.all()) == [with_address.flower_voucher]  # no address: left for the coordinator
    assert without_address.flower_voucher.batch is None
    with pytest.raises(GuardFailed, match="eerst als besteld"):
        services.mark_sent(batch, actor=coordinator)
    services.mark_ordered(batch, on=TODAY - dt.timedelta(days=3), actor=coordinator)
    services.mark_sent(batch, on=TODAY, actor=coordinator)

    voucher = FlowerVoucher.objects.get(complaint=with_address)
    assert (voucher.status, voucher.ordered_on, voucher.sent_on) == (
        VoucherStatus.SENT,
        TODAY - dt.timedelta(days=3),
        TODAY,
    )
    letter = with_address.letters.get(kind=LetterKind.VOUCHER)
    html = letters.render_html(letter)
    assert "bloemenbon ter waarde van € 15,00" in html
    assert "Nationale Bloemenbon" in html
    summaries = list(with_address.events.filter(kind=EventKind.AFTERCARE).values_list("summary", flat=True))
    assert summaries[-2:] == [
        f"Bloemenbon besteld op {TODAY - dt.timedelta(days=3):%d-%m-%Y}",
        f"Bloemenbon verstuurd op {TODAY:%d-%m-%Y}",
    ]
    with pytest.raises(GuardFailed):
        services.mark_sent(batch, actor=coordinator)  # never sent twice
    assert with_address.letters.filter(kind=LetterKind.VOUCHER).count() == 1


def test_a_batch_needs_something_to_order(coordinator):
    with pytest.raises(GuardFailed):
        services.create_batch(actor=coordinator)


def test_only_the_coordinator_handles_vouchers(coordinator, handler):
    voucher = decide(coordinator, [Judgement.FOUNDED]).flower_voucher

    with pytest.raises(PermissionDenied):
        services.create_batch(actor=handler)
    with pytest.raises(PermissionDenied):
        services.mark_not_applicable(voucher, reason=NotApplicableReason.DECLINED, actor=handler)


# -- the screens and the order lists --------------------------------------------------------


def test_the_order_list_as_csv_and_xlsx(client, coordinator):
    complaint = decide(coordinator, [Judgement.FOUNDED])
    batch = services.create_batch(actor=coordinator)
    login_staff(client, coordinator)

    response = client.get(reverse("vouchers:export", args=[batch.pk, "csv"]))
    rows = list(
        csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")), delimiter=";")
    )
    assert rows[0] == ["Kenmerk", "Naam", "Adres", "Postcode", "Woonplaats", "Waarde (euro)", "Leverancier"]
    assert rows[1][:6] == [
        complaint.reference,
        complaint.complainant.full_name,
        "Dorpsstraat 1",
        "2641 AA",
        "Pijnacker",
        "15.00",
    ]

    from openpyxl import load_workbook

    response = client.get(reverse("vouchers:export", args=[batch.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[2]][:2] == [complaint.reference, complaint.complainant.full_name]
    assert sheet.cell(row=2, column=6).value == 15.0


def test_the_coordinator_works_through_the_screens(client, coordinator):
    complaint = decide(coordinator, [Judgement.FOUNDED])
    login_staff(client, coordinator)

    page = client.get(reverse("vouchers:overview")).content.decode()
    assert complaint.reference in page and "Klaar om te bestellen (1)" in page

    response = client.post(reverse("vouchers:new_batch"))
    batch_url = response.url
    response = client.post(batch_url + "besteld/", {"on": "morgen"})
    assert response.status_code == 400 and "Schrijf de datum als dag-maand-jaar" in response.content.decode()
    client.post(batch_url + "besteld/", {"on": TODAY.strftime("%d-%m-%Y")})
    client.post(batch_url + "verstuurd/", {"on": TODAY.strftime("%d-%m-%Y")})

    assert FlowerVoucher.objects.get().status == VoucherStatus.SENT


def test_a_voucher_without_address_is_let_go_on_the_screen(client, coordinator):
    complaint = decide(coordinator, [Judgement.FOUNDED], street_address="", city="")
    login_staff(client, coordinator)

    client.post(
        reverse("vouchers:not_applicable", args=[complaint.flower_voucher.pk]), {"reason": "no_address"}
    )

    voucher = FlowerVoucher.objects.get()
    assert (voucher.status, voucher.not_applicable_reason) == (VoucherStatus.NOT_APPLICABLE, "no_address")


def test_other_roles_get_403(client, handler):
    login_staff(client, handler)

    assert client.get(reverse("vouchers:overview")).status_code == 403
