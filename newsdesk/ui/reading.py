"""Reading: opening stories, moving between them, and what the keys do to the story read."""

from __future__ import annotations

import subprocess
import webbrowser
from collections.abc import Iterable
from pathlib import Path

from textual import on, work
from textual.app import SuspendNotSupported

from newsdesk.models import Story, StoryRow
from newsdesk.output import save_markdown, story_markdown
from newsdesk.store import StoreError
from newsdesk.text import clean_line
from newsdesk.ui.sections import Sections
from newsdesk.ui.widgets.story_list import StoryList
from newsdesk.ui.widgets.story_view import StoryView
from newsdesk.urls import web_link


class Reading(Sections):
    """The story in the reader and the keys that act on it."""

    @on(StoryList.Opened)
    def _opened(self, event: StoryList.Opened) -> None:
        self.open_story(event.story_id)

    def open_story(self, story_id: str, focus: bool = True) -> None:
        try:
            story = self.desk.store.story(story_id)
        except StoreError as error:  # a shard that cannot be read: say so, keep the reader up
            self.notify(f"Cannot open that story: {error}", severity="error", markup=False)
            return
        if story is None:
            self.notify("That story is no longer stored.", severity="warning")
            return
        row = self.index.by_id.get(story_id)
        self.reading_id = story_id
        if row is not None and not row.annotated and self._annotating:
            self.desk.prioritize(story_id)  # the story being read is annotated next
        self.show_story(story, row)
        self.screen.add_class("-reading")
        if row is not None:  # reading one copy reads the whole event
            self.set_read(self.event_rows([row]), True)
        self.story_list.select_id(story_id)
        if focus:
            self.focus_now(self.reader)

    def show_story(self, story: Story, row: StoryRow | None) -> None:
        annotation = self.desk.store.annotation(story.id)
        pending = annotation is None and self.desk.config.annotate and not self.annotation_stopped
        self.reader.show(story, annotation, pending)

    @on(StoryView.Closed)
    def _reader_closed(self) -> None:
        self.screen.remove_class("-fullscreen", "-reading")
        self.focus_now(self.story_list)

    # --- moving between stories -----------------------------------------------------------

    def _reader_has_focus(self) -> bool:
        focused = self.focused
        return focused is not None and self.reader in (focused, *focused.ancestors)

    def _go_to(self, index: int) -> None:
        """Put the list's cursor on row `index`; the reader follows when a story is open."""
        rows = self.story_list.rows
        if not 0 <= index < len(rows):
            self.notify("No more stories this way.", severity="information")
            return
        if self.reader.story_id is not None:
            self.open_story(rows[index].id, focus=self._reader_has_focus())
        else:
            self.story_list.move_to(index)

    def action_next_story(self) -> None:
        self._go_to(self._reading_index() + 1)

    def action_previous_story(self) -> None:
        self._go_to(self._reading_index() - 1)

    def _reading_index(self) -> int:
        """The row of the story in the reader, else of the list's cursor."""
        reader_id = self.reader.story_id
        if reader_id is not None:
            at = next((i for i, r in enumerate(self.story_list.rows) if r.id == reader_id), None)
            if at is not None:
                return at
        return self.story_list.cursor

    def action_next_unread(self) -> None:
        rows = self.story_list.rows
        start = self._reading_index()
        order = [*range(start + 1, len(rows)), *range(0, start + 1)]
        for index in order:
            if not rows[index].read and rows[index].id != self.reader.story_id:
                self.open_story(rows[index].id)
                return
        self.notify("No unread story left in this list.")

    def action_page_reader(self) -> None:
        """Space: open the story, then page down through it, then on to the next story."""
        reader = self.reader
        current = self.story_list.current_id
        if reader.story_id is None or (not self._reader_has_focus() and reader.story_id != current):
            if current is not None:
                self.open_story(current)
            return
        if reader.scroll_y >= reader.max_scroll_y:
            self._go_to(self._reading_index() + 1)
        else:
            reader.scroll_page_down(animate=False)

    def action_toggle_fullscreen(self) -> None:
        if self.reader.story_id is None and self.story_list.current_id is not None:
            self.open_story(self.story_list.current_id)
        full = not self.screen.has_class("-fullscreen")
        self.screen.set_class(full, "-fullscreen")
        if full:
            self.focus_now(self.reader)

    def action_to_list(self) -> None:
        """Esc: back to the story list from wherever focus is."""
        self.screen.remove_class("-fullscreen", "-reading")
        self.focus_now(self.story_list)

    # --- user state ---------------------------------------------------------------------

    def target_row(self) -> StoryRow | None:
        """The story a key acts on: the one in the reader when it has focus, else the list's."""
        reader_id = self.reader.story_id
        focused = self.focused
        if reader_id and focused is not None and self.reader in (focused, *focused.ancestors):
            return self.index.by_id.get(reader_id)
        return self.story_list.current or (self.index.by_id.get(reader_id) if reader_id else None)

    def event_rows(self, rows: Iterable[StoryRow]) -> list[StoryRow]:
        """The rows with every other copy of their events (read state follows the event)."""
        events = self.index.events
        out: dict[str, StoryRow] = {}
        for row in rows:
            for copy in events.copies(row.id) or [row]:
                out.setdefault(copy.id, copy)
        return list(out.values())

    def _changed(self, row: StoryRow) -> None:
        self.index.upsert(row)
        self.story_list.update_row(row)

    _undo_read: list[StoryRow] | None = None  # the stories the last mark-read changed

    def set_read(self, rows: Iterable[StoryRow], read: bool) -> None:
        rows = [row for row in rows if row.read != read]
        if not rows:
            return
        if read:
            self._undo_read = rows
        try:
            self.desk.store.set_read([r.id for r in rows], read)
        except Exception as error:  # read-only or failing disk: tell, don't crash
            self.notify(f"Could not save read state: {error}", severity="error", markup=False)
            return
        for row in rows:
            row.read = read
            self.story_list.update_row(row)

    def action_toggle_bookmark(self) -> None:
        row = self.target_row()
        if row is None:
            return
        store = self.desk.store
        try:
            if store.is_bookmarked(row.id):
                store.remove_bookmark(row.id)
                row.bookmarked = False
                self.notify("Bookmark removed")
            else:
                store.add_bookmark(row.id)
                row.bookmarked = True
                self.notify("Bookmarked")
        except Exception as error:
            self.notify(f"Could not save bookmark: {error}", severity="error", markup=False)
            return
        self._changed(row)

    def action_undo_read(self) -> None:
        rows, self._undo_read = self._undo_read, None
        if not rows:
            self.notify("Nothing to undo.")
            return
        self.set_read(rows, False)
        self._undo_read = None
        self.notify(f"Marked {len(rows)} {'story' if len(rows) == 1 else 'stories'} unread again")

    def action_toggle_read(self) -> None:
        row = self.target_row()
        if row is not None:
            self.set_read(self.event_rows([row]), not row.read)

    def action_mark_all_read(self) -> None:
        unread = [row for row in self.event_rows(self.story_list.rows) if not row.read]
        if unread:
            self.set_read(unread, True)
            self.notify(f"Marked {len(unread)} stories read (U undoes)")

    # --- saving and piping -------------------------------------------------------------

    def _target_story(self) -> tuple[Story, str] | None:
        row = self.target_row()
        story = self.desk.store.story(row.id) if row else None
        if story is None:
            self.notify("No story to act on.", severity="warning")
            return None
        annotation = self.desk.store.annotation(story.id)
        return story, story_markdown(story, annotation)

    def action_save_story(self) -> None:
        found = self._target_story()
        if found is None:
            return
        story, text = found
        folder = self.desk.config.save_dir or Path.cwd()
        try:
            path = save_markdown(folder, story, text)
        except OSError as error:
            self.notify(f"Could not save the story: {error}", severity="error", markup=False)
            return
        self.notify(f"Saved to {path}", markup=False)

    def action_pipe_story(self) -> None:
        command = self.desk.config.pipe_command
        if not command:
            self.notify(
                "No command to pipe to: set [reader] pipe_command in the config.",
                severity="warning",
            )
            return
        found = self._target_story()
        if found is None:
            return
        _, text = found
        try:
            try:
                with self.suspend():  # the command gets the terminal (a pager, an editor)
                    done = subprocess.run(command, shell=True, input=text, text=True, check=False)
            except SuspendNotSupported:  # no terminal to hand over: run it on the side
                done = subprocess.run(
                    command, shell=True, input=text, text=True, check=False, capture_output=True
                )
        except OSError as error:
            self.notify(f"Could not run {command!r}: {error}", severity="error", markup=False)
            return
        if done.returncode:
            self.notify(f"{command!r} exited with status {done.returncode}", severity="warning")

    # --- links --------------------------------------------------------------------------

    def action_open_link(self) -> None:
        row = self.target_row()
        if row is None:
            return
        link = web_link(clean_line(row.link or ""))
        if link is None:
            shown = clean_line(row.link or "")[:80] or "(none)"
            self.notify(
                f"Refused to open a link that is not http(s): {shown}",
                severity="error",
                markup=False,
            )
            return
        self._open_in_browser(link)
        self.notify(f"Opening {link}", markup=False)

    @work(thread=True, group="browser", description="open link")
    def _open_in_browser(self, link: str) -> None:
        webbrowser.open(link)

    def action_copy_link(self) -> None:
        row = self.target_row()
        if row is None or not row.link:
            self.notify("This story has no link.", severity="warning")
            return
        link = clean_line(row.link)
        self.copy_to_clipboard(link)
        self.notify(f"Copied {link}", markup=False)
