"""The store-wide actor index: one entity per person or body across stories, stable ids, kept
story by story, saved in the data dir; `newsdesk actors` lists it."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from store_helpers import make_annotation, make_story

from newsdesk.cli import main
from newsdesk.models import Actor
from newsdesk.nlp.identity import ActorRegistry, body_kind
from newsdesk.store import Store


def person(name: str, *aliases: str) -> Actor:
    return Actor(name, "PERSON", aliases, 1)


def body(name: str, *aliases: str) -> Actor:
    return Actor(name, "ORG", aliases, 1)


def test_a_bare_surname_joins_the_one_full_name_in_the_store() -> None:
    reg = ActorRegistry()
    [bare] = reg.add_story("1", [person("Reagan")])
    [full] = reg.add_story("2", [person("Ronald Reagan", "Reagan")])
    [later] = reg.add_story("3", [person("Reagan")])
    assert reg.resolve(bare) == full == later  # the earlier bare entry went into the full name
    assert reg.entities[full].name == "Ronald Reagan"
    assert reg.entities[full].stories == {"1", "2", "3"}


def test_two_full_names_with_one_surname_keep_a_bare_surname_apart() -> None:
    reg = ActorRegistry()
    [james] = reg.add_story("1", [person("James Baker", "Baker")])
    [howard] = reg.add_story("2", [person("Howard Baker", "Baker")])
    [bare] = reg.add_story("3", [person("Baker")])
    assert len({james, howard, bare}) == 3
    assert reg.entities[james].name == "James Baker"


def test_names_fold_case_particles_initials_and_diacritics() -> None:
    reg = ActorRegistry()
    ids = {
        reg.add_story("1", [person("Richard von Weizsäcker")])[0],
        reg.add_story("2", [person("Richard VON WEIZSACKER")])[0],
        reg.add_story("3", [person("Richard Von Weizsacker")])[0],
    }
    assert len({reg.resolve(i) for i in ids}) == 1
    a = reg.add_story("4", [person("Willy De Clercq")])[0]
    b = reg.add_story("5", [person("Willy de Clercq")])[0]
    assert reg.resolve(a) == reg.resolve(b)


def test_acronyms_and_expansions_hold_everywhere() -> None:
    reg = ActorRegistry()
    [board] = reg.add_story("1", [body("Federal Reserve Board", "Fed")])
    [reserve] = reg.add_story("2", [body("Federal Reserve")])
    [us] = reg.add_story("3", [body("U.S. Federal Reserve")])
    [fed] = reg.add_story("4", [body("Fed")])
    assert len({reg.resolve(i) for i in (board, reserve, us, fed)}) == 1
    entity = reg.entities[reg.resolve(fed)]
    assert entity.name == "Federal Reserve" and entity.kind == "government body"
    [opec] = reg.add_story("5", [body("OPEC")])
    [spelled] = reg.add_story("6", [body("Organization of Petroleum Exporting Countries")])
    assert reg.resolve(opec) == reg.resolve(spelled)


def test_a_generic_word_joins_nothing() -> None:
    reg = ActorRegistry()
    [imf] = reg.add_story("1", [body("International Monetary Fund", "IMF", "Fund")])
    [other] = reg.add_story("2", [body("Acme Growth Fund", "Fund")])
    assert reg.resolve(imf) != reg.resolve(other)


def test_ids_are_stable_across_saving_and_loading() -> None:
    reg = ActorRegistry()
    [eid] = reg.add_story("1", [person("Clayton Yeutter", "Yeutter")])
    again = ActorRegistry.from_json(json.loads(json.dumps(reg.to_json())))
    assert again.add_story("2", [person("Yeutter")]) == [eid]
    assert again.entities[eid].stories == {"1", "2"}


def test_kinds_of_bodies() -> None:
    assert body_kind(["Finance Ministry"]) == "government body"
    assert body_kind(["Bank of Japan"]) == "government body"
    assert body_kind(["IMF"]) == "government body"
    assert body_kind(["Bank of New York"]) == "organisation"
    assert body_kind(["General Motors Corp"]) == "organisation"


@pytest.fixture
def stored(data_dir: Path) -> Path:
    with Store(data_dir) as store:
        stories = [make_story(n) for n in (1, 2, 3)]
        store.add_stories(stories)
        base = make_annotation("test")
        store.set_annotations(
            {
                stories[0].id: replace(base, actors=(person("Clayton Yeutter", "Yeutter"),)),
                stories[1].id: replace(base, actors=(person("Yeutter"), body("OPEC"))),
                stories[2].id: replace(
                    base, actors=(body("Organization of Petroleum Exporting Countries"),)
                ),
            }
        )
    return data_dir


def test_actors_command_lists_the_index(stored: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["actors", "--json"]) == 0
    listed = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(a["name"], a["stories"], a["kind"]) for a in listed] == [
        ("Clayton Yeutter", 2, "person"),
        ("Organization of the Petroleum Exporting Countries", 2, "government body"),
    ]
    assert "OPEC" in listed[1]["aliases"]
    assert main(["actors", "--match", "yeut"]) == 0
    out = capsys.readouterr().out
    assert "Clayton Yeutter" in out and "Petroleum" not in out
    assert main(["stories", "--json", "--actor", "yeutter"]) == 0
    stories = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(stories) == 2
    assert {s["actors"][0]["name"] for s in stories} == {"Clayton Yeutter"}
    assert {s["actors"][0]["id"] for s in stories} == {listed[0]["id"]}


def test_the_index_is_saved_with_annotations_and_a_damaged_one_set_aside(
    stored: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsdesk.config import load_config
    from newsdesk.desk import Desk

    with Desk(load_config()) as desk:
        registry = desk.actor_registry()  # built from the stored annotations
        assert not (stored / "actors.json").exists()  # looking writes nothing
        desk._store_annotations({}, None)
        registry.add_story("extra", [person("Paul Volcker")])
        desk.save_actor_index()
    saved = json.loads((stored / "actors.json").read_text())
    assert "extra" in saved["stories"]
    (stored / "actors.json").write_text("{not json")
    with Desk(load_config()) as desk:
        assert "Clayton Yeutter" in {e.name for e in desk.actor_registry().entities.values()}
        assert any("actors.json" in m and "moved aside" in m for m in desk.store.messages)
    assert list(stored.glob("actors.json.corrupt-*"))
