"""The demo data makes sense to someone who reads it: dates in order, heads of the right departments, names apart."""

from django.utils import timezone

from gehoord.accounts.models import User
from gehoord.accounts.roles import Role
from gehoord.cases.constants import EventKind
from gehoord.cases.models import Complaint, ComplaintEvent
from gehoord.cases.selectors import visible_complaints
from gehoord.core.names import split_display_name
from gehoord.learning.measures import visible_measures
from gehoord.learning.models import ImprovementMeasure
from gehoord.organisation.models import Department
from gehoord.social.constants import SignalStatus
from gehoord.social.models import SocialSignal
from gehoord.vouchers.models import FlowerVoucher, VoucherBatch, VoucherStatus


def test_vouchers_are_due_after_the_decision_and_never_in_the_future(demo, db):
    now = timezone.now()
    vouchers = list(FlowerVoucher.objects.select_related("complaint", "batch"))
    assert vouchers
    for voucher in vouchers:
        decided = voucher.complaint.decided_at
        assert decided is not None and decided <= voucher.created_at <= now, voucher
        due_on = timezone.localdate(voucher.created_at)
        if voucher.ordered_on:
            assert due_on <= voucher.ordered_on <= now.date(), voucher
        if voucher.sent_on:
            assert voucher.ordered_on <= voucher.sent_on <= now.date(), voucher
        if voucher.status in (VoucherStatus.ORDERED, VoucherStatus.SENT):
            assert voucher.batch is not None and voucher.ordered_on == voucher.batch.ordered_on
    # The vouchers' lines on the timeline are in the past too, and not before the decision.
    for event in ComplaintEvent.objects.filter(kind=EventKind.AFTERCARE, summary__startswith="Bloemenbon"):
        assert event.complaint.decided_at <= event.at <= now, event.summary


def test_a_batch_is_made_ordered_and_sent_after_its_vouchers_were_due(demo, db):
    today = timezone.localdate()
    batches = list(VoucherBatch.objects.prefetch_related("vouchers"))
    assert len(batches) >= 2
    assert any(b.sent_on for b in batches) and any(b.ordered_on and not b.sent_on for b in batches)
    for batch in batches:
        vouchers = list(batch.vouchers.all())
        assert vouchers, batch
        made_on = timezone.localdate(batch.created_at)
        assert made_on <= batch.ordered_on <= today
        assert max(timezone.localdate(v.created_at) for v in vouchers) <= made_on
        if batch.sent_on:
            assert batch.ordered_on <= batch.sent_on <= today
        assert {(v.ordered_on, v.sent_on) for v in vouchers} == {(batch.ordered_on, batch.sent_on)}
    # Nothing older than last month still waits to be ordered.
    waiting = FlowerVoucher.objects.filter(status=VoucherStatus.DUE, batch__isnull=True)
    assert waiting.exists()
    assert all((today - timezone.localdate(v.created_at)).days <= 62 for v in waiting)


def test_every_department_has_a_head_of_its_own(demo, db):
    for department in Department.objects.select_related("head"):
        head = department.head
        assert head is not None, department
        assert head.has_role(Role.DEPARTMENT_HEAD) and head.department_id == department.pk, department
    login = User.objects.get(username="afdelingshoofd")
    assert list(login.headed_departments.values_list("code", flat=True)) == ["burgerzaken"]
    # The login sees the complaints of its department, and some are there.
    seen = visible_complaints(login)
    assert seen.exists() and not seen.exclude(departments__code="burgerzaken").exists()


def test_a_measure_is_the_responsibility_of_its_departments_head(demo, db):
    measures = list(ImprovementMeasure.objects.select_related("department", "responsible"))
    assert measures
    for measure in measures:
        assert measure.responsible_id == measure.department.head_id, measure
    assert visible_measures(User.objects.get(username="afdelingshoofd")).exists()


def test_a_converted_signal_keeps_first_name_and_surname_apart(demo, db):
    signal = SocialSignal.objects.get(status=SignalStatus.CONVERTED)
    complainant = Complaint.objects.get(pk=signal.complaint_id).complainant
    first, last = split_display_name(signal.author_name)
    assert (complainant.first_name, complainant.last_name) == (first, last)
    assert first and last and first not in last
    assert " van " in f" {signal.author_name} "  # the demo shows a tussenvoegsel going with the surname
