"""On PostgreSQL: GIN indexes for the inbox's full-text search.

The expressions are exactly the ones gehoord.cases.selectors searches with
(SearchVector over SEARCH_TEXT_FIELDS with the 'dutch' configuration, and over
the complainant's SEARCH_NAME_FIELDS with 'simple'); PostgreSQL only uses an
expression index for the identical expression. A test pins that the planner can
use both (gehoord/cases/tests/test_inbox.py). Other databases search without
an index (see selectors.searched), so nothing happens there.

The indexes are not Django model indexes, so the autodetector does not see
them and makemigrations stays quiet.
"""

from django.db import migrations

CREATE = """
CREATE INDEX IF NOT EXISTS cases_complaint_search_dutch ON cases_complaint USING gin (
    to_tsvector('dutch', coalesce(description, '') || ' ' || coalesce(desired_outcome, '')
                         || ' ' || coalesce(involved_description, ''))
);
CREATE INDEX IF NOT EXISTS cases_complainant_search_names ON cases_complainant USING gin (
    to_tsvector('simple', coalesce(first_name, '') || ' ' || coalesce(last_name, ''))
);
"""
DROP = """
DROP INDEX IF EXISTS cases_complaint_search_dutch;
DROP INDEX IF EXISTS cases_complainant_search_names;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_alter_complaintevent_kind")]
    operations = [migrations.RunPython(forwards, backwards)]
