from django.db import migrations

# The 22 norms of the Nationale ombudsman's behoorlijkheidswijzer, in its four clusters.
NORMS = [
    ("open", "transparant", "Transparant"),
    ("open", "goede-informatieverstrekking", "Goede informatieverstrekking"),
    ("open", "luisteren-naar-de-burger", "Luisteren naar de burger"),
    ("open", "goede-motivering", "Goede motivering"),
    ("respectful", "respecteren-van-grondrechten", "Respecteren van grondrechten"),
    ("respectful", "bevorderen-van-actieve-deelname", "Bevorderen van actieve deelname door de burger"),
    ("respectful", "fatsoenlijke-bejegening", "Fatsoenlijke bejegening"),
    ("respectful", "fair-play", "Fair play"),
    ("respectful", "evenredigheid", "Evenredigheid"),
    ("respectful", "bijzondere-zorg", "Bijzondere zorg"),
    ("involved", "maatwerk", "Maatwerk"),
    ("involved", "samenwerking", "Samenwerking"),
    ("involved", "coulante-opstelling", "Coulante opstelling"),
    ("involved", "voortvarendheid", "Voortvarendheid"),
    ("involved", "de-escalatie", "De-escalatie"),
    ("honest", "integriteit", "Integriteit"),
    ("honest", "betrouwbaarheid", "Betrouwbaarheid"),
    ("honest", "onpartijdigheid", "Onpartijdigheid"),
    ("honest", "redelijkheid", "Redelijkheid"),
    ("honest", "goede-voorbereiding", "Goede voorbereiding"),
    ("honest", "goede-organisatie", "Goede organisatie"),
    ("honest", "professionaliteit", "Professionaliteit"),
]


def add_norms(apps, schema_editor):
    ConductNorm = apps.get_model("cases", "ConductNorm")
    for position, (cluster, code, name) in enumerate(NORMS, start=1):
        ConductNorm.objects.update_or_create(
            code=code, defaults={"cluster": cluster, "name": name, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(add_norms, migrations.RunPython.noop)]
