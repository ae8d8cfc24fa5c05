"""Config discovery and validation: every error names the file, the key, the line and the fault."""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path

import pytest

from newsdesk.cli import main
from newsdesk.config import LIMITS, MAX_CONFIG_BYTES, ConfigError, FetchSettings, load_config
from newsdesk.keymap import BINDING_IDS
from newsdesk.models import FeedSpec
from newsdesk.nlp.meetings.rules import DEFAULT_MIN_CONFIDENCE

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "config.example.toml"

VALID = """\
# my feeds
[[feeds]]
url = "https://example.org/feed.xml"
title = "Example"
tags = ["world", "africa"]

[[feeds]]
url = "http://news.example.net/rss"

[fetch]
concurrency = 4
timeout = 5
fulltext = false
user_agent = "tester/1"

[store]
keep_days = 7

[nlp]
processes = 2
annotate = false

[keymap]
"newsdesk.bookmark" = "ctrl+b"
"""


def test_valid_file_gives_every_value(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(VALID)
    config = load_config(path, tmp_path / "data")
    assert config.path == path
    assert config.data_dir == tmp_path / "data"
    assert config.feeds == (
        FeedSpec("https://example.org/feed.xml", "Example", ("world", "africa")),
        FeedSpec("http://news.example.net/rss", None, ()),
    )
    assert config.fetch == FetchSettings(
        concurrency=4, timeout=5.0, fulltext=False, user_agent="tester/1"
    )
    assert (config.keep_days, config.nlp_processes, config.annotate) == (7, 2, False)
    assert config.nlp_model is None
    assert config.keymap == {"newsdesk.bookmark": "ctrl+b"}


def test_no_file_means_embedded_default(config_file: Path, data_dir: Path) -> None:
    assert not config_file.exists()
    config = load_config()
    assert config.path is None
    assert config.feeds == ()
    assert config.data_dir == data_dir
    assert config.fetch == FetchSettings()


def test_environment_then_platform_dirs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    env_file = tmp_path / "env.toml"
    env_file.write_text('[[feeds]]\nurl = "https://env.example/feed"\n')
    monkeypatch.setenv("NEWSDESK_CONFIG", str(env_file))
    monkeypatch.setenv("NEWSDESK_DATA_DIR", str(tmp_path / "env-data"))
    config = load_config()
    assert config.path == env_file
    assert config.data_dir == tmp_path / "env-data"
    # without the variables, the XDG (platformdirs) locations are used
    monkeypatch.delenv("NEWSDESK_CONFIG")
    monkeypatch.delenv("NEWSDESK_DATA_DIR")
    xdg_file = isolated_home / ".config" / "newsdesk" / "config.toml"
    xdg_file.parent.mkdir(parents=True, exist_ok=True)
    xdg_file.write_text('[[feeds]]\nurl = "https://xdg.example/feed"\n')
    config = load_config()
    assert config.path == xdg_file
    assert config.feeds[0].url == "https://xdg.example/feed"
    assert config.data_dir == isolated_home / ".local" / "share" / "newsdesk"
    # an explicit path beats both
    assert load_config(env_file).feeds[0].url == "https://env.example/feed"


def test_explicit_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"nope\.toml: no such config file"):
        load_config(tmp_path / "nope.toml")


def test_example_file_loads_and_documents_every_key(tmp_path: Path) -> None:
    config = load_config(EXAMPLE, tmp_path)
    assert config.feeds and all(f.url.startswith("https://") for f in config.feeds)
    assert config.fetch == FetchSettings()  # the example shows the defaults
    assert config.keep_days == 30 and config.annotate is True and config.nlp_processes == 0
    doc = tomllib.loads(EXAMPLE.read_text())
    lines = EXAMPLE.read_text().splitlines()
    for table in ("fetch", "store", "nlp"):
        for key in doc[table]:
            number = next(i for i, line in enumerate(lines) if re.match(rf"{key}\s*=", line))
            assert lines[number - 1].startswith("#"), f"{table}.{key} has no comment above it"
    assert set(doc["fetch"]) == {*FetchSettings.__dataclass_fields__, "reload_minutes"}
    assert set(doc["store"]) == {"keep_days"}
    assert set(doc["nlp"]) == {"model", "processes", "annotate", "meeting_min_confidence"}
    assert config.meeting_min_confidence == DEFAULT_MIN_CONFIDENCE == 0.6
    assert doc["keymap"]


ERRORS = [
    # (file text, expected message after "<file>: ")
    ("[fetch]\nconcurrency = 0\n", "line 2: key 'fetch.concurrency': must be a positive integer"),
    ('[fetch]\n\ntimeout = "soon"\n', "line 3: key 'fetch.timeout': must be a positive number"),
    ("[fetch]\nfulltext = 1\n", "line 2: key 'fetch.fulltext': must be true or false"),
    ("[fetch]\nretries = true\n", "line 2: key 'fetch.retries': must be an integer >= 0"),
    ("[fetch]\nconcurency = 3\n", "line 2: key 'fetch.concurency': unknown key"),
    ("colour = 'red'\n", "line 1: key 'colour': unknown key"),
    ("[store]\nkeep_days = -1\n", "line 2: key 'store.keep_days': must be a positive integer"),
    ("[nlp]\nprocesses = 1.5\n", "line 2: key 'nlp.processes': must be an integer >= 0"),
    ("[nlp]\nmodel = ''\n", "line 2: key 'nlp.model': must be a non-empty string"),
    ('[nlp]\nmodel = "en\\u0000"\n', "line 2: key 'nlp.model': must be a non-empty string"),
    ('[keymap]\n"newsdesk.quit" = "\\u001b"\n', "line 2: key 'keymap.\"newsdesk.quit\"': must be"),
    (
        "[nlp]\nmeeting_min_confidence = 1.5\n",
        "line 2: key 'nlp.meeting_min_confidence': must be a number from 0 to 1, not 1.5",
    ),
    (
        "[nlp]\nmeeting_min_confidence = 'high'\n",
        "line 2: key 'nlp.meeting_min_confidence': must be a number from 0 to 1",
    ),
    ("fetch = 3\n", "line 1: key 'fetch': must be a table"),
    (
        '[[feeds]]\nurl = "https://a.example/"\n\n[[feeds]]\nurl = "ftp://b.example/x"\n',
        "line 5: key 'feeds[2].url': ftp: URL refused (only http and https are fetched)",
    ),
    ('[[feeds]]\nurl = "https://"\n', "line 2: key 'feeds[1].url': invalid URL (no host)"),
    ('[[feeds]]\ntitle = "no url"\n', "line 1: key 'feeds[1].url': missing"),
    ('[[feeds]]\nurl = "https://a.example/"\ntags = "news"\n', "line 3: key 'feeds[1].tags'"),
    ('[[feeds]]\nurl = "https://a.example/"\nname = "x"\n', "line 3: key 'feeds[1].name': unknown"),
    (
        '[[feeds]]\nurl = "https://a.example/"\n[[feeds]]\nurl = "https://a.example/"\n',
        "line 4: key 'feeds[2].url': duplicate feed",
    ),
    ('[keymap]\n"newsdesk.quit" = 5\n', "line 2: key 'keymap.\"newsdesk.quit\"': must be a string"),
    ('[keymap]\n"newsdesk.quit" = "ctrl q"\n', "line 2: key 'keymap.\"newsdesk.quit\"': must be"),
    ('[keymap]\n\nquit = "q"\n', "line 3: key 'keymap.quit': binding ids start with"),
    ("[fetch]\ntimeout = inf\n", "line 2: key 'fetch.timeout': must be a positive number"),
    ("[fetch]\ntimeout = nan\n", "line 2: key 'fetch.timeout': must be a positive number"),
    ("[fetch]\nconnect_timeout = 1e9\n", "line 2: key 'fetch.connect_timeout': must be a"),
    ("[fetch]\nconcurrency = 100000\n", "line 2: key 'fetch.concurrency': must be an integer"),
    ("[fetch]\nretries = 1000\n", "line 2: key 'fetch.retries': must be an integer from 0 to"),
    ("[fetch]\nmax_bytes = 1e6\n", "line 2: key 'fetch.max_bytes': must be a positive integer"),
    ("[store]\nkeep_days = 1_000_000_000\n", "line 2: key 'store.keep_days': must be an integer"),
    ("[nlp]\nprocesses = 100000\n", "line 2: key 'nlp.processes': must be an integer from 0"),
    ('[fetch]\nuser_agent = "a\\nX-Evil: 1"\n', "line 2: key 'fetch.user_agent': must hold"),
    ('[fetch]\nuser_agent = "caf\u00e9"\n', "line 2: key 'fetch.user_agent': must hold"),
    ("[fetch]\nuser_agent = [1]\n", "line 2: key 'fetch.user_agent': must be a string"),
    (
        '[[feeds]]\nurl = "https://a.example/"\ntitle = "\\u001b[31mred"\n',
        "line 3: key 'feeds[1].title': must not contain control characters",
    ),
    (
        '[[feeds]]\nurl = "https://a.example/\\u0000"\n',
        "line 2: key 'feeds[1].url': URL with spaces or control",
    ),
    ("feeds = [1]\n", "line 1: key 'feeds': entry 1 must be a [[feeds]] table"),
    ("[feeds]\nurl = 'https://a.example/'\n", "line 1: key 'feeds': must be a list"),
    ('[keymap]\n"newsdesk.bookmrk" = "b"\n', "line 2: key 'keymap.\"newsdesk.bookmrk\"': unknown"),
    ('[keymap]\nnewsdesk.quit = "q"\n', "line 2: key 'keymap.newsdesk': write the binding id in"),
    ("keymap = []\n", "line 1: key 'keymap': must be a table"),
    ("[fetch]\nconcurrency = = 3\n", "line 2: invalid TOML"),
    ('[[feeds]]\nurl = "https://a.example/\n', "line 2: invalid TOML"),
]


@pytest.mark.parametrize(("text", "expected"), ERRORS)
def test_each_error_names_file_key_and_line(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path, tmp_path)
    assert str(caught.value).startswith(f"{path}: {expected}"), str(caught.value)
    assert "\n" not in str(caught.value)


def test_unreadable_encoding(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(b'[[feeds]]\nurl = "https://a.example/\xff"\n')
    with pytest.raises(ConfigError, match=r"bad\.toml: cannot read the config file"):
        load_config(path, tmp_path)


@pytest.mark.parametrize(
    "argv",
    [
        ["refresh", "--no-fulltext", "--no-annotate"],
        ["stories"],
        ["feeds"],
        ["bookmarks", "list"],
        ["export-opml"],
        [],
    ],
)
def test_cli_exits_2_and_writes_nothing(
    config_file: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    config_file.write_text("[fetch]\nper_host = 'two'\n")
    before = config_file.read_bytes()
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert f"{config_file}: line 2: key 'fetch.per_host': must be a positive integer" in err
    assert not data_dir.exists()
    assert config_file.read_bytes() == before


def test_import_into_invalid_config_writes_nothing(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_file.write_text("[[feeds]]\nurl = 'gopher://old'\n")
    urls = tmp_path / "urls"
    urls.write_text("https://new.example/feed\n")
    assert main(["import-opml", str(urls)]) == 2
    assert "key 'feeds[1].url'" in capsys.readouterr().err
    assert config_file.read_text() == "[[feeds]]\nurl = 'gopher://old'\n"


def test_example_keymap_names_real_bindings_and_readme_lists_every_key() -> None:
    from newsdesk.ui.actions import ALL_ACTIONS, APP_ACTIONS

    ids = {spec.id for spec in ALL_ACTIONS}
    example = tomllib.loads(EXAMPLE.read_text())["keymap"]
    assert set(example) <= ids
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    names = {"slash": "/", "question_mark": "?", "vertical_line": "\\|", "escape": "esc"}
    for spec in APP_ACTIONS:
        first = spec.keys.split(",")[0]
        assert f"`{names.get(first, first)}`" in readme, f"README does not list {spec.id}"


# --- what the config file may be ----------------------------------------------------------------


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode())
    config = load_config(path, tmp_path)
    assert config.feeds[0].url == "https://example.org/feed.xml"
    assert config.keymap == {"newsdesk.bookmark": "ctrl+b"}


def test_a_byte_order_mark_keeps_error_lines_right(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf# notes\n[fetch]\nretries = -1\n")
    with pytest.raises(ConfigError, match=r"bom\.toml: line 3: key 'fetch\.retries'"):
        load_config(path, tmp_path)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_without_reading_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--config", "/dev/zero", "feeds"]) == 2
    err = capsys.readouterr().err
    assert err == (
        "newsdesk: /dev/zero: cannot read the config file: "
        "not a regular file (a character device)\n"
    )


def test_a_directory_or_a_pipe_is_refused(tmp_path: Path) -> None:
    with pytest.raises(
        ConfigError, match=r"cannot read the config file: not a regular file \(a directory\)"
    ):
        load_config(tmp_path, tmp_path)
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)  # opening it to read would wait for a writer forever
    with pytest.raises(ConfigError, match=r"fifo\.toml: .*not a regular file \(a pipe\)"):
        load_config(fifo, tmp_path)


def test_a_huge_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    line = "# " + "x" * 97 + "\n"
    path.write_text(line * (MAX_CONFIG_BYTES // len(line) + 1))
    with pytest.raises(
        ConfigError, match=r"huge\.toml: cannot read the config file: larger than 1 MB"
    ):
        load_config(path, tmp_path)
    path.write_text(line * (MAX_CONFIG_BYTES // len(line)))  # just under the cap: fine
    assert load_config(path, tmp_path).feeds == ()


def test_deeply_nested_toml_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(ConfigError, match=r"deep\.toml: invalid TOML: .*nested too deeply"):
        load_config(path, tmp_path)


def test_bad_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(b"# one\n# two\ntitle = '\xff'\n")
    with pytest.raises(
        ConfigError, match=r"bad\.toml: cannot read the config file: not UTF-8 \(line 3"
    ):
        load_config(path, tmp_path)


def test_every_limit_is_documented_in_the_example() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = text.splitlines()
    for name, (low, high) in LIMITS.items():
        key = name.split(".")[1]
        at = next(i for i, line in enumerate(lines) if re.match(rf"{key}\s*=", line))
        comment = " ".join(line for line in lines[max(0, at - 4) : at] if line.startswith("#"))
        comment = comment.replace("# ", "").replace("_", "")
        assert f"from {low:g} to {high:.0f}" in comment, f"{name}: range not in the example"


def test_limits_are_inclusive(tmp_path: Path) -> None:
    path = tmp_path / "edge.toml"
    path.write_text(
        "[fetch]\nconcurrency = 256\ntimeout = 3600\nconnect_timeout = 0.1\nretries = 10\n"
        "[store]\nkeep_days = 36500\n"
    )
    config = load_config(path, tmp_path)
    assert (config.fetch.concurrency, config.fetch.timeout, config.fetch.retries) == (256, 3600, 10)
    assert config.keep_days == 36500


def test_keymap_ids_are_the_readers_binding_ids() -> None:
    """BINDING_IDS (read by the config, without Textual) names exactly the reader's bindings."""
    import importlib
    import inspect
    import pkgutil

    from textual.binding import Binding

    import newsdesk.ui

    declared: set[str] = set()
    for module_info in pkgutil.walk_packages(newsdesk.ui.__path__, "newsdesk.ui."):
        module = importlib.import_module(module_info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            for binding in cls.__dict__.get("BINDINGS", []):
                if isinstance(binding, Binding) and binding.id is not None:
                    declared.add(binding.id)
    assert "newsdesk.quit" in declared and "newsdesk.reader_down" in declared
    assert declared == set(BINDING_IDS)


def test_an_unknown_binding_id_names_the_closest_one(tmp_path: Path) -> None:
    path = tmp_path / "keys.toml"
    path.write_text('[keymap]\n"newsdesk.quit" = "q"\n"newsdesk.bookmrk" = "b"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path, tmp_path)
    assert str(caught.value) == (
        f"{path}: line 3: key 'keymap.\"newsdesk.bookmrk\"': unknown binding id "
        "(did you mean 'newsdesk.bookmark'? press ? in the reader for every id)"
    )
