"""A named point where a lower app tells the apps above it that something happened, without
knowing them: they connect a listener in their `AppConfig.ready`, and the lower app calls the
hook inside its own transaction."""

from collections.abc import Callable
from typing import Any

Listener = Callable[..., None]


class Hook:
    """Listeners called in the order they connected, each with the same keyword arguments."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def connect(self, listener: Listener) -> Listener:
        if listener not in self._listeners:
            self._listeners.append(listener)
        return listener

    def disconnect(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def __call__(self, **kwargs: Any) -> None:
        for listener in self._listeners:
            listener(**kwargs)
