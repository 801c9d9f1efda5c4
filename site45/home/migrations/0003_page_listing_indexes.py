"""Indexes on Wagtail's page table for what the public site filters and sorts by.

- ``site45_page_depth_path``: the home pages and their children (depth 2 and 3) that every
  public request reads (``home/navigation.py``) — without it, a scan of every page.
- ``site45_page_first_published``: the types dated by their first publication (成功就業案例,
  友善頭家, 世代合作) list newest first by ``first_published_at``.

Wagtail's own migrations own the table, so these are plain SQL (the same on PostgreSQL and SQLite).
"""

from django.db import migrations

INDEXES = {
    "site45_page_depth_path": "(depth, path)",
    "site45_page_first_published": "(first_published_at)",
}


class Migration(migrations.Migration):

    dependencies = [
        ("home", "0002_unitpage_unit_type"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON wagtailcore_page {columns}",
            f"DROP INDEX IF EXISTS {name}",
        )
        for name, columns in INDEXES.items()
    ]
