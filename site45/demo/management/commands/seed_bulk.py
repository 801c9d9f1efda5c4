"""``manage.py seed_bulk --pages N [--units M] [--index]``: N published pages in one go.

For measuring what a request costs as content grows (tests/site/test_query_budgets.py, bench/).
Needs the tree of ``seed_demo`` (or ``load_units`` + ``home.tree.build_site_tree``).
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from site45.demo.bulk_seed import BulkSeeder
from site45.home.models import UnitPage


class Command(BaseCommand):
    help = (
        "Add N live content pages (with a live revision) across the unit sections and the "
        "content types Attachment 2 allows them, written in batches. --index also indexes them "
        "for search."
    )

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, required=True, help="number of pages to add")
        parser.add_argument("--units", type=int, default=None, help="use only the first M unit sections")
        parser.add_argument("--index", action="store_true", help="index the new pages for search")

    def handle(self, *args, pages, units, index, **options):
        if pages < 0 or (units is not None and units < 1):
            raise CommandError(_("--pages 不可小於 0，--units 至少為 1。"))
        if not UnitPage.objects.filter(locale__language_code="zh-hant").exists():
            raise CommandError(_("尚無單位專區：請先執行 seed_demo（或 load_units 並建立網站架構）。"))
        started = time.monotonic()
        seeder = BulkSeeder(pages, units=units)
        result = seeder.run()
        if index:
            result.indexed = seeder.index()
        if options["verbosity"] >= 1:
            types = "、".join(f"{code} {n}" for code, n in sorted(result.per_type.items()))
            self.stdout.write(
                _(
                    "已發布 %(pages)d 頁於 %(sections)d 個單位專區（%(types)s）；建立搜尋索引 %(indexed)d 頁；耗時 %(seconds).1f 秒。"
                )
                % {
                    "pages": result.pages,
                    "sections": result.sections,
                    "types": types,
                    "indexed": result.indexed,
                    "seconds": time.monotonic() - started,
                }
            )
