"""Keys typed ahead: a burst like `a haftar enter` reaches the pane each key was meant for.

Textual hands a key to the focused widget's queue and goes on to the next key at once; a key
that moves focus only takes effect when it has travelled back up to its binding, so the keys
typed right behind it would land in the old pane. Here, when a key that moves focus arrives
(`a`, `r`, `/`, or enter in the sidebar), the keys behind it are held and replayed, in order,
once focus has moved (or a dialog's box is ready). A newline counts as enter (keys sent before
the terminal leaves line mode, right after launch, have their enter turned into a newline).
"""

from __future__ import annotations

from textual import events
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Input

from newsdesk.query import StoryFilter
from newsdesk.text import clean_line
from newsdesk.ui.actions import ALL_ACTIONS, APP_ACTIONS, effective_keys
from newsdesk.ui.background import Background
from newsdesk.ui.memory import keep_out_of_full_passes
from newsdesk.ui.screens.dialogs import SearchDialog
from newsdesk.ui.widgets.pickers import PickList, PickSearch
from newsdesk.ui.widgets.sidebar import ActorFilter, ActorList, ActorSearch, RegionTree
from newsdesk.ui.widgets.story_list import StoryList

_KEY_ALIASES = {"/": "slash", "?": "question_mark"}
HOLD_SECONDS = 1.0  # held keys are let go after this even if the dialog never asks for them


class TypeAhead(Background):
    """Focus keys and sidebar choices that take effect before the next key is read."""

    keymap: dict[str, str]
    _held_keys: list[events.Key] | None = None
    _hold_timer: Timer | None = None
    pending_actor: str | None = None  # typed before any actor matched; applied when one does

    async def on_event(self, event: events.Event) -> None:
        if not isinstance(event, events.Key) or event.is_forwarded:
            await super().on_event(event)
            return
        if event.key == "ctrl+j":
            event = events.Key("enter", "\r")  # a newline typed in line mode
            event.set_sender(self)
        if self._held_keys is not None:
            self._held_keys.append(event)
            return
        await super().on_event(event)
        if self.moves_focus(event.key):
            self.hold_keys()  # the keys behind this one wait until it has run

    def moves_focus(self, key: str) -> bool:
        """Whether `key`, pressed now, will move focus (so keys behind it must wait)."""
        if len(self.screen_stack) > 1:
            return False
        focused = self.focused
        sidebar = isinstance(focused, (ActorSearch, ActorList, RegionTree, PickSearch, PickList))
        if sidebar and key in self._keys_of("newsdesk.open"):
            return True  # a choice in the sidebar: focus goes to the story list
        if isinstance(focused, Input):
            return False  # typed as text
        return any(key in self._keys_of(spec.id) for spec in APP_ACTIONS if spec.moves_focus)

    def _keys_of(self, binding_id: str) -> list[str]:
        spec = next(s for s in ALL_ACTIONS if s.id == binding_id)
        return [_KEY_ALIASES.get(k, k) for k in effective_keys(spec, self.keymap)]

    def hold_keys(self) -> None:
        """Keep the keys that arrive from now on until `release_keys` (a dialog is opening)."""
        if self._held_keys is None:
            self._held_keys = []
            self._hold_timer = self.set_timer(HOLD_SECONDS, self.release_keys)

    def release_keys(self) -> None:
        """Replay the held keys, in order, to whatever now has focus."""
        held, self._held_keys = self._held_keys, None
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        for key in held or ():
            replay = events.Key(key.key, key.character)
            replay.set_sender(self)  # as from the terminal, whoever lets them go
            self.post_message(replay)

    def focus_now(self, widget: Widget) -> None:
        """Move focus before the next key is handled (typed-ahead keys go to the new pane)."""
        widget.screen.set_focus(widget)

    # --- the keys that move focus ------------------------------------------------------------

    def show_section(self, name: str) -> None:
        raise NotImplementedError  # NewsdeskApp shows the sidebar section

    def action_focus_actors(self) -> None:
        self.show_section("actors")
        self.focus_now(self.query_one(ActorSearch))
        self.release_keys()
        keep_out_of_full_passes()  # modules imported late, caches: alive from now on

    def action_focus_regions(self) -> None:
        self.focus_now(self.query_one(RegionTree))
        self.release_keys()

    def action_search(self) -> None:
        current = next((f.value for f in self.state.filters if f.kind == "search"), "")
        self.push_screen(SearchDialog(current), self._searched)
        self.hold_keys()  # the dialog asks for them once its box has focus

    def _searched(self, query: str | None) -> None:
        if query:
            self.search_for(query)

    # --- choosing ----------------------------------------------------------------------------

    def chose_actor(self, name: str | None, query: str) -> None:
        """The actor filter was submitted: filter by `name`, or keep `query` for later."""
        try:
            self._chose_actor(name, clean_line(query).strip())
        finally:
            self.release_keys()

    def _chose_actor(self, name: str | None, query: str) -> None:
        if name is not None:
            self.pending_actor = None
            self.add_filter(StoryFilter("actor", name))
            self.focus_now(self.query_one(StoryList))
            return
        if not query:
            return
        if self.actors_still_coming():
            self.pending_actor = query
            self.notify(
                f'No actor matches "{query}" yet: stories are still being annotated. '
                "The filter applies as soon as one does.",
                markup=False,
            )
            self.focus_now(self.query_one(StoryList))
        else:
            self.notify(f'No actor matches "{query}".', severity="warning", markup=False)

    def chose_region(self, kind: str, name: str) -> None:
        try:
            if name:
                self.choose_region(kind, name)
        finally:
            self.release_keys()

    def choose_region(self, kind: str, name: str) -> None:
        kind = kind if kind in ("region", "subregion", "country") else "country"
        self.add_filter(StoryFilter(kind, name))  # type: ignore[arg-type]
        self.focus_now(self.query_one(StoryList))

    def actors_still_coming(self) -> bool:
        """Whether more actors may appear: rows are loading or some are not annotated yet."""
        if not (self.loaded and self.sidebar_ready and self.load_finished):
            return True  # the stored rows (or the seed stories) are still on their way
        return self.desk.config.annotate and any(not r.annotated for r in self.index.rows)

    def apply_pending_actor(self) -> None:
        """Called when the actor list changes: a name typed too early is filtered by now."""
        query = self.pending_actor
        if query is None:
            return
        name = self.query_one(ActorFilter).plain_match(query)
        if name is not None:
            self.pending_actor = None
            self.add_filter(StoryFilter("actor", name))
            self.notify(f"Filtered by actor: {name}", markup=False)
        elif not self.actors_still_coming():
            self.pending_actor = None
            self.notify(f'No actor matches "{query}".', severity="warning", markup=False)
