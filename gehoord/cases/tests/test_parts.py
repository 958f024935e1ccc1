"""Complaint parts before the decision (gehoord.cases.parts) and the file's subject line (subject)."""

from __future__ import annotations

import pytest

from gehoord.cases import lifecycle, parts, subject
from gehoord.cases.constants import EventKind, Status
from gehoord.cases.models import ComplaintEvent, ComplaintPart, PartRevision
from gehoord.cases.tests import factories
from gehoord.cases.tests.test_views import bring_to, ready_to_decide
from gehoord.core.errors import PermissionDenied, TransitionNotAllowed
from gehoord.correspondence import letters
from gehoord.correspondence.constants import LetterKind
from gehoord.correspondence.models import Letter

pytestmark = pytest.mark.django_db

PHONE_NOTE = "Mevrouw belt boos: die ambtenaar van de balie is een hork en moet ontslagen worden!!"
NEUTRAL = "De medewerker aan de balie was onvriendelijk tegen mevrouw toen zij haar paspoort ophaalde."


def changes(complaint) -> list[str]:
    return list(
        ComplaintEvent.objects.filter(complaint_id=complaint.pk, kind=EventKind.CHANGE)
        .order_by("at", "pk")
        .values_list("summary", flat=True)
    )


def test_adding_a_part_records_its_revision_and_a_timeline_entry(coordinator):
    complaint = bring_to(Status.FORMAL, actor=coordinator)

    part = parts.add_part(complaint, description="  Hij belde niet terug. ", actor=coordinator)

    assert (part.position, part.description) == (2, "Hij belde niet terug.")
    [revision] = part.revisions.all()
    assert (revision.kind, revision.previous_description, revision.actor) == ("added", "", coordinator)
    assert changes(complaint)[-1] == "Klachtonderdeel 2 toegevoegd"


def test_rewording_keeps_the_previous_text_in_the_history(coordinator):
    complaint = bring_to(Status.TRIAGE, actor=coordinator, description=PHONE_NOTE)
    part = complaint.parts.get()

    parts.reword_part(part, description=NEUTRAL, actor=coordinator)

    part.refresh_from_db()
    assert part.description == NEUTRAL
    [revision] = part.revisions.all()
    assert (revision.kind, revision.previous_description) == (PartRevision.Kind.REWORDED, PHONE_NOTE)
    assert changes(complaint)[-1] == "Klachtonderdeel 1 anders verwoord"
    # What the complainant submitted stays as it was.
    complaint.refresh_from_db()
    assert complaint.description == PHONE_NOTE


def test_splitting_puts_the_second_text_right_after_and_moves_the_rest(coordinator):
    complaint = bring_to(Status.FORMAL, actor=coordinator, parts=("Onbeleefd en te laat.", "Geen excuses."))
    first, last = complaint.parts.all()

    kept, new = parts.split_part(first, "Onbeleefd.", "Te laat.", actor=coordinator)

    assert [(p.position, p.description) for p in complaint.parts.order_by("position")] == [
        (1, "Onbeleefd."),
        (2, "Te laat."),
        (3, "Geen excuses."),
    ]
    assert kept.pk == first.pk and new.position == 2
    for row in (kept, new):
        [revision] = row.revisions.all()
        assert (revision.kind, revision.previous_description) == ("split", "Onbeleefd en te laat.")
    assert last.revisions.count() == 0
    assert changes(complaint)[-1] == "Klachtonderdeel 1 gesplitst in onderdeel 1 en 2"


CHANGES = {
    "add_part": lambda c, a: parts.add_part(c, description="Nog iets.", actor=a),
    "reword_part": lambda c, a: parts.reword_part(c.parts.first(), description="Anders.", actor=a),
    "split_part": lambda c, a: parts.split_part(c.parts.first(), "Een.", "Twee.", actor=a),
}


@pytest.mark.parametrize("name", list(CHANGES))
def test_parts_are_fixed_once_decided(name, coordinator):
    complaint = bring_to(Status.DECIDED, actor=coordinator)
    before = list(complaint.parts.values_list("position", "description"))
    events = ComplaintEvent.objects.filter(complaint_id=complaint.pk).count()

    with pytest.raises(TransitionNotAllowed) as error:
        CHANGES[name](complaint, coordinator)

    assert "vóór de beslissing" in error.value.message
    assert list(complaint.parts.values_list("position", "description")) == before
    assert ComplaintEvent.objects.filter(complaint_id=complaint.pk).count() == events
    assert not PartRevision.objects.filter(part__complaint=complaint).exists()
    assert name not in lifecycle.allowed_actions(complaint, coordinator)


@pytest.mark.parametrize("name", list(CHANGES))
def test_only_who_handles_the_file_changes_its_parts(name, coordinator, handler):
    complaint = bring_to(Status.FORMAL, actor=coordinator)
    with pytest.raises(PermissionDenied):
        CHANGES[name](complaint, handler)  # not the assigned handler


def test_the_phone_note_is_reworded_and_the_letter_quotes_the_new_text(coordinator):
    # A phone note becomes the complaint's text; the handler words the part neutrally before deciding.
    complaint = bring_to(Status.FORMAL, actor=coordinator, channel="phone", description=PHONE_NOTE)
    parts.reword_part(complaint.parts.get(), description=NEUTRAL, actor=coordinator)
    ready_to_decide(complaint, coordinator)

    complaint = lifecycle.perform(complaint, "decide", actor=coordinator)

    letter = Letter.objects.filter(complaint=complaint, kind=LetterKind.DECISION).first()
    assert letter is not None
    html = letters.render_html(letter)
    assert NEUTRAL in html
    assert "hork" not in html and "belt boos" not in html


def test_a_reworded_part_is_what_the_decision_block_holds(coordinator):
    from gehoord.correspondence.letters import _values

    complaint = bring_to(Status.FORMAL, actor=coordinator, parts=("Oude tekst.",))
    parts.reword_part(complaint.parts.get(), description="Nieuwe tekst.", actor=coordinator)

    block = str(_values(LetterKind.DECISION, complaint, {})["oordeel_per_onderdeel"])

    assert "Nieuwe tekst." in block and "Oude tekst." not in block


def test_the_subject_line_is_changed_and_recorded(coordinator):
    complaint = bring_to(Status.TRIAGE, actor=coordinator, description=PHONE_NOTE)

    subject.set_title(complaint, title="Onvriendelijk aan de balie", actor=coordinator)

    complaint.refresh_from_db()
    assert complaint.title == "Onvriendelijk aan de balie"
    assert changes(complaint)[-1] == "Onderwerp gewijzigd: Onvriendelijk aan de balie"


def test_the_subject_line_of_a_closed_file_stays(coordinator):
    complaint = bring_to(Status.WITHDRAWN, actor=coordinator)
    with pytest.raises(TransitionNotAllowed):
        subject.set_title(complaint, title="Iets anders", actor=coordinator)


def test_the_parts_forms_on_the_file_page(client, coordinator):
    from gehoord.accounts.testing import login_staff
    from gehoord.cases.tests.test_views import action_url, detail_url, post_action, text

    complaint = bring_to(Status.FORMAL, actor=coordinator, description=PHONE_NOTE)
    part = complaint.parts.get()
    login_staff(client, coordinator)

    response = post_action(
        client,
        complaint,
        "reword_part",
        {"part": part.pk, "description": NEUTRAL},
        prefix=f"reword_part-{part.pk}",
    )
    assert response.status_code == 302
    response = post_action(
        client,
        complaint,
        "split_part",
        {"part": part.pk, "first_text": "Eén.", "second_text": "Twee."},
        prefix=f"split_part-{part.pk}",
    )
    assert response.status_code == 302
    assert post_action(client, complaint, "add_part", {"description": "Drie."}).status_code == 302
    assert post_action(client, complaint, "edit_title", {"title": "Balie"}).status_code == 302

    assert list(complaint.parts.values_list("description", flat=True)) == ["Eén.", "Twee.", "Drie."]
    page = text(client.get(detail_url(complaint)))
    assert "Geschiedenis van onderdeel 1 (2 wijzigingen)" in page
    assert NEUTRAL in page and PHONE_NOTE in page  # the history, and the complaint as submitted
    assert "Balie" in page
    # A part of another complaint is refused with a message.
    other = factories.make_complaint()
    response = post_action(
        client,
        complaint,
        "reword_part",
        {"part": other.parts.get().pk, "description": "X."},
        prefix=f"reword_part-{other.parts.get().pk}",
    )
    assert response.status_code == 409
    assert action_url(complaint, "reword_part") in text(response)
    assert ComplaintPart.objects.get(pk=other.parts.get().pk).description != "X."
