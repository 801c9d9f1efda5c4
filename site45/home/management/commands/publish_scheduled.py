"""Wagtail's ``publish_scheduled``, one node at a time (``site45.core.scheduling``).

Replaces Wagtail's command of the same name (``site45.home`` comes before ``wagtail`` in
``INSTALLED_APPS``): every node's timer may start it every few minutes; a run started while
another holds the lock exits at once, saying so, and changes nothing. ``--dryrun`` reads only
and takes no lock.
"""

from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled

from site45.core import scheduling

JOB_NAME = "publish_scheduled"


class Command(WagtailPublishScheduled):
    help = (
        "Publish pages whose go-live time has come and unpublish expired ones (Wagtail's "
        "publish_scheduled); one node at a time: a run started meanwhile does nothing."
    )

    def handle(self, *args, **options):
        if options["dryrun"]:
            return super().handle(*args, **options)
        with scheduling.exclusive_run(JOB_NAME) as acquired:
            if not acquired:
                with translation.override("zh-hant"):
                    self.stdout.write(_("另一個節點正在執行排程發布，本次不執行。"))
                return
            return super().handle(*args, **options)
