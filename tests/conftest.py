"""Fixtures shared by every test module.

Every test runs with its config and data locations pointed into its own `tmp_path`, so no test
reads or writes the real home directory, whatever platformdirs would pick on this machine.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point XDG dirs, NEWSDESK_CONFIG and NEWSDESK_DATA_DIR at a fresh directory under tmp_path."""
    home = tmp_path / "home"
    config_home = home / ".config"
    data_home = home / ".local" / "share"
    cache_home = home / ".cache"
    for path in (config_home, data_home, cache_home):
        path.mkdir(parents=True)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config_home))
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))
    monkeypatch.setenv("NEWSDESK_CONFIG", str(config_home / "newsdesk" / "config.toml"))
    monkeypatch.setenv("NEWSDESK_DATA_DIR", str(data_home / "newsdesk"))
    return home


@pytest.fixture
def config_file(isolated_home: Path) -> Path:
    """The path NEWSDESK_CONFIG points at (the file does not exist until a test writes it)."""
    path = isolated_home / ".config" / "newsdesk" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture
def data_dir(isolated_home: Path) -> Path:
    """The directory NEWSDESK_DATA_DIR points at."""
    return isolated_home / ".local" / "share" / "newsdesk"
