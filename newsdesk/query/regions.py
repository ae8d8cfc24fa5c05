"""Regions people think in, beside the UN M49 tree: the config's `[regions]` table.

`"Middle East" = ["Egypt", "Israel", "Jordan", "Western Asia"]` names countries and M49 regions
or sub-regions; a story is in the region when one of its countries is named, or lies in a named
M49 region or sub-region. The names work wherever a region does: the tree, `r`, chips,
`stories --region` and views.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from newsdesk.config import ConfigError
from newsdesk.models import StoryRow


@dataclass(frozen=True)
class CustomRegion:
    name: str
    countries: frozenset[str]  # English short names, as stories carry them
    areas: frozenset[str]  # M49 regions and sub-regions


@cache
def _m49_areas() -> dict[str, str]:
    """Folded name -> M49 region or sub-region name."""
    from newsdesk.nlp.regions import all_regions

    out: dict[str, str] = {}
    for region, subs in all_regions().items():
        out[region.casefold()] = region
        for sub in subs:
            out[sub.casefold()] = sub
    return out


def resolve_regions(
    table: Mapping[str, Iterable[str]], file: object = "config"
) -> tuple[CustomRegion, ...]:
    """The `[regions]` table with each member checked: a country (any of its names or codes)
    or an M49 region or sub-region. Raises ConfigError naming the region and the member."""
    from newsdesk.nlp.regions import country_name

    out = []
    for name, members in table.items():
        countries: set[str] = set()
        areas: set[str] = set()
        for member in members:
            area = _m49_areas().get(member.casefold().strip())
            country = country_name(member)
            if area is not None:
                areas.add(area)
            elif country is not None:
                countries.add(country)
            else:
                raise ConfigError(
                    f"{file}: key 'regions.\"{name}\"': {member!r} is neither a country nor "
                    "a UN M49 region or sub-region"
                )
        out.append(CustomRegion(name, frozenset(countries), frozenset(areas)))
    return tuple(out)


class RegionCatalog:
    """Which custom regions a story is in."""

    def __init__(self, regions: Iterable[CustomRegion] = ()) -> None:
        self.regions = tuple(regions)

    def __bool__(self) -> bool:
        return bool(self.regions)

    def of(self, row: StoryRow) -> list[str]:
        found = []
        for region in self.regions:
            if (
                region.countries.intersection(row.countries)
                or region.areas.intersection(row.regions)
                or region.areas.intersection(row.subregions)
            ):
                found.append(region.name)
        return found

    def countries_in(self, name: str, row: StoryRow) -> list[str]:
        """The story's countries that put it in region `name`."""
        from newsdesk.query.counts import region_of

        region = next(r for r in self.regions if r.name == name)
        out = []
        for country in row.countries:
            m49, sub = region_of(country)
            if country in region.countries or m49 in region.areas or sub in region.areas:
                out.append(country)
        return out


__all__ = ["CustomRegion", "RegionCatalog", "resolve_regions"]
