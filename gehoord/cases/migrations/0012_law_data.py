"""Data for the Awb chapter 9 corrections ([9]).

- The Awb 9:8 grounds are numbered as the law numbers them: the old
  "objection_or_appeal" (labelled lid 1 c) becomes "objection" (lid 1 c); a
  complaint where beroep was the ground can be corrected by hand.
- A complaint's hearing moves from two fields on the complaint into a Hearing
  row for the complainant (Awb 9:10 lid 1 and 3), with the date it was held
  and its report. The invitation moment and answer term are not known for
  old rows: the day of the hearing stands in for both.
- "Handled by the advisory committee" was set on every complaint when the
  municipality had one; it now means this complaint was handled by it, which
  the old data cannot tell: it stays as it was.
"""

import datetime as dt

from django.db import migrations


def forwards(apps, schema_editor):
    Complaint = apps.get_model("cases", "Complaint")
    Hearing = apps.get_model("cases", "Hearing")
    Complaint.objects.filter(not_handled_ground="objection_or_appeal").update(not_handled_ground="objection")
    rows = []
    for complaint in Complaint.objects.exclude(hearing_held_on=None).only(
        "pk", "hearing_held_on", "hearing_report", "received_at"
    ):
        held = complaint.hearing_held_on
        rows.append(
            Hearing(
                complaint_id=complaint.pk,
                party="complainant",
                invited_at=dt.datetime.combine(held, dt.time(9), tzinfo=dt.timezone.utc),
                respond_by=held,
                hearing_on=held,
                held_on=held if complaint.hearing_report else None,
                report=complaint.hearing_report,
            )
        )
    Hearing.objects.bulk_create(rows, batch_size=500)


def backwards(apps, schema_editor):
    Complaint = apps.get_model("cases", "Complaint")
    Hearing = apps.get_model("cases", "Hearing")
    Complaint.objects.filter(not_handled_ground__in=["objection", "appeal"]).update(
        not_handled_ground="objection_or_appeal"
    )
    for hearing in Hearing.objects.filter(party="complainant"):
        Complaint.objects.filter(pk=hearing.complaint_id).update(
            hearing_held_on=hearing.held_on or hearing.hearing_on, hearing_report=hearing.report
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0011_law_fields")]

    operations = [migrations.RunPython(forwards, backwards)]
