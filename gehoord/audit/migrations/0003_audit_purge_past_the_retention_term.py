"""On PostgreSQL the append-only trigger lets exactly one DELETE through: the retention purge.

gehoord.audit.retention names its cut-off for its own transaction
(``gehoord.purging_audit_entries_before``); only entries older than that may
be deleted then. Every UPDATE, and every DELETE without the setting or of a
newer entry, is still refused.
"""

from django.db import migrations

PURGE = """
CREATE OR REPLACE FUNCTION gehoord_audit_append_only() RETURNS trigger AS $$
DECLARE
    purge_before text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        purge_before := coalesce(current_setting('gehoord.purging_audit_entries_before', true), '');
        IF purge_before <> '' THEN
            IF OLD.at < purge_before::timestamptz THEN
                RETURN OLD;
            END IF;
        END IF;
    END IF;
    RAISE EXCEPTION 'The audit trail is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""
ORIGINAL = """
CREATE OR REPLACE FUNCTION gehoord_audit_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The audit trail is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(PURGE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ORIGINAL, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_audit_append_only_trigger")]
    operations = [migrations.RunPython(forwards, backwards)]
