"""Who must hear when the law changes.

The legal library knows nothing of what cites it; apps above it (document control) register
here in their `AppConfig.ready` and are called, inside the same transaction, when a legal
document is amended, replaced or repealed or its status changes.
"""

from collections.abc import Callable
from typing import Any

Listener = Callable[..., None]
_listeners: list[Listener] = []


def on_law_change(listener: Listener) -> Listener:
    """Register `listener(document=…, reason=…, actor=…)`."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def law_changed(*, document: Any, reason: str, actor: Any) -> None:
    for listener in _listeners:
        listener(document=document, reason=reason, actor=actor)
