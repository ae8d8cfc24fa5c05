"""Many invented news stories from templates, served as feeds and article pages by a FeedServer.

Every story is made up: invented people with invented titles, real capitals and countries, and
one of three shapes (two officials meet, a visit is planned, a report with no meeting), so the
annotation finds people, places and some meetings, as it would in real news.

    with FeedServer() as server:
        urls = serve_feeds(server, feeds=12, items=50)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from ingest_helpers import FeedServer, Item, Route, article_page, rss_feed

# Invented people: first and family names combined by the story number.
FIRST_NAMES = (
    "Maria", "John", "Amina", "Jonas", "Ana", "Peter", "Sofia", "Omar",
    "Elena", "Kwame", "Hiroshi", "Fatima", "Lukas", "Priya", "Tomas", "Grace",
)  # fmt: skip
FAMILY_NAMES = (
    "Lopez", "Carter", "Diallo", "Berg", "Ruiz", "Novak", "Rossi", "Haddad",
    "Petrova", "Mensah", "Tanaka", "Khan", "Schmidt", "Sharma", "Silva", "Okafor",
)  # fmt: skip
TITLES = ("Foreign Minister", "President", "Prime Minister", "Trade Minister", "Defence Minister")
# Real capitals and the countries they are in, so the stories are placed in the world.
CAPITALS = (
    ("Nairobi", "Kenya"), ("Lima", "Peru"), ("Hanoi", "Vietnam"), ("Oslo", "Norway"),
    ("Cairo", "Egypt"), ("Warsaw", "Poland"), ("Accra", "Ghana"), ("Manila", "Philippines"),
    ("Bogota", "Colombia"), ("Ankara", "Turkey"), ("Canberra", "Australia"), ("Lisbon", "Portugal"),
)  # fmt: skip
TOPICS = ("trade", "fishing rights", "a border dispute", "energy prices", "migration", "water")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class MadeStory:
    number: int
    title: str
    paragraphs: tuple[str, ...]
    country: str  # the country the story is mostly about
    meets: bool  # a meeting that happened is told


def _person(n: int) -> str:
    return f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {FAMILY_NAMES[(n * 7 + 3) % len(FAMILY_NAMES)]}"


def make_story(n: int) -> MadeStory:
    """Story number `n`: a meeting (n % 3 == 0), a planned visit (1) or a report (2)."""
    a, b = _person(n), _person(n + 5)
    title_a, title_b = TITLES[n % len(TITLES)], TITLES[(n + 2) % len(TITLES)]
    city, country = CAPITALS[n % len(CAPITALS)]
    other_city, other = CAPITALS[(n + 4) % len(CAPITALS)]
    topic, day = TOPICS[n % len(TOPICS)], DAYS[n % len(DAYS)]
    background = (
        f"{country} and {other} have argued over {topic} for several years, and officials in "
        f"{city} said the last round of talks ended without an agreement. Trade between the two "
        f"countries fell last year, according to figures published by the central bank.",
        f'Analysts in {other_city} said the mood had changed since the spring. "Both sides '
        f'know that time is short," said one economist who asked not to be named. Farmers and '
        f"fishing crews on both sides have held protests in recent months.",
        f"A spokesman for the government of {other} said further talks were possible before the "
        f"end of the year. Opposition leaders in {country} called the talks a distraction from "
        f"rising prices at home. Story number {n} of the wire service's daily file.",
    )
    if n % 3 == 0:
        title = f"{country} and {other} leaders meet in {city} over {topic} ({n})"
        lead = (
            f"{title_a} {a} of {country} met {title_b} {b} of {other} in {city} on {day} to "
            f"discuss {topic}, the first such meeting in two years.",
            f"{a.split()[-1]} told reporters after the talks that the two sides had agreed to "
            f"set up a joint commission. {b.split()[-1]} called the meeting useful.",
        )
        meets = True
    elif n % 3 == 1:
        title = f"{other} minister to visit {city} for talks on {topic} ({n})"
        lead = (
            f"{title_b} {b} of {other} will travel to {city} next week for talks with "
            f"{title_a} {a} on {topic}, officials said on {day}.",
            "The visit was announced after weeks of quiet contacts between the two governments.",
        )
        meets = False
    else:
        title = f"{country} reports slower growth as {topic} weighs on exports ({n})"
        lead = (
            f"The economy of {country} grew more slowly than expected in the third quarter, "
            f"official figures showed on {day}, as {topic} weighed on exports.",
            f"{title_a} {a} said in {city} that the government would present new measures.",
        )
        meets = False
    return MadeStory(n, title, (*lead, *background), country, meets)


def feed_document(server: FeedServer, feed: int, items: int) -> bytes:
    """Feed number `feed` with `items` stories; each story's page is routed on `server`."""
    now = datetime.now(UTC).replace(microsecond=0)
    out: list[Item] = []
    for i in range(items):
        story = make_story(feed * items + i)
        page = Route(body=article_page(story.title, story.paragraphs), content_type=HTML)
        link = server.route(f"/article/{feed}/{i}.html", page)
        out.append(
            Item(
                title=story.title,
                link=link,
                guid=link,
                published=now - timedelta(minutes=10 * (i + 1)),
                description=f"<p>{story.paragraphs[0]}</p>",
            )
        )
    return rss_feed(f"Wire {feed}", out)


def serve_feeds(server: FeedServer, feeds: int, items: int) -> list[str]:
    """Route `feeds` feeds of `items` stories each on `server`; returns the feed URLs."""
    urls = []
    for feed in range(feeds):
        body = feed_document(server, feed, items)
        urls.append(server.route(f"/feed/{feed}.xml", Route(body=body)))
    return urls


def write_config(path: Path, urls: list[str], **nlp: object) -> Path:
    """A config file naming `urls` as feeds (stories kept for ever), with `nlp` settings."""
    lines = []
    for url in urls:
        lines += ["[[feeds]]", f'url = "{url}"', ""]
    lines += ["[store]", "keep_days = 3650", ""]
    if nlp:
        lines.append("[nlp]")
        lines += [f"{key} = {value}" for key, value in nlp.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
