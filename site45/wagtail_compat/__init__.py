"""Where this project reaches into Wagtail 8.0 (and Django) beyond their public extension points.

Each workaround is one module here, listed with its reason, target version and upstream issue in
``README.md``; ``install()`` — called once from ``WagtailCompatConfig.ready``, after every other
app is ready — applies them all, and ``tests/wagtail_compat/test_wagtail_compat.py`` fails when Wagtail changes
underneath one of them. Nothing else in ``site45`` assigns to a Wagtail or Django class or module.

This package sits above the apps whose rules it installs (governance, credentials): nothing in
``site45`` imports it.
"""

#: The Wagtail release line these workarounds were written against (pyproject.toml pins it).
TARGET_WAGTAIL = (8, 0)


def install():
    from . import admin_labels, chooser_csp, exports, staff_names

    admin_labels.install()
    chooser_csp.install()
    exports.install()
    staff_names.install()
