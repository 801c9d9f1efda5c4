"""Checks on free text people type, shared by the public form and the admin's own forms."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: The bidirectional overrides and marks that can disguise text (category Cf, kept for readers;
#: every Cf character is refused below).
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: Unicode categories refused in one-line text: control characters (Cc: NUL, which PostgreSQL
#: refuses, CR, LF, NEL …), format characters (Cf: bidi overrides, zero-width characters, soft
#: hyphen, BOM), the line and paragraph separators (Zl U+2028, Zp U+2029, which mail and
#: JavaScript read as a line break) and lone surrogates (Cs). Variation selectors (Mn), which
#: CJK names may need, are not among them.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
#: The largest id a database's 64-bit key holds; a larger number is not an id at all.
MAX_ID = 2**63 - 1


def has_control_characters(value):
    """Control, format, line- or paragraph-separator characters (``REFUSED_CATEGORIES``)."""
    return any(unicodedata.category(ch) in REFUSED_CATEGORIES for ch in value or "")


def refuse_control_characters(value):
    """A form validator with the rule above (names in the user admin and in 帳號設定)."""
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(_("含有無法接受的控制字元或換行字元，請重新輸入。"), code="control_characters")


def parse_ids(values):
    """The ids in ``values`` (strings), in order and without repeats; ``ValueError`` if one is not an id."""
    ids = []
    for value in values:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(value)
        ids.append(number)
    return list(dict.fromkeys(ids))
