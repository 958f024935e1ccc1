"""The survey: planned at closing, sent after the delay, one reminder, one response, apart from identity."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gehoord.cases.constants import EventKind, Status
from gehoord.cases.tests import factories
from gehoord.cases.tests.test_lifecycle import bring_to
from gehoord.correspondence import letters
from gehoord.correspondence.constants import Delivery, LetterKind
from gehoord.organisation.models import Municipality
from gehoord.surveys import selectors, services
from gehoord.surveys.links import invitation_for_link, survey_path, survey_secret
from gehoord.surveys.models import Question, QuestionKind, SurveyAnswer, SurveyInvitation, SurveyResponse

pytestmark = pytest.mark.django_db


def closed(actor, **kwargs):
    # Closed just now: the survey is planned and answered in the present.
    return bring_to(Status.CLOSED, actor=actor, route="informal", at=timezone.now(), **kwargs)


def questions() -> dict[str, Question]:
    return {question.kind: question for question in Question.objects.order_by("-position")}


def test_closing_plans_the_invitation_after_the_delay(coordinator):
    municipality = Municipality.load()
    municipality.survey_delay_days, municipality.survey_valid_days = 5, 30
    municipality.save()

    complaint = closed(coordinator)

    invitation = complaint.survey_invitation
    assert invitation.sent_at is None
    assert invitation.send_after.date() == (complaint.closed_at + dt.timedelta(days=5)).date()
    assert invitation.expires_on == timezone.localdate(invitation.send_after) + dt.timedelta(days=30)


def test_the_invitation_goes_out_when_due_and_only_once(coordinator):
    complaint = closed(coordinator, complainant=factories.ComplainantFactory(email="klager@example.org"))
    invitation = complaint.survey_invitation

    assert services.send_due(invitation.send_after - dt.timedelta(minutes=1)) == 0
    assert services.send_due(invitation.send_after) == 1
    assert services.send_due(invitation.send_after + dt.timedelta(days=1)) == 0

    letter = complaint.letters.get(kind=LetterKind.SURVEY_INVITATION)
    assert letter.delivery == Delivery.EMAIL
    body = letters.email_body(letter)
    assert survey_path(invitation) in body
    assert survey_secret(invitation) not in letter.body_text  # the secret is never stored
    assert complaint.events.filter(
        kind=EventKind.AFTERCARE, summary__contains="enquête verstuurd per e-mail"
    ).exists()


def test_a_postal_complainant_gets_a_letter_with_a_short_link_and_a_qr_code(coordinator, tmp_path):
    from gehoord.correspondence.tests.test_letters import poppler

    complaint = closed(
        coordinator,
        complainant=factories.ComplainantFactory(email="", street_address="Laan 2", city="Delfgauw"),
    )
    invitation = complaint.survey_invitation
    services.send_due(invitation.send_after)

    letter = complaint.letters.get(kind=LetterKind.SURVEY_INVITATION)
    assert letter.delivery == Delivery.POST
    html = letters.render_html(letter)
    assert (
        '<img src="data:image/svg+xml;base64,' in html and 'alt="QR-code met de link naar de enquête"' in html
    )
    text = poppler(letters.render_pdf(letter), tmp_path)["text"]
    assert survey_path(invitation) in text.replace("\n", "")
    assert len(survey_secret(invitation)) == 12


def test_one_reminder_by_email_to_who_did_not_answer(coordinator):
    complaint = closed(coordinator, complainant=factories.ComplainantFactory(email="klager@example.org"))
    invitation = complaint.survey_invitation
    sent = invitation.send_after
    services.send_due(sent)

    assert services.send_reminders(sent + dt.timedelta(days=6)) == 0
    assert services.send_reminders(sent + dt.timedelta(days=7)) == 1
    assert services.send_reminders(sent + dt.timedelta(days=8)) == 0
    assert complaint.letters.filter(kind=LetterKind.SURVEY_REMINDER).count() == 1


def test_no_reminder_after_an_answer_or_by_post(coordinator):
    answered = closed(coordinator, complainant=factories.ComplainantFactory(email="a@example.org"))
    by_post = closed(coordinator, complainant=factories.ComplainantFactory(email=""))
    for complaint in (answered, by_post):
        services.send_due(complaint.survey_invitation.send_after)
    services.submit(answered.survey_invitation, [])

    assert services.send_reminders(timezone.now() + dt.timedelta(days=10)) == 0


def test_one_response_per_complaint_and_none_after_expiry(coordinator):
    invitation = closed(coordinator).survey_invitation
    question = questions()[QuestionKind.SCALE]

    services.submit(invitation, [services.Answer(question, 4)])

    with pytest.raises(services.SurveyClosed, match="al ingevuld"):
        services.submit(invitation, [services.Answer(question, 1)])
    other = closed(coordinator).survey_invitation
    with pytest.raises(services.SurveyClosed, match="werkt niet meer"):
        services.submit(
            other,
            [],
            at=timezone.make_aware(dt.datetime.combine(other.expires_on + dt.timedelta(days=1), dt.time(12))),
        )
    assert SurveyAnswer.objects.count() == 1


def test_the_answers_are_kept_apart_from_the_complainant(coordinator):
    department = factories.DepartmentFactory(name="Burgerzaken", code="bz")
    complaint = closed(coordinator, departments=[department])

    response = services.submit(
        complaint.survey_invitation, [services.Answer(questions()[QuestionKind.OPEN], "Sneller bellen")]
    )

    field_names = {field.name for field in SurveyResponse._meta.get_fields()}
    assert not field_names & {"complaint", "complainant", "invitation", "submitted_at"}
    assert response.quarter == services.quarter_of(complaint.closed_at)
    assert list(response.departments.all()) == [department]
    # The timeline says that the complainant answered, not what.
    event = complaint.events.get(summary="De klager heeft de enquête ingevuld")
    assert "Sneller" not in event.details


def test_the_link_is_personal_and_unguessable(coordinator):
    invitation = closed(coordinator).survey_invitation

    assert invitation_for_link(invitation.pk, survey_secret(invitation)) == invitation
    assert (
        invitation_for_link(invitation.pk, survey_secret(invitation).upper()) == invitation
    )  # typed from paper
    assert invitation_for_link(invitation.pk, "a" * 12) is None
    assert invitation_for_link(invitation.pk + 1, survey_secret(invitation)) is None


def test_results_are_computed_from_the_responses(coordinator):
    kinds = questions()
    scale, yes_no, choice, open_ = (
        kinds[QuestionKind.SCALE],
        kinds[QuestionKind.YES_NO],
        kinds[QuestionKind.CHOICE],
        kinds[QuestionKind.OPEN],
    )
    given = [(5, True, "Precies goed", "Prima"), (2, False, "Te lang", ""), (4, True, "Te lang", "Sneller")]
    for value, yes, option, text in given:
        complaint = closed(coordinator, complainant=factories.ComplainantFactory(email="x@example.org"))
        services.send_due(complaint.survey_invitation.send_after)
        services.submit(
            complaint.survey_invitation,
            [
                services.Answer(scale, value),
                services.Answer(yes_no, yes),
                services.Answer(choice, option),
                services.Answer(open_, text),
            ],
        )
    closed(coordinator)  # invited later, not answered
    services.send_due(timezone.now() + dt.timedelta(days=30))

    result = selectors.results()

    assert (result.invited, result.responded) == (4, 3)
    assert result.response_rate == 0.75
    by_question = {item.question.pk: item for item in result.questions}
    assert by_question[scale.pk].average == pytest.approx(11 / 3)
    assert by_question[yes_no.pk].yes_share == pytest.approx(2 / 3)
    assert by_question[choice.pk].options == {"Te lang": 2, "Precies goed": 1, "Sneller dan verwacht": 0}
    assert sorted(by_question[open_.pk].texts) == ["Prima", "Sneller"]
    quarter = services.quarter_of(timezone.now())
    assert by_question[scale.pk].per_quarter == {quarter: pytest.approx(11 / 3)}


def test_the_results_page_and_export_for_staff(client, coordinator, handler):
    from gehoord.accounts.testing import login_staff

    complaint = closed(coordinator)
    services.submit(
        complaint.survey_invitation, [services.Answer(questions()[QuestionKind.OPEN], "Vriendelijk geholpen")]
    )
    login_staff(client, coordinator)

    assert "Vriendelijk geholpen" in client.get(reverse("surveys:results")).content.decode()
    export = b"".join(client.get(reverse("surveys:export")).streaming_content).decode("utf-8-sig")
    assert "Vriendelijk geholpen" in export and complaint.reference not in export

    client.logout()
    login_staff(client, handler)
    assert client.get(reverse("surveys:results")).status_code == 403


def test_a_choice_question_needs_options():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Question(text="Kies", kind=QuestionKind.CHOICE, choices="Alleen één").full_clean()


def test_the_public_page_refuses_wrong_links_and_answers_in_dutch(client, coordinator):
    invitation = closed(coordinator).survey_invitation

    assert client.get(reverse("surveys:answer", args=[invitation.pk, "verkeerd12345"])).status_code == 404
    response = client.post(survey_path(invitation), {})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kies een antwoord bij deze vraag." in page
    assert not SurveyInvitation.objects.get(pk=invitation.pk).responded_at
