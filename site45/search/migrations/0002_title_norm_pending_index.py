"""A partial index of the search entries whose title norm is still to be set.

modelsearch writes a new or changed entry with ``title_norm = 1.0`` and then sets it
(``CJKPostgresIndex._refresh_title_norms``) by finding the entries still at 1.0. Without an
index that search reads the whole table on every publish; this index holds only those few
entries. Nothing to do on SQLite or elsewhere.
"""

from django.db import migrations

INDEX_NAME = "search_title_norm_pending"  # site45.search.postgres.PENDING_NORMS_INDEX_NAME


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON {schema_editor.quote_name(table)} (id)"
        " WHERE title_norm = 1.0"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("site45_search", "0001_bigram_index")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
