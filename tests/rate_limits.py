"""The rate limits count in the cache: a test that files or resets starts and ends with none."""

from django.core.cache import cache


def counted_from_zero():
    cache.clear()
    yield
    cache.clear()
