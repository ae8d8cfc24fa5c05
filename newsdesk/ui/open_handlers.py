"""Handlers of background messages, which run only while the reader is open.

A refresh or an annotation may finish as the user quits: by the time its message is handled the
widgets are gone, and that must not end in an error. `@on_open(Message)` says both that a method
handles the message and that it is dropped once the app is closing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from textual import on
from textual.app import App
from textual.message import Message

Handler = TypeVar("Handler", bound=Callable[..., None])


def on_open(message_type: type[Message]) -> Callable[[Handler], Handler]:
    """`@on(message_type)` for a handler that runs only while the app is running."""

    def decorate(handler: Handler) -> Handler:
        @wraps(handler)  # Textual reads the handler's own parameters through this
        def guarded(app: App[Any], *args: Any) -> None:
            if app.is_running:
                handler(app, *args)

        return on(message_type)(cast(Handler, guarded))

    return decorate
