"""Sign-in: sessions (idle timeout, one session per account) and lockout (django-axes).

See ``sessions.py`` (the session rules), ``lockout.py`` (the lockout
rules and who may unlock), ``middleware.py``, ``views.py`` and ``wagtail_hooks.py``.
"""
