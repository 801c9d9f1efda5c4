"""Read-only headless API (Wagtail API v2): live, public pages only.

Wagtail's pages endpoint already limits itself to live pages outside view restrictions and
serves the live row, never a newer draft revision. We add two filters that work with or
without ``?type=``: ``?unit=<unit code>`` and ``?county=<ISO code>``.

Personal data: nothing beyond what the public page shows. A page type may show a field only
under its own rule (a success case's photo needs recorded consent, ``cases``); the API asks the
page (``ContentPage.withheld_from_public``: such fields are null) and its type
(``ContentPage.shown_publicly``: a filter on such a field matches only pages that show it), and
knows no type itself.

The images and documents endpoints list only the files the public may fetch
(``public_media.py``: used by a live, public page, or in the shared collection; never a success
case photo without consent).
"""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer, TagsField
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.images.models import AbstractImage

from site45.search.views import MAX_QUERY_LENGTH

from .counties import COUNTY_CODES
from .models import ContentPage, PageAttachment, content_page_models
from .public_media import public_documents, public_images

OWN_FILTERS = ("unit", "county")
#: The largest ``?offset=`` we accept: far beyond any real listing, far below what the
#: database's 64-bit LIMIT/OFFSET can hold (a larger one was a 500, not a 400).
MAX_OFFSET = 1_000_000


class ParameterGuard:
    """Checks every request to an endpoint before any query: hostile input is a 400, never a 500.

    Wagtail's API turns most bad parameters into a 400 itself; these it does not:

    - a NUL character in any parameter name or value (PostgreSQL refuses it in a query:
      ``?unit=``, ``?locale=``, ``?html_path=`` were 500s there);
    - an ``?offset=`` beyond the database's integer range (a 500 on both databases);
    - a non-numeric ``?id=`` of the ``find`` view (a ``ValueError``, so a 500);
    - an unknown ``?format=`` (Django REST framework answers a 404 without a message).

    Mixed into each public endpoint, so it also covers ``find`` (which skips the filters).
    """

    def initial(self, request, *args, **kwargs):
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                raise BadRequestError(f"parameter {name.replace(chr(0), '')!r} contains an invalid character")
        if _as_int(request.GET.get("offset"), default=0) > MAX_OFFSET:
            raise BadRequestError(f"offset must be at most {MAX_OFFSET}")
        if getattr(self, "action", None) == "find_view" and "id" in request.GET:
            if not 0 < _as_int(request.GET["id"], default=-1) < 2**63:
                raise BadRequestError("id must be a positive integer")
        formats = sorted(renderer.format for renderer in self.renderer_classes)
        if request.GET.get("format", formats[0]) not in formats:
            raise BadRequestError(f"format must be one of: {', '.join(formats)}")  # DRF: a bare 404
        super().initial(request, *args, **kwargs)


def _as_int(value, default):
    """``int(value)``, or ``default`` for anything that is not an integer (Wagtail answers those)."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


class CheckedFieldsFilter(FieldsFilter):
    """Wagtail's field filter (``?title=…``, ``?date=…``) that first checks each value's type.

    A value the field cannot hold (``?date=2026-02-30``, ``?first_published_at=x``,
    ``?attachments=x``, ``?width=10**30``) is a 400 here; Wagtail converts only booleans,
    integers and foreign keys and lets the rest reach the database as a ``ValidationError``,
    ``ValueError`` or ``OverflowError`` (a 500).
    """

    def filter_queryset(self, request, queryset, view):
        self.check_values(request, queryset, view)
        return super().filter_queryset(request, queryset, view)

    @staticmethod
    def check_values(request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True)) - {"locale"}
        for name, value in request.GET.items():
            if name not in fields or name in OWN_FILTERS:
                continue
            try:
                field = queryset.model._meta.get_field(name)
            except (LookupError, FieldDoesNotExist):
                continue
            if isinstance(field, models.BooleanField):
                continue  # Wagtail's own conversion answers these with a 400
            try:
                if field.is_relation:  # also reverse ones (``?attachments=``), which Wagtail leaves raw
                    converted = field.target_field.get_prep_value(value)
                elif isinstance(field, (models.IntegerField, models.AutoField)):
                    converted = _as_int(value, default=None)  # not a number: Wagtail's own 400
                else:
                    converted = field.to_python(value)
            except (ValidationError, ValueError, TypeError, OverflowError) as e:
                raise BadRequestError(f"field filter error. {value[:100]!r} is not a valid value for {name}") from e
            if isinstance(converted, int) and not -(2**63) <= converted < 2**63:
                raise BadRequestError(f"field filter error. {name} is out of range")


def with_checked_fields_filter(backends):
    return [CheckedFieldsFilter if backend is FieldsFilter else backend for backend in backends]


class FieldsFilterExceptOwn(CheckedFieldsFilter):
    """The checked field filter, leaving ``unit`` and ``county`` to :class:`UnitCountyFilter`."""

    def filter_queryset(self, request, queryset, view):
        self.check_values(request, queryset, view)
        return self._filter_without_own(request, queryset, view)

    def _filter_without_own(self, request, queryset, view):
        if not any(name in request.GET for name in OWN_FILTERS):
            return FieldsFilter.filter_queryset(self, request, queryset, view)
        original = request._request.GET
        trimmed = original.copy()
        for name in OWN_FILTERS:
            trimmed.pop(name, None)
        request._request.GET = trimmed
        try:
            return FieldsFilter.filter_queryset(self, request, queryset, view)
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


class WithheldFieldFilter:
    """A filter on a field a page withholds from the public (``?photo=<id>`` of a success case)
    matches only the pages that show it: the type says which (``ContentPage.shown_publicly``)."""

    def filter_queryset(self, request, queryset, view):
        model = queryset.model
        if not issubclass(model, ContentPage):
            return queryset
        for field in request.GET:
            shown = model.shown_publicly(field)
            if shown:
                queryset = queryset.filter(shown)
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
    """Wagtail's page serializer; a field the page withholds from the public is null."""

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if isinstance(instance, ContentPage):
            for field in instance.withheld_from_public():
                if field in data:
                    data[field] = None
        return data


class PublicPagesAPIViewSet(ParameterGuard, PagesAPIViewSet):
    base_serializer_class = PublicPageSerializer
    filter_backends = [SearchQueryCheck, FieldsFilterExceptOwn, UnitCountyFilter, WithheldFieldFilter] + [
        f for f in PagesAPIViewSet.filter_backends if f is not FieldsFilter
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(OWN_FILTERS)

    def get_base_queryset(self):
        """Wagtail's live, public pages of the site, built once per request (it reads the view
        restrictions and the root's translations, and the listing asks for it three times)."""
        if not hasattr(self, "_base_queryset"):
            self._base_queryset = super().get_base_queryset()
        return self._base_queryset

    def get_queryset(self):
        return with_related_rows(super().get_queryset())


def with_related_rows(queryset):
    """What the serializer reads of each page, joined or prefetched: its locale (``meta``), its
    unit, its images with their renditions and its attachments — not three queries a row."""
    model = queryset.model
    joined, prefetched = ["locale"], []
    for field in model._meta.get_fields():
        if field.many_to_one and field.name == "unit":
            joined.append("unit")
        elif field.many_to_one and issubclass(field.related_model, AbstractImage):
            joined.append(field.name)
            prefetched.append(f"{field.name}__renditions")
    if getattr(model, "has_attachments", False):
        prefetched.append(Prefetch("attachments", queryset=PageAttachment.objects.select_related("document")))
    return queryset.select_related(*joined).prefetch_related(*prefetched)


class PrefetchedTagsField(TagsField):
    """Tag names read from the prefetched tags: Wagtail's field asks the database once per row."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


class PrefetchedTagsMixin:
    def build_property_field(self, field_name, model_class):
        field_class, kwargs = super().build_property_field(field_name, model_class)
        return (PrefetchedTagsField if field_class is TagsField else field_class), kwargs


class PublicImageSerializer(PrefetchedTagsMixin, ImageSerializer):
    pass


class PublicDocumentSerializer(PrefetchedTagsMixin, DocumentSerializer):
    pass


class PublicImagesAPIViewSet(ParameterGuard, ImagesAPIViewSet):
    base_serializer_class = PublicImageSerializer
    filter_backends = with_checked_fields_filter(ImagesAPIViewSet.filter_backends)

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=public_images().values("pk")).prefetch_related("tags")


class PublicDocumentsAPIViewSet(ParameterGuard, DocumentsAPIViewSet):
    base_serializer_class = PublicDocumentSerializer
    filter_backends = with_checked_fields_filter(DocumentsAPIViewSet.filter_backends)

    def get_queryset(self):
        return super().get_queryset().filter(pk__in=public_documents().values("pk")).prefetch_related("tags")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
