"""StreamField blocks shared by every content page body."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
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
    alt_text = blocks.CharBlock(
        label=_("替代文字"), max_length=255, help_text=_("描述圖片內容，供螢幕報讀軟體朗讀。")
    )
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
