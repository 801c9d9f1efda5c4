"""Checks on free text people type, shared by the public form and the admin's own forms."""

import unicodedata

#: The bidirectional overrides and marks that can disguise text (category Cf).
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
#: The largest id a database's 64-bit key holds; a larger number is not an id at all.
MAX_ID = 2**63 - 1


def has_control_characters(value):
    """Control characters (Cc, NUL included: PostgreSQL refuses it in text) or bidi overrides."""
    return any(unicodedata.category(ch) == "Cc" or ch in BIDI_CONTROLS for ch in value or "")


def parse_ids(values):
    """The ids in ``values`` (strings), in order and without repeats; ``ValueError`` if one is not an id."""
    ids = []
    for value in values:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(value)
        ids.append(number)
    return list(dict.fromkeys(ids))
