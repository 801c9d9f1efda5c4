"""Wagtail hooks of the semiannual account audit (「帳號清查」, imported by ``wagtail_hooks``)."""
