"""clean_text / clean_line: untrusted feed text made safe for storage and terminals."""

from __future__ import annotations

import pytest

from newsdesk.text import clean_line, clean_text


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("\x1b[31mred\x1b[0m alert", "red alert"),  # SGR colours
        ("a\x1b[2J\x1b[Hb", "ab"),  # clear screen, cursor home
        ("\x1b[?1049hhidden", "hidden"),  # private-mode CSI
        ("x\x1b]0;pwned title\x07y", "xy"),  # OSC window title ended by BEL
        ("\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\", "click"),  # OSC 8 hyperlink
        ("\x1bPq#0;2;0;0;0\x1b\\after", "after"),  # DCS (sixel)
        ("\x1bcreset", "reset"),  # RIS: full terminal reset
        ("\x1b(0charset", "charset"),  # designate character set
        ("nul\x00bell\x07bs\x08del\x7f", "nulbellbsdel"),  # C0 and DEL
        ("c1\x9b31mtext\x9d", "c131mtext"),  # C1 controls removed as characters
        ("abc\u202edcba\u202c", "abcdcba"),  # right-to-left override
        ("\u2066isolate\u2069", "isolate"),  # bidi isolates
    ],
)
def test_clean_text_removes_controls_and_escapes(dirty: str, clean: str) -> None:
    assert clean_text(dirty) == clean


def test_clean_text_keeps_markup_like_text_literally() -> None:
    text = "[bold]Breaking[/bold] [link=http://x]here[/link] <b>tag</b> \\[escaped]"
    assert clean_text(text) == text


def test_clean_text_keeps_printable_unicode_tabs_and_newlines() -> None:
    text = "Zürich\tcafé — 東京 🌍 مرحبا\nsecond line"
    assert clean_text(text) == text


def test_clean_text_normalises_line_endings() -> None:
    assert clean_text("one\r\ntwo\rthree\u2028four") == "one\ntwo\nthree\nfour"


def test_unterminated_string_command_only_eats_its_line() -> None:
    assert clean_text("a\x1b]0;no terminator\nnext line") == "a\nnext line"


def test_clean_line_collapses_whitespace() -> None:
    assert clean_line("  Big\n\tnews \x1b[1m today\u00a0 ") == "Big news today"


def test_clean_text_is_identity_on_plain_text() -> None:
    text = "Plain text, nothing to remove."
    assert clean_text(text) is text


def test_lone_surrogates_become_the_replacement_character() -> None:
    dirty = "a\ud800b\udfff\x1b[31mc"
    assert clean_text(dirty) == "a\ufffdb\ufffdc"
    assert clean_line(" x\udc80 y ") == "x\ufffd y"
    clean_text(dirty).encode("utf-8")  # valid UTF-8 now
