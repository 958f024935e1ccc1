"""The IMAP path of the one attachment policy, against the real Dovecot (see conftest)."""

import pytest

from gehoord.cases.models import Complaint
from gehoord.intake.tests.test_one_way_in import DISGUISED, DISGUISED_IDS, _reason, refused_note
from gehoord.mailbox.tests.messages import mail

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(("name", "content"), DISGUISED, ids=DISGUISED_IDS)
def test_the_imap_mailbox_refuses_the_same_files_for_the_same_reason(inbox, name, content):
    inbox.deliver(mail(attachment=(name, content, "application/pdf")))
    inbox.poll()
    complaint = Complaint.objects.get()
    assert not complaint.attachments.exists()
    note = refused_note(complaint)
    assert name in note.summary
    assert _reason(name, content) in note.details
