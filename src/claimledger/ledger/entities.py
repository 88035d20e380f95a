"""Resolve the sources and channels of every report into one entity per actor.

A mention is a :class:`~claimledger.records.Source` or a ``via`` channel
name. Mentions are grouped by kind:

* states: by name, capital, seat of government or abbreviation
  ("Pyongyang", "the Kremlin", "DPRK"), see :mod:`names`;
* people: titles and ranks stripped, then names compared token by token
  with typo tolerance only on long tokens (so "Krylo"/"Kyrylo" merge and
  "Kim Yong-hyun"/"Kim Hong Kyun" do not); a surname alone joins the one
  person of the story with that surname, and stays apart when several share it;
* organisations and media: acronyms defined in any report ("National
  Intelligence Service (NIS)") or, undefined, the initials of the one body of
  the story they abbreviate ("The WHO", "the World Health Organization"), state prefixes removed and kept as the
  organisation's state ("South Korea's ..."), and descriptions ("the South
  Korean intelligence department") joined to the single known organisation
  of the same state whose distinctive words they share (a description in lower
  case only when one of the two says its state: "the health ministry" is not
  the World Health Organization).

Generic sources ("analysts", "a Western official", "reports") get no entity:
they name nobody, and the export keeps their words in ``source_text``. An
anonymous source inside a named body ("a source in the NIS") is credited to
that body.

Each entity also gets a *parent* when it speaks for a larger actor: an
official whose title names a state or body ("Kremlin spokesman", "NATO
Secretary General"), an organisation of a state ("South Korea's NIS").
Media never get a parent: an outlet is its own origin. Provenance uses the
parents to count independent origins.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process

from claimledger.extract.cues import SPOKESPERSON_NOUNS
from claimledger.ledger.names import (
    OFFICIAL_TITLES,
    PRONOUNS,
    TITLE_WORDS,
    as_state,
    is_demonym,
    fold,
    person_tokens,
    same_person,
    split_title,
    state_table,
    states_in,
    strip_determiner,
    token_match,
)
from claimledger.records import Entity, Source, StoredReport, item_id

#: Words that say what kind of body an organisation is, not which one.
ORG_WORDS = frozenset("""
agency service services department ministry office directorate bureau administration council committee
command authority authorities organization organisation institute group unit center centre government
the of and for news agency's
""".split())

#: Nouns naming a kind of public body of which a story usually has one ("the ministry", "the council"): English
#: common knowledge. A bare "the ministry" in a report that names none is the story's one ministry, if it has one.
BODY_KINDS = frozenset("""
ministry agency department council committee authority commission institute directorate bureau inspectorate
""".split())

#: Trailing words of outlet names that vary between reports ("Yonhap news service").
MEDIA_SUFFIXES = re.compile(r"\s+(?:news\s+agency|news\s+service|newspaper|news|agency|daily|broadcaster)$", re.I)

_ACRONYM_DEF = re.compile(
    r"\b((?:[A-Z][\w'’&.-]*\s+)(?:(?:of|the|for|and|on|de)\s+|[A-Z][\w'’&.-]*\s+){0,7}[A-Z][\w'’&.-]*)\s+\(([A-Z][A-Za-z]{1,7})\)")
#: What every match of :data:`_ACRONYM_DEF` ends with: a text without it defines no acronym (three
#: reports in four), and the search for it is a tenth of the cost of the definition's.
_ACRONYM_PAREN = re.compile(r"\s\([A-Z][A-Za-z]{1,7}\)")
_INSIDE_ORG = re.compile(
    r"\b(?:in|at|from|within|inside|of|with|close to)\s+(?:the\s+)?"
    r"((?:[A-Z][\w'’&.-]*)(?:\s+(?:of\s+|the\s+|for\s+|and\s+)?[A-Z][\w'’&.-]*)*)")
#: People named by where they live or happen to be, or by what a body serves them ("residents of the Millbrook
#: estate", "passengers on the ferry", "patients at the clinic"): what follows names their place or the body
#: that serves them, not a body they speak from inside (English common knowledge).
_PEOPLE_OF_A_PLACE = frozenset("""resident residents local locals villager villagers neighbour neighbours neighbor
neighbors witness witnesses passenger passengers tourist tourists visitor visitors inhabitant inhabitants
citizen citizens patient patients customer customers client clients shopper shoppers guest guests commuter
commuters traveller travellers traveler travelers""".split())
#: The parts of a body one may be inside or close to ("people close to Pemberton's board", "a source in the
#: minister's office"): English common knowledge. A possessive before any other noun ("portions of Trump's tax
#: returns") names no body.
_PART_OF_A_BODY = re.compile(r"\s+(?:board|(?:head\s+)?offices?|campaign|team|staff|headquarters|management|leadership|"
                             r"camp|family|administration|cabinet|executives|inner\s+circle)\b", re.I)
_BODY_HEADS = frozenset("""police army navy forces force guard court parliament party university bank company
corporation institute ministry fleet brigade corps fund union assembly congress senate times post news herald
journal tribune press post""".split())
_NAME_LIST = re.compile(r"^(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*(?:,\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)+,?\s+(?:and|&)\s")
_POSSESSIVE_END = re.compile(r"['’]s?$")
# "the (regional) fire service", "the health ministry", "the coast guard": a definite description of one
# body of the story, named by its last two words; a bare "the ministry" or "the government" names none. A
# possessor keeps the word in lower case before it ("the prime minister's office", "the harbour master's office"):
# "minister's office" would make one body of every minister's. A place before it is dropped as other modifiers are
# ("the Corvel County sheriff's office" is the sheriff's office).
_DESCRIBED_BODY = re.compile(
    r"^the\s+(?:[a-z][\w-]*\s+)*?(?P<body>(?:(?-i:[a-z][\w-]*)\s+(?=[a-z][\w-]*['’]s\s))?[a-z][\w'’-]*\s+(?:service|agency|ministry|department|office|police|"
    r"guard|council|committee|commission|authority|inspectorate|directorate|prosecutor|court|brigade))$", re.I)
#: One who no longer belongs to the body ("a former finance director of Hallam Bank") speaks for it no more.
_FORMER = re.compile(r"\b(?:former|ex-|onetime|one-time|retired)", re.I)
_OWNED_BODY = re.compile(r"^(?:the\s+)?[A-Z][\w-]*['’]s\s+(?:office|government|administration|party|camp|team|campaign|ministry|cabinet)$")
#: A piece in an outlet ("a story in the Italian daily Corriere della Sera by its Vatican correspondent"): the
#: nouns for a piece of journalism are English common knowledge.
_PIECE_IN = re.compile(r"^(?:an?|the)\s+(?:[\w-]+\s+){0,2}?(?:story|article|piece|report|column|editorial|op-ed|"
                       r"interview|feature)\s+(?:in|from|on)\s+(?P<outlet>.+?)(?:\s+by\s+.*)?$", re.I)
#: One who speaks on the record for a named person or body ("Plant's publicist", "a Norvik Bank spokesman"; "the
#: company's spokesman" is not named): the words of the role are English common knowledge.
_SPEAKS_FOR = re.compile(r"^(?:[Tt]he\s+|[Aa]n?\s+(?=[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3}\s+[a-z]))?"
                         r"(?!(?:The|An?|His|Her|Their|Its|Our|My|Your|This|That|These|Those)\b)(?P<owner>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,3})(?:['’]s?)?\s+(?:longtime\s+|long-time\s+)?"
                         r"(?:publicist|spokes(?:man|woman|person)|press\s+secretary|lawyer|attorney|solicitor|"
                         r"representative|agent)$")
#: A title owned by a body the report has just named ("the company's chief executive", "the club's manager"):
#: English nouns of kinds of body, common knowledge.
_OF_THE_BODY = re.compile(r"^(?:[Tt]he|[Ii]ts|[Tt]heir)\s+(?:company|firm|group|bank|airline|carrier|club|union|"
                          r"charity|operator|business|retailer|insurer|manufacturer|utility|lender|owner|developer|"
                          r"contractor|supplier)['’]s?\s+\w")
#: The same role written after its holder's noun: "a spokesman for Varga", "the lawyer for Karen Holt", "a spokeswoman
#: for the Department for Transport" (a name's own "of", "for", "and"; and without
#: its article, as the extractor names the one a later "he said" points back to).
_SPEAKS_FOR_AFTER = re.compile(r"^(?:(?:[Aa]n?|[Tt]he)\s+)?(?:longtime\s+|long-time\s+)?(?:publicist|spokes(?:man|woman|person)|"
                               r"press\s+secretary|lawyer|attorney|solicitor|representative|agent)\s+for\s+(?:the\s+)?"
                               r"(?P<owner>[A-Z][\w.&-]*(?:\s+(?:(?:of|for|and|on|the)\s+)?[A-Z][\w.&-]*){0,3})$")
_MEDIA_WORDS = re.compile(
    r"\b(?:tv|television|network|newspaper|news\s+(?:agency|outlet|service|site|channel)|broadcaster|radio|magazine"
    r"|media|publication|outlet|daily|tabloid|wire\s+service)\b", re.I)
_MEDIA_DESCRIPTORS = re.compile(
    r"\b(?:state-run|state|public|private|local|national|independent|online|news|television|tv|network|"
    r"broadcaster|newspaper|radio|magazine|media|publication|outlet|agency|service|site|channel|daily|wire)\b", re.I)
# An office of a named place as extraction names it ("mayor of Valmora", "health minister of Ruritania":
# claimledger.extract.sources.office_of_place): the office in lower case, "of", the place's name.
_OFFICE = re.compile(r"^(?P<office>[a-z][a-z -]*?)\s+of\s+(?P<place>[A-Z][\w .'’-]*)$")
#: Organisation keys of offices start with this: an office is keyed whole ("mayor of Paris" is not a body
#: "mayor" of France) and never merged with a body whose name shares its words.
OFFICE_KEY = "office:"
_STATE_PREFIX = re.compile(r"^(?P<state>.+?)(?:['’]s)\s+(?P<rest>.+)$")
_OF_STATE = re.compile(r"^(?P<rest>.+?)\s+(?:of|in)\s+(?P<state>(?:the\s+)?[A-Z].+)$")


@dataclass(slots=True)
class _Group:
    """Mentions believed to be one actor while resolution runs."""

    type: str
    key: str
    names: Counter = field(default_factory=Counter)  # candidate display names
    aliases: set = field(default_factory=set)
    roles: Counter = field(default_factory=Counter)
    states: Counter = field(default_factory=Counter)  # state of an organisation / official
    bodies: Counter = field(default_factory=Counter)  # organisation keys named in an official's title
    titles: set = field(default_factory=set)  # a person's titles as word sets, also from the reports' narration
    docs: set = field(default_factory=set)
    media: int = 0


@dataclass(slots=True)
class Resolution:
    """Entities and which mention resolved to which entity."""

    entities: list[Entity]
    source_entity: dict[str, str]  # attribution / figure id → entity id
    via_entities: dict[str, list[str]]  # attribution id → channel entity ids
    parent: dict[str, str]  # entity id → the entity it speaks for
    body_of: dict[str, str] = field(default_factory=dict)  # attribution id → org of an anonymous insider


def find_acronyms(text: str) -> dict[str, str]:
    """Acronyms a text defines: "National Intelligence Service (NIS)" → {"NIS": "National Intelligence Service"}.

    Accepted when the acronym's letters are the initials of the words before
    it, or, for acronyms of names in another language ("GUR", "HUR"), when
    the parenthesis directly follows a capitalised name of two or more words.
    """
    found: dict[str, str] = {}
    if not _ACRONYM_PAREN.search(text):
        return found
    for m in _ACRONYM_DEF.finditer(text):
        long_form, acr = m.group(1).strip(), m.group(2)
        words = long_form.split()
        # Keep only the tail that the initials cover, or the whole name.
        for start in range(len(words)):
            cand = words[start:]
            initials = "".join(w[0] for w in cand if w[0].isupper())
            if initials.upper() == acr.upper():
                long_form = " ".join(cand)
                break
        else:
            if len([w for w in words if w[0].isupper()]) < 2:
                continue
        m2 = _STATE_PREFIX.match(long_form)
        if m2 and as_state(m2.group("state")):
            long_form = m2.group("rest")
        found.setdefault(acr, long_form)
    return found


@lru_cache(maxsize=65536)
def _org_parts(text: str) -> tuple[str, str | None]:
    """("South Korea's National Intelligence Service") → ("National Intelligence Service", "South Korea")."""
    text = strip_determiner(re.sub(r"\s+", " ", text.strip(" ,.;:\"“”")))
    m = _STATE_PREFIX.match(text)
    if m and as_state(m.group("state")):
        return strip_determiner(m.group("rest")), as_state(m.group("state"))
    m = _OF_STATE.match(text)
    if m and as_state(m.group("state")):
        return m.group("rest"), as_state(m.group("state"))
    _, demonyms = state_table()
    words = text.split()
    for n in (2, 1):
        if len(words) > n and fold(" ".join(words[:n])) in demonyms:
            return " ".join(words[n:]), demonyms[fold(" ".join(words[:n]))]
    return text, None


@lru_cache(maxsize=65536)
def _tidy(text: str) -> str:
    """Mention text without edge punctuation, an unclosed parenthesis or spaced hyphens ("Kim Yong - hyun")."""
    text = re.sub(r"\s*\([^)]*$", "", text.strip())
    return re.sub(r"\s+-\s+", "-", text).strip(" ,;:")


def _is_media(g: "_Group") -> bool:
    return 2 * g.media > sum(g.names.values())


@lru_cache(maxsize=65536)
def _is_group(text: str) -> bool:
    """Several actors joined ("Kyiv, Seoul and Washington", "the U.S., South Korea, and their partners")."""
    head = text.split(",")[0]
    return bool(re.search(r"\b(?:and|&)\b", text)) and (
        len(set(states_in(text))) >= 2 or bool(_NAME_LIST.match(text)) or bool(re.search(r" (?:and|&) ", head)
                                                                              and _looks_personal(head.split(" and ")[-1])))


@lru_cache(maxsize=65536)
def _outlet_name(text: str) -> str:
    """The outlet's own name inside a description: "South Korea's TV Chosun news outlet" → "TV Chosun".

    The name runs from the first capitalised word to the last, after the last lower-case word
    that says what kind of outlet it is: "UK publication The Mirror" → "Mirror".
    """
    core, _ = _org_parts(text)
    words = core.split()
    # Drop lower-case descriptor words around the capitalised name.
    caps = [i for i, w in enumerate(words) if w[:1].isupper() or w[:1].isdigit()]
    if not caps:
        return ""
    run = words[caps[0]: caps[-1] + 1]
    inner = [i for i, w in enumerate(run) if w.islower() and _MEDIA_DESCRIPTORS.fullmatch(w.strip(","))]
    if inner:
        run = run[inner[-1] + 1:]
    if all(_MEDIA_DESCRIPTORS.fullmatch(w.strip(",")) for w in run):
        return ""
    name = _org_parts(" ".join(run))[0]  # "Britain's Daily Mirror" inside a longer phrase: "Daily Mirror"
    _, demonyms = state_table()
    return "" if as_state(name) or fold(name) in demonyms else name  # "a report from South Korean media"


@lru_cache(maxsize=65536)
def _all_titles(name: str) -> bool:
    return all(fold(t).strip(".,") in TITLE_WORDS for t in name.split())


#: Words that end a company's name and never a person's ("Norvik Motors", "Acme Corp."): English common knowledge.
_COMPANY_ENDINGS = frozenset("""
inc inc. corp corp. corporation co. ltd ltd. plc llc ag gmbh holdings motors airlines airways bank industries
technologies pharmaceuticals partners capital telecom energy railways foods chemicals logistics shipping mining
resources systems solutions enterprises electronics insurance investments properties construction engineering
laboratories labs therapeutics biosciences networks communications entertainment studios brands utilities
""".split())


@lru_cache(maxsize=65536)
def _looks_personal(name: str) -> bool:
    """Two to four capitalised words, none of them an organisation word or an acronym, not ending as a company's
    name does: a person's name."""
    words = name.split()
    return (2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not as_state(words[0])
            and fold(words[-1]) not in _COMPANY_ENDINGS
            and not any(fold(w) in ORG_WORDS or fold(w) in _BODY_HEADS or (w.isupper() and len(w) > 1)
                        or _POSSESSIVE_END.search(w) for w in words)
            and not any(fold(w).strip(".,") in TITLE_WORDS for w in words))


@lru_cache(maxsize=65536)
def _org_key(name: str) -> str:
    return re.sub(r"[^a-z0-9 ]", "", fold(MEDIA_SUFFIXES.sub("", name) or name)).strip()


def _pronoun(text: str) -> bool:
    """A pronoun, not an acronym written like one ("WHO", "US")."""
    return fold(text) in PRONOUNS and not (len(text) > 1 and text.isupper())


def _initials(name: str) -> str | None:
    """ "WHO" of "World Health Organization", "FBI" of "Federal Bureau of Investigation"; None for a name of one
    word or with a word in lower case other than "of", "the", "and", "for"."""
    words = [w for w in strip_determiner(name).split() if w.lower() not in ("of", "the", "and", "for", "&")]
    if len(words) < 2 or not all(w[:1].isupper() for w in words):
        return None
    return "".join(w[0] for w in words).upper()


@lru_cache(maxsize=65536)
def _distinct(key: str) -> frozenset[str]:
    forms, demonyms = state_table()
    return frozenset(w for w in key.split()
                     if w not in ORG_WORDS and w not in demonyms and w not in forms and len(w) > 2)


@lru_cache(maxsize=65536)
def _is_alias(text: str) -> bool:
    t = text.strip()
    return bool(t) and any(ch.isupper() for ch in t) and fold(t) not in PRONOUNS and len(t) <= 120


def _role_around(text: str, start: int, end: int) -> str:
    """Title words right before a name ("Kremlin spokesman") or in an apposition after it (", head of X,")."""
    return _role_between(text[max(0, start - 100):start], text[end:end + 120])


@lru_cache(maxsize=65536)
def _role_between(preceding: str, after: str) -> str:
    """:func:`_role_around` of the text before and after a name (cached: copies of a report repeat them)."""
    before = re.split(r"[,.;:“”\"()\n]", preceding)[-1].split()
    role: list[str] = []
    for tok in reversed(before):
        bare = fold(tok)
        if tok[:1].isupper() or bare in TITLE_WORDS or bare in ("of", "the") or bare.endswith(("'s", "’s")):
            role.append(tok)
        else:
            break
    while role and fold(role[-1]) in ("of", "the"):
        role.pop()
    m = re.match(r"\s*,\s*((?:the\s+)?[^,.;]{3,100}?)(?:,|\.|;| said| told)", after)
    appos = m.group(1) if m and any(w in OFFICIAL_TITLES for w in fold(m.group(1)).split()) else ""
    return " ".join([" ".join(reversed(role)), appos]).strip()


@lru_cache(maxsize=65536)
def _spoken_for(role: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(states, bodies by acronym) an official's title names ("NATO Secretary General"); none for other roles."""
    if not _titled(role):
        return (), ()
    return states_in(role), tuple(w for w in re.findall(r"\b[A-Z]{2,6}\b", role) if not as_state(w))


def _title_words(role: str) -> frozenset[str]:
    """A title as a set of words, articles and possessives aside ("the transport minister" ⊆ "Transport Minister
    Clare")."""
    return frozenset(re.findall(r"[a-z][a-z-]*", fold(role).replace("'s", " ").replace("’s", " "))) - {"of", "the"}


def _titled(role: str) -> bool:
    return any(w.strip(".,") in OFFICIAL_TITLES for w in fold(role).split())


def _kind_before_title(role: str) -> str | None:
    """The kind of body a spokesperson's title names in lower case ("ministry" of "ministry spokesman")."""
    words = role.split()
    for i, w in enumerate(words[1:], 1):
        if fold(w) in SPOKESPERSON_NOUNS and words[i - 1].islower() and fold(words[i - 1]) not in TITLE_WORDS:
            return fold(words[i - 1])
    return None


def _titled_bodies(role: str) -> list[str]:
    """The capitalised names in an official's title, title words aside ("Red Cross" of "Red Cross spokeswoman")."""
    out = []
    for run in re.findall(r"\b[A-Z][\w&.'’-]*(?:\s+(?:of\s+|for\s+|the\s+)?[A-Z][\w&.'’-]*)*", role):
        words = run.split()
        while words and fold(words[0]).strip(".,") in OFFICIAL_TITLES:
            words.pop(0)
        while words and fold(words[-1]).strip(".,") in OFFICIAL_TITLES:
            words.pop()
        if words:
            out.append(" ".join(words))
    return out


class _Clusters:
    """People's full-name clusters in the order they were made, indexed by first and last name token.

    A cluster can match a name only when their first tokens (for a surname alone: its first or
    last token) pass :func:`token_match`, so a lookup compares the name with the clusters sharing
    such a token, found by exact key and, for tokens long enough for a typo, by one rapidfuzz scan
    of the distinct tokens: not with every cluster of the story. Answers are those of a scan of
    all clusters in order.
    """

    def __init__(self) -> None:
        self.items: list[tuple[tuple[str, ...], str]] = []  # (name tokens, group key)
        self.keys: set[str] = set()
        self._at: dict[tuple[int, str], list[int]] = {}  # (0: first / 1: last, token) → cluster numbers
        self._long: tuple[list[str], list[str]] = ([], [])  # distinct tokens of typo length, per end
        self._surnames: dict[str, list[str]] = {}

    def add(self, toks: tuple[str, ...], key: str) -> None:
        k = len(self.items)
        self.items.append((toks, key))
        self.keys.add(key)
        self._surnames.clear()
        for end, tok in ((0, toks[0]), (1, toks[-1])):
            at = self._at.setdefault((end, tok), [])
            if not at and len(tok) >= 5:
                self._long[end].append(tok)
            at.append(k)

    def _matching(self, end: int, tok: str) -> list[int]:
        """Clusters whose first (``end`` 0) or last (1) token is ``tok`` by :func:`token_match`."""
        found = list(self._at.get((end, tok), ()))
        if len(tok) >= 5:  # shorter tokens match only themselves
            for other, _, _ in process.extract(tok, self._long[end], scorer=fuzz.ratio, score_cutoff=80, limit=None):
                if other != tok:
                    found.extend(self._at[(end, other)])
        return found

    def person(self, toks: tuple[str, ...]) -> str | None:
        """The key of the first cluster whose name is ``toks`` by :func:`same_person`."""
        if not toks:
            return None
        return next((self.items[k][1] for k in sorted(set(self._matching(0, toks[0])))
                     if same_person(toks, self.items[k][0])), None)

    def surname(self, tok: str) -> list[str]:
        """Keys of the clusters (in order) whose first or last token is ``tok``: those a name alone may be."""
        if tok not in self._surnames:
            self._surnames[tok] = [self.items[k][1] for k in sorted({*self._matching(1, tok), *self._matching(0, tok)})]
        return self._surnames[tok]


def _source_steps(src: Source) -> tuple[tuple, ...]:
    """What one source mention adds, read from its words alone (:meth:`_Resolver.add_source` applies it;
    a person's role the words leave open is looked for in the report): the extractor's ``kind`` is a
    hint, the words decide. A story's reports name the same sources again and again, so each distinct
    mention is read once."""
    surface, name = _tidy(src.text or ""), _tidy(src.name or "")
    name = name or surface
    if _pronoun(surface) or not surface:
        surface = name  # resolved in the report: the name is all we know
    bare = fold(surface).split()
    if len(bare) == 2 and bare[0] == "the" and name[:1].islower() and len(name.split()) > 1 \
            and fold(name).split()[-1] == bare[1]:
        surface = f"the {name}"  # "the agency", resolved in the report to "the national disaster agency" before it
    if not name or _pronoun(name):
        return ()
    # A possessive fragment ("South Korea's") or a clipped name: the mention text says more.
    if _POSSESSIVE_END.search(name) or (src.kind != "person" and name in surface and len(surface) > len(name)
                                         and not _is_group(surface) and not surface.endswith(f", {name}")):
        name = surface  # but "the plant's owner, Chemvik": the name in apposition is the whole name
    if _is_group(surface) or _is_group(name):
        return ()  # "Kyiv, Seoul and Washington": several actors at once
    state = as_state(name) or as_state(surface)
    if state:
        return (("state", state, surface),)
    office = _OFFICE.match(_tidy(src.name or ""))
    if office and src.kind == "organisation" and fold(office.group("office")).split()[-1] in TITLE_WORDS:
        return (("office", office.group(0), surface, as_state(office.group("place"))),)
    if src.kind == "document" and _MEDIA_WORDS.search(surface) and _outlet_name(surface):
        # "a report from UK publication The Mirror", "an exclusive report in Britain's Daily Mirror
        # newspaper": the outlet's report is the outlet speaking.
        return (("org", _outlet_name(surface), surface, True),)
    piece = _PIECE_IN.match(surface)
    if piece and src.kind in ("generic", "anonymous", "document") and _MEDIA_WORDS.search(piece.group("outlet")):
        # "a story in the Italian daily Corriere della Sera by …": the outlet's piece is the outlet speaking
        outlet = _outlet_name(piece.group("outlet"))
        if outlet:
            return (("org", outlet, surface, True),)
    spokesperson = _SPEAKS_FOR.match(surface) or _SPEAKS_FOR_AFTER.match(surface)
    if spokesperson and src.kind in ("generic", "anonymous", "person"):
        # "Plant's publicist", "Apple's spokeswoman", "a spokeswoman for the Environment Agency": one who speaks
        # for a person or body on the record gives their position, so the statement is theirs (a single name the
        # story does not know as a person is a body; a name of several words that is no person's, a body)
        owner = spokesperson.group("owner")
        if " " not in owner:
            return (("single", owner, owner),)
        return _source_steps(Source(owner, owner, "person")) if _looks_personal(owner) else (("org", owner, surface, False),)
    described = _DESCRIBED_BODY.match(surface)
    # "the provincial health department": a description of a body, also where the recogniser took it for a name
    # (all in lower case), so one actor whichever the report
    body = ("org", described.group("body").lower(), surface, False) if described and (
        src.kind == "document" or src.kind == "organisation" and name == name.lower()) else None
    if src.kind in ("generic", "anonymous", "document"):
        # "a source in the NIS": credited to the body. A place ("analysts in Seoul") is not a body.
        steps: list[tuple] = []
        m = _INSIDE_ORG.search(surface)
        # "a source close to the Spanish club": a demonym modifies a noun, it names no body
        if m and src.kind != "document" and not as_state(m.group(1)) and not is_demonym(m.group(1)) \
                and not _PEOPLE_OF_A_PLACE.intersection(fold(surface[:m.start()]).split()[-1:]) \
                and not _FORMER.search(surface[:m.start()]):
            inside = m.group(1)
            if _POSSESSIVE_END.search(inside) and _PART_OF_A_BODY.match(surface[m.end():]):
                inside = _POSSESSIVE_END.sub("", inside)  # "close to Pemberton's board": inside Pemberton
            steps.append(("inside", inside))
        bare = fold(surface).split()
        if not steps and body is None and len(bare) == 2 and bare[0] == "the" and bare[1] in BODY_KINDS:
            steps.append(("kind", bare[1]))  # "the ministry", unresolved in its report: see _Resolver.build
        if not steps and body is None and 2 <= len(bare) <= 4 and bare[0] == "the" and bare[-1] in OFFICIAL_TITLES \
                and surface == surface.lower()[:1] + surface[1:].lower():
            steps.append(("title", _title_words(" ".join(bare[1:]))))  # "the transport minister": see build
        return (*steps, *([body] if body else []))
    if body is not None:
        return (body,)
    words = surface.split()
    described = words[1:] if fold(words[0]) in ("the", "a", "an") else words
    if src.kind == "organisation" and name[:1].isupper() and described and all(w[:1].islower() for w in described):
        # "the company", "a spokeswoman for the company", resolved in the report to the body they stand for: the
        # description's words say it is a body, whatever its name looks like
        return (("org", name, surface, False),)
    if _OWNED_BODY.search(surface):  # "Yoon's office"
        return (("org", strip_determiner(surface), surface, False),)
    head, _, appos = surface.partition(",")  # "Hong Min, an analyst at ..."
    role, pname = split_title(head)
    # A person described by the outlet they work for ("James Martin, editor of the magazine America").
    if src.kind == "media" or (_MEDIA_WORDS.search(surface) and not (src.kind == "person" or _looks_personal(pname))):
        outlet = _outlet_name(surface) or _outlet_name(name)
        return (("org", outlet, surface, True),) if outlet else ()  # "South Korean media": no outlet named
    if src.kind == "person" or _looks_personal(pname) or _looks_personal(name.partition(",")[0]):
        role_n, pname_n = split_title(name.partition(",")[0])
        if len(person_tokens(pname_n)) >= len(person_tokens(pname)) and not _all_titles(pname_n):
            pname = pname_n
        if not person_tokens(pname) or _all_titles(pname):
            return ()
        return (("person", pname, " ".join(x for x in (role, appos.strip()) if x), appos, surface),)
    if len(name.split()) == 1 and not name.isupper():
        return (("single", name, surface),)  # "Solovey": a surname, or a one-word body
    return (("org", name, surface, False),)


class _Resolver:
    def __init__(self, reports: list[StoredReport]):
        self.reports = reports
        self.acronyms: Counter = Counter()
        for r in reports:
            for acr, long_form in find_acronyms(r.extraction.clean.text).items():
                self.acronyms[(acr, long_form)] += 1
        self.acr_long: dict[str, str] = {}
        for (acr, long_form), _ in sorted(self.acronyms.items(), key=lambda kv: (-kv[1], kv[0])):
            self.acr_long.setdefault(_org_key(acr), _org_key(long_form))
        self.groups: dict[tuple[str, str], _Group] = {}
        # Names the recogniser took for an organisation somewhere in the story: an official's title that
        # names one ("a spokesman for the National Pork Producers Council") names the body they speak for.
        orgs = {n.text for r in reports for n in r.extraction.names if n.label == "ORG"}
        self.org_keys = {_org_key(strip_determiner(t)) for t in orgs} - {""}
        self.mention_group: dict[str, tuple[str, str]] = {}
        self.persons: list[tuple[str, str, str, str, str]] = []  # (ref, doc, name, role, surface)
        self.vias: list[tuple[str, str, str]] = []  # (ref, doc, channel)
        self.kind_mentions: list[tuple[str, str]] = []  # (ref, kind) of "the ministry" unresolved in its report
        self.singles: list[tuple[str, str, str, str]] = []  # one-word non-person sources, decided after people
        self.clusters = _Clusters()  # person name tokens, group key
        self._steps: dict[tuple, tuple[tuple, ...]] = {}  # by source mention (text, name, kind): _source_steps
        self.person_docs: dict[str, set] = defaultdict(set)
        self.maybe_body: set[str] = set()  # person mentions the extractor did not take for a person
        self.title_mentions: list[tuple[str, frozenset[str]]] = []  # (ref, title words) of "the transport minister"
        self.narrated_titles: dict[str, frozenset[str]] = {}  # person mention → its title in the report's text
        self.of_the_body: list[str] = []  # person mentions titled by "the company's …": that report's last body

    # -- mention classification ------------------------------------------
    def _group(self, type_: str, key: str) -> _Group:
        g = self.groups.get((type_, key))
        if g is None:
            g = self.groups[(type_, key)] = _Group(type_, key)
        return g

    def add_state(self, ref: str | None, doc: str, state: str, surface: str) -> tuple[str, str]:
        g = self._group("GPE", state)
        g.names[state] += 5
        g.aliases.update(x for x in (state, surface) if _is_alias(x))
        g.docs.add(doc)
        if ref:
            self.mention_group[ref] = ("GPE", state)
        return ("GPE", state)

    def add_org(self, ref: str | None, doc: str, name: str, surface: str, media: bool) -> tuple[str, str] | None:
        state_full = as_state(name)
        if state_full and not media:
            return self.add_state(ref, doc, state_full, surface)
        core, state = _org_parts(name)
        key = _org_key(core)
        if not key:
            return None
        key = self.acr_long.get(key, key)
        g = self._group("ORG", key)
        g.names[core] += 1
        g.aliases.update(x for x in (name, surface, core) if _is_alias(x))
        for acr_key, long_key in self.acr_long.items():
            if long_key == key:
                g.aliases.update(acr for (acr, lf) in self.acronyms if _org_key(acr) == acr_key)
        if state:
            g.states[state] += 1
        g.media += media
        g.docs.add(doc)
        if ref:
            self.mention_group[ref] = ("ORG", key)
        return ("ORG", key)

    def add_office(self, ref: str, doc: str, name: str, surface: str, state: str | None) -> None:
        """An office of a place ("mayor of Valmora"), keyed whole, of the place's state when it is one."""
        g = self._group("ORG", OFFICE_KEY + fold(name))
        g.names[name] += 1
        g.aliases.update(x for x in (name, surface) if _is_alias(x))
        if state:
            g.states[state] += 1
        g.docs.add(doc)
        self.mention_group[ref] = ("ORG", g.key)

    def office_holders(self) -> dict[tuple[str, str], tuple[str, str]]:
        """Each office the story names ("mayor of Valmora") whose holder it names by a title saying just that
        office and place ("Valmora Mayor Oddlin Frusk", "Oddlin Frusk, the mayor of Valmora"), one person
        only: the office is that person, so "Valmora's mayor" in one report and Frusk in another are one source."""
        def words(text: str) -> frozenset[str]:
            return frozenset(re.findall(r"[a-z][a-z-]*", fold(text).replace("'s", " "))) - {"of", "the"}
        people: dict[frozenset[str], list[tuple[str, str]]] = defaultdict(list)
        for k, g in self.groups.items():
            if k[0] == "PERSON":
                for role in {words(r) for r in g.roles}:
                    people[role].append(k)
        held = {}
        for k, g in self.groups.items():
            if k[0] == "ORG" and k[1].startswith(OFFICE_KEY):
                holders = people.get(words(k[1][len(OFFICE_KEY):]), [])
                if len(holders) == 1:
                    held[k] = holders[0]
        return held

    def add_source(self, ref: str, doc: str, src: Source, text: str) -> None:
        """Classify one source mention (:func:`_source_steps`) and add it."""
        mention = (src.text, src.name, src.kind)
        steps = self._steps.get(mention)
        if steps is None:
            steps = self._steps[mention] = _source_steps(src)
        for step in steps:
            what = step[0]
            if what == "state":
                self.add_state(ref, doc, step[1], step[2])
            elif what == "org":
                self.add_org(ref, doc, step[1], step[2], media=step[3])
            elif what == "office":
                self.add_office(ref, doc, *step[1:])
            elif what == "inside":  # "a source in the NIS": credited to the body
                key = self.add_org(None, doc, step[1], step[1], media=False)
                if key:
                    self.mention_group[ref] = key
            elif what == "kind":
                self.kind_mentions.append((ref, step[1]))
            elif what == "title":
                self.title_mentions.append((ref, step[1]))
            elif what == "person":
                _, pname, role, appos, surface = step
                at = text.find(pname)  # the first place the report names them
                around = _role_around(text, at, at + len(pname)) if at >= 0 else ""
                if not role:
                    role = appos or around
                if _titled(around):  # "Transport Minister Clare Dunmore is facing calls …", then "Ms Dunmore said"
                    self.narrated_titles[ref] = _title_words(around)
                self.persons.append((ref, doc, pname, role, surface))
                if _OF_THE_BODY.match(surface):
                    self.of_the_body.append(ref)
                if src.kind != "person":
                    self.maybe_body.add(ref)
            else:
                self.singles.append((ref, doc, step[1], step[2]))

    def add_via(self, ref: str, doc: str, channel: str) -> None:
        """A channel is an outlet unless it names a state or a person of the story."""
        state = as_state(channel)
        if state:
            self.add_state(ref, doc, state, channel)
        elif _is_alias(channel):
            self.vias.append((ref, doc, channel))

    # -- grouping -----------------------------------------------------------
    def resolve_people(self) -> None:
        """Cluster person mentions by full name, then attach surname-only mentions, one-word sources and channels."""
        full = [p for p in self.persons if len(person_tokens(p[2])) > 1]
        single = [p for p in self.persons if len(person_tokens(p[2])) == 1]
        counts = Counter(p[2] for p in full)
        # Most-mentioned, fullest spelling first, so it becomes the cluster's reference form.
        key_of: dict[str, str] = {}
        for n in sorted(counts, key=lambda n: (-len(person_tokens(n)), -counts[n], n)):
            toks = person_tokens(n)
            key_of[n] = self.clusters.person(toks) or " ".join(toks)
            if key_of[n] == " ".join(toks) and key_of[n] not in self.clusters.keys:
                self.clusters.add(toks, key_of[n])
        bodies = {_org_key(n) for _, _, n, _ in self.singles} | {k for t, k in self.groups if t == "ORG"}
        for ref, doc, n, role, s in full:
            self.person_docs[key_of[n]].add(doc)
        for ref, doc, n, role, s in full:
            if ref in self.maybe_body and _org_key(n) in bodies:
                # "Kestrel Health said …" reads as a person's name, but the story knows it as a body ("the company")
                self.add_org(ref, doc, n, s, media=False)
            else:
                self._add_person(ref, doc, key_of[n], n, role, s)
        # the first words of the story's bodies of several words: "Kestrel" of "Kestrel Health"
        firsts = Counter(k.split()[0] for k in bodies if " " in k)
        for ref, doc, n, role, s in single:
            key = self._surname_key(n, doc)
            # (a name the story knows as a body is no person's, even where the recogniser made it one)
            if (key is None or _org_key(key) in bodies) and (_org_key(n) in bodies or firsts[_org_key(n)] == 1):
                # "Baltchem" taken for a person here, a company elsewhere; "Kestrel said" for the one "Kestrel Health"
                self.add_org(ref, doc, n, s, media=False)
            else:
                self._add_person(ref, doc, key or person_tokens(n)[0], n, role, s)
        for ref, doc, n, s in self.singles:
            key = self._surname_key(n, doc)
            if key:
                self._add_person(ref, doc, key, n, "", s)
            else:
                self.add_org(ref, doc, n, s, media=False)
        full_key = {n: key_of[n] for n in key_of}
        for ref, doc, ch in self.vias:
            toks = person_tokens(ch)
            if len(toks) > 1 and ch not in full_key:
                full_key[ch] = self.clusters.person(toks)
            # a channel of initials only ("the S.E.C.") has no name token: no person
            key = self._surname_key(ch, doc) if len(toks) == 1 else full_key.get(ch)
            if key:
                self._add_person(ref, doc, key, ch, "", ch)
            elif _outlet_name(ch):  # "South Korean media" names no outlet
                self.add_org(ref, doc, _outlet_name(ch), ch, media=True)

    def _surname_key(self, name: str, doc: str) -> str | None:
        """The one person of the story (preferably of this report) a single name can stand for."""
        toks = person_tokens(name)
        if len(toks) != 1:
            return None
        cands = self.clusters.surname(toks[0])
        local = [ck for ck in cands if doc in self.person_docs[ck]]
        pick = local if len(local) == 1 else cands
        return pick[0] if len(pick) == 1 else None

    def _add_person(self, ref: str, doc: str, key: str, name: str, role: str, surface: str) -> None:
        g = self._group("PERSON", key)
        g.names[name] += 1
        g.aliases.update(x for x in (name, surface) if _is_alias(x) and not fold(x) in PRONOUNS)
        g.docs.add(doc)
        if role:
            g.roles[role] += 1
            states, bodies = _spoken_for(role)
            for st in states:
                g.states[st] += 1
            for word in bodies:
                g.bodies[word] += 1
            if _titled(role):
                for run in _titled_bodies(role):
                    run = strip_determiner(_POSSESSIVE_END.sub("", run))  # "The Harbour Board's deputy spokeswoman"
                    if _org_key(run) in self.org_keys and not as_state(run):
                        g.bodies[run] += 1
        self.mention_group[ref] = ("PERSON", key)

    def merge_orgs(self) -> dict[tuple[str, str], tuple[str, str]]:
        """Join organisation spellings: typos, and descriptions of one known body of the same state."""
        # offices keep their names (add_office)
        orgs = sorted(k for k in self.groups if k[0] == "ORG" and not k[1].startswith(OFFICE_KEY))
        target: dict[tuple[str, str], tuple[str, str]] = {}
        keys = [k[1] for k in orgs]
        for i, a in enumerate(orgs):
            if len(a[1]) >= 8 and i:  # the first earlier spelling within the typo bar (one rapidfuzz scan)
                hits = process.extract(a[1], keys[:i], scorer=fuzz.ratio, score_cutoff=92, limit=None)
                if hits:
                    b = orgs[min(k for _, _, k in hits)]
                    target[a] = target.get(b, b)
        # An acronym no report spells out is the one body of the story whose name it abbreviates ("The WHO" and
        # "the World Health Organization"): initials of the capitalised words, English common knowledge
        by_initials: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for b in orgs:
            for n in self.groups[b].names:
                if (letters := _initials(n)) is not None:
                    by_initials[letters].append(b)
        for a in orgs:
            names = [n for n in self.groups[a].names if n.isupper() and n.isalpha() and 2 <= len(n) <= 6]
            full = {b for n in names for b in by_initials.get(n, []) if b != a}
            if a not in target and len(full) == 1:
                b = next(iter(full))
                target[a] = target.get(b, b)
        defined = set(self.acr_long.values())
        having: dict[str, set[int]] = defaultdict(set)  # distinctive word → organisations whose key has it
        for k, b in enumerate(orgs):
            for w in _distinct(b[1]):
                having[w].add(k)
        for a in orgs:
            if a in target or a[1] in defined:
                continue
            da = _distinct(a[1])
            sa = set(self.groups[a].states)
            if not da:
                continue
            # a description in lower case ("the health ministry") joins a name only when one of the two says its
            # state: it is no description of "the World Health Organization", which no state owns
            described = all(n[:1].islower() for n in self.groups[a].names)
            cands = []
            for b in (orgs[k] for k in sorted(set.intersection(*(having[w] for w in da)))):
                gb = self.groups[b]
                if b == a or b in target or _is_media(gb) != _is_media(self.groups[a]):
                    continue
                # ... or when it is the end of the name ("the fire service", "Ridge County Fire Service")
                if da <= _distinct(b[1]) and len(b[1].split()) > len(a[1].split()) \
                        and (not sa or not gb.states or sa & set(gb.states)) \
                        and (sa or gb.states or not described  # a state unsaid is not another state
                             or b[1].endswith(" " + a[1])):
                    cands.append(b)
            if len(cands) == 1:
                target[a] = cands[0]
        return target

    def _owned_by_last_body(self) -> dict[tuple[str, str], tuple[str, str]]:
        """People titled by "the company's …" ("The company's chief executive, Ian Moss"): the body of the last
        statement before theirs in the same report whose source is a body (not an outlet), when every such
        mention of them points to the same one."""
        def place(ref: str) -> tuple[str, int] | None:
            doc, _, rest = ref.rpartition(".a")
            return (doc, int(rest)) if rest.isdigit() else None
        bodies: dict[str, list[tuple[int, tuple[str, str]]]] = defaultdict(list)
        for ref, k in self.mention_group.items():
            at = place(ref)
            if at is not None and k[0] == "ORG" and k in self.groups and not _is_media(self.groups[k]):
                bodies[at[0]].append((at[1], k))
        found: dict[tuple[str, str], set] = defaultdict(set)
        for ref in self.of_the_body:
            at, person = place(ref), self.mention_group.get(ref)
            if at is None or person is None:
                continue
            before = [(i, k) for i, k in bodies.get(at[0], ()) if i < at[1]]
            found[person].add(max(before)[1] if before else None)
        return {p: next(iter(b)) for p, b in found.items() if len(b) == 1 and None not in b}

    def _bodies_by_kind(self) -> dict[str, list[tuple[str, str]]]:
        """The story's bodies (not outlets) by the last word of their name and by each word of it that says
        their kind: "ministry" for "the health ministry" and for "Ministry of Environment"."""
        out: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for k in sorted(self.groups):
            g = self.groups[k]
            if k[0] == "ORG" and not _is_media(g) and g.names:
                words = fold(g.names.most_common(1)[0][0]).split()
                for w in sorted({words[-1], *(BODY_KINDS & set(words))}):
                    out[w].append(k)
        return out

    def build(self) -> Resolution:
        for r in self.reports:
            text = r.extraction.clean.text
            for i, a in enumerate(r.extraction.attributions):
                aid = item_id(r.id, "a", i)
                if a.source:
                    self.add_source(aid, r.id, a.source, text)
                for k, ch in enumerate(a.via):
                    self.add_via(f"{aid}#via{k}", r.id, ch)
            for j, f in enumerate(r.extraction.figures):
                if f.source and f.attribution is None:
                    self.add_source(item_id(r.id, "f", j), r.id, f.source, text)
        self.resolve_people()
        target = self.merge_orgs()
        # Fold merged organisations into their targets, and offices into the one person named as holding them.
        for src, dst in target.items():
            gs, gd = self.groups.pop(src), self.groups[dst]
            gd.names.update(gs.names)
            gd.aliases |= gs.aliases
            gd.states.update(gs.states)
            gd.docs |= gs.docs
            gd.media += gs.media
        for src, dst in self.office_holders().items():
            gs, gd = self.groups.pop(src), self.groups[dst]
            gd.aliases |= gs.aliases | set(gs.names)
            gd.docs |= gs.docs
            target[src] = dst
        self.mention_group = {ref: target.get(k, k) for ref, k in self.mention_group.items()}
        # Bodies named in officials' titles are actors too ("NATO Secretary General", "the Vatican's spokesman").
        known = {_org_key(a) for k, g in self.groups.items() if k[0] == "ORG" for a in g.aliases | {k[1]}}
        for k, g in list(self.groups.items()):
            if k[0] == "PERSON":
                for word in g.bodies:
                    if _org_key(word) not in known and self.acr_long.get(_org_key(word)) not in known:
                        self.add_org(None, next(iter(sorted(g.docs))), word, word, media=False)
                        known.add(_org_key(word))
        # "the transport minister said …" unresolved in its report: the story's one person so titled, if one
        for ref, key in self.mention_group.items():
            if key[0] == "PERSON" and key in self.groups:
                g = self.groups[key]
                g.titles |= {_title_words(r) for r in g.roles if _titled(r)}
                if ref in self.narrated_titles:
                    g.titles.add(self.narrated_titles[ref])
        for ref, words in self.title_mentions:
            holders = [k for k, g in self.groups.items() if k[0] == "PERSON" and any(words <= t for t in g.titles)]
            if len(holders) == 1:
                self.mention_group[ref] = holders[0]
        # "The ministry said …" in a report that names no ministry: the story's one ministry, if it has one
        by_kind = self._bodies_by_kind()
        for ref, kind in self.kind_mentions:
            if len(by_kind.get(kind, ())) == 1:
                self.mention_group[ref] = by_kind[kind][0]
        # Stable ids: by type, then reference name.
        keys = sorted(self.groups, key=lambda k: (k[0], k[1]))
        eid = {k: f"e{i + 1}" for i, k in enumerate(keys)}
        entities = []
        for k in keys:
            g = self.groups[k]
            name = max(g.names, key=lambda n: (g.names[n], len(n), n)) if g.names else k[1]
            if k[0] == "ORG":
                # Prefer the spelled-out name over an acronym.
                longer = [n for n in g.names if len(n) > 6 and not n.isupper()]
                if name.isupper() and longer:
                    name = max(longer, key=lambda n: (g.names[n], n))
            type_ = "MEDIA" if k[0] == "ORG" and _is_media(g) else k[0]
            aliases = sorted(a for a in g.aliases | set(g.names) if a != name and _is_alias(a))
            entities.append(Entity(id=eid[k], name=name, type=type_, aliases=aliases,
                                   roles=sorted(g.roles, key=lambda r: (-g.roles[r], r))[:5]))
        parent: dict[str, str] = {}
        org_by_alias: dict[str, tuple[str, str]] = {}
        for k in keys:
            if k[0] == "ORG":
                for a in self.groups[k].aliases | {k[1]}:
                    org_by_alias.setdefault(_org_key(a), k)
        state_keys = {k[1]: k for k in keys if k[0] == "GPE"}
        owned = self._owned_by_last_body()
        for k in keys:
            g = self.groups[k]
            if k[0] == "GPE" or _is_media(g):
                continue
            # A body the title names by acronym, else by a name the story knows as a body ("Red Cross spokeswoman"),
            # else by its kind when the story has one body of that kind ("ministry spokesman Arman Sadykov" and
            # "the health ministry")
            named = [b for b, _ in g.bodies.most_common()] + [run for role in sorted(g.roles) if _titled(role)
                                                              for run in _titled_bodies(role)]
            body = next((org_by_alias[_org_key(b)] for b in named if _org_key(b) in org_by_alias), None)
            if body is None and k[0] == "PERSON":
                kinds = {w for role in g.roles if (w := _kind_before_title(role))}
                bodies = {b for w in kinds for b in by_kind.get(w, [])}
                body = next(iter(bodies)) if len(bodies) == 1 else None
            if body is None and k in owned:
                body = owned[k]
            if body and body != k and not _is_media(self.groups[body]):
                parent[eid[k]] = eid[body]
            elif g.states:
                st = g.states.most_common(1)[0][0]
                if st not in state_keys:
                    self.add_state(None, "", st, st)
                    state_keys[st] = ("GPE", st)
                    eid[("GPE", st)] = f"e{len(eid) + 1}"
                    entities.append(Entity(id=eid[("GPE", st)], name=st, type="GPE", aliases=[]))
                parent[eid[k]] = eid[state_keys[st]]
        source_entity: dict[str, str] = {}
        via_entities: dict[str, list[str]] = defaultdict(list)
        for ref, k in sorted(self.mention_group.items()):
            if k not in eid:
                continue
            if "#via" in ref:
                via_entities[ref.split("#", 1)[0]].append(eid[k])
            else:
                source_entity[ref] = eid[k]
        return Resolution(entities, source_entity, dict(via_entities), parent)


def resolve_entities(reports: list[StoredReport]) -> Resolution:
    """One entity per actor across ``reports`` (processed in content-hash order, so input order is irrelevant)."""
    return _Resolver(sorted(reports, key=lambda r: (r.content_hash, r.id))).build()
