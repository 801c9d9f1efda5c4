"""成功就業案例, 友善頭家, 名人講堂, 世代合作 (SPEC §1)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.search import index

from site45.home.counties import COUNTY_CHOICES
from site45.home.models import ContentPage
from site45.home.widgets import image_panel


def _photo_field():
    return models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("照片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )


def _photo_api_fields():
    return [
        APIField("photo"),
        APIField("photo_thumbnail", serializer=ImageRenditionField("fill-640x480", source="photo")),
    ]


class SuccessCasePage(ContentPage):
    """A person's way back to work. A photo is shown only with recorded consent."""

    matrix_code = "success_case"
    has_county = True

    AGE_MIDDLE = "45-64"
    AGE_SENIOR = "65+"
    AGE_BAND_CHOICES = [(AGE_MIDDLE, _("中高齡（45–64 歲）")), (AGE_SENIOR, _("高齡（65 歲以上）"))]

    person_name = models.CharField(_("主角（姓名或化名）"), max_length=100)
    age_band = models.CharField(_("年齡層"), max_length=8, choices=AGE_BAND_CHOICES)
    occupation = models.CharField(_("職業"), max_length=100)
    employer = models.CharField(_("雇主"), max_length=200)
    county = models.CharField(_("縣市"), max_length=8, choices=COUNTY_CHOICES)
    photo = _photo_field()
    photo_consent = models.BooleanField(_("已取得當事人照片使用同意"), default=False)
    photo_consent_date = models.DateField(_("同意日期"), null=True, blank=True)

    content_panels = ContentPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("person_name"), FieldPanel("age_band")]),
                FieldRowPanel([FieldPanel("occupation"), FieldPanel("employer")]),
                FieldPanel("county"),
            ],
            heading=_("主角"),
        ),
        MultiFieldPanel(
            [
                image_panel("photo"),
                FieldRowPanel([FieldPanel("photo_consent"), FieldPanel("photo_consent_date")]),
            ],
            heading=_("照片與同意"),
        ),
        FieldPanel("body", heading=_("故事")),
    ]
    search_fields = ContentPage.search_fields + [
        index.SearchField("occupation"),
        index.SearchField("employer"),
        index.FilterField("county"),
    ]
    api_fields = (
        ContentPage.api_base_fields
        + [APIField(name) for name in ("person_name", "age_band", "occupation", "employer", "county")]
        + _photo_api_fields()
    )

    class Meta:
        verbose_name = _("成功就業案例")
        verbose_name_plural = _("成功就業案例")

    def clean(self):
        super().clean()
        if self.photo_id and not (self.photo_consent and self.photo_consent_date):
            raise ValidationError({"photo_consent": _("使用照片前，請勾選已取得同意並填寫同意日期。")})

    #: The success cases whose photo the public may see: those with recorded consent (SPEC §1).
    PHOTO_SHOWN = Q(photo_consent=True)
    #: The API fields that show the photo (``_photo_api_fields``).
    PHOTO_API_FIELDS = ("photo", "photo_thumbnail")

    @property
    def public_photo(self):
        """The photo as the public may see it: only with recorded consent (:attr:`PHOTO_SHOWN`
        for a whole queryset). The page's template, the API and the public images all ask
        this class, so the consent rule lives here alone."""
        return self.photo if self.photo_consent else None

    def withheld_from_public(self):
        """Without consent the API shows the photo and its thumbnail as null."""
        return self.PHOTO_API_FIELDS if self.public_photo is None else ()

    @classmethod
    def shown_publicly(cls, field_name):
        """Only consented pages answer a filter on the photo, and only their photos are public."""
        return cls.PHOTO_SHOWN if field_name in cls.PHOTO_API_FIELDS else Q()

    def extra_search_texts(self):
        return [self.occupation, self.employer]


class FriendlyEmployerPage(ContentPage):
    matrix_code = "friendly_employer"
    has_county = True

    company = models.CharField(_("公司名稱"), max_length=200)
    industry = models.CharField(_("產業"), max_length=100)
    county = models.CharField(_("縣市"), max_length=8, choices=COUNTY_CHOICES)
    address = models.CharField(_("地址"), max_length=255)
    practices = models.TextField(_("友善高齡措施"))
    openings_url = models.URLField(_("職缺連結"), blank=True)
    photo = _photo_field()

    content_panels = ContentPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("company"), FieldPanel("industry")]),
                FieldRowPanel([FieldPanel("county"), FieldPanel("address")]),
                FieldPanel("openings_url"),
            ],
            heading=_("企業資料"),
        ),
        FieldPanel("practices"),
        image_panel("photo"),
        FieldPanel("body"),
    ]
    search_fields = ContentPage.search_fields + [
        index.SearchField("company"),
        index.SearchField("industry"),
        index.SearchField("practices"),
        index.FilterField("county"),
    ]
    api_fields = (
        ContentPage.api_base_fields
        + [APIField(name) for name in ("company", "industry", "county", "address", "practices", "openings_url")]
        + _photo_api_fields()
    )

    class Meta:
        verbose_name = _("友善頭家")
        verbose_name_plural = _("友善頭家")

    def extra_search_texts(self):
        return [self.company, self.industry, self.practices]


class LecturePage(ContentPage):
    matrix_code = "lecture"
    date_field = "date"
    date_is_datetime = False

    speaker = models.CharField(_("講者"), max_length=100)
    speaker_title = models.CharField(_("講者頭銜"), max_length=200, blank=True)
    date = models.DateField(_("日期"), default=datetime.date.today)
    video_url = models.URLField(_("影片網址"), blank=True, help_text=_("YouTube 等影音平台的網址。"))

    content_panels = ContentPage.content_panels + [
        FieldRowPanel([FieldPanel("speaker"), FieldPanel("speaker_title")]),
        FieldPanel("date"),
        FieldPanel("video_url"),
        FieldPanel("summary"),
        FieldPanel("body"),
    ]
    search_fields = ContentPage.search_fields + [index.SearchField("speaker")]
    api_fields = ContentPage.api_base_fields + [
        APIField(name) for name in ("speaker", "speaker_title", "date", "video_url")
    ]

    class Meta:
        verbose_name = _("名人講堂")
        verbose_name_plural = _("名人講堂")
        # Listings sort by the date, newest first (SPEC §1): the index serves the first rows of any page.
        indexes = [models.Index(fields=["date", "page_ptr"], name="cases_lecture_listing_idx")]

    def extra_search_texts(self):
        return [self.speaker, self.speaker_title]


class GenerationCooperationPage(ContentPage):
    matrix_code = "generation_cooperation"
    has_county = True

    project_name = models.CharField(_("計畫或企業名稱"), max_length=200)
    county = models.CharField(_("縣市"), max_length=8, choices=COUNTY_CHOICES)
    cooperation = models.TextField(_("世代合作方式"))
    outcome = models.TextField(_("成果"))
    photo = _photo_field()

    content_panels = ContentPage.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("project_name"), FieldPanel("county")]),
        FieldPanel("cooperation"),
        FieldPanel("outcome"),
        image_panel("photo"),
        FieldPanel("body"),
    ]
    search_fields = ContentPage.search_fields + [
        index.SearchField("project_name"),
        index.SearchField("cooperation"),
        index.SearchField("outcome"),
        index.FilterField("county"),
    ]
    api_fields = (
        ContentPage.api_base_fields
        + [APIField(name) for name in ("project_name", "county", "cooperation", "outcome")]
        + _photo_api_fields()
    )

    class Meta:
        verbose_name = _("世代合作")
        verbose_name_plural = _("世代合作")

    def extra_search_texts(self):
        return [self.project_name, self.cooperation, self.outcome]
