import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gehoord.cases import services as case_services
from gehoord.cases.constants import ContactChannel, Outcome, Route, Status
from gehoord.cases.models import Complaint
from gehoord.cases.tests import factories
from gehoord.intake.pipeline import text_fingerprint
from gehoord.intake.tests.helpers import PDF_BYTES

AMS = ZoneInfo("Europe/Amsterdam")

NAME = ("Wilhelmina", "Zeldzaamheid")
EMAIL = "wilhelmina.zeldzaam@example.org"
PHONE = "06-98765432"


def ended(
    complaint,
    *,
    status=Status.CLOSED,
    closed_at,
    outcome=Outcome.UNFOUNDED,
    ombudsman_on=None,
    ombudsman_ended_on=None,
    retention_result="",
):
    """`complaint` put straight into an end state (an empty retention_result: a row from before [9])."""
    Complaint.objects.filter(pk=complaint.pk).update(
        status=status,
        closed_at=closed_at,
        outcome=outcome,
        ombudsman_on=ombudsman_on,
        ombudsman_ended_on=ombudsman_ended_on,
        retention_result=retention_result,
        route=Route.FORMAL,
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
        text_fingerprint=text_fingerprint("Mijn buurman Jansen en ik werden onbeleefd behandeld."),
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
        file=SimpleUploadedFile("brief-zeldzaamheid.pdf", PDF_BYTES, content_type="application/pdf"),
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


HEARING_REPORT = "Mevrouw Zeldzaamheid vertelde over haar rugklachten en de buurman."
WAIVER_EXPLANATION = "Medewerker Pietersen is vertrokken naar Delft."
CONSENT_HOW = "Telefonisch met Wilhelmina, 06-98765432"
SATISFACTION_HOW = "E-mail van wilhelmina.zeldzaam@example.org"
SKIP_EXPLANATION = "Wilhelmina zag af van horen vanwege haar mantelzorg."


@pytest.fixture
def heard_complaint(full_complaint, coordinator):
    """`full_complaint` with what [9] added: hearings, a 9:9 copy waiver, consent, satisfaction, a gemachtigde."""
    from gehoord.cases.constants import AuthorisationKind, CopyWaiverReason, HearingParty, HearingResponse
    from gehoord.cases.models import CopyWaiver, Hearing, Representative

    employee = factories.UserFactory(first_name="Piet", last_name="Pietersen")
    invited = dt.datetime(2020, 3, 10, 9, tzinfo=AMS)
    Hearing.objects.create(
        complaint=full_complaint, party=HearingParty.COMPLAINANT, invited_at=invited,
        respond_by=dt.date(2020, 3, 24), hearing_on=dt.date(2020, 3, 30), hearing_time="10:00",
        location="Thuis bij Wilhelmina, Dorpsstraat 1", response=HearingResponse.WANTS,
        response_on=dt.date(2020, 3, 12), response_how="Gebeld door Wilhelmina",
        held_on=dt.date(2020, 3, 30), report=HEARING_REPORT,
    )  # fmt: skip
    Hearing.objects.create(
        complaint=full_complaint, party=HearingParty.EMPLOYEE, employee=employee, invited_at=invited,
        respond_by=dt.date(2020, 3, 24), held_on=dt.date(2020, 3, 31), report="Pietersen: drukke dag.",
    )  # fmt: skip
    CopyWaiver.objects.create(
        complaint=full_complaint, employee=employee, reason=CopyWaiverReason.EMPLOYEE_LEFT,
        explanation=WAIVER_EXPLANATION, recorded_by=coordinator,
    )  # fmt: skip
    representative = Representative.objects.create(
        name="Mr. Gemachtigd", email="gemachtigd@example.org",
        authorisation_kind=AuthorisationKind.DOCUMENT, authorised_on=dt.date(2020, 3, 5),
    )  # fmt: skip
    Complaint.objects.filter(pk=full_complaint.pk).update(
        representative=representative,
        consent_how=CONSENT_HOW,
        consent_given_on=dt.date(2020, 4, 1),
        consented_decision_due=dt.date(2020, 4, 30),
        satisfaction_how=SATISFACTION_HOW,
        satisfaction_confirmed_on=dt.date(2020, 4, 2),
        hearing_skip_explanation=SKIP_EXPLANATION,
    )
    full_complaint.refresh_from_db()
    return full_complaint
