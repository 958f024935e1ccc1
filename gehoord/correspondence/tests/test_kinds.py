"""What each kind of letter says: the Awb article it serves, in plain Dutch, as a tagged PDF."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from gehoord.cases import lifecycle
from gehoord.cases import services as case_services
from gehoord.cases.constants import Channel, HearingSkipReason, Judgement, NotHandledGround, Status
from gehoord.cases.models import Complaint, ConductNorm
from gehoord.cases.tests import factories
from gehoord.cases.tests.test_lifecycle import bring_to
from gehoord.core.errors import GuardFailed, PermissionDenied
from gehoord.correspondence import letters, services
from gehoord.correspondence.constants import LetterKind, LetterStatus
from gehoord.correspondence.tests.test_letters import poppler
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


def norm(code: str) -> ConductNorm:
    return ConductNorm.objects.get(code=code)


def decided(actor, *, signatory=None) -> Complaint:
    """A complaint decided through the real lifecycle: parts founded, unfounded and partly founded."""
    complaint = bring_to(Status.FORMAL, actor=actor, parts=PARTS)
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
    complaint = lifecycle.record_hearing_skipped(complaint, reason=HearingSkipReason.WAIVED, actor=actor)
    if signatory is not None:
        Complaint.objects.filter(pk=complaint.pk).update(signatory=signatory)
        complaint.refresh_from_db()
    return lifecycle.perform(complaint, "decide", actor=actor)


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
    assert "Postbus 93122 2509 AC Den Haag" in text
    assert "https://www.nationaleombudsman.nl" in text
    assert "binnen één jaar" in text or "binnen een jaar" in text
    assert "9:24" in text
    assert "namens Gemeente Pijnacker-Nootdorp, de klachtencoördinator" in text
    # Awb 9:3: there is no objection or appeal against the handling of a complaint.
    assert "bezwaar" not in text.lower()
    assert "beroep" not in text.lower()


def test_the_decision_is_signed_by_the_signatory(coordinator, municipality):
    signatory = factories.UserFactory(
        first_name="Anne", last_name="de Wit", job_title="Afdelingshoofd Burgerzaken"
    )

    complaint = decided(coordinator, signatory=signatory)

    html = letters.render_html(complaint.letters.get(kind=LetterKind.DECISION))
    assert "<p>Anne de Wit</p>" in html
    assert "<p>Afdelingshoofd Burgerzaken</p>" in html
    assert "klachtencoördinator" not in html


def test_the_decision_mentions_the_hearing(coordinator, municipality):
    complaint = bring_to(Status.DECIDED, actor=coordinator)  # via a hearing on 30 March 2026

    html = letters.render_html(complaint.letters.get(kind=LetterKind.DECISION))

    assert "Op 30 maart 2026 hebben wij u de gelegenheid gegeven uw klacht mondeling toe te lichten." in html


@pytest.mark.parametrize("ground", NotHandledGround.values)
def test_not_handled_names_the_ground_in_plain_dutch_and_the_ombudsman(ground, coordinator, municipality):
    complaint = bring_to(Status.TRIAGE, actor=coordinator)
    complaint = lifecycle.perform(complaint, "not_handle", actor=coordinator, ground=ground)
    letter = complaint.letters.get()

    html = letters.render_html(letter)

    assert letter.kind == LetterKind.NOT_HANDLED
    assert str(letters.NOT_HANDLED_EXPLANATIONS[ground]) in html
    assert complaint.get_not_handled_ground_display() in html
    assert "artikel 9:8" in html
    assert "vier weken" in html
    assert "de Nationale ombudsman" in html
    assert "Postbus 93122<br>2509 AC Den Haag" in html
    assert 'href="https://www.nationaleombudsman.nl"' in html
    assert "binnen één jaar" in html
    assert "de Nationale ombudsman" in letter.body_text


def test_a_municipal_ombudsman_is_named_instead(coordinator, municipality):
    municipality.ombudsman_name = "de gemeentelijke ombudsman Voorbeeldstad"
    municipality.ombudsman_address = "Postbus 7\n1000 AA Voorbeeldstad"
    municipality.ombudsman_website = "https://ombudsman.voorbeeldstad.example"
    municipality.save()

    complaint = bring_to(Status.TRIAGE, actor=coordinator)
    complaint = lifecycle.perform(
        complaint, "not_handle", actor=coordinator, ground=NotHandledGround.INSUFFICIENT_INTEREST
    )
    html = letters.render_html(complaint.letters.get())

    assert "wenden tot de gemeentelijke ombudsman Voorbeeldstad" in html
    assert "De gemeentelijke ombudsman Voorbeeldstad<br>Postbus 7" in html
    assert "nationaleombudsman" not in html


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


def test_informal_confirmation_confirms_the_solution_and_the_way_back(coordinator, municipality):
    complaint = bring_to(Status.INFORMAL, actor=coordinator)
    complaint = lifecycle.perform(
        complaint,
        "resolve_informally",
        actor=coordinator,
        solution="Excuses aangeboden; de vergunning is dezelfde dag verstuurd.",
        rung="handler",
    )
    letter = complaint.letters.get()

    html = letters.render_html(letter)

    assert letter.kind == LetterKind.INFORMAL_CONFIRMATION
    assert "Excuses aangeboden; de vergunning is dezelfde dag verstuurd." in html
    assert "artikel 9:5" in html
    message = "Bent u toch niet tevreden? Laat het ons binnen twee weken weten, dan behandelen we uw klacht formeel."
    assert message in html
    assert message in letter.body_text


def test_postponement_gives_the_new_date_and_the_reason(coordinator, municipality):
    complaint = bring_to(Status.HEARING, actor=coordinator)
    complaint = lifecycle.postpone_decision(
        complaint, weeks=4, reason="Wij wachten op informatie van een andere afdeling.", actor=coordinator
    )
    letter = complaint.letters.get(kind=LetterKind.POSTPONEMENT)

    html = letters.render_html(letter)

    # Received Mon 2 March 2026: due Mon 13 April; four weeks more is Mon 11 May 2026.
    assert complaint.decision_due == dt.date(2026, 5, 11)
    assert "uiterlijk 13 april 2026 onze beslissing" in html
    assert "<strong>11 mei 2026</strong>" in html
    assert "met 4 weken" in html
    assert "Wij wachten op informatie van een andere afdeling." in html
    assert "artikel 9:11 lid 2" in html
    assert "uiterlijk 11 mei 2026" in letter.body_text


def test_postponement_keeps_what_it_said_when_the_file_changes(coordinator, municipality):
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    complaint = lifecycle.postpone_decision(complaint, weeks=1, reason="Verlof.", actor=coordinator)
    letter = complaint.letters.get()
    Complaint.objects.filter(pk=complaint.pk).update(
        decision_due=dt.date(2030, 1, 1), postponement_reason="x"
    )
    letter.refresh_from_db()

    html = letters.render_html(letter)

    assert "20 april 2026" in html  # 13 April + 1 week
    assert "2030" not in html
    assert "Verlof." in html


# --- hearing invitation (Awb 9:10) ------------------------------------------------------


def test_the_hearing_invitation_gives_date_time_place_and_the_rights_of_9_10(
    coordinator, municipality, tmp_path
):
    municipality.complaints_phone = "14 015"
    municipality.complaints_email = "klachten@pijnacker-nootdorp.nl"
    municipality.save()
    complaint = bring_to(Status.FORMAL, actor=coordinator)

    complaint = lifecycle.perform(
        complaint,
        "schedule_hearing",
        actor=coordinator,
        hearing_on=dt.date(2026, 4, 7),
        hearing_time="14:30",
        hearing_location="Gemeentehuis, Oranjeplein 1, spreekkamer 2",
    )
    letter = complaint.letters.get()

    assert letter.kind == LetterKind.HEARING_INVITATION
    assert letter.subject == f"Uitnodiging voor een hoorzitting over uw klacht {complaint.reference}"
    assert "7 april 2026" in letter.body_text
    pdf = poppler(letters.render_pdf(letter), tmp_path)
    text = flat(pdf["text"])
    assert "Tagged: yes" in flat(pdf["info"])
    assert f"Ons kenmerk: {complaint.reference}" in text
    assert "Datum: 7 april 2026" in text
    assert "Tijd: 14:30 uur" in text
    assert "Plaats: Gemeentehuis, Oranjeplein 1, spreekkamer 2" in text
    assert "laten wij u nog weten" not in text
    assert "U mag iemand meenemen" in text
    assert "mondeling toelichten" in text
    assert "vóór 7 april 2026 weten" in text  # the waiver, before the date
    assert "artikel 9:10 lid 2" in text
    assert "Ook de medewerker over wie u klaagt, nodigen wij uit" in text
    assert "14 015" in text
    assert "klachten@pijnacker-nootdorp.nl" in text


def test_the_hearing_invitation_without_time_and_place_says_they_follow(coordinator, municipality):
    complaint = bring_to(Status.FORMAL, actor=coordinator, employees_involved=[factories.UserFactory()])
    complaint = lifecycle.perform(
        complaint, "schedule_hearing", actor=coordinator, hearing_on=dt.date(2026, 4, 7)
    )
    letter = complaint.letters.get()
    involved = complaint.employees_involved.get()

    html = letters.render_html(letter)

    assert "<strong>7 april 2026</strong>" in html
    assert "Tijd:" not in html
    assert "Plaats:" not in html
    assert "Het tijdstip en de plaats van de hoorzitting laten wij u nog weten." in html
    assert involved.last_name not in html  # the employee complained about is never named


def test_the_hearing_invitation_keeps_the_planned_date_when_the_file_changes(coordinator, municipality):
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    complaint = lifecycle.perform(
        complaint, "schedule_hearing", actor=coordinator, hearing_on=dt.date(2026, 4, 7)
    )
    Complaint.objects.filter(pk=complaint.pk).update(hearing_held_on=dt.date(2026, 4, 9))

    html = letters.render_html(complaint.letters.get())

    assert "7 april 2026" in html
    assert "9 april 2026" not in html


# --- missing elements (Awb 9:4) ----------------------------------------------------------


def test_missing_elements_lists_what_is_missing_and_the_term(coordinator, municipality, tmp_path):
    complaint = bring_to(Status.TRIAGE, actor=coordinator)
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
    text = flat(poppler(letters.render_pdf(letter), tmp_path)["text"])
    assert "• uw handtekening • de datum van uw brief" in text
    assert "uiterlijk 18 maart 2026" in text
    assert "artikel 9:4" in text
    event = complaint.events.filter(kind="letter").get()
    assert event.actor == coordinator
    assert event.summary == "Ontbrekende gegevens gevraagd, uiterlijk 18-03-2026"
    assert event.details == "uw handtekening\nde datum van uw brief"


def test_missing_elements_may_be_asked_again_with_its_own_term(coordinator):
    complaint = factories.make_complaint()
    first = services.queue_missing_elements(complaint, ["uw handtekening"], coordinator)
    again = services.queue_missing_elements(
        complaint, ["uw adres"], coordinator, respond_by=timezone.localdate() + dt.timedelta(days=30)
    )

    assert first != again
    assert again.data["missing"] == ["uw adres"]
    assert complaint.letters.filter(kind=LetterKind.MISSING_ELEMENTS).count() == 2


def test_missing_elements_for_a_postal_complainant_is_printed(coordinator):
    complaint = factories.make_complaint(complainant=factories.ComplainantFactory.build(email=""))

    letter = services.queue_missing_elements(complaint, ["uw handtekening"], coordinator)

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
    with pytest.raises(GuardFailed, match="loopt"):
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
    from gehoord.surveys.services import invite

    complaint = decided(coordinator)
    invite(complaint)  # what the survey letters link to
    for kind in LetterKind.values:
        letter = services.queue_letter(
            complaint,
            kind,
            {
                "missing": ["uw handtekening"],
                "respond_by": "2026-12-01",
                "weeks": 2,
                "reason": "Meer tijd nodig.",
                "previous_due": "2026-04-13",
                "decision_due": "2026-04-27",
                "hearing_on": "2026-04-20",
                "value": "15.00",
                "supplier": "Nationale Bloemenbon",
            },
        )
        pdf = poppler(letters.render_pdf(letter), tmp_path)
        assert "Tagged:          yes" in pdf["info"], kind
        assert 'pdfuaid:part="1"' in pdf["meta"], kind
        assert f"Ons kenmerk: {complaint.reference}" in pdf["text"], kind
        assert letter.subject in flat(pdf["text"]), kind
        assert letters.attachment_name(letter).endswith(f"-{complaint.reference}.pdf")
