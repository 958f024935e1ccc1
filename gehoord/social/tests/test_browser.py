"""The coordinator works the signals queue and the mailbox screen in a real browser (axe-core clean)."""

import pytest

from gehoord.accounts.testing import sign_in_staff
from gehoord.cases.models import Complaint
from gehoord.cases.tests import factories
from gehoord.core.testing.browser import assert_no_axe_violations
from gehoord.mailbox import services as mailbox_services
from gehoord.mailbox.tests.messages import mail
from gehoord.social.constants import SignalStatus
from gehoord.social.tests.factories import SocialSignalFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PASSWORD = "geheim-wachtwoord-123"


def test_from_a_post_to_a_complaint(page, live_server):
    coordinator = factories.coordinator(username="carla", first_name="Carla", last_name="de Vries")
    signal = SocialSignalFactory(author_name="Petra Jansen", text="@gemeente al drie weken geen reactie!")
    sign_in_staff(page, coordinator, PASSWORD)

    page.get_by_role("link", name="Sociale media").click()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="al drie weken geen reactie").click()
    assert_no_axe_violations(page)

    # Contact the writer proactively.
    page.fill("#id_message", "Wat vervelend. Wij sturen u een privébericht.")
    page.get_by_role("button", name="Contact vastleggen").click()
    page.wait_for_load_state()
    assert "Contact met de schrijver" in page.inner_text("main")
    signal.refresh_from_db()
    assert signal.status == SignalStatus.CONTACTED

    # It still becomes a complaint: the form says what is missing first.
    page.get_by_role("button", name="Klacht aanmaken").click()
    page.wait_for_load_state()
    assert "Vul minstens één manier in waarop de klager bereikbaar is" in page.inner_text("main")
    assert_no_axe_violations(page)
    page.fill("#id_email", "petra@example.org")
    page.get_by_role("button", name="Klacht aanmaken").click()
    page.wait_for_url("**/medewerkers/klachten/K-*/")
    complaint = Complaint.objects.get()
    assert complaint.channel == "social_media"
    # The author's name as the form proposed it: first name and surname apart.
    assert (complaint.complainant.first_name, complaint.complainant.last_name) == ("Petra", "Jansen")


def test_the_mailbox_screen(page, live_server):
    coordinator = factories.coordinator(username="carla")
    mailbox_services.import_message(
        b"Subject: zonder afzender\r\nMessage-ID: <x@example.org>\r\n\r\nTekst\r\n"
    )
    mailbox_services.import_message(mail(headers={"Auto-Submitted": "auto-replied"}))
    sign_in_staff(page, coordinator, PASSWORD)

    page.get_by_role("link", name="Postvak").click()
    assert "Niet ingelezen (1)" in page.inner_text("main")
    assert_no_axe_violations(page)

    page.get_by_role("button", name="E-mail inlezen").click()
    page.wait_for_load_state()
    assert "Kies het .eml-bestand van de e-mail." in page.inner_text("main")
    assert_no_axe_violations(page)
