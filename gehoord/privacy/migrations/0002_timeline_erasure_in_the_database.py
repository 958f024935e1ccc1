"""On PostgreSQL the timeline's trigger (cases 0003) refuses every change; this lets exactly one through.

The privacy erasure (gehoord.cases.personal_data._blank_timeline) blanks the
summary, details and data of a complaint's events, after saying so for its
own transaction (``gehoord.erasing_personal_data``). Any other change, or
that one without the setting, and every DELETE, is still refused.
"""

from django.db import migrations

SANCTIONED = """
CREATE OR REPLACE FUNCTION gehoord_timeline_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND current_setting('gehoord.erasing_personal_data', true) = 'on'
       AND NEW.summary = '' AND NEW.details = '' AND NEW.data = '{}'::jsonb
       AND NEW.id = OLD.id AND NEW.complaint_id = OLD.complaint_id
       AND NEW.kind = OLD.kind AND NEW.at = OLD.at
       AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id
       AND NEW.from_status = OLD.from_status AND NEW.to_status = OLD.to_status
       AND NEW.transition = OLD.transition THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'The complaint timeline is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""
ORIGINAL = """
CREATE OR REPLACE FUNCTION gehoord_timeline_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The complaint timeline is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(SANCTIONED, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ORIGINAL, params=None)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_personal_data_erasure"), ("cases", "0003_timeline_append_only")]
    operations = [migrations.RunPython(forwards, backwards)]
