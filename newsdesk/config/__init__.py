"""The config file: where it is, what it may say, and changing it.

- `model`: the settings as data (`Config`, `FetchSettings`) and `ConfigError`;
- `load`: where the file and the data directory are, and reading the file;
- `validate`: checking the TOML, with one message naming the file, line, key and problem;
- `lines`: finding the line of a key, for those messages;
- `edit`: adding tables to the file (feeds, views), its comments kept, in one atomic replace;
- `feedlists`: reading OPML and newsboat `urls` files into `[[feeds]]`, and writing OPML.
"""

from newsdesk.config.load import (
    APP_NAME,
    CONFIG_ENV,
    DATA_ENV,
    MAX_CONFIG_BYTES,
    config_path,
    data_dir_path,
    default_config_path,
    default_data_dir,
    load_config,
    read_config_text,
)
from newsdesk.config.model import Config, ConfigError, FetchSettings, default_user_agent
from newsdesk.config.validate import LIMITS, parse_config, url_problem

__all__ = [
    "APP_NAME",
    "CONFIG_ENV",
    "DATA_ENV",
    "LIMITS",
    "MAX_CONFIG_BYTES",
    "Config",
    "ConfigError",
    "FetchSettings",
    "config_path",
    "data_dir_path",
    "default_config_path",
    "default_data_dir",
    "default_user_agent",
    "load_config",
    "parse_config",
    "read_config_text",
    "url_problem",
]
