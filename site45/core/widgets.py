"""Form widgets of the public site that cost the same whatever the number of their choices.

Django renders a ``<select>`` through a template, and each of its options through two more
(``select_option.html`` and ``attrs.html``): about 40 µs an option. A list page's filter offers
every publishing unit — about 300 at the agency — so the select alone would cost more than the
rest of the page. ``PlainSelect`` writes the same markup in Python, every value escaped.
"""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def html_attrs(attrs):
    """Attributes as Django's ``attrs.html`` writes them: in order, ``True`` bare, ``False`` left out."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class PlainSelect(forms.Select):
    """A single-choice ``<select>`` rendered without templates (the same markup as Django's)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{html_attrs(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            parts.extend(
                f'\n  <option value="{conditional_escape(str(option["value"]))}"{html_attrs(option["attrs"])}>'
                f"{conditional_escape(option['label'])}</option>"
                for option in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # every value above is escaped
