"""Every role against every back-office URL: who may see and do what.

Expected outcomes: 200 (page), 302 (done, redirected), "login" (sent to the
login page), 403 (refused), 404 (the file does not exist for this person: an
employee never learns that a complaint about them exists).
"""

import pytest
from django.urls import reverse

from gehoord.accounts.roles import Role
from gehoord.accounts.testing import login_staff
from gehoord.cases import lifecycle
from gehoord.cases.tests import factories
from gehoord.correspondence.constants import LetterKind
from gehoord.correspondence.models import LetterTemplate
from gehoord.correspondence.services import queue_acknowledgment

ROLES = [
    "anonymous",
    "coordinator",
    "assigned_handler",
    "other_handler",
    "department_head",
    "other_department_head",
    "admin",
    "involved_employee",
    "involved_coordinator",
]


@pytest.fixture
def world(db):
    department = factories.DepartmentFactory(name="Burgerzaken", code="bz")
    other_department = factories.DepartmentFactory(name="Belastingen", code="bel")
    people = {
        "coordinator": factories.coordinator(),
        "assigned_handler": factories.handler(),
        "other_handler": factories.handler(),
        "department_head": factories.UserFactory(roles=[Role.DEPARTMENT_HEAD]),
        "other_department_head": factories.UserFactory(roles=[Role.DEPARTMENT_HEAD]),
        "admin": factories.UserFactory(roles=[Role.ADMIN], is_staff=True, is_superuser=True),
        "involved_employee": factories.UserFactory(department=department),
        "involved_coordinator": factories.coordinator(),
    }
    department.head = people["department_head"]
    department.save()
    other_department.head = people["other_department_head"]
    other_department.save()
    complaint = factories.make_complaint(
        channel="letter",
        departments=[department],
        employees_involved=[people["involved_employee"], people["involved_coordinator"]],
    )
    queue_acknowledgment(complaint)
    lifecycle.perform(complaint, "start_triage", actor=people["coordinator"])
    lifecycle.assign_handler(complaint, people["assigned_handler"], actor=people["coordinator"])
    return people, complaint


# The coordinator's own screens (mailbox, signals): no file is shown, so the involved coordinator may look.
COORDINATORS_ONLY = {
    **dict.fromkeys(ROLES, 403),
    "anonymous": "login",
    "coordinator": 200,
    "involved_coordinator": 200,
}
# Figures for management: the coordinator and the department heads.
MANAGEMENT = {**COORDINATORS_ONLY, "department_head": 200, "other_department_head": 200}
# The admin site: everyone else is sent to its login.
ADMIN_ONLY = {**dict.fromkeys(ROLES, "login_admin"), "admin": 200}


def client_for(client, world, role):
    people, _complaint = world
    if role != "anonymous":
        login_staff(client, people[role])
    return client


def outcome(response) -> object:
    if response.status_code == 302 and "/inloggen/" in response.url:
        return "login"
    return response.status_code


# URL name -> (method, args builder, expected per role)
def cases(complaint):
    ref = complaint.reference
    return {
        "inbox": (
            "get",
            reverse("cases:list"),
            {
                "anonymous": "login",
                "coordinator": 200,
                "assigned_handler": 200,
                "other_handler": 200,
                "department_head": 200,
                "other_department_head": 200,
                "admin": 200,
                "involved_employee": 200,
                "involved_coordinator": 200,
            },
        ),
        "file": (
            "get",
            reverse("cases:detail", args=[ref]),
            {
                "anonymous": "login",
                "coordinator": 200,
                "assigned_handler": 200,
                "other_handler": 404,
                "department_head": 200,
                "other_department_head": 404,
                "admin": 404,
                "involved_employee": 404,
                "involved_coordinator": 404,
            },
        ),
        "note": (
            "post",
            reverse("cases:action", args=[ref, "note"]),
            {
                "anonymous": "login",
                "coordinator": 302,
                "assigned_handler": 302,
                "other_handler": 404,
                "department_head": 409,
                "other_department_head": 404,
                "admin": 404,
                "involved_employee": 404,
                "involved_coordinator": 404,
            },
        ),
        "step": (
            "post",
            reverse("cases:step", args=[ref, "start_informal"]),
            {
                "anonymous": "login",
                "coordinator": 302,
                "assigned_handler": 409,
                "other_handler": 404,
                "department_head": 409,
                "other_department_head": 404,
                "admin": 404,
                "involved_employee": 404,
                "involved_coordinator": 404,
            },
        ),
        "letter_pdf": (
            "get",
            reverse("correspondence:pdf", args=[complaint.letters.get().pk]),
            {
                "anonymous": "login",
                "coordinator": 200,
                "assigned_handler": 200,
                "other_handler": 404,
                "department_head": 200,
                "other_department_head": 404,
                "admin": 404,
                "involved_employee": 404,
                "involved_coordinator": 404,
            },
        ),
        "register": (
            "get",
            reverse("registration:register"),
            {
                "anonymous": "login",
                "coordinator": 200,
                "assigned_handler": 200,
                "other_handler": 200,
                "department_head": 403,
                "other_department_head": 403,
                "admin": 403,
                "involved_employee": 403,
                "involved_coordinator": 200,
            },
        ),
        "admin": (
            "get",
            reverse("admin:index"),
            ADMIN_ONLY,
        ),
        "mailbox": (
            "get",
            reverse("mailbox:list"),
            COORDINATORS_ONLY,
        ),
        "signals": (
            "get",
            reverse("social:queue"),
            COORDINATORS_ONLY,
        ),
        "vouchers": ("get", reverse("vouchers:overview"), COORDINATORS_ONLY),
        "survey_results": ("get", reverse("surveys:results"), MANAGEMENT),
        "dashboard": ("get", reverse("dashboard"), MANAGEMENT),
        "annual_reports": ("get", reverse("annual_reports"), MANAGEMENT),
        "measures": ("get", reverse("learning:list"), {**dict.fromkeys(ROLES, 200), "anonymous": "login"}),
        "letter_template": (
            "get",
            reverse(
                "admin:correspondence_lettertemplate_change",
                args=[LetterTemplate.objects.get(kind=LetterKind.DECISION).pk],
            ),
            ADMIN_ONLY,
        ),
    }


URLS = [
    "inbox",
    "file",
    "note",
    "step",
    "letter_pdf",
    "register",
    "mailbox",
    "signals",
    "measures",
    "vouchers",
    "survey_results",
    "dashboard",
    "annual_reports",
    "admin",
    "letter_template",
]
POST_DATA = {"note": {"prefix": "note", "note-text": "Notitie"}, "step": {"start_informal-reason": ""}}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", URLS)
def test_permission_matrix(client, world, role, name):
    _people, complaint = world
    method, url, expected = cases(complaint)[name]
    client = client_for(client, world, role)
    response = client.get(url) if method == "get" else client.post(url, POST_DATA.get(name, {}))
    result = outcome(response)
    if expected[role] == "login_admin":
        assert response.status_code == 302 and "/beheer/login/" in response.url, (name, role, result)
    else:
        assert result == expected[role], (name, role, result)


def test_the_involved_employee_cannot_find_their_case_by_searching(client, world):
    people, complaint = world
    login_staff(client, people["involved_coordinator"])
    response = client.get(reverse("cases:list"), {"q": complaint.reference, "status": "all"})
    assert list(response.context["page"].object_list) == []
    assert f'href="/medewerkers/klachten/{complaint.reference}/"' not in response.content.decode()
