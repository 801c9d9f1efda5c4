"""Which Wagtail site answers a request's host: asked of the database once per change, not per request.

Wagtail finds the site for every request with a query (``Site.find_for_request``: the sites
matching the host, ordered by how well they match, each with its root page) and keeps the
answer on the request as ``request._wagtail_site``. That query cost about 2 ms of each public
page. ``SiteLookupMiddleware`` sets the same attribute from the shared cache (Redis on several
nodes), so routing, URLs, settings and Wagtail's own views find the site there.

The answer is still Wagtail's own (``Site._find_for_request``), kept per ``(host, port)`` as
Wagtail keys it. Every saved or deleted ``Site``, and every saved page at the depth of a site
root, forgets the answers on every node at once (one cache key). Only hosts that
``ALLOWED_HOSTS`` accepts are kept, at most ``MAX_HOSTS`` of them.
"""

from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Page, Site

#: Where the answers live in the default cache: ``{(hostname, port): site or None}``.
CACHE_KEY = "site45-site-for-host"
#: Wagtail's cache of a request's site (``Site.find_for_request``, Wagtail 8).
REQUEST_ATTRIBUTE = "_wagtail_site"
#: More hosts than a deployment has names for: the rest are asked of the database each time.
MAX_HOSTS = 32
#: Longest life of the kept answers: bounds the staleness should a node store an answer it read
#: just before another node saved a site and forgot them (the save forgets them at once otherwise).
ANSWERS_SECONDS = 300
#: A page at this depth may be a site's root (the tree's home pages, ``home/tree.py``).
SITE_ROOT_DEPTH = 2


def site_for_request(request):
    """Wagtail's ``Site.find_for_request(request)``, from the cache when the host was seen before."""
    try:
        request.get_host()  # a host ALLOWED_HOSTS refuses is never kept (nor served: CommonMiddleware)
    except DisallowedHost:
        return Site._find_for_request(request)
    key = (split_domain_port(request._get_raw_host())[0], request.get_port())
    answers = cache.get(CACHE_KEY) or {}
    if key in answers:
        return answers[key]
    site = Site._find_for_request(request)
    if len(answers) < MAX_HOSTS:
        cache.set(CACHE_KEY, {**answers, key: site}, ANSWERS_SECONDS)
    return site


def forget_sites(**kwargs):
    cache.delete(CACHE_KEY)


def forget_sites_if_root(instance, **kwargs):
    # Page models are many senders (each specific class): one receiver for all saves, filtered here.
    if isinstance(instance, Page) and instance.depth is not None and instance.depth <= SITE_ROOT_DEPTH:
        cache.delete(CACHE_KEY)


def connect_signals():
    post_save.connect(forget_sites, sender=Site, dispatch_uid="site45_forget_sites_saved")
    post_delete.connect(forget_sites, sender=Site, dispatch_uid="site45_forget_sites_deleted")
    post_save.connect(forget_sites_if_root, dispatch_uid="site45_forget_sites_root_saved")


class SiteLookupMiddleware:
    """Puts the request's site where Wagtail looks for it first, before any view asks."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, REQUEST_ATTRIBUTE):
            setattr(request, REQUEST_ATTRIBUTE, site_for_request(request))
        return self.get_response(request)
