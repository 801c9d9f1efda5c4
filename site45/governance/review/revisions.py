"""A save that changes nothing leaves no draft.

The phantom 「發布+草稿」 after an approval: the approval publishes the approved revision and
sends the reviewer to the editor, where the unchanged form is saved again — by 「儲存草稿」, or
by Wagtail 8's autosave, which typing the approval comment in the editor's dialog sets off and
whose request may land just after the publication. Wagtail makes a new revision of every save,
so a revision identical to the live one became the "current draft" and the page said it had
unpublished changes (dashboards, search, the explorer).

Here, after an edit-view save of a live page, a newest revision whose content equals the live
revision's is taken back: the live revision is the latest again and nothing is unpublished.
A real change is kept as a draft, as always. Only the edit view saves drafts of live pages, so
this one hook covers every way of making the phantom.
"""

from django.db import transaction
from wagtail import hooks
from wagtail.models import Page, PageLogEntry, Revision, TaskState

#: Keys of a revision's content that are bookkeeping, not content: Wagtail keeps them from the
#: page row when it restores a revision (``Page.with_content_json``) or sets them on save.
BOOKKEEPING = frozenset(
    {
        "pk",
        "id",
        "path",
        "depth",
        "numchild",
        "url_path",
        "content_type",
        "draft_title",
        "live",
        "has_unpublished_changes",
        "owner",
        "locked",
        "locked_by",
        "locked_at",
        "latest_revision",
        "latest_revision_created_at",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "expired",
        "alias_of",
        "translation_key",
        "locale",
    }
)


def same_content(a, b):
    """Whether two revisions' contents differ only in bookkeeping."""
    keys = (set(a) | set(b)) - BOOKKEEPING
    return all(a.get(key) == b.get(key) for key in keys)


@transaction.atomic
def drop_unchanged_draft(page):
    """Take back ``page``'s newest revision if it only repeats the live one; True if it did."""
    row = Page.objects.select_for_update().filter(pk=page.pk).first()
    if row is None or not row.live or not row.has_unpublished_changes or not row.live_revision_id:
        return False
    latest, live = row.latest_revision, row.live_revision
    if latest is None or latest.pk == live.pk or not same_content(latest.content, live.content):
        return False
    if row.workflow_in_progress:
        return False  # a submission (even of unchanged content) is the reviewer's to decide
    newer = Revision.objects.for_instance(row).filter(created_at__gte=live.created_at).exclude(pk=live.pk)
    if any(not same_content(r.content, live.content) for r in newer):
        return False  # a real change lies in between: that draft stays
    if TaskState.objects.filter(revision__in=newer).exists():
        return False  # part of a review's record: never deleted
    ids = list(newer.values_list("pk", flat=True))
    # The save stays in the history, pointing at the (identical) live revision.
    PageLogEntry.objects.filter(page_id=row.pk, revision_id__in=ids).update(revision=live)
    Revision.objects.filter(pk__in=ids).delete()
    Page.objects.filter(pk=row.pk).update(
        has_unpublished_changes=False,
        latest_revision=live,
        latest_revision_created_at=live.created_at,
        draft_title=row.title,
    )
    return True


@hooks.register("after_edit_page")
def no_draft_from_an_unchanged_save(request, page):
    drop_unchanged_draft(page)
