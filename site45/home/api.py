"""Read-only headless API (Wagtail API v2): live, public pages only.

Wagtail's pages endpoint already limits itself to live pages outside view restrictions and
serves the live row, never a newer draft revision. We add two filters that work with or
without ``?type=``: ``?unit=<unit code>`` and ``?county=<ISO code>``.
"""

from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from .counties import COUNTY_CODES
from .models import ContentPage, content_page_models

OWN_FILTERS = ("unit", "county")


class FieldsFilterExceptOwn(FieldsFilter):
    """Wagtail's field filter, leaving ``unit`` and ``county`` to :class:`UnitCountyFilter`."""

    def filter_queryset(self, request, queryset, view):
        if not any(name in request.GET for name in OWN_FILTERS):
            return super().filter_queryset(request, queryset, view)
        original = request._request.GET
        trimmed = original.copy()
        for name in OWN_FILTERS:
            trimmed.pop(name, None)
        request._request.GET = trimmed
        try:
            return super().filter_queryset(request, queryset, view)
        finally:
            request._request.GET = original


class UnitCountyFilter:
    def filter_queryset(self, request, queryset, view):
        unit = request.GET.get("unit")
        county = request.GET.get("county")
        if county is not None and county not in COUNTY_CODES:
            raise BadRequestError("county must be one of the ISO 3166-2:TW codes, e.g. TW-TPE")
        if unit is None and county is None:
            return queryset

        model = queryset.model
        if issubclass(model, ContentPage):
            if county is not None and not model.has_county:
                return queryset.none()
            lookups = {}
            if unit is not None:
                lookups["unit__code"] = unit
            if county is not None:
                lookups["county"] = county
            return queryset.filter(**lookups)

        matching_ids = []
        for page_model in content_page_models().values():
            if county is not None and not page_model.has_county:
                continue
            qs = page_model.objects.all()
            if unit is not None:
                qs = qs.filter(unit__code=unit)
            if county is not None:
                qs = qs.filter(county=county)
            matching_ids.append(qs.values("pk"))
        if not matching_ids:
            return queryset.none()
        ids = matching_ids[0].union(*matching_ids[1:]) if len(matching_ids) > 1 else matching_ids[0]
        return queryset.filter(pk__in=ids)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    filter_backends = [FieldsFilterExceptOwn, UnitCountyFilter] + [
        f for f in PagesAPIViewSet.filter_backends if f is not FieldsFilter
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(OWN_FILTERS)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
