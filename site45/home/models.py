"""The site tree: home, unit sections (單位專區), per-type indexes and the content base class.

Ownership is carried by the tree: every content page lives inside its unit's section
(``UnitPage``), so its owning unit is the section's unit. ``ContentPage.save`` copies that unit
onto the page for filtering and the API; nobody types it in.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from site45.governance.org.matrix import CONTENT_TYPE_CODES, unit_type_allows
from site45.governance.permissions.page_tester import UnitPagePermissionTester, UnitSectionPermissionTester
from site45.request_log import current_request
from site45.search.cjk import bigram_text
from site45.search.index import BigramSearchField

from .blocks import BodyBlock
from .content_types import CONTENT_TYPE_LABELS
from .counties import COUNTY_CHOICES, county_of
from .feeds import ContentTypeFeed
from .listing import filtered_listing
from .navigation import navigation, public_q
from .page_forms import ContentPageForm
from .routing import find_by_path
from .serializers import UnitSerializer
from .slugs import dated_slug
from .widgets import document_panel

#: The fields of Wagtail's page table (a listing dated by one of them names its content type).
PAGE_FIELD_NAMES = frozenset(field.name for field in Page._meta.concrete_fields)

CONTENT_TYPE_CHOICES = [(code, CONTENT_TYPE_LABELS[code]) for code in CONTENT_TYPE_CODES]


def content_page_models():
    """``{matrix_code: page model}`` for every concrete content page class."""
    found = {}
    stack = list(ContentPage.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if not cls._meta.abstract and cls.matrix_code:
            found[cls.matrix_code] = cls
    return found


class ViewRestrictionsInOneQuery:
    """Wagtail's ``get_view_restrictions`` (asked before every page is served) in one query, or none.

    Wagtail reads the ancestors' alias links, then the restrictions: two queries per request.
    The rule is kept: the restrictions of the page and of its ancestors, each alias replaced
    by its source page. When the page is the one being served and the request's navigation
    (``navigation.py``, which reads the page and its ancestors anyway) found no restriction on
    them and no alias among them, the answer is known without asking.
    """

    def get_view_restrictions(self):
        request = current_request()
        if request is not None and navigation(request).is_public_without_aliases(self):
            return PageViewRestriction.objects.none()  # the request's navigation already asked
        steplen = Page.steplen
        chain = [self.path[:n] for n in range(steplen, len(self.path) + 1, steplen)]
        sources = Page.objects.filter(path__in=chain, alias_of__isnull=False).values("alias_of_id")
        return PageViewRestriction.objects.filter(
            Q(page__path__in=chain, page__alias_of__isnull=True) | Q(page_id__in=sources)
        )


class HomePage(ViewRestrictionsInOneQuery, Page):
    intro = models.TextField(_("歡迎詞"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("首頁")

    def latest_by_type(self, per_type=3):
        """The newest live pages of each content type in this page's language.

        One query per type, each its type's own ``listing()`` cut to ``per_type`` rows: the
        listing indexes (``*_listing_idx``) give the first rows without sorting the type.
        """
        sections = []
        models_by_code = content_page_models()
        for code in CONTENT_TYPE_CODES:
            model = models_by_code.get(code)
            if model is None:
                continue
            pages = list(model.listing(locale=self.locale_id)[:per_type])
            sections.append({"code": code, "label": CONTENT_TYPE_LABELS[code], "pages": pages, "index": None})
        return sections

    def route(self, request, path_components):
        """Find a page below home by its URL path in one query (``routing.py``), not one level at a time."""
        found = find_by_path(self, path_components)
        if found is not None:
            page, rest = found
            return page.route(request, rest)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        nav = navigation(request)
        context["sections"] = sections = self.latest_by_type()
        for section in sections:
            section["index"] = nav.type_index_for(section["code"], self.locale_id)
        return context


class UnitsIndexPage(ViewRestrictionsInOneQuery, Page):
    """單位專區: the parent of every unit's section."""

    intro = models.TextField(_("說明"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.UnitPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("單位專區索引")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = (
            UnitPage.objects.child_of(self).live().public().select_related("unit").order_by("unit__code")
        )
        return context


class UnitPage(ViewRestrictionsInOneQuery, Page):
    """A unit's section (單位專區). Content created here is owned by ``unit``.

    ``is_unit_section`` tells the governance app (which never imports this module) that
    this page type scopes page permissions to a unit.
    """

    is_unit_section = True

    unit = models.ForeignKey(
        "governance.Unit", verbose_name=_("單位"), on_delete=models.PROTECT, related_name="sections"
    )
    #: The unit's type, repeated so that listings can ask "may this type be created here?"
    #: without a query per row; ``save`` and ``Unit.save`` keep it in step.
    unit_type = models.CharField(_("單位類型"), max_length=32, editable=False, default="")
    intro = models.TextField(_("單位簡介"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("unit"), FieldPanel("intro")]
    parent_page_types = ["home.UnitsIndexPage"]
    api_fields = [APIField("unit", serializer=UnitSerializer()), APIField("intro")]

    class Meta:
        verbose_name = _("單位專區")

    def permissions_for_user(self, user):
        return UnitSectionPermissionTester(user, self)

    def save(self, *args, **kwargs):
        if self.unit_id:
            self.unit_type = self.unit.unit_type
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        clash = UnitPage.objects.filter(unit_id=self.unit_id, locale_id=self.locale_id).exclude(pk=self.pk)
        if self.unit_id and clash.exists():
            raise ValidationError({"unit": _("此單位在這個語言已經有單位專區。")})

    @classmethod
    def allowed_subpage_models(cls):
        return list(content_page_models().values())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        groups = []
        for code, model in content_page_models().items():
            pages = list(model.listing(locale=self.locale).filter(unit_id=self.unit_id)[:10])
            if pages:
                groups.append({"code": code, "label": CONTENT_TYPE_LABELS[code], "pages": pages})
        context["groups"] = groups
        return context


class ContentIndexPage(ViewRestrictionsInOneQuery, RoutablePageMixin, Page):
    """The public list of one content type across every unit (e.g. /hot-news/), with its RSS feed."""

    matrix_code = models.CharField(_("內容類型"), max_length=40, choices=CONTENT_TYPE_CHOICES)
    intro = models.TextField(_("說明"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("matrix_code"), FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    api_fields = [APIField("matrix_code"), APIField("intro")]
    paginate_by = 10

    class Meta:
        verbose_name = _("內容類型索引")

    def clean(self):
        super().clean()
        clash = ContentIndexPage.objects.filter(matrix_code=self.matrix_code, locale_id=self.locale_id).exclude(
            pk=self.pk
        )
        if self.matrix_code and clash.exists():
            raise ValidationError({"matrix_code": _("這個內容類型在這個語言已經有索引頁。")})

    @property
    def listed_model(self):
        return content_page_models()[self.matrix_code]

    def listing(self):
        return self.listed_model.listing(locale=self.locale_id)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(filtered_listing(self, request))
        return context

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("rss/")
    def rss(self, request):
        return ContentTypeFeed(self)(request)


class SiteMapPage(ViewRestrictionsInOneQuery, Page):
    """網站導覽: the site map and the explanation of the 導盲磚 access keys."""

    #: How ``navigation`` finds the site map among the rows it read (it never imports models).
    is_site_map = True

    intro = RichTextField(_("說明"), blank=True, features=["bold", "link", "ol", "ul"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("網站導覽")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = self.get_parent().specific
        context["tree"] = [
            (child, list(child.get_children().live().public().in_menu()))
            for child in home.get_children().live().public().in_menu()
        ]
        context["indexes"] = ContentIndexPage.objects.live().filter(locale_id=self.locale_id)
        return context


class PageAttachment(Orderable):
    """A downloadable file (ODF or PDF) attached to a content page."""

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("文件"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("顯示名稱"), max_length=255, blank=True)

    panels = [document_panel("document"), FieldPanel("title")]
    api_fields = [APIField("title"), APIField("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    @property
    def display_title(self):
        return self.title or self.document.title


class ContentPage(ViewRestrictionsInOneQuery, Page):
    """Base of the eight content types. Each subclass declares its ``matrix_code``.

    ``matrix_code`` is the only thing the governance app knows about a content type.
    ``date_field`` names the field that dates the page for listings and filters.
    """

    matrix_code = None
    date_field = "first_published_at"
    date_is_datetime = True
    has_county = False
    has_attachments = False

    #: The columns a list of pages reads (the card, the feed, the page's URL): a list of eight
    #: types on the home page cost more to build from every column than to query.
    LISTING_FIELDS = (
        "title",
        "slug",
        "path",
        "depth",
        "url_path",
        "locale",
        "content_type",
        "live",
        "translation_key",
        "first_published_at",
        "search_description",
        "summary",
        "unit__code",
        "unit__name_zh",
        "unit__name_en",
    )

    unit = models.ForeignKey(
        "governance.Unit",
        verbose_name=_("發布單位"),
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        null=True,
    )
    summary = models.TextField(_("摘要"), blank=True, max_length=500)
    body = StreamField(BodyBlock(), verbose_name=_("內文"), blank=True)

    parent_page_types = ["home.UnitPage"]
    subpage_types = []
    #: A new page's defaults from its section and its dated slug (``page_forms.py``).
    base_form_class = ContentPageForm

    # The title as bigrams, so a title holding the words ranks first (site45/search/postgres.py).
    search_fields = Page.search_fields + [
        BigramSearchField("title", boost=2),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("cjk_search_text"),
        index.FilterField("unit_id"),
        index.FilterField("locale_id"),
    ]
    api_base_fields = [
        APIField("unit", serializer=UnitSerializer()),
        APIField("summary"),
        APIField("body"),
    ]

    class Meta:
        abstract = True

    @classmethod
    def can_create_at(cls, parent):
        """Only inside a unit's section, and only types Attachment 2 allows that unit's type."""
        if not super().can_create_at(parent):
            return False
        section = parent.specific
        return isinstance(section, UnitPage) and unit_type_allows(section.unit_type, cls.matrix_code)

    def can_move_to(self, parent):
        """A move is a re-creation elsewhere: the same rule as ``can_create_at`` applies.

        Only into a unit's section whose unit type Attachment 2 allows to publish this type
        (asked of ``matrix.py``), so a never-published draft cannot be carried into a unit
        that may not publish it. Wagtail's move views, the destination chooser and bulk moves
        all ask this (through the page permission tester), for superusers too.
        """
        if not super().can_move_to(parent):
            return False
        section = parent.specific
        return isinstance(section, UnitPage) and unit_type_allows(section.unit_type, self.matrix_code)

    def permissions_for_user(self, user):
        return UnitPagePermissionTester(user, self)

    @classmethod
    def listing(cls, locale=None):
        """Live, public pages of this type, newest first; subclasses refine (expiry, upcoming)."""
        qs = cls.objects.live().filter(public_q()).select_related("unit").only(*cls.listing_fields())
        if cls.date_field in PAGE_FIELD_NAMES:
            # Dated on Wagtail's page table: naming the type lets site45_page_type_published
            # (migration 0004) give this type's newest pages without walking the others'.
            qs = qs.filter(content_type=ContentType.objects.get_for_model(cls))
        if locale is not None:
            qs = qs.filter(locale=locale)
        return qs.order_by(f"-{cls.date_field}", "-pk")

    @classmethod
    def listing_fields(cls):
        return (*cls.LISTING_FIELDS, cls.date_field, *(["county"] if cls.has_county else []))

    @property
    def listing_date(self):
        return getattr(self, self.date_field)

    @cached_property
    def owning_section(self):
        parent = self.get_parent()
        return parent.specific if parent else None

    def cjk_search_text(self):
        """Every searchable text of the page as character bigrams (see site45/search)."""
        parts = [self.title, self.summary, *self.extra_search_texts()]
        parts.extend(str(t) for t in self.body.stream_block.get_searchable_content(self.body))
        return bigram_text(" ".join(p for p in parts if p))

    def extra_search_texts(self):
        return []

    def withheld_from_public(self):
        """Names of this page's API fields the public may not see on this page, shown as null.

        A type whose field shows a person only with their consent says so (``cases``); the API
        asks the page and knows no type.
        """
        return ()

    @classmethod
    def shown_publicly(cls, field_name):
        """The pages of this type whose ``field_name`` the public may see, as a ``Q``.

        All of them (an empty ``Q``) unless the type withholds the field; the twin of
        :meth:`withheld_from_public` for filters and for the public images.
        """
        return Q()

    @classmethod
    def defaults_from_section(cls, section):
        """The initial values a new page of this type takes from its unit's section (a ``UnitPage``).

        The unit's county (縣市) where the type has one: a county unit's, or the county's of a
        unit inside it; none for headquarters and the branches (``counties.county_of``).
        """
        defaults = {}
        if cls.has_county and section.unit_id:
            county = county_of(section.unit)
            if county:
                defaults["county"] = county
        return defaults

    def _fill_slug(self):
        """A new page saved without a slug gets a dated one (``slugs.py``), not one made of its title."""
        if not self.slug and self._state.adding and self.path:
            self.slug = dated_slug(self.get_parent(), self.matrix_code)

    def _assign_owning_unit(self):
        parent = self.get_parent() if self.path else None
        section = parent.specific if parent else None
        if not isinstance(section, UnitPage):
            raise ValidationError(_("內容頁必須建立在單位專區之下。"))
        self.unit_id = section.unit_id

    def full_clean(self, *args, **kwargs):
        if self.path:
            self._assign_owning_unit()
            self._fill_slug()
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        if self.path:
            self._assign_owning_unit()
            self._fill_slug()
        return super().save(*args, **kwargs)

    @property
    def county_label(self):
        county = getattr(self, "county", "")
        return dict(COUNTY_CHOICES).get(county, "")

    def get_type_index(self):
        return ContentIndexPage.objects.live().filter(locale_id=self.locale_id, matrix_code=self.matrix_code).first()


def attachments_panel():
    return InlinePanel("attachments", label=_("附件（ODF 或 PDF）"))
