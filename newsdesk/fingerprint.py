"""What tells two stories apart or makes them copies, computed once when a story is stored.

- `canonical_link`: a link without what differs between copies of one address (scheme, host
  case, `www.`, default port, trailing slash, fragment, tracking parameters);
- `simhash`: a 64-bit SimHash over three-word shingles of the story text, so a copy under
  another headline, with other boilerplate around it or trimmed at the end, stays within a few
  bits of the original while a different story lands about 32 bits away;
- `meeting_keys`: each meeting of an annotation as one short string (participants, date,
  country, place), so follow-ups that report one meeting can be matched without the bodies.

The store puts the SimHash and the meeting keys into each index row; the query layer groups
rows into events from them (newsdesk/query/events.py).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode, urlsplit

if TYPE_CHECKING:
    from newsdesk.models import Annotation, Meeting

# Query parameters that only say where a reader came from: dropped from canonical links.
# utm_* (Google Analytics campaigns) is matched as a prefix; the rest are whole names used by
# Facebook, Google Ads, Mailchimp, Microsoft, and newspaper and feed-platform referral codes.
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "ocid",
        "cmpid",
        "cmp",
        "ref",
        "ref_src",
        "referrer",
        "src",
        "source",
        "rss",
        "feed",
        "ito",
        "taid",
        "smid",
        "partner",
        "at_medium",
        "at_campaign",
    }
)
DEFAULT_PORTS = {"http": 80, "https": 443}

SHINGLE_WORDS = 3  # words per shingle
MIN_WORDS = 25  # shorter texts (a bare feed summary) get no fingerprint: too few shingles
# Copies are at most this many bits apart. Measured with benchmarks/bench_events.py on the
# 2,000 texts of the reference corpus (short wire stories, median 107 words): of all 1,999,000
# pairs of different stories the closest are 13 bits apart (median 32); the corpus's own
# re-issued versions of a story are 0, 5 and 5 bits apart; a copy with an agency line and a
# footer added is a median 7 bits away (88% within 10), one with a tenth cut 7 (93% within
# 10). Longer texts move less: a 400-word story with those lines added, 0-6 bits.
# 10 keeps three bits between copies and the closest different stories.
HAMMING_MAX = 10
BANDS = 4  # the 64 bits in 4 bands of 16: copies within 3 bits share at least one band

_WORD = re.compile(r"\w+")
_MASK = (1 << 64) - 1
_word_hashes: dict[str, int] = {}


def canonical_link(url: str | None) -> str | None:
    """`url` as copies of one address share it: "example.com/a/b?id=3"; None without a host."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        return None
    if host.startswith("www."):
        host = host[4:]
    scheme = parts.scheme.lower()
    if port is not None and port != DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    path = parts.path.rstrip("/")
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if name.lower() not in TRACKING_PARAMS and not name.lower().startswith(TRACKING_PREFIXES)
    ]
    tail = "?" + urlencode(sorted(query)) if query else ""
    return f"{host}{path}{tail}"


def _word_hash(word: str) -> int:
    value = _word_hashes.get(word)
    if value is None:
        if len(_word_hashes) > 200_000:  # a bound on memory over a long session
            _word_hashes.clear()
        digest = hashlib.blake2b(word.encode("utf-8", "replace"), digest_size=8).digest()
        value = _word_hashes[word] = int.from_bytes(digest, "little")
    return value


def simhash(text: str) -> int | None:
    """The 64-bit SimHash of `text`'s three-word shingles (case ignored), or None when the
    text has fewer than MIN_WORDS words."""
    words = _WORD.findall(text.casefold())
    if len(words) < MIN_WORDS:
        return None
    import numpy as np  # loaded on first use: listing stories never needs it

    ids = np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))
    # a shingle's hash: its word hashes, each rotated by its place, mixed (splitmix64's end)
    second, third = ids[1:-1], ids[2:]
    mixed = (
        ids[:-2]
        ^ ((second << np.uint64(21)) | (second >> np.uint64(43)))
        ^ ((third << np.uint64(42)) | (third >> np.uint64(22)))
    )
    mixed ^= mixed >> np.uint64(30)
    mixed *= np.uint64(0xBF58476D1CE4E5B9)
    mixed ^= mixed >> np.uint64(27)
    mixed *= np.uint64(0x94D049BB133111EB)
    mixed ^= mixed >> np.uint64(31)
    shingles = np.unique(mixed)
    bits = np.unpackbits(shingles.astype("<u8").view(np.uint8).reshape(-1, 8), axis=1)
    votes = bits.sum(axis=0, dtype=np.int64) * 2 > len(shingles)
    return int.from_bytes(np.packbits(votes).tobytes(), "big")


def simhash_hex(text: str) -> str | None:
    """`simhash` as 16 hex digits (how the index row keeps it), or None."""
    value = simhash(text)
    return None if value is None else f"{value:016x}"


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def bands(value: int) -> list[int]:
    """The band keys of a SimHash: band number and its 16 bits, as one int each."""
    width = 64 // BANDS
    mask = (1 << width) - 1
    return [(band << width) | ((value >> (band * width)) & mask) for band in range(BANDS)]


# --- meetings ------------------------------------------------------------------------------

_FIELD = "\t"  # between the fields of a meeting key
_NAMES = "|"  # between participants


@dataclass(frozen=True)
class MeetingKey:
    """One meeting as the index row keeps it: enough to match reports of it across stories."""

    participants: tuple[str, ...]  # canonical names, sorted ignoring case
    date: str | None = None  # resolved ISO date (or month), None when the story did not say
    country: str | None = None
    place: str | None = None

    @property
    def pair(self) -> str:
        """Who met, as one folded string: the same for every report of one meeting."""
        return _NAMES.join(p.casefold() for p in self.participants)

    def text(self) -> str:
        return _FIELD.join(
            [_NAMES.join(self.participants), self.date or "", self.country or "", self.place or ""]
        )

    @staticmethod
    def parse(text: str) -> MeetingKey | None:
        fields = text.split(_FIELD)
        if len(fields) != 4 or not fields[0]:
            return None
        names, date, country, place = fields
        return MeetingKey(tuple(names.split(_NAMES)), date or None, country or None, place or None)


def _name(text: str) -> str:
    return " ".join(text.replace(_FIELD, " ").replace(_NAMES, "/").split())


def meeting_key(meeting: Meeting) -> MeetingKey | None:
    names = sorted({_name(p) for p in meeting.participants if _name(p)}, key=str.casefold)
    if len(names) < 2:
        return None
    return MeetingKey(
        tuple(names),
        _name(meeting.date or "") or None,
        _name(meeting.country or "") or None,
        _name(meeting.place or "") or None,
    )


def meeting_keys(annotation: Annotation) -> list[str]:
    """The index row's `meeting_keys`: each shown meeting once, as `MeetingKey.text()`."""
    out: dict[str, None] = {}
    for meeting in annotation.shown_meetings():
        key = meeting_key(meeting)
        if key is not None:
            out.setdefault(key.text(), None)
    return list(out)


__all__ = [
    "BANDS",
    "HAMMING_MAX",
    "MIN_WORDS",
    "MeetingKey",
    "bands",
    "canonical_link",
    "hamming",
    "meeting_key",
    "meeting_keys",
    "simhash",
    "simhash_hex",
]
