"""The GIN index the PostgreSQL search is served by (see site45/search/postgres.py).

An expression index on ``title || body`` of Wagtail's search index table: the exact expression
the search filters on, so the planner answers a query with a Bitmap Index Scan instead of
reading every entry.

Its statistics target is 0: with statistics the planner sees that a common word such as
「就業」 is in most entries and prefers a sequential scan, because it cannot see that
evaluating ``title || body`` means reading every entry's out-of-line vectors (about 40 ms a
thousand entries), while the index answers without reading any. Without statistics it
assumes a selective match and always takes the index.

``fastupdate`` is off: GIN's pending list would defer the work of an insert to every search
(each scans the whole list until a vacuum merges it) — the wrong trade for a site published
to a few times an hour and searched all the time.

Nothing to do on SQLite (FTS5 has its own inverted index) or elsewhere.
"""

from django.db import migrations

INDEX_NAME = "search_bigram_gin"  # site45.search.postgres.INDEX_NAME


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON {schema_editor.quote_name(table)}"
        " USING gin ((title || body)) WITH (fastupdate = off)"
    )
    schema_editor.execute(f"ALTER INDEX {INDEX_NAME} ALTER COLUMN 1 SET STATISTICS 0")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
