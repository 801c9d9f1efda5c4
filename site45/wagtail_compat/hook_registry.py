"""Taking the place of another app's hook in Wagtail's hook registry.

Wagtail 8's ``wagtail.hooks`` can register a function but not unregister one (``register``
appends ``(fn, order)`` to ``wagtail.hooks._hooks[hook_name]``; an ``unregister`` was proposed
in wagtail/wagtail#3335 and not added). Where a hook of another app must give way to ours,
``replace_hook`` puts ours at its place in that private list, same order.
"""

from wagtail import hooks


def replace_hook(hook_name, theirs, ours):
    """Put ``ours`` where ``theirs`` is registered for ``hook_name``; True if it was there."""
    registered = hooks._hooks.get(hook_name, [])
    for index, (fn, order) in enumerate(registered):
        if fn is theirs:
            registered[index] = (ours, order)
            return True
    return False
