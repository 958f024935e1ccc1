"""Improvement measures: who may record and move them, forward only, the register, the reminders."""

import datetime as dt

import pytest
from django.core import mail as outbox
from django.urls import reverse
from django.utils import timezone

from gehoord.accounts.roles import Role
from gehoord.accounts.testing import login_staff
from gehoord.cases.constants import EventKind, Status
from gehoord.cases.tests import factories
from gehoord.cases.tests.test_lifecycle import bring_to
from gehoord.core.errors import GuardFailed, PermissionDenied
from gehoord.learning import measures
from gehoord.learning.models import ImprovementMeasure, MeasureStatus
from gehoord.monitor.digest import send_digests

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def department():
    head = factories.UserFactory(
        roles=[Role.DEPARTMENT_HEAD], first_name="Anouk", email="anouk@gemeente.example"
    )
    return factories.DepartmentFactory(name="Burgerzaken", code="bz", head=head)


@pytest.fixture
def owner(department):
    return factories.UserFactory(
        first_name="Mark", last_name="de Wit", department=department, email="mark@gemeente.example"
    )


def new_measure(actor, department, owner, **kwargs) -> ImprovementMeasure:
    return measures.propose(
        description=kwargs.pop("description", "Terugbelafspraken in het klantvolgsysteem bewaken."),
        department=department,
        responsible=owner,
        due_date=kwargs.pop("due_date", TODAY + dt.timedelta(days=30)),
        actor=actor,
        **kwargs,
    )


def test_a_measure_for_a_complaint_is_on_its_timeline(coordinator, department, owner):
    complaint = factories.make_complaint()

    measure = new_measure(coordinator, department, owner, complaints=[complaint])

    assert list(measure.complaints.all()) == [complaint]
    event = complaint.events.get(kind=EventKind.LEARNING)
    assert event.summary.startswith("Verbetermaatregel gekoppeld: Terugbelafspraken")
    assert measure.events.get().summary == "Maatregel vastgelegd (Voorgesteld)"


def test_a_handler_proposes_only_for_a_complaint_they_handle(handler, department, owner):
    from gehoord.cases import lifecycle

    theirs = lifecycle.assign_handler(factories.make_complaint(), handler, actor=factories.coordinator())

    assert new_measure(handler, department, owner, complaints=[theirs]).pk
    with pytest.raises(PermissionDenied):
        new_measure(handler, department, owner)  # not tied to a complaint
    with pytest.raises(PermissionDenied):
        new_measure(handler, department, owner, complaints=[factories.make_complaint()])  # not theirs


def test_a_measure_moves_forward_only_and_evaluation_needs_words(coordinator, department, owner):
    measure = new_measure(coordinator, department, owner)

    measure = measures.advance(measure, to=MeasureStatus.IMPLEMENTED, actor=owner)
    assert (measure.status, measure.implemented_on) == (MeasureStatus.IMPLEMENTED, TODAY)
    with pytest.raises(GuardFailed, match="vooruit"):
        measures.advance(measure, to=MeasureStatus.AGREED, actor=coordinator)
    with pytest.raises(GuardFailed, match="evaluatie"):
        measures.advance(measure, to=MeasureStatus.EVALUATED, actor=coordinator, note=" ")

    measure = measures.advance(
        measure, to=MeasureStatus.EVALUATED, actor=coordinator, note="Geen klachten meer."
    )
    assert (measure.evaluation, measure.evaluated_on) == ("Geen klachten meer.", TODAY)
    assert [event.summary for event in measure.events.all()][-2:] == [
        "Status: Uitgevoerd",
        "Status: Geëvalueerd",
    ]


def test_who_may_change_a_measure(coordinator, department, owner):
    measure = new_measure(coordinator, department, owner)
    other_head = factories.UserFactory(roles=[Role.DEPARTMENT_HEAD])
    factories.DepartmentFactory(name="Belastingen", code="bel", head=other_head)

    assert measures.may_manage(department.head, measure)
    assert not measures.may_manage(other_head, measure)
    assert not measures.may_manage(owner, measure) and measures.may_advance(owner, measure)
    with pytest.raises(PermissionDenied):
        measures.advance(measure, to=MeasureStatus.AGREED, actor=other_head)


def test_overdue_is_unfinished_past_the_due_date(coordinator, department, owner):
    late = new_measure(coordinator, department, owner)
    ImprovementMeasure.objects.filter(pk=late.pk).update(due_date=TODAY - dt.timedelta(days=1))
    done = new_measure(coordinator, department, owner)
    ImprovementMeasure.objects.filter(pk=done.pk).update(
        due_date=TODAY - dt.timedelta(days=1), status=MeasureStatus.IMPLEMENTED
    )
    new_measure(coordinator, department, owner)  # not due yet

    assert list(measures.overdue(TODAY)) == [late]


def test_overdue_measures_are_in_the_digest_of_the_coordinator_and_the_responsible(
    coordinator, department, owner
):
    coordinator.email = "carla@gemeente.example"
    coordinator.save()
    late = new_measure(coordinator, department, owner)
    ImprovementMeasure.objects.filter(pk=late.pk).update(due_date=TODAY - dt.timedelta(days=3))

    assert send_digests(TODAY) == 2

    bodies = {message.to[0]: message.body for message in outbox.outbox}
    for address in ("carla@gemeente.example", "mark@gemeente.example"):
        assert "Verbetermaatregelen over de datum" in bodies[address]
        assert reverse("learning:detail", args=[late.pk]) in bodies[address]


# -- the screens --------------------------------------------------------------------------


def test_the_register_filters_and_marks_late_measures(client, coordinator, department, owner):
    late = new_measure(coordinator, department, owner, description="Te late maatregel")
    ImprovementMeasure.objects.filter(pk=late.pk).update(due_date=TODAY - dt.timedelta(days=1))
    new_measure(coordinator, department, owner, description="Op tijd")
    login_staff(client, coordinator)

    page = client.get(reverse("learning:list")).content.decode()
    assert "Te late maatregel" in page and "te laat" in page and "Op tijd" in page

    page = client.get(reverse("learning:list"), {"overdue": "on"}).content.decode()
    assert "Te late maatregel" in page and "Op tijd" not in page


def test_a_new_measure_through_the_screen_with_clear_errors(client, department, owner):
    login_staff(client, department.head)

    response = client.post(
        reverse("learning:new"), {"description": "", "due_date": "gisteren", "status": "proposed"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Beschrijf de maatregel" in page and "Schrijf de datum als dag-maand-jaar" in page

    response = client.post(
        reverse("learning:new"),
        {
            "description": "Wachtrij aan de balie zichtbaar maken",
            "department": department.pk,
            "responsible": owner.pk,
            "due_date": (TODAY + dt.timedelta(days=10)).strftime("%d-%m-%Y"),
            "status": "agreed",
        },
    )
    measure = ImprovementMeasure.objects.get()
    assert response.status_code == 302 and measure.status == MeasureStatus.AGREED


def test_the_responsible_person_moves_their_measure_on_the_screen(client, coordinator, department, owner):
    measure = new_measure(coordinator, department, owner)
    login_staff(client, owner)

    client.post(
        reverse("learning:action", args=[measure.pk, "advance"]), {"to": "implemented", "note": "Gedaan"}
    )

    measure.refresh_from_db()
    assert measure.status == MeasureStatus.IMPLEMENTED
    response = client.post(reverse("learning:action", args=[measure.pk, "edit"]), {"description": "Anders"})
    assert response.status_code in (400, 409)  # not theirs to edit


def test_linking_a_complaint_by_reference(client, coordinator, department, owner):
    measure = new_measure(coordinator, department, owner)
    complaint = factories.make_complaint()
    login_staff(client, coordinator)

    response = client.post(
        reverse("learning:action", args=[measure.pk, "link"]), {"reference": "K-1999-00001"}
    )
    assert "Er is geen klacht met dit kenmerk die u mag zien." in response.content.decode()

    client.post(
        reverse("learning:action", args=[measure.pk, "link"]), {"reference": complaint.reference.lower()}
    )
    assert list(measure.complaints.all()) == [complaint]


def test_the_learning_review_on_the_file_proposes_a_measure(client, coordinator, department, owner):
    complaint = bring_to(Status.LEARNING_REVIEW, actor=coordinator)
    login_staff(client, coordinator)

    response = client.post(
        reverse("cases:action", args=[complaint.reference, "propose_measure"]),
        {
            "prefix": "propose_measure",
            "propose_measure-description": "Brieven binnen een week beantwoorden",
            "propose_measure-department": department.pk,
            "propose_measure-responsible": owner.pk,
            "propose_measure-due_date": (TODAY + dt.timedelta(days=20)).strftime("%d-%m-%Y"),
        },
    )

    assert response.status_code == 302
    measure = ImprovementMeasure.objects.get()
    assert list(measure.complaints.all()) == [complaint]
    assert "Brieven binnen een week beantwoorden" in client.get(response.url).content.decode()


def test_an_employee_outside_the_department_does_not_see_the_measure(client, coordinator, department, owner):
    measure = new_measure(coordinator, department, owner)
    outsider = factories.UserFactory()
    login_staff(client, outsider)

    assert client.get(reverse("learning:detail", args=[measure.pk])).status_code == 404
    assert "Terugbelafspraken" not in client.get(reverse("learning:list")).content.decode()
