"""Background work with a real backend (README, *Deployment*): in production Wagtail's tasks
(reference index, file deletions, CDN purges) wait in the database (django-tasks-db) until
``manage.py db_worker`` runs them; development and the suite run them where they are enqueued.
"""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from wagtail.tasks import delete_file_from_storage_task

from site45.settings.base import TASK_BACKENDS, tasks_settings

DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE
    yield


def test_a_task_waits_in_the_database_until_the_worker_runs_it(database_tasks, transactional_db, database_put_back):
    """Committed for real (``transactional_db``): the worker, as in production, closes the
    connections it finds between tasks, which would break a test wrapped in one transaction."""
    from django_tasks_db.models import DBTaskResult

    name = default_storage.save("documents/worker-test.pdf", ContentFile(b"%PDF-1.4 test"))
    result = delete_file_from_storage_task.enqueue(default_storage.deconstruct(), name)
    assert DBTaskResult.objects.filter(id=result.id, status="READY").exists()
    assert default_storage.exists(name)  # nothing ran in the request

    call_command("db_worker", batch=True, no_startup_delay=True, stdout=io.StringIO(), stderr=io.StringIO())

    assert not default_storage.exists(name)
    assert DBTaskResult.objects.get(id=result.id).status == "SUCCESSFUL"


def test_production_stores_tasks_and_development_runs_them_at_once(settings, monkeypatch):
    import importlib

    from site45.settings import test

    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("ALLOWED_HOSTS", "site45.test")
    monkeypatch.delenv("TASKS_BACKEND", raising=False)
    production = importlib.import_module("site45.settings.production")

    assert settings.TASKS == test.TASKS == tasks_settings("immediate")
    assert production.TASKS["default"]["BACKEND"] == TASK_BACKENDS["database"] == DATABASE["default"]["BACKEND"]


def test_an_unknown_backend_name_stops_the_start():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="TASKS_BACKEND"):
        tasks_settings("celery")
