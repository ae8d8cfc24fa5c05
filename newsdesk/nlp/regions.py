"""UN M49 regions of countries, and the one list of English short country names newsdesk uses.

The table (`data/m49.json`) covers every ISO 3166-1 country and territory, keyed by alpha-2 code,
plus states that no longer exist ("Soviet Union", "West Germany", ...) with their successors; a
former state takes the region of its main successor.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class CountryInfo:
    """One row of the M49 table."""

    code: str  # ISO alpha-2 ("LY"), or the historical code ("SUHH")
    name: str  # English short name: "Libya"
    region: str | None  # "Africa"; None for Antarctica
    subregion: str | None  # "Northern Africa"
    intermediate: str | None = None  # "Central America", "Eastern Africa", ... where M49 has one
    successors: tuple[str, ...] = ()  # names of the states that followed a former one
    alpha3: str | None = None
    ended: int | None = None  # a former state: the last year it existed


def load_json(name: str) -> Any:
    """A JSON file of `newsdesk/nlp/data/`."""
    with resources.files("newsdesk.nlp").joinpath("data", name).open(encoding="utf-8") as f:
        return json.load(f)


# letters NFKD does not split into a base letter and an accent
_SPECIAL_LETTERS = str.maketrans(
    {
        "\u00f8": "o",  # ø
        "\u00d8": "O",
        "\u00e6": "ae",  # æ
        "\u00c6": "AE",
        "\u0153": "oe",  # œ
        "\u0152": "OE",
        "\u00df": "ss",  # ß
        "\u1e9e": "SS",
        "\u0142": "l",  # ł
        "\u0141": "L",
        "\u0111": "d",  # đ
        "\u0110": "D",
        "\u00f0": "d",  # ð
        "\u00d0": "D",
        "\u00fe": "th",  # þ
        "\u00de": "TH",
        "\u0127": "h",  # ħ
        "\u0126": "H",
        "\u0131": "i",  # dotless ı
        "\u2019": "'",
        "\u2018": "'",
    }
)


def fold(text: str) -> str:
    """Lowercase without accents, special letters ("ø", "ß", "ł") or typographic apostrophes: the
    key for name lookups ("Tromsø" and "Tromso" fold alike)."""
    if text.isascii():
        return text.lower().strip()
    text = text.translate(_SPECIAL_LETTERS)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    if len(ascii_text) < len(text) // 2:  # mostly non-Latin: keep it, just lowercased
        return text.lower().strip()
    return ascii_text.lower().strip()


class _Table:
    def __init__(self) -> None:
        data = load_json("m49.json")
        self.by_code: dict[str, CountryInfo] = {}
        self.by_name: dict[str, CountryInfo] = {}
        for code, row in data["countries"].items():
            self._add(code, row, ())
        for code, row in data["historical"].items():
            successors = tuple(data["countries"][s]["name"] for s in row["successors"])
            self._add(code, row, successors)
        # every name a country is known by (aliases, former names) -> its short name
        self.aliases: dict[str, str] = {}
        names = load_json("place_names.json")
        for group in ("aliases", "historical"):
            for code, forms in names[group].items():
                for form in forms:
                    self.aliases.setdefault(fold(form), self.by_code[code].name)
        self.by_alpha3: dict[str, CountryInfo] = {}
        for info in self.by_code.values():
            self.aliases[fold(info.name)] = info.name
            if info.alpha3:
                self.by_alpha3[info.alpha3] = info
        self.successor_of: dict[str, str] = {}
        for info in self.by_code.values():
            for successor in info.successors:
                self.successor_of.setdefault(successor, info.name)

    def _add(self, code: str, row: dict[str, Any], successors: tuple[str, ...]) -> None:
        info = CountryInfo(
            code=code,
            name=row["name"],
            region=row.get("region"),
            subregion=row.get("subregion"),
            intermediate=row.get("intermediate"),
            successors=successors,
            alpha3=row.get("alpha3"),
            ended=row.get("ended"),
        )
        self.by_code[code] = info
        self.by_name[info.name] = info


@cache
def _table() -> _Table:
    return _Table()


def country_info(country: str) -> CountryInfo | None:
    """The M49 row of a country given by short name, alias, former name or ISO code."""
    table = _table()
    info = table.by_name.get(country)
    if info is None and country.isupper():  # codes only in capitals: "IN" is India, "in" is not
        info = table.by_code.get(country) or table.by_alpha3.get(country)
    if info is not None:
        return info
    name = table.aliases.get(fold(country))
    return table.by_name.get(name) if name else None


def country_name(code_or_name: str) -> str | None:
    """Normalise an ISO code or any known name of a country to newsdesk's English short name."""
    info = country_info(code_or_name.strip())
    return info.name if info else None


def region_of(country: str) -> tuple[str | None, str | None]:
    """(M49 region, sub-region) of a country: ("Africa", "Northern Africa"); (None, None) if not
    known."""
    info = country_info(country)
    if info is None:
        return (None, None)
    return (info.region, info.subregion)


def intermediate_region_of(country: str) -> str | None:
    """M49 intermediate region ("Central America" for Mexico), None where M49 has none."""
    info = country_info(country)
    return info.intermediate if info else None


@cache
def _all_regions() -> dict[str, dict[str, tuple[str, ...]]]:
    out: dict[str, dict[str, list[str]]] = {}
    for info in _table().by_code.values():
        if info.region is None or info.subregion is None or info.successors:
            continue
        out.setdefault(info.region, {}).setdefault(info.subregion, []).append(info.name)
    return {
        region: {sub: tuple(sorted(names)) for sub, names in sorted(subs.items())}
        for region, subs in sorted(out.items())
    }


def all_regions() -> dict[str, dict[str, list[str]]]:
    """Region -> sub-region -> countries (current ones, sorted by name)."""
    return {r: {s: list(c) for s, c in subs.items()} for r, subs in _all_regions().items()}


def all_countries() -> list[CountryInfo]:
    """Every row of the table: current countries and territories, then former states."""
    return list(_table().by_code.values())


def successor_states(country: str) -> tuple[str, ...]:
    """The states that followed a former one ("Soviet Union" -> "Russia", "Ukraine", ...)."""
    info = country_info(country)
    return info.successors if info else ()


def predecessor_of(country: str) -> str | None:
    """The former state a current one was part of ("Russia" -> "Soviet Union"), if any."""
    name = country_name(country)
    return _table().successor_of.get(name) if name else None


def same_country(a: str, b: str) -> bool:
    """Whether two country names denote the same country, across renames and successions.

    Names are normalised first ("UK" = "Britain" = "United Kingdom", "Burma" = "Myanmar"); a former
    state equals each of its successors ("Soviet Union" = "Russia" = "Ukraine", "West Germany" =
    "Germany", "Yugoslavia" = "Serbia"), as gold written with 1987 names expects.
    """
    na = country_name(a) or a.strip()
    nb = country_name(b) or b.strip()
    if na == nb:
        return True
    return nb in successor_states(na) or na in successor_states(nb)
