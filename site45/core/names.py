"""A person's name as Taiwan writes it (SPEC §2: the admin is in Taiwanese Mandarin).

Django's ``get_full_name`` puts the given name first with a space between (「俊傑 劉」); a
Chinese name is written family name first without a space (「劉俊傑」). A name in Latin letters
keeps the order its owner gave (「Alice Chen」).
"""

import re

#: CJK ideographs (with extension A and the compatibility block): a name written in Chinese.
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def full_name(user):
    """``user``'s full name in the order its script writes it; "" when no name is recorded."""
    given = (getattr(user, "first_name", "") or "").strip()
    family = (getattr(user, "last_name", "") or "").strip()
    if family and given and _CJK.search(family + given):
        return f"{family}{given}"
    return " ".join(part for part in (given, family) if part)


def name_or_username(user):
    """The full name, or the account name when no name is recorded."""
    return full_name(user) or user.get_username()
