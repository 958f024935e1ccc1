import datetime as dt
import json
import subprocess

import pytest
from django.core.files.storage import default_storage

from gehoord.cases.constants import EventKind, RetentionResult, Status
from gehoord.cases.lifecycle import FINAL_STATUSES
from gehoord.cases.models import Complaint, ComplaintEvent
from gehoord.cases.tests import factories
from gehoord.core.errors import DomainError
from gehoord.privacy import exports, services
from gehoord.privacy.models import PersonalDataErasure
from gehoord.privacy.tests.conftest import (
    AMS,
    CONSENT_HOW,
    EMAIL,
    HEARING_REPORT,
    NAME,
    PHONE,
    SATISFACTION_HOW,
    SKIP_EXPLANATION,
    WAIVER_EXPLANATION,
    ended,
)
from gehoord.reporting.figures import Period, figures

pytestmark = pytest.mark.django_db


def test_the_export_holds_every_piece(full_complaint):
    data = services.export_complainant(full_complaint.complainant)

    assert data["complainant"]["last_name"] == NAME[1]
    assert data["complainant"]["email"] == EMAIL
    [complaint] = data["complaints"]
    assert set(complaint) >= {
        "reference", "description", "parts", "timeline", "letters", "contacts", "attachments",
        "survey", "voucher", "origin", "representative", "learning_review", "personal_data_erasure",
    }  # fmt: skip
    assert complaint["reference"] == full_complaint.reference
    assert complaint["parts"][0]["description"].startswith("Mijn buurman")
    assert complaint["contacts"][0]["subject"] == "Gebeld met mevrouw Zeldzaamheid"
    assert complaint["attachments"][0]["original_name"] == "brief-zeldzaamheid.pdf"
    assert complaint["attachments"][0]["file_name"].endswith("brief-zeldzaamheid.pdf")
    assert complaint["letters"][0]["file_name"].startswith("brieven/")
    assert complaint["voucher"]["note"] == "Bezorgd bij Wilhelmina"
    assert any(event["details"] == "Notitie over Wilhelmina" for event in complaint["timeline"])
    assert set(complaint["origin"]) == {"mailbox", "social_signal"}
    json.loads(exports.render_json(data))  # valid JSON


def test_the_pdf_is_a_pdf_with_the_reference(full_complaint):
    content = exports.render_pdf(services.export_complainant(full_complaint.complainant))
    assert content.startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()
    assert full_complaint.reference in text
    assert NAME[1] in text


def test_the_zip_holds_the_files(full_complaint):
    import io
    import zipfile

    data = services.export_complainant(full_complaint.complainant)
    names = zipfile.ZipFile(io.BytesIO(exports.render_zip(full_complaint.complainant, data))).namelist()
    assert "gegevens.json" in names and "gegevens.pdf" in names
    assert data["complaints"][0]["attachments"][0]["file_name"] in names
    assert data["complaints"][0]["letters"][0]["file_name"] in names


def _figures():
    result = figures(Period.year(2020), today=dt.date(2026, 1, 1))
    return {k: v for k, v in vars(result).items() if k not in ("period", "department")}


def test_erasure_removes_personal_data_and_files_and_keeps_the_figures(
    full_complaint, coordinator, django_capture_on_commit_callbacks
):
    files = [a.file.name for a in full_complaint.attachments.all()] + [
        letter.pdf.name for letter in full_complaint.letters.all()
    ]
    assert files and all(default_storage.exists(name) for name in files)
    before = _figures()

    with django_capture_on_commit_callbacks(execute=True):
        erasure = services.erase_complainant_data(full_complaint, "Verzoek van de klager", coordinator)

    complaint = Complaint.objects.get(pk=full_complaint.pk)
    complainant = complaint.complainant
    assert (complainant.first_name, complainant.last_name, complainant.email, complainant.phone) == (
        "",
        "",
        "",
        "",
    )
    assert complainant.anonymised_at is not None
    assert complaint.description == "" and complaint.desired_outcome == ""
    assert complaint.text_fingerprint == ""
    assert not complaint.attachments.exists()
    assert not any(default_storage.exists(name) for name in files)
    assert all(not letter.pdf and letter.recipient_email == "" for letter in complaint.letters.all())
    assert complaint.contacts.get().content == ""
    assert complaint.flower_voucher.note == ""
    dump = json.dumps(services.export_complainant(complainant))
    for secret in (*NAME, EMAIL, PHONE, "Jansen", "gezondheid", "Zeldzaamheid"):
        assert secret not in dump
    assert _figures() == before
    # One event says what happened, without personal data; the rest are blank.
    last = complaint.events.order_by("-at", "-pk").first()
    assert last.summary == "Persoonsgegevens verwijderd" and last.details == "Verzoek van de klager"
    assert not complaint.events.exclude(pk=last.pk).exclude(summary="").exists()
    assert erasure.removed["files"] == len(files)


def test_erasure_is_idempotent(full_complaint, coordinator):
    first = services.erase_complainant_data(full_complaint, "Reden", coordinator)
    events = ComplaintEvent.objects.filter(complaint=full_complaint).count()
    second = services.erase_complainant_data(full_complaint, "Andere reden", coordinator)
    assert first.pk == second.pk
    assert ComplaintEvent.objects.filter(complaint=full_complaint).count() == events
    assert PersonalDataErasure.objects.count() == 1


def test_the_timeline_stays_append_only_for_everyone_else(full_complaint):
    with pytest.raises(TypeError):
        ComplaintEvent.objects.filter(complaint=full_complaint).update(summary="x")


def test_an_open_complaint_is_not_erased(coordinator):
    complaint = factories.make_complaint()
    with pytest.raises(DomainError, match="nog in behandeling"):
        services.erase_complainant_data(complaint, "Reden", coordinator)
    assert not PersonalDataErasure.objects.exists()


def test_a_reason_is_required(full_complaint):
    with pytest.raises(DomainError, match="reden"):
        services.erase_complainant_data(full_complaint, "  ")


def test_a_complainant_with_another_retained_complaint_keeps_their_details(full_complaint, coordinator):
    other = factories.make_complaint(complainant=full_complaint.complainant)
    services.erase_complainant_data(full_complaint, "Reden", coordinator)
    full_complaint.refresh_from_db()
    other.refresh_from_db()
    assert other.complainant.last_name == NAME[1]
    assert full_complaint.complainant_id != other.complainant_id
    assert full_complaint.complainant.last_name == ""


def test_erase_expired_runs_the_service(full_complaint):
    # Closed 15 April 2020 (handled, 5 years): due from 15 April 2025.
    dry = services.erase_expired(dt.date(2025, 4, 15), dry_run=True)
    assert dry.due == [full_complaint.reference] and not PersonalDataErasure.objects.exists()
    assert services.erase_expired(dt.date(2025, 4, 14)).due == []
    run = services.erase_expired(dt.date(2025, 4, 15))
    assert run.erased == [full_complaint.reference]
    erasure = PersonalDataErasure.objects.get()
    assert erasure.trigger == "retention" and "5 jaar" in erasure.reason
    assert services.erase_expired(dt.date(2030, 1, 1)).due == []


def test_the_celery_task_runs_the_retention(full_complaint, settings, monkeypatch):
    from gehoord.privacy import retention, tasks

    monkeypatch.setattr(retention.timezone, "localdate", lambda *a: dt.date(2026, 1, 1))
    result = tasks.erase_expired_personal_data.apply().get()
    assert "1 erased" in result
    assert PersonalDataErasure.objects.filter(complaint=full_complaint).exists()
    assert "privacy-erase-expired-personal-data" in settings.CELERY_BEAT_SCHEDULE


def test_the_command_dry_run_changes_nothing(full_complaint):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("erase_expired_personal_data", "--dry-run", "--today", "2026-01-01", stdout=out)
    assert f"{full_complaint.reference}: due" in out.getvalue()
    assert not PersonalDataErasure.objects.exists()
    call_command("erase_expired_personal_data", "--today", "2026-01-01", stdout=out)
    assert PersonalDataErasure.objects.filter(complaint=full_complaint).exists()


def test_the_erasure_event_is_a_change(full_complaint):
    services.erase_complainant_data(full_complaint, "Reden")
    event = ComplaintEvent.objects.filter(complaint=full_complaint, data__privacy="erased").get()
    assert event.kind == EventKind.CHANGE and event.actor is None
    assert Complaint.objects.get(pk=full_complaint.pk).status == Status.CLOSED
    _ = AMS


@pytest.mark.postgresql
def test_the_database_lets_only_the_erasure_through(full_complaint):
    from django.db import DatabaseError, connection, transaction

    event = ComplaintEvent.objects.filter(complaint=full_complaint).first()
    statements = [
        # Blanking without the transaction saying so, changing something else while blanking, deleting.
        ("", "UPDATE cases_complaintevent SET summary = '', details = '', data = '{}' WHERE id = %s"),
        ("on", "UPDATE cases_complaintevent SET summary = '', details = '', data = '{}', kind = 'note' WHERE id = %s"),
        ("on", "UPDATE cases_complaintevent SET summary = 'anders' WHERE id = %s"),
        ("on", "DELETE FROM cases_complaintevent WHERE id = %s"),
    ]  # fmt: skip
    for setting, statement in statements:
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            if setting:
                cursor.execute("SELECT set_config('gehoord.erasing_personal_data', 'on', true)")
            cursor.execute(statement, [event.pk])
    assert ComplaintEvent.objects.get(pk=event.pk).summary == event.summary
    services.erase_complainant_data(full_complaint, "Reden")
    assert ComplaintEvent.objects.get(pk=event.pk).summary == ""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('gehoord.erasing_personal_data', true)")
        assert cursor.fetchone()[0] == "off"


def test_signals_and_e_mails_without_a_complaint_are_blanked_after_a_year():
    from gehoord.mailbox.models import InboundMessage, MessageOutcome, MessageSource
    from gehoord.social.models import SocialSignal

    received = dt.datetime(2024, 5, 1, 12, tzinfo=AMS)
    signal = SocialSignal.objects.create(
        platform="mastodon", post_id="1", author_handle="@wilhelmina", author_name=" ".join(NAME),
        text="Slechte service", posted_at=received, received_at=received, source="webhook",
    )  # fmt: skip
    message = InboundMessage.objects.create(
        message_id="<1@example.org>", source=MessageSource.IMAP, outcome=MessageOutcome.DISMISSED,
        sender=EMAIL, subject="Klacht", first_seen_at=received, last_attempt_at=received,
    )  # fmt: skip
    assert services.erase_expired(dt.date(2025, 4, 30)).unlinked_signals == 0
    dry = services.erase_expired(dt.date(2025, 5, 1), dry_run=True)
    assert (dry.unlinked_signals, dry.unlinked_messages) == (1, 1)
    assert SocialSignal.objects.get(pk=signal.pk).author_handle == "@wilhelmina"
    run = services.erase_expired(dt.date(2025, 5, 1))
    assert (run.unlinked_signals, run.unlinked_messages) == (1, 1)
    signal.refresh_from_db()
    message.refresh_from_db()
    assert (signal.author_handle, signal.author_name, signal.text) == ("", "", "")
    assert signal.posted_at == received  # what the response-time figure needs stays
    assert (message.sender, message.subject) == ("", "")
    assert services.erase_expired(dt.date(2026, 1, 1)).unlinked_messages == 0


def test_the_pdf_shows_dates_as_people_write_them():
    from gehoord.privacy.templatetags.privacy import readable_moment

    assert readable_moment("2020-04-15T14:00:00+02:00") == "15-04-2020 14:00"
    assert readable_moment("2020-04-15") == "15-04-2020"
    assert readable_moment(None) == ""
    assert readable_moment("geen datum") == "geen datum"


# --- what [9] added to the file: hearings, 9:9 copy waivers, consent, satisfaction, the machtiging ---

LAW_SECRETS = (HEARING_REPORT, WAIVER_EXPLANATION, CONSENT_HOW, SATISFACTION_HOW, SKIP_EXPLANATION)


def _pdf_text(data) -> str:
    content = exports.render_pdf(data)
    return subprocess.run(
        ["pdftotext", "-", "-"], input=content, capture_output=True, check=True
    ).stdout.decode()


def test_the_export_holds_the_hearings_and_what_the_law_added(heard_complaint):
    data = services.export_complainant(heard_complaint.complainant)
    [complaint] = data["complaints"]
    assert sorted(hearing["report"] for hearing in complaint["hearings"]) == [
        HEARING_REPORT,
        "Pietersen: drukke dag.",
    ]
    complainant_hearing = next(h for h in complaint["hearings"] if h["report"] == HEARING_REPORT)
    assert complainant_hearing["held_on"] == "2020-03-30"
    assert complainant_hearing["response_how"] == "Gebeld door Wilhelmina"
    assert complaint["copy_waivers"][0]["explanation"] == WAIVER_EXPLANATION
    assert complaint["terms"]["consent_how"] == CONSENT_HOW
    assert complaint["satisfaction_how"] == SATISFACTION_HOW
    assert complaint["hearing_skip_explanation"] == SKIP_EXPLANATION
    assert complaint["representative"]["authorisation"] == "Schriftelijke machtiging"
    assert complaint["representative"]["authorised_on"] == "2020-03-05"
    assert complaint["retention"] == {"result": RetentionResult.HANDLED.label, "erasure_due_on": "2025-04-15",
                                      "permanent": False}  # fmt: skip
    assert "hearing_report" not in complaint and "hearing_held_on" not in complaint
    json.loads(exports.render_json(data))

    text = _pdf_text(data)
    for word in ("rugklachten", "Pietersen", "vertrokken", "mantelzorg", "Schriftelijke machtiging"):
        assert word in text, word


def test_erasure_blanks_the_hearings_and_what_the_law_added(heard_complaint, coordinator):
    from gehoord.cases.models import Hearing

    erasure = services.erase_complainant_data(heard_complaint, "Verzoek van de klager", coordinator)

    hearings = list(Hearing.objects.filter(complaint=heard_complaint))
    assert len(hearings) == 2 and erasure.removed["hearings"] == 2
    assert all((h.report, h.location, h.response_how, h.employee_id) == ("", "", "", None) for h in hearings)
    # What the figures need stays: when was who heard.
    assert sorted(h.held_on for h in hearings) == [dt.date(2020, 3, 30), dt.date(2020, 3, 31)]
    waiver = heard_complaint.copy_waivers.get()
    assert (waiver.explanation, waiver.employee_id, waiver.reason) == ("", None, "employee_left")
    complaint = Complaint.objects.select_related("representative").get(pk=heard_complaint.pk)
    assert (complaint.consent_how, complaint.satisfaction_how, complaint.hearing_skip_explanation) == (
        "",
        "",
        "",
    )
    assert complaint.satisfaction_confirmed_on == dt.date(2020, 4, 2)
    representative = complaint.representative
    assert (representative.name, representative.authorisation_kind, representative.authorised_on) == (
        "",
        "",
        None,
    )

    dump = json.dumps(services.export_complainant(complaint.complainant))
    for secret in (*LAW_SECRETS, "rugklachten", "Pietersen", "Dorpsstraat", "Gemachtigd"):
        assert secret not in dump, secret


# --- may_erase asks the lifecycle; a permanent file is never erased ----------------------


@pytest.mark.parametrize("status", list(Status))
def test_may_erase_follows_the_lifecycle(status):
    complaint = ended(
        factories.make_complaint(), status=status, closed_at=dt.datetime(2020, 4, 15, tzinfo=AMS)
    )
    assert services.may_erase(complaint) is (status in FINAL_STATUSES)


def test_a_permanent_file_is_never_erased(full_complaint, coordinator):
    Complaint.objects.filter(pk=full_complaint.pk).update(retention_result=RetentionResult.PERMANENT)
    full_complaint.refresh_from_db()
    assert not services.may_erase(full_complaint)
    with pytest.raises(DomainError, match="blijvend bewaard") as refused:
        services.erase_complainant_data(full_complaint, "Verzoek van de klager", coordinator)
    assert refused.value.code == "permanent"
    assert services.erase_expired(dt.date(2099, 1, 1)).due == []
    assert not PersonalDataErasure.objects.exists()
    assert Complaint.objects.get(pk=full_complaint.pk).complainant.last_name == NAME[1]


def test_the_retention_job_writes_the_result_and_term():
    complaint = ended(factories.make_complaint(), closed_at=dt.datetime(2020, 4, 15, tzinfo=AMS),
                      ombudsman_on=dt.date(2020, 5, 1), ombudsman_ended_on=dt.date(2021, 1, 4),
                      retention_result=RetentionResult.OMBUDSMAN)  # fmt: skip
    financial = ended(factories.make_complaint(), closed_at=dt.datetime(2020, 4, 15, tzinfo=AMS),
                      retention_result=RetentionResult.FINANCIAL)  # fmt: skip
    run = services.erase_expired(dt.date(2031, 1, 4))
    # The ombudsman ended 4 January 2021: due 4 January 2031; financial, closed 15 April 2020: due 15 April 2027.
    assert sorted(run.erased) == sorted([complaint.reference, financial.reference])
    reasons = dict(PersonalDataErasure.objects.values_list("complaint__reference", "reason"))
    assert "via de ombudsman, 10 jaar na het einde van diens behandeling" in reasons[complaint.reference]
    assert "met financiële gevolgen, 7 jaar na afhandeling" in reasons[financial.reference]
