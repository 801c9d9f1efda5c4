"""An index on Wagtail's page table for the types dated by their first publication.

成功就業案例, 友善頭家 and 世代合作 list newest first by ``first_published_at``, which is on
Wagtail's page table; through ``site45_page_first_published`` a listing walked every type's
pages in date order until it had found enough of its own (about 1,400 rows for three at 10,000
pages). Their listings also name their content type (``ContentPage.listing``), so this index
gives their newest pages directly.
"""

from django.db import migrations

NAME = "site45_page_type_published"


class Migration(migrations.Migration):

    dependencies = [("home", "0003_page_listing_indexes")]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON wagtailcore_page (content_type_id, locale_id, first_published_at)",
            f"DROP INDEX IF EXISTS {NAME}",
        )
    ]
