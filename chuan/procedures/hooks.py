"""Who must hear when a procedure version or an internal process is replaced.

The catalogue knows nothing of the reviews the law's changes open on it; document control
registers here in its `AppConfig.ready` and is called, inside the same transaction, when a
new version of a procedure or a new edition of an internal process replaces the one in force.
"""

from collections.abc import Callable
from typing import Any

Listener = Callable[..., None]
_listeners: list[Listener] = []


def on_replaced(listener: Listener) -> Listener:
    """Register `listener(old=…, new=…, actor=…)`."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def replaced(*, old: Any, new: Any, actor: Any) -> None:
    for listener in _listeners:
        listener(old=old, new=new, actor=actor)
