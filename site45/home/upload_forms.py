"""The admin's document and image forms, with the content checks of ``uploads.py``.

Wired by ``WAGTAILDOCS_DOCUMENT_FORM_BASE`` and ``WAGTAILIMAGES_IMAGE_FORM_BASE``: Wagtail
builds every document and image form from these bases — the add and edit views, the chooser's
upload tab and the multiple-upload endpoint (``/admin/documents/multiple/add/``,
``/admin/images/multiple/add/``, which reject a file whose ``file`` field fails before anything
is stored). Each base swaps Wagtail's file field for a subclass whose ``to_python`` runs our
checks, so a bad file is refused with a zh-Hant message before Wagtail stores it.
"""

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.fields import FileField
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from site45.core import uploads


class CheckedDocumentField(WagtailDocumentField):
    """Wagtail's document field: size from ``WAGTAILDOCS_MAX_UPLOAD_SIZE``, then PDF/ODF by content."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        extensions = pgettext("列表分隔符號", "、").join(f".{e}" for e in uploads.allowed_document_extensions())
        if self.max_upload_size is not None:
            self.help_text = _("限 ODF 或 PDF 文件（%(extensions)s），檔案大小上限 %(limit)s MB。") % {
                "extensions": extensions,
                "limit": uploads.megabytes(self.max_upload_size),
            }
        else:
            self.help_text = _("限 ODF 或 PDF 文件（%(extensions)s）。") % {"extensions": extensions}

    def check_document_file_size(self, f):
        uploads.check_size(f, self.max_upload_size)

    def to_python(self, data):
        f = super().to_python(data)
        if f is not None:
            uploads.check_document(f, f.name)
        return f


class CheckedImageField(WagtailImageField):
    """Wagtail's image field, with our Pillow checks (format allow-list, pixels, full decode) first."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formats = "JPEG、PNG、GIF、WebP"
        if self.max_upload_size is not None:
            self.help_text = _("支援格式：%(formats)s；檔案大小上限 %(limit)s MB。") % {
                "formats": formats,
                "limit": uploads.megabytes(self.max_upload_size),
            }
        else:
            self.help_text = _("支援格式：%(formats)s。") % {"formats": formats}
        # Wagtail's own checks run after ours and should not fire; if one does, it speaks zh-Hant too.
        self.error_messages["invalid_image"] = _(
            "這個檔案不是可讀取的圖片，或檔案不完整。請上傳 JPEG、PNG、GIF 或 WebP 圖片。"
        )
        self.error_messages["invalid_image_extension"] = _("不接受這種圖片格式，請上傳 JPEG、PNG、GIF 或 WebP 圖片。")

    def check_image_file_size(self, f):
        uploads.check_size(f, self.max_upload_size)

    def to_python(self, data):
        f = FileField.to_python(self, data)
        if f is None:
            return None
        uploads.check_size(f, self.max_upload_size)
        uploads.check_image(f, f.name)
        return super().to_python(self.without_metadata(f))

    @staticmethod
    def without_metadata(f):
        """The upload re-encoded without EXIF/GPS, XMP, IPTC or comments.

        What Wagtail stores as the original — served as is, and the source of every rendition —
        is this file, so no photo published by the network carries where it was taken.
        """
        try:
            data, _format = uploads.strip_image_metadata(uploads.read_all(f))
        except Exception:
            raise ValidationError(
                _("這個檔案不是可讀取的圖片，或檔案不完整。請上傳 JPEG、PNG、GIF 或 WebP 圖片。"), code="invalid_image"
            ) from None
        return SimpleUploadedFile(f.name, data, content_type=getattr(f, "content_type", None))


def _checked(field_class, old):
    """``field_class`` in place of Wagtail's ``old`` file field, keeping its widget and label."""
    field = field_class(
        label=old.label,
        required=old.required,
        widget=old.widget,
        max_length=old.max_length,
        allow_empty_file=old.allow_empty_file,
    )
    field.widget.attrs.update(old.widget.attrs)
    return field


class DocumentForm(BaseDocumentForm):
    """Wagtail's document form whose file must be a real PDF or ODF document within the size limit."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"] = _checked(CheckedDocumentField, self.fields["file"])


class ImageForm(BaseImageForm):
    """Wagtail's image form whose file must decode as an allowed image within the pixel and size limits."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            self.fields["file"] = _checked(CheckedImageField, self.fields["file"])

    def clean(self):
        """A good file with a bad other field (a title past 255 characters) is refused as a whole.

        Otherwise the multiple uploader keeps the file *as uploaded* in an ``UploadedFile``
        and later makes the image from those bytes, metadata and all; refusing the file sends
        that request back with a message instead.
        """
        cleaned = super().clean()
        if self.errors and "file" in self.fields and "file" not in self.errors and self.files.get("file"):
            self.add_error("file", _("其他欄位有誤（例如標題過長），這張圖片沒有上傳。請更正後重新選擇檔案。"))
        return cleaned
