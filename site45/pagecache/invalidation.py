"""What starts a new public-content generation (see the package docstring for why one).

Wagtail's page events: ``page_published`` (the admin's publish, a workflow approval —
``governance/review/task.py`` publishes the approved revision through ``Revision.publish`` —,
``publish_scheduled``, a translation's publish), ``page_unpublished`` (also the scheduled
expiry), ``post_page_move``, and the deletion of a page. A live page saved directly (scripts,
``manage.py`` commands, tests) also counts; a draft does not: Wagtail saves a draft's page row
with ``update_fields`` naming only its bookkeeping (``DRAFT_FIELDS``), and a page created not
live cannot be shown.

Other models whose rows public pages show: ``PAGECACHE_INVALIDATING_MODELS`` (units, documents,
images, collections, sites, locales, view restrictions), plus every Wagtail setting model.

Each change bumps the generation at once (so a test, or a request in this transaction, sees it),
again when the transaction commits (so a request that rendered the rows as they were before
the commit cannot have stored them under the new generation), and once more when the request
that made the change ends (writes that other receivers make after ours, in autocommit).
"""

from threading import local

from django.apps import apps
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import frontend, keys, policy

#: Page fields that Wagtail's draft, comment, lock and workflow bookkeeping saves on their own.
DRAFT_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "wagtail_admin_comments",
        "comments",
        "locked",
        "locked_by",
        "locked_at",
    }
)
#: Image and document fields filled in lazily (on first use), which change nothing shown.
LAZY_FILE_FIELDS = frozenset({"file_hash", "file_size"})

DEFAULT_INVALIDATING_MODELS = (
    "governance.Unit",
    "wagtaildocs.Document",
    "wagtailimages.Image",
    "wagtailcore.Collection",
    "wagtailcore.CollectionViewRestriction",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.Site",
    "wagtailcore.Locale",
)

DISPATCH = "site45_pagecache"


_pending = local()


def invalidate(reason, pages=()):
    """A new generation now, after the commit and when the request ends; tell a configured CDN
    which URLs changed."""
    keys.bump(reason=reason)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: keys.bump(reason=reason))
    if getattr(_pending, "in_request", False):
        _pending.reason = reason
    frontend.purge_related(pages)


def on_request_started(**kwargs):
    _pending.in_request, _pending.reason = True, None


def on_request_finished(**kwargs):
    """Once more when a request that changed content ends: a receiver that ran after ours in
    autocommit (``home/signal_handlers.py`` re-assigns a moved page's unit after
    ``post_page_move``) has written by then."""
    reason = getattr(_pending, "reason", None)
    _pending.in_request, _pending.reason = False, None
    if reason is not None:
        keys.bump(reason=f"{reason} (request end)")


def watched_models():
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting

    names = getattr(policy.settings, "PAGECACHE_INVALIDATING_MODELS", DEFAULT_INVALIDATING_MODELS)
    found = [apps.get_model(name) for name in names]
    found += [m for m in apps.get_models() if issubclass(m, (BaseSiteSetting, BaseGenericSetting))]
    return tuple(found)


def on_page_event(sender, instance, **kwargs):
    invalidate(f"{sender.__name__} {instance.pk}", pages=[instance])


def on_page_saved(sender, instance, created, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= DRAFT_FIELDS:
        return
    if created and not instance.live:
        return
    invalidate(f"{sender.__name__} {instance.pk} saved", pages=[instance] if instance.live else [])


def on_page_deleted(sender, instance, **kwargs):
    invalidate(f"{sender.__name__} {instance.pk} deleted")


def on_model_changed(sender, instance, update_fields=None, **kwargs):
    if update_fields and set(update_fields) <= LAZY_FILE_FIELDS:
        return
    invalidate(f"{sender.__name__} {instance.pk}")


def on_restriction_groups_changed(sender, instance, action, **kwargs):
    if action.startswith("post_"):
        invalidate(f"{type(instance).__name__} {instance.pk} groups")


def connect():
    request_started.connect(on_request_started, dispatch_uid=f"{DISPATCH}_request_started")
    request_finished.connect(on_request_finished, dispatch_uid=f"{DISPATCH}_request_finished")
    page_published.connect(on_page_event, dispatch_uid=f"{DISPATCH}_published")
    page_unpublished.connect(on_page_event, dispatch_uid=f"{DISPATCH}_unpublished")
    post_page_move.connect(on_page_event, dispatch_uid=f"{DISPATCH}_moved")
    for model in apps.get_models():
        if issubclass(model, Page):
            # Page and each specific type (a post_save names the class that was saved).
            post_save.connect(on_page_saved, sender=model, dispatch_uid=f"{DISPATCH}_save_{model._meta.label}")
            post_delete.connect(on_page_deleted, sender=model, dispatch_uid=f"{DISPATCH}_delete_{model._meta.label}")
    for model in watched_models():
        post_save.connect(on_model_changed, sender=model, dispatch_uid=f"{DISPATCH}_save_{model._meta.label}")
        post_delete.connect(on_model_changed, sender=model, dispatch_uid=f"{DISPATCH}_delete_{model._meta.label}")
    for through in restriction_groups():
        m2m_changed.connect(
            on_restriction_groups_changed, sender=through, dispatch_uid=f"{DISPATCH}_m2m_{through._meta.label}"
        )


def restriction_groups():
    from wagtail.models import CollectionViewRestriction, PageViewRestriction

    return (PageViewRestriction.groups.through, CollectionViewRestriction.groups.through)
