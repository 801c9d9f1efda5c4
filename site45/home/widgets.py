"""Chooser widgets that survive a hand-made POST.

Wagtail's chooser widgets look the chosen object up again when a refused form is shown once
more (``BaseChooser.get_instance``: ``objects.get(pk=value)``). A value that is not an id —
``cover_image=abc`` in a crafted POST — made that lookup raise ``ValueError`` while the form's
own message ("select a valid choice") was being rendered: a 500 instead of the message. These
widgets show such a value as "nothing chosen", so the form and its message appear.

Used by every ``FieldPanel`` of an image or document on our pages (see ``image_panel`` and
``document_panel``).
"""

from django.core.exceptions import ValidationError
from wagtail.admin.panels import FieldPanel
from wagtail.documents.widgets import AdminDocumentChooser
from wagtail.images.widgets import AdminImageChooser


class TolerantLookupMixin:
    """``get_instance`` answers "nothing chosen" for a value that cannot be an id."""

    def get_instance(self, value):
        try:
            return super().get_instance(value)
        except (ValueError, TypeError, OverflowError, ValidationError):
            return None


class TolerantImageChooser(TolerantLookupMixin, AdminImageChooser):
    pass


class TolerantDocumentChooser(TolerantLookupMixin, AdminDocumentChooser):
    pass


def image_panel(name, **kwargs):
    return FieldPanel(name, widget=TolerantImageChooser, **kwargs)


def document_panel(name, **kwargs):
    return FieldPanel(name, widget=TolerantDocumentChooser, **kwargs)
