"""The reader's actions as data, without Textual: binding ids, default keys, what each does.

The key bindings (newsdesk/ui/actions.py), the help screen, the command palette and the config's
`[keymap]` check all read this one table, so a config file can be checked before anything is
opened.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ActionSpec:
    """A user action: its binding id, default keys, the App action it runs and what it does."""

    id: str  # binding id, the key of the config's [keymap] table
    keys: str  # default keys, comma separated, Textual key names
    action: str  # App action string
    title: str  # short name (footer, palette)
    help: str  # one line for the help screen and the palette
    show: bool = False  # shown in the footer
    palette: bool = True  # offered in the command palette
    moves_focus: bool = False  # keys typed right after it wait until focus has moved


def _spec(
    name: str,
    keys: str,
    action: str,
    title: str,
    help: str,
    *,
    show: bool = False,
    moves_focus: bool = False,
) -> ActionSpec:
    return ActionSpec(
        f"newsdesk.{name}", keys, action, title, help, show=show, moves_focus=moves_focus
    )


APP_ACTIONS: tuple[ActionSpec, ...] = (
    _spec(
        "actor_filter",
        "a",
        "focus_actors",
        "Actors",
        "Jump to the actor filter",
        show=True,
        moves_focus=True,
    ),
    _spec(
        "regions",
        "r",
        "focus_regions",
        "Regions",
        "Jump to the regions tree",
        show=True,
        moves_focus=True,
    ),
    _spec(
        "feeds",
        "f",
        "focus_feeds",
        "Feeds",
        "Jump to the feeds and tags: type to match, enter filters by it",
        moves_focus=True,
    ),
    _spec(
        "views",
        "v",
        "focus_views",
        "Views",
        "Jump to the saved views: type to match, enter applies one",
        moves_focus=True,
    ),
    _spec("save_view", "S", "save_view", "Save view", "Save the current filters as a view"),
    _spec(
        "search",
        "slash",
        "search",
        "Search",
        "Search titles and text",
        show=True,
        moves_focus=True,
    ),
    _spec("clear_filters", "x", "clear_filters", "Clear", "Clear every filter", show=True),
    _spec("pop_filter", "backspace", "pop_filter", "Drop filter", "Remove the last filter"),
    _spec(
        "bookmark", "b", "toggle_bookmark", "Bookmark", "Bookmark / unbookmark the story", show=True
    ),
    _spec("bookmarks", "B", "toggle_bookmarks_view", "Bookmarks", "Show bookmarks only"),
    _spec("unread", "u", "toggle_unread", "Unread", "Show unread stories only"),
    _spec("mark_read", "m", "toggle_read", "Read/unread", "Mark the story read or unread"),
    _spec("mark_all_read", "M", "mark_all_read", "All read", "Mark every shown story read"),
    _spec("undo_read", "U", "undo_read", "Undo read", "Undo the last marking read"),
    _spec("next_story", "J", "next_story", "Next story", "Next story (the reader follows)"),
    _spec("previous_story", "K", "previous_story", "Previous story", "Previous story"),
    _spec("next_unread", "n", "next_unread", "Next unread", "Open the next unread story"),
    _spec(
        "page_reader",
        "space",
        "page_reader",
        "Page",
        "Open the story, page down through it, then go on to the next",
    ),
    _spec("fullscreen", "z", "toggle_fullscreen", "Full screen", "Reader full screen, or back"),
    _spec(
        "save_story", "s", "save_story", "Save", "Save the story as Markdown ([reader] save_dir)"
    ),
    _spec(
        "pipe_story",
        "vertical_line",
        "pipe_story",
        "Pipe",
        "Send the story to a command ([reader] pipe_command)",
    ),
    _spec("to_list", "escape", "to_list", "Back", "Back to the story list"),
    _spec("open_link", "o", "open_link", "Open", "Open the story's link in the browser"),
    _spec("copy_link", "y", "copy_link", "Copy", "Copy the story's link"),
    _spec("refresh", "R", "refresh", "Refresh", "Refresh every feed in the background", show=True),
    _spec("actor_view", "A", "actor_view", "Actor view", "Timeline of an actor's meetings"),
    _spec(
        "network",
        "N",
        "meeting_network",
        "Network",
        "Whom the selected actor met: counterparts, meetings, last date and place",
    ),
    _spec(
        "sources",
        "c",
        "show_sources",
        "Sources",
        "The other sources of the story's event: enter opens one",
    ),
    _spec(
        "all_copies",
        "C",
        "toggle_copies",
        "All copies",
        "Show every copy of a story, or one row per event",
    ),
    _spec("errors", "e", "feed_errors", "Errors", "Show feed errors"),
    _spec(
        "help",
        "question_mark",
        "help",
        "Help",
        "Show every key (and the palette: ctrl+p)",
        show=True,
    ),
    _spec("palette", "ctrl+p", "command_palette", "Palette", "Open the command palette"),
    _spec("quit", "q", "quit", "Quit", "Quit newsdesk", show=True),
)

# Keys that belong to a pane; listed in help, rebindable, not in the palette.
PANE_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("newsdesk.down", "down,j", "cursor_down", "Down", "Next row", palette=False),
    ActionSpec("newsdesk.up", "up,k", "cursor_up", "Up", "Previous row", palette=False),
    ActionSpec("newsdesk.top", "home,g", "cursor_top", "Top", "First row", palette=False),
    ActionSpec("newsdesk.bottom", "end,G", "cursor_bottom", "Bottom", "Last row", palette=False),
    ActionSpec(
        "newsdesk.page_down", "pagedown", "page_down", "Page down", "Page down", palette=False
    ),
    ActionSpec("newsdesk.page_up", "pageup", "page_up", "Page up", "Page up", palette=False),
    ActionSpec(
        "newsdesk.open", "enter", "open", "Open", "Open the story / use the item", palette=False
    ),
    ActionSpec(
        "newsdesk.next_entity",
        "tab",
        "next_entity",
        "Next entity",
        "Reader: next highlighted name",
        palette=False,
    ),
    ActionSpec(
        "newsdesk.previous_entity",
        "shift+tab",
        "previous_entity",
        "Previous entity",
        "Reader: previous highlighted name",
        palette=False,
    ),
    ActionSpec(
        "newsdesk.actor_view_in_box",
        "ctrl+t",
        "app.actor_view",
        "Actor view",
        "Actor box: timeline of the highlighted actor (A types a letter there)",
        palette=False,
    ),
    ActionSpec(
        "newsdesk.close_reader",
        "escape",
        "close_reader",
        "Close",
        "Reader: back to the list",
        palette=False,
    ),
)

ALL_ACTIONS: tuple[ActionSpec, ...] = APP_ACTIONS + PANE_ACTIONS

# The help screen's groups, in order: a title and the binding ids under it (without the
# "newsdesk." prefix). Every action is in exactly one group (a test checks).
HELP_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "Moving",
        (
            "down",
            "up",
            "top",
            "bottom",
            "page_down",
            "page_up",
            "next_story",
            "previous_story",
            "next_unread",
            "page_reader",
            "to_list",
        ),
    ),
    (
        "Filters and the sidebar",
        (
            "actor_filter",
            "regions",
            "feeds",
            "views",
            "save_view",
            "search",
            "clear_filters",
            "pop_filter",
            "unread",
            "bookmarks",
            "all_copies",
        ),
    ),
    (
        "The story",
        (
            "open",
            "sources",
            "bookmark",
            "mark_read",
            "mark_all_read",
            "undo_read",
            "open_link",
            "copy_link",
            "save_story",
            "pipe_story",
        ),
    ),
    ("In the reader", ("next_entity", "previous_entity", "close_reader", "fullscreen")),
    (
        "Screens",
        (
            "actor_view",
            "actor_view_in_box",
            "network",
            "errors",
            "help",
            "palette",
            "refresh",
            "quit",
        ),
    ),
)
BY_ID = {spec.id: spec for spec in ALL_ACTIONS}


# Scrolling keys of the story reader (ui/widgets/story_view.py): rebindable, not in the table.
READER_BINDING_IDS = (
    "newsdesk.reader_down",
    "newsdesk.reader_up",
    "newsdesk.reader_top",
    "newsdesk.reader_bottom",
)

BINDING_IDS: frozenset[str] = frozenset(
    [spec.id for spec in ALL_ACTIONS] + list(READER_BINDING_IDS)
)


def effective_keys(spec: ActionSpec, keymap: dict[str, str]) -> list[str]:
    """The keys that run `spec` once the user's keymap is applied."""
    keys = keymap.get(spec.id, spec.keys)
    return [k.strip() for k in keys.split(",") if k.strip()]


_KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "backspace": "⌫",
    "escape": "esc",
    "pagedown": "pgdn",
    "pageup": "pgup",
    "vertical_line": "|",
}


def display_key(key: str) -> str:
    return _KEY_NAMES.get(key, key)


def key_owner(key: str, keymap: dict[str, str], but: str) -> str | None:
    """The binding id (other than `but`) whose keys, with `keymap` applied, include `key`."""
    for spec in ALL_ACTIONS:
        if spec.id != but and key in effective_keys(spec, keymap):
            return spec.id
    return None


__all__ = [
    "ALL_ACTIONS",
    "APP_ACTIONS",
    "BINDING_IDS",
    "BY_ID",
    "HELP_GROUPS",
    "PANE_ACTIONS",
    "READER_BINDING_IDS",
    "ActionSpec",
    "display_key",
    "effective_keys",
    "key_owner",
]
