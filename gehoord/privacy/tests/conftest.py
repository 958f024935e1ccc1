import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gehoord.cases import services as case_services
from gehoord.cases.constants import ContactChannel, Outcome, Route, Status
from gehoord.cases.models import Complaint
from gehoord.cases.tests import factories

AMS = ZoneInfo("Europe/Amsterdam")

NAME = ("Wilhelmina", "Zeldzaamheid")
EMAIL = "wilhelmina.zeldzaam@example.org"
PHONE = "06-98765432"


def ended(complaint, *, status=Status.CLOSED, closed_at, outcome=Outcome.UNFOUNDED, ombudsman_on=None):
    Complaint.objects.filter(pk=complaint.pk).update(
        status=status, closed_at=closed_at, outcome=outcome, ombudsman_on=ombudsman_on, route=Route.FORMAL
    )
    complaint.refresh_from_db()
    return complaint


@pytest.fixture
def full_complaint(db, coordinator, settings, tmp_path):
    """A closed complaint with a bit of everything: contact, note, attachment, letter PDF, voucher."""
    settings.MEDIA_ROOT = tmp_path / "media"
    complainant = factories.ComplainantFactory.build(
        first_name=NAME[0], last_name=NAME[1], email=EMAIL, phone=PHONE
    )
    complaint = factories.make_complaint(
        complainant=complainant,
        description="Mijn buurman Jansen en ik werden onbeleefd behandeld.",
        desired_outcome="Excuses graag.",
        received_at=dt.datetime(2020, 3, 2, 10, tzinfo=AMS),
        departments=[factories.DepartmentFactory(name="Burgerzaken", code="burgerzaken")],
    )
    case_services.record_contact(
        complaint,
        channel=ContactChannel.PHONE,
        subject="Gebeld met mevrouw Zeldzaamheid",
        content="Zij vertelde over haar gezondheid.",
        actor=coordinator,
        at=dt.datetime(2020, 3, 3, 10, tzinfo=AMS),
    )
    case_services.add_note(complaint, text="Notitie over Wilhelmina", actor=coordinator)
    case_services.add_attachment(
        complaint,
        file=SimpleUploadedFile(
            "brief-zeldzaamheid.pdf", b"%PDF-1.4 attachment", content_type="application/pdf"
        ),
        actor=coordinator,
        description="Scan van de brief",
    )
    from django.core.files.base import ContentFile

    from gehoord.correspondence.constants import LetterStatus
    from gehoord.correspondence.services import queue_acknowledgment

    letter = queue_acknowledgment(complaint)
    letter.pdf.save("x.pdf", ContentFile(b"%PDF-1.4 letter"), save=False)
    letter.status = LetterStatus.SENT
    letter.save()
    from gehoord.vouchers.models import FlowerVoucher, VoucherStatus

    FlowerVoucher.objects.create(
        complaint=complaint, value="15.00", supplier="Bloemen BV", status=VoucherStatus.SENT,
        sent_on=dt.date(2020, 5, 1), note="Bezorgd bij Wilhelmina",
    )  # fmt: skip
    Complaint.objects.filter(pk=complaint.pk).update(first_contact_at=dt.datetime(2020, 3, 3, 10, tzinfo=AMS))
    return ended(complaint, closed_at=dt.datetime(2020, 4, 15, 14, tzinfo=AMS), outcome=Outcome.FOUNDED)
