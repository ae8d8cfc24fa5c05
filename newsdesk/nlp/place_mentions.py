"""Place names found in a parsed story: the dateline, the gazetteer's core names, the tagger's
places, and the big cities of an ALL-CAPS headline; each with where it stands and how much it
tells about the story's countries."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Span

from newsdesk.nlp.doc_reads import doc_ents, text_of, tokens_of
from newsdesk.nlp.gazetteer import CoreForm, Meaning, gazetteer
from newsdesk.nlp.regions import fold, successor_states

Zone = Literal["dateline", "title", "lead", "body"]

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
_DATELINE = re.compile(
    r"\s*(?P<place>[A-Z][A-Za-z.'\u2019\- ]{1,40}?)"
    r"(?:,\s*(?P<qual>[A-Z][A-Za-z.' ]{0,30}?))?"
    r"(?:,\s*(?P<date>" + _MONTH + r"))?"
    r"\s*(?P<agency>\((?:Reuters|AP|AFP|UPI|dpa|Xinhua|Bloomberg|IANS|PTI|ANI)\))?"
    r"\s*(?:-{1,2}|\u2013|\u2014)\s"
)
_DIRECTION = re.compile(
    r"^(?:(?:north|south|east|west|central|northern|southern|eastern|western|"
    r"north-?eastern|north-?western|south-?eastern|south-?western|north-?east|north-?west|"
    r"south-?east|south-?west|mid|upper|lower|greater|downtown|suburban|rural|coastal)\s+)+",
    re.IGNORECASE,
)
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# a name inside another entity: of an organisation ("Bank of Japan") it is weak evidence, of a
# person ("Michael Jordan") none, of an amount ("U.S. dlrs") little
_PARTIAL_WEIGHT = {
    "ORG": 0.4,
    "PERSON": 0.0,
    "LANGUAGE": 0.0,
    "MONEY": 0.2,
    "EVENT": 0.4,
    "LAW": 0.4,
    "WORK_OF_ART": 0.4,
    "PRODUCT": 0.4,
}
_BIG_CITY = 1_000_000
# a place naming an agreement or a group ("the Paris accord", "Paris Club") is not where things are
_AGREEMENT_WORDS = """accord accords agreement club convention conventions treaty pact protocol
declaration consensus round process plan formula"""
_NAMED_AFTER = frozenset(_AGREEMENT_WORDS.split())
# a country whose officials act in the story ("Soviet Foreign Minister", "U.S. negotiators",
# "Japan's government", "U.S. Treasury Secretary") is more central to it than one merely named
_OFFICIAL_WORDS = """minister ministers ministry secretary president premier chancellor ambassador
embassy envoy envoys delegation delegations delegate delegates negotiator negotiators official
officials leader leaders representative representatives spokesman spokeswoman government
administration authorities king queen prince department treasury cabinet parliament congress
senate army navy military troops forces police"""
_OFFICIALS = frozenset(_OFFICIAL_WORDS.split())
# "a Hong Kong-based firm": where a company sits, not what the story is about
_SEAT_WORDS = frozenset({"based", "registered", "listed", "headquartered"})
_OFFICIALS_WEIGHT = 1.5
# "Soviet-era canals", "post-Soviet states", "the former Yugoslavia": a former state named as a
# period or as what a place used to be is no evidence that the story is set in it
_PERIOD_BEFORE = frozenset({"former", "ex", "post", "pre"})
_PERIOD_AFTER = frozenset({"era", "style", "vintage", "times", "days"})


@dataclass
class Mention:
    """A place name found in the story, before and after resolution."""

    text: str
    start: int  # char offsets into the doc
    end: int
    meanings: tuple[Meaning, ...]
    zone: Zone
    weight: float  # evidence it gives (1 for a plain place; less inside an organisation's name)
    qualifier: str | None = None  # country written next to it ("OSAKA, Japan")
    country: str | None = None  # filled by resolution
    needs_support: bool = False  # a city name the tagger called an organisation: counts only when
    # its country is named elsewhere in the story

    @property
    def kind(self) -> str:
        return self.meanings[0].kind if self.meanings else ""

    @property
    def region(self) -> str | None:
        return next((m.region for m in self.meanings if m.region), None)

    @property
    def subregion(self) -> str | None:
        return next((m.subregion for m in self.meanings if m.subregion), None)


def strip_place_words(name: str) -> str:
    """ "eastern Libya" -> "Libya", "the Tripoli" -> "Tripoli", "Libya's" -> "Libya"."""
    name = " ".join(name.split())
    if name.lower().startswith("the ") and not gazetteer().lookup_key(name).startswith("the "):
        name = name[4:]
    if name.endswith(("'s", "\u2019s")):
        name = name[:-2]
    stripped = _DIRECTION.sub("", name)
    if stripped and gazetteer().meanings(name) == []:
        return stripped
    return name


def _single_country(text: str) -> str | None:
    """The one country a name stands for (a country name's namesake towns do not count)."""
    meanings = gazetteer().meanings(text)
    core = {m.country for m in meanings if m.kind != "city"}
    countries = core or {m.country for m in meanings}
    return countries.pop() if len(countries) == 1 else None


def find_mentions(doc: Doc, body_start: int) -> list[Mention]:
    """Every place name of the story, in text order."""
    g = gazetteer()
    text = text_of(doc)
    mentions: list[Mention] = []
    dateline = _dateline(text, body_start)
    if dateline is not None:
        mentions.append(dateline)
    lead_end = _lead_end(doc, dateline.end if dateline else body_start)
    title_caps = body_start > 0 and not any(c.islower() for c in text[:body_start])

    def zone(start: int) -> Zone:
        if start < body_start:
            return "title"
        return "lead" if start < lead_end else "body"

    starts = [t.idx for t in tokens_of(doc)]
    ends = [
        t.idx + len(t) for t in tokens_of(doc)
    ]  # (read once: the scan below looks at every token)
    taken = [False] * (len(text) + 1)
    if dateline is not None:
        for k in range(dateline.start, dateline.end):
            taken[k] = True
    ents: list[Span | None] = [None] * len(doc)
    for ent in doc_ents(doc):
        for k in range(ent.start, ent.end):
            ents[k] = ent

    def add(start: int, end: int, meanings: tuple[Meaning, ...], weight: float) -> None:
        if weight <= 0 or any(taken[start:end]):
            return
        for k in range(start, end):
            taken[k] = True
        weight *= _context_factor(doc, starts, end)
        weight *= _venue_factor(doc, starts, start, meanings)
        mentions.append(Mention(text[start:end], start, end, meanings, zone(start), weight))

    # 1. the core table over all capitalised text
    i, n = 0, len(doc)
    while i < n:
        best: tuple[int, CoreForm] | None = None
        j = i
        while j < n and j < i + 8:
            surface = " ".join(text[starts[i] : ends[j]].split())
            key = fold(surface)
            form = g.core.get(key)
            if form is not None and _written_as(surface, form):
                best = (j, form)
            if key not in g.prefixes:
                break
            j += 1
        if best is None:
            word = text[starts[i] : ends[i]]
            if "-" in word:  # "U.S.-Japanese": one token, two names
                offset = starts[i]
                parts = word.split("-")
                weight = _weight(ents, i, i + 1)
                if parts[-1].lower() in _SEAT_WORDS:  # "U.S.-based"
                    weight *= 0.5
                for k, part in enumerate(parts):
                    form = g.core.get(fold(part))
                    if (
                        part
                        and form is not None
                        and _written_as(part, form)
                        and not _part_names_a_period(parts, k, form.meanings)
                    ):
                        add(offset, offset + len(part), form.meanings, weight)
                    offset += len(part) + 1
            i += 1
            continue
        j, form = best
        if _names_a_period(doc, i, j + 1, form.meanings):
            i = j + 1
            continue
        before = len(mentions)
        end = ends[j]
        add(starts[i], end, form.meanings, _weight(ents, i, j + 1))
        if len(mentions) > before and fold(text[starts[i] : end]) in g.ambiguous_names:
            covering = ents[i]
            tagged = covering is not None and covering.label_ in (*_PLACE_LABELS, "NORP")
            mentions[-1].needs_support = not tagged  # "Turkey", "Chad", "Reunion" as words
        i = j + 1

    # 2. what the tagger calls a place, through the city table
    for ent in doc_ents(doc):
        if ent.label_ not in _PLACE_LABELS and ent.label_ != "ORG":
            continue
        name = strip_place_words(ent.text)
        meanings = tuple(g.meanings(name))
        if not meanings or (name.isupper() and len(name) <= 4 and zone(ent.start_char) != "title"):
            continue  # an acronym in running text is no town ("UN")
        if ent.label_ == "ORG" and (
            len(ent) > 3 or any(m.kind != "city" for m in meanings) or fold(name) in g.common_words
        ):
            continue  # an organisation named after a place is no mention of it
        start = ent.start_char + ent.text.find(name)
        before = len(mentions)
        add(start, start + len(name), meanings, 0.5 if ent.label_ == "ORG" else 1.0)
        if len(mentions) > before:
            mentions[-1].needs_support = ent.label_ == "ORG" or _alternate_only(meanings)
            if ent.end + 1 < n and doc[ent.end].text == ",":
                mentions[-1].qualifier = _single_country(doc[ent.end + 1 : ent.end + 4].text)

    # 3. capitals and big cities of an ALL-CAPS headline (the tagger reads those poorly)
    if title_caps:
        for token in doc:
            if token.idx >= body_start or not token.is_alpha:
                continue
            for m in g.meanings(token.text)[:1]:
                if m.kind == "city" and (m.capital or m.population >= _BIG_CITY):
                    add(token.idx, token.idx + len(token), (m,), 1.0)
    mentions.sort(key=lambda m: m.start)
    return mentions


def _is_former_state(meanings: tuple[Meaning, ...]) -> bool:
    return bool(meanings) and all(
        m.country is not None and successor_states(m.country) for m in meanings
    )


def _names_a_period(doc: Doc, i: int, j: int, meanings: tuple[Meaning, ...]) -> bool:
    """A former state at tokens i..j written as a period or a past ("Soviet-era", "post-Soviet",
    "former Soviet", "ex-Yugoslav")."""
    if not _is_former_state(meanings):
        return False
    k = i - 1
    if k >= 0 and doc[k].text == "-":
        k -= 1
    if k >= 0 and doc[k].lower_ in _PERIOD_BEFORE:
        return True
    k = j
    if k < len(doc) and doc[k].text == "-":
        k += 1
    return k < len(doc) and doc[k].lower_ in _PERIOD_AFTER


def _part_names_a_period(parts: list[str], k: int, meanings: tuple[Meaning, ...]) -> bool:
    """The same inside one hyphenated token ("post-Soviet" kept whole by the tokenizer)."""
    before = k > 0 and parts[k - 1].lower() in _PERIOD_BEFORE
    after = k + 1 < len(parts) and parts[k + 1].lower() in _PERIOD_AFTER
    return (before or after) and _is_former_state(meanings)


def _context_factor(doc: Doc, starts: list[int], end: int) -> float:
    """How the words after a place name change its weight ("Paris accord", "U.S. officials")."""
    k = bisect_left(starts, end)
    if k < len(doc) and doc[k].lower_ in ("'s", "’s"):
        k += 1
    if k >= len(doc):
        return 1.0
    word = doc[k].lower_
    if word in _NAMED_AFTER:
        return 0.2
    if word == "-" and k + 1 < len(doc) and doc[k + 1].lower_ in _SEAT_WORDS:
        return 0.5  # "a Hong Kong-based firm": where a company sits, not what the story is about
    # "U.S. Treasury Secretary", "Soviet Foreign Trade Minister": a title after capitalised words
    for token in doc[k : k + 4]:
        if token.lower_ in _OFFICIALS:
            return _OFFICIALS_WEIGHT
        if not token.is_title:
            break
    return 1.0


_MEETING_LEMMAS = frozenset(
    {"meet", "meeting", "talk", "talks", "summit", "visit", "conference", "negotiation", "session"}
)


def _venue_factor(doc: Doc, starts: list[int], start: int, meanings: tuple[Meaning, ...]) -> float:
    """A place where the story's encounter happens ("met in Abu Dhabi") is central to it."""
    if not meanings or meanings[0].kind in ("demonym", "region"):
        return 1.0
    k = bisect_left(starts, start)
    if k == 0 or k >= len(doc) or doc[k - 1].lower_ not in ("in", "at"):
        return 1.0
    sent = doc[k].sent if doc.has_annotation("SENT_START") else doc[max(0, k - 20) : k + 5]
    if any(t.lemma_.lower() in _MEETING_LEMMAS for t in sent):
        return 2.0
    return 1.0


def _alternate_only(meanings: tuple[Meaning, ...]) -> bool:
    """A town known by this name only as an alternate one ("Namanga" for Namangan) is a weak
    guess unless it is a big city ("Peking")."""
    first = meanings[0]
    return first.kind == "city" and first.alternate and first.population < _BIG_CITY


def _written_as(surface: str, form: CoreForm) -> bool:
    """Capitalisation must fit: "US" but not "us"; "Turkey" but not "turkey"."""
    if form.acronym:
        return not any(c.islower() for c in surface)
    return surface[:1].isupper() or form.lowercase_start


def _weight(ents: list[Span | None], i: int, j: int) -> float:
    """Evidence of a name at tokens i..j by the entity it sits in."""
    ent = ents[i]
    if ent is None or ent.label_ in _PLACE_LABELS or ent.label_ == "NORP":
        return 1.0
    whole = ent.end == j and (ent.start == i or (ent.start == i - 1 and ent[0].lower_ == "the"))
    if whole:
        return 0.5 if ent.label_ == "PERSON" else 1.0
    if ent.label_ == "ORG" and any(t.lower_ in _OFFICIALS for t in ent):
        return 1.0  # a body of the state ("the U.S. Congress", "Japan's Finance Ministry")
    return _PARTIAL_WEIGHT.get(ent.label_, 1.0)  # dates, numbers: the tagger's slip


def _dateline(text: str, body_start: int) -> Mention | None:
    """The wire dateline opening the body: "LISBON, Oct 14 -", "OSAKA, Japan, April 27 -"."""
    match = _DATELINE.match(text, body_start)
    if match is None:
        return None
    place = match.group("place").strip()
    if not (match.group("date") or match.group("agency") or place.isupper()):
        return None
    g = gazetteer()
    qual_text = match.group("qual")
    qualifier = None
    if qual_text:
        qualifier = g.qualifiers.get(fold(qual_text.strip())) or _single_country(qual_text)
    meanings = tuple(g.meanings(place) or g.meanings(strip_place_words(place)))
    if not meanings:
        country = g.dateline_places.get(fold(place)) or qualifier
        if country is None:
            return None
        meanings = (Meaning(country, "city"),)
    start = match.start("place")
    return Mention(place, start, start + len(place), meanings, "dateline", 1.0, qualifier)


def _lead_end(doc: Doc, start: int) -> int:
    """End of the story's first sentence."""
    token = next((t for t in doc if t.idx >= start), None)
    if token is None:
        return start
    if doc.has_annotation("SENT_START"):
        return int(token.sent.end_char)
    dot = text_of(doc).find(". ", start + 20)
    return dot if dot >= 0 else len(text_of(doc))
