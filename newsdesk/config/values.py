"""Small helpers for config messages: is a value printable, and how to show it."""

from __future__ import annotations

import unicodedata
from typing import Any


def printable(text: str) -> bool:
    """No control characters (escape sequences start with one) and no lone surrogates."""
    return text.isprintable() or not any(unicodedata.category(c) in ("Cc", "Cs") for c in text)


def show(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)


__all__ = ["printable", "show"]
