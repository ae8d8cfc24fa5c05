"""Companies named with a legal form, that the tagger missed or cut, and their short forms.

Wire copy names a company in full once, with its legal form ("Acme Widget Corp", "Bramble
Holdings Plc", "Deere and Co"), and by its first word after that ("Acme said ..."). The small
model often loses the full name: right after a dateline it glues it to the date ("April 2 -
Acme Corp" tagged DATE) or leaves it untagged, and it cuts or mislabels others ("Courier Corp"
tagged PERSON for "Widget Courier Corp"). Rules, by position and form only:

* a run of capitalised words ending on a legal form, in the story's body, is an organisation's
  name: it replaces the shorter mentions inside it, and stands where no mention was. The run
  may hold one "and" and other joining words ("Deere and Co", "Bank of Tokyo Ltd"), starts
  after the dateline, and stops at a legal form ("Acme Co and Bramble Plc"), at a body's name
  before "and" ("Pilots Association and Apex Inc"), and at a person before a joining word
  ("John Smith of Acme Corp"); a partnership's name takes the partner before its comma
  ("Dillon, Read and Co");
* (in `actors_dateline`) the capitalised words the tagger glued to the dateline's date
  ("March 3 - Acme Exchange" tagged DATE) are a name when they hold an organisation word or a
  legal form, are a known body, or are one word the story writes again capitalised and never
  in lowercase;
* the opening words of such a name ("British and Commonwealth" for "British and Commonwealth
  Shipping Plc") are one mention of it wherever the story writes them, unless a person's name
  is among them ("Ivan Boesky" for "Ivan Boesky and Co LP");
* (in `actors_short_forms`) the first word of such a name, written alone and untagged or
  tagged as some other kind of thing ("Acme said", "Acme" tagged PRODUCT or a lone PERSON), is
  that company;
* capitalised words after "the" that end on a word naming a body of people ("the
  Northeast-Midwest Coalition"), none of them tagged, are that body's name.

Every list below is data: change what it covers there.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsdesk.nlp.actors_filter import word_classes
from newsdesk.nlp.actors_mentions import TITLE_WORDS, Mention, mention_tokens
from newsdesk.nlp.body_countries import country_of_words
from newsdesk.nlp.body_names import GENERIC_WORDS, is_org_word, known_bodies
from newsdesk.nlp.gazetteer import gazetteer
from newsdesk.nlp.lexicon import words
from newsdesk.nlp.meetings.where import dateline_end

__all__ = [
    "COMMON_LEADS",
    "companies_tagged_as_people",
    "ends_on_legal_form",
    "national_companies",
    "NAME_JOINERS",
    "OPENERS",
    "name_word",
    "LEGAL_FORMS",
    "legal_form_names",
    "untagged_bodies",
]

# Legal forms that end a company's name (English, Continental and Asian wire usage).
LEGAL_FORMS = words(
    """
    inc inc. corp corp. corporation co co. ltd ltd. limited plc llc l.p. lp ag sa s.a. nv n.v.
    bv b.v. vof kk k.k. spa s.p.a. gmbh ksc bhd berhad pty oy ab asa
    """
)
# Lowercase words a company's name may hold between capitalised ones ("Bank of Tokyo Ltd").
NAME_JOINERS = words("and & of de del della du des la le van von y")
# Capitalised words that open a sentence rather than a name ("In a filing with Acme Corp",
# "Shares of Acme Corp rose": what is traded of a company is no part of its name).
OPENERS = words(
    """
    shares stock stocks units bonds
    the a an in on at to by for from with and but or as after before under its their his her
    this that these those yesterday today earlier later meanwhile also while when if
    """
)
# Entity kinds of places and dates, never a partner's name in "Dillon, Read and Co".
_PLACE_KINDS = frozenset({"GPE", "LOC", "NORP", "DATE", "TIME"})


def _is_legal_form(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.lower_ in LEGAL_FORMS


def name_word(tok: Token) -> bool:
    """A capitalised word of a name ("Acme", "E.F.", "Hewlett-Packard", "3M" is left out)."""
    text = tok.text
    return text[:1].isupper() and any(c.isalpha() for c in text) and "\n" not in text


def _person_then_joiner(doc: Doc, j: int, last: int) -> bool:
    """A person's name, then a joining word that does not end the company's name ("Smith and
    Co" is a firm's name; "Smith of Acme Corp" and "Smith and Acme Inc" are a person and a
    company)."""
    joiner = doc[j + 1]
    ends = j + 2 >= last
    return doc[j].ent_type_ == "PERSON" and joiner.lower_ in NAME_JOINERS and not ends


def _bracketed_place(doc: Doc, i: int, floor: int) -> bool:
    """ "(Canada)" right before token `i`, itself after a capitalised word of the name: one
    capitalised word in brackets, tagged as a place or not tagged at all."""
    if i - 4 < floor or doc[i - 1].text != ")" or doc[i - 3].text != "(":
        return False
    inner = doc[i - 2]
    return (
        name_word(inner)
        and inner.ent_type_ in ("GPE", "LOC", "NORP", "")
        and name_word(doc[i - 4])
        and not _is_legal_form(doc[i - 4])
    )


def _of_place(doc: Doc, i: int, floor: int) -> bool:
    """Whether token `i` is a place right after "of" ("... of America")."""
    if i - 1 < floor or doc[i - 1].lower_ != "of":
        return False
    return doc[i].ent_type_ in ("GPE", "LOC") or bool(gazetteer().core_meanings(doc[i].text))


def _run_start(doc: Doc, last: int, floor: int) -> int | None:
    """The first token of the name ending at `last` (a legal form), or None for no name."""
    i = last
    ands = 0
    while i - 1 >= floor:
        prev = doc[i - 1]
        if _is_legal_form(prev):
            break  # "Acme Co and Bramble Plc": two names
        if _bracketed_place(doc, i, floor):
            i -= 3  # "Acme Mining (Canada) Ltd": the country of a subsidiary is in its name
            continue
        joins = prev.lower_ in NAME_JOINERS and i - 2 >= floor and name_word(doc[i - 2])
        if not (name_word(prev) or joins):
            break
        if prev.lower_ in ("and", "&") and _of_place(doc, i - 2, floor):
            break  # "Steelworkers of America and Cominco Ltd": a body of a place ends there
        if prev.lower_ in ("and", "&"):
            ands += 1
            if ands > 1 or is_org_word(doc[i - 2].text):
                break  # "Seemala and Boesky and Co", "Pilots Association and Apex Inc": two
        i -= 1
    while i < last and (
        doc[i].lower_ in OPENERS
        or doc[i].lower_ in NAME_JOINERS
        or (doc[i].is_sent_start and doc[i].pos_ not in ("PROPN", "X"))
    ):
        i += 1  # "In", "Shares of": words capitalised only because they open the sentence
    while i < last and doc[i].ent_type_ == "DATE" and i > 0 and doc[i - 1].pos_ == "ADP":
        i += 1  # "On Tuesday Acme Corp met ...": the day after a preposition is no name's
    while i < last and doc[i].lower_ in TITLE_WORDS and doc[i].lower_ not in COMMON_LEADS:
        i += 1  # "Chairman Acme Corp" is no name ("General Foundry Corp" is one)
    if i >= last or any(_person_then_joiner(doc, j, last) for j in range(i, last)):
        return None  # a legal form alone, "John Smith of Acme Corp", "John Smith and Acme Inc"
    if (
        last - i == 2
        and doc[i + 1].lower_ in ("and", "&")
        and i >= floor + 2
        and doc[i - 1].text == ","
        and name_word(doc[i - 2])
        and not _is_legal_form(doc[i - 2])
        and doc[i - 2].ent_type_ not in _PLACE_KINDS
        and not (i - 3 >= floor and name_word(doc[i - 3]))
    ):
        return i - 2  # a partnership: "Dillon, Read and Co", "Smith, Jones and Co"
    return i


def legal_form_names(doc: Doc, mentions: list[Mention], body_start: int) -> list[Mention]:
    """The mentions with every company named with a legal form in the body as an ORG mention
    (see the module's rules)."""
    cut = dateline_end(doc, body_start)
    floor_char = body_start if cut is None else cut
    floor = next((t.i for t in doc if t.idx >= floor_char), len(doc))
    out = list(mentions)
    i = floor
    while i < len(doc):
        if not _is_legal_form(doc[i]):
            i += 1
            continue
        end = i + 1
        while end < len(doc) and _is_legal_form(doc[end]):
            end += 1  # "Co Ltd"
        start = _run_start(doc, i, floor)
        i = end
        if start is None:
            continue
        covering = [m for m in out if m.start <= start and end <= m.end]
        if covering:
            continue  # the tagger has the name already, or more of it
        inside, crossing = _pieces(out, start, end)
        if crossing:
            continue  # a name overlapping the run on one side: leave it to the tagger
        text = doc[start:end].text
        out = [m for m in out if m not in inside]
        acronym = next((m.acronym for m in inside if m.acronym), None)
        out.append(Mention(start, end, text, "ORG", None, acronym))
    out = _short_forms_in_full(doc, out, floor)
    out.sort(key=lambda m: m.start)
    return out


def _pieces(mentions: list[Mention], start: int, end: int) -> tuple[list[Mention], bool]:
    """The mentions inside the tokens `start`..`end` of a name found, and whether another
    mention crosses one of its edges (then the name is left to the tagger)."""
    inside = [m for m in mentions if start <= m.start and m.end <= end]
    crossing = any(m.start < end and start < m.end and m not in inside for m in mentions)
    return inside, crossing


def _short_forms_in_full(doc: Doc, mentions: list[Mention], floor: int) -> list[Mention]:
    """ "British and Commonwealth" after "British and Commonwealth Shipping Plc": the opening
    words of a company's name (two or more, ending on a capitalised word, with no capitalised
    word after them) are one mention of it, whatever pieces the tagger made of them."""
    texts = [t.text for t in doc]  # read once: the search below compares runs of them
    prefixes: set[tuple[str, ...]] = set()
    for m in mentions:
        if m.kind != "ORG" or m.end - m.start < 3:
            continue
        toks = texts[m.start : m.end]
        if toks[-1].lower() not in LEGAL_FORMS:
            continue
        for n in range(2, len(toks)):
            head = toks[:n]
            if head[-1][:1].isupper() and head[-1].lower() not in LEGAL_FORMS:
                prefixes.add(tuple(head))
    if not prefixes:
        return mentions
    longest = max(len(p) for p in prefixes)
    starts = {p[0] for p in prefixes}  # a run can match only where one of them stands
    out = list(mentions)
    i = floor
    while i < len(doc):
        size = 0
        if texts[i] in starts:
            sizes = range(min(longest, len(doc) - i), 1, -1)  # a run cut by the text's end
            size = next((n for n in sizes if tuple(texts[i : i + n]) in prefixes), 0)
        end = i + size
        nxt = doc[end] if end < len(doc) else None
        if not size or (nxt is not None and name_word(nxt)):
            i += 1
            continue
        inside, crossing = _pieces(out, i, end)
        if not crossing and not any(m.kind == "PERSON" for m in inside):  # "Ivan Boesky and Co"
            out = [m for m in out if m not in inside]
            out.append(Mention(i, end, doc[i:end].text, "ORG"))
        i = end
    return out


# Words that open many companies' names and stand alone for none of them.
COMMON_LEADS = words(
    """
    general united national international first new american british canadian european
    central atlantic pacific continental western eastern northern southern north south east
    west great royal standard union federal mutual security allied consolidated associated
    """
)


def ends_on_legal_form(name: str) -> bool:
    """A name whose last word is a legal form ("Acme Widget Corp")."""
    return name.split()[-1].lower() in LEGAL_FORMS


# Words that end the name of a body of people ("Northeast-Midwest Coalition").
_BODY_ENDINGS = words(
    """
    association coalition committee council union federation institute foundation society
    league alliance commission board agency
    """
)


def untagged_bodies(doc: Doc, mentions: list[Mention], body_start: int) -> list[Mention]:
    """ "a meeting of the Northeast-Midwest Coalition", no word of it tagged: capitalised words
    after "the", ending on a word that names a body of people, in the body, are its name."""
    taken = mention_tokens(mentions)
    found: list[Mention] = []
    for tok in doc:
        if tok.idx < body_start or tok.lower_ not in _BODY_ENDINGS or not tok.is_title:
            continue
        i = tok.i
        while i > 0 and _bare_name_word(doc[i - 1]):
            i -= 1
        run = range(i, tok.i + 1)
        if i == tok.i or i == 0 or doc[i - 1].lower_ != "the":
            continue
        if any(doc[j].ent_type_ or j in taken or "\n" in doc[j].text for j in run):
            continue
        found.append(Mention(i, tok.i + 1, doc[i : tok.i + 1].text, "ORG"))
    return sorted([*mentions, *found], key=lambda m: m.start) if found else mentions


def _bare_name_word(tok: Token) -> bool:
    """A capitalised word with no entity label, or the hyphen inside one ("Northeast-Midwest")."""
    if tok.ent_type_:
        return False
    if tok.text == "-":
        return not tok.whitespace_ and tok.i > 0 and not tok.nbor(-1).whitespace_
    return tok.is_alpha and tok.is_title and tok.lower_ not in OPENERS


def national_companies(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """ "British Coal", "British Gas": a company named by a nationality and one common noun.
    The tagger tags the noun alone as the organisation ("British" NORP + "Coal" ORG); the two
    are one name when the nationality word comes right before it and the noun is an English
    common noun that is no word for a kind of body ("the French Treasury" stays the Treasury).
    Every other place the story writes the same two words, untagged, is a mention of it too."""
    nouns = word_classes()["noun"]
    found: dict[tuple[str, str], Mention] = {}
    out: list[Mention] = []
    for m in mentions:
        tok = doc[m.start]
        prev = doc[m.start - 1] if m.start > 0 else None
        if (
            m.kind == "ORG"
            and m.end - m.start == 1
            and prev is not None
            and prev.ent_type_ == "NORP"
            and prev.is_title
            and country_of_words(prev.text) is not None
            and tok.is_title
            and tok.lower_ in nouns
            and not is_org_word(tok.text)
            and tok.lower_ not in GENERIC_WORDS
            and tok.text not in known_bodies()
        ):
            m = Mention(m.start - 1, m.end, f"{prev.text} {tok.text}", "ORG", m.role, m.acronym)
            found[(prev.text, tok.text)] = m
        out.append(m)
    if not found:
        return mentions
    taken = mention_tokens(out)
    for tok in doc[1:]:
        pair = (doc[tok.i - 1].text, tok.text)
        if pair in found and tok.i not in taken and tok.i - 1 not in taken:
            out.append(Mention(tok.i - 1, tok.i + 1, f"{pair[0]} {pair[1]}", "ORG"))
    return sorted(out, key=lambda m: m.start)


def companies_tagged_as_people(mentions: list[Mention]) -> list[Mention]:
    """ "Acme Petroleum held talks" with "Acme Petroleum" tagged PERSON, after "Acme Petroleum
    Ltd": a person's name that is a company's name of the story without its legal form is that
    company."""
    companies = {
        " ".join(m.text.split()[:-1]): m.text
        for m in mentions
        if m.kind == "ORG" and len(m.text.split()) > 2 and ends_on_legal_form(m.text)
    }
    if not companies:
        return mentions
    return [
        Mention(m.start, m.end, m.text, "ORG", None, m.acronym)
        if m.kind == "PERSON" and m.text in companies
        else m
        for m in mentions
    ]
