"""Helper of bench/run, run inside a Django project with the settings the benchmark serves.

    python bench/probe.py discover          # our site: which URLs to measure (JSON)
    python bench/probe.py count URL [URL…]  # any Django project: queries per anonymous GET

``count`` asks each URL twice, each time with a fresh test client (no cookie carried over, like
wrk): the first request is the cold one (it fills whatever cache there is), the second is the
warm one that the benchmark measures over and over. Both are reported. The request carries the
headers wrk sends (``Host: 127.0.0.1``, ``X-Forwarded-Proto: https`` as a TLS proxy would), so
production's HTTPS redirect does not answer instead of the page.

The current directory is put on ``sys.path``, so the same file serves the peer project.
"""

import json
import math
import os
import sys
from urllib.parse import urlsplit

sys.path.insert(0, os.getcwd())

import django

django.setup()

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

HEADERS = {"HTTP_HOST": "127.0.0.1", "HTTP_X_FORWARDED_PROTO": "https"}
SEARCH_TERM = "就業"


def get(url):
    return Client(raise_request_exception=False, **HEADERS).get(url)


def count(url):
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = get(url)
        counts.append(len(captured.captured_queries))
    return {"url": url, "status": response.status_code, "cold": counts[0], "warm": counts[1]}


def discover():
    """The URLs of our site to measure, found in the database the benchmark serves."""
    from wagtail.models import Locale, Page

    from site45.home.models import ContentIndexPage
    from site45.news.models import EventPage

    locale = Locale.get_default()
    index = ContentIndexPage.objects.live().filter(locale=locale, matrix_code__isnull=False)
    index = next((p for p in index if p.listed_model is EventPage), None) or index.first()
    found = {"home": "/", "index": index.url, "live_pages": Page.objects.live().count()}
    try:
        listed = index.listing().count()
        found["index_pages"] = max(1, math.ceil(listed / index.paginate_by))
    except (AttributeError, TypeError, ValueError) as error:  # the listing may change; page 50 is asked anyway
        found["index_pages"] = None
        found["index_pages_error"] = repr(error)
    last = found["index_pages"]
    found["index_page_number"] = 50 if last is None else min(50, last)
    found["index_page"] = f"{index.url}?page={found['index_page_number']}"
    events = EventPage.objects.live().filter(locale=locale).order_by("pk")
    total = events.count()
    found["detail"] = events[total // 2].url if total else None
    found["events"] = total
    found["api"] = "/api/v2/pages/?type=news.EventPage&fields=*"
    found["search"] = "/search/?q=%E5%B0%B1%E6%A5%AD"  # 就業
    found["sitemap"] = "/sitemap.xml"
    response = get(found["sitemap"])
    body = response.content.decode("utf-8", "replace")
    if response.status_code == 200 and "<sitemapindex" in body:
        # A sitemap index: measure its first part too.
        start = body.index("<loc>") + len("<loc>")
        part = urlsplit(body[start : body.index("</loc>", start)].strip())
        found["sitemap_part"] = part.path + (f"?{part.query}" if part.query else "")
    return found


def main(argv):
    if argv[:1] == ["discover"]:
        result = discover()
    elif argv[:1] == ["count"]:
        result = [count(url) for url in argv[1:]]
    else:
        raise SystemExit(__doc__)
    print("PROBE " + json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
