"""The one way this project changes a Wagtail or Django class: wrap one method, once, when ready.

``wrap(owner, name, make)`` puts ``make(original)`` where ``owner.name`` was, remembers the
original on the wrapper (``__wrapped__``) and refuses to wrap twice, so that calling
``install()`` again (tests, a second ``ready``) changes nothing. Every wrap is listed in
``WRAPPED`` — what ``tests/wagtail_compat/test_wagtail_compat.py`` and the README account for.
"""

import functools
import types

#: ``(owner, name)`` of every method wrapped here, in the order they were wrapped.
WRAPPED = []
_MARK = "site45_compat"


def is_wrapped(owner, name):
    return getattr(owner.__dict__.get(name), _MARK, False)


def wrap(owner, name, make):
    """Replace ``owner.name`` by ``make(original)`` unless already done; the wrapper it returns.

    ``name`` must be defined on ``owner`` itself: wrapping an inherited method would put a new
    attribute on a class that never had one, and a Wagtail upgrade moving the method would
    go unnoticed.
    """
    if name not in owner.__dict__:
        raise AttributeError(f"{owner.__module__}.{owner.__qualname__} defines no {name!r} of its own")
    if is_wrapped(owner, name):
        return owner.__dict__[name]
    original = owner.__dict__[name]
    wrapper = make(original)
    if isinstance(wrapper, types.FunctionType):
        functools.update_wrapper(wrapper, original)
    else:  # a descriptor such as cached_property
        wrapper.__wrapped__ = original
        wrapper.__set_name__(owner, name)
    setattr(wrapper, _MARK, True)
    setattr(owner, name, wrapper)
    WRAPPED.append((owner, name))
    return wrapper
