"""One way in: the same rules for every channel (issue [10]).

- Reachability (Awb 9:4): one table of inputs, the same verdict from the
  public form, staff registration, the API, a converted social signal and the
  pipeline itself (which the mailbox uses).
- Attachments: the same disguised files through every channel that takes
  files, refused the same way for the same reason.
- Resubmissions, near-duplicates, the acknowledgment by the register hook.
- Nothing but the pipeline makes a Complaint; nothing but the timeline
  writer makes a ComplaintEvent.
"""

from __future__ import annotations

import ast
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gehoord.api.models import ApiClient, Scope
from gehoord.cases import services as case_services
from gehoord.cases.attachment_policy import screen
from gehoord.cases.constants import Channel
from gehoord.cases.models import Complainant, Complaint
from gehoord.cases.tests import factories
from gehoord.core.errors import GuardFailed
from gehoord.core.tokens import hash_token
from gehoord.correspondence.constants import LetterKind
from gehoord.intake import reachability
from gehoord.intake.forms import ComplaintForm
from gehoord.intake.pipeline import NewComplaint, take_in
from gehoord.intake.staff_forms import StaffRegistrationForm
from gehoord.intake.tests.helpers import PDF_BYTES, PNG_BYTES, valid_form_data
from gehoord.mailbox.models import MessageOutcome, MessageSource
from gehoord.mailbox.services import import_message
from gehoord.mailbox.tests.messages import mail
from gehoord.organisation.models import Municipality
from gehoord.social.forms import ConvertForm

pytestmark = pytest.mark.django_db

GEHOORD = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The public form is rate limited per client; every test here posts as the same client.
    cache.clear()


# --- reachability: one table, every entry point ---------------------------------------

NAME = {"last_name": "Boukhari"}
NO_CONTACT = {"email": "", "phone": "", "street_address": "", "postal_code": "", "city": ""}
ADDRESS = {"street_address": "Stationsplein 12", "postal_code": "2641 AB", "city": "Pijnacker"}

REACHABILITY = [
    ("e-mail", {**NAME, **NO_CONTACT, "email": "fatima@example.nl"}, True),
    ("phone", {**NAME, **NO_CONTACT, "phone": "06 12345678"}, True),
    ("full address", {**NAME, **NO_CONTACT, **ADDRESS}, True),
    ("address without postcode", {**NAME, **NO_CONTACT, **ADDRESS, "postal_code": ""}, False),
    ("address without place", {**NAME, **NO_CONTACT, **ADDRESS, "city": ""}, False),
    ("street without number", {**NAME, **NO_CONTACT, **ADDRESS, "street_address": "Stationsplein"}, False),
    ("foreign postcode", {**NAME, **NO_CONTACT, **ADDRESS, "postal_code": "SW1A 1AA"}, False),
    ("name only", {**NAME, **NO_CONTACT}, False),
    ("no name", {**NO_CONTACT, "last_name": "", "email": "fatima@example.nl"}, False),
]


def _public_form(details: dict) -> bool:
    # The public form asks how to be contacted: pick what the person gave (a choice, not reachability).
    preferred = "email" if details.get("email") else "phone" if details.get("phone") else "letter"
    # The form asks the street and the house number apart, and passes them on as one street_address.
    details = dict(details)
    street, _, number = details.pop("street_address", "").rpartition(" ")
    if not any(c.isdigit() for c in number):
        street, number = " ".join([street, number]).strip(), ""
    details.update(street=street, house_number=number)
    form = ComplaintForm(data=valid_form_data(preferred_contact=preferred, **details))
    return form.is_valid()


def _staff_form(details: dict) -> bool:
    from gehoord.intake.tests.test_registration import form_data

    return StaffRegistrationForm(data=form_data(**details)).is_valid()


def _social_form(details: dict) -> bool:
    data = {"first_name": "", "description": "Reactie op Facebook over de balie.", **details}
    return ConvertForm(data=data).is_valid()


def _api(details: dict) -> bool:
    user = factories.coordinator(username="koppeling", is_service_account=True)
    ApiClient.objects.create(
        name="Koppeling", user=user, scopes=[Scope.INTAKE], token_hash=hash_token("t" * 32)
    )
    body = {"description": "Ik ben drie keer beloofd teruggebeld te worden.", **details}
    response = Client(headers={"Authorization": f"Bearer {'t' * 32}"}).post(
        "/api/v1/complaints/", body, content_type="application/json"
    )
    assert response.status_code in (201, 400), response.content
    return response.status_code == 201


def _pipeline(details: dict) -> bool:
    person = Complainant(**dict(details.items()))
    try:
        take_in(NewComplaint(channel=Channel.EMAIL, description="Nooit teruggebeld.", complainant=person))
    except GuardFailed:
        return False
    return True


ENTRY_POINTS = {
    "public form": _public_form,
    "staff registration": _staff_form,
    "social signal": _social_form,
    "api": _api,
    "pipeline (mailbox)": _pipeline,
}


@pytest.mark.parametrize(("case", "details", "reachable"), REACHABILITY, ids=[row[0] for row in REACHABILITY])
@pytest.mark.parametrize("entry_point", ENTRY_POINTS)
def test_every_entry_point_gives_the_same_reachability_verdict(entry_point, case, details, reachable):
    assert reachability.reachable(details) is reachable
    assert ENTRY_POINTS[entry_point](details) is reachable


# --- attachments: the same disguised files through every channel -------------------------


def _gif_headed_hta() -> bytes:
    return b"GIF89a<html><head><HTA:APPLICATION ID='x'></head><body><script>run()</script></body></html>"


DISGUISED = [
    (
        "invoice.pdf",
        b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120 + b"This program cannot be run in DOS mode",
    ),
    ("factuur.hta", _gif_headed_hta()),
    (
        "logo.svg",
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    ),
    ("pagina.html", b"<!doctype html><html><body><script>alert(1)</script></body></html>"),
    ("scan.pdf", b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024) + b"\n%%EOF\n"),
]
DISGUISED_IDS = [name for name, _content in DISGUISED]


def _reason(name: str, content: bytes) -> str:
    (refused,) = screen([SimpleUploadedFile(name, content)]).refused
    return refused.reason


def _web_form(client, name, content) -> str:
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(reverse("intake:form"), {**valid_form_data(), "attachments": [upload]})
    assert response.status_code == 400
    assert not Complaint.objects.exists()
    return response.content.decode()


def _staff_registration(client, name, content) -> str:
    from gehoord.accounts.testing import login_staff
    from gehoord.intake.tests.test_registration import form_data

    login_staff(client, factories.coordinator(username="registratie"))
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(reverse("registration:register"), {**form_data(), "attachments": [upload]})
    assert response.status_code in (200, 400)
    assert not Complaint.objects.exists()
    return response.content.decode()


def _eml_upload(client, name, content) -> str:
    row = import_message(mail(attachment=(name, content, "application/pdf")), source=MessageSource.UPLOAD)
    assert row.outcome == MessageOutcome.NEW_COMPLAINT
    complaint = row.complaint
    assert not complaint.attachments.exists()
    note = refused_note(complaint)
    return note.summary + "\n" + note.details


def refused_note(complaint: Complaint):
    notes = [event for event in complaint.events.all() if "refused_files" in event.data]
    assert len(notes) == 1
    return notes[0]


def _staff_file_upload(client, name, content) -> str:
    complaint = factories.make_complaint()
    with pytest.raises(GuardFailed) as refused:
        case_services.add_attachment(
            complaint, file=SimpleUploadedFile(name, content), actor=factories.coordinator(username="dossier")
        )
    assert not complaint.attachments.exists()
    return str(refused.value)


FILE_CHANNELS = {
    "web form": _web_form,
    "staff registration": _staff_registration,
    ".eml upload": _eml_upload,
    "file page upload": _staff_file_upload,
}


@pytest.mark.parametrize(("name", "content"), DISGUISED, ids=DISGUISED_IDS)
@pytest.mark.parametrize("channel", FILE_CHANNELS)
def test_a_disguised_file_is_refused_the_same_way_by_every_channel(client, channel, name, content):
    reason = _reason(name, content)
    shown = FILE_CHANNELS[channel](client, name, content)
    assert reason.replace("'", "&#x27;") in shown or reason in shown


def test_a_mail_keeps_its_allowed_files_under_the_detected_type_and_notes_the_refused_ones():
    raw = mail(attachment=("foto.pdf", PNG_BYTES, "application/pdf"))
    # Add a refused file next to it.
    from email import message_from_bytes, policy

    message = message_from_bytes(raw, policy=policy.default)
    message.add_attachment(
        _gif_headed_hta(), maintype="application", subtype="octet-stream", filename="x.hta"
    )
    row = import_message(message.as_bytes())
    complaint = row.complaint
    (attachment,) = complaint.attachments.all()
    assert attachment.original_name == "foto.png"
    assert attachment.content_type == "image/png"
    assert "x.hta" in refused_note(complaint).summary


def test_a_mail_with_nothing_usable_is_set_aside_for_the_coordinator_with_the_reason():
    row = import_message(
        mail(subject="", text="", attachment=("invoice.pdf", DISGUISED[0][1], "application/pdf"))
    )
    assert row.outcome == MessageOutcome.SET_ASIDE
    assert "invoice.pdf" in row.reason
    assert not Complaint.objects.exists()


def test_the_9_9_copy_forwards_only_allowed_files(handler):
    from gehoord.correspondence.attachments import complaint_attachments

    complaint = factories.make_complaint()
    # Stored before the policy (or by a channel that once took anything): kept on file, never forwarded.
    from gehoord.cases.models import Attachment

    for name, content in (
        ("brief.pdf", PDF_BYTES),
        ("invoice.pdf", DISGUISED[0][1]),
        ("a.hta", _gif_headed_hta()),
    ):
        attachment = Attachment(
            complaint=complaint, original_name=name, content_type="application/pdf", size=len(content)
        )
        attachment.file.save(name, io.BytesIO(content), save=True)
    assert [(name, kind) for name, _content, kind in complaint_attachments(complaint)] == [
        ("bijlage-1.pdf", "application/pdf")
    ]


# --- resubmissions and near-duplicates --------------------------------------------------------


def _mail_of(text: str, **kwargs) -> bytes:
    return mail(sender="Jan de Vries <jan@example.org>", text=text, **kwargs)


def test_the_same_mail_forwarded_twice_joins_the_first_complaint():
    first = import_message(_mail_of("De vuilnisbak is drie weken niet geleegd en niemand belt terug."))
    again = import_message(_mail_of("De vuilnisbak is drie weken  niet geleegd, en niemand belt terug!"))
    assert first.outcome == MessageOutcome.NEW_COMPLAINT
    assert again.outcome == MessageOutcome.ADDED
    assert again.complaint == first.complaint
    assert Complaint.objects.count() == 1
    assert first.complaint.events.filter(summary__contains="nogmaals ingediend").count() == 1


def test_an_api_retry_without_idempotency_key_answers_with_the_first_complaint():
    user = factories.coordinator(username="koppeling", is_service_account=True)
    ApiClient.objects.create(
        name="Koppeling", user=user, scopes=[Scope.INTAKE], token_hash=hash_token("k" * 32)
    )
    client = Client(headers={"Authorization": f"Bearer {'k' * 32}"})
    body = {
        "last_name": "Jansen",
        "email": "petra@example.org",
        "description": "Drie keer beloofd teruggebeld.",
    }
    first = client.post("/api/v1/complaints/", body, content_type="application/json")
    again = client.post("/api/v1/complaints/", body, content_type="application/json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["reference"] == again.json()["reference"]
    assert Complaint.objects.count() == 1


def test_outside_the_window_the_same_text_is_a_new_complaint():
    municipality = Municipality.load()
    municipality.resubmission_window_hours = 2
    municipality.save()
    first = import_message(_mail_of("Nooit teruggebeld over mijn parkeervergunning.", message_id="<a@x>"))
    Complaint.objects.filter(pk=first.complaint.pk).update(
        received_at=first.complaint.received_at - dt.timedelta(hours=3)
    )
    again = import_message(_mail_of("Nooit teruggebeld over mijn parkeervergunning.", message_id="<b@x>"))
    assert again.outcome == MessageOutcome.NEW_COMPLAINT
    assert Complaint.objects.count() == 2


def test_a_near_duplicate_from_another_channel_is_pointed_out_never_merged(client):
    by_mail = import_message(
        mail(
            sender="Fatima Boukhari <fatima@example.nl>",
            text="Ik werd aan de balie onvriendelijk weggestuurd.",
        )
    ).complaint
    client.post(
        reverse("intake:form"),
        valid_form_data(description="Ik werd aan de balie onvriendelijk en zonder uitleg weggestuurd."),
    )
    web = Complaint.objects.exclude(pk=by_mail.pk).get()
    assert web.possible_duplicate_of == by_mail
    # Nothing of the other complaint on the timeline: not everyone who reads it may see the other one.
    timeline_text = " ".join(event.summary + event.details for event in web.events.all())
    assert by_mail.reference not in timeline_text and "dubbel" not in timeline_text


# --- the acknowledgment is the register hook's --------------------------------------------------


@pytest.mark.parametrize(
    ("channel", "acknowledged"),
    [
        (Channel.EMAIL, True),
        (Channel.LETTER, True),
        (Channel.WEB, True),
        (Channel.PHONE, False),
        (Channel.DESK, False),
    ],
)
def test_the_register_hook_acknowledges_written_complaints_only(channel, acknowledged):
    person = Complainant(last_name="Boukhari", email="fatima@example.nl")
    complaint = take_in(
        NewComplaint(channel=channel, description="Weggestuurd.", complainant=person)
    ).complaint
    kinds = list(complaint.letters.values_list("kind", flat=True))
    assert kinds == ([LetterKind.ACKNOWLEDGMENT] if acknowledged else [])


# --- one way in, one timeline writer: enforced on the source --------------------------------------

# A template preview renders an example complaint inside a transaction it always rolls back; the
# status link compares against an unsaved stand-in (never stored) to take constant time.
ALLOWED_COMPLAINT_MAKERS = {
    "cases/registration.py",
    "correspondence/letter_templates.py",
    "intake/status_link.py",
    "cases/status_link.py",
}


def _sources():
    for path in sorted(GEHOORD.rglob("*.py")):
        relative = path.relative_to(GEHOORD).as_posix()
        if "/tests/" in relative or "/migrations/" in relative or "/testing/" in relative:
            continue
        yield relative, ast.parse(path.read_text(), filename=relative)


def _makes(tree: ast.AST, model: str) -> bool:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        if isinstance(function, ast.Name) and function.id == model:
            return True
        if (
            isinstance(function, ast.Attribute)
            and function.attr in {"create", "bulk_create", "get_or_create", "update_or_create"}
            and isinstance(function.value, ast.Attribute)
            and function.value.attr == "objects"
            and isinstance(function.value.value, ast.Name)
            and function.value.value.id == model
        ):
            return True
    return False


def test_nothing_but_the_registration_behind_the_pipeline_makes_a_complaint():
    makers = {path for path, tree in _sources() if _makes(tree, "Complaint")}
    assert "cases/registration.py" in makers
    assert makers <= ALLOWED_COMPLAINT_MAKERS


def test_only_the_pipeline_calls_the_registration():
    callers = set()
    for path, tree in _sources():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module
                in {
                    "gehoord.cases",
                    "gehoord.cases.registration",
                }
                and (
                    node.module == "gehoord.cases.registration"
                    or any(a.name == "registration" for a in node.names)
                )
            ):
                callers.add(path)
    assert callers == {"intake/pipeline.py"}


def test_nothing_but_the_timeline_writer_makes_a_timeline_entry():
    makers = {path for path, tree in _sources() if _makes(tree, "ComplaintEvent")}
    assert makers == {"cases/timeline.py"}


def test_the_file_links_a_possible_duplicate_only_for_those_who_may_see_it(client):
    from gehoord.accounts.testing import login_staff

    person = {"last_name": "Boukhari", "email": "fatima@example.nl"}
    first = take_in(
        NewComplaint(
            channel=Channel.EMAIL,
            description="Aan de balie weggestuurd zonder uitleg.",
            complainant=Complainant(**person),
        )
    ).complaint
    second = take_in(
        NewComplaint(
            channel=Channel.PHONE,
            description="Aan de balie zonder uitleg weggestuurd.",
            complainant=Complainant(**person),
        )
    ).complaint
    assert second.possible_duplicate_of == first

    coordinator = factories.coordinator(username="coord")
    login_staff(client, coordinator)
    page = client.get(reverse("cases:detail", args=[second.reference])).content.decode()
    assert "Mogelijk dubbel" in page and first.reference in page

    # A handler of the second who may not see the first is not shown its reference.
    handler = factories.handler(username="hanna")
    from gehoord.cases import lifecycle

    lifecycle.perform(second, "start_triage", actor=coordinator)
    lifecycle.assign_handler(second, handler, actor=coordinator)
    client.logout()
    login_staff(client, handler)
    page = client.get(reverse("cases:detail", args=[second.reference])).content.decode()
    assert first.reference not in page and "Mogelijk dubbel" not in page
    assert "mogelijk dubbel" not in client.get(reverse("cases:list")).content.decode()
    client.logout()
    login_staff(client, coordinator)
    assert "mogelijk dubbel" in client.get(reverse("cases:list")).content.decode()


def test_staff_registering_a_phone_complaint_twice_gets_the_first_one():
    from gehoord.intake.registration import register_staff_complaint
    from gehoord.intake.staff_views import _success_message
    from gehoord.intake.tests.test_registration import form_data

    def register(username: str):
        form = StaffRegistrationForm(data=form_data(channel="phone", description="Weggestuurd aan de balie."))
        assert form.is_valid(), form.errors
        return register_staff_complaint(
            data=form.cleaned_data, files=[], actor=factories.coordinator(username=username)
        )

    first = register("eerste")
    again = register("tweede")

    assert again == first and again.resubmitted
    assert Complaint.objects.count() == 1
    assert first.reference in _success_message(again, visible=True)
    # Awb 9:7: not named to an employee who may not see it.
    assert first.reference not in _success_message(again, visible=False)


def test_the_same_text_by_another_channel_is_a_possible_duplicate_not_a_resubmission(client):
    client.post(
        reverse("intake:form"), valid_form_data(description="Werd aan de balie weggestuurd zonder uitleg.")
    )
    web = Complaint.objects.get()
    person = Complainant(last_name="Boukhari", email="fatima@example.nl")
    by_letter = take_in(
        NewComplaint(
            channel=Channel.LETTER,
            description="Werd aan de balie weggestuurd zonder uitleg.",
            complainant=person,
        )
    )
    # A written complaint of its own, with its own acknowledgment (Awb 9:6), pointed out as a possible duplicate.
    assert by_letter.created and by_letter.complaint.possible_duplicate_of == web
    assert by_letter.complaint.letters.filter(kind=LetterKind.ACKNOWLEDGMENT).exists()


def test_a_withdrawn_complaint_sent_again_is_a_new_complaint():
    from gehoord.cases import lifecycle

    person = {"last_name": "Boukhari", "email": "fatima@example.nl"}
    first = take_in(
        NewComplaint(channel=Channel.WEB, description="Weggestuurd.", complainant=Complainant(**person))
    )
    lifecycle.perform(first.complaint, "withdraw", actor=None, reason="Toch niet.")
    again = take_in(
        NewComplaint(channel=Channel.WEB, description="Weggestuurd.", complainant=Complainant(**person))
    )
    assert again.created and again.complaint != first.complaint


def test_a_stranger_sending_the_same_complaint_is_not_shown_its_status_link(client):
    """Same name, e-mail and text from another browser: the reference, never the status link."""
    from gehoord.cases.status_link import status_path

    client.post(
        reverse("intake:form"), valid_form_data(description="Mijn container is drie weken niet geleegd.")
    )
    complaint = Complaint.objects.get()
    stranger = Client()
    stranger.post(
        reverse("intake:form"), valid_form_data(description="Mijn container is drie weken niet geleegd.")
    )
    page = stranger.get(reverse("intake:received")).content.decode()

    assert Complaint.objects.count() == 1
    assert complaint.reference in page
    assert status_path(complaint) not in page
    # The browser that sent it first sees the link again.
    client.post(
        reverse("intake:form"), valid_form_data(description="Mijn container is drie weken niet geleegd.")
    )
    assert status_path(complaint) in client.get(reverse("intake:received")).content.decode()


def test_an_api_retry_matches_only_what_the_same_client_sent():
    body = {
        "last_name": "Jansen",
        "email": "petra@example.org",
        "description": "Drie keer beloofd teruggebeld.",
    }
    answers = []
    for name in ("eerste", "tweede"):
        user = factories.coordinator(username=f"koppeling-{name}", is_service_account=True)
        token = name * 8
        ApiClient.objects.create(name=name, user=user, scopes=[Scope.INTAKE], token_hash=hash_token(token))
        client = Client(headers={"Authorization": f"Bearer {token}"})
        answers.append(client.post("/api/v1/complaints/", body, content_type="application/json"))
    assert [answer.status_code for answer in answers] == [201, 201]
    assert Complaint.objects.count() == 2


def _corrupt_docx() -> bytes:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>" * 50)
        archive.writestr("word/document.xml", "<w:document/>" * 500)
    content = bytearray(buffer.getvalue())
    start = content.index(b"word/document.xml") + len("word/document.xml")
    content[start + 10 : start + 40] = b"\xff" * 30  # corrupt the compressed data, keep the zip's directory
    return bytes(content)


def test_a_corrupt_office_file_is_refused_not_a_server_error(client):
    upload = SimpleUploadedFile("brief.docx", _corrupt_docx())
    response = client.post(reverse("intake:form"), {**valid_form_data(), "attachments": [upload]})
    assert response.status_code == 400
    assert not Complaint.objects.exists()
