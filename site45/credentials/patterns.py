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


#: a part repeated at least this many times …
REPEAT_MIN_TIMES = 3
#: … that covers more than this share of the password makes it a repetition
REPEAT_MAX_SHARE = 0.5


def repeated_share(password):
    """The largest share of ``password`` covered by one part of it repeated ``REPEAT_MIN_TIMES``
    times or more, anywhere (``中華民國萬歲萬歲萬歲萬歲``: 萬歲 × 4 covers 8 of 12 → 0.67).

    Counted per character, so Chinese words count as the words they are; occurrences do not
    overlap. At most 128 characters (the length limit), so trying every part is cheap.
    """
    text = password.lower()
    n = len(text)
    best = 0
    for size in range(1, n // REPEAT_MIN_TIMES + 1):
        seen = set()
        for start in range(0, n - size + 1):
            part = text[start:start + size]
            if part in seen:
                continue
            seen.add(part)
            times = text.count(part)
            if times >= REPEAT_MIN_TIMES:
                best = max(best, times * size)
    return best / n if n else 0.0


def is_repetition(password, min_distinct=4):
    """One part repeated (``aaaaaaaaaaaa``, ``abcabcabcabc``), fewer than ``min_distinct``
    characters, or one part repeated 3 times or more over more than half of the password
    (``中華民國萬歲萬歲萬歲萬歲``)."""
    text = password.lower()
    if len(set(text)) < min_distinct:
        return True
    n = len(text)
    if any(n % size == 0 and text[:size] * (n // size) == text for size in range(1, n // 2 + 1)):
        return True
    return repeated_share(text) > REPEAT_MAX_SHARE


def core_letters(password, remove=()):
    """The letters left after taking out ``remove`` (words, case-insensitive), digits and symbols.

    ``Taichung-45plus-2026!`` with ``("45plus",)`` → ``taichung``. What remains is what an
    attacker who knows the site, the account name and the habit of adding years cannot guess.
    """
    text = password.lower()
    for word in sorted((w.lower() for w in remove if w), key=len, reverse=True):
        text = text.replace(word, " ")
    return "".join(ch for ch in text if ch.isalpha())
