"""Profile uncached anonymous public requests: queries per request and where the time goes.

A development tool (``pip install pyinstrument``; not a dependency of the project). Run it with
the production settings against a seeded PostgreSQL database::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x SECRET_KEY=x ALLOWED_HOSTS=testserver \\
        DJANGO_SETTINGS_MODULE=site45.settings.production python scripts/profile_public.py [N] [path …]

(``manage.py migrate``, ``seed_demo``, ``seed_bulk --pages 5000 --index``, ``collectstatic`` and
``VACUUM ANALYZE`` first.) For each path it prints the queries of a warm request, then the
milliseconds per request over N requests and pyinstrument's tree of where they went.
"""

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site45.settings.production")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def default_paths():
    from site45.news.models import EventPage

    event = EventPage.objects.live().filter(slug__startswith="bulk-").order_by("pk").last()
    return ["/", event.url]


def main():
    args = sys.argv[1:]
    rounds = int(args.pop(0)) if args and args[0].isdigit() else 50
    paths = args or default_paths()
    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST=os.environ.get("PROFILE_HOST", "testserver"))
    from pyinstrument import Profiler

    for path in paths:
        assert client.get(path, secure=True).status_code == 200, path  # warm caches
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path, secure=True)
        assert response.status_code == 200, path
        print(f"\n=== {path}: {len(ctx.captured_queries)} queries")
        for query in ctx.captured_queries:
            print(f"  {query['time']}s  {query['sql'][:220]}")
        profiler = Profiler(interval=0.0005)
        started = time.perf_counter()
        profiler.start()
        for _n in range(rounds):
            client.get(path, secure=True)
        profiler.stop()
        elapsed = (time.perf_counter() - started) / rounds
        print(f"--- {path}: {elapsed * 1000:.1f} ms per request over {rounds}")
        print(profiler.output_text(unicode=True, color=False, show_all=False))


if __name__ == "__main__":
    main()
