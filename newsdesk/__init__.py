"""newsdesk: a terminal news reader that annotates who met whom, where and when."""

from __future__ import annotations

_version: str | None = None


def __getattr__(name: str) -> str:
    """`__version__`, read from the installed package metadata on first use only: importing
    importlib.metadata and scanning for the package costs a refresh tens of milliseconds."""
    global _version
    if name != "__version__":
        raise AttributeError(f"module 'newsdesk' has no attribute {name!r}")
    if _version is None:
        from importlib.metadata import PackageNotFoundError, version

        try:
            _version = version("newsdesk")
        except PackageNotFoundError:  # running from a source tree that is not installed
            _version = "0.0.0+local"
    return _version


__all__ = ["__version__"]  # noqa: F822 - provided by __getattr__
