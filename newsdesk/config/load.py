"""Find, read and validate the newsdesk config file (TOML).

Where things are:
  config file  --config FILE, else $NEWSDESK_CONFIG, else <user config dir>/newsdesk/config.toml
  data dir     --data-dir DIR, else $NEWSDESK_DATA_DIR, else <user data dir>/newsdesk

A file given with --config must exist; a file found through the environment or the default
location may be missing, which means "no config": newsdesk then reads its bundled seed stories.

Every problem becomes one `ConfigError` whose message names the file, the key, the line when
it can be found, and what is wrong, e.g.
  ~/.config/newsdesk/config.toml: line 7: key 'fetch.concurrency': must be a positive integer
"""

from __future__ import annotations

import os
from pathlib import Path

from newsdesk.config.model import Config, ConfigError
from newsdesk.config.validate import parse_config
from newsdesk.files import UnreadableFile, read_small_file

APP_NAME = "newsdesk"
CONFIG_ENV = "NEWSDESK_CONFIG"
DATA_ENV = "NEWSDESK_DATA_DIR"
MAX_CONFIG_BYTES = 1_000_000  # a config file is a few kB; anything this large is a wrong path


def default_config_path() -> Path:
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def config_path(path: Path | None = None) -> Path:
    """The config file newsdesk uses (which may not exist yet)."""
    if path is not None:
        return path.expanduser()
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    return default_config_path()


def data_dir_path(data_dir: Path | None = None) -> Path:
    if data_dir is not None:
        return data_dir.expanduser()
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser()
    return default_data_dir()


def load_config(path: Path | None = None, data_dir: Path | None = None) -> Config:
    """Read the config file (see the module docstring for where it is); raise ConfigError."""
    file = config_path(path)
    data = data_dir_path(data_dir)
    try:
        text = read_config_text(file)
    except FileNotFoundError:
        if path is not None:
            raise ConfigError(f"{file}: no such config file") from None
        return Config(path=None, data_dir=data, feeds=())
    return parse_config(text, file, data)


def read_config_text(file: Path) -> str:
    """The text of the config file `file`: a regular UTF-8 file (a BOM is allowed) of at most
    MAX_CONFIG_BYTES. Raises FileNotFoundError when it is missing, ConfigError otherwise."""
    try:
        data = read_small_file(file, MAX_CONFIG_BYTES)
    except UnreadableFile as exc:
        raise ConfigError(f"{file}: cannot read the config file: {exc}") from None
    try:
        return data.decode("utf-8")  # a BOM stays, so a rewrite keeps it; parse_config skips it
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(
            f"{file}: cannot read the config file: not UTF-8 (line {line}, byte {exc.start + 1})"
        ) from None


__all__ = [
    "MAX_CONFIG_BYTES",
    "config_path",
    "data_dir_path",
    "default_config_path",
    "default_data_dir",
    "load_config",
    "read_config_text",
]
