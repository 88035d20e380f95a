"""Surface forms of actors: states and their capitals, titles, person names.

States come from ``countryinfo`` (names, ISO alternative spellings, capitals,
demonyms). A few seats of government and abbreviations that news writing uses
as actors are not in it ("the Kremlin", "the Pentagon", "DPRK", "U.S."); they
are listed in :data:`EXTRA_STATE_FORMS`.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from rapidfuzz import fuzz

from claimledger.extract.person_names import title_ends_name

#: Seats of government and abbreviations used as the state itself, not in countryinfo.
EXTRA_STATE_FORMS: dict[str, str] = {
    "the kremlin": "Russia", "kremlin": "Russia",
    "the white house": "United States", "white house": "United States",
    "the pentagon": "United States", "pentagon": "United States",
    "washington": "United States", "u.s.": "United States", "us": "United States", "usa": "United States",
    "u.s.a.": "United States", "america": "United States", "the united states": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom", "downing street": "United Kingdom",
    "dprk": "North Korea", "the dprk": "North Korea", "rok": "South Korea",
    "kiev": "Ukraine", "beijing": "China", "the elysee": "France", "elysee": "France",
}

#: Words of rank, office and honorific that precede or follow a person's name.
TITLE_WORDS = frozenset("""
president vice prime minister secretary general gen gen. lt lt. col col. maj maj. capt capt. sgt adm adm.
admiral colonel major captain lieutenant sergeant commander chief head director spokesman spokeswoman
spokesperson press deputy foreign defence defense interior senator sen sen. rep rep. representative
ambassador chancellor premier king queen prince mr mr. mrs mrs. ms ms. dr dr. prof prof. professor
chairman chairwoman chair leader governor mayor officer official envoy secretary-general minister-counsellor
former acting senior top military intelligence security national state supreme lawmaker
rev rev. reverend father fr fr. pope cardinal bishop archbishop rabbi imam pastor sister saint st st. sir dame
lord lady mp mep msp congressman congresswoman councillor councilman councilwoman alderman
sheriff constable inspector superintendent commissioner marshal detective
neighbour neighbor resident witness eyewitness passenger homeowner survivor
""".split())

#: Titles that make a person speak for the body named in the title (not analysts or scholars).
OFFICIAL_TITLES = frozenset("""
president minister secretary spokesman spokeswoman spokesperson chief head director general gen gen.
commander ambassador chancellor premier official envoy secretary-general leader governor admiral
""".split())

PRONOUNS = frozenset("he she they it we i you him her them his its their this that these those who".split())

_DETERMINERS = re.compile(r"^(?:the|a|an)\s+", re.I)
_POSSESSIVE = re.compile(r"['’]s?$")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ASCII form for comparison: accents, curly quotes and dashes removed."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"\s+", " ", text).strip().lower()


def strip_determiner(text: str) -> str:
    return _DETERMINERS.sub("", text.strip())


@lru_cache(maxsize=1)
def state_table() -> tuple[dict[str, str], dict[str, str]]:
    """(form → state name, demonym → state name) for every country countryinfo knows."""
    import countryinfo

    forms: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    for c in countryinfo.all_countries():
        try:
            name = c.name()
        except Exception:  # countryinfo raises for incomplete records
            continue
        if not name:
            continue
        name = name.title() if name.islower() else name
        entries = [name]
        for attr in ("alt_spellings", "capital"):
            try:
                value = getattr(c, attr)()
            except Exception:
                continue
            entries.extend(value if isinstance(value, list) else [value])
        for form in entries:
            # ISO codes ("AND", "PRK") read as words; the useful abbreviations are in EXTRA_STATE_FORMS.
            if isinstance(form, str) and len(form) > 2 and form.isascii() and not (form.isupper() and len(form) <= 3):
                forms.setdefault(fold(form), name)
                if "," in form:  # "Korea, Republic of" → "Republic of Korea"
                    head, _, tail = form.partition(",")
                    forms.setdefault(fold(f"{tail.strip()} {head.strip()}"), name)
        try:
            dem = c.demonym()
        except Exception:
            dem = None
        if isinstance(dem, str) and dem:
            demonyms.setdefault(fold(dem), name)
    for form, name in EXTRA_STATE_FORMS.items():
        forms[form] = name
    # The common capital forms countryinfo spells with a suffix.
    forms.setdefault("washington d.c.", "United States")
    return forms, demonyms


@lru_cache(maxsize=65536)
def as_state(text: str) -> str | None:
    """The state a mention stands for ("Pyongyang" → North Korea), or None."""
    forms, _ = state_table()
    key = fold(text)
    key = re.sub(r"\s+(?:government|administration|authorities|regime|leadership)$", "", key)
    key = re.sub(r"['’]s$", "", key)
    return forms.get(key) or forms.get(fold(strip_determiner(key)))


def is_demonym(text: str) -> bool:
    """Is ``text`` a people's adjective of a state ("Spanish", "North Korean")?"""
    return fold(text) in state_table()[1]


@lru_cache(maxsize=65536)
def states_in(text: str) -> tuple[str, ...]:
    """States named in a phrase by name, capital, seat or demonym, in order of appearance."""
    forms, demonyms = state_table()
    found: list[tuple[int, str]] = []
    low = fold(text)
    words = re.findall(r"[a-z][a-z.'-]*", low)
    # Try the longest spans first so "south korea" wins over "korea".
    spans = set()
    for n in (4, 3, 2, 1):
        for i in range(len(words) - n + 1):
            if any(j in spans for j in range(i, i + n)):
                continue
            phrase = " ".join(words[i:i + n]).rstrip(".")
            phrase = re.sub(r"'s?$", "", phrase)
            name = forms.get(phrase) or demonyms.get(phrase)
            if name and (n > 1 or phrase not in ("us",) or "U.S." in text or " US" in f" {text}"):
                spans.update(range(i, i + n))
                found.append((i, name))
    return tuple(name for _, name in sorted(found))


@lru_cache(maxsize=65536)
def split_title(text: str) -> tuple[str, str]:
    """("Lt Gen Kyrylo Budanov") → ("Lt Gen", "Kyrylo Budanov"): title words and state words lead, the name is the tail.

    The name is the last run of capitalised tokens that are not titles,
    demonyms or states; what precedes it is the role. A title word that ends the text is the
    surname where :func:`title_ends_name` says so ("Ravi Sen" is all name; "Fire Officer" all role).
    """
    tokens = text.strip().split()
    _, demonyms = state_table()
    forms, _ = state_table()
    name: list[str] = []
    for tok in reversed(tokens):
        bare = fold(tok).strip(",.;:")
        if (tok[:1].isupper() or tok[:1] == "'") and bare not in TITLE_WORDS and bare not in demonyms \
                and bare not in forms and not _POSSESSIVE.search(bare) or bare in ("jr", "jr.", "sr"):
            name.append(tok.strip(",;:"))
        else:
            break
    name.reverse()
    if not name and len(tokens) > 1 and fold(tokens[-1]).strip(",;:") in TITLE_WORDS:
        # A title word after a name is its surname when the words say so ("Ravi Sen", "John Major"), not in a
        # title alone ("Fire Officer", "Attorney General"): see title_ends_name.
        last = tokens[-1].strip(",;:")
        role, before = split_title(" ".join(tokens[:-1]))
        if before and title_ends_name(before.split(), last, TITLE_WORDS):
            return role, f"{before} {last}"
    role = " ".join(tokens[: len(tokens) - len(name)]).strip(" ,")
    return role, " ".join(name)


@lru_cache(maxsize=65536)
def person_tokens(name: str) -> tuple[str, ...]:
    """Comparable tokens of a person's name: folded, hyphens split, suffixes and initials dropped."""
    toks = re.split(r"[\s\-]+", fold(name).replace(".", " "))
    return tuple(t for t in toks if t and t not in ("jr", "sr", "ii", "iii") and len(t) > 1)


@lru_cache(maxsize=65536)
def token_match(a: str, b: str) -> bool:
    """Two name tokens are the same word: equal, or long enough that a typo cannot make another name.

    Short tokens must be equal: Korean given-name syllables ("yong"/"hong",
    "hyun"/"kyun") differ by one letter between different people.
    """
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    return fuzz.ratio(a, b) >= 80


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Full names agree token by token (first and last always; middle names when both give them)."""
    if not a or not b:
        return False
    if len(a) == len(b):
        return all(token_match(x, y) for x, y in zip(a, b))
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(short) == 1:
        return False  # surname-only mentions are resolved separately, against the whole story
    # "Joseph Bermudez" vs "Joseph S Bermudez": first and last agree, the rest is a middle name.
    return token_match(short[0], long_[0]) and token_match(short[-1], long_[-1])
