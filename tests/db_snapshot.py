"""Save the test database and put it back: for tests that really commit, and for data built once.

A ``transaction=True`` test (and every test using pytest-django's ``live_server``) commits, so
pytest-django flushes every table when it ends — the units, the site tree built once by
``tests/conftest.py`` and Wagtail's initial data would be gone for the tests that run later,
and Django's ContentType cache would point at deleted rows. A module (or package) of such tests
takes a :func:`take_snapshot` before its first test and calls :func:`restore_snapshot` after its
last one, the way Django's ``serialized_rollback`` does.
"""

import json
import sys
from contextlib import contextmanager

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import signals as model_signals


@contextmanager
def signals_muted():
    """No model signal handlers: a raw reload must not re-index pages or re-sync groups."""
    muted = (
        model_signals.pre_save,
        model_signals.post_save,
        model_signals.m2m_changed,
        model_signals.pre_delete,
        model_signals.post_delete,
    )
    saved = {signal: signal.receivers for signal in muted}
    for signal in muted:
        signal.receivers = []
        signal.sender_receivers_cache.clear()
    try:
        yield
    finally:
        for signal, receivers in saved.items():
            signal.receivers = receivers
            signal.sender_receivers_cache.clear()


def take_snapshot():
    """The whole database as a JSON string (call with database access unblocked)."""
    objects = json.loads(connection.creation.serialize_db_to_string())
    # Content types first: Wagtail's Page and Task look theirs up while being built.
    objects.sort(key=lambda o: o["model"] != "contenttypes.contenttype")
    return json.dumps(objects)


def restore_snapshot(snapshot):
    """Empty every table and load ``snapshot``; sequences and caches follow."""
    call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
    ContentType.objects.clear_cache()
    with signals_muted():
        connection.creation.deserialize_db_from_string(snapshot)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
            cursor.execute(sql)
    ContentType.objects.clear_cache()
    for model in apps.get_models():
        ContentType.objects.get_for_model(model)
    cache.clear()  # Wagtail caches site root paths and more; they pointed at flushed rows


@contextmanager
def database_restored(django_db_blocker):
    """Snapshot on entry, restore on exit: ``with database_restored(django_db_blocker): yield``."""
    with django_db_blocker.unblock():
        snapshot = take_snapshot()
    try:
        yield snapshot
    finally:
        with django_db_blocker.unblock():
            restore_snapshot(snapshot)


@contextmanager
def built_once(django_db_blocker, build):
    """For a module- or package-scoped fixture: ``build()``'s data, rolled back when the scope ends.

    ``build`` runs inside one transaction; each test's own transaction (the ``db`` fixture) is a
    savepoint inside it and rolls back what the test changed, so every test of the module starts
    from the same data — as Django's ``setUpTestData`` does. Database access is unblocked only
    while building and rolling back: a test without ``db`` still may not query. Tests must not
    rely on attributes they set on the shared Python objects::

        @pytest.fixture(scope="module")
        def shared_world(django_db_setup, django_db_blocker):
            with built_once(django_db_blocker, World) as world:
                yield world
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build()
        except BaseException:
            atomic.__exit__(*sys.exc_info())
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            cache.clear()  # Wagtail caches site root paths and more; they pointed at rolled-back rows
