"""Attachment 2 (使用權限管理設定) read from ``data/matrix.csv``.

The CSV is the single source of which unit type may publish which content type and which
roles it may hold. Nothing else in the project spells those values out: call
:func:`unit_type_allows` or read :data:`MATRIX`.
"""

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

MATRIX_CSV = Path(__file__).resolve().parent.parent / "data" / "matrix.csv"

#: Content-type codes, in the column order of Attachment 2's 使用權限 row.
CONTENT_TYPE_CODES = (
    "hot_news",
    "event",
    "press_release",
    "announcement",
    "success_case",
    "friendly_employer",
    "lecture",
    "generation_cooperation",
)

ROLE_CODES = ("system_admin", "account_manager", "account_auditor", "unit_reviewer", "editor")


@dataclass(frozen=True)
class UnitTypeRules:
    unit_type: str
    name_zh: str
    content_types: frozenset
    roles: dict  # role code -> "Y" / "N" / "0" / "1" as in the CSV
    accounts_activated_by: str
    drafts_reviewed_by: str

    def allows(self, matrix_code):
        return matrix_code in self.content_types

    def role_limit(self, role):
        """``None`` for unlimited, otherwise the maximum number of holders per unit (0 = not allowed)."""
        value = self.roles[role]
        if value == "Y":
            return None
        if value == "N":
            return 0
        return int(value)


@cache
def load_matrix(path=MATRIX_CSV):
    rules = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            rules[row["unit_type"]] = UnitTypeRules(
                unit_type=row["unit_type"],
                name_zh=row["name_zh"],
                content_types=frozenset(c for c in CONTENT_TYPE_CODES if row[c] == "Y"),
                roles={r: row[r] for r in ROLE_CODES},
                accounts_activated_by=row["accounts_activated_by"],
                drafts_reviewed_by=row["drafts_reviewed_by"],
            )
    return rules


def unit_types():
    return tuple(load_matrix())


def unit_type_allows(unit_type, matrix_code):
    """May a unit of ``unit_type`` publish content of type ``matrix_code``?"""
    rules = load_matrix().get(unit_type)
    return bool(rules and rules.allows(matrix_code))
