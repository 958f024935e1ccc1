from django.db import migrations

# Where people with something other than a complaint are sent. An admin edits
# these (texts and links) under "Verwijzingen in de triage".
DESTINATIONS = [
    (
        "melding-openbare-ruimte",
        "Iets is kapot, vies of gevaarlijk op straat of in het groen",
        "Melding openbare ruimte",
        "Een losse stoeptegel, een kapotte lantaarnpaal of zwerfafval is geen klacht maar een melding. "
        "Die kunt u het snelst doen met het meldformulier; dan wordt het probleem direct opgepakt.",
        "https://www.gemeente.example/melding",
        "Doe een melding",
    ),
    (
        "bezwaar",
        "Ik ben het niet eens met een besluit van de gemeente",
        "Bezwaar maken",
        "Bent u het niet eens met een besluit, zoals een vergunning, een uitkering of een belastingaanslag? "
        "Dan maakt u bezwaar. Dat moet binnen zes weken na de datum van het besluit.",
        "https://www.gemeente.example/bezwaar",
        "Bezwaar maken",
    ),
    (
        "schadeclaim",
        "Ik heb schade en wil dat de gemeente die vergoedt",
        "Schade melden",
        "Heeft u schade door toedoen van de gemeente, bijvoorbeeld door een gat in de weg? "
        "Dan dient u een schadeclaim in, geen klacht.",
        "https://www.gemeente.example/schade",
        "Schade melden",
    ),
    (
        "woo-verzoek",
        "Ik wil documenten of informatie van de gemeente inzien",
        "Woo-verzoek",
        "Wilt u informatie of documenten van de gemeente ontvangen? Dan doet u een verzoek op grond van de "
        "Wet open overheid (Woo).",
        "https://www.gemeente.example/woo",
        "Woo-verzoek indienen",
    ),
]


def add_destinations(apps, schema_editor):
    TriageDestination = apps.get_model("intake", "TriageDestination")
    for position, (slug, option, title, explanation, url, link_text) in enumerate(DESTINATIONS, start=1):
        TriageDestination.objects.get_or_create(
            slug=slug,
            defaults={
                "option_label": option,
                "title": title,
                "explanation": explanation,
                "url": url,
                "link_text": link_text,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("intake", "0001_initial")]
    operations = [migrations.RunPython(add_destinations, migrations.RunPython.noop)]
