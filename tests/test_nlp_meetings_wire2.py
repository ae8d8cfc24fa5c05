"""Real wire copy's constructions on invented stories (real spaCy model): a savings institution's
name cut at the "and" of "Savings and Loan", the status of talks told by their own predicate
rather than by a later main verb, and the ways wire copy names the other side of talks; each
with decoys the reading must not fire on."""

from __future__ import annotations

from nlp_meet_helpers import Analysed, analyse

PUBLISHED = "1987-03-09"


def one(text: str) -> Analysed:
    return analyse(text, published=PUBLISHED)


def names(found: Analysed) -> set[str]:
    return {a.name for a in found.actors.actors}


# --- "<Place> Savings and Loan Association" is one body ------------------------------------


def test_a_savings_and_loan_name_is_not_cut_at_its_and() -> None:
    found = one(
        "DENVER, March 9 - Pinecrest Federal Savings and Loan Association said it held talks "
        "with Harbor Bancorp Inc on a possible merger last week."
    )
    assert "Pinecrest Federal Savings and Loan Association" in names(found)
    assert "Loan Association" not in names(found)
    assert frozenset({"Pinecrest Federal Savings and Loan Association", "Harbor Bancorp Inc"}) in (
        found.pairs()
    )
    assert not any(p == "Loan Association" for m in found.meetings for p in m.participants)


def test_a_compound_name_gives_its_words_back_from_a_date() -> None:
    found = one(
        "DENVER, March 9 - Pinecrest Federal Savings and Loan Association said it would open "
        "two branches."
    )
    dates = [e.text for e in found.entities if e.label == "DATE"]
    assert "March 9" in dates
    assert not any("Pinecrest" in d for d in dates)


def test_a_utility_name_with_and_stays_whole() -> None:
    found = one(
        "SAN DIEGO, March 9 - Mesa Valley Gas and Electric Co said it met Corvel Inc on Monday "
        "to discuss a power contract."
    )
    assert "Mesa Valley Gas and Electric Co" in names(found)


def test_two_bodies_joined_by_and_are_not_one_compound() -> None:
    # decoy: "and" between two bodies' names that form no fixed compound stays a break
    found = one(
        "LONDON, March 9 - Officials of Brantwell Holdings and Corvel Inc met in London on Monday."
    )
    assert "Brantwell Holdings and Corvel Inc" not in names(found)


# --- the status of talks comes from their own predicate -----------------------------------


UNION_PAIR = frozenset({"Northland Mining Ltd", "United Mine Workers"})


def status_of(found: Analysed, pair: frozenset[str]) -> str:
    statuses = {m.status for m in found.meetings if frozenset(m.participants) == pair}
    assert len(statuses) == 1, found.meetings
    return statuses.pop()


def test_talks_broken_off_are_held_though_the_main_verb_is_future() -> None:
    found = one(
        "TORONTO, March 9 - Northland Mining Ltd said it would hire staff at its smelter.\n\n"
        "With talks between Northland Mining Ltd and the United Mine Workers broken off, the "
        "company will take steps to hire replacement workers."
    )
    assert status_of(found, UNION_PAIR) == "happened"


def test_the_collapse_of_talks_was_held_though_the_main_verb_is_future() -> None:
    found = one(
        "TORONTO, March 9 - Northland Mining Ltd will seek a court order, following the "
        "collapse of talks with the United Mine Workers last week."
    )
    assert status_of(found, UNION_PAIR) == "happened"


def test_talks_that_failed_then_a_future_act_stay_held() -> None:
    found = one(
        "TORONTO, March 9 - Northland Mining Ltd said it would hire staff at its smelter.\n\n"
        "Talks between Northland Mining Ltd and the United Mine Workers collapsed last week, "
        "and the company will now take steps to hire replacement workers."
    )
    assert status_of(found, UNION_PAIR) == "happened"


def test_talks_that_will_resume_are_planned() -> None:
    # decoy: the talks' own predicate is future
    found = one(
        "TORONTO, March 9 - Talks between Northland Mining Ltd and the United Mine Workers "
        "will resume on Monday, a union spokesman said."
    )
    assert status_of(found, UNION_PAIR) == "planned"


def test_talks_scheduled_in_the_past_tense_stay_planned() -> None:
    # decoy: "were scheduled" is a plan told in the past tense, not talks held
    found = one(
        "TORONTO, March 9 - Talks between Northland Mining Ltd and the United Mine Workers "
        "were scheduled for next Monday, a union spokesman said."
    )
    assert status_of(found, UNION_PAIR) == "planned"


def test_a_fragment_cut_at_the_and_of_a_compound_is_never_a_party() -> None:
    # the lower-case "savings" leaves the model's "Loan Association of Lakeview" a fragment
    found = one(
        "DENVER, March 9 - The federal savings and Loan Association of Lakeview held talks with "
        "Corvel Inc on Monday."
    )
    assert not any(p.startswith("Loan Association") for m in found.meetings for p in m.participants)


def test_a_name_opening_on_a_compound_word_without_and_is_a_party() -> None:
    # decoy: a body whose name opens on "Loan" with no compound before it stays a party
    found = one(
        "DENVER, March 9 - Loan Guarantee Corp held talks with Corvel Inc on Monday, Loan "
        "Guarantee said."
    )
    assert frozenset({"Loan Guarantee Corp", "Corvel Inc"}) in found.pairs()


# --- a body reporting its own talks in the lead, under the dateline ------------------------


BRANT_CORVEL = frozenset({"Brantwell Holdings Plc", "Corvel Corp"})


def test_a_body_reporting_its_talks_in_the_lead_is_a_party() -> None:
    # the parser hangs the dateline city as one more subject of "said"
    found = one(
        "LONDON, March 9 - Brantwell Holdings Plc said talks with Corvel Corp on a joint "
        "venture were continuing."
    )
    assert BRANT_CORVEL in found.shown_pairs()


def test_a_body_reporting_unlikely_talks_in_the_lead_is_no_party() -> None:
    # decoy: talks said to be unlikely are not held
    found = one(
        "LONDON, March 9 - Brantwell Holdings Plc said talks with Corvel Corp on a joint "
        "venture were unlikely."
    )
    assert not found.pairs()


# --- "the suit will not affect the talks with Y" -------------------------------------------


def test_talks_a_suit_will_not_affect_are_under_way() -> None:
    found = one(
        "LONDON, March 9 - Brantwell Holdings Plc said a patent suit filed against it would "
        "not affect the talks on the merger with Corvel Corp."
    )
    assert BRANT_CORVEL in found.shown_pairs()
    assert status_of(found, BRANT_CORVEL) == "happened"


def test_any_talks_a_suit_will_not_affect_are_no_meeting() -> None:
    # decoy: "any talks" names no talks under way
    found = one(
        "LONDON, March 9 - Brantwell Holdings Plc said a patent suit filed against it would "
        "not affect any talks with Corvel Corp."
    )
    assert not found.pairs()


def test_talks_a_suit_will_delay_are_no_meeting() -> None:
    # decoy: talks put off are not under way (a delay is no verb of bearing)
    found = one(
        "LONDON, March 9 - Brantwell Holdings Plc said a patent suit filed against it would "
        "delay talks with Corvel Corp."
    )
    assert not found.shown_pairs()


def test_a_refusal_of_talks_is_still_no_meeting() -> None:
    # decoy: a negated verb of holding still blocks the talks
    found = one(
        "LONDON, March 9 - Brantwell Holdings Plc said it would not hold talks with Corvel "
        "Corp on the merger."
    )
    assert not found.pairs()


# --- "Acme said its talks with Y were continuing" ------------------------------------------


def test_a_body_speaking_of_its_talks_is_their_party() -> None:
    found = one(
        "LONDON, March 9 - Brantwell Holdings Plc posted a loss.\n\n"
        "Brantwell Holdings Plc said its talks with Corvel Corp were continuing."
    )
    assert BRANT_CORVEL in found.shown_pairs()
    assert status_of(found, BRANT_CORVEL) == "happened"


def test_a_person_speaking_of_its_talks_is_no_party() -> None:
    # decoy: "its" is a body's, and the person who speaks is not that body
    found = one(
        "LONDON, March 9 - Brantwell Holdings Plc posted a loss.\n\n"
        "Ann Lee said its talks with Corvel Corp were continuing."
    )
    assert not any("Ann Lee" in m.participants for m in found.meetings)


def test_a_body_speaking_of_its_unlikely_talks_is_no_party() -> None:
    # decoy: talks said to be unlikely are not held
    found = one(
        "LONDON, March 9 - Brantwell Holdings Plc posted a loss.\n\n"
        "Brantwell Holdings Plc said its talks with Corvel Corp were unlikely."
    )
    assert not found.pairs()
