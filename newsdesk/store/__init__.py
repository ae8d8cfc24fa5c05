"""Local storage: TinyDB files in the data directory, written safely by one process."""

from newsdesk.store.errors import StoreError, StoreLocked
from newsdesk.store.head import HEAD_ROWS
from newsdesk.store.store import Store

__all__ = ["HEAD_ROWS", "Store", "StoreError", "StoreLocked"]
