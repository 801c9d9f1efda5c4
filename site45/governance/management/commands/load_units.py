from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from site45.governance.org.loaders import ORG_UNITS_CSV, load_units


class Command(BaseCommand):
    help = "Load (or update) the organisation units from org-units.csv. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("--csv", default=str(ORG_UNITS_CSV), help="path of the CSV file")

    def handle(self, *args, **options):
        created, updated = load_units(options["csv"])
        self.stdout.write(
            _("單位已載入：新增 %(created)d 筆，更新 %(updated)d 筆。") % {"created": created, "updated": updated}
        )
