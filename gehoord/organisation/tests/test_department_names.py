"""A department's name in the page's language, and marked Dutch where it has no English name."""

import pytest
from django.urls import reverse
from django.utils import translation

from gehoord.accounts.roles import Role
from gehoord.accounts.testing import login_staff
from gehoord.cases.tests import factories
from gehoord.organisation.forms import DepartmentChoiceField
from gehoord.organisation.models import Department

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "name_en", "shown", "lang_attribute"),
    [
        ("nl", "Civil Affairs", "Burgerzaken", False),
        ("nl", "", "Burgerzaken", False),
        ("en", "Civil Affairs", "Civil Affairs", False),
        ("en", "", "Burgerzaken", True),  # no English name: the Dutch one, with lang="nl"
    ],
)
def test_the_display_name_and_the_option_follow_the_page_language(language, name_en, shown, lang_attribute):
    department = Department.objects.create(name="Burgerzaken", name_en=name_en, code="burgerzaken")
    field = DepartmentChoiceField(queryset=Department.objects.all(), required=False)

    with translation.override(language):
        assert department.display_name == shown
        html = field.widget.render("department", None)

    assert f">{shown}</option>" in html
    assert ('lang="nl"' in html) is lang_attribute


def test_the_english_name_is_editable_in_the_admin(client):
    department = Department.objects.create(name="Griffie", code="griffie")
    login_staff(client, factories.UserFactory(roles=[Role.ADMIN], is_staff=True))

    page = client.get(reverse("admin:organisation_department_change", args=[department.pk]))

    assert page.status_code == 200
    assert 'name="name_en"' in page.content.decode()
