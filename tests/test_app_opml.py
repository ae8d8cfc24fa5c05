"""Feed lists: OPML and newsboat urls in, OPML out, and the config file kept intact."""

from __future__ import annotations

import re
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from newsdesk.cli import main
from newsdesk.config import load_config
from newsdesk.config.feedlists import (
    MAX_FOLDER_TAGS,
    FeedListError,
    parse_opml,
    parse_urls,
    read_feed_list,
    toml_string,
)
from newsdesk.models import FeedSpec

OPML = b"""<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>My subscriptions</title></head>
  <body>
    <outline text="World">
      <outline text="Africa">
        <outline type="rss" text="Sahel Daily" xmlUrl="https://sahel.example/rss"
                 category="/news/west"/>
      </outline>
      <outline type="rss" title="Globe &amp; Mail" text="ignored"
               xmlUrl="https://globe.example/feed"/>
    </outline>
    <outline type="rss" text="Loose" xmlUrl="http://loose.example/atom.xml"/>
    <outline type="rss" text="https://untitled.example/rss" xmlUrl="https://untitled.example/rss"/>
    <outline type="rss" text="Bad scheme" xmlUrl="ftp://files.example/feed"/>
    <outline type="link" text="Just a link" url="https://site.example/"/>
  </body>
</opml>
"""

OPML1 = b"""<?xml version="1.0"?>
<opml version="1.0"><head><title>old</title></head><body>
<outline title="Tech" text="Tech"><outline title="Wire" xmlUrl="https://wire.example/rss"/></outline>
</body></opml>
"""

URLS = """\
# newsboat urls file
https://a.example/feed.xml news "world affairs" "~A Daily"
http://b.example/rss tech !
"query:Unread:unread = \\"yes\\""
https://c.example/atom   # a comment

exec:~/bin/make-feed
https://a.example/feed.xml again
"""


def test_opml2_folders_become_tags() -> None:
    result = parse_opml(OPML)
    assert result.feeds == [
        FeedSpec("https://sahel.example/rss", "Sahel Daily", ("World", "Africa", "west")),
        FeedSpec("https://globe.example/feed", "Globe & Mail", ("World",)),
        FeedSpec("http://loose.example/atom.xml", "Loose", ()),
        FeedSpec("https://untitled.example/rss", None, ()),
    ]
    assert len(result.skipped) == 2 and "ftp://files.example/feed" in result.skipped[0]
    assert result.skipped[1] == "outline 'Just a link': no xmlUrl, so not a feed"


def test_opml1() -> None:
    assert parse_opml(OPML1).feeds == [FeedSpec("https://wire.example/rss", "Wire", ("Tech",))]


def test_newsboat_urls_with_tags_and_titles() -> None:
    result = parse_urls(URLS)
    assert result.feeds == [
        FeedSpec("https://a.example/feed.xml", "A Daily", ("news", "world affairs")),
        FeedSpec("http://b.example/rss", None, ("tech",)),
        FeedSpec("https://c.example/atom", None, ()),
    ]
    reasons = " | ".join(result.skipped)
    assert "line 4" in reasons and "query:" in reasons
    assert "line 7" in reasons and "exec:" in reasons
    assert "line 8" in reasons and "listed twice" in reasons


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<opml><body><outline text='x'></body></opml>", "line 1, column"),
        (b"<rss version='2.0'><channel/></rss>", "not an OPML file"),
        (b"<opml version='2.0'><head/></opml>", "without a <body>"),
        (
            b'<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY a "aaaa">]><opml><body/></opml>',
            "entity declarations",
        ),
    ],
)
def test_malformed_opml_is_refused_clearly(data: bytes, message: str) -> None:
    with pytest.raises(FeedListError, match=message):
        parse_opml(data, "subs.opml")


def test_toml_string_round_trips() -> None:
    for value in [
        "plain",
        'quote " and \\ backslash',
        "tab\tnew\nline",
        "ctrl\x01\x7f",
        "ünï 中文",
    ]:
        assert tomllib.loads(f"v = {toml_string(value)}")["v"] == value


def test_import_appends_keeps_comments_and_skips_duplicates(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = (
        "# my own notes, keep them\n"
        "[fetch]\nconcurrency = 3  # be gentle\n\n"
        '[[feeds]]\nurl = "https://globe.example/feed"\ntitle = "Mine"'  # no final newline
    )
    config_file.write_text(original)
    opml = tmp_path / "subs.opml"
    opml.write_bytes(OPML)
    assert main(["import-opml", str(opml)]) == 0
    out = capsys.readouterr()
    assert "added 3 feeds" in out.out and "1 already there" in out.out
    assert "ftp://files.example/feed" in out.err
    text = config_file.read_text()
    assert text.startswith(original + "\n")
    config = load_config()
    assert config.fetch.concurrency == 3
    assert [f.url for f in config.feeds] == [
        "https://globe.example/feed",
        "https://sahel.example/rss",
        "http://loose.example/atom.xml",
        "https://untitled.example/rss",
    ]
    assert config.feeds[0].title == "Mine"  # the existing entry is not touched
    assert config.feeds[1].tags == ("World", "Africa", "west")
    # importing again adds nothing and leaves the file byte-identical
    assert main(["import-opml", str(opml)]) == 0
    assert config_file.read_text() == text
    assert list(config_file.parent.glob("*.tmp")) == []


def test_import_creates_the_config_file(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    urls = tmp_path / "urls"
    urls.write_text(URLS)
    assert not config_file.exists()
    assert main(["import-opml", str(urls)]) == 0
    assert [f.title for f in load_config().feeds] == ["A Daily", None, None]


def test_import_bad_input_changes_nothing(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_file.write_text('[[feeds]]\nurl = "https://keep.example/"\n')
    broken = tmp_path / "broken.opml"
    broken.write_bytes(b"<?xml version='1.0'?>\n<opml><body>\n<outline xmlUrl='x'>\n</opml>")
    assert main(["import-opml", str(broken)]) == 1
    err = capsys.readouterr().err
    assert f"{broken}: line 4" in err and "not well-formed" in err
    empty = tmp_path / "empty-urls"
    empty.write_text("# nothing here\n")
    assert main(["import-opml", str(empty)]) == 1
    assert "no feeds found" in capsys.readouterr().err
    assert main(["import-opml", str(tmp_path / "missing.opml")]) == 1
    assert "cannot read" in capsys.readouterr().err
    assert config_file.read_text() == '[[feeds]]\nurl = "https://keep.example/"\n'


def test_export_round_trip(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_bytes(OPML)
    assert main(["import-opml", str(opml)]) == 0
    capsys.readouterr()
    assert main(["export-opml"]) == 0
    exported = capsys.readouterr().out
    root = ET.fromstring(exported)
    assert root.get("version") == "2.0"
    outlines = root.findall("./body/outline")
    assert outlines[1].get("title") == "Globe & Mail"
    assert outlines[0].get("category") == "World,Africa,west"
    again = parse_opml(exported.encode())
    assert tuple(again.feeds) == load_config().feeds


def test_export_with_no_feeds_is_valid_opml(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-opml"]) == 0
    captured = capsys.readouterr()
    assert ET.fromstring(captured.out).find("body") is not None
    assert "no feeds configured" in captured.err


def test_import_through_a_symlinked_config_updates_its_target(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = tmp_path / "dotfiles" / "newsdesk.toml"
    real.parent.mkdir()
    real.write_text("# kept\n")
    config_file.symlink_to(real)
    urls = tmp_path / "urls"
    urls.write_text("https://a.example/feed.xml\n")
    assert main(["import-opml", str(urls)]) == 0
    assert config_file.is_symlink()
    assert (
        real.read_text().startswith("# kept\n") and "https://a.example/feed.xml" in real.read_text()
    )


# --- feed lists of any shape: one message, never a traceback -----------------------------------


def nested_opml(depth: int) -> bytes:
    opening = "".join(f'<outline text="F{i}">' for i in range(depth))
    inner = '<outline text="Deep" xmlUrl="https://deep.example/rss"/>'
    return (
        f"<opml version='2.0'><body>{opening}{inner}{'</outline>' * depth}</body></opml>".encode()
    )


def test_thousands_of_nested_folders_are_read_without_recursion(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """1,000 nested folders raised RecursionError."""
    result = parse_opml(nested_opml(1000))
    tags = tuple(f"F{i}" for i in range(MAX_FOLDER_TAGS))
    assert result.feeds == [FeedSpec("https://deep.example/rss", "Deep", tags)]
    assert result.notes == [
        f"folders nested more than {MAX_FOLDER_TAGS} deep: only the outer "
        f"{MAX_FOLDER_TAGS} became tags"
    ]
    assert len(parse_opml(nested_opml(100_000)).feeds) == 1
    opml = tmp_path / "deep.opml"
    opml.write_bytes(nested_opml(1000))
    assert main(["import-opml", str(opml)]) == 0
    err = capsys.readouterr().err
    assert err == f"newsdesk: {opml}: {result.notes[0]}\n"
    assert load_config().feeds[0].tags == tags


def test_shallow_folders_give_no_note() -> None:
    result = parse_opml(nested_opml(MAX_FOLDER_TAGS))
    assert result.notes == [] and len(result.feeds[0].tags) == MAX_FOLDER_TAGS


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'<?xml version="1.0" encoding="klingon"?><opml/>', "not readable XML .*klingon"),
        (b"<opml><body><outline text='x'/></body></opml>", "no feeds found"),
        (b"<opml><head/></opml>", "OPML without a <body>"),
        (b"<opml><body>\x00</body></opml>", "not well-formed XML"),
        (b"plain words, not a feed list", "no feeds found"),
        (b"\xff\xfe\x00\x00junk", "not well-formed XML|not readable XML"),
    ],
)
def test_each_bad_feed_list_is_one_line_and_exit_1(
    config_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    data: bytes,
    message: str,
) -> None:
    source = tmp_path / "subs.opml"
    source.write_bytes(data)
    assert main(["import-opml", str(source)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"newsdesk: {source}") and err.count("\n") <= 2
    assert re.search(message, err), err
    assert "Traceback" not in err and not config_file.exists()


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_or_a_directory_is_not_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import-opml", "/dev/zero"]) == 1
    assert capsys.readouterr().err == (
        "newsdesk: /dev/zero: cannot read: not a regular file (a character device)\n"
    )
    assert main(["import-opml", str(tmp_path)]) == 1
    assert "not a regular file (a directory)" in capsys.readouterr().err
    assert main(["--config", "/dev/zero", "import-opml", str(tmp_path)]) == 2
    assert "/dev/zero: cannot read the config file" in capsys.readouterr().err


def test_a_feed_list_over_the_size_cap_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("newsdesk.config.feedlists.MAX_FEED_LIST_BYTES", 1000)
    big = tmp_path / "big.opml"
    big.write_bytes(OPML + b" " * 1000)
    with pytest.raises(FeedListError, match=r"big\.opml: cannot read: larger than 1000 bytes"):
        read_feed_list(big)


def test_a_utf16_opml_is_read(tmp_path: Path) -> None:
    source = tmp_path / "utf16.opml"
    source.write_bytes(OPML.decode().replace("UTF-8", "UTF-16").encode("utf-16"))
    assert [f.url for f in read_feed_list(source).feeds][0] == "https://sahel.example/rss"


def test_urls_with_control_characters_are_skipped() -> None:
    result = parse_urls('https://ok.example/rss\n"https://bad.example/\x1b[2Jrss"\n')
    assert [f.url for f in result.feeds] == ["https://ok.example/rss"]
    assert "line 2" in result.skipped[0] and "control characters" in result.skipped[0]


def test_import_keeps_the_byte_order_mark_of_the_config(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_file.write_bytes(b'\xef\xbb\xbf[[feeds]]\nurl = "https://keep.example/"\n')
    urls = tmp_path / "urls"
    urls.write_text("https://new.example/rss\n")
    assert main(["import-opml", str(urls)]) == 0
    assert config_file.read_bytes().startswith(b'\xef\xbb\xbf[[feeds]]\nurl = "https://keep')
    assert [f.url for f in load_config().feeds] == [
        "https://keep.example/",
        "https://new.example/rss",
    ]


def test_a_urls_line_with_an_unclosed_quote_costs_only_that_line() -> None:
    result = parse_urls('https://a.example/rss "~Open title\nhttps://b.example/rss\n', "urls")
    assert [f.url for f in result.feeds] == ["https://b.example/rss"]
    assert result.skipped == ["line 1: cannot be read (no closing quotation)"]


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux /proc")
def test_a_config_that_cannot_be_written_is_one_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    urls = tmp_path / "urls"
    urls.write_text("https://a.example/rss\n")
    target = "/proc/newsdesk-test-config.toml"  # readable as missing, never writable
    assert main(["--config", target, "import-opml", str(urls)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"newsdesk: {target}: cannot write the config file: ")
    assert err.count("\n") == 1
