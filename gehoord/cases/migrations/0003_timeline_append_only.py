"""On PostgreSQL the database itself refuses to change or delete timeline events."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION gehoord_timeline_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The complaint timeline is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER cases_complaintevent_append_only
    BEFORE UPDATE OR DELETE ON cases_complaintevent
    FOR EACH ROW EXECUTE FUNCTION gehoord_timeline_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS cases_complaintevent_append_only ON cases_complaintevent;
DROP FUNCTION IF EXISTS gehoord_timeline_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_conduct_norms")]
    operations = [migrations.RunPython(forwards, backwards)]
