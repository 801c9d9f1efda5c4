"""Public search (/search/?q=) across every live, public content page of the current language.

A request costs a fixed number of queries whatever the size of the site: the ranked page of
results (served by the search index, see postgres.py), a count only when the results go on
past this page and the backend does not count along (PostgreSQL does), and the cards' pages
loaded by type (at most one query a page type).
"""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from .bigrams import TOTAL_ATTRIBUTE

MAX_QUERY_LENGTH = 100
PER_PAGE = 10
#: Far past any last page (which is shown instead), and an offset every database accepts.
MAX_PAGE_NUMBER = 100_000


def search(request):
    query = request.GET.get("q", "").strip()
    error = ""
    if len(query) > MAX_QUERY_LENGTH:
        error = _("搜尋字詞最多 %(max)d 個字，請縮短後再試。") % {"max": MAX_QUERY_LENGTH}
        query = query[:MAX_QUERY_LENGTH]
    elif "\x00" in query:
        error = _("搜尋字詞含有無效字元。")
        query = ""
    results = None
    if query and not error:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).exclude(depth__lte=2)
        # Only what finds each result's own page (``specific_pages``): ranking and counting
        # every match carries the rows along, and narrow rows keep that in memory.
        results = pages.only("id", "content_type_id").search(query)
    page_obj = paginate(results, request.GET.get("page"), PER_PAGE)
    page_obj.object_list = specific_pages(page_obj.object_list)
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "page_obj": page_obj, "results": page_obj.object_list, "error": error},
        status=400 if error else 200,
    )


def paginate(results, number, per_page):
    """The requested page of ``results`` (the last one if past the end, the first if not a number).

    Fetches one result beyond the page: when there is none, the total is known from the page
    itself (every search with ten results or fewer, every last page). Otherwise the backend's
    total carried by the results is used where it gives one (PostgreSQL), and a count is made
    only where it does not.
    """
    paginator = Paginator([], per_page)
    try:
        number = min(max(1, int(number)), MAX_PAGE_NUMBER)
    except (TypeError, ValueError):
        number = 1
    if results is None:
        paginator.count = 0
        return paginator.page(1)
    start = (number - 1) * per_page
    rows = list(results[start : start + per_page + 1])
    if rows and len(rows) <= per_page:
        paginator.count = start + len(rows)
    elif not rows and number == 1:
        paginator.count = 0
    else:
        total = getattr(rows[0], TOTAL_ATTRIBUTE, None) if rows else None
        paginator.count = total if total is not None else results.count()
        if not rows:  # past the end: show the last page
            number = paginator.num_pages
            start = (number - 1) * per_page
            rows = list(results[start : start + per_page])
    paginator.object_list = _Known(rows[:per_page], start, paginator.count)
    return paginator.page(number)


class _Known:
    """The one page of results fetched, where ``Paginator.page`` slices the whole list."""

    def __init__(self, rows, start, count):
        self.rows, self.start, self.count_ = rows, start, count

    def __getitem__(self, index):
        return self.rows[index.start - self.start : index.stop - self.start]

    def __len__(self):
        return self.count_


def specific_pages(pages):
    """``pages`` as their specific pages, in order: one query per page type, unit joined."""
    by_type = {}
    for page in pages:
        by_type.setdefault(page.specific_class or Page, []).append(page.pk)
    loaded = {}
    for model, ids in by_type.items():
        queryset = model._default_manager.filter(pk__in=ids)
        if hasattr(model, "listing_fields"):  # a content page: only what its card shows
            queryset = queryset.select_related("unit").only(*model.listing_fields())
        else:
            queryset = queryset.defer_streamfields()
        loaded.update((page.pk, page) for page in queryset)
    return [loaded[page.pk] for page in pages if page.pk in loaded]
