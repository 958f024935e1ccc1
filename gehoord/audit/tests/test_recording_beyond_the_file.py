"""Personal data outside the complaint file page: the mailbox, social-media signals, the staff
registration's "same person" warning and the citizen's withdraw page are in the audit trail too."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gehoord.accounts.testing import login_staff
from gehoord.audit.models import Action, ActorKind, AuditEntry
from gehoord.cases.status_link import status_path
from gehoord.cases.tests import factories
from gehoord.core.logs import REDACTED
from gehoord.intake.tests.test_registration import form_data
from gehoord.mailbox import services as mailbox
from gehoord.mailbox.models import InboundMessage, MessageOutcome
from gehoord.social.models import SocialSignal
from gehoord.social.tests.factories import SocialSignalFactory

pytestmark = pytest.mark.django_db

MALFORMED = b"Subject: zonder afzender\r\nMessage-ID: <kapot@example.org>\r\n\r\nWie ben ik?\r\n"
SIGNALS_CSV = (
    b"platform;post_id;author_handle;author_name;url;text;posted_at\n"
    b"facebook;fb-1;Karin de Boer;Karin de Boer;;Waarom wordt ons afval niet opgehaald?;30-11-2026 08:30\n"
)


def entries(**filters) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(**filters).order_by("pk"))


# --- the mailbox ------------------------------------------------------------------------------


def test_opening_the_mailbox_screen_is_a_list_read_by_the_coordinator(client, coordinator):
    login_staff(client, coordinator)

    assert client.get(reverse("mailbox:list"), REMOTE_ADDR="203.0.113.9").status_code == 200

    [entry] = entries(action=Action.LIST)
    assert (entry.actor, entry.actor_kind, entry.note, entry.ip) == (
        coordinator,
        ActorKind.STAFF,
        "postvak",
        "203.0.113.9",
    )


def test_a_polled_message_that_fails_is_written_by_the_system_and_again_on_the_next_attempt():
    row = mailbox.import_message(MALFORMED)
    mailbox.import_message(MALFORMED)

    first, again = entries(object_type="mailbox.inboundmessage")
    assert (first.action, first.actor_kind, first.object_id) == (Action.CREATE, ActorKind.SYSTEM, row.pk)
    assert first.note == f"postvak: {MessageOutcome.FAILED}"
    assert again.action == Action.CHANGE


def test_setting_a_message_aside_is_a_change_by_the_coordinator(client, coordinator):
    row = mailbox.import_message(MALFORMED)
    login_staff(client, coordinator)

    response = client.post(reverse("mailbox:dismiss", args=[row.pk]), {"reason": "Geen klacht, spam."})

    assert response.status_code == 302
    assert InboundMessage.objects.get(pk=row.pk).outcome == MessageOutcome.DISMISSED
    [entry] = entries(note="postvak: apart gezet")
    assert (entry.action, entry.actor, entry.object_id, entry.method) == (
        Action.CHANGE,
        coordinator,
        row.pk,
        "POST",
    )


# --- social-media signals -----------------------------------------------------------------------


def test_the_signals_queue_and_its_csv_are_a_list_and_an_export(client, coordinator):
    SocialSignalFactory.create_batch(2)
    login_staff(client, coordinator)

    assert client.get(reverse("social:queue"), {"status": "all"}).status_code == 200
    response = client.get(reverse("social:queue"), {"status": "all", "formaat": "csv"})
    assert response.status_code == 200
    b"".join(response.streaming_content)  # the export is recorded once the download has been sent

    [listed] = entries(action=Action.LIST)
    assert listed.note == "signalen status=all"
    [exported] = entries(action=Action.EXPORT)
    assert exported.note == "signalen csv formaat=csv&status=all (2 rijen)"
    assert exported.actor == coordinator


def test_opening_a_signal_is_a_view_of_it(client, coordinator):
    signal = SocialSignalFactory()
    login_staff(client, coordinator)

    assert client.get(reverse("social:detail", args=[signal.pk])).status_code == 200

    [entry] = entries(action=Action.VIEW)
    assert (entry.object_type, entry.object_id, entry.actor) == (
        "social.socialsignal",
        signal.pk,
        coordinator,
    )


def test_contacting_the_writer_and_making_a_complaint_are_changes_of_the_signal(client, coordinator):
    signal = SocialSignalFactory()
    login_staff(client, coordinator)

    client.post(
        reverse("social:act", args=[signal.pk, "contact"]),
        {"channel": "social_media", "message": "Wij bellen u vandaag."},
    )
    client.post(
        reverse("social:act", args=[signal.pk, "convert"]),
        {"first_name": "Petra", "last_name": "Jansen", "email": "petra@example.nl", "phone": "",
         "description": "Al drie weken geen reactie op mijn melding."},
    )  # fmt: skip

    signal.refresh_from_db()
    assert signal.complaint is not None
    contact, converted = entries(object_type="social.socialsignal", action=Action.CHANGE)
    assert contact.note == "signaal: contact met de schrijver"
    assert converted.note == "signaal: klacht van gemaakt"
    assert (converted.complaint_id, converted.actor) == (signal.complaint.pk, coordinator)


def test_importing_signals_is_one_write_with_the_number_stored(client, coordinator):
    login_staff(client, coordinator)

    client.post(reverse("social:import"), {"file": SimpleUploadedFile("s.csv", SIGNALS_CSV, "text/csv")})
    client.post(reverse("social:import"), {"file": SimpleUploadedFile("s.csv", SIGNALS_CSV, "text/csv")})

    assert SocialSignal.objects.count() == 1
    # The second import stored nothing new, so wrote no personal data.
    [entry] = entries(action=Action.CREATE)
    assert (entry.note, entry.actor) == ("signalen ingelezen (csv): 1", coordinator)


# --- staff registration: "this person already has an open complaint" ---------------------------


def test_the_same_person_warning_is_a_view_of_each_complaint_it_shows(client, coordinator):
    earlier = factories.make_complaint(
        complainant=factories.ComplainantFactory.build(email="fatima@example.nl")
    )
    login_staff(client, coordinator)

    response = client.post("/medewerkers/registreren/", form_data())

    assert response.status_code == 200 and earlier.reference in response.content.decode()
    [entry] = entries(action=Action.VIEW)
    assert (entry.complaint_id, entry.actor, entry.note) == (
        earlier.pk,
        coordinator,
        "registratie: zelfde persoon",
    )


def test_a_complaint_the_warning_only_counts_is_not_a_view(client, handler):
    # A handler sees someone else's complaint only as "1 more", without its reference: no read of it.
    hidden = factories.make_complaint(
        complainant=factories.ComplainantFactory.build(email="fatima@example.nl")
    )
    login_staff(client, handler)

    response = client.post("/medewerkers/registreren/", form_data())

    assert response.status_code == 200 and hidden.reference not in response.content.decode()
    assert entries(action=Action.VIEW) == []


# --- the citizen's withdraw page ----------------------------------------------------------------


def test_the_withdraw_page_is_a_view_without_the_secret(client, complaint):
    link = status_path(complaint) + "intrekken/"

    assert client.get(link, REMOTE_ADDR="203.0.113.51").status_code == 200

    [entry] = entries(action=Action.VIEW)
    assert (entry.actor_kind, entry.complaint_id, entry.note) == (
        ActorKind.CITIZEN,
        complaint.pk,
        "statuslink: intrekken",
    )
    assert entry.path == f"/klacht/status/{complaint.reference}/{REDACTED}/intrekken/"
