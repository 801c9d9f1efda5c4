"""Load the organisation tree from a CSV shaped like ``data/org-units.csv``."""

import csv
from pathlib import Path

from django.db import transaction

from .models import Unit

ORG_UNITS_CSV = Path(__file__).resolve().parent.parent / "data" / "org-units.csv"


@transaction.atomic
def load_units(path=ORG_UNITS_CSV):
    """Create or update every unit in the CSV; returns ``(created, updated)``.

    Idempotent: running it twice leaves the same rows. Two passes, because a row may name a
    parent that appears further down the file.
    """
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))

    created = updated = 0
    units = {}
    for row in rows:
        unit, was_created = Unit.objects.update_or_create(
            code=row["code"],
            defaults={
                "name_zh": row["name_zh"],
                "name_en": row["name_en"],
                "unit_type": row["unit_type"],
            },
        )
        units[unit.code] = unit
        created += was_created
        updated += not was_created

    def ref(code):
        if not code:
            return None
        return units.get(code) or Unit.objects.get(code=code)

    for row in rows:
        unit = units[row["code"]]
        unit.parent = ref(row["parent_code"])
        unit.jurisdiction_branch = ref(row["jurisdiction_branch"])
        unit.supervising_unit = ref(row["review_by"])
        unit.full_clean()
        unit.save(update_fields=["parent", "jurisdiction_branch", "supervising_unit"])
    return created, updated
