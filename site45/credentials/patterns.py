"""Pure functions that recognise guessable shapes of passwords (no database, no settings).

Used by ``validators.PredictablePasswordValidator``; kept apart so the rules can be tested
and read on their own.
"""

# US keyboard rows (Taiwan's keyboards carry 注音 on the same keys) with each row's offset in
# key widths, so that diagonal neighbours (1-q-a-z, 2-w-s-x, …) are found too.
_ROWS = (("`1234567890-=", 0.0), ("qwertyuiop[]\\", 0.5), ("asdfghjkl;'", 0.75), ("zxcvbnm,./", 1.25))
_POSITION = {key: (row, offset + i) for row, (keys, offset) in enumerate(_ROWS) for i, key in enumerate(keys)}
_UNSHIFT = dict(zip('~!@#$%^&*()_+{}|:"<>?', "`1234567890-=[]\\;',./"))

#: a walk is a password whose linked runs average at least this many characters
WALK_MEAN_RUN = 4


def unshifted(password):
    """Lower case, with shifted symbols mapped to their key (``!QAZ@WSX`` → ``1qaz2wsx``)."""
    return "".join(_UNSHIFT.get(ch, ch) for ch in password.lower())


def _linked(a, b):
    """Same key, neighbouring keys, or the next/previous letter or digit."""
    if a == b:
        return True
    if a.isalnum() and b.isalnum() and a.isascii() and b.isascii() and abs(ord(a) - ord(b)) == 1:
        return True
    pa, pb = _POSITION.get(a), _POSITION.get(b)
    if pa is None or pb is None:
        return False
    rows, across = abs(pa[0] - pb[0]), abs(pa[1] - pb[1])
    return (rows == 0 and across == 1) or (rows == 1 and across <= 0.8)


def runs(password):
    """Lengths of the runs of linked characters (``1qaz2wsx`` → ``[4, 4]``)."""
    keys = unshifted(password)
    if not keys:
        return []
    lengths = [1]
    for a, b in zip(keys, keys[1:]):
        if _linked(a, b):
            lengths[-1] += 1
        else:
            lengths.append(1)
    return lengths


def is_keyboard_walk(password):
    """Typed along the keyboard or the alphabet: ``1qaz2wsx3edc``, ``zaq12wsxcde3``, ``qwertyuiop12``."""
    lengths = runs(password)
    return bool(lengths) and sum(lengths) / len(lengths) >= WALK_MEAN_RUN


#: a part of at least this many characters …
REPEAT_MIN_SIZE = 2
#: … repeated at least this many times counts once …
REPEAT_MIN_TIMES = 3
#: … and what is left must still be this long (the minimum length)
REPEAT_MIN_REMAINING = 12


def length_without_repeats(password):
    """The length of ``password`` with its most repeated part counted once.

    A part is ``REPEAT_MIN_SIZE`` characters or more that occurs ``REPEAT_MIN_TIMES`` times or
    more anywhere, without overlapping: ``中華民國萬歲萬歲萬歲萬歲`` (12) is 萬歲 four times → 6.
    Counted in characters, so Chinese words count as the words they are. Single characters are
    left to the other tests (few distinct characters, one part repeated throughout), so an
    ordinary long phrase with many e's is not refused. At most 128 characters (the length limit),
    so trying every part is cheap.
    """
    text = password.lower()
    n = len(text)
    saved = 0
    for size in range(REPEAT_MIN_SIZE, n // REPEAT_MIN_TIMES + 1):
        seen = set()
        for start in range(0, n - size + 1):
            part = text[start : start + size]
            if part in seen:
                continue
            seen.add(part)
            times = text.count(part)
            if times >= REPEAT_MIN_TIMES:
                saved = max(saved, (times - 1) * size)
    return n - saved


def is_repetition(password, min_distinct=4, min_remaining=REPEAT_MIN_REMAINING):
    """One part repeated (``aaaaaaaaaaaa``, ``abcabcabcabc``), fewer than ``min_distinct``
    characters, or too short once a part repeated 3 times or more is counted once
    (``中華民國萬歲萬歲萬歲萬歲``: 6 characters left of 12)."""
    text = password.lower()
    if len(set(text)) < min_distinct:
        return True
    n = len(text)
    if any(n % size == 0 and text[:size] * (n // size) == text for size in range(1, n // 2 + 1)):
        return True
    return length_without_repeats(text) < min_remaining


def core_letters(password, remove=()):
    """The letters left after taking out ``remove`` (words, case-insensitive), digits and symbols.

    ``Taichung-45plus-2026!`` with ``("45plus",)`` → ``taichung``. What remains is what an
    attacker who knows the site, the account name and the habit of adding years cannot guess.
    """
    text = password.lower()
    for word in sorted((w.lower() for w in remove if w), key=len, reverse=True):
        text = text.replace(word, " ")
    return "".join(ch for ch in text if ch.isalpha())
