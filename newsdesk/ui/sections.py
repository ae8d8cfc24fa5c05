"""The sidebar's lower sections beyond the actors: feeds by tag, and saved views."""

from __future__ import annotations

from dataclasses import replace

from textual import on, work
from textual.widgets import ContentSwitcher

from newsdesk.query import (
    FilterState,
    StoryFilter,
    find_view,
    state_label,
    view_from_state,
    view_state,
)
from newsdesk.ui.screens.dialogs import NameDialog
from newsdesk.ui.typeahead import TypeAhead
from newsdesk.ui.widgets.pickers import Picker, PickItem
from newsdesk.ui.widgets.story_list import StoryList
from newsdesk.ui.widgets.story_view import StoryView


class Sections(TypeAhead):
    """Feeds and tags (`f`), saved views (`v`, and `S` to save one)."""

    @property
    def story_list(self) -> StoryList:
        return self.query_one(StoryList)

    @property
    def reader(self) -> StoryView:
        return self.query_one(StoryView)

    # --- feeds, tags and saved views ----------------------------------------------------

    def show_section(self, name: str) -> None:
        """Show one of the sidebar's lower sections: actors, feeds or views."""
        self.query_one("#sections", ContentSwitcher).current = name

    def action_focus_feeds(self) -> None:
        self.show_section("feeds")
        self.query_one("#feeds", Picker).focus_box()
        self.release_keys()

    def action_focus_views(self) -> None:
        self.show_section("views")
        self.query_one("#views", Picker).focus_box()
        self.release_keys()

    @work(thread=True, group="views", exclusive=True, exit_on_error=False)
    def count_views(self) -> None:
        """Each saved view's live count (a view's words are searched here, off the loop)."""
        index = self.index
        items = []
        for view in self.desk.config.views:
            count = len(index.select(view_state(view, self.desk.store.search)))
            items.append(PickItem("view", view.name, view.name, str(count)))
        self.call_from_thread(self.query_one("#views", Picker).set_items, items)

    @on(Picker.Picked)
    def _picked(self, event: Picker.Picked) -> None:
        item = event.item
        try:
            if item.kind == "tag":
                self.add_filter(StoryFilter("tag", item.value))
            elif item.kind == "feed":
                self.add_filter(StoryFilter("feed", item.value))
            elif item.kind == "view":
                self.apply_view(item.value)
                return
            else:
                return
            self.focus_now(self.story_list)
        finally:
            self.release_keys()

    def apply_view(self, name: str) -> None:
        view = find_view(self.desk.config.views, name)
        if view is None:
            return
        self._resolve_view(view.name)

    @work(thread=True, group="views", exit_on_error=False)
    def _resolve_view(self, name: str) -> None:
        view = find_view(self.desk.config.views, name)
        if view is not None:
            state = view_state(view, self.desk.store.search)
            self.call_from_thread(self._view_resolved, state)

    def _view_resolved(self, state: FilterState) -> None:
        self.state = state
        self.apply_filters()
        self.focus_now(self.story_list)

    def action_save_view(self) -> None:
        if not self.state.filters and not self.state.unread_only:
            self.notify("Add a filter first: a view saves the current filters.", severity="warning")
            return
        label = state_label(self.state)
        self.push_screen(NameDialog(f"Save these filters as a view ({label}):"), self._save_view)
        self.hold_keys()

    def _save_view(self, name: str | None) -> None:
        if not name:
            return
        from newsdesk.config import ConfigError, config_path
        from newsdesk.config.edit import add_view

        view = view_from_state(name, self.state)
        path = self.desk.config.path or config_path()
        try:
            add_view(path, view, self.desk.config.data_dir)
        except (ConfigError, OSError) as error:
            self.notify(f"View not saved: {error}", severity="error", markup=False)
            return
        self.desk.config = replace(self.desk.config, views=(*self.desk.config.views, view))
        self.count_views()
        self.notify(f"Saved view {name!r} in {path}", markup=False)
