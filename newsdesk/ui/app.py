"""The newsdesk terminal UI: one client of the Desk service."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Static

from newsdesk.models import Annotation, Entity, StoryRow
from newsdesk.query import (
    FilterState,
    SidebarCounts,
    StoryFilter,
    StoryIndex,
)
from newsdesk.query.events import collapse
from newsdesk.query.stored import stored_index
from newsdesk.text import clean_line
from newsdesk.ui.actions import APP_ACTIONS, bindings
from newsdesk.ui.canonical import canonical_reader, canonical_rows
from newsdesk.ui.reading import Reading
from newsdesk.ui.render import ACTOR_LABELS
from newsdesk.ui.screens.actor_timeline import ActorTimelineScreen
from newsdesk.ui.screens.event_sources import EventSourcesScreen
from newsdesk.ui.screens.feed_errors import FeedErrorsScreen
from newsdesk.ui.screens.help import HelpScreen
from newsdesk.ui.screens.meeting_network import MeetingNetworkScreen
from newsdesk.ui.timeline import TimelineEntry, actor_network, actor_timeline, merge_timeline
from newsdesk.ui.widgets.filter_bar import FilterBar, FilterChip
from newsdesk.ui.widgets.pickers import Picker, feed_items
from newsdesk.ui.widgets.sidebar import ActorFilter, RegionTree
from newsdesk.ui.widgets.status import AnnotationNotice, KeyHints, RefreshStatus
from newsdesk.ui.widgets.story_list import StoryList
from newsdesk.ui.widgets.story_view import StoryView

if TYPE_CHECKING:
    from newsdesk.desk import Desk

PLACE_LABELS = {"GPE", "LOC", "FAC", "NORP"}


class NewsdeskApp(Reading):
    """Filter stories by actor and region, read them with highlights, keep what matters."""

    CSS_PATH = "newsdesk.tcss"
    TITLE = "newsdesk"
    BINDINGS: ClassVar[list[BindingType]] = bindings(APP_ACTIONS)

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk
        self.keymap: dict[str, str] = dict(desk.config.keymap)
        self.index = StoryIndex()
        self.state = FilterState()
        self.loaded = False
        self.sidebar_ready = False
        self.show_copies = False  # every copy of a story, not one row per event

    # --- layout -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield FilterBar(id="filter-bar")
        with Horizontal(id="main"):
            with Vertical(id="sidebar"):
                yield Static("Regions", classes="pane-title")
                yield RegionTree(id="regions")
                with ContentSwitcher(initial="actors", id="sections"):
                    yield ActorFilter(id="actors")
                    yield Picker("Feeds", "type to filter feeds and tags", id="feeds")
                    yield Picker("Views", "type to filter views", id="views")
            with Vertical(id="content"):
                yield StoryList(id="stories")
                yield StoryView(id="reader")
        yield RefreshStatus(id="refresh-status")
        yield AnnotationNotice(id="annotation-notice")
        yield KeyHints(self.keymap, id="key-hints")

    def on_mount(self) -> None:
        self.set_keymap(self.keymap)
        self.focus_now(self.story_list)  # at once: keys typed ahead may move it next
        for message in getattr(self.desk.store, "messages", []):
            self.notify(clean_line(message), severity="warning", markup=False)
        # problems the store finds later (a damaged shard read on demand), from any thread
        self.desk.store.on_message = self._post_store_message
        self.load_rows()
        minutes = self.desk.config.reload_minutes
        if minutes:
            self.query_one(RefreshStatus).schedule(minutes)
            self.set_interval(minutes * 60, self.reload_on_period, name="auto-reload")

    def reload_on_period(self) -> None:
        """The reload period came round: refresh unless one is running already."""
        if not any(w.group == "refresh" and w.is_running for w in self.workers):
            self.action_refresh()

    def _post_store_message(self, text: str) -> None:
        self.post_message(self.StoreNoted(text))  # thread-safe

    @dataclass
    class StoreNoted(Message):
        """The store found a problem (a damaged file set aside) after opening."""

        text: str

    @on(StoreNoted)
    def _store_noted(self, event: StoreNoted) -> None:
        self.notify(clean_line(event.text), severity="warning", markup=False)

    def on_resize(self, event: events.Resize) -> None:
        self.screen.set_class(event.size.width < 100, "narrow")
        self.screen.set_class(event.size.height < 30, "short")

    # --- rows and filters ---------------------------------------------------------------

    def set_rows(self, rows: list[StoryRow], partial: bool = False) -> None:
        # the index is read in the loading thread; stories it lacks are added after the load
        actors = self.desk.actor_catalog(load=not partial, catch_up=False)
        self.index = stored_index(self.desk.store, self.desk.config, rows, actors)
        self.reader.catalog = actors  # the reader names actors as the index does
        if self.loaded_events is not None:  # grouped off the event loop by the loader
            self.index.install_events(self.loaded_events)
        self.story_list.empty_message = "No stories yet: press R to refresh."
        self.apply_filters()
        if not partial:
            self.call_after_refresh(self.refresh_sidebar)  # after the list is painted

    def show_counts(self, counts: SidebarCounts) -> None:
        self.query_one(ActorFilter).set_actors(
            counts.actors, counts.actor_aliases, counts.actor_kinds
        )
        if self.state.active:
            self.count_shown_actors(self.index, self.index.select(self.state))
        self.query_one(RegionTree).populate(
            counts.tree, counts.regions, counts.subregions, counts.custom, counts.custom_counts
        )
        failed = {url for url, st in self.desk.store.feed_states().items() if st.error}
        self.query_one("#feeds", Picker).set_items(feed_items(counts.feeds, failed))
        self.count_views()
        self.sidebar_ready = True
        self.apply_pending_actor()

    def apply_filters(self) -> None:
        rows = self.index.select(self.state)
        sources: dict[str, int] = {}
        if not self.show_copies:  # one row per event: its newest copy (or the bookmarked one)
            rows, sources = collapse(rows, self.index.events)
        if self.index.rows:
            self.story_list.empty_message = "No story matches these filters (x clears them)."
        self.story_list.show(rows, sources=sources)
        self.query_one(FilterBar).show(self.state, len(rows), len(self.index))
        if self.sidebar_ready:  # the actor box counts within the active filters
            self.count_shown_actors(self.index, rows)

    def action_toggle_copies(self) -> None:
        self.show_copies = not self.show_copies
        self.apply_filters()
        shown = "every copy of each story" if self.show_copies else "one row per event"
        self.notify(f"Showing {shown} (C switches back)")

    def action_show_sources(self) -> None:
        row = self.target_row()
        if row is None:
            return
        copies = self.index.events.copies(row.id)
        if len(copies) < 2:
            self.notify("This story has no other source.")
            return
        self.push_screen(EventSourcesScreen(copies, self.reader.story_id), self._source_chosen)

    def _source_chosen(self, story_id: str | None) -> None:
        if story_id:
            self.open_story(story_id)

    def add_filter(self, new: StoryFilter) -> None:
        self.state.add(new)
        self.apply_filters()

    def action_toggle_unread(self) -> None:
        self.state.unread_only = not self.state.unread_only
        self.apply_filters()

    def action_toggle_bookmarks_view(self) -> None:
        self.state.bookmarks_only = not self.state.bookmarks_only
        self.apply_filters()

    def action_clear_filters(self) -> None:
        self.state = FilterState()
        self.apply_filters()

    def action_pop_filter(self) -> None:
        if self.state.bookmarks_only:
            self.state.bookmarks_only = False
        elif self.state.unread_only:
            self.state.unread_only = False
        elif self.state.filters:
            self.state.filters.pop()
        self.apply_filters()

    @on(ActorFilter.ActorChosen)
    def _actor_chosen(self, event: ActorFilter.ActorChosen) -> None:
        self.chose_actor(event.name, event.query)

    @on(RegionTree.RegionChosen)
    def _region_chosen(self, event: RegionTree.RegionChosen) -> None:
        self.chose_region(event.kind, event.name)

    @on(FilterChip.Removed)
    def _chip_removed(self, event: FilterChip.Removed) -> None:
        if event.key == "unread":
            self.state.unread_only = False
        elif event.key == "bookmarks":
            self.state.bookmarks_only = False
        else:
            self.state.remove(int(event.key.split(":", 1)[1]))
        self.apply_filters()
        self.focus_now(self.story_list)

    @on(StoryView.EntityChosen)
    def _entity_chosen(self, event: StoryView.EntityChosen) -> None:
        flt = self.filter_for_entity(event.entity, self.reader.annotation)
        if flt is None:
            self.search_for(event.entity.text)
            return
        self.add_filter(flt)
        self.notify(f"Filtered by {flt.label}", markup=False)

    def filter_for_entity(
        self, entity: Entity, annotation: Annotation | None
    ) -> StoryFilter | None:
        """The actor or country filter a highlighted name stands for, if any."""
        text = entity.text.strip()
        low = text.lower()
        if annotation is None:
            return None
        if entity.label in ACTOR_LABELS:
            for actor in annotation.actors:
                names = [actor.name.lower(), *(a.lower() for a in actor.aliases)]
                if low in names or actor.name.lower().endswith(" " + low):
                    return StoryFilter("actor", actor.name)
            return StoryFilter("actor", text)
        if entity.label in PLACE_LABELS:
            for place in annotation.places:
                if place.country and (
                    (place.start, place.end) == (entity.start, entity.end)
                    or place.text.lower() == low
                ):
                    return StoryFilter("country", place.country)
            if text in annotation.countries:
                return StoryFilter("country", text)
        return None

    # --- panes, search, screens ---------------------------------------------------------

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.keymap))

    def action_feed_errors(self) -> None:
        self.push_screen(FeedErrorsScreen(list(self.desk.store.feed_states().values())))

    def action_actor_view(self) -> None:
        actor = self.selected_actor()
        if actor is None:
            self.notify(
                "Pick an actor first (a, type, then ctrl+t; or A on the actor list).",
                severity="warning",
            )
            return
        entries = self.actor_meetings(actor)
        self.push_screen(ActorTimelineScreen(actor, entries), self._timeline_closed)

    def actor_meetings(self, actor: str) -> list[TimelineEntry]:
        """The actor's meetings across the store, each once with its sources."""
        # the stories the canonical actor's filter selects, under canonical names
        catalog = self.index.actors
        rows = canonical_rows(
            self.index.select(FilterState([StoryFilter("actor", actor)])), catalog
        )
        annotation_of = canonical_reader(self.desk.store.annotation, catalog)
        entries = actor_timeline(actor, rows, annotation_of)
        return merge_timeline(entries, self.index.events.event_of)

    def action_meeting_network(self) -> None:
        actor = self.selected_actor()
        if actor is None:
            self.notify("Pick an actor first (a, type, then N).", severity="warning")
            return
        network = actor_network(self.actor_meetings(actor))
        self.push_screen(MeetingNetworkScreen(actor, network), partial(self._pair_chosen, actor))

    def _pair_chosen(self, actor: str, counterpart: str | None) -> None:
        if not counterpart:
            return
        self.state.add(StoryFilter("actor", actor))
        self.state.add(StoryFilter("actor", counterpart))
        self.apply_filters()
        self.focus_now(self.story_list)

    def selected_actor(self) -> str | None:
        focused = self.focused
        actors = self.query_one(ActorFilter)
        if focused is not None and actors in (focused, *focused.ancestors):
            return actors.highlighted_actor
        entity = self.reader.current_entity
        if entity is not None and entity.label in ACTOR_LABELS:
            flt = self.filter_for_entity(entity, self.reader.annotation)
            if flt is not None and flt.kind == "actor":
                return flt.value
        chosen = [f.value for f in self.state.filters if f.kind == "actor"]
        if chosen:
            return chosen[-1]
        row = self.target_row()
        if row is not None and row.actors:
            return self.index.actors.of_row(row)[0]
        return actors.highlighted_actor

    def _timeline_closed(self, story_id: str | None) -> None:
        if story_id:
            event_of = self.index.events.event_of
            if event_of(story_id) not in {event_of(r.id) for r in self.story_list.rows}:
                self.action_clear_filters()
            self.open_story(story_id)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:  # type: ignore[type-arg]
        for spec in APP_ACTIONS:
            if spec.palette and spec.action != "command_palette":
                yield SystemCommand(spec.title, spec.help, partial(self.run_action, spec.action))
        yield from super().get_system_commands(screen)


def run_tui(desk: Desk) -> int:
    """Run the UI until the user quits; returns the exit status."""
    app = NewsdeskApp(desk)
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)
