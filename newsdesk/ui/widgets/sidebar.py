"""The sidebar: the regions tree and the actor filter."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static, Tree
from textual.widgets.tree import TreeNode

from newsdesk.query import ActorRanker
from newsdesk.text import clean_line
from newsdesk.ui.actions import pane_bindings
from newsdesk.ui.render import KIND_LABELS, LABEL_STYLES
from newsdesk.ui.widgets.section_search import SectionSearch
from newsdesk.ui.widgets.virtual_list import VirtualList

RegionKey = tuple[str, str]  # ("region" | "subregion" | "country", name)
SHOWN_ACTORS = 100  # best matches listed; typing narrows further


def _label(name: str, count: int) -> Text:
    label = Text(clean_line(name), no_wrap=True, overflow="ellipsis")
    label.append(f" {count}", "#8b949e")
    return label


class RegionTree(Tree[RegionKey]):
    """Region → sub-region → country, each with its number of stories."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *pane_bindings("down", "up", "top", "bottom", "open"),
        Binding("right,l", "expand_node", "Expand", show=False),
        Binding("left,h", "collapse_node", "Collapse", show=False),
    ]

    @dataclass
    class RegionChosen(Message):
        """The user picked a region, sub-region or country to filter by."""

        region_tree: RegionTree
        kind: str
        name: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("Regions", id=id)
        self.show_root = False
        self.guide_depth = 2

    def populate(
        self,
        tree: dict[str, dict[str, dict[str, int]]],
        regions: Counter[str],
        subregions: Counter[str],
        custom: dict[str, dict[str, int]] | None = None,
        custom_counts: Counter[str] | None = None,
    ) -> None:
        """The config's own regions first (in its order), then the M49 tree, by count."""
        expanded = {
            node.data for node in self._tree_lines_nodes() if node.is_expanded and node.data
        }
        self.clear()
        for name, countries in (custom or {}).items():
            key = ("region", name)
            count = (custom_counts or Counter()).get(name, 0)
            label = _label(name, count)
            label.stylize("italic", 0, len(name))
            node = self.root.add(label, data=key, expand=key in expanded)
            for country in sorted(countries, key=lambda c: (-countries[c], c)):
                node.add_leaf(_label(country, countries[country]), data=("country", country))
        for region in sorted(tree, key=lambda r: (-regions.get(r, 0), r)):
            subs = tree[region]
            region_count = regions.get(region) or sum(sum(c.values()) for c in subs.values())
            key = ("region", region)
            rnode = self.root.add(_label(region, region_count), data=key, expand=key in expanded)
            for sub in sorted(subs, key=lambda s: (-subregions.get(s, 0), s)):
                countries = subs[sub]
                sub_count = subregions.get(sub) or sum(countries.values())
                skey = ("subregion", sub)
                snode = rnode.add(_label(sub, sub_count), data=skey, expand=skey in expanded)
                for country in sorted(countries, key=lambda c: (-countries[c], c)):
                    snode.add_leaf(_label(country, countries[country]), data=("country", country))

    def _tree_lines_nodes(self) -> list[TreeNode[RegionKey]]:
        nodes: list[TreeNode[RegionKey]] = []
        stack = list(self.root.children)
        while stack:
            node = stack.pop()
            nodes.append(node)
            stack.extend(node.children)
        return nodes

    def find(self, kind: str, name: str) -> int | None:
        """Expand down to a node and return its line, or None."""
        for region in self.root.children:
            if region.data == (kind, name):
                return region.line
            for sub in region.children:
                if sub.data == (kind, name):
                    region.expand()
                    return sub.line
                for country in sub.children:
                    if country.data == (kind, name):
                        region.expand()
                        sub.expand()
                        return country.line
        return None

    def action_expand_node(self) -> None:
        node = self.cursor_node
        if node is not None and node.children:
            if node.is_expanded:
                self.cursor_line = node.children[0].line  # already open: step into it
            else:
                node.expand()

    def action_collapse_node(self) -> None:
        node = self.cursor_node
        if node is None:
            return
        if node.is_expanded and node.children:
            node.collapse()
        elif node.parent is not None and node.parent is not self.root:
            self.cursor_line = node.parent.line  # a leaf or a closed node: up to its parent

    def on_focus(self) -> None:
        if self.cursor_line < 0 and self.root.children:
            self.cursor_line = 0
        self._mark_title(True)

    def on_blur(self) -> None:
        self._mark_title(False)

    def _mark_title(self, focused: bool) -> None:
        """The pane title above the tree shows that the tree has focus."""
        parent = self.parent
        if parent is not None:
            for title in parent.query_children(".pane-title"):
                title.set_class(focused, "-focused")

    def action_cursor_top(self) -> None:
        self.cursor_line = 0

    def action_cursor_bottom(self) -> None:
        self.cursor_line = self.last_line

    def choose(self) -> RegionKey | None:
        """The node under the cursor (expanded, so its children show), if any."""
        node = self.cursor_node
        if node is None or node.data is None:
            return None
        if node.data[0] != "country":
            node.expand()
        return node.data

    def action_open(self) -> None:
        kind, name = self.choose() or ("", "")  # "": nothing to filter by (keys go on)
        self.post_message(self.RegionChosen(self, kind, name))


class ActorSearch(SectionSearch):
    """The actor box; ctrl+t opens the highlighted actor's timeline (A types a capital here)."""

    BINDINGS: ClassVar[list[BindingType]] = pane_bindings("actor_view_in_box")


class ActorList(VirtualList):
    """Actor names with their story counts."""

    @dataclass
    class Chosen(Message):
        """Enter on an actor."""

        actor_list: ActorList
        name: str

        @property
        def control(self) -> ActorList:
            return self.actor_list

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: list[tuple[str, int]] = []
        self.kinds: dict[str, str] = {}  # name -> person, organisation, government body
        self.empty_message = "no actor matches"

    @property
    def item_count(self) -> int:
        return len(self.items)

    def render_item(self, index: int, width: int) -> Text:
        name, count = self.items[index]
        number = f" {count}"
        label = Text(no_wrap=True, overflow="ellipsis", end="")
        room = max(width - len(number) - 1, 1)
        shown = clean_line(name)
        if len(shown) > room:
            shown = shown[: room - 1] + "…"
        kind = KIND_LABELS.get(self.kinds.get(name, ""), "")
        label.append("●" if kind else " ", LABEL_STYLES.get(kind, ""))  # the legend's colour
        label.append(shown.ljust(room))
        label.append(number, "#8b949e")
        return label

    def set_items(self, items: list[tuple[str, int]]) -> None:
        self.items = items
        self.reset(0)

    def item_opened(self, index: int) -> None:
        self.post_message(self.Chosen(self, self.items[index][0]))


class ActorFilter(Vertical):
    """Actors by number of stories (within the active filters), with a type-to-filter box:
    exact names, then aliases, then word starts, then any part of a name."""

    @dataclass
    class ActorChosen(Message):
        """The user submitted the actor filter: the highlighted actor, if any, and the text."""

        actor_filter: ActorFilter
        name: str | None
        query: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.actors: list[tuple[str, int]] = []
        self.shown: list[str] = []
        self._matcher = ActorRanker(())

    def compose(self) -> ComposeResult:
        yield Static("Actors", classes="pane-title")
        yield ActorSearch(placeholder="type to filter actors", id="actor-search")
        yield ActorList(id="actor-list")

    def on_descendant_focus(self) -> None:
        self.query_one(".pane-title").add_class("-focused")

    def on_descendant_blur(self) -> None:
        self.query_one(".pane-title").remove_class("-focused")

    def set_actors(
        self,
        actors: list[tuple[str, int]],
        aliases: dict[str, tuple[str, ...]] | None = None,
        kinds: dict[str, str] | None = None,
    ) -> None:
        self.actors = actors
        self._matcher = ActorRanker(actors, aliases)
        self.query_one(ActorList).kinds = kinds or {}
        self.refilter()

    def refilter(self) -> None:
        query = self.query_one(ActorSearch).value
        ranked = self._matcher.rank(query, limit=SHOWN_ACTORS)
        self.shown = [name for name, _ in ranked]
        self.query_one(ActorList).set_items(ranked)

    @property
    def highlighted_actor(self) -> str | None:
        index = self.query_one(ActorList).cursor
        if not 0 <= index < len(self.shown):
            return None
        return self.shown[index]

    @property
    def query_text(self) -> str:
        return self.query_one(ActorSearch).value

    def plain_match(self, query: str) -> str | None:
        """The best actor matching `query` (the box never matches scattered letters)."""
        ranked = self._matcher.rank(query, limit=1)
        return ranked[0][0] if ranked else None

    @on(Input.Changed, "#actor-search")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.refilter()

    @on(Input.Submitted, "#actor-search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose()

    @on(ActorList.Chosen, "#actor-list")
    def _selected(self, event: ActorList.Chosen) -> None:
        event.stop()
        self._choose()

    def _choose(self) -> None:
        self.post_message(self.ActorChosen(self, self.highlighted_actor, self.query_text))
