"""What each kind of letter says: the Awb article it serves, in plain Dutch, as a tagged PDF read back.

Dates are worked out by hand (see gehoord.correspondence.tests.walk): received
Mon 2 March 2026, so the decision is due Mon 13 April 2026 and the 9:8 notice
Mon 30 March 2026.
"""

import datetime as dt
import re

import pytest
from django.utils import timezone

from gehoord.cases import lifecycle
from gehoord.cases import services as case_services
from gehoord.cases.constants import (
    NOT_HANDLED_CITATIONS,
    Channel,
    CompetentOrgan,
    CopyWaiverReason,
    HearingParty,
    HearingSkipReason,
    Judgement,
    NotHandledGround,
    Status,
)
from gehoord.cases.models import Complaint, ConductNorm, Hearing
from gehoord.cases.tests import factories
from gehoord.core.errors import DomainError, GuardFailed, PermissionDenied
from gehoord.correspondence import letters, services
from gehoord.correspondence.constants import EMPLOYEE_KINDS, LetterKind, LetterStatus, RecipientRole
from gehoord.correspondence.tests.test_letters import poppler
from gehoord.correspondence.tests.walk import (
    AMSTERDAM,
    AT,
    DECIDED_AT,
    bring_to,
    destination,
    prepare_decision,
)
from gehoord.organisation.models import Municipality

pytestmark = pytest.mark.django_db

PARTS = (
    "De baliemedewerker was onbeleefd.",
    "Ik kreeg geen antwoord op mijn brief.",
    "Het duurde drie maanden voor mijn vergunning kwam.",
)


@pytest.fixture
def municipality():
    municipality = Municipality.load()
    municipality.name = "Gemeente Pijnacker-Nootdorp"
    municipality.ombudsman_name = "de Nationale ombudsman"
    municipality.ombudsman_address = "Postbus 93122\n2509 AC Den Haag"
    municipality.ombudsman_website = "https://www.nationaleombudsman.nl"
    municipality.save()
    return municipality


def flat(text: str) -> str:
    """PDF text with line breaks and runs of spaces as single spaces."""
    return re.sub(r"\s+", " ", text)


def pdf_text(letter, tmp_path) -> str:
    """The letter as the complainant reads it: the PDF, read back with pdftotext."""
    return flat(poppler(letters.render_pdf(letter), tmp_path)["text"])


def norm(code: str) -> ConductNorm:
    return ConductNorm.objects.get(code=code)


def decided(actor, *, signatory=None, skip=HearingSkipReason.WAIVED, organ=None) -> Complaint:
    """A complaint decided through the real lifecycle: parts founded, unfounded and partly founded."""
    complaint = bring_to(Status.FORMAL, actor=actor, parts=PARTS)
    if organ is not None:
        complaint = case_services.set_competent_organ(complaint, organ=organ, actor=actor)
    complaint = case_services.record_findings(
        complaint,
        findings="Wij hebben met u en met de medewerker gesproken en de stukken bekeken.",
        conclusions="Wij bieden u onze excuses aan en bespreken dit met het team.",
        actor=actor,
    )
    p1, p2, p3 = complaint.parts.order_by("position")
    case_services.judge_part(
        p1,
        judgement=Judgement.FOUNDED,
        reasoning="De medewerker erkent dat hij kortaf was.",
        norms=[norm("fatsoenlijke-bejegening")],
        actor=actor,
    )
    case_services.judge_part(
        p2, judgement=Judgement.UNFOUNDED, reasoning="Uw brief is op tijd beantwoord.", actor=actor
    )
    case_services.judge_part(
        p3,
        judgement=Judgement.PARTLY_FOUNDED,
        reasoning="De aanvraag was onvolledig, maar wij hadden eerder moeten bellen.",
        norms=[norm("voortvarendheid"), norm("goede-informatieverstrekking")],
        actor=actor,
    )
    case_services.waive_copy(complaint, reason=CopyWaiverReason.NO_PERSON, actor=actor)
    complaint = lifecycle.record_hearing_skipped(
        complaint,
        reason=skip,
        waived_on=dt.date(2026, 3, 18),
        waived_how="telefonisch",
        actor=actor,
        at=DECIDED_AT,
    )
    if signatory is not None:
        Complaint.objects.filter(pk=complaint.pk).update(signatory=signatory)
        complaint.refresh_from_db()
    return lifecycle.perform(complaint, "decide", actor=actor, at=DECIDED_AT)


# --- the decision (Awb 9:12) ----------------------------------------------------------------------


def test_the_decision_says_what_awb_9_12_asks_and_has_no_appeal_clause(coordinator, municipality, tmp_path):
    complaint = decided(coordinator)
    letter = complaint.letters.get(kind=LetterKind.DECISION)

    pdf = poppler(letters.render_pdf(letter), tmp_path)
    text = flat(pdf["text"])

    assert "Tagged: yes" in flat(pdf["info"])
    assert f"Ons kenmerk: {complaint.reference}" in text
    assert f"Beslissing op uw klacht {complaint.reference}" in text
    assert "Wij hebben met u en met de medewerker gesproken en de stukken bekeken." in text  # findings
    for description in PARTS:
        assert description in text
    assert "Ons oordeel: Gegrond. De medewerker erkent dat hij kortaf was." in text
    assert "Ons oordeel: Ongegrond. Uw brief is op tijd beantwoord." in text
    assert "Ons oordeel: Deels gegrond." in text
    assert "niet nageleefd: Fatsoenlijke bejegening." in text  # the breached norm, by name
    assert "niet nageleefd: Goede informatieverstrekking, Voortvarendheid." in text
    assert text.count("niet nageleefd") == 2  # not for the unfounded part
    assert "Wij bieden u onze excuses aan en bespreken dit met het team." in text  # conclusions
    assert "de Nationale ombudsman" in text
    assert "De ombudsman kan uw klacht dan onderzoeken." in text  # may, not must (Awb 9:24)
    assert "Postbus 93122 2509 AC Den Haag" in text
    assert "https://www.nationaleombudsman.nl" in text
    assert "binnen één jaar na de datum van deze brief" in text
    assert "artikel 9:24" in text
    # Signed on behalf of the competent organ, never "the municipality" (a legal person, not an organ).
    assert "namens het college van burgemeester en wethouders, de klachtencoördinator" in text
    assert "namens Gemeente" not in text
    # Awb 9:3: there is no objection or appeal against the handling of a complaint.
    assert "bezwaar" not in text.lower()
    assert "beroep" not in text.lower()


@pytest.mark.parametrize(
    ("organ", "signed"),
    [
        (CompetentOrgan.COLLEGE, "namens het college van burgemeester en wethouders,"),
        (CompetentOrgan.MAYOR, "namens de burgemeester,"),
        (CompetentOrgan.COUNCIL, "namens de gemeenteraad,"),
    ],
)
def test_the_decision_is_signed_on_behalf_of_the_competent_organ(
    organ, signed, coordinator, municipality, tmp_path
):
    complaint = decided(coordinator, organ=organ)

    text = pdf_text(complaint.letters.get(kind=LetterKind.DECISION), tmp_path)

    assert signed in text
    assert text.count("namens ") == 1


def test_the_decision_is_signed_by_the_signatory(coordinator, municipality):
    signatory = factories.UserFactory(
        first_name="Anne", last_name="de Wit", job_title="Afdelingshoofd Burgerzaken"
    )

    complaint = decided(coordinator, signatory=signatory)

    html = letters.render_html(complaint.letters.get(kind=LetterKind.DECISION))
    assert "<p>namens het college van burgemeester en wethouders,</p>" in html
    assert "<p>Anne de Wit</p>" in html
    assert "<p>Afdelingshoofd Burgerzaken</p>" in html
    assert "klachtencoördinator" not in html


@pytest.mark.parametrize(
    ("skip", "words"),
    [
        (HearingSkipReason.CLEARLY_UNFOUNDED, "omdat uw klacht kennelijk ongegrond is"),
        (
            HearingSkipReason.WAIVED,
            "omdat u heeft laten weten dat u geen gebruik wilt maken van het recht om gehoord te worden",
        ),
    ],
)
def test_a_decision_after_a_skipped_hearing_names_the_ground(
    skip, words, coordinator, municipality, tmp_path
):
    if skip == HearingSkipReason.CLEARLY_UNFOUNDED:
        complaint = bring_to(Status.FORMAL, actor=coordinator)
        complaint = prepare_decision(complaint, actor=coordinator, judgement=Judgement.UNFOUNDED, skip=skip)
        complaint = lifecycle.perform(complaint, "decide", actor=coordinator, at=DECIDED_AT)
    else:
        complaint = decided(coordinator, skip=skip)

    text = pdf_text(complaint.letters.get(kind=LetterKind.DECISION), tmp_path)

    letter_of_lid_2 = {HearingSkipReason.CLEARLY_UNFOUNDED: "a", HearingSkipReason.WAIVED: "b"}[skip]
    assert f"artikel 9:10, tweede lid, onder {letter_of_lid_2}, van de Algemene wet bestuursrecht" in text
    assert f"Wij hebben u niet gehoord, {words}" in text
    assert "hebben wij u gehoord" not in text


def test_a_decision_after_no_answer_to_the_invitation_names_lid_2_onder_c(
    coordinator, municipality, tmp_path
):
    # Invited on 20 March with a term until 27 March (the shortest reasonable one, a week); no answer.
    # Decided on 1 April.
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    complaint = lifecycle.perform(
        complaint,
        "schedule_hearing",
        actor=coordinator,
        at=AT,
        hearing_on=dt.date(2026, 3, 30),
        respond_by=dt.date(2026, 3, 27),
    )
    complaint = prepare_decision(complaint, actor=coordinator, skip=HearingSkipReason.NO_RESPONSE)
    complaint = lifecycle.perform(complaint, "decide", actor=coordinator, at=DECIDED_AT)

    text = pdf_text(complaint.letters.get(kind=LetterKind.DECISION), tmp_path)

    assert "artikel 9:10, tweede lid, onder c, van de Algemene wet bestuursrecht" in text
    assert "niet binnen de termijn uit onze uitnodiging" in text


def test_the_decision_names_the_day_the_complainant_and_the_employee_were_heard(coordinator, municipality):
    involved = factories.UserFactory(first_name="Bert", last_name="Balie")
    complaint = bring_to(
        Status.DECIDED, actor=coordinator, employees_involved=[involved]
    )  # heard on 30 March

    html = letters.render_html(complaint.letters.get(kind=LetterKind.DECISION))

    assert "Op 30 maart 2026 hebben wij u gehoord. U heeft uw klacht toen mondeling toegelicht." in html
    assert "Op 30 maart 2026 hebben wij ook de medewerker over wie u klaagt gehoord." in html
    assert "niet gehoord" not in html
    assert "Balie" not in html  # never named


def test_a_complainant_who_did_not_come_is_not_said_to_have_been_heard(coordinator, municipality, tmp_path):
    complaint = bring_to(Status.DECIDED, actor=coordinator)  # the hearing was on 30 March
    complaint.hearings.filter(party=HearingParty.COMPLAINANT).update(attended=False)

    text = pdf_text(complaint.letters.get(kind=LetterKind.DECISION), tmp_path)

    assert (
        "Wij hebben u uitgenodigd om op 30 maart 2026 gehoord te worden. U bent toen niet verschenen. "
        "Wij hebben daarom beslist met de informatie die wij hadden." in text
    )
    assert "hebben wij u gehoord" not in text and "mondeling toegelicht" not in text


def test_a_decision_without_an_employee_says_nothing_about_hearing_one(coordinator, municipality):
    complaint = bring_to(Status.DECIDED, actor=coordinator)

    html = letters.render_html(complaint.letters.get(kind=LetterKind.DECISION))

    assert "Op 30 maart 2026 hebben wij u gehoord." in html
    assert "medewerker over wie u klaagt gehoord" not in html


# --- not handled (Awb 9:8) ------------------------------------------------------------------------


def not_handled(actor, ground: str, *, at: dt.datetime = AT, **make_kwargs) -> Complaint:
    complaint = bring_to(Status.TRIAGE, actor=actor, **make_kwargs)
    return lifecycle.perform(
        complaint, "not_handle", actor=actor, at=at, ground=ground, reason="De gedraging was in 2024."
    )


@pytest.mark.parametrize("ground", NotHandledGround.values)
def test_not_handled_names_the_ground_with_its_lid_and_letter_and_the_ombudsman(
    ground, coordinator, municipality
):
    complaint = not_handled(coordinator, ground)
    letter = complaint.letters.get()

    html = letters.render_html(letter)

    assert letter.kind == LetterKind.NOT_HANDLED
    assert str(letters.NOT_HANDLED_EXPLANATIONS[ground]) in html
    assert f"Dat staat in {NOT_HANDLED_CITATIONS[ground]}, van de Algemene wet bestuursrecht." in html
    assert "beslist" in html and "besluit" not in html  # a beslissing, not a besluit
    assert "juiste weg" not in html  # no route advice that may be wrong for this case
    # Sent within the four weeks of lid 3: the letter states the term, and claims nothing more.
    assert "uiterlijk 30 maart 2026 (artikel 9:8, derde lid" in html
    assert "later dan dat" not in html and "excuses" not in html
    assert "de Nationale ombudsman" in html
    assert "Postbus 93122<br>2509 AC Den Haag" in html
    assert 'href="https://www.nationaleombudsman.nl"' in html
    assert "binnen één jaar" in html
    assert "de Nationale ombudsman" in letter.body_text
    assert "namens het college van burgemeester en wethouders," in html


def test_the_9_8_letter_for_ground_b_reads_lid_1_onder_b(coordinator, municipality, tmp_path):
    complaint = not_handled(coordinator, NotHandledGround.OLDER_THAN_A_YEAR)

    text = pdf_text(complaint.letters.get(), tmp_path)

    assert "Dat staat in artikel 9:8, eerste lid, onder b, van de Algemene wet bestuursrecht." in text
    assert "vond meer dan een jaar plaats voordat wij uw klacht ontvingen" in text


def test_a_late_9_8_letter_does_not_claim_to_be_in_time_and_apologises(coordinator, municipality, tmp_path):
    # Received 2 March; the notice was due 30 March (lid 3); it goes out on 15 April.
    late = dt.datetime(2026, 4, 15, 10, 0, tzinfo=AMSTERDAM)
    complaint = not_handled(coordinator, NotHandledGround.INSUFFICIENT_INTEREST, at=late)
    letter = complaint.letters.get()

    text = pdf_text(letter, tmp_path)

    assert complaint.not_handled_notice_late
    assert letter.data["notice_late"] is True
    assert "artikel 9:8, derde lid" in text
    assert "Dat was uiterlijk 30 maart 2026. Dit bericht komt later dan dat. Onze excuses daarvoor." in text
    assert "dus uiterlijk 30 maart 2026" not in text  # the in-time sentence is left out


def test_a_municipal_ombudsman_is_named_instead(coordinator, municipality):
    municipality.ombudsman_name = "de gemeentelijke ombudsman Voorbeeldstad"
    municipality.ombudsman_address = "Postbus 7\n1000 AA Voorbeeldstad"
    municipality.ombudsman_website = "https://ombudsman.voorbeeldstad.example"
    municipality.save()

    complaint = not_handled(coordinator, NotHandledGround.INSUFFICIENT_INTEREST)
    html = letters.render_html(complaint.letters.get())

    assert "wenden tot de gemeentelijke ombudsman Voorbeeldstad" in html
    assert "De gemeentelijke ombudsman Voorbeeldstad<br>Postbus 7" in html
    assert "nationaleombudsman" not in html


# --- not a complaint -------------------------------------------------------------------------------


def test_referral_says_it_is_not_a_complaint_and_where_to_go(coordinator, municipality):
    complaint = bring_to(Status.TRIAGE, actor=coordinator)
    complaint = lifecycle.perform(
        complaint, "refer", actor=coordinator, destination="Meldingen openbare ruimte, telefoon 14 015"
    )
    letter = complaint.letters.get()

    html = letters.render_html(letter)

    assert letter.kind == LetterKind.REFERRAL
    assert "geen klacht" in html
    assert "<strong>Meldingen openbare ruimte, telefoon 14 015</strong>" in html
    assert "Meldingen openbare ruimte, telefoon 14 015" in letter.body_text
    assert "Toelichting bij de stap" not in html  # the internal reason stays internal


# --- informal (Awb 9:5) ----------------------------------------------------------------------------


def test_informal_confirmation_records_the_satisfaction_and_offers_formal_handling_until_a_date(
    coordinator, municipality, tmp_path
):
    complaint = bring_to(Status.INFORMAL, actor=coordinator)
    complaint = lifecycle.perform(
        complaint,
        "resolve_informally",
        actor=coordinator,
        at=AT,
        solution="Excuses aangeboden; de vergunning is dezelfde dag verstuurd.",
        rung="handler",
        satisfied_on=dt.date(2026, 3, 19),
        satisfied_how="telefonisch",
    )
    letter = complaint.letters.get()

    text = pdf_text(letter, tmp_path)

    # Fri 20 March + 14 days = Fri 3 April 2026, Good Friday; Sat, Sun, Easter Monday: Tue 7 April.
    assert complaint.formal_request_due == dt.date(2026, 4, 7)
    assert letter.kind == LetterKind.INFORMAL_CONFIRMATION
    assert "Excuses aangeboden; de vergunning is dezelfde dag verstuurd." in text
    assert "Op 19 maart 2026 heeft u ons laten weten dat u tevreden bent met deze oplossing." in text
    assert "artikel 9:5" in text
    assert (
        "Laat het ons dan uiterlijk 7 april 2026 weten. Dan behandelen wij uw klacht alsnog formeel" in text
    )
    assert "uiterlijk 7 april 2026" in letter.body_text


# --- postponement (Awb 9:11 lid 2) -----------------------------------------------------------------


def test_postponement_gives_the_new_date_the_reason_and_the_law(coordinator, municipality, tmp_path):
    complaint = bring_to(Status.HEARING, actor=coordinator)
    complaint = lifecycle.postpone_decision(
        complaint,
        weeks=4,
        reason="Wij wachten op informatie van een andere afdeling.",
        actor=coordinator,
        at=AT,
    )
    letter = complaint.letters.get(kind=LetterKind.POSTPONEMENT)

    html = letters.render_html(letter)
    text = pdf_text(letter, tmp_path)

    # Received Mon 2 March 2026: due Mon 13 April; four weeks more is Mon 11 May 2026.
    assert complaint.decision_due == dt.date(2026, 5, 11)
    assert "uiterlijk 13 april 2026 onze beslissing" in html
    assert "<strong>11 mei 2026</strong>" in html
    assert "met 4 weken" in html
    assert "Wij wachten op informatie van een andere afdeling." in html
    assert "artikel 9:11, tweede lid" in text
    assert (
        "Langer uitstellen kan alleen als u daar schriftelijk mee instemt (artikel 9:11, derde lid)." in text
    )
    # Awb 9:24: when even the new date passes, the ombudsman may be approached.
    assert "Heeft u uiterlijk 11 mei 2026 geen beslissing van ons" in text
    assert "kunt u zich wenden tot de Nationale ombudsman" in text
    assert "uiterlijk 11 mei 2026" in letter.body_text


def test_postponement_keeps_what_it_said_when_the_file_changes(coordinator, municipality):
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    complaint = lifecycle.postpone_decision(complaint, weeks=1, reason="Verlof.", actor=coordinator, at=AT)
    letter = complaint.letters.get()
    Complaint.objects.filter(pk=complaint.pk).update(
        decision_due=dt.date(2030, 1, 1), postponement_reason="x"
    )
    letter.refresh_from_db()

    html = letters.render_html(letter)

    assert "20 april 2026" in html  # 13 April + 1 week
    # The changed date in any written form (a random postcode such as "2030 NN" may hold the digits).
    assert "1 januari 2030" not in html and "01-01-2030" not in html
    assert "Verlof." in html


def test_each_postponement_gets_its_own_letter(coordinator, municipality):
    # Awb 9:11 lid 2: several postponements, four weeks in total.
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    complaint = lifecycle.postpone_decision(complaint, weeks=1, reason="Verlof.", actor=coordinator, at=AT)
    complaint = lifecycle.postpone_decision(complaint, weeks=2, reason="Nog meer.", actor=coordinator, at=AT)

    assert [letter.data["decision_due"] for letter in complaint.letters.order_by("pk")] == [
        "2026-04-20",
        "2026-05-04",
    ]


# --- hearing invitation (Awb 9:10) -----------------------------------------------------------------


def invite(complaint, actor, **params):
    return lifecycle.perform(complaint, "schedule_hearing", actor=actor, at=AT, **params)


def test_the_hearing_invitation_gives_date_time_place_the_answer_term_and_the_rights_of_9_10(
    coordinator, municipality, tmp_path
):
    municipality.complaints_phone = "14 015"
    municipality.complaints_email = "klachten@pijnacker-nootdorp.nl"
    municipality.save()
    complaint = bring_to(
        Status.FORMAL, actor=coordinator, employees_involved=[factories.UserFactory(last_name="Balie")]
    )

    complaint = invite(
        complaint,
        coordinator,
        hearing_on=dt.date(2026, 4, 7),
        hearing_time="14:30",
        hearing_location="Gemeentehuis, Oranjeplein 1, spreekkamer 2",
        respond_by=dt.date(2026, 4, 1),
    )
    letter = complaint.letters.get(recipient_role=RecipientRole.COMPLAINANT)

    assert letter.kind == LetterKind.HEARING_INVITATION
    assert letter.subject == f"Uitnodiging voor een hoorzitting over uw klacht {complaint.reference}"
    assert "7 april 2026" in letter.body_text
    assert "uiterlijk 1 april 2026" in letter.body_text
    pdf = poppler(letters.render_pdf(letter), tmp_path)
    text = flat(pdf["text"])
    assert "Tagged: yes" in flat(pdf["info"])
    assert f"Ons kenmerk: {complaint.reference}" in text
    assert "Datum: 7 april 2026" in text
    assert "Tijd: 14:30 uur" in text
    assert "Plaats: Gemeentehuis, Oranjeplein 1, spreekkamer 2" in text
    assert "laten wij u nog weten" not in text
    assert "in de gelegenheid om gehoord te worden (artikel 9:10, eerste lid" in text
    # Lid 2 onder c: the term, and what happens without an answer.
    assert "Wilt u ons uiterlijk 1 april 2026 laten weten of u gehoord wilt worden?" in text
    assert "dan kunnen wij ervan afzien u te horen (artikel 9:10, tweede lid, onder c" in text
    assert "U mag iemand meenemen" in text
    assert "mondeling toelichten" in text
    assert "Ook de medewerker over wie u klaagt, nodigen wij uit om gehoord te worden." in text
    assert "Balie" not in text  # the employee is never named
    assert "14 015" in text
    assert "klachten@pijnacker-nootdorp.nl" in text


def test_the_hearing_invitation_says_the_employee_is_invited_only_when_true(
    coordinator, municipality, tmp_path
):
    without = invite(bring_to(Status.FORMAL, actor=coordinator), coordinator, hearing_on=dt.date(2026, 4, 7))
    not_invited = invite(
        bring_to(Status.FORMAL, actor=coordinator, employees_involved=[factories.UserFactory()]),
        coordinator,
        hearing_on=dt.date(2026, 4, 7),
        invite_employees=False,
    )
    two = invite(
        bring_to(
            Status.FORMAL,
            actor=coordinator,
            employees_involved=[factories.UserFactory(), factories.UserFactory()],
        ),
        coordinator,
        hearing_on=dt.date(2026, 4, 7),
    )

    for complaint in (without, not_invited):
        text = pdf_text(complaint.letters.get(kind=LetterKind.HEARING_INVITATION), tmp_path)
        assert "nodigen wij uit om gehoord te worden" not in text
    text = pdf_text(two.letters.get(kind=LetterKind.HEARING_INVITATION), tmp_path)
    assert "Ook de medewerkers over wie u klaagt, nodigen wij uit om gehoord te worden." in text
    assert not not_invited.letters.filter(kind=LetterKind.HEARING_INVITATION_EMPLOYEE).exists()
    assert two.letters.filter(kind=LetterKind.HEARING_INVITATION_EMPLOYEE).count() == 2


def test_the_hearing_invitation_without_time_and_place_says_they_follow(coordinator, municipality):
    complaint = bring_to(Status.FORMAL, actor=coordinator, employees_involved=[factories.UserFactory()])
    complaint = invite(complaint, coordinator, hearing_on=dt.date(2026, 4, 7))
    letter = complaint.letters.get(kind=LetterKind.HEARING_INVITATION)
    involved = complaint.employees_involved.get()

    html = letters.render_html(letter)

    assert "<strong>7 april 2026</strong>" in html
    assert "Tijd:" not in html
    assert "Plaats:" not in html
    assert "Het tijdstip en de plaats van de hoorzitting laten wij u nog weten." in html
    # Invited on Fri 20 March: two weeks is Fri 3 April, Good Friday, so Tue 7 April, the hearing day itself.
    assert "uiterlijk <strong>7 april 2026</strong> laten weten" in html
    assert involved.last_name not in html  # the employee complained about is never named


def test_the_hearing_invitation_keeps_the_planned_date_when_the_file_changes(coordinator, municipality):
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    complaint = invite(complaint, coordinator, hearing_on=dt.date(2026, 4, 7))
    Hearing.objects.filter(complaint=complaint).update(hearing_on=dt.date(2026, 4, 9))

    html = letters.render_html(complaint.letters.get())

    assert "7 april 2026" in html
    assert "9 april 2026" not in html


def test_the_employees_invitation_has_the_hearing_and_the_term_and_no_contact_details_of_the_complainant(
    coordinator, municipality, tmp_path, mailoutbox, django_capture_on_commit_callbacks
):
    employee = factories.UserFactory(first_name="Bert", last_name="Balie", email="bert@gemeente.example")
    complaint = bring_to(
        Status.FORMAL,
        actor=coordinator,
        employees_involved=[employee],
        complainant=factories.ComplainantFactory.build(
            first_name="Karin",
            last_name="Klager",
            email="karin@example.nl",
            phone="06-12345678",
            street_address="Dorpsstraat 12",
            postal_code="2641 AB",
            city="Delfgauw",
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        complaint = invite(
            complaint,
            coordinator,
            hearing_on=dt.date(2026, 4, 7),
            hearing_time="10:00",
            hearing_location="Gemeentehuis",
            respond_by=dt.date(2026, 4, 1),
        )
    letter = complaint.letters.get(kind=LetterKind.HEARING_INVITATION_EMPLOYEE)

    text = pdf_text(letter, tmp_path)

    assert (letter.recipient_role, letter.employee, letter.recipient_email) == (
        RecipientRole.EMPLOYEE,
        employee,
        "bert@gemeente.example",
    )
    assert "Beste Bert Balie," in text
    assert "artikel 9:10, eerste lid" in text
    assert "Datum: 7 april 2026" in text and "Tijd: 10:00 uur" in text
    assert "Wilt u ons uiterlijk 1 april 2026 laten weten of u gehoord wilt worden?" in text
    [message] = [m for m in mailoutbox if m.to == ["bert@gemeente.example"]]
    everything = text + message.subject + message.body
    for detail in (
        "karin@example.nl",
        "06-12345678",
        "Dorpsstraat",
        "2641 AB",
        "Delfgauw",
        "/klacht/status/",
    ):
        assert detail not in everything


# --- missing elements (Awb 9:4) --------------------------------------------------------------------


def test_missing_elements_lists_what_is_missing_and_the_term(coordinator, municipality, tmp_path):
    complaint = bring_to(Status.TRIAGE, actor=coordinator, channel=Channel.LETTER)
    # Wed 4 March 2026 + 2 weeks = Wed 18 March 2026 (no Atw day).
    at = dt.datetime(2026, 3, 4, 9, 0, tzinfo=dt.UTC)

    letter = services.queue_missing_elements(
        complaint, ["  uw handtekening ", "", "de datum van uw brief"], coordinator, at=at
    )

    assert letter.kind == LetterKind.MISSING_ELEMENTS
    assert letter.data == {
        "missing": ["uw handtekening", "de datum van uw brief"],
        "respond_by": "2026-03-18",
    }
    assert "uiterlijk 18 maart 2026" in letter.body_text
    text = pdf_text(letter, tmp_path)
    assert "• uw handtekening • de datum van uw brief" in text
    assert "uiterlijk 18 maart 2026" in text
    assert "Een schriftelijke klacht is ondertekend" in text  # a letter: a signature is asked
    assert "artikel 9:4" in text
    # Awb 9:2: the complaint is handled properly all the same; no threat to drop it.
    assert "Wij behandelen uw klacht hoe dan ook zorgvuldig (artikel 9:2" in text
    assert "niet behandelen" not in text
    event = complaint.events.filter(kind="letter").get()
    assert event.actor == coordinator
    assert event.summary == "Ontbrekende gegevens gevraagd, uiterlijk 18-03-2026"
    assert event.details == "uw handtekening\nde datum van uw brief"


@pytest.mark.parametrize("channel", [Channel.WEB, Channel.EMAIL, Channel.API])
def test_no_handwritten_signature_is_asked_of_an_electronic_complaint(
    channel, coordinator, municipality, tmp_path
):
    complaint = bring_to(Status.TRIAGE, actor=coordinator, channel=channel)

    with pytest.raises(GuardFailed, match="niet met de hand"):
        services.queue_missing_elements(complaint, ["uw handtekening"], coordinator)
    letter = services.queue_missing_elements(complaint, ["uw adres"], coordinator)

    text = pdf_text(letter, tmp_path)
    assert "hoeft u niet te ondertekenen" in text
    assert "is ondertekend" not in text


def test_missing_elements_may_be_asked_again_with_its_own_term(coordinator):
    complaint = factories.make_complaint()
    first = services.queue_missing_elements(complaint, ["uw adres"], coordinator)
    again = services.queue_missing_elements(
        complaint, ["de datum"], coordinator, respond_by=timezone.localdate() + dt.timedelta(days=30)
    )

    assert first != again
    assert again.data["missing"] == ["de datum"]
    assert complaint.letters.filter(kind=LetterKind.MISSING_ELEMENTS).count() == 2


def test_missing_elements_for_a_postal_complainant_is_printed(coordinator):
    complaint = factories.make_complaint(complainant=factories.ComplainantFactory.build(email=""))

    letter = services.queue_missing_elements(complaint, ["uw adres"], coordinator)

    assert letter.status == LetterStatus.TO_PRINT


@pytest.mark.parametrize(
    ("missing", "respond_by"),
    [([], None), (["  ", ""], None), (["uw adres"], dt.date(2020, 1, 1))],
)
def test_missing_elements_refuses_nothing_missing_or_a_past_term(missing, respond_by, coordinator, complaint):
    with pytest.raises(GuardFailed):
        services.queue_missing_elements(complaint, missing, coordinator, respond_by=respond_by)
    assert not complaint.letters.exists()


def test_missing_elements_only_for_open_written_complaints(coordinator):
    phoned = factories.make_complaint(channel=Channel.PHONE)
    with pytest.raises(GuardFailed, match="schriftelijke"):
        services.queue_missing_elements(phoned, ["uw adres"], coordinator)

    withdrawn = bring_to(Status.WITHDRAWN, actor=coordinator)
    with pytest.raises(DomainError, match="Ingetrokken"):  # the lifecycle's "missing_elements" action
        services.queue_missing_elements(withdrawn, ["uw adres"], coordinator)

    assert not phoned.letters.exists() and not withdrawn.letters.exists()


def test_missing_elements_is_asked_by_the_coordinator_or_the_assigned_handler(coordinator, handler):
    complaint = bring_to(Status.TRIAGE, actor=coordinator)
    with pytest.raises(PermissionDenied):
        services.queue_missing_elements(complaint, ["uw adres"], handler)

    lifecycle.assign_handler(complaint, handler, actor=coordinator)
    assert (
        services.queue_missing_elements(complaint, ["uw adres"], handler).kind == LetterKind.MISSING_ELEMENTS
    )


# --- every kind ----------------------------------------------------------------------------------


def test_every_kind_renders_as_a_tagged_dutch_pdf(coordinator, municipality, tmp_path):
    from gehoord.surveys.services import invite as invite_to_survey

    complaint = decided(coordinator)
    employee = factories.UserFactory(first_name="Bert", last_name="Balie")
    destination()
    invite_to_survey(complaint)  # what the survey letters link to
    data = {
        "missing": ["uw adres"],
        "respond_by": "2026-12-01",
        "weeks": 2,
        "reason": "Meer tijd nodig.",
        "previous_due": "2026-04-13",
        "decision_due": "2026-04-27",
        "hearing_on": "2026-04-20",
        "value": "15.00",
        "supplier": "Nationale Bloemenbon",
        "document_kind": "objection",
        "destination": "de bezwaarschriftencommissie",
    }
    for kind in LetterKind.values:
        letter = services.queue_letter(
            complaint, kind, data, employee=employee if kind in EMPLOYEE_KINDS else None
        )
        pdf = poppler(letters.render_pdf(letter), tmp_path)
        assert "Tagged:          yes" in pdf["info"], kind
        assert 'pdfuaid:part="1"' in pdf["meta"], kind
        assert f"Ons kenmerk: {complaint.reference}" in pdf["text"], kind
        assert letter.subject in flat(pdf["text"]), kind
        assert "{{" not in pdf["text"], kind
        assert letters.attachment_name(letter).endswith(f"-{complaint.reference}.pdf")


def test_hearing_rows_and_not_complaint_fields_feed_the_letters(coordinator):
    # The hearing the decision names is a Hearing row (Complaint.hearing_held_on is gone).
    complaint = bring_to(Status.DECIDED, actor=coordinator)
    hearing = complaint.hearings.get(party=HearingParty.COMPLAINANT)

    assert hearing.held_on == dt.date(2026, 3, 30)
    assert "30 maart 2026" in letters.render_html(complaint.letters.get(kind=LetterKind.DECISION))
