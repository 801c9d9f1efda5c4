"""熱門消息, 活動訊息, 新聞稿, 公告 (SPEC §1)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, F, IntegerField, Min, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.search import index

from site45.home.counties import COUNTY_CHOICES
from site45.home.models import ContentPage, attachments_panel
from site45.home.widgets import image_panel

phone_validator = RegexValidator(r"^[0-9()+\-#\s轉]{6,30}$", _("請輸入有效的電話號碼，例如 02-8995-6000 轉 123。"))


class HotNewsPage(ContentPage):
    matrix_code = "hot_news"
    date_field = "date"
    date_is_datetime = False
    has_attachments = True

    date = models.DateField(_("日期"), default=datetime.date.today)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("封面圖片"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = ContentPage.content_panels + [
        FieldPanel("date"),
        FieldPanel("summary"),
        image_panel("cover_image"),
        FieldPanel("body"),
        attachments_panel(),
    ]
    api_fields = ContentPage.api_base_fields + [
        APIField("date"),
        APIField("cover_image"),
        APIField("cover_image_thumbnail", serializer=ImageRenditionField("fill-640x360", source="cover_image")),
        APIField("attachments"),
    ]

    class Meta:
        verbose_name = _("熱門消息")
        verbose_name_plural = _("熱門消息")
        # Listings sort by the date, newest first (SPEC §1): the index serves the first rows of any page.
        indexes = [models.Index(fields=["date", "page_ptr"], name="news_hotnews_listing_idx")]


class EventPage(ContentPage):
    matrix_code = "event"
    date_field = "start_at"
    has_county = True

    start_at = models.DateTimeField(_("開始時間"))
    end_at = models.DateTimeField(_("結束時間"))
    venue = models.CharField(_("地點"), max_length=255)
    county = models.CharField(_("縣市"), max_length=8, choices=COUNTY_CHOICES)
    organiser = models.CharField(_("主辦單位"), max_length=255)
    registration_url = models.URLField(_("報名連結"), blank=True)
    registration_deadline = models.DateTimeField(_("報名截止"), null=True, blank=True)
    fee = models.PositiveIntegerField(_("費用（新臺幣元）"), default=0, help_text=_("免費請填 0。"))
    capacity = models.PositiveIntegerField(_("名額"), null=True, blank=True)

    content_panels = ContentPage.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_at"), FieldPanel("end_at")]),
                FieldRowPanel([FieldPanel("venue"), FieldPanel("county")]),
                FieldPanel("organiser"),
            ],
            heading=_("時間與地點"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_url"),
                FieldPanel("registration_deadline"),
                FieldRowPanel([FieldPanel("fee"), FieldPanel("capacity")]),
            ],
            heading=_("報名"),
        ),
        FieldPanel("body"),
    ]
    search_fields = ContentPage.search_fields + [
        index.SearchField("venue"),
        index.SearchField("organiser"),
        index.FilterField("county"),
    ]
    api_fields = ContentPage.api_base_fields + [
        APIField(name)
        for name in (
            "start_at",
            "end_at",
            "venue",
            "county",
            "organiser",
            "registration_url",
            "registration_deadline",
            "fee",
            "capacity",
        )
    ]

    class Meta:
        verbose_name = _("活動訊息")
        verbose_name_plural = _("活動訊息")
        # Listings sort by the start time (upcoming first, then past): the index serves both halves.
        indexes = [models.Index(fields=["start_at", "page_ptr"], name="news_event_listing_idx")]

    def clean(self):
        super().clean()
        errors = {}
        if self.start_at and self.end_at and self.end_at < self.start_at:
            errors["end_at"] = _("結束時間不可早於開始時間。")
        if self.registration_deadline and self.end_at and self.registration_deadline > self.end_at:
            errors["registration_deadline"] = _("報名截止不可晚於活動結束。")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def listing(cls, locale=None):
        """Upcoming and running events first (soonest first), then past events (latest first)."""
        now = timezone.now()
        qs = (
            super()
            .listing(locale)
            .annotate(is_past=Case(When(end_at__lt=now, then=Value(1)), default=Value(0), output_field=IntegerField()))
        )
        return qs.order_by(
            "is_past",
            Case(When(is_past=0, then=F("start_at"))).asc(nulls_last=True),
            F("start_at").desc(),
            "pk",
        )

    @classmethod
    def next_public_change(cls, now):
        """When event pages and listings next change by the clock: an event ends (it moves to the
        past events) or a registration deadline passes (the page stops offering to register).
        Read by the page cache (``site45/pagecache/horizon.py``)."""
        found = cls.objects.live().aggregate(
            end=Min("end_at", filter=Q(end_at__gt=now)),
            deadline=Min("registration_deadline", filter=Q(registration_deadline__gt=now)),
        )
        return min((moment for moment in found.values() if moment), default=None)

    def extra_search_texts(self):
        return [self.venue, self.organiser]

    @property
    def is_free(self):
        return self.fee == 0

    @property
    def registration_open(self):
        return bool(self.registration_url) and (
            self.registration_deadline is None or self.registration_deadline >= timezone.now()
        )


class PressReleasePage(ContentPage):
    matrix_code = "press_release"
    date_field = "release_date"
    date_is_datetime = False
    has_attachments = True

    release_date = models.DateField(_("發布日期"), default=datetime.date.today)
    contact_name = models.CharField(_("新聞聯絡人"), max_length=100)
    contact_phone = models.CharField(_("聯絡電話"), max_length=30, validators=[phone_validator])

    content_panels = ContentPage.content_panels + [
        FieldPanel("release_date"),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_phone")], heading=_("新聞聯絡人")),
        FieldPanel("body"),
        attachments_panel(),
    ]
    api_fields = ContentPage.api_base_fields + [
        APIField("release_date"),
        APIField("contact_name"),
        APIField("contact_phone"),
        APIField("attachments"),
    ]

    class Meta:
        verbose_name = _("新聞稿")
        verbose_name_plural = _("新聞稿")
        # Listings sort by the date, newest first (SPEC §1): the index serves the first rows of any page.
        indexes = [models.Index(fields=["release_date", "page_ptr"], name="news_press_listing_idx")]


class AnnouncementPage(ContentPage):
    """An announcement leaves listings after ``valid_until`` and is unpublished at its end."""

    matrix_code = "announcement"
    date_field = "announcement_date"
    date_is_datetime = False
    has_attachments = True

    announcement_date = models.DateField(_("公告日期"), default=datetime.date.today)
    valid_until = models.DateField(
        _("公告有效期限"), null=True, blank=True, help_text=_("期限過後自動下架；空白表示長期有效。")
    )

    content_panels = ContentPage.content_panels + [
        FieldRowPanel([FieldPanel("announcement_date"), FieldPanel("valid_until")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        attachments_panel(),
    ]
    api_fields = ContentPage.api_base_fields + [
        APIField("announcement_date"),
        APIField("valid_until"),
        APIField("attachments"),
    ]

    class Meta:
        verbose_name = _("公告")
        verbose_name_plural = _("公告")
        # Listings sort by the date, newest first (SPEC §1): the index serves the first rows of any page.
        indexes = [models.Index(fields=["announcement_date", "page_ptr"], name="news_announce_listing_idx")]

    def clean(self):
        super().clean()
        if self.valid_until and self.announcement_date and self.valid_until < self.announcement_date:
            raise ValidationError({"valid_until": _("有效期限不可早於公告日期。")})

    def save(self, *args, **kwargs):
        # The validity period ends visibility: Wagtail's scheduled expiry unpublishes it.
        # For an announcement the validity date *is* the expiry: clearing it clears expiry.
        if self.valid_until:
            end_of_day = datetime.datetime.combine(self.valid_until + datetime.timedelta(days=1), datetime.time.min)
            self.expire_at = timezone.make_aware(end_of_day)
        else:
            self.expire_at = None
        return super().save(*args, **kwargs)

    @classmethod
    def next_public_change(cls, now):
        """Listings compare ``valid_until`` with today's date: they change at Taipei's next
        midnight. Read by the page cache (``site45/pagecache/horizon.py``)."""
        tomorrow = timezone.localtime(now).date() + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))

    @classmethod
    def listing(cls, locale=None):
        today = timezone.localdate()
        return super().listing(locale).filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=today))
