"""Read-only headless API (Wagtail API v2): live, public pages only.

Wagtail's pages endpoint already limits itself to live pages outside view restrictions and
serves the live row, never a newer draft revision. We add two filters that work with or
without ``?type=``: ``?unit=<unit code>`` and ``?county=<ISO code>``.

Personal data: nothing beyond what the public page shows. A success case's photo is shown
on its page only with recorded consent (``photo_consent``), so without consent the API
returns ``photo`` and ``photo_thumbnail`` as null, cannot be filtered by ``?photo=``, and the
images endpoint does not serve a success case photo that no live, public, consented page
shows.
"""

from django.db.models import Q
from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from site45.search.views import MAX_QUERY_LENGTH

from .counties import COUNTY_CODES
from .models import ContentPage, content_page_models

OWN_FILTERS = ("unit", "county")

#: Fields shown only when the page's consent flag is set: {field: consent attribute}.
CONSENT_GATED_FIELDS = {"photo": "photo_consent", "photo_thumbnail": "photo_consent"}


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

        # One subquery per content type, OR-ed (a UNION of ordered model querysets is not
        # valid SQL on SQLite).
        matching = Q()
        for page_model in content_page_models().values():
            if county is not None and not page_model.has_county:
                continue
            qs = page_model.objects.order_by()
            if unit is not None:
                qs = qs.filter(unit__code=unit)
            if county is not None:
                qs = qs.filter(county=county)
            matching |= Q(pk__in=qs.values("pk"))
        if not matching:
            return queryset.none()
        return queryset.filter(matching)


class ConsentFilter:
    """``?photo=<id>`` only matches pages whose photo is public (consent recorded)."""

    def filter_queryset(self, request, queryset, view):
        for field, consent in CONSENT_GATED_FIELDS.items():
            if field in request.GET and hasattr(queryset.model, consent):
                queryset = queryset.filter(**{consent: True})
        return queryset


class SearchQueryCheck:
    """``?search=`` obeys the limits of the public search page; a bad operator is a 400."""

    def filter_queryset(self, request, queryset, view):
        query = request.GET.get("search")
        if query is not None:
            if len(query) > MAX_QUERY_LENGTH:
                raise BadRequestError(f"search must be at most {MAX_QUERY_LENGTH} characters")
            if "\x00" in query:
                raise BadRequestError("search contains an invalid character")
        operator = request.GET.get("search_operator")
        if operator is not None and operator.lower() not in ("and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        return queryset


class PublicPageSerializer(PageSerializer):
    def to_representation(self, instance):
        data = super().to_representation(instance)
        if hasattr(instance, "public_photo") and instance.public_photo is None:
            for field in CONSENT_GATED_FIELDS:
                if field in data:
                    data[field] = None
        return data


class PublicPagesAPIViewSet(PagesAPIViewSet):
    base_serializer_class = PublicPageSerializer
    filter_backends = [SearchQueryCheck, FieldsFilterExceptOwn, UnitCountyFilter, ConsentFilter] + [
        f for f in PagesAPIViewSet.filter_backends if f is not FieldsFilter
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(OWN_FILTERS)


def unshown_personal_images():
    """Ids of success case photos that no live, public page with consent shows."""
    from site45.cases.models import SuccessCasePage

    with_photo = SuccessCasePage.objects.filter(photo__isnull=False)
    shown = with_photo.live().public().filter(photo_consent=True).values("photo_id")
    return with_photo.exclude(photo_id__in=shown).values("photo_id")


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    def get_queryset(self):
        return super().get_queryset().exclude(pk__in=unshown_personal_images())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
