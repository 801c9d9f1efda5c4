"""When public content next changes by the clock alone (no edit, no signal).

A content model whose listing or page depends on the time declares
``next_public_change(now) -> datetime | None`` (``EventPage``: an event ends, a registration
closes; ``AnnouncementPage``: the date changes at Taipei's midnight). The soonest of those is
the *horizon*: no entry is served past it. It is computed once per generation and kept in the
cache next to it (a few queries on a miss, none on a hit).
"""

import time
from datetime import UTC

from site45.home.models import content_page_models

from .keys import HORIZON_KEY


def next_public_change(now_ts):
    from datetime import datetime

    now = datetime.fromtimestamp(now_ts, tz=UTC)
    moments = []
    for model in content_page_models().values():
        ask = getattr(model, "next_public_change", None)
        if ask is not None:
            moment = ask(now)
            if moment is not None:
                moments.append(moment.timestamp())
    return min(moments, default=None)


def horizon(cache, generation, record):
    """The time until which entries of ``generation`` may be served (``record``: the stored one)."""
    now = time.time()
    if record and record.get("token") == generation["token"] and record.get("until", 0) > now:
        return record["until"]
    until = next_public_change(now)
    if until is None:
        until = float("inf")
    cache.set(HORIZON_KEY, {"token": generation["token"], "until": until}, timeout=None)
    return until
