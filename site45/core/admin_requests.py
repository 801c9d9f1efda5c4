"""Is this request for the Wagtail admin? One answer for every middleware that asks.

The admin lives wherever ``site45/urls.py`` mounts it; its home's URL is the prefix of every admin
page. (The page cache, which runs before URL resolution and strips the language prefix first,
keeps its own list of never-cached paths: ``site45/pagecache/policy.py``.)
"""

from django.urls import reverse


def admin_prefix():
    """The path every admin page starts with (``/admin/``)."""
    return reverse("wagtailadmin_home")


def is_admin_request(request):
    return request.path.startswith(admin_prefix())
