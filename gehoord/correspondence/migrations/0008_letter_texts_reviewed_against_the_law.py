"""The default letter texts reviewed against the law (issue [9]) reach the municipalities that never edited them.

Every kind of letter has a row from its first migrate on, holding the default text of
that moment; a municipality that never edited a text would keep the old one for good.
A row whose text is exactly a previous default (compared by a hash of its stripped
subject, e-mail summary and body) gets the current default. A text a municipality
edited is left alone: the admin sees the new required placeholders when next saving it.
"""

import hashlib

from django.db import migrations

# sha256 (first 32 hex digits) of "subject\0email_summary\0body", each stripped, of the
# defaults before this review, per kind. Kinds whose text did not change are not listed.
PREVIOUS_DEFAULTS = {
    "acknowledgment": {"70f484ee339d46d7f4f485181153e94d"},
    "missing_elements": {"bf7ca8051fce54cfee81f40bb7b0d62c"},
    "not_handled": {"3076284f71c77130a377febae6585e98"},
    "postponement": {"8cd74c254049ecf240c66800550efcdd"},
    "hearing_invitation": {"970af2a4239a6a008f885925e1697836"},
    "informal_confirmation": {"b35cdc70db3c2bee7d2c35563cc050f6"},
    "decision": {"218b6dbb93986cb9e13eb3d27a028404"},
}


def fingerprint(subject: str, email_summary: str, body: str) -> str:
    key = "\x00".join(part.strip() for part in (subject, email_summary, body))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def bring_unedited_texts_up_to_date(apps, schema_editor):
    # The texts as they stand in the code at this migration: what a new installation gets too.
    from gehoord.correspondence.default_texts import DEFAULT_TEXTS

    LetterTemplate = apps.get_model("correspondence", "LetterTemplate")
    for template in LetterTemplate.objects.using(schema_editor.connection.alias).filter(
        kind__in=PREVIOUS_DEFAULTS
    ):
        if fingerprint(template.subject, template.email_summary, template.body) not in PREVIOUS_DEFAULTS[template.kind]:
            continue
        text = DEFAULT_TEXTS[template.kind]
        template.subject, template.email_summary, template.body = text.subject, text.email_summary, text.body
        template.save(update_fields=["subject", "email_summary", "body"])


class Migration(migrations.Migration):
    dependencies = [("correspondence", "0007_letter_recipient")]

    operations = [migrations.RunPython(bring_unedited_texts_up_to_date, migrations.RunPython.noop)]
