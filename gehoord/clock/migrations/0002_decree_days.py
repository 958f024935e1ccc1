import datetime as dt

from django.db import migrations

# Days equated with Atw holidays by royal decree for 2026-2028 (see DOMAIN.md).
DECREE_DAYS = [
    (dt.date(2026, 1, 2), "Vrijdag na Nieuwjaarsdag (Besluit gelijkgestelde dagen)"),
    (dt.date(2026, 5, 15), "Vrijdag na Hemelvaartsdag (Besluit gelijkgestelde dagen)"),
    (dt.date(2027, 5, 7), "Vrijdag na Hemelvaartsdag (Besluit gelijkgestelde dagen)"),
    (dt.date(2028, 4, 28), "Vrijdag na Koningsdag (Besluit gelijkgestelde dagen)"),
    (dt.date(2028, 5, 26), "Vrijdag na Hemelvaartsdag (Besluit gelijkgestelde dagen)"),
]


def add_decree_days(apps, schema_editor):
    EquatedDay = apps.get_model("clock", "EquatedDay")
    for date, description in DECREE_DAYS:
        EquatedDay.objects.get_or_create(date=date, defaults={"description": description})


class Migration(migrations.Migration):
    dependencies = [("clock", "0001_initial")]
    operations = [migrations.RunPython(add_decree_days, migrations.RunPython.noop)]
