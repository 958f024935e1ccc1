"""Who gets which letter: the gemachtigde (Awb 2:1), the person complained about (9:10, 9:11), a department (2:3).

Every scenario is read back from the PDF with pdftotext, as its reader gets it.
"""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gehoord.accounts.testing import login_staff
from gehoord.cases import lifecycle
from gehoord.cases import services as case_services
from gehoord.cases.constants import AuthorisationKind, EventKind, Status
from gehoord.cases.models import Representative
from gehoord.cases.tests import factories
from gehoord.correspondence import letters, services
from gehoord.correspondence.constants import Delivery, LetterKind, LetterStatus, RecipientRole
from gehoord.correspondence.models import Letter
from gehoord.correspondence.tests.test_kinds import flat, pdf_text
from gehoord.correspondence.tests.walk import AT, RECEIVED, bring_to, destination, take
from gehoord.intake.tests.helpers import PDF_BYTES
from gehoord.organisation.constants import DocumentKind

pytestmark = pytest.mark.django_db

KARIN = {
    "first_name": "Karin",
    "last_name": "Klager",
    "email": "karin@example.nl",
    "phone": "06-12345678",
    "street_address": "Dorpsstraat 12",
    "postal_code": "2641 AB",
    "city": "Delfgauw",
}
KARIN_DETAILS = ("karin@example.nl", "06-12345678", "Dorpsstraat", "2641 AB", "Delfgauw")


def representative(*, authorised: bool = True, copy: bool = True, email: str = "r.advocaat@example.nl"):
    return Representative(
        name="Mr. R. Advocaat",
        organisation="Advocatenkantoor Recht",
        email=email,
        postal_address="Postbus 10\n2600 AA Delft",
        authorisation_kind=AuthorisationKind.DOCUMENT if authorised else "",
        authorised_on=dt.date(2026, 2, 27) if authorised else None,
        copy_to_complainant=copy,
    )


def complaint_with(rep, **kwargs):
    return factories.make_complaint(
        received_at=RECEIVED,
        complainant=factories.ComplainantFactory.build(**KARIN),
        representative=rep,
        **kwargs,
    )


# --- the gemachtigde (Awb 2:1) ----------------------------------------------------------------------


def test_with_an_authorised_gemachtigde_the_letter_goes_to_them_with_a_copy_to_the_complainant(
    tmp_path, mailoutbox, django_capture_on_commit_callbacks
):
    complaint = complaint_with(representative())

    with django_capture_on_commit_callbacks(execute=True):
        letter = services.queue_acknowledgment(complaint)
    letter.refresh_from_db()
    copy = letter.copies.get()

    assert (letter.recipient_role, letter.recipient_email) == (
        RecipientRole.REPRESENTATIVE,
        "r.advocaat@example.nl",
    )
    assert letter.recipient_name == "Mr. R. Advocaat"
    assert letter.recipient_address == "Advocatenkantoor Recht\nPostbus 10\n2600 AA Delft"
    assert (copy.recipient_role, copy.recipient_email, copy.copy_of) == (
        RecipientRole.COMPLAINANT,
        "karin@example.nl",
        letter,
    )
    text = pdf_text(letter, tmp_path)
    assert text.startswith("Mr. R. Advocaat Advocatenkantoor Recht Postbus 10 2600 AA Delft")
    assert "Beste Mr. R. Advocaat," in text
    assert "Betreft: de klacht van Karin Klager, voor wie u optreedt als gemachtigde" in text
    assert "Een kopie van deze brief gaat naar Karin Klager." in text
    copy_text = pdf_text(copy, tmp_path)
    assert copy_text.startswith("Karin Klager Dorpsstraat 12 2641 AB Delfgauw")
    assert "Beste Karin Klager," in copy_text
    assert "Kopie. Deze brief hebben wij gestuurd aan uw gemachtigde, Mr. R. Advocaat" in copy_text
    # The status link goes where the letters go: to the gemachtigde, and with the copy.
    by_recipient = {message.to[0]: message for message in mailoutbox}
    assert set(by_recipient) == {"r.advocaat@example.nl", "karin@example.nl"}
    assert "/klacht/status/" in by_recipient["r.advocaat@example.nl"].body
    assert "over de klacht van Karin Klager" in by_recipient["r.advocaat@example.nl"].body
    assert "Dit is een kopie van de brief die wij aan uw gemachtigde" in by_recipient["karin@example.nl"].body
    assert "/klacht/status/" in by_recipient["karin@example.nl"].body
    summaries = set(complaint.events.filter(kind=EventKind.LETTER).values_list("summary", flat=True))
    assert summaries == {
        "Ontvangstbevestiging verzonden per e-mail (aan de gemachtigde)",
        "Ontvangstbevestiging verzonden per e-mail (kopie aan de klager)",
    }


def test_a_gemachtigde_without_copy_gets_the_letter_alone():
    complaint = complaint_with(representative(copy=False))

    services.queue_acknowledgment(complaint)

    assert list(complaint.letters.values_list("recipient_role", flat=True)) == [RecipientRole.REPRESENTATIVE]


def test_without_an_authorisation_on_file_letters_go_to_the_complainant():
    complaint = complaint_with(representative(authorised=False))

    letter = services.queue_acknowledgment(complaint)

    assert (letter.recipient_role, letter.recipient_email) == (RecipientRole.COMPLAINANT, "karin@example.nl")
    assert complaint.letters.count() == 1


def test_once_the_authorisation_is_recorded_the_next_letters_go_to_the_gemachtigde(coordinator, tmp_path):
    complaint = bring_to(
        Status.TRIAGE,
        actor=coordinator,
        complainant=factories.ComplainantFactory.build(**KARIN),
        representative=representative(authorised=False, email=""),
    )
    case_services.record_authorisation(
        complaint,
        kind=AuthorisationKind.STATEMENT,
        on=dt.date(2026, 3, 19),
        copy_to_complainant=True,
        actor=coordinator,
    )

    complaint = lifecycle.perform(complaint, "refer", actor=coordinator, at=AT, destination="Loket Wonen")

    to_rep, copy = complaint.letters.order_by("pk")
    # No e-mail address: the gemachtigde's letter is printed and posted to the address on file.
    assert (to_rep.recipient_role, to_rep.delivery, to_rep.status) == (
        RecipientRole.REPRESENTATIVE,
        Delivery.POST,
        LetterStatus.TO_PRINT,
    )
    assert (copy.recipient_role, copy.copy_of, copy.delivery) == (
        RecipientRole.COMPLAINANT,
        to_rep,
        Delivery.EMAIL,
    )
    assert "Postbus 10 2600 AA Delft" in pdf_text(to_rep, tmp_path)


def test_once_is_per_kind_and_recipient():
    complaint = complaint_with(representative())

    first = services.queue_acknowledgment(complaint)
    again = services.queue_acknowledgment(complaint)

    assert again == first
    assert complaint.letters.count() == 2  # the gemachtigde's and the complainant's copy, once each


def test_the_survey_goes_to_the_gemachtigde_without_a_copy():
    from gehoord.surveys.services import invite, send_due

    complaint = complaint_with(representative())
    invite(complaint, at=AT)

    assert send_due(now=AT + dt.timedelta(days=4)) == 1

    [letter] = complaint.letters.filter(kind=LetterKind.SURVEY_INVITATION)
    assert (letter.recipient_role, letter.recipient_email) == (
        RecipientRole.REPRESENTATIVE,
        "r.advocaat@example.nl",
    )


@pytest.mark.parametrize(("rep_email", "reminded"), [("r.advocaat@example.nl", 1), ("", 0)])
def test_the_survey_reminder_goes_by_email_to_the_gemachtigde_or_not_at_all(rep_email, reminded):
    from gehoord.surveys.services import invite, send_due, send_reminders

    complaint = complaint_with(representative(email=rep_email))  # the complainant has an e-mail address
    invite(complaint, at=AT)  # sent after 3 days, valid 28 days, a reminder after 7 days
    send_due(now=AT + dt.timedelta(days=4))

    assert send_reminders(now=AT + dt.timedelta(days=12)) == reminded

    reminders = complaint.letters.filter(kind=LetterKind.SURVEY_REMINDER)
    assert [(r.recipient_role, r.recipient_email) for r in reminders] == [
        (RecipientRole.REPRESENTATIVE, rep_email)
    ][:reminded]


def test_the_flower_voucher_letter_goes_to_the_complainant_themselves():
    complaint = complaint_with(representative())

    [letter] = services.queue_letters(
        complaint, LetterKind.VOUCHER, {"value": "15.00", "supplier": "Bloemist"}
    )

    assert (letter.recipient_role, letter.recipient_email) == (RecipientRole.COMPLAINANT, "karin@example.nl")


def test_the_file_shows_who_got_which_letter(client, coordinator):
    complaint = complaint_with(representative())
    services.queue_acknowledgment(complaint)
    login_staff(client, coordinator)

    page = client.get(reverse("cases:detail", args=[complaint.reference])).content.decode()

    assert "Aan: Mr. R. Advocaat (Gemachtigde)" in page
    assert "Kopie aan de klager: Karin Klager" in page


# --- anonymous (Awb 9:1, 9:4) ------------------------------------------------------------------------


def test_an_anonymous_complaint_gets_no_letters_at_all(coordinator):
    complaint = factories.make_complaint(
        anonymous=True, complainant=factories.ComplainantFactory.build(**KARIN)
    )

    assert services.queue_acknowledgment(complaint) is None
    assert services.queue_letter(complaint, LetterKind.REFERRAL) is None
    assert services.recipients(complaint, LetterKind.DECISION) == []
    assert not complaint.letters.exists()


def test_an_anonymous_complaint_handled_as_a_signal_gets_no_survey(coordinator):
    from gehoord.surveys.models import SurveyInvitation

    complaint = factories.make_complaint(anonymous=True, received_at=RECEIVED)
    for name in ("start_triage", "handle_as_signal", "close"):
        complaint = take(complaint, name, actor=coordinator)

    assert complaint.status == Status.CLOSED
    assert not SurveyInvitation.objects.filter(complaint=complaint).exists()
    assert not complaint.letters.exists()


# --- the person complained about (Awb 9:11 lid 2, 9:10 lid 1) ---------------------------------------


def test_a_postponement_goes_to_the_complainant_and_to_each_employee_complained_about(
    coordinator, tmp_path, mailoutbox, django_capture_on_commit_callbacks
):
    bert = factories.UserFactory(first_name="Bert", last_name="Balie", email="bert@gemeente.example")
    ina = factories.UserFactory(first_name="Ina", last_name="Intake", email="")  # on paper, by internal mail
    gone = factories.UserFactory(first_name="Oud", last_name="Collega", is_active=False)
    complaint = bring_to(
        Status.FORMAL,
        actor=coordinator,
        employees_involved=[bert, ina, gone],
        complainant=factories.ComplainantFactory.build(**KARIN),
    )

    with django_capture_on_commit_callbacks(execute=True):
        complaint = lifecycle.postpone_decision(
            complaint, weeks=2, reason="Wij wachten op een verklaring.", actor=coordinator, at=AT
        )

    to_complainant = complaint.letters.get(kind=LetterKind.POSTPONEMENT)
    to_employees = list(
        complaint.letters.filter(kind=LetterKind.POSTPONEMENT_EMPLOYEE).order_by("employee_id")
    )
    assert to_complainant.recipient_role == RecipientRole.COMPLAINANT
    assert [(letter.employee, letter.delivery) for letter in to_employees] == [
        (bert, Delivery.EMAIL),
        (ina, Delivery.POST),
    ]
    # Received 2 March: due 13 April; two weeks more is Mon 27 April 2026, King's Day: Tue 28 April.
    text = pdf_text(to_complainant, tmp_path)
    assert "U krijgt onze beslissing uiterlijk 28 april 2026." in text
    assert "Ook de medewerker over wie u klaagt, krijgt bericht van dit uitstel." in text
    for letter in to_employees:
        text = pdf_text(letter, tmp_path)
        assert f"Beste {letter.employee.get_full_name()}," in text
        assert "een klacht ontvangen over een gedraging waarbij u betrokken was" in text
        assert "De beslissing volgt uiterlijk 28 april 2026." in text
        assert "Wij wachten op een verklaring." in text
        assert "artikel 9:11, tweede lid" in text
        for detail in KARIN_DETAILS:
            assert detail not in text
        assert "/klacht/status/" not in text
    [message] = [m for m in mailoutbox if m.to == ["bert@gemeente.example"]]
    assert message.subject == f"Beslissing op klacht {complaint.reference} uitgesteld"
    assert message.body.startswith("Beste Bert Balie,")
    for detail in (*KARIN_DETAILS, "/klacht/status/"):
        assert detail not in message.body
    summaries = set(complaint.events.filter(kind=EventKind.LETTER).values_list("summary", flat=True))
    assert (
        "Verdaging van de beslissing (beklaagde) verzonden per e-mail (aan de beklaagde medewerker)"
        in summaries
    )
    assert not any("Balie" in summary for summary in summaries)  # the Letter row names them, the timeline not


def test_the_hearing_invitation_goes_to_each_employee_invited(coordinator):
    bert = factories.UserFactory(email="bert@gemeente.example")
    ina = factories.UserFactory(email="ina@gemeente.example")
    complaint = bring_to(Status.FORMAL, actor=coordinator, employees_involved=[bert, ina])

    complaint = take(complaint, "schedule_hearing", actor=coordinator)

    invitations = complaint.letters.filter(kind=LetterKind.HEARING_INVITATION_EMPLOYEE).order_by(
        "employee_id"
    )
    assert [letter.employee for letter in invitations] == [bert, ina]
    assert all(letter.data["respond_by"] == "2026-03-30" for letter in invitations)
    assert "De klager is voor dezelfde hoorzitting uitgenodigd." in letters.render_html(invitations[0])
    assert complaint.letters.get(kind=LetterKind.HEARING_INVITATION).data["employees_invited"] == 2


def test_only_the_employee_is_invited_when_the_complainant_waived_the_hearing(coordinator):
    bert = factories.UserFactory(email="bert@gemeente.example")
    complaint = bring_to(Status.FORMAL, actor=coordinator, employees_involved=[bert])
    complaint = lifecycle.record_hearing_skipped(
        complaint,
        reason="waived",
        waived_on=AT.date(),
        waived_how="telefonisch",
        actor=coordinator,
        at=AT,
    )

    complaint = take(complaint, "schedule_hearing", actor=coordinator)

    assert not complaint.letters.filter(kind=LetterKind.HEARING_INVITATION).exists()
    invitation = complaint.letters.get(kind=LetterKind.HEARING_INVITATION_EMPLOYEE)
    assert "De klager is voor dezelfde hoorzitting uitgenodigd." not in letters.render_html(invitation)
    assert [
        letter.employee for letter in complaint.letters.filter(kind=LetterKind.HEARING_INVITATION_EMPLOYEE)
    ] == [bert]


# --- documents that are not complaints (Awb 2:3, 6:15) ---------------------------------------------


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        (DocumentKind.OBJECTION, "een bezwaarschrift."),
        (
            DocumentKind.WOO_REQUEST,
            "een verzoek om informatie op grond van de Wet open overheid (Woo-verzoek).",
        ),
        (DocumentKind.DAMAGE_CLAIM, "een verzoek om schadevergoeding (schadeclaim)."),
    ],
)
def test_a_forwarded_document_goes_to_its_department_and_the_sender_hears_where_and_that_the_date_stays(
    kind, words, coordinator, tmp_path, mailoutbox, django_capture_on_commit_callbacks
):
    destination(kind)
    complaint = bring_to(
        Status.TRIAGE, actor=coordinator, complainant=factories.ComplainantFactory.build(**KARIN)
    )
    case_services.add_attachment(
        complaint,
        file=SimpleUploadedFile("bezwaar Karin.pdf", PDF_BYTES, content_type="application/pdf"),
        actor=coordinator,
    )

    with django_capture_on_commit_callbacks(execute=True):
        complaint = lifecycle.perform(complaint, "forward", actor=coordinator, at=AT, document_kind=kind)

    internal = complaint.letters.get(kind=LetterKind.FORWARDED_DOCUMENT)
    to_sender = complaint.letters.get(kind=LetterKind.FORWARDING)
    assert (internal.recipient_role, internal.recipient_email, internal.status) == (
        RecipientRole.INTERNAL,
        "bezwaar@gemeente.example",
        LetterStatus.SENT,
    )
    assert to_sender.recipient_role == RecipientRole.COMPLAINANT
    # The sender's letter: what it was taken to be, where it went, and the date of receipt.
    text = pdf_text(to_sender, tmp_path)
    assert (
        f"Het is geen klacht over hoe de gemeente u of iemand anders heeft behandeld, maar {words}"
        in flat(text)
    )
    assert "Wij hebben uw bericht doorgestuurd naar de bezwaarschriftencommissie." in text
    assert (
        "Als datum van ontvangst geldt 2 maart 2026: de dag waarop uw bericht bij de gemeente binnenkwam."
        in text
    )
    assert "artikel 2:3 en, naar analogie, artikel 6:15" in text
    # The internal message: the text, the sender's details, the date of receipt, and the attachments.
    internal_text = pdf_text(internal, tmp_path)
    assert "Beste collega's," in internal_text
    assert complaint.description in internal_text
    assert "Karin Klager Dorpsstraat 12 2641 AB Delfgauw E-mail: karin@example.nl" in internal_text
    assert "De datum van ontvangst is 2 maart 2026" in internal_text
    assert "1 bijlage" in internal_text
    [message] = [m for m in mailoutbox if m.to == ["bezwaar@gemeente.example"]]
    assert [(name, content) for name, content, _type in message.attachments] == [
        (letters.attachment_name(internal), internal.pdf.open("rb").read()),
        ("bijlage-1.pdf", PDF_BYTES),
    ]
    assert "/klacht/status/" not in message.body
    summaries = set(complaint.events.filter(kind=EventKind.LETTER).values_list("summary", flat=True))
    assert (
        "Doorgestuurd stuk (intern) verzonden per e-mail (intern aan de bezwaarschriftencommissie)"
        in summaries
    )


def test_an_internal_message_that_could_not_be_sent_is_retried_like_a_letter(coordinator, settings):
    from gehoord.correspondence.tests import backends

    settings.EMAIL_BACKEND = backends.DISCONNECTED
    destination()
    complaint = bring_to(Status.TRIAGE, actor=coordinator)
    complaint = lifecycle.perform(
        complaint, "forward", actor=coordinator, at=AT, document_kind=DocumentKind.OBJECTION
    )
    internal = complaint.letters.get(kind=LetterKind.FORWARDED_DOCUMENT)

    with pytest.raises(OSError):
        services.deliver(internal.pk)

    internal.refresh_from_db()
    assert (internal.status, internal.attempts) == (LetterStatus.QUEUED, 1)
    assert internal.next_attempt_at is not None
    assert (
        Letter.objects.filter(pk=internal.pk)
        .filter(pk__in=services.due_letters(internal.next_attempt_at))
        .exists()
    )


def test_an_anonymous_document_is_still_forwarded_but_nobody_is_written_to(coordinator):
    destination()
    complaint = factories.make_complaint(anonymous=True, received_at=RECEIVED)
    complaint = take(complaint, "start_triage", actor=coordinator)

    complaint = lifecycle.perform(
        complaint, "forward", actor=coordinator, at=AT, document_kind=DocumentKind.OBJECTION
    )

    assert list(complaint.letters.values_list("kind", "recipient_role")) == [
        (LetterKind.FORWARDED_DOCUMENT, RecipientRole.INTERNAL)
    ]
