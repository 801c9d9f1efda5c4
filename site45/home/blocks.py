"""StreamField blocks shared by every content page body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.stream_block import StreamBlockValidationError, StreamValue
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("小標題")
        template = "blocks/heading.html"


class AccessibleImageBlock(blocks.StructBlock):
    """An image that cannot be saved without its alternative text (WCAG 1.1.1)."""

    image = ImageChooserBlock(label=_("圖片"))
    alt_text = blocks.CharBlock(label=_("替代文字"), max_length=255, help_text=_("描述圖片內容，供螢幕報讀軟體朗讀。"))
    caption = blocks.CharBlock(label=_("圖說"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("圖片")
        template = "blocks/image.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("文件"))
    title = blocks.CharBlock(label=_("連結文字"), required=False, max_length=255)

    class Meta:
        icon = "doc-full"
        label = _("文件連結")
        template = "blocks/document_link.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("段落"),
        features=["bold", "italic", "link", "ol", "ul", "document-link", "h3", "h4"],
    )
    image = AccessibleImageBlock()
    embed = EmbedBlock(label=_("嵌入影音"), template="blocks/embed.html")
    document = DocumentLinkBlock()

    class Meta:
        label = _("內文")

    #: What a body that arrived unreadable says (the editor's own browser always sends it whole).
    MALFORMED_MESSAGE = _("內文的資料不完整，請重新整理頁面後再編輯。")

    def value_from_datadict(self, data, files, prefix):
        """The body as the editor's form sent it; an unreadable one is kept as a marked empty body.

        Wagtail reads the body's bookkeeping fields (``body-count``, ``body-0-type`` …) without
        checking them, so a hand-made POST that leaves them out or puts text in them raised
        ``KeyError``/``ValueError`` — a 500. :meth:`clean` refuses the marked body with a message
        instead, so nothing is saved.
        """
        try:
            return super().value_from_datadict(data, files, prefix)
        except (KeyError, ValueError, TypeError, OverflowError):
            value = StreamValue(self, [])
            value.malformed = True
            return value

    def clean(self, value):
        if getattr(value, "malformed", False):
            raise StreamBlockValidationError(non_block_errors=[self.MALFORMED_MESSAGE])
        return super().clean(value)
