"""Feed and page text made plain: HTML reduced to paragraphs (blocks become paragraphs, <br> a
line break, script and style dropped), control characters removed, whitespace tidied.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from newsdesk.text import clean_text


def to_plain(value: str, mime: str = "text/html") -> str:
    """Clean plain text with paragraphs separated by blank lines."""
    if "html" in mime and ("<" in value or "&" in value):
        value = html_to_text(value)
    return _paragraphs(clean_text(value))


_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _paragraphs(text: str) -> str:
    paragraphs = []
    for block in _BLANK_LINE.split(text):
        if "\n" in block:
            lines = (" ".join(line.split()) for line in block.split("\n"))
            paragraph = "\n".join(line for line in lines if line)
        else:  # the common case: one line
            paragraph = " ".join(block.split())
        if paragraph:
            paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


_BLOCK_TAGS = frozenset(
    (  # noqa: SIM905 - a word list reads best as words
        "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5"
        " h6 header hr li main nav ol p pre section table tr ul"
    ).split()
)
_SKIP_TAGS = frozenset({"script", "style", "template", "noscript", "head", "title"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            # Inside a paragraph, source newlines are just spaces.
            self.parts.append(data.replace("\n", " "))


def html_to_text(html: str) -> str:
    """Reduce an HTML fragment to text: blocks become paragraphs, <br> a line break."""
    simple = _simple_html_to_text(html)
    if simple is not None:
        return simple
    return _parsed_html_to_text(html)


def _parsed_html_to_text(fragment: str) -> str:
    collector = _TextCollector()
    collector.feed(fragment)
    collector.close()
    return "".join(collector.parts)


# A tag without attributes: <p>, </p>, <br/>, <B >. Fragments made of these and text only (most
# feed summaries) are read without HTMLParser, with the very same result (see the tests).
_BARE_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\s*(/?)>")


def _simple_html_to_text(fragment: str) -> str | None:
    """What `_TextCollector` makes of a fragment of bare tags and text; None for any other
    markup (attributes, comments, script and style, a lone "<"), left to HTMLParser."""
    parts: list[str] = []
    position = 0
    for match in _BARE_TAG.finditer(fragment):
        data = fragment[position : match.start()]
        if "<" in data:
            return None
        if data:  # HTMLParser hands text over with its references converted
            parts.append(html.unescape(data).replace("\n", " "))
        closing, name, self_closing = match.groups()
        name = name.lower()
        if name in _SKIP_TAGS or (closing and self_closing):
            return None
        if name in _BLOCK_TAGS:
            parts.append("\n\n\n\n" if self_closing else "\n\n")  # <p/>: start and end
        elif name == "br" and not closing:
            parts.append("\n")
        position = match.end()
    rest = fragment[position:]
    if "<" in rest:
        return None
    if rest:
        parts.append(html.unescape(rest).replace("\n", " "))
    return "".join(parts)
