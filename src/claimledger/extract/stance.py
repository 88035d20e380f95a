"""How sure a source is of what it said: the stance of one attribution.

Read off the cue and the content together, in order of strength:
``no_comment`` (declined to comment), ``cannot_confirm`` (could not
confirm), ``denies`` (denied; "groundless rumors"), ``speculates`` (may,
likely, believes; "would" inside a direct quotation, where it is
hypothetical rather than the back-shifted "will" of reported speech), else
``asserts``. The writer's own distance ("allegedly") is kept apart.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from claimledger.extract.cues import (
    COMMENT,
    CONFIRM,
    DENIAL_WORDS,
    DENY,
    DISCLOSE,
    DISMISSIVE_PREDICATES,
    HEDGES,
    REFUSE,
    REPORTED_CLAIMS,
    SPECULATE,
    SPEECH,
    STATEMENT_ANAPHORS,
    STATEMENT_NOUNS,
    WRITER_DISTANCE,
)
from claimledger.records import Stance

_MODAL_HEDGES = frozenset({"may", "might", "could", "would"})
_INABILITY = frozenset({"unable", "fail", "decline", "refuse"})
#: Verbs of memory and knowledge: "did not recall", "does not know" cannot confirm.
_RECALL = frozenset({"recall", "remember", "know"})
#: Predicates of not knowing: "it was unclear what …", "it is too soon to know …".
_UNKNOWN = frozenset({"unclear", "uncertain", "unknown", "unsure", "undetermined", "unconfirmed", "unverified"})
_TOO_SOON = frozenset({"soon", "early", "hard", "difficult", "impossible", "premature"})
_KNOWING = frozenset({"know", "say", "tell", "determine", "confirm", "judge", "predict", "verify"})
#: Predicates that, negated, deny the clause they govern: "it is not true that", "they do not mean that".
_DENYING_PREDICATES = frozenset({"true", "correct", "accurate", "right", "mean", "happen", "exist", "real"})
#: Verbs of speaking that, negated with an "if"/"whether" question, leave it unanswered ("did not say if …").
_TELLING = frozenset({"say", "tell", "specify", "disclose", "reveal", "indicate", "explain", "confirm", "answer"})
#: Modals of will that, negated, refuse rather than fail: "would not confirm", "will not say", "won't say".
_REFUSING_MODALS = frozenset({"would", "will", "wo"})
#: What a source declines to do: "I'm not going to speculate".
_DISCUSS = COMMENT | frozenset({"discuss", "speculate", "elaborate"})


def is_negated(token: Token) -> bool:
    """A verb negated directly ("could not confirm"), through the verb it is conjoined
    with ("could not confirm or corroborate"), or by inability ("unable to verify",
    "declined to comment", "did not want to comment")."""
    if any(child.dep_ == "neg" or child.dep_ == "preconj" and child.lower_ == "neither" for child in token.children):
        return True  # "could not confirm", "neither confirmed nor denied"
    head = token.head
    if head.i == token.i:
        return False
    if token.dep_ == "conj":
        return is_negated(head)
    if token.dep_ != "xcomp":
        return False
    return (
        head.lemma_.lower() in _INABILITY
        or any(c.dep_ == "neg" for c in head.children)
        or head.lower_ == "unable"  # "unable to verify" parsed with "unable" as the head
        or any(c.lower_ == "unable" for c in head.children)  # "was unable to verify"
    )


def _could_not(modal: Token) -> bool:
    """"Could" with its verb negated ("could not attend", "could no longer defend", "could never be repaired")
    says what was not possible, not what may be so: no hedge (English common knowledge; "may not",
    "might not" still hedge)."""
    if modal.lower_ != "could":
        return False
    verb = modal.head
    return any(c.dep_ == "neg" for c in verb.children) or any(
        c.dep_ == "advmod" and c.lower_ == "longer" and any(g.dep_ == "neg" for g in c.children) for c in verb.children)


def cue_stance(cue: Token) -> Stance | None:
    """The stance the cue itself carries, if any ("denied", "could not confirm", "declined to comment")."""
    lemma = cue.lemma_.lower()
    if lemma in COMMENT and is_negated(cue):
        return "no_comment"
    if lemma in CONFIRM | DENY and is_negated(cue) and _confirm_or_deny(cue):
        return "no_comment"  # "would not confirm or deny", "neither confirmed nor denied": the classic non-answer
    if lemma in CONFIRM | DISCLOSE and refuses(cue):
        return "no_comment"  # "would not confirm the figures", "declined to say": the source will not answer, not that it cannot
    if lemma in CONFIRM and is_negated(cue):
        return "cannot_confirm"
    for child in cue.children:  # "declined to comment", "could not confirm or corroborate"
        if child.dep_ in ("xcomp", "conj") and child.lemma_.lower() in COMMENT and (lemma in _INABILITY or is_negated(cue)):
            return "no_comment"
        if child.dep_ == "xcomp" and child.lemma_.lower() in CONFIRM | DISCLOSE and lemma in REFUSE:
            return "no_comment"  # "declined to say", "refused to confirm"
        if child.dep_ == "conj" and child.lemma_.lower() in CONFIRM and is_negated(cue):
            return "cannot_confirm"
    if lemma in _TELLING and is_negated(cue) and _asks(cue):
        return "no_comment"  # "did not say if dogs could go to hell"
    if lemma in _RECALL and is_negated(cue):
        return "cannot_confirm"  # "did not recall the pope saying anything like that"
    if lemma in DENY and not is_negated(cue) and not _judges_a_thing(cue) or calls_false(cue):
        return "denies"
    if lemma in SPECULATE:
        return "speculates"
    if any(c.dep_ == "aux" and c.lower_ in _MODAL_HEDGES and c.lower_ != "would" for c in cue.children):
        return "speculates"
    return None


def _judges_a_thing(cue: Token) -> bool:
    """ "The board rejected it as too low", "dismissed him as a has-been": a verb of denial whose object is no
    statement, with an "as" predicate that is no word of denial, judges a thing or a person; what it says is that
    judgement, asserted ("dismissed it as nonsense", "rejected the claims as politically motivated" deny)."""
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if obj is None or names_a_statement(obj):
        return False
    judged = [c for c in (*cue.children, *obj.children) if c.dep_ == "prep" and c.lower_ == "as"]
    return bool(judged) and not any(_denial_word(t) for a in judged for t in a.subtree)


def _denial_word(token: Token) -> bool:
    return token.lower_ in DENIAL_WORDS or token.lemma_.lower() in DENIAL_WORDS or token.lemma_.lower() in DISMISSIVE_PREDICATES


def calls_false(cue: Token) -> bool:
    """ "called the report rubbish", "a rumor … has been called “rubbish” by …", "described as “rubbish” a report
    that …": a verb whose predicate complement is a word of denial dismisses what it is said of; so does a verb
    of disapproval whose object is a claim ("rubbished suggestions that …", "criticised reports claiming …")."""
    return not is_negated(cue) and (any(c.dep_ == "oprd" and _denial_word(c) for c in cue.children)
                                    or shifted_denial(cue) is not None or _said_to_be_false(cue)
                                    or relative_claim(cue) is not None and _as_denial(cue)
                                    or _disapproves_claim(cue))


#: Verbs of disapproval (English common knowledge): with a claim for object, they dismiss it.
_DISAPPROVING = frozenset({"slam", "rubbish", "criticise", "criticize", "condemn", "blast", "ridicule", "mock",
                           "lambast", "lambaste", "decry", "deride", "scorn"})


def _disapproves_claim(cue: Token) -> bool:
    """ "Arteta rubbished suggestions that the winger was unhappy": disapproval of a claim named by a noun (not a
    pronoun, which may stand for a plan or a person: "criticised it") says it is wrong; disapproval of a remark
    or a statement judges its manner ("condemned the remarks as offensive")."""
    return cue.lemma_.lower() in _DISAPPROVING and any(
        c.dep_ == "dobj" and c.lemma_.lower() in REPORTED_CLAIMS for c in cue.children)


def names_a_statement(token: Token) -> bool:
    """Whether a noun names something said ("the claims", "his remarks", "the figures"), by its lemma or its form."""
    return token.lemma_.lower() in STATEMENT_NOUNS or token.lower_ in STATEMENT_NOUNS


def relative_claim(verb: Token) -> Token | None:
    """The statement noun a relative clause's verb has for its object: "a claim his agent denied", "an allegation
    which the firm rejects", "a claim Serra described as “pure fantasy”"."""
    if verb.dep_ != "relcl" or not names_a_statement(verb.head):
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is not None and obj.tag_ not in ("WDT", "WP"):
        return None
    return verb.head


def _as_denial(verb: Token, *, after: int = -1) -> bool:
    """ "described as “pure fantasy”": an "as" of the verb (past token ``after``) whose object is a word of denial."""
    return any(c.dep_ == "prep" and c.lower_ == "as" and c.i > after
               and any(g.dep_ == "pobj" and _denial_word(g) for g in c.children) for c in verb.children)


#: Verbs of naming, whose object's predicate the parser may take for an apposition ("calling the claim “lies”").
_NAMING = frozenset({"call", "label", "brand", "dub", "term"})


def _said_to_be_false(cue: Token) -> bool:
    """ "slammed the reports as “total rubbish”", "branded the claims as lies", "calling the claim “irresponsible
    speculation”" (the parser hanging the predicate on the object as its apposition): a statement said to be a
    word of denial. Only a statement or a pronoun for one: "slammed the plan as absurd" judges a plan."""
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    if obj is None or not (obj.lemma_.lower() in STATEMENT_NOUNS or obj.lower_ in STATEMENT_ANAPHORS | {"them"}):
        return False
    if _as_denial(cue, after=obj.i):
        return True
    doc = cue.doc
    return cue.lemma_.lower() in _NAMING and any(
        c.dep_ == "appos" and c.i > obj.i and _denial_word(c) and not any(t.text == "," for t in doc[obj.i + 1:c.left_edge.i])
        for c in obj.children)


def shifted_denial(cue: Token) -> Token | None:
    """The first word of what a predicate of denial set before its object is said of: "has described as “rubbish”
    a report that …", "dismissed as baseless claims that …".

    English puts a long object after an "as" predicate (heavy-NP shift); the
    parser then takes the object for part of the predicate ("as" with two
    objects, or the word of denial as the object's modifier). A verb with
    no object of its own whose "as" is followed at once by a word of denial
    and then by a noun says that noun's phrase is false.
    """
    if any(c.dep_ == "dobj" for c in cue.children):
        return None
    prep = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == "as" and c.i > cue.i), None)
    if prep is None:
        return None
    doc, end = cue.doc, prep.right_edge.i
    i = prep.i + 1
    while i <= end and doc[i].is_punct:  # an opening quotation mark
        i += 1
    if i > end or not _denial_word(doc[i]):
        return None
    i += 1
    while i <= end and doc[i].is_punct:  # its closing one
        i += 1
    if i > end or not any(t.pos_ in ("NOUN", "PROPN") for t in doc[i:end + 1]):
        return None
    return doc[i]


def _confirm_or_deny(verb: Token) -> bool:
    """A verb of confirming joined with one of denying, either way round ("confirm or deny", "confirmed nor denied")."""
    lemma = verb.lemma_.lower()
    other = DENY if lemma in CONFIRM else CONFIRM
    joined = [c for c in verb.children if c.dep_ == "conj"] + ([verb.head] if verb.dep_ == "conj" else [])
    return any(v.lemma_.lower() in other for v in joined)


def refuses(cue: Token) -> bool:
    """A verb negated by a modal of will ("would not confirm", "won't say") or under a verb of refusing ("declined
    to say", "refused to confirm"): the source is unwilling to answer."""
    if cue.dep_ == "xcomp" and cue.head.lemma_.lower() in REFUSE:
        return True
    children = list(cue.children)
    return any(c.dep_ == "neg" for c in children) and any(c.dep_ == "aux" and c.lower_ in _REFUSING_MODALS for c in children)


def _wh(token: Token) -> bool:
    return token.tag_ in ("WDT", "WP", "WP$", "WRB") or token.lower_ in ("if", "whether")


def _asks(cue: Token) -> bool:
    """Whether a cue's clause is an open question ("if …", "whether …", "what charges he faced", "how many were
    hurt"), or a question cut to its wh-word ("would not say when")."""
    return any(c.dep_ == "ccomp" and (_wh(c.left_edge) or any(g.dep_ == "mark" and _wh(g) or g.tag_ in ("WDT", "WP", "WRB")
                                                             for g in c.children))
               for c in cue.children) or asked_word(cue) is not None or put_question(cue) is not None


#: Verbs of putting a question to someone ("Asked whether …", "Pressed on …", "Questioned about …").
_ASKING = frozenset({"ask", "question", "press"})


def asked_adjunct(verb: Token) -> Token | None:
    """The "Asked whether …" of "Asked whether the lane would open, Shah would not say": a passive participle of
    asking, without a subject or auxiliary of its own, set before the verb. Its understood object, the one
    asked, is the verb's subject: a question put to the speaker, not a statement of theirs."""
    return next((c for c in verb.children if c.dep_ == "advcl" and c.lemma_.lower() in _ASKING and c.tag_ == "VBN"
                 and c.i < verb.i and not any(g.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for g in c.children)),
                None)


def put_question(verb: Token) -> Token | None:
    """The question an "Asked …" adjunct put to the subject of a verb with no object or clause of its own: what
    "would not say", "declined to comment" leave unanswered ("whether the lane would open", "the delay")."""
    if any(c.dep_ in ("ccomp", "dobj") for c in verb.children):
        return None
    adjunct = asked_adjunct(verb)
    if adjunct is None:
        return None
    return next((c for c in adjunct.children if c.dep_ == "ccomp"), None) or next(
        (g for c in adjunct.children if c.dep_ == "prep" and c.lower_ in ("about", "on", "over")
         for g in c.children if g.dep_ in ("pobj", "pcomp")), None)


def asked_word(cue: Token) -> Token | None:
    """The wh-word that stands for a whole question after a verb of telling: "would not say when", "did not say why"."""
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in cue.children):
        return None
    return next((c for c in cue.children if c.dep_ == "advmod" and c.i > cue.i and c.tag_ == "WRB" and not any(c.children)), None)


def _not_known(token: Token) -> bool:
    """ "unclear", "too soon to know", "hard to tell": the content says the answer is not known."""
    lemma = token.lemma_.lower()
    if is_negated(token):
        return False
    if lemma in _UNKNOWN:
        return True
    around = list(token.children) + (list(token.head.children) if token.dep_ == "acomp" else [])  # "is hard to tell"
    return lemma in _TOO_SOON and any(c.dep_ in ("xcomp", "ccomp") and c.lemma_.lower() in _KNOWING for c in around)


def _not_aware(token: Token) -> bool:
    """ "we are not aware of any accident", "it had not been informed of any injury": the source knows of
    none, which does not say there was none."""
    if token.lemma_.lower() in ("inform", "notify", "tell") and token.tag_ == "VBN" and is_negated(token):
        # the speaker itself, by its pronoun, was not told (not "customers had not been told of the recall")
        told = any(c.dep_ == "nsubjpass" and c.lower_ in ("it", "we", "i", "he", "she") for c in token.children)
        return told and any(c.dep_ == "prep" and c.lower_ in ("of", "about") for c in token.children)
    return token.lower_ == "aware" and (is_negated(token) or token.dep_ == "acomp"
                                        and any(c.dep_ == "neg" for c in token.head.children))


def _denies_clause(token: Token) -> bool:
    """ "it is not true that …", "they do not mean that …", "no such finding was made"."""
    lemma = token.lemma_.lower()
    if lemma in _DENYING_PREDICATES:
        negated = is_negated(token) or token.dep_ in ("acomp", "attr") and any(c.dep_ == "neg" for c in token.head.children)
        if negated:
            return True
    if lemma in _SAYING and is_negated(token) and any(c.dep_ == "nsubj" and c.lower_ in ("i", "we") for c in token.children) \
            and any(c.dep_ == "dobj" and c.lower_ in ("that", "this", "it", "those", "these") for c in token.children):
        return True  # "I did not say that", "we never said it": the speaker denies words given to them
    if lemma in DISMISSIVE_PREDICATES and token.dep_ == "attr" and not is_negated(token.head):
        # "reports of job cuts were speculation", "the savings figure was pure speculation": a claim or a
        # figure put forward said to be speculation is dismissed
        subject = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        if subject is not None and subject.lemma_.lower() in _CLAIM_NOUNS | STATEMENT_NOUNS:
            return True
    if token.dep_ in ("nsubj", "nsubjpass", "attr", "dobj") and token.pos_ == "NOUN":
        dets = {c.lower_ for c in token.children if c.dep_ in ("det", "amod", "predet")}
        return "no" in dets and ("such" in dets or token.lemma_.lower() in _CLAIM_NOUNS | _EVIDENCE_NOUNS)
    return False


#: Verbs of saying a speaker denies having used of words given to them (English common knowledge).
_SAYING = frozenset({"say", "tell", "state", "claim", "write", "use"})
#: Nouns whose absence denies a claim: "there is no evidence that …".
_EVIDENCE_NOUNS = frozenset({"evidence", "truth", "basis", "proof", "foundation", "substance", "finding", "indication"})

#: Nouns that name a claim, so that calling one "fake" or "groundless" denies it.
_CLAIM_NOUNS = frozenset({
    "claim", "report", "allegation", "story", "news", "rumor", "rumour", "accusation", "speculation", "idea",
    "suggestion", "notion", "assertion", "charge", "this", "that", "it", "these", "those", "they", "them", "tale",
    "quote", "quotation", "remark", "comment", "statement", "account", "reporting",
})
#: Dependencies that put a hedge outside the statement's main predicate ("weaponry Seoul could offer").
_EMBEDDED = frozenset({"relcl", "acl", "pcomp", "pobj", "amod", "csubj", "advcl", "npadvmod"})


def _told_by_another(clause: Token) -> bool:
    """Is ``clause`` what someone named in the content said, or what someone was told ("warned that prices
    could rise", "residents were told they could return")? Its hedges are that speaker's, and the content states
    that it was said. A pronoun saying it ("she told them they might wait") may be the speaker's own words."""
    verb = clause.head
    if clause.dep_ != "ccomp" or verb.lemma_.lower() not in SPEECH or verb.lemma_.lower() in SPECULATE:
        return False
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.pos_ != "PRON"


def _on_main_predicate(token: Token, root: Token, within: range, known: dict[int, bool]) -> bool:
    """Whether ``token`` modifies the content's own predicate, not a clause embedded in a noun or what someone
    the content names said (``within``: the content's token indices; the cue itself is outside).

    ``known`` holds the answers found so far for the same ``root`` (token index -> answer): the walk up
    stops at the first token already answered, so a content's tokens cost their number, not the
    number times the tree's depth (a chain of "said that … said that …" would be cubic).
    """
    path = []
    while token.i not in known:
        if token.i == root.i or token.head.i == token.i:
            answer = True
            break
        if token.dep_ in _EMBEDDED or _told_by_another(token) and token.head.i in within:
            answer = False
            break
        path.append(token.i)
        token = token.head
    else:
        answer = known[token.i]
    known[token.i] = answer
    for i in path:
        known[i] = answer
    return answer


def _first_person(token: Token) -> bool:
    """Whether the verb's subject (or the subject of the verb it hangs on) is "I" or "we"."""
    for verb in (token, token.head):
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject.lower_ in ("i", "we")
    return False


def _subject_it(token: Token) -> bool:
    """Whether the verb's subject is "it": in a body's reported words ("said it did not comment"), the body itself."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ == "it" for c in token.children)


def _denies_a_claim(content: Span) -> bool:
    """Denial words count when they judge a claim ("calling the reports groundless rumors", "This seems like fake news");
    a "that" that joins a clause ("tells so many lies that …", "lies that are repeated") points at no claim."""
    return any(t.lemma_.lower() in _CLAIM_NOUNS and not (t.lower_ == "that" and t.tag_ in ("IN", "WDT"))
               for t in content)


_MULTIPLES = frozenset({"twice", "thrice", "half", "times", "%", "percent", "per", "cent"})


def _compared_likelihood(token: Token) -> bool:
    """ "14% less likely to develop the disease", "twice as likely to be admitted": a measured difference in how
    often something happens, the finding itself and no hedge on it (unlike "more likely to end next week")."""
    return token.lower_ in ("likely", "unlikely") and any(
        t.i < token.i and (t.like_num or t.lower_ in _MULTIPLES)
        for c in token.children if c.dep_ == "advmod" for t in c.subtree)


def content_stance(content: Span, *, direct: bool) -> Stance | None:
    """The stance the content words carry: a nested inability to confirm, denial words, or hedges."""
    denial = hedge = declines = False
    root = content.root
    on_main: dict[int, bool] = {}
    within = range(content.start, content.end)
    for token in content:
        lower = token.lower_
        lemma = token.lemma_.lower()
        if lemma in CONFIRM and is_negated(token) and token.pos_ in ("VERB", "AUX"):
            return "cannot_confirm"
        if lower in DENIAL_WORDS or lemma in DENIAL_WORDS:
            # "it did not comment on rumours": the topic of a refusal to comment is not called false
            denial = denial or not any(a.lemma_.lower() in _DISCUSS and is_negated(a) for a in token.ancestors)
        elif token.dep_ == "advcl" and token.head.i == root.i and not any(c.lower_ == "even" for c in token.children) \
                and any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children):  # "even if" concedes
            hedge = True  # a conditional: "if she goes to hell, it'll be my fault"
        elif content.start <= token.head.i < content.end and not _on_main_predicate(token, root, within, on_main):
            continue  # (a word the parse hangs outside the content is one of its top words: "was “[not] very likely”")
        elif _not_known(token) or lemma in _RECALL - {"know"} and is_negated(token) or _not_aware(token):
            return "cannot_confirm"
        elif _denies_clause(token):
            return "denies"
        elif lemma in _DISCUSS and is_negated(token) and (_first_person(token) or not direct and _subject_it(token)):
            declines = True  # "I'm not going to speculate", "the company said it did not comment on rumours"
        elif (lemma == "rule" and any(c.lower_ == "out" for c in token.children) or lemma in ("discount", "exclude")) \
                and is_negated(token):
            hedge = True  # "cannot rule out", "cannot discount"
        elif lower in _MODAL_HEDGES and token.tag_ == "MD":
            if (lower != "would" or direct) and not _could_not(token):
                hedge = True
        elif lemma in HEDGES and lemma not in _MODAL_HEDGES and lower not in WRITER_DISTANCE \
                and not _compared_likelihood(token):
            hedge = True
        elif lemma == "expect" and token.tag_ == "VBN":  # "is expected to"
            hedge = True
    if denial and _denies_a_claim(content):
        return "denies"
    if declines:
        return "no_comment"
    if hedge:
        return "speculates"
    return None


def stance_of(cue: Token, content: Span | None, *, direct: bool) -> Stance:
    """The stance of one attribution from its cue and content."""
    from_cue = cue_stance(cue)
    if from_cue in ("no_comment", "cannot_confirm", "denies"):
        return from_cue
    from_content = content_stance(content, direct=direct) if content is not None else None
    if from_content in ("cannot_confirm", "denies"):
        return from_content
    return from_cue or from_content or "asserts"


def writer_distance(sentence: Span, cue: Token) -> str | None:
    """The reporter's own hedge in the sentence ("allegedly", "purportedly", a "claimed" cue)."""
    for token in sentence:
        if token.lower_ in WRITER_DISTANCE and token.i != cue.i:
            return token.lower_
    if cue.lemma_.lower() in ("claim", "allege"):
        return cue.lower_
    return None
