"""A stored Idempotency-Key answer names its complaint, so that it can be checked and erased with it.

An answer from before names none: one with the complaint's reference in its
body (a submitted complaint, a lifecycle step) is linked to it; one without
(a note or a contact) cannot be checked on a replay nor erased with the
complaint, and is removed: a retry with its key is handled as a new request.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


def link_or_remove_stored_answers(apps, schema_editor):
    IdempotentResponse = apps.get_model("api", "IdempotentResponse")
    Complaint = apps.get_model("cases", "Complaint")
    for answer in IdempotentResponse.objects.filter(complaint__isnull=True).iterator():
        reference = answer.body.get("reference") if isinstance(answer.body, dict) else None
        complaint = Complaint.objects.filter(reference=reference).first() if isinstance(reference, str) else None
        if complaint is None:
            answer.delete()
        else:
            answer.complaint = complaint
            answer.save(update_fields=["complaint"])


class Migration(migrations.Migration):

    dependencies = [
        ('api', '0001_initial'),
        ('cases', '0016_intake_one_way'),
    ]

    operations = [
        migrations.AddField(
            model_name='idempotentresponse',
            name='complaint',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='cases.complaint'),
        ),
        migrations.AlterField(
            model_name='idempotentresponse',
            name='created_at',
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
        ),
        migrations.RunPython(link_or_remove_stored_answers, migrations.RunPython.noop),
    ]
