"""Privacy as a registry: every app with a complainant's personal data registers its exporter and eraser.

A *personal-data field* is one whose name is in
``core.personal_data.PERSONAL_DATA_FIELD_NAMES`` or ends with one of
``PERSONAL_DATA_FIELD_SUFFIXES`` (names, contact details, addresses, free
text). Every such field of every model of Gehoord's apps must be erased by a
registered holder, or its model declared as holding no complainant's data.
"""

import pytest
from django.db import models
from django.test.utils import isolate_apps

from gehoord.core import personal_data
from gehoord.core.personal_data import PersonalDataHolder


def test_every_personal_data_field_has_a_registered_eraser():
    assert personal_data.unerased_fields() == []


def test_every_holder_and_declaration_names_real_models_and_fields():
    assert personal_data.declaration_errors() == []


@isolate_apps("gehoord.privacy")
def test_a_model_with_personal_data_fields_and_no_eraser_is_found():
    class Witness(models.Model):
        witness_name = models.CharField(max_length=100)
        email = models.EmailField()
        statement = models.TextField()  # not a personal-data name: the walk does not guess
        seen_on = models.DateField()

        class Meta:
            app_label = "privacy"

        def __str__(self) -> str:
            return self.witness_name

    assert personal_data.unerased_fields([Witness]) == [
        "privacy.Witness.email",
        "privacy.Witness.witness_name",
    ]


@isolate_apps("gehoord.privacy")
def test_a_registered_eraser_or_a_declaration_covers_it(monkeypatch):
    class Witness(models.Model):
        witness_name = models.CharField(max_length=100)
        email = models.EmailField()

        class Meta:
            app_label = "privacy"

        def __str__(self) -> str:
            return self.witness_name

    monkeypatch.setattr(personal_data, "HOLDERS", dict(personal_data.HOLDERS))
    monkeypatch.setattr(personal_data, "NO_COMPLAINANT_DATA", dict(personal_data.NO_COMPLAINANT_DATA))
    personal_data.register_personal_data(
        PersonalDataHolder(name="witnesses", blanks={"privacy.Witness": ("witness_name",)})
    )
    assert personal_data.unerased_fields([Witness]) == ["privacy.Witness.email"]

    personal_data.register_personal_data(PersonalDataHolder(name="witnesses", removes=("privacy.Witness",)))
    assert personal_data.unerased_fields([Witness]) == []

    personal_data.register_personal_data(PersonalDataHolder(name="witnesses"))
    personal_data.declare_no_complainant_data("privacy.Witness", "a test")
    assert personal_data.unerased_fields([Witness]) == []


def test_a_declaration_with_a_typo_is_found(monkeypatch):
    monkeypatch.setattr(personal_data, "HOLDERS", dict(personal_data.HOLDERS))
    personal_data.register_personal_data(
        PersonalDataHolder(name="typo", blanks={"cases.Complainant": ("emial",)}, removes=("cases.Nothing",))
    )
    assert personal_data.declaration_errors() == ["cases.Nothing", "cases.Complainant.emial"]


def test_every_app_with_a_complainants_data_registered_from_its_ready():
    names = {holder.name for holder in personal_data.holders()}
    assert names >= {
        "cases", "correspondence", "mailbox", "social", "vouchers", "surveys", "learning", "intake", "api",
    }  # fmt: skip


@pytest.mark.parametrize(
    "name, personal",
    [
        ("email", True),
        ("recipient_email", True),
        ("author_handle", True),
        ("consent_how", True),
        ("description", True),
        ("status", False),
        ("received_at", False),
        ("reference", False),
    ],
)
def test_what_a_personal_data_field_is(name, personal):
    assert personal_data.is_personal_data_field(name) is personal
