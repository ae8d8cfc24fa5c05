"""A real Store under tmp_path filled with hand-made stories and annotations, for UI tests."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.worker import WorkerCancelled

from newsdesk.config import Config, FetchSettings
from newsdesk.desk import Desk
from newsdesk.models import Actor, Annotation, Entity, FeedState, Meeting, Place, Story
from newsdesk.ui.app import NewsdeskApp

FEED = "https://news.example.org/world.xml"
LIBYA_TEXT = (
    "UN Secretary-General Antonio Guterres flew to eastern Libya on Friday for talks with "
    "Khalifa Haftar.\n\nHaftar and Fayez al-Sarraj met in Abu Dhabi last month."
)
MARKUP_TITLE = "[bold red]x[/] \x1b[31mred alert\x1b[0m"


def _span(text: str, name: str, label: str, nth: int = 0) -> Entity:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Entity(name, label, start, start + len(name))


def _libya() -> tuple[Story, Annotation]:
    story = Story(
        id="libya0000000001",
        feed_url=FEED,
        feed_title="World Wire",
        title="UN chief Guterres flies to eastern Libya for talks with Haftar",
        link="https://news.example.org/libya",
        published="2019-04-05T09:30:00+00:00",
        text=LIBYA_TEXT,
    )
    t = LIBYA_TEXT
    annotation = Annotation(
        entities=(
            _span(t, "Antonio Guterres", "PERSON"),
            _span(t, "Libya", "GPE"),
            _span(t, "Friday", "DATE"),
            _span(t, "Khalifa Haftar", "PERSON"),
            _span(t, "Haftar", "PERSON", 1),
            _span(t, "Fayez al-Sarraj", "PERSON"),
            _span(t, "Abu Dhabi", "GPE"),
        ),
        actors=(
            Actor("Antonio Guterres", "PERSON", ("Guterres",), 2, "UN Secretary-General"),
            Actor("Khalifa Haftar", "PERSON", ("Haftar",), 3),
            Actor("Fayez al-Sarraj", "PERSON", ("al-Sarraj",), 1),
        ),
        places=(
            Place(
                "Libya",
                "Libya",
                "Africa",
                "Northern Africa",
                t.index("Libya"),
                t.index("Libya") + 5,
            ),
            Place(
                "Abu Dhabi",
                "United Arab Emirates",
                "Asia",
                "Western Asia",
                t.index("Abu Dhabi"),
                t.index("Abu Dhabi") + 9,
            ),
        ),
        countries=("Libya",),
        regions=("Africa",),
        subregions=("Northern Africa",),
        meetings=(
            Meeting(
                ("Antonio Guterres", "Khalifa Haftar"),
                "eastern Libya",
                "Libya",
                "on Friday",
                "2019-04-05",
                "planned",
                evidence="UN Secretary-General Antonio Guterres flew to eastern Libya on Friday "
                "for talks with commander of the Libyan National Army (LNA) Khalifa Haftar.",
                confidence=0.85,
                rules=("noun.talks",),
            ),
            Meeting(  # read from a headline alone: kept, never shown
                ("Khalifa Haftar", "Abdel Fattah al-Sisi"),
                "Cairo",
                "Egypt",
                evidence="Haftar Sees Sisi In Cairo",
                confidence=0.35,
                rules=("verb.see", "headline-only"),
            ),
            Meeting(
                ("Khalifa Haftar", "Fayez al-Sarraj"),
                "Abu Dhabi",
                "United Arab Emirates",
                "last month",
                "2019-03",
            ),
        ),
        summary="Antonio Guterres is to meet Khalifa Haftar in eastern Libya. Khalifa Haftar met "
        "Fayez al-Sarraj in Abu Dhabi, United Arab Emirates, last month.",
        pipeline_version="test",
        meeting_min_confidence=0.6,
    )
    return story, annotation


def _simple(
    sid: str,
    title: str,
    published: str,
    text: str,
    actors: tuple[str, ...],
    country: str,
    region: str,
    subregion: str,
    *,
    link: str | None = None,
    meet: bool = False,
) -> tuple[Story, Annotation]:
    story = Story(
        id=sid,
        feed_url=FEED,
        feed_title="World Wire",
        title=title,
        link=link or f"https://news.example.org/{sid}",
        published=published,
        text=text,
    )
    entities = tuple(_span(text, a, "PERSON") for a in actors if a in text)
    meetings = (Meeting(actors[:2], country, country, None, published[:10]),) if meet else ()
    annotation = Annotation(
        entities=entities,
        actors=tuple(Actor(a, "PERSON", (a.split()[-1],), 1) for a in actors),
        countries=(country,),
        regions=(region,),
        subregions=(subregion,),
        meetings=meetings,
        summary=f"{actors[0]} met {actors[1]} in {country}."
        if meet
        else f"{actors[0]}; {country}.",
        pipeline_version="test",
    )
    return story, annotation


def sample_stories() -> list[tuple[Story, Annotation | None]]:
    items: list[tuple[Story, Annotation | None]] = [
        _libya(),
        _simple(
            "egypt000000002",
            "Haftar visits Cairo for talks with Sisi",
            "2019-04-04T08:00:00+00:00",
            "Khalifa Haftar met Abdel Fattah al-Sisi in Cairo.",
            ("Khalifa Haftar", "Abdel Fattah al-Sisi"),
            "Egypt",
            "Africa",
            "Northern Africa",
            meet=True,
        ),
        _simple(
            "kenya000000003",
            "Kenya and Tanzania agree to scrap trade barriers",
            "2019-04-03T08:00:00+00:00",
            "Uhuru Kenyatta met John Magufuli in Dar es Salaam.",
            ("Uhuru Kenyatta", "John Magufuli"),
            "Kenya",
            "Africa",
            "Eastern Africa",
            meet=True,
        ),
        _simple(
            "brazil00000004",
            "Brazil and Argentina ministers meet in Montevideo",
            "2019-04-02T08:00:00+00:00",
            "Ernesto Araujo and Jorge Faurie held talks in Montevideo on car quotas.",
            ("Ernesto Araujo", "Jorge Faurie"),
            "Uruguay",
            "Americas",
            "Latin America and the Caribbean",
            meet=True,
        ),
        _simple(
            "japan000000005",
            "Japanese foreign minister to visit Seoul",
            "2019-04-01T08:00:00+00:00",
            "Taro Kono will visit Seoul to prepare a summit with Kang Kyung-wha.",
            ("Taro Kono", "Kang Kyung-wha"),
            "South Korea",
            "Asia",
            "Eastern Asia",
        ),
    ]
    markup = Story(
        id="markup00000006",
        feed_url=FEED,
        feed_title="World Wire",
        title=MARKUP_TITLE,
        link="javascript:alert(1)",
        published="2019-03-31T08:00:00+00:00",
        text="Body with [b]markup[/b] and \x1b]0;evil title\x07 an escape.",
    )
    items.append((markup, None))
    return items


def make_desk(data_dir: Path, keymap: dict[str, str] | None = None, **changes: object) -> Desk:
    config = Config(
        path=None,
        data_dir=data_dir,
        feeds=(),
        fetch=FetchSettings(fulltext=False),
        annotate=False,
        keymap=dict(keymap or {}),
    )
    if changes:
        config = replace(config, **changes)  # type: ignore[arg-type]
    return Desk(config)


def fill(desk: Desk, items: list[tuple[Story, Annotation | None]]) -> None:
    desk.store.add_stories([story for story, _ in items])
    desk.store.set_annotations({s.id: a for s, a in items if a is not None})
    desk.store.save_feed_states(
        [
            FeedState(FEED, title="World Wire", status=200, last_ok="2019-04-05T10:00:00+00:00"),
            FeedState("https://broken.example.org/rss", status=500, error="HTTP 500 Server Error"),
        ]
    )


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    d = make_desk(tmp_path / "data")
    fill(d, sample_stories())
    yield d
    d.close()


async def workers_done(app: NewsdeskApp) -> None:
    """Wait for every worker the app has now. An exclusive worker that a newer one of its group
    replaced ends cancelled: that is the app working as meant, not a failure of the test."""
    for worker in list(app.workers):
        with contextlib.suppress(WorkerCancelled):
            await worker.wait()


async def settle(app: NewsdeskApp) -> None:
    """Wait until the stored rows are shown and background loading is done."""
    for _ in range(200):
        if app.loaded and app.sidebar_ready and not any(w.is_running for w in app.workers):
            break
        await workers_done(app)
        await asyncio.sleep(0.01)
    await workers_done(app)


async def refreshed(app: NewsdeskApp, pilot: Any) -> None:
    """Wait until a background refresh has finished and the list has been rebuilt."""
    for _ in range(100):
        await asyncio.sleep(0.05)
        if not any(w.group == "refresh" and w.is_running for w in app.workers):
            break
    await pilot.pause(0.7)  # the list is rebuilt at most twice a second
