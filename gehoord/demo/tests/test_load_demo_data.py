from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from gehoord.accounts.models import User
from gehoord.accounts.roles import Role
from gehoord.cases.constants import Channel, Status
from gehoord.cases.lifecycle import FINAL_STATUSES
from gehoord.cases.models import Complaint, ComplaintEvent
from gehoord.learning.models import ImprovementMeasure, MeasureStatus
from gehoord.mailbox.models import InboundMessage, MessageOutcome
from gehoord.social.constants import SignalStatus
from gehoord.social.models import SocialSignal
from gehoord.surveys.models import SurveyInvitation, SurveyResponse
from gehoord.vouchers.models import FlowerVoucher, VoucherStatus


def test_demo_data_is_lively_and_idempotent(demo, db):
    assert "Loaded 300 demo complaints" in demo

    # 300 walked through the lifecycle, and one that a social-media signal turned into.
    assert Complaint.objects.count() == 301
    assert set(SocialSignal.objects.values_list("status", flat=True)) == set(SignalStatus.values)
    assert set(InboundMessage.objects.values_list("outcome", flat=True)) == {
        MessageOutcome.AUTOMATIC,
        MessageOutcome.FAILED,
    }
    assert set(ImprovementMeasure.objects.values_list("status", flat=True)) == set(MeasureStatus.values)
    assert {VoucherStatus.NOT_APPLICABLE, VoucherStatus.SENT, VoucherStatus.DUE} <= set(
        FlowerVoucher.objects.values_list("status", flat=True)
    )
    assert (
        SurveyResponse.objects.exists()
        and SurveyInvitation.objects.filter(responded_at__isnull=True).exists()
    )
    for role in Role:
        assert User.objects.filter(groups__name=role.value).exists(), role
    statuses = set(Complaint.objects.values_list("status", flat=True))
    assert Status.CLOSED in statuses
    assert statuses - FINAL_STATUSES, "the demo must have open work"
    assert len(set(Complaint.objects.values_list("channel", flat=True))) >= 5
    assert set(Complaint.objects.values_list("channel", flat=True)) <= set(Channel.values)
    # Every complaint has a timeline that starts with its receipt.
    per_complaint = Complaint.objects.annotate(n=Count("events"))
    assert all(c.n >= 1 for c in per_complaint)
    closed = Complaint.objects.filter(status=Status.CLOSED)
    assert all(hasattr(c, "learning_review") and c.outcome for c in closed)

    events = ComplaintEvent.objects.count()
    call_command("load_demo_data", stdout=StringIO())
    assert Complaint.objects.count() == 301
    assert ComplaintEvent.objects.count() == events


def test_demo_code_gives_a_working_second_factor(client, db, settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    call_command("load_demo_data", complaints=5, stdout=StringIO())
    settings.DEBUG = True
    out = StringIO()
    call_command("demo_code", "coordinator", stdout=out)
    code = out.getvalue().strip()
    assert TOTPDevice.objects.get(user__username="coordinator").verify_token(code)

    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_code", "coordinator", stdout=StringIO())


def test_the_demo_functional_admin_is_a_role_not_a_superuser(demo, db):
    from gehoord.accounts.roles import ADMIN_PERMISSIONS

    assert not User.objects.filter(is_superuser=True).exists()
    User.objects.filter(username="beheerder").update(is_superuser=True)  # a demo database from before
    call_command("load_demo_data", stdout=StringIO())  # loaded already: only the accounts are looked at

    beheerder = User.objects.get(username="beheerder")
    assert beheerder.is_staff and not beheerder.is_superuser
    assert beheerder.has_role(Role.ADMIN)
    assert beheerder.get_all_permissions() == ADMIN_PERMISSIONS
    assert not User.objects.filter(is_superuser=True).exists()


def test_the_demo_departments_have_english_names(demo, db):
    from gehoord.organisation.models import Department

    assert not Department.objects.filter(name_en="").exists()


def test_the_demo_says_in_one_line_how_many_e_mails_it_wrote_to_files(settings, tmp_path, db):
    """`make run` prints the logins last: the demo's e-mails go to files and are counted, not printed."""
    from django.core import mail

    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = str(tmp_path / "mail")
    from gehoord.demo.management.commands.load_demo_data import _mail_files, _messages_in

    before = _mail_files()
    mail.send_mail("Ontvangstbevestiging", "Tekst", "a@example.nl", ["b@example.nl"])
    mail.send_mass_mail(
        [("Een", "x", "a@example.nl", ["c@example.nl"]), ("Twee", "y", "a@example.nl", ["d@example.nl"])]
    )

    assert _messages_in(_mail_files() - before) == 3
