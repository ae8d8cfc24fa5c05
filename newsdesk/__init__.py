"""newsdesk: a terminal news reader that annotates who met whom, where and when."""

from __future__ import annotations

# The same as `version` in pyproject.toml (a test checks it). A constant, because reading the
# installed package's metadata (importlib.metadata) cost every refresh about 20 ms.
__version__ = "0.1.0"

__all__ = ["__version__"]
