"""The default survey: how the complainant experienced the process and the contact (editable by the admin)."""

from django.db import migrations

DEFAULT_QUESTIONS = [
    # text, kind, topic, required, help text, options
    ("Hoe tevreden bent u over de manier waarop uw klacht is behandeld?", "scale", "process", True, "", ""),
    ("Hoe snel nam een medewerker persoonlijk contact met u op?", "scale", "contact", True, "", ""),
    ("Hoe tevreden bent u over het contact met de medewerker?", "scale", "contact", True, "", ""),
    ("Voelde u zich gehoord?", "yes_no", "contact", True, "", ""),
    ("Was het duidelijk wat er met uw klacht zou gebeuren?", "yes_no", "process", False, "", ""),
    (
        "Hoe vond u de duur van de afhandeling?",
        "choice",
        "process",
        False,
        "",
        "Te lang\nPrecies goed\nSneller dan verwacht",
    ),
    (
        "Wat kunnen wij beter doen?",
        "open",
        "other",
        False,
        "Schrijf geen namen of andere persoonlijke gegevens op.",
        "",
    ),
]


def add_default_questions(apps, schema_editor) -> None:
    Question = apps.get_model("surveys", "Question")
    if Question.objects.exists():
        return
    Question.objects.bulk_create(
        Question(text=text, kind=kind, topic=topic, required=required, help_text=help_text, choices=options, position=n)
        for n, (text, kind, topic, required, help_text, options) in enumerate(DEFAULT_QUESTIONS, start=1)
    )


class Migration(migrations.Migration):
    dependencies = [("surveys", "0001_initial")]

    operations = [migrations.RunPython(add_default_questions, migrations.RunPython.noop)]
