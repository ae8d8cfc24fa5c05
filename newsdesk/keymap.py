"""The binding ids of the reader: the keys a config file's `[keymap]` table may rebind.

The reader declares its bindings in newsdesk/ui (the action table in ui/actions.py and the
reader pane's scroll keys); this table names the same ids without importing Textual, so that the
config file can be checked before anything is opened. A test compares the two.
"""

from __future__ import annotations

# Keys of the whole reader window (ui/actions.py, APP_ACTIONS).
APP_BINDING_IDS = (
    "newsdesk.actor_filter",
    "newsdesk.regions",
    "newsdesk.search",
    "newsdesk.clear_filters",
    "newsdesk.pop_filter",
    "newsdesk.bookmark",
    "newsdesk.bookmarks",
    "newsdesk.unread",
    "newsdesk.mark_read",
    "newsdesk.mark_all_read",
    "newsdesk.open_link",
    "newsdesk.copy_link",
    "newsdesk.refresh",
    "newsdesk.actor_view",
    "newsdesk.errors",
    "newsdesk.help",
    "newsdesk.palette",
    "newsdesk.quit",
)

# Keys of the story list, the sidebar and the reader pane (ui/actions.py, PANE_ACTIONS).
PANE_BINDING_IDS = (
    "newsdesk.down",
    "newsdesk.up",
    "newsdesk.top",
    "newsdesk.bottom",
    "newsdesk.page_down",
    "newsdesk.page_up",
    "newsdesk.open",
    "newsdesk.next_entity",
    "newsdesk.previous_entity",
    "newsdesk.actor_view_in_box",
    "newsdesk.close_reader",
)

# Scrolling keys of the story reader (ui/widgets/story_view.py).
READER_BINDING_IDS = (
    "newsdesk.reader_down",
    "newsdesk.reader_up",
    "newsdesk.reader_top",
    "newsdesk.reader_bottom",
)

BINDING_IDS: frozenset[str] = frozenset(APP_BINDING_IDS + PANE_BINDING_IDS + READER_BINDING_IDS)


__all__ = ["APP_BINDING_IDS", "BINDING_IDS", "PANE_BINDING_IDS", "READER_BINDING_IDS"]
