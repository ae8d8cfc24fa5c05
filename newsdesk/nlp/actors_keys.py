"""Which actor a mention joins: the key a person's or an organisation's mention is grouped
under in one story.

A person's surname, given name or half of a double surname keys on the story's one full name
holding it ("Haftar" -> "Khalifa Haftar"); an organisation's acronym keys on its definition in
the text, on the name whose initials it is, or on the table of well-known bodies; a name keys
on its longest form with a legal form added ("Acme Widget" -> "Acme Widget Corp"), and one
word, or the opening words of a name, on the one longer name of the story holding them
("Borden" -> "Borden Chemical Corp."). An all-capitals headline's words key on the one body
name they open ("WOOLWORTH" -> "Woolworth Holdings Plc").
"""

from __future__ import annotations

import re

from newsdesk.nlp.actors_mentions import ORG_SUFFIXES, acronym_key, initials, known_bodies
from newsdesk.nlp.body_countries import is_bare_generic
from newsdesk.nlp.body_names import is_org_word
from newsdesk.nlp.lexicon import words

__all__ = ["LONE_NAME_WORDS", "OrgKeys", "person_key"]


def person_key(text: str, full_names: list[str]) -> str:
    words = text.split()
    if len(words) == 1:
        low = text.lower()
        last = [f for f in full_names if f.split()[-1].lower() == low]
        if last:
            return _longest_containing(last[0], full_names)
        first = [f for f in full_names if f.split()[0].lower() == low]
        if first:
            return _longest_containing(first[0], full_names)
        # "Hernandez" after "Arturo Hernandez Grisanti": the father's name of a double surname
        middle = {f for f in full_names if low in (w.lower() for w in f.split()[1:-1])}
        if len(middle) == 1:
            return _longest_containing(next(iter(middle)), full_names)
        return text
    return _longest_containing(text, full_names)


def _longest_containing(name: str, full_names: list[str]) -> str:
    """ "Mancera Aguayo" -> "Miguel Mancera Aguayo" when the longer form also appears."""
    best = name
    for f in full_names:
        if len(f) > len(best) and (f.endswith(" " + best) or f.startswith(best + " ")):
            best = f
    return best


class OrgKeys:
    """The keys of one story's organisation mentions. `org_names` are the story's written-out
    ORG names, mentions in order; each text's key is worked out once, and the words and
    initials of every name once, however often the story's mentions ask."""

    def __init__(self, org_names: list[str]) -> None:
        self.org_names = org_names
        self._keys: dict[str, str] = {}
        # each name's initials, and those of the name without its legal form ("GM" for
        # "General Motors Corp", "BP" for "British Petroleum Co Plc")
        self._initials = [(initials(n), initials(_without_legal_form(n))) for n in org_names]
        # the compared words of each name of several words ("Dome Petroleum Ltd")
        self._words = [
            (n, {_name_word(w) for w in re.split(r"[\s\-]+", n)}) for n in org_names if " " in n
        ]

    def key(self, text: str, definitions: dict[str, str] | None = None) -> str:
        """The key of a mention; `definitions` are the story's acronyms defined in the text
        ("(LNA)" -> "Libyan National Army"), which an acronym keys on first."""
        acr = acronym_key(text)
        if acr and definitions and acr in definitions:
            return self._key(definitions[acr])
        return self._key(text)

    def _key(self, text: str) -> str:
        found = self._keys.get(text)
        if found is None:
            found = self._keys[text] = self._work_out(text)
        return found

    def _work_out(self, text: str) -> str:
        org_names = self.org_names
        acr = acronym_key(text)
        if acr:
            for name, name_initials in zip(org_names, self._initials, strict=True):
                if acr in name_initials:
                    return self._key(name)
            if acr in known_bodies():
                expansion = known_bodies()[acr]
                for name in org_names:
                    if name.lower() == expansion.lower():
                        return self._key(name)
                return expansion
            # "IML" after "IML Air Services Group Ltd", "KLM" after "KLM Royal Dutch Airways":
            # the one name of a company or body (legal form or organisation word) that it opens
            opened = {n for n in org_names if n.split()[0] == text and _names_body(n)}
            if len(opened) == 1:
                return self._key(next(iter(opened)))
            return acr
        # "Acme Widget" and "Acme Widget Corp" are one body: key on the longest form.
        best = text
        for name in org_names:
            if len(name) > len(best) and name.startswith(best + " "):
                rest = name[len(best) + 1 :].split()
                if all(w.lower().rstrip(".,") in ORG_SUFFIXES for w in rest):
                    best = name
        if (text in _GENERIC_ORG_WORDS and text not in LONE_NAME_WORDS) or is_bare_generic(text):
            return text
        if best == text and " " in text:
            # "British and Commonwealth" after "British and Commonwealth Shipping Plc": the one
            # name of the story with a legal form that it opens
            opened = {n for n in org_names if n.startswith(text + " ") and _has_legal_form(n)}
            if not opened:
                # "Valley Federal" after "Valley Federal Savings and Loan Association", "Home
                # Savings" after "Home Savings Bank": the one name it opens with a thrift's
                # or a bank's own kind words after it
                opened = {n for n in org_names if _thrift_tail(n, text)}
            if len(opened) == 1:
                return self._key(next(iter(opened)))
        if best == text and " " not in text:
            # "Borden" after "Borden Chemical Corp.", "Bell" after "Southwestern Bell Corp":
            # the one longer name of the story holding it as a word (with two, it stays apart)
            word = _name_word(text)
            longer: dict[str, str] = {}  # one entry per name, dots and case aside
            for n, name_words in self._words:
                if word in name_words:
                    # "Dome Petroleum" and "Dome Petroleum Ltd" are one name
                    key = self._key(n)
                    longer.setdefault(_name_word(key), key)
            if len(longer) == 1:
                return self._key(next(iter(longer.values())))
        return best

    def shouted_short_form(self, text: str) -> str | None:
        """ "WOOLWORTH" in an all-capitals headline, "Woolworth Holdings Plc" in the body: the
        one name of the story that starts with the headline's words, case aside (a real
        acronym, in the table of known bodies, keeps its own meaning)."""
        if not text.isupper() or len(text.replace(".", "")) < 4 or text in known_bodies():
            return None
        low = text.lower()
        found = {
            self._key(n)
            for n in self.org_names
            if not n.isupper() and (n.lower() + " ").startswith(low + " ")
        }
        return next(iter(found)) if len(found) == 1 else None


def _names_body(name: str) -> bool:
    """A name of several words ending on a legal form or holding an organisation word."""
    return _has_legal_form(name) or any(is_org_word(w) for w in name.split()[1:])


# Words that may follow a savings institution's or a bank's short name to make its full name
# ("Valley Federal" + "Savings and Loan Association", "Home Savings" + "Bank", "Bay State" +
# "Savings Bank", "Coast Federal" + "Savings and Loan Assn"); the name's last word is one of
# the heads (bank, association, assn, bancorp, society).
THRIFT_WORDS = words(
    "savings loan and federal trust building bank association assn bancorp society"
)
_THRIFT_HEADS = words("bank association assn bancorp society")


def _thrift_tail(name: str, short: str) -> bool:
    """`name` is `short` followed only by thrift words, ending on a thrift's head word."""
    if not name.startswith(short + " "):
        return False
    rest = name[len(short) + 1 :].lower().split()
    return rest[-1] in _THRIFT_HEADS and all(w in THRIFT_WORDS for w in rest)


def _has_legal_form(name: str) -> bool:
    return " " in name and name.split()[-1].lower().rstrip(".,") in ORG_SUFFIXES


def _name_word(word: str) -> str:
    """A word of a name as compared: no case, no possessive ending, no punctuation."""
    return re.sub(r"(?:'s|\u2019s)$", "", word).strip(".,()\"'").lower()


# Words that start many names and name no one alone ("United", "National"): one of them alone
# is the cut-off start of a name of the story, or no actor.
LONE_NAME_WORDS = words("United National European International General First New")
# Words that name a body only together with others ("the Bank", "Union"): one of them alone
# keys on itself, never on a longer name of the story holding it.
_GENERIC_ORG_WORDS = words(
    """
    Government Ministry House Council Bank Party Army Congress Senate Court Commission
    Committee Union State National United European International General First New
    """
)


def _without_legal_form(name: str) -> str:
    """ "General Motors Corp" -> "General Motors": the trailing legal-form words dropped (one
    word at least is kept)."""
    parts = name.split()
    while len(parts) > 1 and parts[-1].lower() in ORG_SUFFIXES:
        parts.pop()
    return " ".join(parts)
