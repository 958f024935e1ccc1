import datetime as dt

from django.db import migrations

# Days equated with Atw holidays by the royal decree for 2023-2025 (see DOMAIN.md), so that
# complaints received in those years get the right terms.
DECREE_DAYS = [
    (dt.date(2023, 4, 28), "Vrijdag na Koningsdag (Besluit gelijkgestelde dagen 2023-2025)"),
    (dt.date(2023, 5, 19), "Vrijdag na Hemelvaartsdag (Besluit gelijkgestelde dagen 2023-2025)"),
    (dt.date(2024, 5, 10), "Vrijdag na Hemelvaartsdag (Besluit gelijkgestelde dagen 2023-2025)"),
    (dt.date(2024, 12, 27), "Vrijdag na Tweede Kerstdag (Besluit gelijkgestelde dagen 2023-2025)"),
    (dt.date(2025, 5, 30), "Vrijdag na Hemelvaartsdag (Besluit gelijkgestelde dagen 2023-2025)"),
]


def add_decree_days(apps, schema_editor):
    EquatedDay = apps.get_model("clock", "EquatedDay")
    for date, description in DECREE_DAYS:
        EquatedDay.objects.get_or_create(date=date, defaults={"description": description})


class Migration(migrations.Migration):
    dependencies = [("clock", "0002_decree_days")]
    operations = [migrations.RunPython(add_decree_days, migrations.RunPython.noop)]
