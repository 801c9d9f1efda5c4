"""Public search (/search/?q=) across every live, public content page of the current language."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 100


def search(request):
    query = request.GET.get("q", "").strip()
    error = ""
    results = Page.objects.none()
    if len(query) > MAX_QUERY_LENGTH:
        error = _("搜尋字詞最多 %(max)d 個字，請縮短後再試。") % {"max": MAX_QUERY_LENGTH}
        query = query[:MAX_QUERY_LENGTH]
    elif "\x00" in query:
        error = _("搜尋字詞含有無效字元。")
        query = ""
    if query and not error:
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).exclude(depth__lte=2)
        results = pages.search(query)
    paginator = Paginator(results, 10)
    page_obj = paginator.get_page(request.GET.get("page"))
    return TemplateResponse(
        request,
        "search/search.html",
        {"search_query": query, "page_obj": page_obj, "results": page_obj.object_list, "error": error},
        status=400 if error else 200,
    )
