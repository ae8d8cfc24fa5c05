"""The one table of user actions: key bindings, the help screen and the command palette use it."""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


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
    _spec("open_link", "o", "open_link", "Open", "Open the story's link in the browser"),
    _spec("copy_link", "y", "copy_link", "Copy", "Copy the story's link"),
    _spec("refresh", "R", "refresh", "Refresh", "Refresh every feed in the background", show=True),
    _spec("actor_view", "A", "actor_view", "Actor view", "Timeline of an actor's meetings"),
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
_BY_ID = {spec.id: spec for spec in ALL_ACTIONS}


def bindings(specs: tuple[ActionSpec, ...], *, priority: bool = False) -> list[BindingType]:
    return [
        Binding(
            spec.keys,
            spec.action,
            spec.title,
            show=spec.show,
            id=spec.id,
            priority=priority,
        )
        for spec in specs
    ]


def pane_bindings(*names: str) -> list[BindingType]:
    """Bindings for the pane actions named (without the "newsdesk." prefix)."""
    return bindings(tuple(_BY_ID[f"newsdesk.{name}"] for name in names))


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
}


def display_key(key: str) -> str:
    return _KEY_NAMES.get(key, key)
