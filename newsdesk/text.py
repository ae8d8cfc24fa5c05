"""Make untrusted text from feeds and pages safe to store and to show in a terminal.

Feeds can carry terminal escape sequences (which could move the cursor, retitle the window or
hide text), stray control characters and bidirectional overrides (which make text display in an
order other than the one it is stored in). `clean_text` removes all of those and keeps every
printable character, including characters that look like markup: "[bold]" stays "[bold]".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Escape sequences that start with ESC:
#   CSI  ESC [ parameters intermediates final   (colours, cursor movement, erase)
#   OSC  ESC ] ... BEL or ESC \                  (window title, hyperlinks, clipboard)
#   DCS, SOS, PM, APC  ESC P / X / ^ / _ ... ESC \
#   any other escape: ESC, intermediates, final byte
# An unterminated string command is removed up to the end of its line. The 8-bit (C1) forms
# are removed as single control characters below: C1 bytes in decoded text are mostly
# mis-decoded punctuation, and eating text after them would lose words.
_ESCAPES = re.compile(
    r"""
    \x1b\[ [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]?
  | \x1b[\]PX^_] [^\n]*? (?:\x07|\x1b\\|$)
  | \x1b [\x20-\x2f]* [\x30-\x7e]?
    """,
    re.VERBOSE | re.MULTILINE,
)

# C0 controls except tab and newline, DEL, C1 controls, and the bidi embeddings, overrides
# and isolates (U+202A..U+202E, U+2066..U+2069).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

_NEWLINES = re.compile("\r\n?|[\u2028\u2029\x85]")

# Lone surrogates: not characters at all, and not writable as UTF-8 (a JSON "\ud800" escape or
# a bad character reference can produce one). Each becomes U+FFFD, the replacement character.
_SURROGATES = re.compile("[\ud800-\udfff]")


def clean_text(s: str) -> str:
    """Return `s` without control characters, escape sequences or bidi overrides, and with
    U+FFFD in place of each lone surrogate: valid Unicode, safe to show and to write.

    Newlines and tabs are kept (carriage returns and Unicode line separators become newlines);
    every printable character is kept as it is, so markup-like text is never interpreted.
    """
    if s.isprintable():  # the common case: nothing to remove, no newlines either
        return s
    s = _NEWLINES.sub("\n", s)
    s = _ESCAPES.sub("", s)
    s = _SURROGATES.sub("\ufffd", s)
    return _CONTROLS.sub("", s)


def clean_line(s: str) -> str:
    """`clean_text`, then collapse every run of whitespace to one space (for titles, names)."""
    return " ".join(clean_text(s).split())


# Words left out of the comparison form: articles inside body names ("Organization of the
# Petroleum Exporting Countries" is written with and without "the").
_SKIPPED_WORDS = frozenset({"the"})
_GLUE = re.compile(r"[.'\u2019\u02bc`]")  # dropped: "U.S." is "US", "O'Neill" is "ONeill"
_SPLIT = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The comparison form of a name: lower case, no diacritics, punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    bare = bare.replace("ß", "ss")
    bare = _GLUE.sub("", bare)
    words = [w for w in _SPLIT.split(bare) if w and w not in _SKIPPED_WORDS]
    return " ".join(words)


__all__ = ["clean_line", "clean_text", "fold"]
