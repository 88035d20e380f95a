"""Sources within one report: what kind of actor, and which one.

A report names an actor fully once ("Lt Gen Kyrylo Budanov") and then by
surname, pronoun or description ("Budanov", "he", "the Ukrainian
general"). :class:`SourceResolver` walks the report in order and maps each
later mention back to the fullest name seen. Cross-report resolution
(spelling variants, acronyms) is the ledger's job, not this module's.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from claimledger.extract.cues import SPOKESPERSON_NOUNS
from claimledger.extract.person_names import first_name_genders, title_ends_name
from claimledger.records import Source, SourceKind

PRONOUNS_PERSON = frozenset({"he", "she", "him", "her", "i", "me"})
_PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}

#: Titles and role nouns that say a person's gender ("Mrs. Clinton", "a spokeswoman", "Father Martin").
_GENDERED_WORDS = {
    **dict.fromkeys(("mr", "mr.", "sir", "lord", "king", "prince", "pope", "father", "fr", "fr.", "brother", "rev",
                     "spokesman", "chairman", "congressman", "businessman", "husband", "son", "boy", "man",
                     "grandfather", "uncle", "actor", "nephew", "monsignor", "cardinal"), "m"),
    **dict.fromkeys(("mrs", "mrs.", "ms", "ms.", "miss", "lady", "dame", "queen", "princess", "sister", "mother",
                     "spokeswoman", "chairwoman", "congresswoman", "businesswoman", "wife", "daughter", "girl",
                     "woman", "grandmother", "aunt", "actress", "niece"), "f"),
}
PRONOUNS_GROUP = frozenset({"they", "we", "them", "us"})

#: Head nouns of unnamed sources ("a Western official", "analysts").
ANONYMOUS_HEADS = frozenset({
    "official", "officials", "source", "sources", "analyst", "analysts", "expert", "experts", "lawmaker",
    "lawmakers", "diplomat", "diplomats", "person", "people", "insider", "insiders", "observer", "observers",
    "aide", "aides", "spokesperson", "spokesman", "spokeswoman", "participant", "participants", "critic",
    "critics", "residents", "resident", "witness", "witnesses", "commentator", "commentators", "some",
    "others", "many", "activist", "activists", "researcher", "researchers", "member", "members", "staff",
    "officer", "officers", "soldier", "soldiers", "economist", "economists", "scientist", "scientists",
    "voter", "voters", "supporter", "supporters", "opponent", "opponents", "leader", "leaders",
})

#: Head nouns of documents and media used as sources ("the report said").
DOCUMENT_HEADS = frozenset({
    "report", "reports", "statement", "statements", "media", "document", "documents", "study", "survey",
    "poll", "polls", "assessment", "memo", "letter", "filing", "data", "analysis", "release", "footage",
    "video", "videos", "image", "images", "website", "post", "tweet", "account", "outlet", "outlets",
    "newspaper", "broadcaster", "publication", "agency", "service", "office", "government", "ministry",
    "department", "administration", "military", "army", "embassy", "intelligence", "committee", "council",
    "court", "commission", "company", "firm", "group", "campaign", "party", "team", "network", "press",
    "authority", "police", "guard", "brigade", "inspectorate", "directorate",
})

#: Heads of descriptions of a body that acts and speaks as one ("the company", "the ministry"), of DOCUMENT_HEADS.
_BODY_HEADS = frozenset({
    "agency", "service", "office", "government", "ministry", "department", "administration", "military", "army",
    "embassy", "committee", "council", "court", "commission", "company", "firm", "group", "campaign", "party", "team",
    "network", "newspaper", "broadcaster", "publication", "outlet", "authority", "police", "guard", "brigade",
    "inspectorate", "directorate",
})

#: Nouns of :data:`_BODY_HEADS` for a body of business ("the company said"; English common knowledge).
_COMPANY_HEADS = frozenset({"company", "firm", "group"})

#: Nouns for a body of business that acts and speaks as one: what a name in apposition to one names ("the
#: operator, Baltline, said"), whatever the recogniser takes the name for (English common knowledge).
_BUSINESS_HEADS = frozenset({
    "operator", "carrier", "airline", "manufacturer", "maker", "supplier", "utility", "bank", "insurer", "retailer",
    "contractor", "corporation", "conglomerate", "startup", "union", "club", "association", "organisation",
    "organization", "distributor",
})
#: Nouns a body is described by: what a name in apposition to one names, whatever the recogniser takes it for.
_DESCRIBED_BODIES = _BODY_HEADS | _BUSINESS_HEADS
#: Nouns "the company" may stand for a body by (of its kind), and nouns of other kinds a body's name would show.
_BY_ITS_KIND = _BUSINESS_HEADS | _COMPANY_HEADS
_OTHER_KINDS = _BODY_HEADS - _COMPANY_HEADS
#: Nouns of :data:`_BUSINESS_HEADS` for bodies that are no company (English common knowledge).
_NO_COMPANIES = frozenset({"union", "club", "association"})

_MEDIA_NAME = re.compile(
    r"\b(news|times|post|journal|tv|television|radio|press|reuters|ap|afp|bbc|cnn|yonhap|newsweek|"
    r"bloomberg|jazeera|independent|guardian|telegraph|herald|tribune|daily|gazette|chosun|kyodo|xinhua|"
    r"tass|kcna|ria|nbc|abc|cbs|fox|msnbc|npr|pbs|politico|axios|economist|monitor|wire|magazine|"
    r"broadcast\w*|network|media|dispatch|insider|examiner|observer|mirror|sun|express|standard)\b",
    re.IGNORECASE,
)

#: Title words stripped when shortening a name to its person ("Lt Gen", "President").
TITLE_WORDS = frozenset({
    "president", "prime", "minister", "secretary", "general", "gen", "gen.", "lt", "lt.", "col", "col.",
    "maj", "maj.", "adm", "adm.", "sen", "sen.", "rep", "rep.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.",
    "dr", "dr.", "chief", "spokesman", "spokeswoman", "spokesperson", "vice", "deputy", "foreign", "defense",
    "defence", "press", "senator", "governor", "mayor", "ambassador", "director", "head", "chairman", "leader",
    "king", "queen", "prince", "pope", "judge", "justice", "commander", "admiral", "colonel", "captain",
    "lieutenant", "sergeant", "professor", "prof", "prof.", "sir", "lord", "lady", "dame",
    "mp", "mep", "msp", "congressman", "congresswoman", "councillor", "councilman", "councilwoman", "alderman",
    "sheriff", "constable", "inspector", "superintendent", "commissioner", "marshal", "detective",
})


def is_media_name(text: str) -> bool:
    """Whether a name reads as a news outlet ("Yonhap News Agency", "The War Zone")."""
    return bool(_MEDIA_NAME.search(text))


def strip_determiner(text: str) -> str:
    """Drop a lower-case article; a capitalised one mid-name stays ("The War Zone")."""
    return re.sub(r"^(the|a|an)\s+", "", text.strip())


_MEDIA_HEADS = frozenset({"media", "outlet", "outlets", "newspaper", "broadcaster", "publication"})

#: Descriptions that point back at the outlet last named ("the report said").
MEDIA_DESCRIPTIONS = frozenset({
    "report", "outlet", "newspaper", "broadcaster", "agency", "publication", "network", "channel", "paper",
    "daily", "magazine", "website", "site", "station", "broadcast", "tabloid", "broadsheet",
})


#: Nouns that make a description of a body one of an outlet ("the news agency", "the wire service", "the TV
#: station"): English common knowledge.
_MEDIA_MODIFIERS = frozenset({"news", "wire", "press", "media", "tv", "television", "radio", "cable", "broadcast",
                              "newspaper", "web", "online"})

#: Lower-case words that say what kind of outlet the name after them is ("the newspaper Kurier", "the weekly Der
#: Spiegel", "the business daily Ekonom", "broadcaster ORF"): English common knowledge. Not "agency" or "network",
#: which also name bodies that are no outlet ("the space agency", "the terror network").
OUTLET_DESCRIPTORS = frozenset({
    "newspaper", "paper", "daily", "weekly", "monthly", "tabloid", "broadsheet", "magazine", "journal", "broadcaster",
    "channel", "station", "radio", "television", "website", "portal", "outlet", "publication", "newsletter",
})


def outlet_named(span: Span) -> Span | None:
    """The name of an outlet that a word of its kind stands right before in ``span`` ("the newspaper Kurier" ->
    "Kurier", "the business daily Ekonom" -> "Ekonom"): whatever the recogniser takes the name for (it often
    takes a foreign title for a person's name), the word before it says it is an outlet. Only where the phrase is
    the outlet: in "a story in the daily Kurier" the outlet is where the story ran."""
    doc = span.doc
    for token in span:
        if token.lower_ not in OUTLET_DESCRIPTORS or not token.is_lower:
            continue
        end = token.i + 1
        while end < span.end and doc[end].pos_ == "PROPN" and doc[end].ent_type_ not in ("DATE", "TIME"):
            end += 1  # "Corriere della Sera": a name's lower-case particles inside it
        while end > token.i + 1 and not doc[end - 1].text[:1].isupper():
            end -= 1
        if end == token.i + 1 or not doc[token.i + 1].text[:1].isupper():
            continue
        if any(t.pos_ in ("ADP", "VERB", "AUX", "PUNCT") for t in doc[span.start:token.i]):
            return None  # the name is inside another phrase ("a story in the daily …")
        return doc[token.i + 1:end]
    return None


@dataclass(slots=True)
class _Known:
    name: str
    kind: SourceKind
    words: frozenset[str]  # lower-cased words of every mention, for descriptions
    position: int
    subject: bool = False  # mentioned as a clause subject: what "he" most often points back to
    gender: str | None = None  # "m"/"f" when a title, role noun or first name says so
    quoted: bool = False  # mentioned inside a quotation: not what a pronoun outside it points back to
    sentence_end: int = 0  # of a person described, not named: a pronoun before it is in what they said


#: Actors kept in the order of their position in the report, the earliest remembered first among equals:
#: ``(position, -order, actor)``, so the last entry before a position is the latest actor there.
_ByPosition = list[tuple[int, int, _Known]]


def _said_before(pronoun: Token) -> range:
    """Token positions of what a pronoun speaker said before its cue ("X happened, he said"): the reported clause
    of the pronoun's verb that precedes it (its name cannot be the pronoun, which c-commands it)."""
    verb = pronoun.head
    said = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.i < pronoun.i]
    return range(said[0].left_edge.i, said[0].right_edge.i + 1) if pronoun.dep_ == "nsubj" and said else range(0)


def _adjuncts_of_subject(pronoun: Token) -> list[range]:
    """Token positions of the non-finite adjuncts before a subject pronoun's verb whose understood subject is the
    pronoun ("After meeting Ortega on Tuesday, he said …", "Having spoken to Ortega, he told …"): the adjunct's
    own subject is the pronoun, so a name inside it, which that subject c-commands, cannot be what the pronoun
    means (as "he met Ortega" cannot mean Ortega met himself). A finite adjunct has a subject of its own
    ("Before Ortega arrived, he said …") and may name the pronoun's person."""
    if pronoun.dep_ not in ("nsubj", "nsubjpass"):
        return []
    out = []
    for adjunct in pronoun.head.children:
        if adjunct.i > pronoun.i:
            continue
        if adjunct.dep_ == "prep":  # "after meeting Ortega": the verb is the preposition's complement
            adjunct = next((g for g in adjunct.children if g.dep_ == "pcomp" and g.tag_ == "VBG"), None)
            if adjunct is None:
                continue
        elif adjunct.dep_ != "advcl" or adjunct.pos_ not in ("VERB", "AUX"):
            continue
        if adjunct.tag_ not in ("VBG", "VBN") or any(
                c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") or c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD")
                for c in adjunct.children):
            continue  # a finite clause, with a subject (or a tensed auxiliary) of its own
        out.append(range(adjunct.left_edge.i, adjunct.right_edge.i + 1))
    return out


#: Verbs of asking and nouns for one who asks: in an exchange the next "he said" is the answer, the one asked's.
_ASKING = frozenset({"ask", "question", "inquire", "enquire", "query", "quiz"})
_ASKERS = frozenset({"questioner", "interviewer", "asker", "inquirer", "enquirer", "interrogator"})
#: Endings of English nouns for a person by what they do or are ("engineer", "questioner", "resident", "analyst").
_PERSON_NOUN = re.compile(r"(?<!m)(?:eer|er|or|ist|ian|ant|ent|ee|man|woman|person)$")


def _names_a_thing(ent: Span) -> bool:
    """A one-word name the tagger took for a person that modifies a common noun after an article ("the Merrow
    footbridge", "a Harwick warehouse"): it names the thing, and is no person a later "he" can mean."""
    root = ent.root
    head = root.head
    return len(ent) == 1 and root.dep_ == "compound" and head.tag_ in ("NN", "NNS") and head.i > root.i \
        and any(c.dep_ == "det" and c.i < root.i for c in head.children)


def _introduces_a_person(head: Token) -> bool:
    """Whether an unnamed singular speaker is a person the report brings in ("a plant engineer", "one questioner",
    "a senior official"), whom a later "he said" may mean: an indefinite description with a noun for a person. A
    definite one ("the Florida senator", "the actress") most often describes again a person named before, and
    a thing that "speaks" ("a walk through the offices", "a letter") is no "he" or "she"."""
    indefinite = any(c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "one", "another") for c in head.children)
    noun = head.lower_
    if noun in _ASKERS or head.dep_ == "nsubj" and head.head.lemma_ in _ASKING:
        return False  # "When an NBC reporter asked Trump …, “You tell me,” he said": the one asked answers
    return indefinite and noun not in DOCUMENT_HEADS and (
        noun in ANONYMOUS_HEADS or noun in _GENDERED_WORDS or _PERSON_NOUN.search(noun) is not None)


def _gender_said_of(head: Token) -> str | None:
    """The gender a subject "he" or "she" gives a described speaker when it can only be theirs or is most often
    theirs: in a relative clause on the description ("a plant engineer, who spoke on condition of anonymity
    because he was not authorised …") or as the subject of what the speaker is said to have said ("A resident
    said she had left"). None when no such pronoun, or both, stand there."""
    pronouns = [t for c in head.children if c.dep_ == "relcl" for t in c.subtree]
    if head.dep_ == "nsubj":
        pronouns += [t for c in head.head.children if c.dep_ == "ccomp" for t in c.children]
    said = {_PRONOUN_GENDER[t.lower_] for t in pronouns
            if t.lower_ in ("he", "she") and t.dep_ in ("nsubj", "nsubjpass")}
    return said.pop() if len(said) == 1 else None


def _latest_before(entries: _ByPosition, position: int) -> _Known | None:
    """The actor of ``entries`` at the greatest position before ``position`` (the earliest remembered among equals)."""
    i = bisect_left(entries, (position, -float("inf")))
    return entries[i - 1][2] if i else None


def _may_be(noun: str, known: _Known) -> bool:
    """Whether a body of business named by its kind (``noun``: "the company", "the union") may be ``known``: not
    one whose words name another kind of body ("the ministry", "the union" for "the company"; a bank is a
    company), and a union, club or association only one whose words say so."""
    if known.words & (_OTHER_KINDS | _NO_COMPANIES - {noun}):
        return False
    return noun not in _NO_COMPANIES or noun in known.words


def _recent(entries: _ByPosition, span: Span) -> _Known | None:
    """The latest actor of ``entries`` before ``span``, if it is in the span's sentence or the one before."""
    sent = span.sent
    since = span.doc[sent.start - 1].sent.start if sent.start > 0 else 0
    known = _latest_before(entries, span.start)
    return known if known is not None and known.position >= since else None


@dataclass(slots=True)
class SourceResolver:
    """Resolves source mentions of one report, in reading order.

    Every actor remembered is indexed by what later lookups ask of it
    (position, name, surname, word, the end of an organisation's name), so
    resolving a mention does not walk every actor named before it: a long
    report's cost grows with its length, not its square.
    """

    persons: _ByPosition = field(default_factory=list)
    groups: _ByPosition = field(default_factory=list)
    media: _ByPosition = field(default_factory=list)
    media_names: set[str] = field(default_factory=set)
    plurals: _ByPosition = field(default_factory=list)  # unnamed speakers in the plural ("Officials said …")
    unnamed: dict[str, _ByPosition] = field(default_factory=dict)  # an unnamed speaker by head noun ("a spokeswoman")
    bodies: set[str] = field(default_factory=set)  # names a source was found to be a body by: no "he" or "she"
    speaking_bodies: _ByPosition = field(default_factory=list)  # organisations that spoke, named by no other kind
    _order: int = 0  # actors remembered so far
    _person_names: set[str] = field(default_factory=set)
    _same_name: dict[str, list[_Known]] = field(default_factory=dict)  # persons by name, in the order remembered
    _gendered: dict[str, _Known] = field(default_factory=dict)  # name -> the first person of that name with a gender
    _longest: dict[str, dict[str | None, _Known]] = field(default_factory=dict)  # see _full_person
    _by_word: tuple[dict[str, _ByPosition], dict[str, _ByPosition]] = field(default_factory=lambda: ({}, {}))
    _by_last_word: dict[str, dict[str, _ByPosition]] = field(default_factory=dict)  # see _full_group
    ents: list[Span] = field(default_factory=list)  # the report's entities by start, see _ents_in
    _ent_starts: list[int] = field(default_factory=list)
    quotes: list[tuple[int, int]] = field(default_factory=list)  # character spans of direct quotations, in order
    offices: set[str] = field(default_factory=set)  # names of the offices named so far ("mayor of Valmora")
    _holders: dict[str, _ByPosition] = field(default_factory=dict)  # office → the persons named as its holder

    def observe_entities(self, ents: list[Span], quotes: list[tuple[int, int]] | None = None) -> None:
        """Record every named person and organisation so later mentions can find them.

        ``quotes`` are the character spans of the report's quotations: a name
        inside one is part of what someone said, not a person the narrative
        goes on about.
        """
        self.quotes = sorted(quotes or [])
        self.ents = sorted(ents, key=lambda e: e.start)
        self._ent_starts = [e.start for e in self.ents]
        for ent in ents:
            if ent.label_ == "PERSON" and not is_media_name(ent.text) and not _names_a_thing(ent):
                self._remember_person(_person_name(ent), ent, ent.start)
            elif ent.label_ in ("ORG", "GPE", "NORP"):
                name = strip_determiner(ent.text)
                if len(ent) > 1 and _description_before_name(ent[0], ent[1:].text):
                    name = ent[1:].text  # "Insurer Calvora Group said …": the insurer is Calvora Group
                kind: SourceKind = "state" if ent.label_ == "GPE" else ("media" if is_media_name(name) else "organisation")
                self._add_group(_Known(name, kind, frozenset(w.lower() for w in name.split()), ent.start))

    def observe_described_persons(self, doc: Doc) -> None:
        """Remember each subject that describes a person named before by a role noun that says their gender
        ("The Pope, speaking earlier this week, offered …" after "Pope Francis"): a later "he said" most
        often means that person, not someone named in between. Call after :meth:`observe_entities`."""
        for tok in doc:
            if (tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ in ("NOUN", "PROPN") and not tok.ent_type_
                    and tok.lower_ in _GENDERED_WORDS and not self._quoted(tok.idx)
                    and [c.lower_ for c in tok.children if c.dep_ == "det"] == ["the"]):
                known = _latest_before(self._by_word[0].get(tok.lower_, []), tok.i)  # "the pope": the last one named
                if known is not None and known.kind == "person" and known.gender in (None, _GENDERED_WORDS[tok.lower_]):
                    self._add_person(_Known(known.name, "person", known.words, tok.i, True,
                                            _GENDERED_WORDS[tok.lower_]))

    def _remember_person(self, name: str, span: Span, position: int) -> None:
        words = {t.lower_ for t in span} | {t.lower_ for t in _title_tokens(span) if not _modifies_noun(t)} \
            | _apposition_words(span)
        subject = span.root.dep_ in ("nsubj", "nsubjpass") or span.root.head.dep_ in ("nsubj", "nsubjpass") and span.root.dep_ == "appos"
        gender = _gender(words, name)
        known = _Known(name, "person", frozenset(words), position, subject, gender, self._quoted(span.start_char))
        self._add_person(known)
        office = held_office(span)
        if office is not None:
            insort(self._holders.setdefault(office, []), self._entry(known))

    def _quoted(self, char: int) -> bool:
        i = bisect_right(self.quotes, (char, float("inf"))) - 1
        return i >= 0 and self.quotes[i][0] <= char < self.quotes[i][1]

    def _entry(self, known: _Known) -> tuple[int, int, _Known]:
        self._order += 1
        return known.position, -self._order, known

    def _add_person(self, known: _Known) -> None:
        if known.gender is None:  # what the report said of the same person before ("Mrs. Gluck" … "Gluck")
            first = self._gendered.get(known.name)
            known.gender = first.gender if first is not None else None
        entry = self._entry(known)
        insort(self.persons, entry)
        self._person_names.add(known.name)
        self._same_name.setdefault(known.name, []).append(known)
        if known.gender is not None:
            self._gendered.setdefault(known.name, known)
        for word in known.words:
            insort(self._by_word[0].setdefault(word, []), entry)
        parts = known.name.split()
        if parts:
            longest = self._longest.setdefault(parts[-1].lower(), {})
            for first_name in (None, parts[0].lower()) if len(parts) > 1 else (None,):
                best = longest.get(first_name)
                if best is None or len(parts) > len(best.name.split()):
                    longest[first_name] = known

    def _add_group(self, known: _Known) -> None:
        entry = self._entry(known)
        insort(self.groups, entry)
        if known.kind == "media":
            insort(self.media, entry)
        for word in known.words:
            insort(self._by_word[1].setdefault(word, []), entry)
        if " " in known.name and known.name[:1].isupper():
            last_word = known.name[known.name.rfind(" ") + 1:]
            insort(self._by_last_word.setdefault(last_word, {}).setdefault(known.name, []), entry)

    def resolve(self, span: Span, *, is_media: bool = False) -> Source:
        """The :class:`Source` for a subject, agent or listener span in the text.

        In order: a named person; a pronoun (a person pronoun points back to
        the last person named as a subject, "it" to the last organisation);
        a proper name (a bare surname the NER missed is still a person); a
        definite description of an earlier actor; a document or outlet; else
        an anonymous source described by the phrase itself.
        """
        text, head = span.text.strip(), span.root
        lower, position = head.lower_, span.start

        def source(name: str, kind: SourceKind) -> Source:
            return Source(text, name, kind, span.start_char, span.end_char)

        outlet = outlet_named(span)
        if outlet is not None:  # "the weekly Der Spiegel": an outlet, not the person the recogniser may take it for
            return source(self._full_group(strip_determiner(outlet.text), position), "media")
        ents = self._ents_in(span)
        person = next((e for e in ents if e.label_ == "PERSON" and not is_media_name(e.text)
                       and (e.start <= head.i < e.end or e.root.dep_ == "appos" and e.root.head.i == head.i)), None)
        body = lower in _DESCRIBED_BODIES  # "the operator, Baltline": a body, whatever the name looks like
        if person is not None and not (body and person.root.dep_ == "appos"):
            return source(self._full_person(_person_name(person), position), "person")
        if head.pos_ == "PRON":
            if lower in PRONOUNS_PERSON:
                known = self._antecedent(lower, position, self._quoted(span.start_char),
                                         [_said_before(head), *_adjuncts_of_subject(head)])
                return source(known.name, known.kind) if known else source(text, "person")
            # "it", and "its" of a noun of saying ("stands by its report that …"): the body last named
            known = _latest_before(self.groups, position) if lower in ("it", "its") else None
            if lower == "they":
                known = self._plural_before(span)
            return source(known.name, known.kind) if known else source(text, "generic")
        office = office_of_place(span)
        if office is not None:
            holder = _latest_before(self._holders.get(office, []), position)
            if holder is not None:  # "Oddlin Frusk, the mayor of Valmora, said … Valmora's mayor added": Frusk
                return source(holder.name, "person")
            self.offices.add(office)
            return source(office, OFFICE_KIND)
        named = next((e for e in ents if e.label_ in ("ORG", "GPE", "NORP", "FAC", "PERSON")), None)
        titled = next((e for e in ents if e.label_ == "ORG" and e.start <= head.i < e.end and _titled_name(e)), None)
        if titled is not None:
            return source(self._full_person(_person_name(titled), position), "person")
        named_as = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > head.i
                         and c.right_edge.i < span.end), None) if head.pos_ == "NOUN" else None
        if named_as is None and head.pos_ == "NOUN":  # "the opposition Civic Alliance", the parser making two subjects
            named_as = next((e.root for e in ents if e.start == head.i + 1 and e.end == span.end
                             and e.label_ in ("ORG", "PERSON") and e.root.head.i != head.i), None)
        if named_as is not None:  # "The rail operator, Northway, said": the apposition names what the noun describes
            end = named_as.right_edge.i + 1
            while end > named_as.i + 1 and span.doc[end - 1].is_punct:
                end -= 1
            name_span = span.doc[named_as.left_edge.i:end]
            inner = self.resolve(name_span, is_media=is_media)
            whole = next((e for e in ents if e.start == name_span.start and e.end == name_span.end
                          and e.label_ in ("ORG", "GPE", "NORP")), None)  # "Abbott & Lane", not its first word
            if whole is not None and inner.kind in ("organisation", "media", "state"):
                return source(self._full_group(strip_determiner(whole.text), position), inner.kind)
            if inner.kind != "anonymous":
                return source(inner.name, "organisation" if body and inner.kind == "person" else inner.kind)
        honorific = next((t for t in span if t.i < head.i and t.lower_ in _HONORIFICS), None)
        if honorific is not None and head.pos_ == "PROPN" and all(t.pos_ == "PROPN" for t in span.doc[honorific.i:head.i + 1]):
            # "Mr Cole", whatever the recogniser took "Cole" for: an honorific stands only before a person's name
            name = " ".join(t.text for t in span.doc[honorific.i + 1:head.i + 1])
            return source(self._full_person(name, position), "person")
        # A document or recording noun alone, capitalised by its place or a title-case passage ("Footage
        # claimed to show …", "Video posted online …"), is no name, whatever the tagger made of it.
        bare_noun = lower in DOCUMENT_HEADS and all(t.i == head.i or t.pos_ == "DET" for t in span)
        if not bare_noun and (head.pos_ == "PROPN" or (named is not None and named.root == head)):
            name = proper_name(span) or strip_determiner(named.text if named is not None else _compact(span))
            full = self._full_person(name, position)
            if full != name or name in self._person_names:
                return source(full, "person")  # a surname the NER missed or took for an organisation
            if named is not None and named.label_ == "GPE":
                return source(name, "state")
            name = self._full_group(name, position)
            media = is_media or is_media_name(name) or name.lower() in self.media_names
            return source(name, "media" if media else "organisation")
        described = self._described(span, position) or self._spoken_for(head, position)
        if described is not None:
            return source(described.name, described.kind)
        if lower in DOCUMENT_HEADS:
            return source(strip_determiner(text), "media" if lower in _MEDIA_HEADS else "document")
        return source(strip_determiner(text), "anonymous")

    def _antecedent(self, pronoun: str, position: int, quoted: bool, apart: list[range] | None = None) -> _Known | None:
        """The person a "he" or "she" points back to: of the same gender, the latest named as a subject, else the latest named.

        Outside a quotation, names inside quotations do not count (“[Robert]'s
        playing games,” Page said. He told …: "he" is Page), nor do names in
        what the pronoun is said to have said ("The Bahari Jaya capsized with
        87 on board, he said": not the ship; a speaker would have said "it
        capsized"), nor names in an adjunct whose understood subject is the
        pronoun ("After meeting Ortega, he said"); ``apart`` holds the token
        positions of both. None when no earlier person can
        be meant: an unresolved pronoun is better than a wrong name.
        """
        gender = _PRONOUN_GENDER.get(pronoun)
        known = latest = None
        # back from the pronoun: the first person that fits, unless a later-named one was a subject
        for i in range(bisect_left(self.persons, (position, -float("inf"))) - 1, -1, -1):
            k = self.persons[i][2]
            if any(k.position in r for r in apart or ()) or k.name in self.bodies or position < k.sentence_end:
                continue  # "A Democratic source said he could not answer": "he" is another, named before
            if (quoted or not k.quoted) and (gender is None or k.gender in (None, gender)):
                latest = latest or k
                if k.subject:
                    known = k
                    break
        known = known or latest
        if known is not None and gender is not None and known.gender is None and known.kind == "anonymous":
            known.gender = gender  # a described speaker ("a plant engineer … he said") is no name to share it
        elif known is not None and gender is not None and known.gender is None:
            for k in self._same_name[known.name]:  # the pronoun tells the person's gender from here on
                k.gender = gender
            self._gendered[known.name] = self._same_name[known.name][0]
        return known

    def _plural_before(self, span: Span) -> _Known | None:
        """The unnamed speakers in the plural a "they" in this sentence or the one before points back to
        ("Officials said three deaths may be linked to the heat, but they could not confirm the causes")."""
        return _recent(self.plurals, span)

    def _full_group(self, name: str, position: int) -> str:
        """The fuller name of an organisation named before ("the Times" after "The New York Times")."""
        # candidates share the last word; of each name that ends with this one, its latest mention before here
        fuller = [entries[i - 1] for full, entries in self._by_last_word.get(name[name.rfind(" ") + 1:], {}).items()
                  if full.endswith(" " + name) and (i := bisect_left(entries, (position, -float("inf"))))]
        # the latest, written as the report's sources were ("Valmora Times", not the sentence-initial "The Valmora Times")
        return min(fuller, key=lambda e: (e[2].name.startswith("The "), -e[0], -e[1]))[2].name if fuller else name

    def _ents_in(self, span: Span) -> list[Span]:
        """The entities inside ``span``, as ``span.ents`` gives them.

        ``Span.ents`` rebuilds every entity of the document on each call,
        which made a long report quadratic; a bisect on the entities seen by
        :meth:`observe_entities` is not.
        """
        i = bisect_left(self._ent_starts, span.start)
        found = []
        while i < len(self.ents) and self.ents[i].start < span.end:
            if self.ents[i].end <= span.end:
                found.append(self.ents[i])
            i += 1
        return found

    def _full_person(self, name: str, position: int) -> str:
        """The fullest name of the report sharing this surname (and first name, when given)."""
        parts = name.split()
        if not parts:
            return name
        # the first remembered of the most words, among those of the same surname (and first name, when given:
        # another first name is another person; a bare surname has fewer words than the name)
        longest = self._longest.get(parts[-1].lower(), {}).get(parts[0].lower() if len(parts) > 1 else None)
        return longest.name if longest is not None and len(longest.name.split()) > len(parts) else name

    def _described(self, span: Span, position: int) -> _Known | None:
        """Resolve a definite description ("the minister", "the agency") to the latest actor it fits."""
        first = span[0].lower_
        if first not in ("the", "this", "that") or any(t.pos_ == "PROPN" or t.ent_type_ for t in span):
            return None
        noun = span.root.lower_
        # "the agency", "the news agency" point back at the outlet last named; "the national dam safety agency"
        # names a body of its own kind by its noun modifiers, "the company's website" by its owner
        modifiers = [t for t in span.root.children if t.dep_ in ("compound", "poss")]
        if noun in MEDIA_DESCRIPTIONS and all(t.dep_ == "compound" and t.lower_ in _MEDIA_MODIFIERS for t in modifiers):
            latest = _latest_before(self.media, position)
            if latest is not None:
                return latest
        for by_word in self._by_word:  # persons, then organisations
            latest = _latest_before(by_word.get(noun, []), position)
            if latest is not None:
                return latest
        unnamed = _latest_before(self.unnamed.get(noun, []), position)
        if unnamed is not None and {t.lower_ for t in span.root.children if t.dep_ in ("amod", "compound")} <= unnamed.words:
            return unnamed  # "A spokeswoman for the audit office said … The spokeswoman added": the one who spoke
        if noun in _BY_ITS_KIND and all(t.dep_ == "compound" and t.pos_ == "NOUN" for t in modifiers):
            # "Hydrovalle denied the report. 'We do not recognise these figures,' the company said": a body of
            # business named by its kind ("the company", "the clinic operator": its trade may stand before it) is
            # the one that spoke just before (:attr:`speaking_bodies`), else the one its own sentence names
            return self._business_before(noun, span)
        return None

    def _business_before(self, noun: str, span: Span) -> _Known | None:
        """The organisation "the company" (``noun``) stands for: of those it may mean (:func:`_may_be`), the one
        that spoke in its sentence or the one before, else the latest named before it if that one is named in
        its own sentence ("Hackers stole the records of 1.2 million patients from Kestrel Health, the company
        said") or spoke anywhere before. Another organisation named in between ("Congress") leaves it
        unresolved rather than guessed."""
        recent = _recent(self.speaking_bodies, span)
        if recent is not None and _may_be(noun, recent):
            return recent
        i = bisect_left(self.groups, (span.start, -float("inf")))
        while i > 0:
            i -= 1
            position, _, known = self.groups[i]
            if known.kind != "organisation" or not _may_be(noun, known):
                continue
            spoke = any(k.name == known.name for p, _, k in self.speaking_bodies if p < span.start)
            return known if spoke or position >= span.sent.start else None
        return None

    def _spoken_for(self, head: Token, position: int) -> _Known | None:
        """The body a spokesperson described by its kind speaks for ("a bank spokesman", "the ministry's
        spokeswoman"): the latest body named by that noun ("Lindqvist Bank"), whose position they give; one for a
        body described ("a spokeswoman for the company") speaks for the body that description stands for."""
        if head.lower_ not in SPOKESPERSON_NOUNS:
            return None
        described = next((g for c in head.children if c.dep_ == "prep" and c.lower_ == "for"
                          for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
        if described is not None:
            return self._described(head.doc[described.left_edge.i:described.i + 1], position)
        owner = next((t for t in head.children if t.pos_ == "NOUN" and (t.dep_ == "compound" or t.dep_ == "poss"
                      and any(c.lower_ == "the" for c in t.children))), None)
        if owner is None:
            return None
        named = _latest_before(self._by_word[1].get(owner.lower_, []), position)
        if named is None and owner.lower_ in _BY_ITS_KIND:  # "a company spokesman": the company "the company" means
            return self._business_before(owner.lower_, head.doc[owner.i:owner.i + 1])
        return named

    def note_source(self, source: Source, span: Span) -> None:
        """Remember a resolved source so pronouns and descriptions can point at it."""
        words = frozenset(t.lower_ for t in span)
        if source.kind == OFFICE_KIND and source.name in self.offices:
            # the holder of an office is a person: what a later "she said" or "the mayor said" may point back to
            self._add_person(_Known(source.name, OFFICE_KIND, words, span.start, True, _gender(words, source.name),
                                    self._quoted(span.start_char)))
        elif source.kind == "person":  # a speaker, named or by pronoun, is what the next "he said" most often means
            words = frozenset(t.lower_ for t in span if not _modifies_noun(t)) | {w.lower() for w in source.name.split()}
            self._add_person(_Known(source.name, "person", words, span.start, True, _gender(words, source.name),
                                    self._quoted(span.start_char)))
        elif source.kind in ("organisation", "media", "state"):
            self._add_group(_Known(source.name, source.kind, words, span.start))
            self.bodies.add(source.name)
            if source.kind == "organisation" and not words & _OTHER_KINDS:  # not "the ministry" for "the company"
                insort(self.speaking_bodies, self._entry(_Known(source.name, source.kind, words, span.start)))
            if source.kind == "media":
                self.media_names.add(source.name.lower())
        elif source.kind in ("anonymous", "document") and span.root.tag_ in ("NNS", "NNPS") and span.root.pos_ != "PRON":
            insort(self.plurals, self._entry(_Known(source.name, source.kind, words, span.start)))
        elif source.kind == "anonymous" and span.root.tag_ == "NN":
            owner = next((e for e in self._ents_in(span) if e.label_ == "ORG" and e.root.head.i == span.root.i
                          and not is_media_name(e.text)), None) if span.root.lower_ in SPOKESPERSON_NOUNS else None
            if owner is not None:  # "A Kestrel Health spokesman said …": the body spoke, for "the company" later
                name = strip_determiner(owner.text)
                insort(self.speaking_bodies, self._entry(_Known(name, "organisation", frozenset(name.lower().split()),
                                                                span.start)))
            insort(self.unnamed.setdefault(span.root.lower_, []),
                   self._entry(_Known(source.name, source.kind, words, span.start)))
            if _introduces_a_person(span.root):
                self._add_described_speaker(source, span, words)
        elif source.kind == "anonymous" and span.root.lower_ in _PRONOUN_GENDER:
            # "he said" of a described speaker ("A plant engineer told … “…,” he said"): the latest speaker still
            self._add_described_speaker(source, span, frozenset(source.name.lower().split()),
                                        _PRONOUN_GENDER[span.root.lower_])
        elif source.kind == "document" and span.root.tag_ == "NN" and span.root.lower_ in _BODY_HEADS:
            # "The building firm said … It declined to answer": a body described, not named, is what "it" means
            self._add_group(_Known(source.name, "document", words, span.start))

    def _add_described_speaker(self, source: Source, span: Span, words: frozenset[str],
                               gender: str | None = None) -> None:
        """Remember a person described, not named, who spoke ("a plant engineer told …"): the latest speaker, whom
        a later "he said" or "she said" of that gender (a description that says none fits either) points back to.
        Only among the persons a pronoun looks back at: no name, surname or word of it is a name's."""
        gender = gender or _gender(words, "") or _gender_said_of(span.root)
        known = _Known(source.name, "anonymous", words, span.start, True, gender, self._quoted(span.start_char))
        known.sentence_end = span.sent.end
        insort(self.persons, self._entry(known))


#: Offices a place has one holder of at a time ("the mayor of Valmora", "Ruritania's health minister"): English
#: common knowledge. A spokesman, official or aide is one of many, and stays an unnamed source.
OFFICE_NOUNS = frozenset({
    "mayor", "governor", "president", "premier", "chancellor", "minister", "secretary", "king", "queen", "emir",
    "sultan", "monarch", "sheriff", "prosecutor", "ombudsman", "ambassador", "commissioner", "chief", "mayoress",
})
#: The kind of an office-holder's source: the ledger keys an organisation by its name, as it must key an office
#: ("mayor of Valmora"); a person's source is keyed by a personal name, which an office does not have.
OFFICE_KIND: SourceKind = "organisation"


def office_of_place(span: Span) -> str | None:
    """ "Valmora's mayor", "the mayor of Valmora", "Ruritania's health minister": the office with its place
    ("mayor of Valmora", "health minister of Ruritania"), so every way of writing it names one source.

    Only a definite singular office of a named place (a geopolitical entity) qualifies: "a minister of
    Ruritania" is one of several, and so is "Valmora's former mayor"; "Valmora's officials" are many. The
    office's own modifiers stay, in lower case ("deputy mayor of Valmora" is not the mayor of Valmora).
    """
    return _office(span.root, holder_named=False)


def _office(head: Token, *, holder_named: bool) -> str | None:
    """:func:`office_of_place` of the office noun ``head``; with ``holder_named``, also where a name stands in
    apposition to it ("Valmora's mayor, Oddlin Frusk": the office Frusk holds)."""
    if head.lower_ not in OFFICE_NOUNS or head.tag_ not in ("NN", "NNP") or head.ent_type_ == "PERSON":
        return None
    children = list(head.children)
    if any(c.dep_ in ("det", "predet", "nummod") and c.lower_ not in ("the",) for c in children):
        return None  # "a minister of Ruritania", "one mayor", "this mayor"
    if not holder_named and any(c.dep_ == "appos" for c in children):
        return None  # "Valmora's mayor, Oddlin Frusk": the person is named
    if any(c.lower_ in ("former", "ex") for c in children):
        return None  # "Valmora's former mayor": one of the office's past holders, not its holder
    place = next((c for c in children if c.dep_ == "poss" and _named_place(c)), None)
    if place is None:
        place = next((g for c in children if c.dep_ == "prep" and c.lower_ == "of" and c.i > head.i
                      for g in c.children if g.dep_ == "pobj" and _named_place(g)), None)
    if place is None:
        return None
    doc = head.doc
    place_words = [t for t in doc[place.left_edge.i:place.i + 1] if t.pos_ == "PROPN"]
    if any(t.pos_ not in ("PROPN", "DET", "PART") for t in doc[place.left_edge.i:place.i + 1]):
        return None  # "the mayor of the flooded Valmora district": not a place's name alone
    modifiers = [c for c in children if c.i < head.i and c.dep_ in ("compound", "amod") and c.pos_ != "PROPN"]
    office = [t.lower_ for m in modifiers for t in doc[m.left_edge.i:m.i + 1] if not t.is_punct] + [head.lower_]
    return f"{' '.join(office)} of {' '.join(t.text for t in place_words)}"


def held_office(name: Span) -> str | None:
    """The office of a place a person's name is set beside: "Valmora's mayor, Oddlin Frusk" and "Oddlin Frusk,
    the mayor of Valmora" both say that Frusk is the mayor of Valmora."""
    root = name.root
    if root.dep_ == "appos":
        office = _office(root.head, holder_named=True)
        if office is not None:
            return office
    return next((o for c in root.children if c.dep_ == "appos" and (o := _office(c, holder_named=True))), None)


def _named_place(token: Token) -> bool:
    """A proper name an office can be of: a place or a body ("Valmora", "New Valmora", "Ruritania"), not a person
    the recogniser is sure of by its first name ("Oddlin Frusk's secretary" is an aide, not an office of a place)."""
    if token.pos_ != "PROPN" or not (token.is_title or token.is_upper) \
            or token.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"):
        return False
    return not (token.ent_type_ == "PERSON" and token.ent_iob_ == "I")


#: Lower-case words inside a name between two capitalised ones ("Corriere della Sera", "Ludwig van Beethoven"):
#: the particles of European names, common knowledge.
NAME_PARTICLES = frozenset({"della", "dello", "delle", "degli", "del", "dei", "di", "da", "de", "du", "des", "van",
                            "von", "der", "den", "la", "le", "y", "do", "dos", "das", "al", "el", "bin", "ibn"})


def proper_name(span: Span) -> str | None:
    """The capitalised name at the end of a phrase ("South Korean television network TV Chosun" -> "TV Chosun").

    None when the phrase's head is a common noun ("Yoon's office"): the
    whole phrase is then the name.
    """
    head = span.root
    if not head.text[:1].isupper():
        return None
    doc = span.doc

    def named(token: Token) -> bool:
        return token.text[:1].isupper() and not token.is_punct and token.pos_ in ("PROPN", "NOUN", "DET", "ADJ") \
            and token.ent_type_ != "NORP"

    def numeral(i: int) -> bool:  # a number inside a name ("Channel 4 News"), between two of its words
        return doc[i].like_num and doc[i].ent_iob_ == "I" and i - 1 >= span.start and named(doc[i - 1])

    def plural_possessive(i: int) -> bool:  # "Finance Workers' Union", "the Junior Doctors' Committee"
        return doc[i].text in ("'", "’") and doc[i].tag_ == "POS" and i - 1 >= span.start and named(doc[i - 1]) \
            and doc[i - 1].text.endswith("s")

    def particle(i: int) -> bool:  # "Corriere della Sera", "Gazzetta dello Sport": a name's lower-case particle
        return doc[i].lower_ in NAME_PARTICLES and doc[i].is_lower and i - 1 >= span.start and named(doc[i - 1])

    def joined(i: int) -> bool:  # "Health and Safety Executive", "Procter & Gamble": one name, as the recogniser has it
        return doc[i].lower_ in ("and", "&") and doc[i].ent_iob_ == "I" and i - 1 >= span.start and named(doc[i - 1])

    start = head.i
    while start - 1 >= span.start and (named(doc[start - 1]) or numeral(start - 1) or plural_possessive(start - 1)
                                       or particle(start - 1) or joined(start - 1)):
        start -= 1
    if start < head.i and _description_before_name(doc[start], doc[start + 1:head.i + 1].text):
        start += 1
    if doc[start].pos_ == "DET" and start == span.start and doc[start].is_sent_start:
        start += 1  # "The NIS said" at the start of a sentence: "The" is not part of the name
    end = head.i + 1
    while end < span.end and doc[end].like_num and doc[end].ent_iob_ == "I" and doc[end].head.i == head.i:
        end += 1  # "BBC Radio 4"
    while end + 1 < span.end and joined(end) and named(doc[end + 1]) and doc[end + 1].ent_iob_ == "I":
        end += 2  # "Procter & Gamble", whose head the parser makes its first word
    # "Ministry of Defence", "Office for National Statistics": the recogniser's name runs on past its head's "of"
    while end + 1 < span.end and doc[end].lower_ in ("of", "for") and doc[end].ent_iob_ == "I" \
            and named(doc[end + 1]) and doc[end + 1].ent_iob_ == "I":
        end += 2
        while end < span.end and named(doc[end]) and doc[end].ent_iob_ == "I":
            end += 1
    return doc[start:end].text


def _description_before_name(word: Token, name: str) -> bool:
    """ "Carmaker Norvik is recalling …" then "Norvik said …": a word the sentence's start capitalises before a name
    the report also gives without it says what the body is (news writing's "Carmaker", "Insurer", "Retailer"): one
    of the English nouns of the lemmatizer (WordNet's). Titles stay with the name (the resolver reads them), and so
    does the first word of a person's name ("Walker Evans" … "Evans", either taken for a person)."""
    from claimledger.extract.nlp import common_nouns  # here, not at the top: the ledger reads this module's words

    if not word.is_title or word.ent_type_ == "PERSON" or word.lower_ in TITLE_WORDS \
            or word.lower_ not in common_nouns():
        return False
    doc = word.doc
    if not (word.is_sent_start or word.i == 0 or doc[word.i - 1].text in ("-", "\u2013", "\u2014", ":")):
        return False
    alone = re.compile(rf"(?<![\w-])(?<!{re.escape(word.text)} ){re.escape(name)}(?![\w-])")
    return alone.search(doc.text) is not None and not any(e.label_ == "PERSON" and e.text == name for e in doc.ents)


def _titled_name(ent: Span) -> bool:
    """A name the recogniser took for an organisation but a role noun in lower case or an honorific puts a
    person behind ("commission chairwoman Lidia Marr", "alliance leader Irena Vosk", "Dr. Ana Ruiz"), before it
    or as its first word ("Mr Cole" taken whole for an organisation)."""
    if len(ent) < 2 or is_media_name(ent.text) or not all(t.pos_ == "PROPN" and t.is_title for t in ent):
        return False
    if ent[0].lower_ in _HONORIFICS:
        return True
    if ent.start == 0:
        return False
    before = ent.doc[ent.start - 1]
    word = before.lower_
    return (before.is_lower and (word in TITLE_WORDS or word in _GENDERED_WORDS)) or word in _HONORIFICS


#: Honorifics that only ever stand before a person's name.
_HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "dame"})


def _person_name(ent: Span) -> str:
    """A PERSON entity without leading titles or possessive ("Lt Gen Kyrylo Budanov" -> "Kyrylo Budanov"); a title
    word that ends it after the name is the surname (:func:`title_ends_name`: "Ravi Sen", "John Major")."""
    tokens = [t for t in ent if t.tag_ != "POS" and t.text not in ("'s", "’s")]
    surname = None
    if len(tokens) > 1 and tokens[-1].lower_ in TITLE_WORDS:
        before: list[str] = []
        for t in reversed(tokens[:-1]):
            acronym = t.text.isupper() and len(t.text.rstrip(".")) > 1  # "NATO", "U.S.": no part of a name
            if t.lower_ in TITLE_WORDS or not t.text[:1].isupper() or acronym:
                break
            before.insert(0, t.text)
        if title_ends_name(before, tokens[-1].text, TITLE_WORDS):
            surname = tokens[-1]
    tokens = [t for t in tokens if t.lower_ not in TITLE_WORDS or t is surname]
    return " ".join(t.text for t in tokens).strip() or ent.text


def _gender(words: set[str] | frozenset[str], name: str) -> str | None:
    """A person's gender from their titles and role nouns, else from their first name; None when neither tells."""
    said = {_GENDERED_WORDS[w] for w in words if w in _GENDERED_WORDS}
    if len(said) == 1:
        return said.pop()
    parts = name.split()
    return first_name_genders().get(parts[0].lower()) if len(parts) > 1 and not said else None


def _apposition_words(ent: Span) -> set[str]:
    """The words of a role noun in apposition to a name ("Gluck, a spokeswoman for …")."""
    return {c.lower_ for c in ent.root.children if c.dep_ == "appos" and c.pos_ == "NOUN"}


def _modifies_noun(token: Token) -> bool:
    """A noun modifying a common noun of a description ("hospital" in "hospital director Karin Vogt", "company" in
    "the company's operations director, Martin Keel"): it names where the person works, not the person, so "the
    hospital" or "the company" later is that body, not its director."""
    return token.dep_ in ("compound", "poss") and token.pos_ in ("NOUN", "PROPN") and token.head.pos_ == "NOUN"


def _title_tokens(ent: Span) -> list[Token]:
    """Title words right before a name ("Foreign Minister Kim") count as its description."""
    doc = ent.doc
    out, i = [], ent.start - 1
    while i >= 0 and (doc[i].lower_ in TITLE_WORDS or doc[i].dep_ in ("compound", "amod")) and i >= ent.start - 6:
        out.append(doc[i])
        i -= 1
    return out


def _compact(span: Span) -> str:
    """A proper-noun source without appositions or relative clauses."""
    root = span.root
    tokens = [t for t in span if t.i <= root.i or (t.head == root and t.dep_ in ("compound", "flat"))]
    return " ".join(t.text for t in tokens if t.dep_ != "punct")
