"""The config's saved views, ignore rules, reader settings and reload period."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.config import ConfigError, load_config
from newsdesk.models import IgnoreRule, ViewSpec

GOOD = """\
[fetch]
reload_minutes = 15

[reader]
save_dir = "~/saved"
pipe_command = "less -R"

[[views]]
name = "Beta watch"
tag = "beta"

[[views]]
name = "Unread Haftar"
actor = "Haftar"
unread = true

[[ignore]]
title = "(?i)^sponsored"
feed = "Example"

[[ignore]]
actor = "Kim Kardashian"

[regions]
"Middle East" = ["Egypt", "Israel", "Western Asia"]
"G7" = ["Canada", "France", "Germany", "Italy", "Japan", "United Kingdom", "United States"]
"""


def test_views_ignore_reader_and_reload_are_read(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text(GOOD)
    config = load_config(path, tmp_path / "data")
    assert config.reload_minutes == 15
    assert config.save_dir == Path("~/saved").expanduser()
    assert config.pipe_command == "less -R"
    assert config.views == (
        ViewSpec("Beta watch", tag="beta"),
        ViewSpec("Unread Haftar", actor="Haftar", unread=True),
    )
    assert config.ignore == (
        IgnoreRule(feed="Example", title="(?i)^sponsored"),
        IgnoreRule(actor="Kim Kardashian"),
    )
    assert config.regions["Middle East"] == ("Egypt", "Israel", "Western Asia")
    assert list(config.regions) == ["Middle East", "G7"]


def test_defaults_without_these_tables(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text("")
    config = load_config(path, tmp_path / "data")
    assert (config.views, config.ignore, config.reload_minutes) == ((), (), 0)
    assert config.save_dir is None and config.pipe_command is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[views]]\ntag = "beta"\n', "line 1: key 'views[1].name': missing"),
        ('[[views]]\nname = "A"\n', "key 'views[1]': a view needs a filter"),
        (
            '[[views]]\nname = "A"\ntag = "x"\n[[views]]\nname = "a"\ntag = "y"\n',
            "line 5: key 'views[2].name': duplicate view 'a'",
        ),
        ('[[views]]\nname = "A"\ncolour = "red"\n', "line 3: key 'views[1].colour': unknown key"),
        ('[[views]]\nname = "A"\nunread = "yes"\n', "key 'views[1].unread': must be true or"),
        ('[[views]]\nname = "A"\ntag = 3\n', "line 3: key 'views[1].tag': must be a non-empty"),
        ("views = 3\n", "key 'views': must be a list of [[views]] tables"),
        ('[[ignore]]\ntitle = "("\n', "line 2: key 'ignore[1].title': not a valid regular"),
        ('[[ignore]]\nfeed = "X"\n', "key 'ignore[1]': a rule needs title, text, actor or"),
        ("[fetch]\nreload_minutes = -1\n", "line 2: key 'fetch.reload_minutes': must be an"),
        (
            "[fetch]\nreload_minutes = 100000\n",
            "key 'fetch.reload_minutes': must be an integer from 0 to 10,080",
        ),
        ('[reader]\nsave_dir = ""\n', "line 2: key 'reader.save_dir': must be a directory"),
        ("[reader]\npipe_command = 1\n", "line 2: key 'reader.pipe_command': must be a command"),
        ('[regions]\n"Sahel" = "Niger"\n', "line 2: key 'regions.\"Sahel\"': must be a list of"),
        ('[regions]\n"Sahel" = []\n', "line 2: key 'regions.\"Sahel\"': must be a list of"),
        ('[regions]\n"Sahel" = ["Niger", 3]\n', "line 2: key 'regions.\"Sahel\"': must be a"),
    ],
)
def test_mistakes_name_the_key_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "c.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        load_config(path, tmp_path / "data")
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(path))


def test_a_key_the_reader_already_uses_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[keymap]\n"newsdesk.bookmark" = "f"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path, tmp_path / "data")
    assert str(caught.value) == (
        f"{path}: line 2: key 'keymap.\"newsdesk.bookmark\"': key 'f' is already used by "
        "'newsdesk.feeds' (rebind that one too, or choose another key)"
    )
    # swapping two keys is fine: each key still serves one action
    path.write_text('[keymap]\n"newsdesk.bookmark" = "f"\n"newsdesk.feeds" = "b"\n')
    assert load_config(path, tmp_path / "data").keymap["newsdesk.feeds"] == "b"


def test_the_example_regions_resolve(tmp_path: Path) -> None:
    """The commented [regions] of config.example.toml, uncommented, name real countries."""
    import tomllib

    from newsdesk.query import resolve_regions

    example = (Path(__file__).resolve().parent.parent / "config.example.toml").read_text()
    block = example[example.index("# [regions]") : example.index("# --- Ignore rules")]
    text = "\n".join(line.removeprefix("#").removeprefix(" ") for line in block.splitlines())
    regions = resolve_regions(tomllib.loads(text)["regions"])
    assert {r.name for r in regions} == {"Middle East", "Sahel", "European Union", "G7"}
    assert len(next(r for r in regions if r.name == "European Union").countries) == 27
