"""Wagtail's display of user names, masked as ``governance.permissions.staff_names`` says.

Wagtail 8 names a user through ``get_user_display_name`` (imported by name into several of its
modules), the log entries' ``user_display_name`` and the tables' ``UserColumn``, with no
setting or hook for any of them; ``install`` points each at governance's masking version,
once. Whether a name is masked is decided per request by ``governance.permissions.staff_names``.
"""

import importlib

from django.utils.functional import cached_property

from .patching import wrap


def install():
    from wagtail.admin.ui.tables import UserColumn
    from wagtail.models import BaseLogEntry

    from site45.governance.permissions import staff_names

    for name in staff_names.DISPLAY_MODULES:
        module = importlib.import_module(name)
        if getattr(module, "get_user_display_name", None) is staff_names.wagtail_display_name:
            module.get_user_display_name = staff_names.display_name
    wrap(UserColumn, "get_cell_context_data", _masked_user_cell)
    wrap(BaseLogEntry, "user_display_name", _masked_log_entry_name)


def _masked_user_cell(original):
    from site45.governance.permissions import staff_names

    def get_cell_context_data(self, instance, parent_context):
        return staff_names.user_cell_context_data(self, instance, parent_context)

    return get_cell_context_data


def _masked_log_entry_name(original):
    from site45.governance.permissions import staff_names

    return cached_property(staff_names.log_entry_user_display_name)
