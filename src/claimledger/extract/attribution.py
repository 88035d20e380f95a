"""Attributions: who said what in one report, read off the dependency parse.

Each reported statement is found from its cue and read into source, cue
and content:

* a verb cue with a clause, object or quotation: "X said (that) …",
  "…, X said", "X denied …", "X told Y …", "X put the number at …",
  "X was quoted as saying …", passives ("… was denied by X");
* "according to X, …" and nominal cues ("claims by X that …");
* quotations that continue a speaker without a cue of their own.

Channels go into ``via``: the listener of "told The War Zone", the
reporter of "Newsweek reported, citing TV Chosun", an outer "according to
Y" or "…, Y reported" around another statement.
"""
from __future__ import annotations

import json
import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field, replace
from importlib import resources
from itertools import accumulate

from spacy.tokens import Doc, Span, Token

from claimledger.extract.cues import (
    COMMENT,
    CONFIRM,
    DENY,
    DISCLOSE,
    EXISTENCE_DETERMINERS,
    NON_SOURCE_HEADS,
    NOUN_CUES,
    REFUSE,
    SPEECH,
    STATEMENT_ANAPHORS,
    TALLY_NOUNS,
    TOLD_NOUNS,
    cue_probability,
    frame_evidence,
)
from claimledger.extract.quotes import Quote, find_quotes
from claimledger.extract.sources import (
    ANONYMOUS_HEADS,
    is_media_name,
    outlet_named,
    DOCUMENT_HEADS,
    MEDIA_DESCRIPTIONS,
    PRONOUNS_GROUP,
    PRONOUNS_PERSON,
    TITLE_WORDS,
    SourceResolver,
    strip_determiner,
)
from claimledger.extract.stance import (
    asked_adjunct,
    asked_word,
    calls_false,
    content_stance,
    cue_stance,
    is_negated,
    names_a_statement,
    put_question,
    refuses,
    relative_claim,
    shifted_denial,
    stance_of,
    writer_distance,
)
from claimledger.records import Attribution, QuoteKind, Source

#: Cues that take what is said as a direct object or prepositional object.
_OBJECT_CUES = DENY | CONFIRM | COMMENT | frozenset({
    "announce", "report", "claim", "allege", "demand", "call", "put", "accuse", "acknowledge", "admit",
    "reveal", "disclose", "confirm", "predict", "estimate", "warn", "question", "dispute", "propose",
    "promise", "pledge", "vow", "urge", "describe", "label", "detect",
}) - {"cite"}
#: Cues whose stance the ledger needs: judged by the frame-count rule and the core lexicon, never dropped by the model.
_STANCE_CORE = DENY | CONFIRM | COMMENT | frozenset({"accuse", "allege"})
#: Verbs of permission and will that, negated, leave the act under them undone ("was not authorized to discuss
#: the matter", "did not want to talk about it"): English common knowledge. Not "fail" or "hesitate", whose
#: negation means the act was done.
_UNDONE_WHEN_DENIED = frozenset({"authorize", "authorise", "allow", "permit", "want", "wish", "intend", "plan",
                                 "dare", "mean", "empower", "clear"})
#: Subjects that stand for a source only with the strongest speech verbs.
_STRONG_SPEECH = frozenset({
    "say", "tell", "add", "claim", "allege", "deny", "report", "announce", "state", "write", "warn", "insist",
    "argue", "assert", "maintain", "declare", "confirm", "acknowledge", "admit", "reveal", "note", "explain",
    "tweet", "post", "testify", "respond", "reply", "comment", "posit",
})
_LISTENER_VERBS = frozenset({"tell", "speak", "talk", "say", "write", "confirm", "explain"})
_NON_CHANNEL_LISTENERS = frozenset({
    "reporters", "journalists", "lawmakers", "parliament", "audience", "crowd", "supporters", "people",
    "me", "us", "him", "her", "them", "colleagues", "viewers", "readers", "listeners", "students",
})
#: Subjects of speech verbs that are figures of speech, not speakers.
_NEVER_SPEAKERS = frozenset({"time", "history", "evidence", "nothing", "everything", "anything", "something"})
#: Bodies that hear statements without relaying them to the press.
_AUDIENCES = frozenset({
    "council", "committee", "parliament", "congress", "senate", "court", "assembly", "commission", "cabinet",
    "summit", "conference", "meeting", "hearing", "panel", "board", "house", "chamber", "legislature",
})
#: Occasions a statement is made to an outlet in ("in an interview with Y").
_INTERVIEW_NOUNS = frozenset({"interview", "statement", "email", "e-mail", "post", "op-ed", "article", "appearance", "podcast"})
#: Verbs of "as reported by Y", "as Y wrote".
_AS_REPORTED = frozenset({"report", "write", "say", "note", "reveal", "tell", "claim", "state", "tweet", "post"})
#: Verbs that hold an answer as their object: "had no comment", "offered no response".
_HAVING = frozenset({"have", "offer", "give", "provide", "issue"})
_ANSWER_NOUNS = frozenset({"comment", "response", "reply", "answer"})
#: What a reporter leaves for a source, which "did not return" leaves unanswered ("did not return calls for
#: comment", "did not immediately return a request for comment"): English common knowledge of news prose.
_ASKING_NOUNS = frozenset({"call", "message", "email", "e-mail", "request", "inquiry", "enquiry", "query", "text",
                           "voicemail"})
_PREP_CUE_PREPS = frozenset({"on", "about", "of", "over", "for", "against", "at"})
_LEARNED_MIN = 0.5  # a combination outside the core needs annotators to agree half the time
_CORE_MIN = 0.15  # the core is dropped only where annotators almost never took it as a cue
_LEARNED_MIN_SEEN = 5
_CONTINUATION_MIN_WORDS = 4
_CONTINUATION_MIN_SHARE = 0.6  # of its sentence a quotation must fill to continue a speaker


@dataclass(slots=True)
class _Found:
    cue: Token
    cue_lemma: str
    source_span: Span | None
    content: tuple[int, int]  # character span
    frame: str
    sentence: Span
    via: list[str] = field(default_factory=list)
    source: Source | None = None
    stance_from: Token | None = None  # the token whose stance counts, if not the cue
    relay: Span | None = None  # an outlet the cue itself names as passing the words on ("Y quotes X as saying")
    governs: Token | None = None  # for "according to": the verb of the clause it hangs on
    mention: Token | None = None  # a relative pronoun that is the clause's subject ("X, who said"): the speaker's mention


def find_attributions(doc: Doc) -> list[Attribution]:
    """Every reported statement in ``doc``, in reading order."""
    text = doc.text  # spaCy joins every token anew on each access: read it once
    quotes = find_quotes(text)
    found = [f for f in cue_candidates(doc, quotes) if accept_cue(f, quotes) and not _speaker_in_own_quote(f, quotes)]
    resolver = SourceResolver()
    resolver.observe_entities(list(doc.ents), [(q.start, q.end) for q in quotes])
    resolver.observe_described_persons(doc)
    for f in found:
        f.source_span = _after_closed_quotation(f.source_span, quotes)
    found = [f for f in found if _resolve_source(f, resolver)]
    # "published a story on the remarks" names the piece, not what it says; its publisher, resolved above, is
    # still an outlet a later "the newspaper" can point back to
    found = [f for f in found if not (f.frame == "dobj" and f.cue_lemma in _PUBLISHING
                                      and _bare_piece(next(c for c in f.cue.children if c.dep_ == "dobj")))]
    found = _without_borrowed_quotations(found)
    found = _according_as_channel(found)
    cues = {f.cue.i for f in found}
    found = [f for f in found if not (f.cue_lemma == "cite" and (f.cue.head.i in cues and f.cue.head.i != f.cue.i or
                                                               _reporters_citing(f.cue) and f.cue.head.dep_ == "ccomp"
                                                               and f.cue.head.head.i in cues))]
    found = _cited_in_relative_clause(found, resolver)
    found = _without_reported_refusals(found)
    _closing_frames(found)
    _nest_channels(found)
    attributions = _without_doubled_frames([_build(f, doc, text, quotes) for f in found])
    attributions = [a for a in attributions if a.content.strip()]
    attributions += _continuations(doc, text, quotes, attributions, resolver)
    attributions.sort(key=lambda a: (a.content_start, a.cue_start))
    return attributions


def _after_closed_quotation(span: Span | None, quotes: list[Quote]) -> Span | None:
    """A speaker's phrase starts after a quotation that opens before it and closes inside it: "“…, I hold in the
    highest esteem Sen. Ada Brenner,” Okafor said" is Okafor's saying, where the parse runs the subject back into the
    quoted words. A quotation that opens inside the phrase ("Ada Brenner, host of “The Quay,”") is part of it."""
    if span is None:
        return span
    closing = max((q.end for q in quotes if q.start < span.start_char <= q.end < span.end_char), default=None)
    if closing is None:
        return span
    rest = [t for t in span if t.idx > closing and not t.is_punct]
    if not rest:
        return span
    return span.doc[rest[0].i:span.end]


def _without_borrowed_quotations(found: list[_Found]) -> list[_Found]:
    """A quotation that cues take only by standing in its sentence is not the words of a cue in an adverbial clause
    ("as …", "after …") that does not hold it, when a cue outside that clause reports it. "As the crowd began to
    chant, Silverman joked, “…”": Silverman's joke, not the crowd's chant; "“…,” he wrote after the Times published
    a story": his writing, not the Times' story."""
    def adverbial(cue: Token) -> Token | None:
        token = cue
        while token.head.i != token.i:
            if token.dep_ == "advcl" and any(c.dep_ == "mark" for c in token.children):
                return token
            token = token.head
        return None

    def borrowed(f: _Found) -> bool:
        clause = adverbial(f.cue) if f.frame == "quote" else None
        if clause is None or clause.left_edge.idx <= f.content[0] < clause.right_edge.idx:
            return False
        return any(g is not f and f.content[0] <= g.content[0] < g.content[1] <= f.content[1]
                   and not clause.left_edge.i <= g.cue.i <= clause.right_edge.i for g in found)

    return [f for f in found if not borrowed(f)]


def _cited_in_relative_clause(found: list[_Found], resolver: SourceResolver) -> list[_Found]:
    """ "according to the newspaper Kurier, which cited three workers": the workers speak, through the paper.

    A relative clause of citing on a statement's source says where that source had it from: it is the channel
    of the statement, not a statement whose content is whom it cited. What is cited as evidence ("which cited
    police data") leaves the source as it was.
    """
    dropped: set[int] = set()
    for f in found:
        if f.cue_lemma != "cite" or f.cue.dep_ != "relcl" or f.mention is None:
            continue
        owner = next((g for g in found if g is not f and g.source is not None and g.source_span is not None
                      and g.source_span.start <= f.cue.head.i < g.source_span.end), None)
        if owner is None:
            continue
        dropped.add(f.cue.i)
        cited = next((c for c in f.cue.children if c.dep_ == "dobj"), None)
        if cited is None or not (cited.pos_ == "PROPN" or cited.lower_ not in _EVIDENCE):
            continue
        owner.via.insert(0, owner.source.name)
        owner.source = resolver.resolve(_np(cited))
        resolver.note_source(owner.source, _np(cited))
    return [f for f in found if f.cue.i not in dropped]


#: Pronouns by which a speaker reports its own non-answer ("said it could not confirm", "said we cannot confirm").
_SELF_PRONOUNS = frozenset({"it", "we", "i"})
#: Nouns of those who speak for a body ("a Korvel spokeswoman said the company could not confirm"): the body's
#: non-answer is what they give (English common knowledge).
_SPEAKERS_FOR = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "spokespersons", "representative"})


def _without_reported_refusals(found: list[_Found]) -> list[_Found]:
    """One statement for a refusal to answer, however it is reported.

    "X declined to comment on Y" says one thing, that X has no comment on Y: the refusal ("declined") and the
    answer refused ("comment") are one statement, kept as the answer's. "A spokeswoman said the company could
    not confirm Y" gives the company's non-answer through its spokeswoman, and "the agency said it could not
    confirm Y" the agency's own: the saying adds no statement beside the non-answer ("could not confirm Y",
    "declined to comment on Y"), which stands alone. A report of someone else's non-answer ("a source said he
    could not answer the questions") is a statement of its own, and both stay.
    """
    by_cue = {f.cue.i: f for f in found}
    dropped: set[int] = set()
    for f in found:
        answer = _refused_answer(f.cue)
        if answer is not None and answer.i in by_cue:
            dropped.add(f.cue.i)
    for f in found:
        if f.frame != "ccomp" or f.cue_lemma in DENY | CONFIRM | COMMENT or f.cue.i in dropped or f.source is None:
            continue
        clauses = [c for c in f.cue.children if c.dep_ == "ccomp"]
        inner = [by_cue[c.i] for c in clauses if c.i in by_cue]
        if len(clauses) != 1 or not inner or inner[0].source is None \
                or cue_stance(inner[0].cue) not in ("cannot_confirm", "no_comment"):
            continue
        reported = inner[0]
        subject = reported.source_span.root if reported.source_span is not None else None
        if subject is not None and subject.lower_ in _SELF_PRONOUNS or reported.source.name == f.source.name:
            reported.source = f.source  # "the agency said it could not confirm": "it" is the agency, named as such
        elif reported.source.name != f.source.name and not (
                f.source_span is not None and f.source_span.root.lower_ in _SPEAKERS_FOR
                and subject is not None and subject.pos_ != "PRON"):
            continue  # "a source said he could not answer": a report of someone else's non-answer is a statement too
        dropped.add(f.cue.i)
    return [f for f in found if f.cue.i not in dropped]


def _without_doubled_frames(attributions: list[Attribution]) -> list[Attribution]:
    """Drop a statement whose content holds another statement of the same speaker, cue and all.

    "“It's a win-win,” said Bermudez, an expert, said." gives the second "said" a content of
    "It's a win-win,” said": the same words, from the same start, that the first statement
    already holds. A report of someone else's statement ("X said Y said Z") keeps both, and so
    does a speaker's own nested one ("said he did not recall the pope saying that").
    Statements are compared within their sentence only.
    """
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for i, a in enumerate(attributions):
        by_sentence[a.start].append(i)
    doubled = set()
    for members in by_sentence.values():
        for i in members:
            a = attributions[i]
            if a.source is None:
                continue
            for j in members:
                b = attributions[j]
                if j != i and b.source is not None and b.source.name == a.source.name \
                        and a.content_start <= b.cue_start < a.content_end \
                        and abs(b.content_start - a.content_start) <= 1 and b.content_end <= a.content_end:
                    doubled.add(i)
                    break
    return [a for i, a in enumerate(attributions) if i not in doubled]


# Candidates -----------------------------------------------------------------


def cue_candidates(doc: Doc, quotes: list[Quote] | None = None) -> list[_Found]:
    """Every token that could cue a statement, with its frame and content, before any cue is judged.

    ``scripts/train_cues.py`` counts these against PolNeAR to learn which
    lemma and frame pairs annotators take as cues.
    """
    quotes = find_quotes(doc.text) if quotes is None else quotes
    found: list[_Found] = []
    for sent in doc.sents:
        near = _quotes_near(sent, quotes)
        for token in sent:
            if _after_value_set_aside(token):
                continue
            candidate = _according_candidate(token, sent) or _as_reported_candidate(token, sent) \
                or _no_comment_candidate(token, sent) or colon_candidate(token, sent) \
                or _verb_candidate(token, sent, near) or _noun_candidate(token, sent)
            if candidate is not None and (not found or found[-1].cue.i != candidate.cue.i):
                found.append(candidate)
    return found


def _verb_candidate(token: Token, sent: Span, quotes: list[Quote]) -> _Found | None:
    if token.pos_ not in ("VERB", "AUX") or token.tag_ == "MD":
        return None
    lemma = token.lemma_.lower()
    if lemma in SPEECH and token.dep_ == "pcomp" and token.head.lower_ == "as" and token.head.head.lemma_ in _QUOTING:
        return None  # the "saying" of "quoted as saying" belongs to "quoted"
    if getattr(asked_adjunct(token.head), "i", None) == token.i and not any(c.dep_ == "agent" for c in token.children) \
            and put_question(token.head) is not None and cue_stance(token.head) == "no_comment":
        # "Asked whether …, Shah would not say": a question put to the speaker, not said by them, is what their
        # non-answer leaves unanswered, and is recorded there. One whose asker is named ("When pressed by Holt
        # about …") is the asker's
        return None
    saying = _quoted_as_saying(token) if lemma in _QUOTING else None
    if lemma == "quote" or saying is not None:
        # "X was quoted as saying …", "the article cited X as telling …": the cue is the verb of saying, X the speaker
        if saying is None:
            return None
        lemma = saying.lemma_.lower()
    if _complementizer_as_object(token):
        return None  # "told radio that the ferry had been listing": the clause of another cue, with no object
    frame, content = _complement(token, sent, quotes)
    if frame is None:
        return None
    if lemma in _ASKING_FOR and _ANONYMITY.match(sent.doc.text[content[0]:content[1]]):
        return None  # "who asked not to be named", "requested anonymity to discuss …": the terms of speaking
    if frame == "dobj" and lemma in _ASKING_FOR | _WITHDRAWING \
            and _amount(next(c for c in token.children if c.dep_ == "dobj")):
        return None  # "demanded 5 million euros", "is recalling 120,000 cars": asks for a sum, takes goods back
    if saying is not None:
        return _quote_candidate(token, lemma, content, frame, sent)
    speaker, mention = _subject_mention(token)
    return _Found(token, lemma, speaker, content, frame, sent, mention=mention)


def _complementizer_as_object(verb: Token) -> bool:
    """Does the parser give the clause verb of a "that" clause the "that" as its object ("told local radio that the
    ferry had been listing": "that" the object of "listing")? Before the verb's subject, in the complement clause
    of another verb, "that" introduces the clause; a relative "that" ("a claim that his agent denied") is no
    complement clause."""
    if verb.dep_ != "ccomp":
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
    return subject is not None and any(c.dep_ == "dobj" and c.lower_ == "that" and c.i < subject.i
                                       for c in verb.children)


#: Verbs that ask for what their object names: with a clause ("demanded that …") they state a demand, with a sum
#: ("demanded 5 million euros", "asked for $2 billion") they name what is asked for, not anything said.
_ASKING_FOR = frozenset({"demand", "ask", "request", "seek"})
#: What a source asks for to speak at all ("not to be named", "anonymity"): news writing's formula, never a statement.
_ANONYMITY = re.compile(r"^(?:not to be (?:named|identified|quoted by name)|anonymity|that (?:his|her|their) name"
                        r" (?:not|be withheld)|to remain anonymous)\b", re.I)
#: Verbs of saying that, with a count of things as object, take goods back instead ("recalled 120,000 cars" as
#: against "recalled the night of the fire"): English common knowledge.
_WITHDRAWING = frozenset({"recall"})


#: Verbs of putting out a piece of writing, and the pieces (English common knowledge): with the piece as object
#: ("did not publish a story on the remarks", "wrote a letter") the verb names the piece; what it says comes in a
#: clause or a quotation, if at all. A recording or a picture put out ("published the cellphone video") is left
#: alone: it shows what happened, as the outlet's own evidence (PolNeAR's annotators mark it as the outlet's).
_PUBLISHING = frozenset({"publish", "post", "print", "release", "run", "issue", "write", "tweet"})
_PIECES = frozenset({
    "story", "article", "report", "piece", "editorial", "column", "op-ed", "letter", "book", "paper", "study",
    "post", "tweet", "statement", "feature", "series", "transcript", "obituary", "blog", "interview",
})


def _bare_piece(noun: Token) -> bool:
    """A piece of writing with nothing said of what it says ("a story on the remarks"; not "a
    statement saying …", "a report that …")."""
    return noun.lemma_.lower() in _PIECES and not any(c.dep_ in ("acl", "relcl", "ccomp") for c in noun.children)


def _amount(noun: Token) -> bool:
    """A sum or a count: "5 million euros", "$2 billion", "a ransom of 5 million euros"."""
    if noun.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL") or any(c.dep_ == "nummod" for c in noun.children):
        return True
    return any(g.ent_type_ == "MONEY" for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children)


#: Page labels of editorial common knowledge, never a line's speaker ("Update: …", "Note: …", "PHOTOS: …",
#: "BREAKING: …"); hand-written. Every other label word and the size limits are fitted (``COLON_GATES``).
COLON_PAGE_LABELS = frozenset({
    "note", "notes", "editor", "editors", "update", "updated", "updates", "correction", "corrections", "clarification",
    "photo", "photos", "video", "videos", "watch", "read", "related", "advertisement", "breaking", "byline",
})
_SPEAKING_NOUNS = ANONYMOUS_HEADS | DOCUMENT_HEADS | TITLE_WORDS
_COLON_PLACES = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


@dataclass(frozen=True)
class ColonGates:
    """The size limits and label words of the colon frame."""

    labels: frozenset[str]  # a first or last word before the colon that labels the line
    min_content_words: int  # "Clinton: 1,769." is a tally, "Carson: A miracle." a column's verdict
    max_words: int  # of the speaker
    max_line_words: int  # before the colon, with a phrase after the speaker ("X at RNC", "X on Hillary's transcripts")


def _fitted_colon_gates() -> ColonGates:
    """The gates fitted by ``scripts/fit_colon_frame.py`` on PolNeAR train (``data/colon_frame.json``), plus the page labels."""
    data = json.loads(resources.files("claimledger.extract").joinpath("data/colon_frame.json").read_text("utf-8"))
    return ColonGates(COLON_PAGE_LABELS | frozenset(data["labels"]), int(data["min_content_words"]), int(data["max_words"]),
                      int(data["max_line_words"]))


COLON_GATES = _fitted_colon_gates()


def colon_candidate(token: Token, sent: Span, gates: ColonGates | None = None) -> _Found | None:
    """ "Pence: Gennifer Flowers Won't Be at Debate", "WALLACE: Let's start …": a speaker, a colon, the words.

    Only at the start of a line, and only where what stands before the
    colon is a short noun phrase that can speak (a name, an all-caps
    transcript name, a title noun): never a dateline place, a time, a
    number or a label ("Note:", "UPDATE:", "Photo:"). What follows, to the
    end of the line, is the content. ``gates`` (the shipped ones by
    default) set the label words and size limits.
    """
    if token.text not in (":", "):") or token.i == sent.start:  # "Rep. Trey Gowdy (R-S.C.):" ends in one token
        return None
    gates = gates or COLON_GATES
    doc = token.doc
    line_start, line_end = _line_bounds(token)
    first = sent.start
    while first > 0 and doc[first - 1].idx >= line_start:
        first -= 1
    if _text_between(doc, line_start, doc[first].idx).strip():
        return None
    before = doc[first:token.i]
    if not len(before) or sum(not t.is_punct for t in before) > gates.max_line_words or any(":" in t.text for t in before):
        return None
    if any("<" in t.text or ">" in t.text or "@" in t.text for t in before):
        return None  # markup or a handle
    cut = next((t.i for t in before[1:] if t.text == "(" or t.pos_ == "ADP"), token.i)  # "Rep. X (R-S.C.)", "X at RNC"
    while first < cut and doc[first].is_punct:
        first += 1  # an opening quotation mark
    speaker = doc[first:cut]
    words = [t for t in speaker if not t.is_punct]
    if not words or len(words) > gates.max_words:
        return None
    if any(t.like_num or t.ent_type_ in _COLON_PLACES for t in words):
        return None
    if words[0].lower_ in gates.labels or words[-1].lower_ in gates.labels or len(words) == 1 == len(words[0].text):
        # a label, or an interview's "Q:"/"A:", whose speaker the line does not name
        return None
    if any(t.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "ADV", "ADP") or t.tag_ in ("WDT", "WP", "WRB") for t in words):
        return None
    named = any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP") for t in words)
    capitals = all(t.is_upper and len(t.text) > 1 for t in words if t.is_alpha)
    head = words[-1]  # "Poll", "Officials", "Governor"; a described topic ("The challenge:", "Campaign funding:") is no speaker
    title_noun = head.pos_ == "NOUN" and (head.lower_ in _SPEAKING_NOUNS or all(
        t.is_title or t.is_upper for t in words) and not any(t.pos_ in ("DET", "ADJ") or t.tag_ == "POS" for t in words))
    if not (named or capitals or title_noun):
        return None
    last = token.i
    while last + 1 < len(doc) and doc[last + 1].idx < line_end:
        last += 1
    if sum(t.is_alpha for t in doc[token.i + 1:last + 1]) < max(1, gates.min_content_words):
        return None
    content = (doc[token.i + 1].idx, doc[last].idx + len(doc[last].text))
    return _Found(token, ":", speaker, content, "colon", doc[first:last + 1])


def _line_bounds(token: Token) -> tuple[int, int]:
    """Where the line holding ``token`` starts and ends (the offsets of ``text.rfind("\\n", 0, token.idx) + 1`` and of
    ``text.find("\\n", token.idx)``, or the text's end), read from the tokens next to it: ``Doc.text`` joins every
    token of the document on each access, which took a third of the cue search on news with many colons."""
    doc = token.doc
    start = 0
    for i in range(token.i - 1, -1, -1):
        before = doc[i]
        newline = before.text_with_ws.rfind("\n")
        if newline >= 0:
            start = before.idx + newline + 1
            break
    for after in doc[token.i:]:
        newline = after.text_with_ws.find("\n")
        if newline >= 0:
            return start, after.idx + newline
    return start, doc[-1].idx + len(doc[-1].text_with_ws)


def _no_comment_candidate(token: Token, sent: Span) -> _Found | None:
    """ "X had no immediate comment", "did not immediately have any comment", "did not respond to a request for comment",
    "did not return calls seeking comment"."""
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "AUX"):
        return None
    if lemma == "draw" and token.tag_ == "VBN" and refuses(token) and any(c.dep_ == "auxpass" for c in token.children):
        topic = next((g for c in token.children if c.dep_ == "prep" and c.lower_ in ("on", "about", "over")
                      for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
        if topic is not None:  # "would not be drawn on the cause", "refused to be drawn on …": the idiom of no answer
            speaker, mention = _subject_mention(token)
            if speaker is None:
                subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
                speaker = _np(subject) if subject is not None else None
            return _Found(token, "comment", speaker, _token_span(topic), "no_comment", sent, mention=mention)
    sought = _sought_for_comment(token)
    if sought is not None:
        speaker, mention = _subject_mention(token)
        if speaker is None:  # "X could not be reached": the one not reached is the passive's subject
            subject = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
            speaker = _np(subject) if subject is not None else None
        asked = _np(sought)
        return _Found(token, "comment", speaker, (asked.start_char, asked.end_char), "no_comment", sent, mention=mention)
    if lemma == "return" and is_negated(token):
        obj = next((c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in _ASKING_NOUNS), None)
        if obj is None:
            return None
        speaker, mention = _subject_mention(token)
        return _Found(token, lemma, speaker, _token_span(obj), "no_comment", sent, mention=mention)
    if lemma in _HAVING:
        obj = next((c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in _ANSWER_NOUNS), None)
        if obj is None or not (is_negated(token) or any(c.lower_ == "no" for c in obj.children)):
            return None
        speaker, mention = _subject_mention(token)
        return _Found(token, "comment", speaker, _token_span(obj), "no_comment", sent, mention=mention)
    if lemma in COMMENT and is_negated(token):
        to = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "to"), None)
        obj = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
        if obj is not None:
            speaker, mention = _subject_mention(token)
            return _Found(token, lemma, speaker, _token_span(obj), "no_comment", sent, mention=mention)
    return None


def _sought_for_comment(verb: Token) -> Token | None:
    """The "comment" of "was not available for comment", "was unavailable for comment", "could not be reached
    for comment": a source the reporter could not get an answer from (news prose's common phrases of it)."""
    lemma = verb.lemma_.lower()
    if lemma == "be":
        state = next((c for c in verb.children if c.dep_ == "acomp" and c.lower_ in ("available", "unavailable")), None)
        if state is None or state.lower_ == "available" and not any(c.dep_ == "neg" for c in (*verb.children, *state.children)):
            return None
    elif lemma in ("reach", "contact") and verb.tag_ == "VBN" and any(c.dep_ == "neg" for c in verb.children):
        state = verb
    else:
        return None
    return next((g for c in state.children if c.dep_ == "prep" and c.lower_ == "for"
                 for g in c.children if g.dep_ == "pobj" and g.lemma_.lower() in _ANSWER_NOUNS), None)


def _quote_candidate(token: Token, lemma: str, content: tuple[int, int], frame: str, sent: Span) -> _Found:
    """ "Y quotes X as saying", "X was quoted by Y as telling …": X speaks, Y relays."""
    children = list(token.children)
    speaker = next((c for c in children if c.dep_ in ("dobj", "nsubjpass")), None)
    relay = next((c for c in children if c.dep_ == "nsubj"), None)
    if relay is None:
        relay = next((g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
    if speaker is None:
        return _Found(token, lemma, _subject(token), content, frame, sent)
    return _Found(token, lemma, _np(speaker), content, frame, sent, relay=_np(relay) if relay is not None else None)


#: Verbs that put words in someone's mouth "as saying" ("quoted X as saying", "cited X as saying").
_QUOTING = ("quote", "cite")


def _quoted_as_saying(token: Token) -> Token | None:
    """The "saying" of "was quoted as saying" (or "as telling", "as writing": any verb of saying)."""
    return next((g for c in token.children if c.lower_ == "as" for g in c.children
                 if g.lemma_.lower() in SPEECH and g.pos_ in ("VERB", "AUX")), None)


def _complement(token: Token, sent: Span, quotes: list[Quote]) -> tuple[str | None, tuple[int, int]]:
    """What a cue verb reports, and the frame it does so in.

    Clauses come first ("said that …"), then, for verbs that take what is
    said as an object ("denied sending troops"), the object; a quotation in
    the same sentence ("He said: “…”") serves only verbs with neither.
    """
    children = list(token.children)
    saying = _quoted_as_saying(token) if token.lemma_ in _QUOTING else None
    if saying is not None:  # the clause may hang on "quoted" or on "saying"
        children += list(saying.children)
    # A quotation the parser hangs on the cue across a later verb of saying ("denied reports that …,
    # telling reporters: “I am not going anywhere.”") is that verb's.
    clauses = [c for c in children if c.dep_ == "ccomp" and not (_inside(c.idx, quotes) and any(
        v.dep_ in ("advcl", "conj", "xcomp") and v.lemma_.lower() in SPEECH and token.i < v.i < c.i for v in children))
        and not _joined_before(token, c)]
    if any(c.left_edge.i > token.i and not _inside(c.idx, quotes) for c in clauses):
        # "… O'Malley lamented her gaffes - “does she have to …?” - Democrats said they were unfazed": a reported
        # clause after the cue, in the writer's words, is what it reports; a clause the parser also hangs on it before
        # the cue that holds another speaker's frame (a verb with its own subject, outside quotation marks) is that
        # other statement, not one content running across the cue and its speaker; so is one another speaker's frame
        # follows ("“…,” Trump said, after Quick said he had …"). A quotation right before the cue ("“…,” Spencer
        # said, as fighters worked out") stays the cue's
        def framed(tokens) -> bool:
            return any(v.pos_ in ("VERB", "AUX") and not _inside(v.idx, quotes) and any(
                s.dep_ == "nsubj" and not _inside(s.idx, quotes) for s in v.children) for v in tokens)
        clauses = [c for c in clauses if c.left_edge.i > token.i
                   or not (framed(c.subtree) or framed(token.doc[c.right_edge.i + 1:token.i]))]
    quote_after = _quote_right_after(token, quotes)
    before = clauses or ([token.head] if token.dep_ == "parataxis" and token.head.i < token.i else [])
    if quote_after is not None and before and all(c.i < token.i and not _inside(c.idx, quotes) for c in before):
        return "quote", (quote_after.start, quote_after.end)  # "But asked if …, Camosy said, “In a word: Absolutely.”"
    if clauses:  # "claimed it was enough …, and that the band was …": a second clause conjoined to the cue
        clauses += [c for c in children if c.dep_ == "conj" and c.i > token.i
                    and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)]
    if not clauses and any(c.dep_ == "dobj" and c.lower_ == "what" for c in children):
        # "showing what it claims are …": the parser hangs the clause on the verb above
        clauses = [c for c in token.head.children if c.dep_ == "ccomp" and c.i > token.i]
    if not clauses:
        # "reported on Wednesday, citing a plant engineer, that the valve had been flagged": the parser hangs the
        # clause on the participle of citing set off between the cue and it
        clauses = [g for c in children if c.dep_ == "advcl" and c.i > token.i and c.lemma_ == "cite" and c.tag_ == "VBG"
                   and c.doc[c.i - 1].text == "," and not any(s.dep_ in ("nsubj", "nsubjpass") for s in c.children)
                   for g in c.children if g.dep_ == "ccomp" and g.i > c.i
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)]
    if not clauses:
        # "said in a statement that five workers were hurt": the parser hangs the clause on the noun
        clauses = [g for c in children if c.dep_ == "prep" and c.lower_ == "in" and c.i == token.i + 1
                   for n in c.children if n.dep_ == "pobj"
                   for g in n.children if g.dep_ in ("acl", "relcl", "ccomp") and g.i > n.i
                   and any(m.dep_ == "mark" and m.lower_ == "that" for m in g.children)]
    if not clauses and token.lemma_.lower() in ("tell", "assure", "inform", "warn", "remind"):
        # "told the Corvel Courier she saw sparks": with no "that", the parser makes the clause a relative one on
        # the listener, a name or people ("reporters"); one opening with a pronoun subject is what was told ("told
        # the I.R.S. anything it doesn't already know": what is told, with a gap, is a relative clause)
        clauses = [g for c in children if c.dep_ in ("dobj", "dative") and c.i > token.i
                   and (c.pos_ == "PROPN" or c.tag_ == "NNS")
                   for g in c.children if g.dep_ == "relcl" and g.left_edge.i > c.i and g.left_edge.tag_ == "PRP"
                   and g.left_edge.dep_ == "nsubj" and g.left_edge.head.i == g.i]
        # "told BBC Radio 4's Today programme that the commissioner should investigate": a clause the parser hangs
        # on the listener but opened by the conjunction "that" (a mark, not a relative pronoun) is what was told
        clauses = clauses or [g for c in children if c.dep_ in ("dobj", "dative") and c.i > token.i
                              for g in c.children if g.dep_ in ("acl", "relcl") and g.left_edge.i > c.i
                              and g.left_edge.lower_ == "that" and g.left_edge.dep_ == "mark"
                              # "tells so many lies that …", "such lies that …": a result, not what was told
                              and not any(t.lower_ in ("so", "such") for t in c.doc[c.left_edge.i:c.i])]
    if clauses:
        spans = [_before_joined_statement(c, token) for c in clauses]  # "told X that A … was identified": one content
        end = max(e for _, e in spans)
        subject = next((c for c in children if c.dep_ == "nsubj" and c.i < token.i), None)
        stolen = _stolen_object(subject) if subject is not None else None
        if stolen is not None:  # the object the parser took for the subject is the content's, up to the comma
            end = max(end, token.doc[stolen.left_edge.i - 1].idx)
        appositive = _appositive_before(token) if subject is None else None
        if appositive is not None:  # the speaker the parser hung inside the clause is no part of what was said
            end = min(end, token.doc[appositive.left_edge.i - 1].idx)
        return "ccomp", (min(s for s, _ in spans), end)
    if token.dep_ == "parataxis" and token.head.i != token.i or _inverted_after_comma(token):
        return "para", _interrupted(token.head, token) or _span_without(token.head, token)
    speaker = _speaker_set_off(token)
    if speaker is not None:  # "The bridge will reopen by Easter, Mayor Joan Whitfield said on Thursday"
        doc = token.doc
        comma = doc[speaker.start - 1]
        return "para", (token.head.left_edge.idx, doc[comma.i - 1].idx + len(doc[comma.i - 1].text))
    lemma = token.lemma_.lower()
    if any(c.dep_ == "nsubjpass" for c in children) and any(c.dep_ == "agent" for c in children):
        passive = next(c for c in children if c.dep_ == "nsubjpass")
        return "passive", _token_span(passive)
    if lemma in _OBJECT_CUES:
        frame, span = _object_complement(token, children)
        if frame is not None:
            return frame, span
    if lemma not in SPEECH and saying is None:  # "attacked Trump, calling him a “loser”": the quotation is another verb's
        frame, span = _object_complement(token, children)
        if frame is not None:
            return frame, span
    claim = relative_claim(token) if token.lemma_.lower() in DENY or calls_false(token) else None
    if claim is not None:  # "…, a claim his agent denied": what is denied is the claim, said before it
        return "dobj", _claim_said(claim)
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    if obj is not None and (any(c.dep_ == "prep" and c.lower_ in ("for", "of") and c.i > obj.i for c in children)
                            or calls_false(token)):
        # "blasted him for not paying tax", "accused the council of lying", "slammed the reports as rubbish": blame
        # (or praise) of someone for something, or a statement called false, says what it says in its object and
        # predicate, not in a quotation nearby
        return _object_complement(token, children)
    quote = _adjacent_quote(token, sent, quotes)
    if quote is not None:
        return "quote", (quote.start, quote.end)
    asked = asked_word(token) or put_question(token)
    if asked is not None and cue_stance(token) == "no_comment":
        # "would not say when", "Asked whether …, Shah would not say": the question is left unanswered
        return "ccomp", _token_span(asked)
    return _object_complement(token, children)


def _disputed_after(verb: Token) -> Token | None:
    """The "a claim his agent denied" set after a clause by a comma, if ``verb`` is its verb: the claim is
    someone else's answer to the clause, not part of what the clause's speaker said."""
    if verb.dep_ != "relcl" or not (verb.lemma_.lower() in DENY or calls_false(verb)):
        return None
    claim = relative_claim(verb)
    if claim is None or claim.left_edge.i < 1 or claim.doc[claim.left_edge.i - 1].text != ",":
        return None
    return claim


def _claim_said(noun: Token) -> tuple[int, int]:
    """What a statement noun set after a clause stands for: "Local media reported that the striker had agreed
    terms, a claim his agent denied" — the clause the comma closes (what was reported, if the noun hangs on the
    verb of reporting). Without the comma the noun phrase itself ("the claim his agent denied")."""
    doc = noun.doc
    left = noun.left_edge.i
    if left < 1 or doc[left - 1].text != ",":
        return doc[left].idx, noun.idx + len(noun.text)
    said = next((c for c in noun.head.children if c.dep_ == "ccomp" and c.right_edge.i < left), None)
    start = said.left_edge.i if said is not None else noun.head.left_edge.i
    if said is None:
        start = min(start, noun.sent.start) if noun.head.dep_ == "ROOT" else start
    return doc[start].idx, doc[left - 2].idx + len(doc[left - 2].text)


def _speaker_set_off(verb: Token) -> Span | None:
    """ "The bridge will reopen by Easter, Mayor Joan Whitfield said on Thursday, despite …": a verb of saying
    with no subject, clause or object of its own, that the parser joins to the clause before it (or hangs on it
    as an adverbial clause with no "as" or "when" of its own) and whose
    speaker it hangs inside that clause ("by Easter, Mayor Joan Whitfield"): the name between the comma and the
    verb is its speaker, and the clause before the comma what was said."""
    if verb.dep_ not in ("conj", "advcl") or verb.head.i > verb.i or verb.lemma_.lower() not in SPEECH \
            or any(c.dep_ in ("nsubj", "nsubjpass", "ccomp", "xcomp", "mark") for c in verb.children) \
            or _after_conjunction(verb):
        return None  # "… and said", "… but added": a verb joined by a conjunction shares the clause's subject
    told = [c for c in verb.children if c.dep_ == "dobj"]
    if told:  # "…, its manager, Carl Voss, told reporters": an object of telling right after the verb is who heard it
        if verb.lemma_.lower() not in _LISTENER_VERBS or len(told) > 1 or told[0].left_edge.i != verb.i + 1:
            return None
        appositive = _appositive_chain_before(verb)
        return _np(appositive) if appositive is not None else None
    speaker = _noun_phrase_before(verb)
    if speaker is None or speaker.start < 2 or speaker.doc[speaker.start - 1].text != "," \
            or not any(t.pos_ == "PROPN" for t in speaker):
        appositive = _appositive_chain_before(verb)
        return _np(appositive) if appositive is not None else None
    return speaker


def _appositive_chain_before(verb: Token) -> Token | None:
    """ "The office has opened an inquiry into the attack on Kestrel Health, its director, Paul Indra, said on
    Friday": the parser hangs the speaker on the statement's last noun as an apposition ("its director"), with the
    name an apposition of that, and the verb of saying, set off by a comma, is left with no subject. The apposition
    chain set off by commas that ends right before the verb's comma is its speaker ("…, the company, which runs
    three clinics, said": "the company"), if it names someone or something that can speak."""
    doc = verb.doc
    if verb.i < 4 or doc[verb.i - 1].text != ",":
        return None
    phrase, top = doc[verb.i - 2], None
    while phrase.head.i != phrase.i and phrase.head.i < verb.i:
        if phrase.dep_ == "appos" and phrase.head.dep_ != "appos":
            top = phrase
            break
        phrase = phrase.head
    if top is None or top.head.i > top.i or doc[top.left_edge.i - 1].text != "," \
            or top.right_edge.i + 1 < verb.i - 1 or top.right_edge.i >= verb.i:
        return None
    span = _np(top)
    return top if any(t.pos_ == "PROPN" for t in span) or _can_speak(top) else None


def _speaker_inside_clause(verb: Token) -> Token | None:
    """The speaker of "The plan, said Holt, would fail" and "And the mayor, said Holt, who knows him, never forgets": a
    verb of saying set off by commas inside the clause it reports, with its subject after it. The parser gives the
    verb the clause's subject too, before it, or makes the speaker the subject of the clause; the phrase between
    the verb and the next comma speaks."""
    doc = verb.doc
    before = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    if verb.i == 0 or doc[verb.i - 1].text != "," or verb.lemma_.lower() not in SPEECH or before is None \
            or any(t.dep_ in ("relcl", "acl", "appos") for t in before.subtree):
        return None  # "aides to X, who had a long career, said …": the comma closes the subject's own clause
    subjects = [c for c in verb.children if c.dep_ == "nsubj"] + \
        [g for c in verb.children if c.dep_ == "ccomp" for g in c.children if g.dep_ == "nsubj"]
    return next((s for s in subjects if s.left_edge.i == verb.i + 1 and _comma_after(s) is not None), None)


def _comma_after(phrase: Token) -> Token | None:
    """The comma that closes ``phrase`` (the parser hangs it on the phrase or leaves it after)."""
    doc, end = phrase.doc, phrase.right_edge.i
    if doc[end].text != "," and end + 1 < len(doc):
        end += 1
    return doc[end] if doc[end].text == "," else None


def _after_conjunction(verb: Token) -> bool:
    """Whether a coordinating conjunction of the clause a verb hangs on stands between the two ("… and said")."""
    return any(c.dep_ == "cc" and verb.head.i < c.i < verb.i for c in verb.head.children)


def _inverted_after_comma(verb: Token) -> bool:
    """ "Attackers demanded 5 million euros, a person familiar with the investigation told Reuters": a verb of
    saying with a subject of its own and nothing said after it, set off by a comma at the end of a sentence,
    reports the clause before it, though the parser may hang it on that clause as an adverbial one, or as a
    second clause joined with no "and" ("A wildfire has burned 12,000 hectares near Kestrel Ridge, the forestry
    service said on Monday")."""
    if verb.dep_ not in ("advcl", "conj") or verb.head.i > verb.i or verb.lemma_.lower() not in SPEECH:
        return False
    if verb.dep_ == "conj" and _after_conjunction(verb):
        return False  # "… and the service said so": two clauses joined, not a frame
    children = list(verb.children)
    subject = next((c for c in children if c.dep_ == "nsubj"), None)
    if subject is None or any(c.dep_ in ("ccomp", "xcomp", "mark") for c in children):
        return False
    doc = verb.doc
    if subject.left_edge.i < 1 or doc[subject.left_edge.i - 1].text != ",":
        return False
    end = verb.sent.end
    return all(t.is_punct for t in doc[verb.right_edge.i + 1:end])


def _joined_statement(verb: Token) -> Token | None:
    """The cue whose speaker makes a second statement with ``verb``, if it is one.

    "The minister said the troops had withdrawn, and denied any casualties":
    the parser hangs the subject-less "denied" on "withdrawn", inside what
    was said; a denial, confirmation or comment with an object of its own
    and no subject is the speaker's next statement, not part of the first.
    So is any other verb of saying in the cue's own form that the verb it
    is hung on does not share ("said that he will try to form a government
    and insisted that …": "insisted" cannot be joined to "will try", as
    joined verbs share their form, and is joined to "said").
    """
    if verb.dep_ != "conj" or verb.pos_ != "VERB":
        return None
    lemma = verb.lemma_.lower()
    children = list(verb.children)
    refusal = _refused_answer(verb)  # "… and declined to comment on Y": a refusal to answer is a statement too
    own = lemma in SPEECH and _speaker_of_own_clause(verb.head)
    if lemma not in DENY | CONFIRM | COMMENT and refusal is None and not own \
            and not (lemma in SPEECH and verb.tag_ != verb.head.tag_):
        return None
    subject = next((c for c in children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl", "auxpass")), None)
    # "Officials said three deaths may be linked to the heat, but they could not confirm the causes": a non-answer
    # or denial with a pronoun for its subject, joined to what was said, is the speaker's own next statement
    answered = subject is not None and subject.dep_ == "nsubj" and subject.lower_ in ("he", "she", "it", "they", "we") \
        and cue_stance(verb) in ("no_comment", "cannot_confirm", "denies")
    if subject is not None and not answered:
        return None
    if refusal is None and not own and not any(c.dep_ in ("dobj", "ccomp") for c in children) \
            and asked_word(verb) is None and not (lemma in SPEECH and any(
                c.dep_ == "prep" and c.lower_ in _PREP_CUE_PREPS for c in children) and not any(
                s.dep_ in ("nsubj", "nsubjpass") and _can_speak(s) for s in verb.head.children)):
        # "… ballots had been destroyed, and called for a recount": a saying with a prepositional object, joined to
        # a clause whose subject cannot speak, is the speaker's too ("he had bought …, and boasted about …" is his)
        return None
    joiner = max((c for c in verb.head.children if c.dep_ == "cc" and c.i < verb.i), key=lambda c: c.i, default=None)
    if joiner is None or joiner.lower_ not in ("and", "but"):
        return None  # "could not confirm or corroborate the reports": one predicate of the clause
    cue = _reporting_cue(verb.head)
    if answered and cue is not None and not _agrees(subject, cue):
        return None  # "Police said the man had fled, but he denied it": "he" is not the police
    if cue is None or not (answered or _same_form(verb, cue) or _finite_with_modal(verb, cue) or _withheld_answer(verb)):
        return None  # "said it could not confirm and would not verify …": the clause's own tense, not the cue's
    return cue


def _speaker_of_own_clause(clause: Token) -> bool:
    """Whether the subject of a reported clause is a pronoun for the one who reports it: "Lazar said he welcomed
    extradition and added, “…”", "the justice said she regretted her remarks and promised …". A verb of saying
    joined to such a clause says what the speaker goes on to say, whichever of the two the parser hangs it on; a
    pronoun of another person ("She said he came in and said …") leaves it to the clause. "It" is either no one
    who speaks ("Suu Kyi said it was too early but added …") or the speaker ("the agency said it …"): the
    speaker's too."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "expl")), None)
    cue = _reporting_cue(clause)
    if subject is not None and subject.lower_ == "it" and cue is not None:
        return any(c.dep_ == "nsubj" for c in cue.children)
    if subject is None or subject.lower_ not in ("he", "she", "they", "we", "i") or cue is None \
            or not _agrees(subject, cue):
        return False
    speaker = next(c for c in cue.children if c.dep_ == "nsubj")
    return speaker.pos_ != "PRON" or speaker.lower_ == subject.lower_


def _agrees(pronoun: Token, cue: Token) -> bool:
    """Whether a subject pronoun agrees in number with the cue's subject, the speaker it would point back to."""
    speaker = next((c for c in cue.children if c.dep_ == "nsubj"), None)
    if speaker is None:
        return False
    plural = speaker.tag_ in ("NNS", "NNPS") or speaker.lower_ in ("they", "we")
    return plural == (pronoun.lower_ in ("they", "we"))


def _withheld_answer(verb: Token) -> bool:
    """ "Police confirmed a man had been arrested but would not say what charges he faced": a non-answer with a
    modal of its own, joined to a reported clause that has none, is the speaker's answer to the press, not a verb
    of the clause (whose subject is not the one asked). A clause with a modal of its own keeps its joined verbs
    ("said it could not confirm and would not verify …")."""
    def modal(v: Token) -> bool:
        return any(c.dep_ == "aux" and c.tag_ == "MD" for c in v.children)

    return modal(verb) and not modal(verb.head) and cue_stance(verb) in ("no_comment", "cannot_confirm")


def _refused_answer(verb: Token) -> Token | None:
    """The "comment" of "declined to comment", "refused to confirm", "declined to say": a verb of answering the
    refusal governs."""
    if verb.lemma_.lower() not in REFUSE:
        return None
    return next((c for c in verb.children if c.dep_ == "xcomp" and (c.lemma_.lower() in COMMENT | CONFIRM | DISCLOSE
                                                                    or c.lemma_.lower() == "draw" and c.tag_ == "VBN")), None)


def _finite_with_modal(verb: Token, cue: Token) -> bool:
    """A verb in a finite tense joined to a cue whose tense is carried by a modal: two finite verb phrases of one
    subject ("the agency could not confirm X and declined to comment on Y"). Only in this direction: a verb with a
    modal of its own ("said it could not confirm and would not verify") keeps the clause's tense."""
    return verb.tag_ in ("VBD", "VBZ", "VBP") and cue.tag_ == "VB" and any(c.dep_ == "aux" and c.tag_ == "MD" for c in cue.children)


def _same_form(a: Token, b: Token) -> bool:
    """Whether two verbs are written in the same form: the same tag, or the base form and the present of the
    plural, which English spells alike ("engineers fear … and warn …": the tagger calls one VBP, the other VB)."""
    return a.tag_ == b.tag_ or {a.tag_, b.tag_} == {"VB", "VBP"}


def _reporting_cue(clause: Token) -> Token | None:
    """The verb of saying whose reported clause ``clause`` is, or is joined to ("said A had withdrawn and B
    were open, and denied …"; "has said she wants to open X and has expressed …")."""
    while clause.dep_ in ("conj", "xcomp") and clause.head.i != clause.i:
        clause = clause.head
    cue = clause.head
    if clause.dep_ != "ccomp" or cue.i == clause.i or cue.lemma_.lower() not in SPEECH or cue.pos_ not in ("VERB", "AUX"):
        return None
    return cue


def _cue_time(clause: Token, cue: Token) -> Token | None:
    """ "said on Friday it had opened …": a time right after the cue and before the clause's subject dates the
    saying, though the parser hangs it on the reported clause."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    return next((c for c in clause.children if c.i == cue.i + 1 and subject is not None and c.right_edge.i < subject.i
                 and (c.dep_ == "prep" and c.lower_ in ("on", "in", "at") or c.dep_ in ("npadvmod", "advmod"))
                 and any(g.ent_type_ in ("DATE", "TIME") for g in c.subtree)), None)


def _saying_adjunct(verb: Token) -> Token | None:
    """The cue whose speaker goes on in ``verb``, a participle of saying set off after what was said.

    "Cruz said that Trump represents “New York values,” stating during the
    debate that …": the parser hangs "stating" on "represents", inside what
    was said, but a participle of saying after a comma that closes a reported
    clause tells how the speaker said it (as "…, adding that …" does), and so
    does one joined to it (", vowing to …, and suggesting that …").
    """
    if verb.dep_ == "conj" and verb.tag_ == "VBG" and verb.lemma_.lower() in SPEECH:
        return _saying_adjunct(verb.head)
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.lemma_.lower() not in SPEECH or verb.i < 2:
        return None
    doc = verb.doc
    i = verb.i - 1
    while i > 0 and (doc[i].pos_ == "ADV" or doc[i].text in ("”", "’", "\"", "'", "''")):  # ", essentially conceding", ",” stating"
        i -= 1
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    if doc[i].text not in (",", "—", "–", "-", "--"):
        # "Gore insisted it was premature while adding, “…”": "while V-ing" hung on a reported clause whose subject
        # is the speaker's own pronoun, or "it", is the speaker's too
        while_ = doc[i].dep_ == "mark" and doc[i].head.i == verb.i and doc[i].lower_ in ("while", "before", "after")
        return _reporting_cue(verb.head) if while_ and _speaker_of_own_clause(verb.head) else None
    if _after_named_speaker(verb):
        return None
    cue = _reporting_cue(verb.head)
    if cue is not None and cue.i > verb.i:
        return None  # "The mayor appeared relaxed, telling the crowd, “Some people said …”": the parser's cue is quoted
    return cue or _clause_above_adjunct(verb.head)


def _after_named_speaker(verb: Token) -> bool:
    """ "Grayson said Randolph could not win, the source recalled, adding that …": a participle of saying hung on a
    verb of saying set off after what was said, with a subject of its own, not a pronoun, goes on with that
    speaker, wherever the parser hangs that verb (here inside what Grayson said). A pronoun ("said she was thinking …, adding") may be the speaker's
    own and leaves the participle to the clause above."""
    head = verb.head
    if head.lemma_.lower() not in SPEECH or head.pos_ != "VERB" or head.i > verb.i:
        return False
    subject = next((c for c in head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
    # set off after what was said ("…,” the source recalled, adding"), not a verb of the reported clause ("said that
    # the candidate was not contradicting his stance …, noting that …": the one who said notes)
    return subject is not None and subject.left_edge.i > 0 and subject.i < head.i \
        and head.doc[subject.left_edge.i - 1].text in (",", "”", "''", "\"", "’")


def _clause_above_adjunct(clause: Token) -> Token | None:
    """The verb of the clause a participle of saying set off by a comma tells of, where the parser hangs it on a
    clause inside that one which cannot be its doer's: a clause on a noun that cannot speak ("Rubio had a strong
    moment that could play big …, denouncing the regime": not the moment), a "that" clause that says what a noun
    holds ("rejected the idea that the developer would be a drag, saying …", "dismissed reports that the
    hospital would close, saying …": neither the developer nor the hospital), or a "that" clause whose subject
    is a pronoun for the subject above it ("Clinton made it clear that she has their backs, touting …"). The
    understood subject of such an adjunct is the subject of the clause above."""
    noun = None
    that = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
    if clause.dep_ in ("relcl", "acl") and clause.head.pos_ in ("NOUN", "PROPN"):
        noun = clause.head
        if _can_speak(noun) and not that:  # "reports that the hospital would close": what they report, not who
            return None
        above = noun.head
    else:
        if not that:
            return None
        above = clause.head
    for _ in range(3):
        if above.pos_ in ("VERB", "AUX") or above.head.i == above.i:
            break
        above = above.head
    subject = next((c for c in above.children if c.dep_ == "nsubj"), None)
    if above.pos_ not in ("VERB", "AUX") or subject is None or subject.pos_ == "PRON" and noun is None \
            or not _can_speak(subject):
        return None
    if noun is None:
        own = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        plural = subject.tag_ in ("NNS", "NNPS")
        if own is None or own.lower_ not in (("they",) if plural else ("he", "she")):
            return None
    return above


def _before_joined_statement(clause: Token, cue: Token) -> tuple[int, int]:
    """The characters of a reported clause, ending before a second statement of the speaker's joined to it."""
    start, end = _token_span(clause)
    speaker = _speaker_inside_clause(cue)
    if speaker is not None and speaker.head.i == clause.i:  # "…, said Holt, who knows him, never forgets"
        start = clause.doc[_comma_after(speaker).i + 1].idx
    when = _cue_time(clause, cue)
    if when is not None:
        after = clause.doc[when.right_edge.i + 1]
        start = (clause.doc[after.i + 1] if after.dep_ == "mark" and after.lower_ == "that" else after).idx
    cited = next((v for v in clause.children if cue.i < v.i < clause.i and _reporters_citing(v)), None)
    if cited is not None:  # "reported, citing two sources, that the deal had collapsed"
        after = clause.doc[cited.right_edge.i + 1]
        while after.i < clause.i and (after.is_punct or after.dep_ == "mark" and after.lower_ == "that"):
            after = clause.doc[after.i + 1]
        start = after.idx
    verb = next((v for v in clause.subtree if v.i > clause.i and (v.dep_ == "conj" and getattr(_joined_statement(v), "i", None) == cue.i
                 or v.dep_ == "advcl" and getattr(_saying_adjunct(v), "i", None) == cue.i
                 or v.head.i == clause.i and clause.i > cue.i and _reporters_citing(v)
                 or v.dep_ == "advcl" and v.tag_ == "VBG" and v.lemma_.lower() in SPEECH and _after_named_speaker(v)
                 or _disputed_after(v) is not None or _closing_according(v) and cue.lemma_.lower() in _STRONG_SPEECH
                 or _another_saying_set_off(v, clause))), None)
    if verb is None:
        return start, end
    doc = clause.doc
    cut = verb.left_edge.i if _disputed_after(verb) is None else _disputed_after(verb).left_edge.i
    while cut > clause.left_edge.i and (doc[cut - 1].is_punct or doc[cut - 1].dep_ == "cc"):
        cut -= 1  # ", and"
    return start, doc[cut - 1].idx + len(doc[cut - 1].text)


_WHEN_MARKS = frozenset({"after", "before", "since", "as", "when", "while", "until"})


def _another_saying_set_off(verb: Token, clause: Token) -> bool:
    """ "said no decision had been taken on job cuts, a day after a newspaper reported that …": a clause of time
    set off by a comma after what was said, whose verb of saying has a subject of its own, is the writer placing
    the statement beside another's (itself a statement), not part of what was said."""
    doc = verb.doc
    return verb.dep_ == "advcl" and verb.head.i == clause.i and verb.lemma_.lower() in SPEECH \
        and any(c.dep_ == "mark" and c.lower_ in _WHEN_MARKS for c in verb.children) \
        and any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in verb.children) \
        and verb.left_edge.i > 0 and doc[verb.left_edge.i - 1].text == ","


def _quote_right_after(token: Token, quotes: list[Quote]) -> Quote | None:
    """A quotation opening right after the cue and a comma or colon ("said, “…”", "said: “…”")."""
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if nxt is None or nxt.text not in (",", ":"):
        return None
    after = nxt.idx + 1
    return next((q for q in _overlapping(quotes, after, after + 4) if after <= q.start <= after + 3), None)


#: Verbs that, like "put", give a thing a value with "at" ("estimated the crowd at 5,000", "pegged the damage at
#: $2 million"): English common knowledge.
_VALUING = frozenset({"estimate", "place", "peg", "value", "assess"})
#: Verbs that give a tally a new value with "to" ("revised the death toll down to 18", "raised its estimate of
#: the damage to 40 million euros"): the subject gives that value. English common knowledge.
_REVISING = frozenset({"revise", "raise", "lower", "cut", "increase", "reduce", "update", "lift", "upgrade",
                       "downgrade", "correct", "adjust"})


def _new_value(verb: Token, obj: Token) -> Token | None:
    """The "to" that gives a tally its new value after a verb of revising, however the parse hangs it ("down to
    18", "the damage to 40 million"): the first after the object whose phrase holds a number, before any clause."""
    for t in verb.doc[obj.i + 1:verb.right_edge.i + 1]:
        if t.dep_ in ("advcl", "ccomp", "conj", "relcl") or t.is_punct and t.text in ",;":
            return None
        if t.lower_ == "to" and t.dep_ == "prep" and any(w.like_num for w in t.subtree):
            return t
    return None


#: Verbs whose object is who is told and whose "about" (or "of", "against") phrase is what they are told
#: ("warned the company about cracks in the dam"). English common knowledge.
_TELLING_ABOUT = {"warn": ("about", "of", "against"), "caution": ("about", "against"), "alert": ("about", "to"),
                  "remind": ("about", "of"), "inform": ("about", "of"), "tell": ("about",), "brief": ("about", "on")}


def _told_about(verb: Token, obj: Token | None, children: list[Token]) -> Token | None:
    """What a listener was told of: the object of "about" after "warned the company" (or of "warned about
    cracks", with the listener left out), not the listener."""
    preps = _TELLING_ABOUT.get(verb.lemma_.lower(), ())
    prep = next((c for c in children if c.dep_ == "prep" and c.lower_ in preps and c.i > verb.i
                 and (obj is None or c.i > obj.i)), None)
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None


def _object_complement(token: Token, children: list[Token]) -> tuple[str | None, tuple[int, int]]:
    """The object of a cue: "denied sending troops", "put the number at 11,000", "accused X of Y"."""
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    topic = _told_about(token, obj, children)
    if topic is not None:
        return "dobj", _token_span(topic)
    if obj is not None:
        start, end = _token_span(obj)
        occasion = _occasion_of_saying(obj)
        if occasion is not None:  # "debunked that rumor in an interview last March": the rumour is what is denied
            end = obj.doc[occasion.i - 1].idx + len(obj.doc[occasion.i - 1].text)
        adjunct = next((t for t in obj.subtree if t.dep_ == "advcl" and t.tag_ == "VBG"
                        and getattr(_saying_adjunct(t), "i", None) == token.i), None)
        if adjunct is not None:  # "dismissed reports that the ward would close, saying …": the saying is the cue's next
            cut = adjunct.left_edge.i
            while cut > obj.i + 1 and (obj.doc[cut - 1].is_punct or obj.doc[cut - 1].pos_ == "ADV"):
                cut -= 1
            end = min(end, obj.doc[cut - 1].idx + len(obj.doc[cut - 1].text))
        for child in children:
            if child.i > obj.i and (child.dep_ in ("oprd", "xcomp") or child.dep_ == "prep" and child.lower_ in ("of", "for", "as")):
                # "calling the claims fake news", "accused X of Y", "urged residents to stay indoors": what the
                # object is called, accused of, or urged to do is said of it
                end = max(end, _token_span(child)[1])
        at = next((c for c in children if c.dep_ == "prep" and c.lower_ == "at" and c.i > obj.i), None)
        valued = at is not None and any(t.like_num or t.tag_ == "CD" for t in at.subtree)
        if token.lemma_ == "put" or token.lemma_ in _VALUING and valued:
            if not valued:
                return None, (0, 0)  # an estimate is put at a value ("the toll at 19"); "lives at risk" is none
            start, end = _token_span(at)
            return "put_at", (start, end)  # "put the number at 11,000", "estimated the crowd at 5,000"
        to = _new_value(token, obj) if token.lemma_ in _REVISING and obj.lemma_ in TALLY_NOUNS else None
        if to is not None:
            return "put_at", _token_span(to)  # "revised the death toll down to 18": the subject gives 18
        return "dobj", (start, end)
    first = shifted_denial(token)
    if first is not None:  # "has described as “rubbish” a report that …": the report is what is called rubbish
        prep = next(c for c in children if c.dep_ == "prep" and c.lower_ == "as")
        return "oprd", (first.idx, _token_span(prep)[1])
    oprd = next((c for c in children if c.dep_ == "oprd"), None)
    if oprd is not None and calls_false(token):  # "called the report rubbish", parsed with "report" inside "rubbish"
        return "oprd", _token_span(oprd)
    xcomp = next((c for c in children if c.dep_ == "xcomp"), None)
    if xcomp is not None:
        withheld = _refused_answer(token)
        asked = next((c for c in withheld.children if c.dep_ in ("dobj", "ccomp")), None) if withheld is not None else None
        if asked is None and withheld is not None:  # "Asked whether …, Cole declined to comment"
            asked = put_question(token)
        if asked is not None:  # "refused to disclose the price": what is withheld is the price
            return "xcomp", _token_span(asked)
        return "xcomp", _token_span(xcomp)
    prep = next((c for c in children if c.dep_ == "prep" and c.lower_ in _PREP_CUE_PREPS and any(g.dep_ in ("pobj", "pcomp") for g in c.children)), None)
    if prep is not None:
        obj = next(g for g in prep.children if g.dep_ in ("pobj", "pcomp"))
        return f"prep_{prep.lower_}", _token_span(obj)
    return None, (0, 0)


#: Occasions on which something is said ("in an interview", "in a statement", "during a briefing").
_OCCASIONS = _INTERVIEW_NOUNS | frozenset({"speech", "briefing", "address", "letter", "conference", "tweet"})


def _occasion_of_saying(obj: Token) -> Token | None:
    """The "in an interview" the parser hangs on a cue's object ("debunked that rumor in an interview"): a new
    occasion (an indefinite one) on which it was said, which belongs to the verb, not to what was said. A definite
    one ("the claims in the article") may be where the claims were made, and stays."""
    return next((c for c in obj.children if c.dep_ == "prep" and c.i > obj.i and c.lower_ in ("in", "during")
                 and any(g.dep_ == "pobj" and g.lemma_.lower() in _OCCASIONS
                         and any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in g.children)
                         for g in c.children)), None)


def _quotes_near(sent: Span, quotes: list[Quote]) -> list[Quote]:
    """The quotations a cue in ``sent`` may introduce: inside it, or just after it."""
    return _overlapping(quotes, sent.start_char, sent.end_char + 4)


def _overlapping(quotes: list[Quote], lo: int, hi: int) -> list[Quote]:
    """The quotations overlapping ``[lo, hi)``, found by bisection (quotations are disjoint and in order)."""
    return quotes[bisect_right(quotes, lo, key=lambda q: q.end):bisect_left(quotes, hi, key=lambda q: q.start)]


def _adjacent_quote(token: Token, sent: Span, quotes: list[Quote]) -> Quote | None:
    """A quotation in the cue's sentence, or opening right after a sentence that ends with a colon."""
    best = None
    colon = bool(quotes) and sent.text.rstrip().endswith(":")
    for quote in quotes:
        inside = sent.start_char <= quote.start < sent.end_char or sent.start_char < quote.end <= sent.end_char
        after_colon = colon and 0 <= quote.start - sent.end_char <= 3
        if (inside or after_colon) and not (quote.start <= token.idx < quote.end):
            if best is None or abs(quote.start - token.idx) < abs(best.start - token.idx):
                best = quote
    return best


def subject_class(found: _Found) -> str:
    """The speaker's grammatical class, which changes what a verb means ("I think" vs "analysts think")."""
    if found.source_span is None:
        return "none"
    return "self" if found.source_span.root.lower_ in ("i", "we", "you", "me", "us") else "other"


def cue_features(found: _Found, quotes: list[Quote]) -> dict[str, str | float]:
    """What ``scripts/train_cue_model.py`` weighs to judge a candidate: its frame and what the frame counts cannot see."""
    lemma, frame, subject = found.cue_lemma, found.frame, subject_class(found)
    cue = found.cue
    head = found.source_span.root if found.source_span is not None else None
    if head is None:
        speaker = "none"
    elif head.lower_ in PRONOUNS_PERSON or head.lower_ in PRONOUNS_GROUP:
        speaker = "pronoun"
    elif head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or head.pos_ == "PROPN":
        speaker = "name_" + (head.ent_type_ or "propn")
    elif head.lower_ in ANONYMOUS_HEADS:
        speaker = "anonymous"
    elif head.lower_ in DOCUMENT_HEADS:
        speaker = "document"
    else:
        speaker = "noun" if head.pos_ == "NOUN" else "other"
    evidence = frame_evidence(lemma, frame, subject)
    words = max(1, len(_text_between(found.sentence.doc, *found.content).split()))
    return {
        "key": f"{lemma}|{frame}|{subject}", "lemma": lemma, "frame": frame, "subject": subject,
        "speaker": speaker, "speaker_frame": f"{speaker}|{frame}", "dep": cue.dep_, "tag": cue.tag_,
        "core": str(lemma in SPEECH), "negated": str(is_negated(cue)), "quoted": str(_inside(cue.idx, quotes)),
        "rate": evidence[0] if evidence else 0.0, "seen": math.log1p(evidence[1]) if evidence else 0.0,
        "unseen": str(evidence is None), "length": math.log2(words),
    }


#: The key under which ``scripts/train_cues.py`` pools the denial verbs' objects by class (``data/cue_frames.json``).
DENIED_OBJECT_LEMMA = "deny*"
#: Classes of a denial verb's object that say what is denied (the rest name a thing refused or a person rejected).
_CONTENT_OBJECTS = frozenset({"predicate", "that_clause", "clause", "statement", "anaphor", "existence"})


def denied_object_class(found: _Found) -> str | None:
    """What a denial verb's object (or a passive's subject) is: something said, or a thing it refuses.

    "Denied the claims", "rejected the notion that …", "denied it", "denied
    any wrongdoing", "denied sending troops" deny a statement, and "dismissed
    him as a has-been" makes one (its stance is the judgement's,
    :func:`~claimledger.extract.stance.cue_stance`); "rejected the offer",
    "denied journalists access", "disavowed Duke" refuse a thing or reject a
    person, and state nothing.
    None for any other candidate.
    """
    if found.cue_lemma not in DENY or found.frame not in ("dobj", "passive"):
        return None
    cue = found.cue
    role = "dobj" if found.frame == "dobj" else "nsubjpass"
    obj = next((c for c in cue.children if c.dep_ == role), None)
    if obj is None:
        return None
    after = [c for c in cue.children if c.i > obj.i] + list(obj.children)
    if any(c.dep_ == "oprd" or c.dep_ == "prep" and c.lower_ == "as" for c in after):
        return "predicate"  # "dismissed the story as nonsense": says what it is
    if any(c.dep_ in ("acl", "relcl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
           for c in obj.children):
        return "that_clause"  # "rejected attacks that he was not a conservative"
    if obj.pos_ in ("VERB", "AUX"):
        return "clause"  # "denied having met him"
    if names_a_statement(obj):
        return "statement"
    if obj.lower_ in STATEMENT_ANAPHORS:
        return "anaphor"
    if any(c.dep_ == "det" and c.lower_ in EXISTENCE_DETERMINERS for c in obj.children):
        return "existence"  # "denied any wrongdoing"
    if any(c.dep_ == "dative" or c.dep_ == "dobj" and c.i != obj.i for c in cue.children):
        return "ditransitive"  # "denied journalists access"
    return "person" if obj.pos_ in ("PROPN", "PRON") else "thing"


def denied_object_key(found: _Found) -> str | None:
    """``"deny*|object_content|any"`` or ``"deny*|object_other|any"`` for a denial verb with an object, else None."""
    kind = denied_object_class(found)
    if kind is None:
        return None
    return f"{DENIED_OBJECT_LEMMA}|object_{'content' if kind in _CONTENT_OBJECTS else 'other'}|any"


def unsaid(cue: Token) -> bool:
    """Is a verb of saying only something its negated governor kept from being said ("sources who were not
    authorized to discuss the matter said …": the matter was not discussed)? Non-answers ("did not want to
    comment") are read as non-answers elsewhere. PolNeAR train marks none of its seven "not authorized to
    discuss/speak/comment" as a cue."""
    head = cue.head
    return cue.dep_ == "xcomp" and cue.lemma_ not in _STANCE_CORE and head.lemma_ in _UNDONE_WHEN_DENIED \
        and any(c.dep_ == "neg" for c in head.children)


def accept_cue(found: _Found, quotes: list[Quote] | None = None, *, model: bool = True) -> bool:
    """Whether a candidate is a statement.

    With the logistic model of ``scripts/train_cue_model.py`` shipped, its
    probability against the threshold fitted with it, except for denials,
    confirmations, non-answers and accusations (PolNeAR's annotators often
    left "denied the claims" unmarked; a ledger of who disputes what cannot);
    else (or with
    ``model=False``, which the training script compares against) the PolNeAR
    frame statistics and the core lexicon: a combination seen often enough
    is judged by how often annotators took it as a cue, and the
    news-reporting core (verbs of saying in a clausal frame, denials and
    confirmations with an object) needs less evidence, because its meaning
    does not depend on the domain.
    """
    lemma, frame = found.cue_lemma, found.frame
    if frame in ("put_at", "according", "noun", "no_comment"):
        return True
    if unsaid(found.cue):
        return False
    if calls_false(found.cue):  # "called the claims rubbish": a denial, judged as denials are
        return True
    if lemma == "go" and frame == "ccomp" and found.source_span is not None \
            and found.source_span.root.lemma_.lower() in TOLD_NOUNS:
        return True  # "the story went that …": the idiom tells what the story says
    object_key = denied_object_key(found)
    if object_key is not None and object_key.endswith("_other|any"):
        # "rejected the offer", "denied them access": a denial verb whose object names no statement is the core
        # frame only with one that does; outside it, it needs annotators' agreement as any other combination
        # (PolNeAR train: 35 of 108 marked, 0.32, against 65 of 90 for objects that are statements; the pooled
        # counts are in data/cue_frames.json, from scripts/train_cues.py --denial-objects-only)
        lemma, frame, _subject = object_key.split("|")
        pooled = frame_evidence(lemma, frame, _subject)
        return pooled is not None and pooled[1] >= _LEARNED_MIN_SEEN and pooled[0] >= _LEARNED_MIN
    if model and quotes is not None and lemma not in _STANCE_CORE:
        judged = cue_probability(cue_features(found, quotes))
        if judged is not None:
            return judged
    core = lemma in SPEECH and frame in ("ccomp", "para", "quote") or \
        lemma in _OBJECT_CUES and frame in ("dobj", "xcomp", "passive") or \
        frame.startswith("prep_") and lemma in COMMENT
    evidence = frame_evidence(lemma, frame, subject_class(found))
    if evidence is None or evidence[1] < _LEARNED_MIN_SEEN:
        return core
    rate = evidence[0]
    return rate >= (_CORE_MIN if core else _LEARNED_MIN)


def _subject(token: Token) -> Span | None:
    """The speaker of a cue verb: its subject, a passive's agent, or the subject it shares.

    Participles and conjoined verbs share the subject of the verb they hang
    on ("Lankov told BBC, adding …"; "X put the number at … and said …"),
    and a denial joined to what was said is the speaker's own ("said the
    troops had withdrawn, and denied any casualties").
    """
    return _subject_mention(token)[0]


def _subject_mention(token: Token) -> tuple[Span | None, Token | None]:
    """:func:`_subject`, and the relative pronoun that stands for it in the clause, if one does.

    In "Christie, who said …" the clause's subject is "who": the speaker is
    the noun phrase it relates to, and "who" is the mention of it in the
    clause, as "he" is in "he said".
    """
    outer = _joined_statement(token) or _saying_adjunct(token) or _by_means_of(token) or _hung_on_own_quotation(token)
    if outer is not None:
        return _subject_mention(outer)
    joined = False  # whether ``token`` was reached from a verb joined to it
    controls = False  # whether ``token`` was reached from its infinitive ("was allowed to speak")
    for _ in range(3):
        children = list(token.children)
        inside = _speaker_inside_clause(token)
        if inside is not None:
            return _np(inside), None
        # of two subjects the parser gives a verb ("“… One of the brightest members,” Rep. Cummings said"), the
        # one next to it: the other is inside the quotation before it
        subject = min((c for c in children if c.dep_ == "nsubj"), key=lambda c: abs(c.i - token.i), default=None)
        split = next((c for c in children if c.dep_ == "nsubj" and subject is not None and c.i < subject.i
                      and c.right_edge.i + 1 == subject.left_edge.i and subject.pos_ == "PROPN"), None)
        if split is not None:  # "the study published in the journal | Hepatica said": one phrase split in two
            return token.doc[split.left_edge.i:subject.i + 1], None
        # "Cranston stood at his pulpit and, citing Exodus, endorsed Senator Cruz": the clause the parser hangs
        # before the verb, ending in "and", is a verb joined to it, whose subject it shares; the object after the
        # verb is no inverted subject ("…, noted others")
        joined_before = next((c for c in children if _joined_before(token, c)), None)
        if subject is None and joined_before is not None:
            subject = next((c for c in joined_before.children if c.dep_ == "nsubj"), None)
        if subject is None and joined_before is None and any(c.dep_ == "ccomp" and c.i < token.i for c in children):
            subject = next((c for c in children if c.dep_ == "dobj" and c.i > token.i), None)  # "…, noted others"
            if subject is None:  # "…, said engineer Tomas Reyes": the parser loses inverted subjects
                name = _name_right_after(token)
                if name is not None:
                    return name, None
            appositive = _appositive_before(token)
            if appositive is not None:
                return _np(appositive), None
        if subject is not None:
            if subject.lower_ in ("who", "that", "which") and token.dep_ == "relcl":
                return _np(_person_before_time(token.head) if subject.lower_ == "who" else token.head), subject
            speaker = _after_detached_outlet_name(subject)
            if speaker is not None:
                return _np(speaker), None
            return _np(_glued_clause_subject(subject, token) or _stolen_object(subject) or subject), None
        subject = _with_absolute_subject(token) or _speaker_in_according_phrase(token)
        if subject is not None:
            return _np(subject), None
        passive = next((c for c in children if c.dep_ == "nsubjpass"), None)
        agent = next((g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        # "officials were angered by the deal and predicted …": the verb joined to gives its subject, not its agent.
        # An infinitive of a passive is its subject's, never the agent's (passive control): "he was urged by aides to
        # deny", "before Loeb was allowed to speak" (not the subject of the clause above), "Asked by Ames to respond,
        # Carson said" (Carson responds). A passive main clause with no agent ("is expected to endorse", "will be
        # disappointed to learn") reports an expectation or a feeling, no one's words
        if passive is not None and (joined or controls and (token.dep_ != "ROOT" or agent is not None)):
            return _np(passive), None
        if agent is not None and not controls:
            return _np(agent), None
        if passive is not None and token.lemma_ in _QUOTING:
            return _np(passive), None
        set_off = _speaker_set_off(token) if token.dep_ in ("advcl", "conj") else None
        if set_off is not None:  # "…, Al-Nour television reported on Monday", hung on the clause before as an adverbial
            return set_off, None
        if token.dep_ == "conj":
            joined_to = _joined_statement(token)  # "could not confirm X and declined to comment": reached from "comment"
            if joined_to is not None:
                return _subject_mention(joined_to)
            left = _noun_phrase_before(token)
            if left is not None:
                return left, None
        if token.dep_ not in ("conj", "advcl", "xcomp", "dep", "pcomp") or token.head.i == token.i:
            return None, None
        doer = None if controls else _blamed_for(token)  # "criticized X for failing to defend …" says nothing of X's
        if doer is not None:
            return _np(doer), None
        if token.dep_ == "xcomp" and not _subject_controlled(token):
            # "the announcement led some to speculate", "forced Sanders to acknowledge": the object of the verb
            # above is the one who speaks (object control), not its subject
            controller = next((c for c in token.head.children if c.dep_ == "dobj" and c.i < token.i), None)
            if controller is not None:
                return _np(controller), None
        joined = token.dep_ == "conj"
        controls = token.dep_ == "xcomp"
        token = token.head.head if token.dep_ == "pcomp" and token.head.pos_ == "ADP" else \
            _nearer_conjunct(token) or token.head
    return None, None


def _subject_controlled(verb: Token) -> bool:
    """Whether the subject of the verb above an infinitive does what it says: "promised voters to cut taxes", and
    an infinitive of purpose after "use" ("used his speech to call for …": the speaker calls, not the speech). A
    participle after "use" is its object's ("uses footage of Ames asking …": Ames asks)."""
    lemma = verb.head.lemma_.lower()
    if lemma == "use":
        return verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return lemma in _SUBJECT_CONTROL


def _hung_on_own_quotation(verb: Token) -> Token | None:
    """The verb of the clause a participle introducing a quotation tells of, where the parser hangs the participle
    on a verb of the quotation ("Clinton seemed ready to riff on it, telling the crowd, “Some people get carried
    away”": "telling" hung on "get", whose subject is inside the quotation and cannot be the one who tells)."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or verb.head.i < verb.i:
        return None
    doc = verb.doc
    if not any(t.text in ("“", "\"", "``", "‘") for t in doc[verb.i + 1:verb.head.i]) \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    above = verb.head
    for _ in range(6):
        if above.i < verb.i or above.head.i == above.i:
            break
        above = above.head
    return above if above.i < verb.i and above.pos_ in ("VERB", "AUX") else None


def _person_before_time(noun: Token) -> Token:
    """The antecedent of "who" where the parser hangs its clause on a time after it: "to re-elect Sen. Rob Portman
    this year, who endorsed …" (a year is no one): the name right before the time phrase."""
    if not _is_time_modifier(noun) and noun.ent_type_ not in ("DATE", "TIME"):
        return noun
    before = noun.left_edge.i - 1
    if before < 0 or noun.doc[before].ent_type_ != "PERSON":
        return noun
    name = noun.doc[before]
    while name.head.i != name.i and name.dep_ in ("compound", "flat") and name.head.ent_type_ == "PERSON":
        name = name.head
    return name


def _joined_before(verb: Token, clause: Token) -> bool:
    """Whether a clause the parser hangs on a verb other than one of saying as what it reports is a verb joined to
    it by "and": "Cranston stood at his pulpit and, citing Exodus, endorsed Senator Cruz" ("stood" is no content of
    "endorsed", and its subject is the one who endorses)."""
    if clause.dep_ != "ccomp" or clause.i > verb.i or verb.lemma_.lower() in SPEECH or verb.pos_ != "VERB":
        return False
    joiner = next((g for g in clause.children if g.dep_ == "cc" and g.lower_ == "and" and g.i > clause.i), None)
    # an "and" that joins nothing after it in the clause ("Grow up, get serious and make something of yourself,
    # Donald scolded" joins "make": a quotation, not a joined verb)
    return joiner is not None and not any(g.dep_ == "conj" and g.i > joiner.i for g in clause.children)


def _blamed_for(verb: Token) -> Token | None:
    """Who did what a "for V-ing" or "of V-ing" adjunct names, when the verb it hangs on has someone as its object:
    "criticized the mayor for saying …", "accused the council of hiding …", "gave Carson two Pinocchios for
    dismissing …" (the one blamed, praised or rated did it, not the one who blames); a passive's subject ("was
    criticized for saying …"). An object that is no one ("won praise for saying") leaves it to the subject."""
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or verb.head.lower_ not in ("for", "of") \
            or verb.head.head.i == verb.head.i:
        return None
    above = verb.head.head
    if above.pos_ not in ("VERB", "AUX"):
        return None
    objects = [c for c in above.children if c.dep_ in ("dative", "dobj", "nsubjpass") and c.i < verb.i]
    return next((o for o in sorted(objects, key=lambda o: ("dative", "dobj", "nsubjpass").index(o.dep_))
                 if _can_speak(o)), None)


def _nearer_conjunct(verb: Token) -> Token | None:
    """The verb whose subject a joined verb shares where the parser joins every verb of a sentence to the first: "a
    group called for a boycott, and the league denounced the remarks and said …" hangs "said" on "called"; a verb
    with no subject of its own shares that of the nearest verb joined before it with one ("the league")."""
    if verb.dep_ != "conj":
        return None
    return max((c for c in verb.head.children if c.dep_ == "conj" and c.i < verb.i and c.pos_ in ("VERB", "AUX")
                and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)), key=lambda c: c.i, default=None)


def _glued_clause_subject(subject: Token, verb: Token) -> Token | None:
    """The subject of ``verb`` where the parser read two clauses as one subject: "a group of rabbis called for a
    boycott, and the league denounced …" gives "denounced" the subject "group", with "called" hung on it and
    "league" joined to it. A verb in a finite tense (VBD, VBZ, VBP) hung on a noun is no reduced relative clause
    (those are participles): it is a clause of its own, and the noun joined after it is the subject of the verb."""
    clause = next((c for c in subject.children if c.dep_ == "acl" and c.tag_ in ("VBD", "VBZ", "VBP")), None)
    if clause is None:
        return None
    return max((c for c in subject.children if c.dep_ == "conj" and clause.right_edge.i < c.i < verb.i),
               key=lambda c: c.i, default=None)


def _stolen_object(subject: Token) -> Token | None:
    """The subject of an inverted frame where the parser took the clause's last object for it: in "lodged a bid
    for Arsenal winger Bukayo Saka, the Daily Star can reveal" "for" is left without its object and "Saka" made
    the subject, with "the Daily Star" its apposition. A preposition with no object right before the subject
    means the subject's words belong to the clause before; the speaker is the phrase set off after the comma."""
    doc = subject.doc
    before = subject.left_edge.i - 1
    if before < 0 or doc[before].dep_ != "prep" or any(c.dep_ in ("pobj", "pcomp") for c in doc[before].children):
        return None
    return next((c for c in subject.rights if c.dep_ == "appos" and doc[c.left_edge.i - 1].text == ","), None)


def _appositive_before(verb: Token) -> Token | None:
    """The speaker of "The contract was signed off by Paul Bennett, a spokeswoman for the audit office said": the
    parser makes the phrase after the comma an apposition of the clause's last noun and leaves the verb of saying
    with no subject. A verb of saying has one; an apposition set off by a comma that ends right before the verb,
    inside the clause the verb reports, is it."""
    doc = verb.doc
    if verb.i == 0 or verb.lemma_.lower() not in SPEECH or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.right_edge.i + 1 == verb.i), None)
    if clause is None:
        return None
    phrase = doc[verb.i - 1]
    while phrase.dep_ != "appos" and phrase.i != phrase.head.i and clause.left_edge.i <= phrase.head.i < verb.i:
        phrase = phrase.head
    if phrase.dep_ != "appos" or phrase.right_edge.i + 1 != verb.i or doc[phrase.left_edge.i - 1].text != ",":
        # "…, its chairman, a former judge, said": an apposition chain closed by a comma before the verb
        return _appositive_chain_before(verb)
    return phrase


def _by_means_of(verb: Token) -> Token | None:
    """The verb whose subject does ``verb`` in a "by V-ing" adjunct: "Francis comforted a boy who was distraught
    by telling him …" — the one who comforts tells. The understood subject of such an adjunct is the subject of
    the clause it modifies, never its object: where the parser hangs it on a relative clause on the object (as it
    hangs "by telling" on "was distraught"), and the one told can only be that object, it belongs to the clause
    above."""
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or verb.head.lower_ != "by" or verb.head.head.i == verb.head.i:
        return None
    clause = verb.head.head
    listener = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.pos_ == "PRON"), None)
    if clause.dep_ != "relcl" or listener is None or clause.head.dep_ != "dobj":
        return None
    if any(c.dep_ in ("dobj", "dative") for c in clause.children):
        return None  # "met the boy who thanked the doctor by telling him": "him" can be the doctor; the boy tells
    # "comforted a boy who was distraught by telling him": the relative clause names no one else "him" could be:
    # the boy is told, and the one who comforts him tells
    main = clause.head.head
    return main if main.pos_ in ("VERB", "AUX") and main.i != clause.i else None


def _with_absolute_subject(verb: Token) -> Token | None:
    """The subject of a participle in a "with" clause: "the interview ended with Frusk asking whether …".

    The parser hangs the participle on the verb of the sentence and the noun
    on "with"; in English grammar the noun right before the participle is its
    subject (an absolute "with X doing" clause), not the sentence's subject.
    """
    if verb.tag_ != "VBG" or verb.dep_ not in ("advcl", "acl") or verb.head.i == verb.i:
        return None
    for prep in verb.head.children:
        if prep.dep_ == "prep" and prep.lower_ == "with" and prep.i < verb.i:
            noun = next((g for g in prep.children if g.dep_ == "pobj" and g.right_edge.i == verb.i - 1
                         and g.pos_ in ("NOUN", "PROPN", "PRON")), None)
            if noun is not None:
                return noun
    return None


def _speaker_in_own_quote(found: _Found, quotes: list[Quote]) -> bool:
    """ "We expect …" inside a quotation is part of the quotation, not a statement of its own."""
    if found.source_span is None or found.source_span.root.lower_ not in ("i", "we", "you"):
        return False
    return _inside(found.cue.idx, quotes)


def _name_right_after(token: Token) -> Span | None:
    """A person, organisation, state or group named within four tokens after ``token``, in its sentence.

    Read off the tokens' entity tags rather than ``Doc.ents``, which builds
    every entity of the document on each access: once per cue, that made a
    long report's cost grow with its square.
    """
    doc = token.doc
    for start in range(token.i + 1, min(token.i + 5, len(doc))):
        first = doc[start]
        if first.is_sent_start:
            return None
        if first.ent_iob_ == "B" and first.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            end = start + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            return Span(doc, start, end, label=first.ent_type, kb_id=first.ent_kb_id, span_id=first.ent_id)
    return None


def _noun_phrase_before(verb: Token) -> Span | None:
    """A noun phrase right before a conjoined verb that the parser hung elsewhere.

    "…, a report from South Korean media claimed that …": the parser often
    makes the phrase an apposition of the previous clause and leaves the
    verb without a subject.
    """
    doc = verb.doc
    i = verb.i - 1
    while i >= 0 and not doc[i + 1].is_sent_start and not (doc[i].is_punct and not _joins_word(doc[i])
                                                            or doc[i].pos_ in ("CCONJ", "VERB", "AUX", "SCONJ")):
        i -= 1
    span = doc[i + 1:verb.i]
    if not len(span) or not any(t.pos_ in ("NOUN", "PROPN") for t in span) or span[0].pos_ not in ("DET", "PROPN", "NOUN", "ADJ"):
        return None
    root = span.root
    if root.dep_ not in ("appos", "conj", "dobj", "pobj", "npadvmod"):
        return None
    return span


def _joins_word(token: Token) -> bool:
    """A hyphen written inside a word ("Al-Nour", "Baden-Baden"): part of the phrase, not a break in it."""
    return token.text == "-" and not token.whitespace_ and token.i > 0 and not token.doc[token.i - 1].whitespace_


def _after_detached_outlet_name(subject: Token) -> Token | None:
    """ "According to the state news agency KNA, Karsk's president, Anton Gorel, told …": with no comma after the
    agency, the parser takes its name for the verb's subject and the president for the name's apposition. A name
    right after the noun of an "according to" with an apposition of its own is that noun's name; the apposition is
    the one who speaks."""
    doc, start = subject.doc, subject.left_edge.i
    before = doc[start - 1] if start > 0 else None
    if subject.pos_ != "PROPN" or before is None or before.dep_ != "pobj" or before.head.lower_ != "to" \
            or before.head.head.lower_ != "according":
        return None
    return next((c for c in subject.children if c.dep_ == "appos" and c.i > subject.i), None)


def _speaker_in_according_phrase(verb: Token) -> Token | None:
    """ "According to the state news agency VNA, Morland's president, Ivo Kasa, told …": a verb of saying with no
    subject, whose "according to" phrase holds an apposition after its noun, has the parser hanging the speaker
    on the outlet as its apposition; that apposition is the one who speaks."""
    if verb.lemma_.lower() not in SPEECH or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    pobj = next((g for c in verb.children if c.lower_ == "according" for t in c.children if t.lower_ == "to"
                 for g in t.children if g.dep_ == "pobj"), None)
    return next((c for c in pobj.children if c.dep_ == "appos" and c.i > pobj.i), None) if pobj is not None else None


def _according_candidate(token: Token, sent: Span) -> _Found | None:
    """ "according to X, …": the source is X, the content the rest of the clause."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    pobj = next((g for g in to.children if g.dep_ == "pobj"), None) if to is not None else None
    if pobj is None:
        return None
    if _speaker_in_according_phrase(token.head) is not None:  # the outlet without the speaker hung on it
        return _Found(token, "according to", token.doc[pobj.left_edge.i:pobj.i + 1],
                      _span_without(token.head, token, within=sent), "according", sent, governs=token.head)
    name = next((t for t in token.doc[pobj.right_edge.i + 1:sent.end] if t.dep_ == "nsubj"), None)
    if name is not None and name.left_edge.i == pobj.right_edge.i + 1 and _after_detached_outlet_name(name) is not None:
        # "According to the state news agency KNA, Karsk's president … told": the agency's name is the agency's
        source = token.doc[pobj.left_edge.i:name.i + 1]
        return _Found(token, "according to", source, _span_without(name.head, token, within=sent), "according", sent,
                      governs=name.head)
    clause = token.head
    while clause.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl") and clause.head.i != clause.i:
        clause = clause.head
    main = next((c for c in pobj.children if c.dep_ == "relcl" and token.doc[c.left_edge.i - 1].text == ","
                 and any(g.dep_ in ("nsubj", "nsubjpass") and g.tag_ not in ("WDT", "WP") for g in c.children)), None) \
        if clause.i == token.i else None
    if main is not None:  # "According to the weekly Der Spiegel, the banker fled": the parser takes the sentence's
        return _Found(token, "according to", _np(pobj), _token_span(main), "according", sent, governs=main)  # clause for a relative one
    content = _span_without(clause, token, within=sent)
    return _Found(token, "according to", _np(pobj), content, "according", sent, governs=clause)


def _after_value_set_aside(verb: Token) -> bool:
    """ "The supplement cut the risk by 14%, not 40% as several newspapers reported": an "as" clause right after
    a phrase set aside with "not" says only where that phrase came from. It frames neither the sentence (the
    writer states the 14%) nor its correction, whatever clause the parser hangs it on."""
    if verb.dep_ != "advcl":
        return False  # checked first: this runs for every token of every sentence
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as"), None)
    if mark is None or mark.i != verb.left_edge.i:
        return False
    doc, start = verb.doc, mark.i - 1
    while start > verb.sent.start and doc[start].text != "," and mark.i - start <= 6:
        start -= 1
    return doc[start].text == "," and doc[start + 1].lower_ == "not" and start + 2 < mark.i


def _as_reported_candidate(token: Token, sent: Span) -> _Found | None:
    """ "As reported by Y, …", "as Y reported, …": like "according to Y", the rest of the clause is Y's."""
    if token.dep_ != "advcl" or token.lemma_.lower() not in _AS_REPORTED or token.head.i == token.i \
            or not any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children):
        return None
    if any(c.dep_ == "ccomp" for c in token.children):
        return None  # "… only as Mette told the Post that she had heard …": a verb with a clause of its own reports that
    source = next((g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None) \
        or next((c for c in token.children if c.dep_ == "nsubj"), None)
    if source is None or source.pos_ not in ("PROPN", "NOUN"):
        return None
    # the parser hangs the clause's subjects on the name as conjuncts ("As reported by the Daily Mirror, Plant,
    # as well as Jimmy Page … were offered"): the name ends at the first comma
    name = token.doc[source.left_edge.i:source.i + 1]
    comma = next((t.i for t in name if t.text == ","), None)
    if comma is not None and comma > name.start:
        name = token.doc[name.start:comma]
    content = _span_without(token.head, token, within=sent)
    return _Found(token, token.lemma_.lower(), name, content, "according", sent, governs=token.head)


def _noun_candidate(token: Token, sent: Span) -> _Found | None:
    """Nominal cues: "claims by X that …", "X's assessment that …"."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in NOUN_CUES:
        return None
    def that_clause(c: Token) -> bool:  # the parser often calls the complement clause of a noun a relative clause
        return c.dep_ in ("acl", "ccomp", "relcl") and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)

    clause = next((c for c in token.children if that_clause(c)), None)
    if clause is None and token.dep_ in ("attr", "dobj", "nsubj"):  # "there have been claims by X that …"
        clause = next((c for c in token.head.children if that_clause(c) and c.i > token.i), None)
    if clause is None:
        return None
    source = next((g for c in token.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of") for g in c.children if g.dep_ == "pobj"), None)
    if source is None:
        source = next((c for c in token.children if c.dep_ == "poss"), None)
    if source is None:  # "a Daily Mirror report that …"
        source = next((c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"
                       and c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")), None)
    if source is None:  # "claims made by X that …"
        source = next((g for c in token.children if c.dep_ == "acl" for a in c.children if a.dep_ == "agent"
                       for g in a.children if g.dep_ == "pobj"), None)
    if source is None:  # "Francis’ comforting comment that …": the parser takes a bare apostrophe for a quotation mark
        doc, left = token.doc, token.left_edge.i
        if left >= 2 and doc[left - 1].text in ("’", "'") and doc[left - 2].pos_ == "PROPN" and doc[left - 2].lower_.endswith("s"):
            source = doc[left - 2]
    if source is None:
        return None
    return _Found(token, token.lemma_.lower(), _np(source), _token_span(clause), "noun", sent)


# Sources and channels ---------------------------------------------------------


def _resolve_source(found: _Found, resolver: SourceResolver) -> bool:
    """Fill in the source; drop candidates whose subject cannot be a source."""
    span = found.source_span
    if span is None:
        return False
    head = span.root
    lower = head.lower_
    if lower in _NEVER_SPEAKERS and head.pos_ != "PROPN":  # "only time will tell", but "according to Time"
        return False
    if lower in NON_SOURCE_HEADS and head.pos_ in ("PRON", "DET"):
        # "it" speaks with the strongest verbs of saying, and where only an actor can act: "It denied the claims",
        # "It declined to answer questions", "It did not respond to requests for comment". In a reported clause
        # ("the agency stated it could not confirm …") the report is the statement, read as such elsewhere
        actor = (found.cue_lemma in DENY | CONFIRM | COMMENT or found.frame == "no_comment"
                 or cue_stance(found.cue) in ("no_comment", "cannot_confirm", "denies")) and found.cue.dep_ != "ccomp"
        if not (lower == "it" and (found.cue_lemma in _STRONG_SPEECH and found.frame in ("ccomp", "quote", "para") or actor)):
            return False
    # Any noun can be the source of a cue that was accepted ("a local pediatrician reported", "exit polls showed"):
    # the cue model weighs the speaker's class (a name, a pronoun, a noun) with the frame, so the subject is not
    # judged a second time by its head word. A bare singular noun is a mass noun ("heavy rain could explain the
    # rise", "research shows that …"): it can present a finding, a clause, but does not act on an object. Other
    # words speak only with the strongest cues.
    plausible = (
        head.pos_ == "PROPN" or head.ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        or head.pos_ == "NOUN" and (found.frame in ("ccomp", "para", "quote", "noun") or not _bare_singular(head))
        or lower in PRONOUNS_PERSON or lower in PRONOUNS_GROUP
        or lower in ANONYMOUS_HEADS or lower in DOCUMENT_HEADS  # "some", "others", "many"
        or found.cue_lemma in _STRONG_SPEECH and found.frame in ("ccomp", "para", "quote", "noun")
        or found.cue_lemma in DENY | CONFIRM | COMMENT or calls_false(found.cue)  # only actors deny, confirm or comment
        or found.frame in ("according", "colon")
    )
    if not plausible:
        return False
    to_outlet = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "to" and c.i > head.i
                      and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in c.children)), None)
    if to_outlet is not None and found.cue_lemma in SPEECH and found.frame != "according":
        # "…, said Plant's publicist to the Guardian": the parser hangs the listener on the speaker
        listener = _np(next(g for g in to_outlet.children if g.dep_ == "pobj"))
        if _is_channel(listener):
            found.relay = found.relay or listener
            span = found.source_span = span.doc[span.start:to_outlet.i]
    cue = found.cue
    # "the Times reported that …" names an outlet; "Norvik reported a profit of …" (an object) a company
    reporting = found.cue_lemma == "according to" or found.cue_lemma == "report" and found.frame != "dobj"
    found.source = resolver.resolve(span, is_media=reporting and head.pos_ == "PROPN")
    resolver.note_source(found.source, span)
    if found.mention is not None and found.source.kind in _NAMED_KINDS:
        # "Christie, who said", "the NRA, which said": the clause names the speaker by its relative pronoun, as
        # by "he" in "he said". A description ("analysts who say", "a report which said") keeps its own words:
        # an unnamed source has no other name than them
        mention = found.mention
        found.source = replace(found.source, text=mention.text, start=mention.idx, end=mention.idx + len(mention.text))
    listener = _listener(cue)
    if listener is not None and _is_channel(listener):
        channel = resolver.resolve(listener, is_media=True)
        found.via.append(channel.name)
        resolver.media_names.add(channel.name.lower())
    elif listener is not None and listener[0].lower_ == "the" and listener.root.lower_ in MEDIA_DESCRIPTIONS:
        channel = resolver.resolve(listener, is_media=True)  # "said to the publication": the outlet named before
        if channel.kind == "media" and channel.name.lower() != strip_determiner(listener.text).lower():
            found.via.append(channel.name)
    relay = found.relay or _relay_in_subject(span.root) or _possessor_outlet(span.root)
    if relay is not None:
        found.via.append(resolver.resolve(relay, is_media=True).name)
    cited = _cited(cue, outlet=found.source.kind == "media")
    if cited is not None and (found.source.kind == "media" or cited.root.pos_ == "PROPN" or cited.root.lower_ not in _EVIDENCE):
        # "Newsweek reported, citing TV Chosun": TV Chosun speaks, Newsweek relays. A speaker who is no outlet
        # citing data or a study ("Salceda, citing data from the State Department, said …") argues from it: theirs
        # is the statement
        found.via.insert(0, found.source.name)
        found.source = resolver.resolve(cited)
        resolver.note_source(found.source, cited)
    return True


def _bare_singular(noun: Token) -> bool:
    """A singular common noun with no determiner, possessor or number: a mass noun ("rain", "research")."""
    return noun.tag_ == "NN" and not any(c.dep_ in ("det", "poss", "nummod", "predet") for c in noun.children)


#: Verbs whose subject, not object, does what their infinitive says ("promised voters to cut taxes").
_SUBJECT_CONTROL = frozenset({"promise", "vow", "pledge", "threaten"})

#: Kinds of source that have a name of their own beside the words that mention them.
_NAMED_KINDS = frozenset({"person", "organisation", "state", "media"})


def _according_as_channel(found: list[_Found]) -> list[_Found]:
    """ "X said, according to Y" and "according to Y, X said …": Y is the channel of X's statement, not a speaker of its own.

    Around a cue that is not a verb of saying ("X proposed …, according to
    Y") the statement is Y's report of what X did, and only it stays.
    """
    by_cue = {f.cue.i: f for f in found}
    kept, dropped = [], set()
    for f in found:
        inner = by_cue.get(f.governs.i) if f.governs is not None else None
        if inner is None and f.governs is not None and _closing_according(f.cue) and f.governs.dep_ == "ccomp" \
                and f.governs.head.i in by_cue and by_cue[f.governs.head.i].cue_lemma in _STRONG_SPEECH:
            # "X said that Y, according to Z" with the phrase hung on Y's verb: Z reports X's statement
            inner = by_cue[f.governs.head.i]
        if inner is not None and inner is not f and inner.source is not None and f.source is not None:
            if f.source.name not in inner.via and f.source.name != inner.source.name:
                inner.via.append(f.source.name)
            if inner.cue_lemma in _STRONG_SPEECH:
                continue
            dropped.add(inner.cue.i)  # "Branson proposed X, according to the Mirror": the Mirror's report of a proposal
        kept.append(f)
    return [f for f in kept if f.cue.i not in dropped]


def _closing_according(token: Token) -> bool:
    """An "according to Y" set off by a comma at the end of its sentence (", according to three officials.")."""
    doc = token.doc
    if token.lower_ != "according" or token.i < 1 or doc[token.i - 1].text != ",":
        return False
    return all(t.is_punct for t in doc[token.right_edge.i + 1:token.sent.end])


def _is_channel(listener: Span) -> bool:
    """An outlet that passes a statement on ("told The War Zone"), not an audience ("told the Security Council")."""
    if is_media_name(listener.text) or outlet_named(listener) is not None:
        return True
    root = listener.root
    return root.pos_ == "PROPN" and root.ent_type_ not in ("PERSON", "GPE", "NORP") and \
        not any(t.lower_ in _AUDIENCES for t in listener)


def _listener(cue: Token) -> Span | None:
    """Who a statement was told to ("told The War Zone", "spoke to Yonhap", "debunked the report to The Guardian").

    Verbs of telling take their listener as an object or after "to"/"with";
    any other cue passes a statement on only "to" an outlet ("said to the
    Guardian", "confirmed to Reuters") or "in an interview with" one. An
    outlet after "per" ("cautioned, per the New York Times, that") passed
    the words on too, as did one that quoted them ("Quoted by Interfax, X said",
    "was quoted as saying by Le Monde").
    """
    telling = cue.lemma_.lower() in _LISTENER_VERBS
    if cue.lower_ == "according":
        return None
    children = list(cue.children)
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    if obj is not None and not telling:  # "debunked the report to The Guardian": the parser hangs "to" on the object
        children += [c for c in obj.children if c.dep_ == "prep" and c.lower_ == "to"]
    saying = _quoted_as_saying(cue) if cue.lemma_ in _QUOTING else None
    if saying is not None:  # "X was quoted as saying … by Le Monde": the parser hangs the agent on "saying"
        children += [c for c in saying.children if c.dep_ == "prep" and c.lower_ == "by"]
    for child in children:
        if child.dep_ == "advcl" and child.tag_ == "VBG" and child.lemma_.lower() in ("speak", "talk") \
                and not any(g.dep_ in ("nsubj", "nsubjpass") for g in child.children):
            heard = _listener(child)  # "Speaking to Sky News, X said": the one the speaker talks to, as in "told"
            if heard is not None:
                return heard
        by = None
        if child.dep_ == "advcl" and child.tag_ == "VBN" and child.lemma_.lower() == "quote":
            by = next((a for a in child.children if a.dep_ == "agent"), None)  # "Quoted by Interfax, X said"
        elif child.dep_ == "prep" and child.lower_ == "by" and saying is not None:
            by = child
        pobj = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
        if pobj is not None:
            return _np(pobj)
        if child.dep_ == "prep" and child.lower_ == "per":
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.pos_ == "PROPN":
                return _np(pobj)
        if telling and child.dep_ in ("dative", "dobj") and child.pos_ in ("PROPN", "NOUN") and child.lower_ not in _NON_CHANNEL_LISTENERS:
            name = next((c for c in children if c.dep_ in ("dative", "dobj") and c.pos_ == "PROPN"
                         and c.left_edge.i == child.right_edge.i + 1), None)
            if name is not None:  # "told the business | daily Ekonom": one listener, split by the parser in two objects
                return child.doc[child.left_edge.i:_np(name).end]
            return _np(child)
        if child.dep_ == "prep" and child.lower_ in ("to", "with") and (telling or child.lower_ == "to"):
            pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.lower_ not in _NON_CHANNEL_LISTENERS:
                if telling or pobj.pos_ == "PROPN":
                    return _np(pobj)
        if child.dep_ == "prep" and child.lower_ == "in":  # "said in an interview with Y"
            interview = next((g for g in child.children if g.dep_ == "pobj" and g.lemma_.lower() in _INTERVIEW_NOUNS), None)
            # "with Y", "on Y", "to Y"; or the outlet that ran it: "an interview published on Sunday by Y", "given to Y"
            heads = [] if interview is None else \
                [interview, *(a for a in interview.children if a.dep_ == "acl" and a.tag_ == "VBN")]
            links = [p for h in heads for p in h.children
                     if p.dep_ in ("prep", "dative") and p.lower_ in ("with", "on", "to") or p.dep_ == "agent"]
            outlet = next((g for p in links for g in p.children
                           if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")), None)
            if outlet is not None and outlet.lower_ not in _NON_CHANNEL_LISTENERS \
                    and outlet.ent_type_ not in ("DATE", "TIME"):  # "in an interview on Sunday": a day, no outlet
                return _np(outlet)
    return None


def _relay_in_subject(subject: Token) -> Span | None:
    """ "a source … that spoke to the Yonhap news service", "X, quoted by Y,": the outlet the source's words went through."""
    for token in subject.rights:
        if token.dep_ == "relcl" and token.lemma_.lower() in ("speak", "talk", "tell") \
                or token.dep_ == "acl" and token.tag_ == "VBG" and token.lemma_.lower() in ("speak", "talk"):
            return _listener(token)  # "a source who spoke to Yonhap", "the mayor, speaking to Kurier,"
        if token.dep_ == "acl" and token.lemma_.lower() in ("quote", "cite", "say", "describe", "identify"):  # "a source said by X to be close to"
            agent = next((g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
            if agent is not None:
                return _np(agent)
    return None


_HELD_SOURCES = frozenset({"source", "sources", "insider", "insiders"})


def _possessor_outlet(subject: Token) -> Span | None:
    """ "the Mirror's source": an unnamed source that an outlet holds is heard through that outlet.

    Only a source or an insider: "the Vatican's spokesman", "the company's officials" speak for
    their owner, whose words they are, not through it."""
    if subject.lower_ not in _HELD_SOURCES:
        return None
    owner = next((c for c in subject.children if c.dep_ in ("poss", "nmod") and c.pos_ == "PROPN"
                  and any(g.tag_ == "POS" for g in c.children)), None)
    if owner is None or not _is_channel(_np(owner)):
        return None
    return owner.doc[owner.left_edge.i:owner.i + 1]


def _reporters_citing(verb: Token) -> bool:
    """A participle of citing a source (one that can speak), set off by a comma, with no subject of its own, that the
    parser hangs on a reported clause ("reported that the plan was dead, citing a senior official"; "reported,
    citing two sources, that …"): the reporter's citing, not the clause's."""
    if not (verb.lemma_ == "cite" and verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.left_edge.i > 0
            and verb.doc[verb.left_edge.i - 1].text == "," and not any(g.dep_ in ("nsubj", "nsubjpass") for g in verb.children)):
        return False
    cited = next((g for g in verb.children if g.dep_ == "dobj"), None)
    return cited is not None and _can_speak(cited)  # "…, citing higher costs" is a reason given, part of the clause


def _cited(cue: Token, *, outlet: bool) -> Span | None:
    """The source a reporter cites for what it says ("Newsweek reported, citing TV Chosun").

    Only a phrase that can speak is a source: a name, or a noun of sources,
    people or documents ("citing officials", "citing a report"). What is cited
    as a ground ("said X, citing another reason", "citing rising costs") is
    part of what the speaker says, and the speaker stays the speaker. An
    ``outlet`` reporting, citing anyone, relays them ("the Associated Press
    reported, citing the dam operator"). A verb of citing with a subject of its own
    is another's clause ("lawmakers had mentioned China, but the report cited a memo").
    """
    hung = [g for c in cue.children if c.dep_ == "ccomp" and c.i > cue.i for g in c.children if _reporters_citing(g)]
    for child in [*cue.children, *hung]:
        if child.lemma_ == "cite" and child.dep_ in ("advcl", "xcomp", "conj", "dep") \
                and not any(g.dep_ in ("nsubj", "nsubjpass") for g in child.children):
            obj = next((g for g in child.children if g.dep_ == "dobj"), None)
            if obj is not None and (outlet or _can_speak(obj)):
                return _np(obj)
    return None


#: What a speaker cites as evidence rather than as a speaker: documents, figures and findings.
_EVIDENCE = frozenset({
    "data", "figures", "statistics", "numbers", "study", "studies", "survey", "surveys", "poll", "polls", "report",
    "reports", "research", "records", "documents", "document", "analysis", "estimates", "evidence", "findings",
})


def _can_speak(noun: Token) -> bool:
    """A name, a pronoun of people, or a noun that names sources, people, bodies or documents."""
    return noun.pos_ == "PROPN" or noun.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") \
        or noun.lower_ in PRONOUNS_PERSON or noun.lower_ in PRONOUNS_GROUP \
        or noun.lower_ in ANONYMOUS_HEADS or noun.lower_ in DOCUMENT_HEADS or noun.lower_ in MEDIA_DESCRIPTIONS \
        or noun.lower_ in TITLE_WORDS or noun.lower_ in _AUDIENCES or noun.lower_ in _BODIES


#: Nouns of bodies that speak through their members ("citing the police"), beside those of sources and documents.
_BODIES = frozenset({
    "police", "authorities", "authority", "brigade", "guard", "forces", "force", "navy", "union", "prosecutors",
    "investigators", "officials", "rescuers", "doctors", "engineers", "scientists", "military", "ministry",
})


def _closing_frames(found: list[_Found]) -> None:
    """ "X said Y, the Gazette reported.": the closing frame reports X's saying, whatever the parse hung on what.

    The parser often makes "reported" the object of "said", so X's content runs on to the sentence's end
    (", the Gazette reported") and the Gazette's is Y alone. A closing "…, Z <verb of saying>." with its subject
    after the comma frames all before it: X's content stops at the comma, and Z's holds X's words with their
    frame, so X's statement reaches the reader through Z (:func:`_nest_channels`).
    """
    by_cue = {f.cue.i: f for f in found}
    for outer in found:
        cue, subject = outer.cue, outer.source_span
        inner = by_cue.get(cue.head.i)
        if inner is None or inner is outer or cue.dep_ != "ccomp" or subject is None \
                or outer.cue_lemma not in _STRONG_SPEECH or inner.source_span is None:
            continue
        doc = cue.doc
        comma = doc[subject.start - 1] if subject.start > 0 else None
        if comma is None or comma.text != "," or not inner.source_span.end <= inner.cue.i < comma.i < subject.start \
                or not all(t.is_punct or t.i <= cue.right_edge.i for t in doc[cue.i + 1:outer.sentence.end]) \
                or not inner.content[0] < comma.idx < inner.content[1]:
            continue
        inner.content = (inner.content[0], comma.idx)
        outer.content = (min(inner.source_span.start_char, inner.cue.idx), comma.idx)


def _nest_channels(found: list[_Found]) -> None:
    """Channels reach statements nested in others.

    A statement inside the content of "…, Yonhap reported" or in a sentence
    with "according to Y" came through that outlet; a statement nested in
    another by the same speaker ("told The War Zone that he expected …")
    came through the same channels.
    """
    by_cue = sorted((f.cue.idx, i) for i, f in enumerate(found))
    cue_positions = [pos for pos, _ in by_cue]
    for outer in found:
        if outer.source is None:
            continue
        start, end = outer.content
        inside = [found[i] for _, i in by_cue[bisect_left(cue_positions, start):bisect_left(cue_positions, end)]]
        if outer.frame == "according":
            sent = outer.sentence
            inside += [found[i] for _, i in by_cue[bisect_left(cue_positions, sent.start_char):bisect_left(cue_positions, sent.end_char)]]
        for inner in inside:
            if inner is outer or inner.source is None:
                continue
            if inner.source.name == outer.source.name:
                channels = outer.via
            elif outer.cue_lemma in ("report", "according to") or outer.frame == "according" or outer.source.kind == "media":
                channels = [outer.source.name] + outer.via
            else:
                continue
            for name in channels:
                if name not in inner.via and name != inner.source.name:
                    inner.via.append(name)


# Building records ---------------------------------------------------------------


def _build(found: _Found, doc: Doc, text: str, quotes: list[Quote]) -> Attribution:
    start, end = _trim(text, *_whole_quotation(found.content, quotes), quotes)
    quote_kind = _quote_kind(start, end, quotes)
    words = text[start:end]
    frame_lo, frame_hi = found.cue.left_edge.idx, found.cue.right_edge.idx + len(found.cue.right_edge.text)
    parts = _around_own_frame(found, text, start, end, quotes)
    if (parts is None or parts[1] is None) and found.frame == "para" and start < frame_lo and frame_hi < end \
            and not _inside(found.cue.idx, quotes):
        # "The plan, the minister said, will cost …": the clause on both sides of the frame, read as one
        (start, first_end), (rest_start, end) = _trim(text, start, frame_lo), _trim(text, frame_hi, end)
        words = f"{text[start:first_end]} {text[rest_start:end]}"
        quote_kind = "mixed" if {_quote_kind(start, first_end, quotes), _quote_kind(rest_start, end, quotes)} \
            - {"indirect"} else "indirect"
    elif parts is not None:  # the speaker's frame inside the span is no part of what was said
        (start, first_end), rest = parts
        if rest is None:
            end = first_end
            words, quote_kind = text[start:end], _quote_kind(start, end, quotes)
        else:
            kinds = {_quote_kind(start, first_end, quotes), _quote_kind(*rest, quotes)}
            words = f"{text[start:first_end]} … {text[rest[0]:rest[1]]}"
            quote_kind = kinds.pop() if len(kinds) == 1 else "mixed"
    content_span = doc.char_span(start, end, alignment_mode="expand") if end > start else None
    cue = found.cue
    stance_cue = (_quoted_as_saying(cue) if cue.lemma_ in _QUOTING else None) or cue
    sentence = found.sentence
    sent_start, sent_end = sentence.start_char, sentence.end_char
    if quote_kind == "direct":  # a quotation may run past its sentence
        sent_start, sent_end = min(sent_start, start), max(sent_end, end)
    cue_start, cue_end = cue.idx, cue.idx + len(cue.text)
    if found.frame == "according":
        cue_end = cue.idx + len("according to")
    return Attribution(
        start=sent_start,
        end=sent_end,
        sentence=text[sent_start:sent_end],
        source=found.source,
        cue=found.cue_lemma,
        cue_start=cue_start,
        cue_end=cue_end,
        content=words,
        content_start=start,
        content_end=end,
        quote=quote_kind,
        stance="no_comment" if found.frame == "no_comment" else stance_of(stance_cue, content_span, direct=quote_kind == "direct"),
        via=list(dict.fromkeys(found.via)),
        writer_distance=writer_distance(doc[sentence.start:cue.i] if found.frame == "colon" else sentence, cue),
    )


def _around_own_frame(found: _Found, text: str, start: int, end: int,
                      quotes: list[Quote]) -> tuple[tuple[int, int], tuple[int, int] | None] | None:
    """A quotation the statement's own cue interrupts, when the parse gives it as one stretch of text: "“A,” Trump
    said, “and B.”" is the two quotations on either side of "Trump said", joined as those of a quotation its cue
    interrupts are; "“A,” Weiner said in May on the podcast “The Hour.”" is A alone, the later quotation being the
    frame's own (a title), not the speaker's going on. ``None`` when the cue is not inside the span, or is quoted."""
    cue = found.cue
    if not start < cue.idx < end or _inside(cue.idx, quotes):
        return None
    before = _overlapping(quotes, start, cue.idx)
    if not before or before[-1].end > cue.idx:
        return None
    first = _trim(text, start, before[-1].end, quotes)
    after = next((q for q in _overlapping(quotes, cue.idx, end) if q.start > cue.idx), None)
    if after is None:
        return first, None
    gap = list(range(cue.idx + len(cue.text), after.start))
    speaker = found.source_span
    if speaker is not None:
        gap = [i for i in gap if not speaker.start_char <= i < speaker.end_char]
    if any(text[i].isalnum() for i in gap):
        return first, None
    return first, _trim(text, after.start, end, quotes)


def _whole_quotation(content: tuple[int, int], quotes: list[Quote]) -> tuple[int, int]:
    """A cue often governs only the last sentence of a quotation; the statement is all of it."""
    start, end = content
    for quote in _overlapping(quotes, min(start, end) - 3, max(start, end) + 3):  # every quotation that can qualify
        inside = quote.start - 2 <= start and end <= quote.end + 2
        if inside and (quote.start < start or end < quote.end):
            return min(start, quote.start), max(end, quote.end)
        if start < quote.start - 1 and quote.start <= end < quote.end:  # the parse ends the clause at the quotation that completes it
            return start, quote.end                # ("a Zeppelin reunion was “[not] very likely”")
    return start, end


def _continuations(doc: Doc, text: str, quotes: list[Quote], attributions: list[Attribution],
                   resolver: SourceResolver) -> list[Attribution]:
    """Quotations with no cue of their own belong to the latest speaker nearby.

    A quotation right after a quoted statement, interrupted only by its cue
    (“A,” she said. “B.”), is the rest of that statement: its words are
    joined to it with " … ". One further away in the same or next paragraph
    is a statement of its own, credited to the same speaker. A quotation
    that fills a sentence whose subject, a noun, names someone else
    (““…,” Hannity started.”) is that subject's.

    Quotations are read in order, so the speaker they may continue (the
    statement ending last before it) is kept as they go, not searched for
    among all statements at each quotation. What this adds or joins ends
    inside the quotation it comes from, so neither a later quotation's
    overlap test nor its choice of speaker needs more than the statements
    found by cue.
    """
    out: list[Attribution] = []
    count = len(attributions)
    bounds = [(sent.start_char, sent.end_char) for sent in doc.sents]
    starts = [b[0] for b in bounds]

    def sentence_of(char: int) -> tuple[int, int]:
        return bounds[max(0, bisect_right(starts, char) - 1)]

    def taken(index: int) -> Attribution:
        return attributions[index] if index < count else out[index - count]

    # does any statement found by cue overlap [lo, hi)? Those starting before hi, by the furthest end among them
    by_start = sorted((a.content_start, a.content_end) for a in attributions)
    content_starts = [s for s, _ in by_start]
    furthest = list(accumulate((e for _, e in by_start), max))

    def overlapped(lo: int, hi: int) -> bool:
        k = bisect_left(content_starts, hi)
        return k > 0 and furthest[k - 1] > lo

    # speakers a quotation may continue, by where their statement ends (the earliest found first among equals)
    speakers = sorted((a.content_end, i) for i, a in enumerate(attributions)
                      if a.source is not None and not _inside(a.cue_start, quotes))  # a speaker quoted by the speaker ("“He said …,” Martin told …") does not go on
    next_speaker, latest = 0, None  # latest: (content end, index) of the statement ending last so far
    breaks = [m.start() for m in re.finditer(r"(?=\n\n)", text)]  # every "\n\n", overlapping ones too

    def two_breaks_between(lo: int, hi: int) -> bool:
        """Whether ``text[lo:hi]`` holds two blank-line breaks, counted without overlap as ``str.count`` does."""
        k = bisect_left(breaks, lo)
        if k == len(breaks) or breaks[k] + 2 > hi:
            return False
        k = bisect_left(breaks, breaks[k] + 2)
        return k < len(breaks) and breaks[k] + 2 <= hi

    cue_starts = sorted(a.cue_start for a in attributions)
    line_breaks = [m.start() for m in re.finditer(r"\n", text)]

    def opens_uncued_sentence(quote: Quote, sent_start: int, sent_end: int, last: Attribution) -> bool:
        """ "“[He] asked for 48 hours to think about it,” then ripped up the contract.": a sentence that opens
        with a quotation and goes on in the writer's narration, with no cue and no subject of its own after the
        quotation, in the paragraph of a speaker last heard in quotation marks, quotes that speaker. In PolNeAR
        train the rule credits 2 quotations, both marked by annotators (as are 283 of the 294 quotations that
        fill their sentence): scripts/count_opening_quotations.py counts them."""
        if text[sent_start:quote.start].strip(" \t\n\u201c\"") or last.quote == "indirect":
            return False
        k = bisect_left(cue_starts, sent_start)
        if k < len(cue_starts) and cue_starts[k] < sent_end:
            return False  # a cue of its own ("…,” an angry minister snapped" has no known cue, but has a subject)
        k = bisect_left(line_breaks, last.content_end)
        if k < len(line_breaks) and line_breaks[k] < quote.start:
            return False  # another paragraph
        after = doc.char_span(quote.end, sent_end, alignment_mode="expand")
        return after is not None and not any(t.dep_ in ("nsubj", "nsubjpass", "expl") and t.idx >= quote.end
                                             for t in after)

    def framer(quote: Quote, sent_start: int, sent_end: int, last: Attribution) -> Token | None:
        """ "“…,” Hannity started.", "A footnote in the report makes it clear: “…”", "Clinton has since apologized:
        “…”": the subject of the sentence a quotation fills, outside quotation marks, a noun that does not name the
        speaker heard last, frames the quotation as its own, not as the last speaker's going on (a pronoun, "she
        went on: “…”", may well be that speaker)."""
        sent = doc.char_span(sent_start, sent_end, alignment_mode="expand")
        if sent is None or last.source is None:
            return None
        heard = {w.lower() for w in re.findall(r"\w+", f"{last.source.name} {last.source.text}")}
        # the frame's verb heads the sentence, or hangs on the quotation in the parse ("The note goes on: “…”")
        return next((t for t in sent if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN")
                     and t.lower_ not in heard and not _inside(t.idx, quotes) and not _inside(t.head.idx, quotes)
                     and (t.head.dep_ == "ROOT" or quote.start <= t.head.head.idx < quote.end)), None)

    for quote in quotes:
        while next_speaker < len(speakers) and speakers[next_speaker][0] <= quote.start:
            end_, index = speakers[next_speaker]
            if latest is None or end_ > latest[0]:
                latest = (end_, index)
            next_speaker += 1
        if overlapped(quote.start, quote.end):
            continue
        if len(text[quote.start:quote.end].split()) < _CONTINUATION_MIN_WORDS:
            continue
        if latest is None:
            continue
        index = latest[1]
        last = taken(index)
        if two_breaks_between(last.end, quote.start):
            continue  # too far from its speaker to be sure
        start, end = _trim(text, quote.start, quote.end)
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        sent_start, sent_end = sentence_of(start)[0], max(sentence_of(end - 1)[1], end)
        narrated = end - start < _CONTINUATION_MIN_SHARE * len(text[sent_start:sent_end].strip())
        if narrated and not opens_uncued_sentence(quote, sent_start, sent_end, last):
            continue  # a phrase quoted inside the writer's own sentence, not a quotation that speaks
        subject = framer(quote, sent_start, sent_end, last) if not narrated else None
        if subject is not None:
            source = resolver.resolve(_np(subject))
            verb = subject.head
            out.append(Attribution(
                start=sent_start, end=sent_end, sentence=text[sent_start:sent_end], source=source,
                cue=verb.lemma_.lower(), cue_start=verb.idx, cue_end=verb.idx + len(verb.text), content=text[start:end],
                content_start=start, content_end=end, quote="direct",
                stance=content_stance(span, direct=True) or "asserts",
            ))
            latest = (end, count + len(out) - 1)
            continue

        # a quotation the writer's narration follows is a statement of its own: what comes after it is not the
        # speaker's, so it is not run on into the statement before
        if not narrated and last.quote != "indirect" and quote.start - last.end <= 3 and index < count:
            attributions[index] = replace(
                last, content=f"{last.content} … {text[start:end]}", content_end=end, end=sent_end,
                sentence=text[last.start:sent_end],
            )
            latest = (end, index)
            continue
        out.append(Attribution(
            start=sent_start, end=sent_end, sentence=text[sent_start:sent_end], source=last.source,
            cue=last.cue, cue_start=last.cue_start, cue_end=last.cue_end, content=text[start:end],
            content_start=start, content_end=end, quote="direct",
            stance=content_stance(span, direct=True) or "asserts", via=list(last.via), date=last.date,
            continuation=True,
        ))
        latest = (end, count + len(out) - 1)
    return out


# Spans ------------------------------------------------------------------------


def _inside(char: int, quotes: list[Quote]) -> bool:
    return bool(_overlapping(quotes, char, char + 1))


def _np(token: Token) -> Span:
    """A noun phrase without relative clauses, trailing dates or punctuation.

    "An engineer at the dam, who spoke on condition of anonymity" is "An
    engineer at the dam"; "the ministry on Friday" is "the ministry".
    """
    doc = token.doc
    left = token.left_edge.i
    for inner in doc[left:token.i]:  # a clause the parser hangs inside the phrase (“…,” lead author X) is no part of it
        if inner.dep_ in ("ccomp", "parataxis") and inner.right_edge.i < token.i:
            left = max(left, inner.right_edge.i + 1)
    while left < token.i and doc[left].is_punct:
        left += 1
    right = token.i
    for child in token.rights:
        if child.dep_ in ("relcl", "acl") or _is_time_modifier(child):
            named = _name_after_clause(token, child) or _name_it_goes_by(token, child)
            if named is not None:
                return named
            break
        if not child.is_punct:
            right = child.right_edge.i
    for inner in doc[token.i + 1:right + 1]:
        if inner.dep_ in ("relcl", "acl") or _is_time_modifier(inner):
            named = _name_after_clause(token, inner)
            if named is not None:
                return named
            right = inner.left_edge.i - 1
            break
    while right > left and (doc[right].is_punct or doc[right].tag_ == "POS"):
        right -= 1  # "the council's claim that …": the council, not "council's"
    return doc[left:right + 1]


#: Verbs with which a description gives the name its subject goes by ("a group calling itself Nightjar", "a hacker
#: known as Vesper", "a man identified as Tomas Reyl"): English common knowledge.
_SELF_NAMING = frozenset({"call", "name", "identify", "know"})


def _name_it_goes_by(noun: Token, clause: Token) -> Span | None:
    """The name a description says its subject goes by: "A group calling itself Nightjar said …" is Nightjar."""
    if clause.dep_ != "acl" or clause.lemma_ not in _SELF_NAMING or noun.pos_ != "NOUN":
        return None
    for c in clause.children:
        name = c if c.dep_ in ("oprd", "attr") else next(
            (g for g in c.children if g.dep_ == "pobj"), None) if c.dep_ == "prep" and c.lower_ == "as" else None
        if name is not None and name.pos_ == "PROPN" and name.right_edge.i < noun.head.i:
            return noun.doc[name.left_edge.i:name.right_edge.i + 1]
    return None


def _name_after_clause(noun: Token, clause: Token) -> Span | None:
    """The name in apposition after a clause on a description: "The chief executive of the company that runs the
    ferry, Pavel Novak, said …" is Pavel Novak, where the description alone, cut before its clause, names no one.
    Only a name set off by commas right after the clause, on the description or a noun inside it."""
    if clause.dep_ not in ("relcl", "acl") or noun.pos_ != "NOUN":
        return None  # "Michael Seaman, who lives outside the capital, Sacramento, said": a name needs no other
    doc = noun.doc
    name = next((c for c in noun.rights if c.dep_ == "appos" and c.i > clause.right_edge.i and c.pos_ == "PROPN"), None)
    if name is None or doc[name.left_edge.i - 1].text != "," or name.left_edge.i - 1 != clause.right_edge.i + 1 \
            or noun.head.i <= name.right_edge.i:
        return None  # before the verb it is the subject of; after it ("said X, a pollster who worked for Cruz's
        # opponent, Dewhurst") the name may be anyone's in the clause
    end = name.right_edge.i
    while end > name.left_edge.i and doc[end].is_punct:
        end -= 1
    return doc[name.left_edge.i:end + 1]


def _is_time_modifier(token: Token) -> bool:
    """ "on Friday", "last week": a date the parser hung on the noun rather than the verb."""
    if token.dep_ == "npadvmod" and token.ent_type_ in ("DATE", "TIME"):
        return True
    return token.dep_ == "prep" and any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in token.children)


def _text_between(doc: Doc, start: int, end: int) -> str:
    """``doc.text[start:end]`` in time proportional to the slice: ``Doc.text`` joins every token of the
    document on each access, so reading it once per cue made a report's cost grow with its square."""
    if start >= end:
        return ""
    span = doc.char_span(start, end, alignment_mode="expand")
    first = max(span.start - 1, 0)  # "expand" skips the token whose trailing space ``start`` is in
    offset = doc[first].idx
    return "".join(t.text_with_ws for t in doc[first:span.end])[start - offset:end - offset]


def _token_span(token: Token) -> tuple[int, int]:
    left, right = token.left_edge, token.right_edge
    return left.idx, right.idx + len(right.text)


def _interrupted(head: Token, frame: Token) -> tuple[int, int] | None:
    """The whole clause a frame set off by commas splits between its subject and the rest ("The plan, the
    minister said, will cost taxpayers millions"): what was said is both sides, not the longer one."""
    doc = head.doc
    subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < frame.i), None)
    lo, hi = frame.left_edge.i, frame.right_edge.i
    if doc[lo].text == ",":
        lo += 1
    if doc[hi].text == ",":
        hi -= 1
    if subject is None or subject.right_edge.i + 2 != lo or doc[lo - 1].text != "," \
            or hi + 2 >= head.right_edge.i or doc[hi + 1].text != "," or head.i < hi:
        return None
    return doc[subject.left_edge.i].idx, doc[head.right_edge.i].idx + len(doc[head.right_edge.i].text)


def _span_without(head: Token, cut: Token, within: Span | None = None) -> tuple[int, int]:
    """The characters of ``head``'s subtree on ``head``'s side of ``cut``'s subtree: the side with the clause's
    verb holds what was said ("About 4,000 workers walked out on Monday, the union said, halting the port": the
    walk-out, not the participle after the frame, however long)."""
    lo, hi = _token_span(head)
    if within is not None:
        lo, hi = max(lo, within.start_char), min(hi, within.end_char)
    cut_lo, cut_hi = _token_span(cut)
    return (lo, cut_lo) if head.idx < cut_lo else (cut_hi, hi)


_TRIM_LEAD = " \t\n,;:—–-\u201c\u201d\"'"
_TRIM_TAIL = " \t\n,;:—–-\u201c\u201d\"'"


_HYPHENED_REST = re.compile(r"-\w+(?:-\w+)*")


def _opens_quotation(text: str) -> bool:
    """Whether ``text`` leaves a quotation open: a curly opening mark not closed after it, or an odd number of
    straight ones."""
    curly = text.rfind("\u201c")
    return curly > text.rfind("\u201d") or text.count('"') % 2 == 1


def _trim(text: str, start: int, end: int, quotes: list[Quote] | None = None) -> tuple[int, int]:
    """Drop surrounding punctuation, quotation marks and a leading "that", the complementizer of "said that …".

    A "that" inside a quotation (of ``quotes``; ``None`` when the span is one)
    is the speaker's own word (“That is not cosmetic,” he said) and stays.
    """
    while start < end and text[start] in _TRIM_LEAD:
        start += 1
    while end > start and text[end - 1] in _TRIM_TAIL:
        if text[end - 1] in "\u201d\"" and _opens_quotation(text[start:end - 1]):
            break  # 'the couple were "very much together"': the mark closes one the content opens
        end -= 1
    if end < len(text) and text[end] in "\u201d\"" and _opens_quotation(text[start:end]):
        end += 1  # 'as "total rubbish."': the closing mark the parse left outside
    hyphened = _HYPHENED_REST.match(text, end) if start < end and text[end - 1].isalnum() else None
    if hyphened is not None:  # "endorsed the re-election of …": the parse split the word at its hyphen
        end = hyphened.end()
    if text[start:start + 5].lower() == "that " and end - start > 5 and quotes is not None and not _inside(start, quotes):
        start += 5
    return start, end


def _quote_kind(start: int, end: int, quotes: list[Quote]) -> QuoteKind:
    covered = sum(min(end, q.end) - max(start, q.start) for q in _overlapping(quotes, start, end))
    length = max(1, end - start)
    if covered >= 0.85 * length:
        # 'it "does not comment on market rumours"': words of the writer's before the quotation make it mixed
        # (the span may open on the quotation mark itself, outside the quotation's span)
        return "direct" if _inside(start, quotes) or _inside(start + 1, quotes) else "mixed"
    if covered > 0:
        return "mixed"
    return "indirect"
