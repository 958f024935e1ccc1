"""The coordinator's signals queue: read, contact the writer, set aside, or turn into a complaint."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from gehoord.accounts.testing import login_staff
from gehoord.cases.constants import Channel, EventKind
from gehoord.cases.models import Complainant
from gehoord.core.errors import GuardFailed, PermissionDenied, TransitionNotAllowed
from gehoord.correspondence.constants import LetterKind
from gehoord.social import selectors, services
from gehoord.social.constants import ActionKind, SignalStatus
from gehoord.social.tests.factories import SocialSignalFactory

pytestmark = pytest.mark.django_db


def test_contacting_the_writer_logs_the_message_and_the_first_response(coordinator):
    signal = SocialSignalFactory()

    action = services.contact_writer(
        signal, actor=coordinator, channel="social_media", message="Wat vervelend! Wij bellen u vandaag."
    )

    signal.refresh_from_db()
    assert signal.status == SignalStatus.CONTACTED
    assert (action.kind, action.channel, action.text) == (
        ActionKind.CONTACT,
        "social_media",
        "Wat vervelend! Wij bellen u vandaag.",
    )
    assert signal.first_response_at == action.at
    assert (
        dt.timedelta(hours=2, minutes=59) < signal.time_to_first_response < dt.timedelta(hours=3, minutes=1)
    )


def test_a_second_contact_keeps_the_first_response_time(coordinator):
    signal = SocialSignalFactory()
    first = services.contact_writer(signal, actor=coordinator, channel="social_media", message="Eén")

    services.contact_writer(signal, actor=coordinator, channel="phone", message="Twee")

    signal.refresh_from_db()
    assert signal.first_response_at == first.at


def test_dismissing_needs_a_reason_and_closes_the_signal(coordinator):
    signal = SocialSignalFactory()
    with pytest.raises(GuardFailed):
        services.dismiss(signal, actor=coordinator, reason=" ")

    services.dismiss(signal, actor=coordinator, reason="Gaat over het weer, niet over de gemeente.")

    signal.refresh_from_db()
    assert signal.status == SignalStatus.DISMISSED
    assert signal.first_response_at is None  # setting aside is no reply to the writer
    with pytest.raises(TransitionNotAllowed):
        services.contact_writer(signal, actor=coordinator, channel="phone", message="Toch")


def test_turning_a_signal_into_a_complaint_follows_the_written_route(coordinator):
    signal = SocialSignalFactory()
    services.contact_writer(signal, actor=coordinator, channel="social_media", message="Stuurt u ons een DM?")

    complaint = services.convert_to_complaint(
        signal,
        actor=coordinator,
        complainant=Complainant(first_name="Petra", last_name="Jansen", email="petra@example.org"),
        description="Geen reactie op melding over losliggende stoeptegels.",
    )

    signal.refresh_from_db()
    assert complaint.channel == Channel.SOCIAL_MEDIA
    assert complaint.is_written
    assert complaint.letters.get().kind == LetterKind.ACKNOWLEDGMENT  # Awb 9:6
    assert (signal.status, signal.complaint) == (SignalStatus.CONVERTED, complaint)
    note = complaint.events.get(kind=EventKind.NOTE)
    assert signal.author_handle in note.summary
    assert signal.url in note.details and "Stuurt u ons een DM?" in note.details


def test_a_complaint_needs_a_way_to_reach_the_complainant(coordinator):
    with pytest.raises(GuardFailed, match="manier"):
        services.convert_to_complaint(
            SocialSignalFactory(),
            actor=coordinator,
            complainant=Complainant(last_name="Jansen"),
            description="x",
        )


def test_only_the_coordinator_decides(handler):
    with pytest.raises(PermissionDenied):
        services.dismiss(SocialSignalFactory(), actor=handler, reason="Nee")


def test_the_median_time_to_first_response(coordinator):
    now = timezone.now()
    for hours in (1, 2, 6):
        SocialSignalFactory(
            posted_at=now - dt.timedelta(hours=10), first_response_at=now - dt.timedelta(hours=10 - hours)
        )
    SocialSignalFactory()  # not answered yet: not counted

    assert selectors.median_time_to_first_response(coordinator) == dt.timedelta(hours=2)


# -- the screens --------------------------------------------------------------------------


def test_the_queue_shows_open_signals_and_how_long_they_wait(client, coordinator):
    waiting = SocialSignalFactory(text="Mijn paspoort is kwijt bij de gemeente")
    SocialSignalFactory(text="Afgehandeld bericht", status=SignalStatus.DISMISSED)
    login_staff(client, coordinator)

    page = client.get(reverse("social:queue")).content.decode()

    assert "Mijn paspoort is kwijt bij de gemeente" in page
    assert "Afgehandeld bericht" not in page
    assert "Ongelezen" in page and "wacht al 3" in page
    assert reverse("social:detail", args=[waiting.pk]) in page
    assert (
        "Afgehandeld bericht" in client.get(reverse("social:queue"), {"status": "dismissed"}).content.decode()
    )


def test_opening_a_signal_marks_it_read(client, coordinator):
    signal = SocialSignalFactory()
    login_staff(client, coordinator)

    response = client.get(reverse("social:detail", args=[signal.pk]))

    assert response.status_code == 200
    signal.refresh_from_db()
    assert signal.read_by == coordinator and signal.read_at is not None


def test_the_screens_contact_and_convert(client, coordinator):
    signal = SocialSignalFactory()
    login_staff(client, coordinator)

    client.post(
        reverse("social:act", args=[signal.pk, "contact"]),
        {"channel": "social_media", "message": "DM gestuurd"},
    )
    response = client.post(
        reverse("social:act", args=[signal.pk, "convert"]),
        {
            "first_name": "Petra",
            "last_name": "Jansen",
            "email": "petra@example.org",
            "phone": "",
            "description": "Stoeptegels",
        },
    )

    signal.refresh_from_db()
    assert response.status_code == 302 and response.url == reverse(
        "cases:detail", args=[signal.complaint.reference]
    )
    assert signal.actions.count() == 2


def test_the_screens_say_what_is_missing(client, coordinator):
    signal = SocialSignalFactory()
    login_staff(client, coordinator)

    response = client.post(
        reverse("social:act", args=[signal.pk, "convert"]),
        {"last_name": "Jansen", "description": "Stoeptegels"},
    )

    assert response.status_code == 400
    assert "Vul minstens één manier in waarop de klager bereikbaar is" in response.content.decode()
    response = client.post(reverse("social:act", args=[signal.pk, "dismiss"]), {"reason": ""})
    assert "Schrijf op waarom er geen actie nodig is." in response.content.decode()


def test_acting_on_a_closed_signal_is_refused_clearly(client, coordinator):
    signal = SocialSignalFactory(status=SignalStatus.DISMISSED)
    login_staff(client, coordinator)

    response = client.post(
        reverse("social:act", args=[signal.pk, "contact"]), {"channel": "phone", "message": "Hoi"}
    )

    assert response.status_code == 400
    assert "Dit signaal is al afgehandeld (Geen actie nodig)." in response.content.decode()


@pytest.mark.parametrize("role", ["handler", "department_head"])
def test_only_the_coordinator_sees_the_queue(client, role, handler):
    from gehoord.accounts.roles import Role
    from gehoord.cases.tests import factories

    user = handler if role == "handler" else factories.UserFactory(roles=[Role.DEPARTMENT_HEAD])
    signal = SocialSignalFactory()
    login_staff(client, user)

    assert client.get(reverse("social:queue")).status_code == 403
    assert client.get(reverse("social:detail", args=[signal.pk])).status_code == 403
    assert client.post(reverse("social:act", args=[signal.pk, "dismiss"]), {"reason": "x"}).status_code == 403


def test_new_signals_come_first_then_the_newest(coordinator):
    now = timezone.now()
    contacted = SocialSignalFactory(status=SignalStatus.CONTACTED, posted_at=now - dt.timedelta(hours=1))
    old_new = SocialSignalFactory(posted_at=now - dt.timedelta(days=2))
    recent_new = SocialSignalFactory(posted_at=now - dt.timedelta(hours=2))

    assert list(selectors.signal_queue(coordinator)) == [recent_new, old_new, contacted]


def test_the_queue_pages_keep_the_filter(client, coordinator):
    SocialSignalFactory.create_batch(30)
    login_staff(client, coordinator)

    page = client.get(reverse("social:queue"), {"status": "new"}).content.decode()

    assert 'href="?status=new&amp;pagina=2"' in page
    assert "Pagina 1 van 2" in page


@pytest.mark.parametrize(
    ("author_name", "first_name", "last_name"),
    [
        ("Karin de Boer", "Karin", "de Boer"),
        ("Jan van der Berg", "Jan", "van der Berg"),
        ("Willem", "", "Willem"),
    ],
)
def test_converting_starts_with_the_writers_first_name_and_surname_apart(
    client, coordinator, author_name, first_name, last_name
):
    signal = SocialSignalFactory(author_name=author_name)
    login_staff(client, coordinator)

    form = client.get(reverse("social:detail", args=[signal.pk])).context["convert_form"]

    assert form.initial["first_name"] == first_name
    assert form.initial["last_name"] == last_name
