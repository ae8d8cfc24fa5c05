"""One matcher for every actor filter: name, alias or word start, case, diacritics and dots
ignored; the same for `stories --actor`, the index the reader filters and ignore rules."""

from __future__ import annotations

from newsdesk.models import IgnoreRule, StoryRow
from newsdesk.query import ActorCatalog, IgnoreSet, StoryIndex, count_actors, filter_state, fold
from newsdesk.query.actor_match import matching_keys


def _row(n: int, actors: tuple[str, ...], aliases: tuple[str, ...] = ()) -> StoryRow:
    return StoryRow(
        f"s{n}", "https://f.example.org/rss", f"Story {n}", actors=actors, actor_aliases=aliases
    )


ROWS = [
    _row(1, ("Clayton Yeutter",)),
    _row(2, ("Yeutter",)),
    _row(3, ("Organization of Petroleum Exporting Countries",), ("OPEC",)),
    _row(4, ("Richard von Weizsäcker",)),
    _row(5, ("Margaret Thatcher", "U.S. Treasury")),
    _row(6, ("Union Carbide",)),
    _row(7, ("United Nations",), ("UN",)),
]


def _ids(index: StoryIndex, value: str) -> list[str]:
    return sorted(row.id for row in index.select(filter_state(actor=value)))


def test_fold_ignores_case_diacritics_dots_and_articles() -> None:
    assert fold("Richard von WEIZSÄCKER") == "richard von weizsacker"
    assert fold("U.S. Treasury") == fold("US treasury") == "us treasury"
    assert fold("Organization of the Petroleum Exporting Countries") == fold(
        "organization of petroleum exporting countries"
    )
    assert fold("O\u2019Neill") == "oneill"


def test_actor_filter_matches_name_alias_or_word_start() -> None:
    index = StoryIndex(ROWS)
    assert _ids(index, "yeutter") == ["s1", "s2"]  # a whole word of the full name too
    assert _ids(index, "Yeut") == ["s1", "s2"]  # the start of a word
    assert _ids(index, "OPEC") == ["s3"]
    assert _ids(index, "Organization of Petroleum") == ["s3"]
    assert _ids(index, "weizsacker") == ["s4"]
    assert _ids(index, "Thatcher") == ["s5"]
    assert _ids(index, "us treasury") == ["s5"]
    assert _ids(index, "ftr") == []  # no letters-in-order matching
    assert _ids(index, "atcher") == []  # nor the inside of a word


def test_an_exact_name_keeps_other_word_starts_out() -> None:
    index = StoryIndex(ROWS)
    assert _ids(index, "UN") == ["s7"]  # not "Union Carbide", though "Union" starts with "un"
    assert matching_keys("un", ["union carbide", "un"], {"un": 1}) == ["un"]


def test_the_catalog_gives_every_story_its_canonical_name_and_aliases() -> None:
    catalog = ActorCatalog(
        {"s1": ("Clayton Yeutter",), "s2": ("Clayton Yeutter",)},
        {"Clayton Yeutter": ("Yeutter", "Trade Representative Yeutter")},
    )
    index = StoryIndex(ROWS, actors=catalog)
    assert _ids(index, "Clayton Yeutter") == ["s1", "s2"]
    ranked, aliases, _ = count_actors(ROWS, catalog)
    assert ranked[0] == ("Clayton Yeutter", 2)
    assert aliases["Clayton Yeutter"] == ("Yeutter", "Trade Representative Yeutter")


def test_ignore_rules_use_the_same_matching() -> None:
    rules = IgnoreSet([IgnoreRule(actor="weizsacker")])
    index = StoryIndex(ROWS, ignore=rules)
    assert [row.id for row in index.ignored] == ["s4"]


def test_a_former_state_one_state_continues_is_one_entry_in_the_tree() -> None:
    from newsdesk.query import count_sidebar

    rows = [
        StoryRow("g1", "u", "a", countries=("West Germany",)),
        StoryRow("g2", "u", "b", countries=("Germany",)),
        StoryRow("s1", "u", "c", countries=("Soviet Union",)),
    ]
    tree = count_sidebar(rows).tree
    western = tree["Europe"]["Western Europe"]
    assert western == {"Germany": 2}  # West Germany shown as the state that continues it
    assert tree["Europe"]["Eastern Europe"] == {"Soviet Union": 1}  # split: its own name
    index = StoryIndex(rows)
    assert sorted(r.id for r in index.select(filter_state(country="Germany"))) == ["g1", "g2"]
    assert [r.id for r in index.select(filter_state(country="West Germany"))] == ["g1"]
