"""Stage 4: how each statement relates to the claims it addresses.

A member of an asserting claim *supports* it (or *hedges* it when it only
speculates; a generic source such as "reports", or a writer keeping their
distance with "allegedly", only *reports* it). A denial,
a cannot-confirm or a no-comment is grouped with statements like it (their
own claim: "the publicist calls the story rubbish") and *answers* one
asserting claim:

* a statement with a proposition of its own answers the asserting claim whose
  statements the same-claim model finds closest (polarity aside), when that
  clears the model's threshold, and nothing otherwise (denying what nobody
  asserted is not a conflict); a denial never answers an assertion that itself
  says no ("knew of no crashes linked to the fault" / "denied that the fault
  caused any crash": the two agree);
* a statement that names a figure others gave only to answer it ("reports of 2,000 job cuts were
  speculation", "the reports that 300 had died are untrue"), when it is anaphoric or the model places
  it with no claim, answers the claim giving that figure (the same value of the same counted thing,
  harmed alike; the most widely reported such claim);
* another anaphoric statement ("denied the reports", "these claims are
  groundless", "This seems like yet another fake news story") answers what
  its speaker's own assertion in the same sentence answers ("said no ransom
  was demanded, contradicting earlier reports": the others' claim closest to
  that assertion), else what the nearest statement before it in its report (within
  about two sentences) puts forward: an asserting one's claim, or what a response in
  its own words answers ("Baltline denied reports that its ferry had been overloaded.
  'These claims are false,' its chief executive said"), else the report's main claim
  (its most widely reported one). One that describes what it answers ("the rumour that
  Voss had quit") answers the earlier statement of its report sharing the description's
  words, else the claim of another report the pair model finds closest; one said only by
  reference ("dismissed the report") after its speaker's response in words in the same
  report answers what that one answers, and is the same response.

An assertion that is someone else's words with a negation ("the company had
never threatened to hire replacement workers") is a denial of their claim
(:func:`negations`), and is read as one from here on.

A denial is never a claim *made by* the denier about the denied matter: it
is a response, linked to what it answers. Responses of one origin and one
polarity to one claim form one response claim.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from claimledger.extract.cues import REPORTED_CLAIMS
from claimledger.ledger.claims import Matcher
from claimledger.ledger.matching import negation_only
from claimledger.ledger.groups import DisjointSets
from claimledger.ledger.params import LedgerParams
from claimledger.ledger.propositions import STOP_WORDS, Proposition
from claimledger.ledger.statements import OWNED_CLAIM, Statement
from claimledger.records import Relation

# A noun for a claim and what follows it describing the claim ("the claim of destroyed ballots", "reports that the
# dam had failed").
_DESCRIPTION = re.compile(r"\b(?:%s)\s+(?:of|that|about)\s+(.+)" % "|".join(
    sorted({f"{noun}s?" for noun in REPORTED_CLAIMS} | {"stories"})), re.I)
_WORD = re.compile(r"[a-z]{4,}")


def _words(text: str) -> frozenset[str]:
    """A text's content words cut to five letters, so that "destroyed" and "destroy" are one."""
    return frozenset(w[:5] for w in _WORD.findall(text.lower()) if w not in STOP_WORDS)


def _described(content: str) -> frozenset[str]:
    """The words with which a response describes the claim it answers, if it does ("the claim of destroyed
    ballots": "destr", "ballo"); none for "denied it" or "these claims"."""
    m = _DESCRIPTION.search(content)
    return _words(m.group(1)) if m else frozenset()


@dataclass(frozen=True, slots=True)
class Answer:
    """A group of non-asserting statements and the asserting claim (group index) it answers."""

    group: int
    target: int  # the claim most of its parts answer
    also: tuple[int, ...] = ()  # other claims some of its parts answer (one origin's denials of several)


def relation(st: Statement) -> Relation:
    """The relation of a statement to the claim it belongs to or answers."""
    if st.polarity == "neg":
        return "denies"
    if st.polarity == "unc":
        return "cannot_confirm"
    if st.polarity == "nc":
        return "no_comment"
    if st.att.writer_distance or (st.att.source is not None and st.att.source.kind == "generic"
                                  and st.origin is None):
        return "reports"  # the writer keeps their distance ("allegedly"), or only "reports" say it
    return "hedges" if st.att.stance == "speculates" else "supports"


def _speaker(st: Statement) -> str:
    """Who said it, for "nobody answers themself": its origin, else its source's name."""
    return st.origin or (st.att.source.name if st.att.source else "")


def _partner_index(candidates: np.ndarray) -> Callable[[int], list[int]]:
    """The statements paired with a statement among the candidate pairs, by one sort of the pairs' ends
    (a scan of every pair per statement asked would cost the candidates' count each time)."""
    ends = np.concatenate([candidates[:, 0], candidates[:, 1]])
    others = np.concatenate([candidates[:, 1], candidates[:, 0]])
    order = np.argsort(ends, kind="stable")
    ends, others = ends[order], others[order]

    def partners(i: int) -> list[int]:
        lo, hi = np.searchsorted(ends, (i, i + 1))
        return sorted(set(others[lo:hi].tolist()))
    return partners


def negations(statements: list[Statement], groups: list[list[int]], matcher: Matcher,
              candidates: np.ndarray) -> list[int]:
    """Assertions that say no to someone else's claim in its own words ("the company had never threatened to hire
    replacement workers" after a union official's "the company had threatened to …"): each is a denial of that
    claim, not a claim of its own. Only a statement that is the other's words with a negation
    (:func:`matching.negation_only`), whose claim is all such negations by one speaker: a negated statement the
    stance model reads as disagreeing is kept apart from the claim in grouping, but taken for a denial it made
    12 more conflicts on PolNeAR dev and 23 on the train sample, most of them false.
    """
    negated = [i for i, st in enumerate(statements) if st.polarity == "pos" and matcher.profiles[i].negated]
    if not negated or not len(candidates):
        return []
    group_of = {i: g for g, members in enumerate(groups) for i in members}
    partners = _partner_index(candidates.reshape(-1, 2))

    found = {i for i in negated for j in partners(i)
             if statements[j].polarity == "pos" and group_of[j] != group_of[i]
             and _speaker(statements[j]) != _speaker(statements[i])
             and negation_only(statements[i].text, statements[j].text)}
    return sorted(i for i in found if all(
        k in found and _speaker(statements[k]) == _speaker(statements[i]) for k in groups[group_of[i]]))


def answers(statements: list[Statement], props: list[Proposition], groups: list[list[int]], matcher: Matcher,
            candidates: np.ndarray, *, params: LedgerParams) -> tuple[list[list[int]], list[Answer]]:
    """The groups, with responses of one polarity to one claim joined, and the claim each response answers.

    Anaphoric statements reach this stage alone (their words are not their proposition, so
    grouping never joins them). Responses of one origin (or one report) with one polarity are
    joined here into one response claim when they answer the same claim, are both blanket
    ("these claims"), or say the same thing by the pair model. Groups that answer nothing are
    left as they are.
    """
    group_of = np.empty(len(statements), dtype=np.int64)
    for g, members in enumerate(groups):
        group_of[members] = g
    positive = np.array([st.polarity == "pos" for st in statements], dtype=bool)
    docs_of_group = [len({statements[i].doc for i in m}) for m in groups]
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, st in enumerate(statements):
        by_doc[st.doc].append(i)

    def main_claim(doc: str) -> int | None:
        """The report's most widely reported asserting claim (ties: the first one in the report)."""
        best = None
        for i in by_doc[doc]:
            if positive[i]:
                g = int(group_of[i])
                key = (-docs_of_group[g], statements[i].att.start)
                if best is None or key < best[0]:
                    best = (key, g)
        return best[1] if best else None

    def preceding(i: int) -> int | None:
        """What the nearest statement before ``i`` in its report puts forward: an assertion by someone else (nobody
        answers themself) or passed on by someone else ("media, citing the NIS, reported …; the NIS could not
        confirm these reports"), its claim; a response in its own words ("Baltline denied that the vessel was
        overloaded. 'These claims are false,' …"), what that answers."""
        st = statements[i]
        earlier = [j for j in by_doc[st.doc] if statements[j].att.start < st.att.start
                   and (j in answered_by_words or positive[j]
                        and (_speaker(statements[j]) != _speaker(st) or statements[j].att.via))]
        # "International observers said they were unable to verify the claim of destroyed ballots": a response that
        # describes what it answers answers the earlier statement sharing most of the description's words, however
        # far back, else the claim of another report the pair model finds closest; one that does not ("denied the
        # reports") the nearest within about two sentences
        owner = OWNED_CLAIM.search(st.att.content)
        if owner:  # "could not confirm the opposition's figures": the earlier statement of that speaker, however far
            word = owner.group("owner").lower()
            theirs = [j for j in earlier if positive[j] and word in f"{_speaker(statements[j])} "
                      f"{statements[j].att.source.text if statements[j].att.source else ''}".lower()]
            if theirs:
                return int(group_of[max(theirs, key=lambda j: (statements[j].att.start, j))])
        named = _described(st.att.content)
        shared = {j: len(named & _words(statements[j].text)) for j in earlier} if named else {}
        before = [j for j in earlier if shared.get(j)]
        if not before and named and i in best:
            return best[i][1]  # "called the rumour that Voss had quit false": a claim told in another report
        before = before or [j for j in earlier if st.att.start - params.anaphora_chars <= statements[j].att.start]
        if not before:
            return None
        j = max(before, key=lambda j: (shared.get(j, 0), statements[j].att.start, j))
        return answered_by_words[j] if j in answered_by_words else int(group_of[j])

    partners: Callable[[int], list[int]] | None = None  # made on the first call of alongside that needs it

    def alongside(i: int) -> int | None:
        """The others' asserting claim closest to what ``i``'s speaker asserts in the same sentence ("said no
        ransom had been demanded, contradicting earlier reports": the reports that one was)."""
        nonlocal partners
        st = statements[i]
        own = [j for j in by_doc[st.doc] if positive[j] and statements[j].att.sentence == st.att.sentence
               and _speaker(statements[j]) == _speaker(st)]
        if own and partners is None:
            partners = _partner_index(candidates.reshape(-1, 2))
        pairs = [(j, k) for j in own for k in partners(j)
                 if positive[k] and group_of[k] != group_of[j] and _speaker(statements[k]) != _speaker(st)]
        if not pairs:
            return None
        probs = matcher.probability(np.array(pairs, dtype=np.int64))
        top = int(np.argmax(probs))
        return int(group_of[pairs[top][1]]) if probs[top] >= matcher.model.threshold else None

    giving: dict[tuple, set[int]] = defaultdict(set)  # the claims giving each figure: (value, class, harm)
    harmed: dict[tuple, set[int]] = defaultdict(set)  # and by (value, harm), for a tally or harm noun of no class
    for i, p in enumerate(props):
        if positive[i] and p.quantity is not None and not p.quantity.supposed:
            giving[(p.quantity.value, p.quantity.subject_class, p.quantity.harm)].add(i)
            if p.quantity.harm is not None:
                harmed[(p.quantity.value, p.quantity.harm)].add(i)

    def referred(i: int) -> int | None:
        """The claim giving the figure ``i`` only refers to ("reports of 2,000 job cuts were speculation"):
        the most widely reported claim with that figure, by someone else."""
        q = props[i].quantity
        if q is None or not q.supposed:
            return None
        # "reports of two deaths": a count of whoever suffered the harm ("two people had died")
        same = harmed.get((q.value, q.harm), ()) if q.subject_class == -1 and q.harm is not None \
            else giving.get((q.value, q.subject_class, q.harm), ())
        found = {int(group_of[j]) for j in same if _speaker(statements[j]) != _speaker(statements[i])}
        return min(found, key=lambda g: (-docs_of_group[g], g)) if found else None

    # Best asserting partner of each non-asserting statement among the candidate pairs.
    cross = candidates[positive[candidates[:, 0]] != positive[candidates[:, 1]]] if len(candidates) else candidates
    best: dict[int, tuple[tuple[bool, float], int]] = {}  # (same report, probability), claim
    if len(cross):
        probs = matcher.probability(cross)
        for (a, b), p in zip(cross.tolist(), probs.tolist()):
            neg, pos = (a, b) if not positive[a] else (b, a)
            if _speaker(statements[neg]) == _speaker(statements[pos]):
                # nobody answers themself: its speaker's other words in its own sentence ("corrected its story, saying
                # it was unclear") or elsewhere ("confirmed three cases" / "denied that anyone had died"); a speaker
                # turning on their own claim is a stance shift, which the conflicts find
                continue
            if statements[neg].polarity == "neg" and matcher.profiles[pos].negated:
                continue  # "knew of no crashes linked to the fault" / "denied that the fault caused any crash": agreed
            # a report that gives a response and an assertion it clears the bar with puts the two side by side:
            # that one is what it answers ("denied that it had been warned … The Courier reported that the valve
            # had been flagged"), before any of another report however close
            key = (statements[pos].doc == statements[neg].doc, p)
            if p >= matcher.model.threshold and (neg not in best or key > best[neg][0]):
                best[neg] = (key, int(group_of[pos]))

    # A response with a proposition of its own answers whoever states that, if anyone does.
    answered_by_words = {i: t for i in range(len(statements)) if not positive[i] and not props[i].anaphoric
                         and (t := best[i][1] if i in best else referred(i)) is not None}

    def first_answer(i: int) -> int | None:
        if not props[i].anaphoric:
            return answered_by_words.get(i)
        # it points back: at what its speaker says beside it, else at its context
        target = referred(i)
        target = alongside(i) if target is None else target
        target = preceding(i) if target is None else target
        return main_claim(statements[i].doc) if target is None else target

    response_groups = [g for g, members in enumerate(groups) if not positive[members[0]]]
    answer_of = {i: t for g in response_groups for i in groups[g] if (t := first_answer(i)) is not None}
    # what a response says in words: its own proposition, or a description of what it answers ("the rumour that …")
    in_words = [not p.anaphoric or bool(_described(st.att.content)) for st, p in zip(statements, props)]
    worded = {g: [i for i in groups[g] if in_words[i] and i in answer_of] for g in response_groups}

    def worded_before(i: int, pool: list[int]) -> int | None:
        """The response in words of ``pool`` nearest before ``i`` in its report: its speaker denying in words and
        then by reference ("called the rumour that … rubbish"; "debunked the report") denies one thing."""
        st = statements[i]
        earlier = [j for j in pool if statements[j].doc == st.doc and statements[j].att.start < st.att.start]
        return max(earlier, key=lambda j: statements[j].att.start) if earlier else None

    def by_doc_of(pool: list[int]) -> dict[str, list[int]]:
        out: dict[str, list[int]] = defaultdict(list)
        for j in pool:
            out[statements[j].doc].append(j)
        return out

    targets: dict[int, int] = {}
    for g in response_groups:
        votes: Counter[int] = Counter()
        for i in groups[g]:
            said = worded_before(i, worded[g]) if not in_words[i] else None
            target = answer_of[said] if said is not None else answer_of.get(i)
            if target is not None:
                votes[target] += 1
        if votes:
            targets[g] = min(votes, key=lambda t: (-votes[t], t))
    # Responses of one origin with one polarity are one response claim when they answer the same
    # claim, when neither has words of its own ("these claims", "fake news": a blanket denial
    # rejects the story, wherever its context placed it), when a blanket one follows the other in words
    # in one report (it answers what the words name), or when they say the same thing.
    bucket: dict[tuple, list[int]] = defaultdict(list)
    for g in targets:
        first = statements[groups[g][0]]
        bucket[(first.polarity, first.origin or first.doc)].append(g)
    sets = DisjointSets(len(groups))
    blanket = {g for g in targets if all(props[i].anaphoric for i in groups[g])}
    for gs in bucket.values():
        for a, b in combinations(gs, 2):
            if targets[a] == targets[b] or (a in blanket and b in blanket):
                sets.union(a, b)
        pool = by_doc_of([i for b in gs for i in worded[b]])  # by report: one origin may respond thousands of times
        for a in gs:
            said = [j for i in groups[a] if (j := worded_before(i, pool[statements[i].doc])) is not None] \
                if not any(in_words[i] for i in groups[a]) else []
            if said:
                own = int(group_of[max(said, key=lambda j: statements[j].att.start)])
                sets.union(a, own)
                targets[a] = targets[own]
        rest = np.array([(groups[a][0], groups[b][0]) for a, b in combinations(gs, 2)
                         if sets.find(a) != sets.find(b)], dtype=np.int64).reshape(-1, 2)
        if len(rest):
            for (i, j), p in zip(rest.tolist(), matcher.probability(rest).tolist()):
                if p >= matcher.model.threshold:
                    sets.union(int(group_of[i]), int(group_of[j]))
    joined: dict[int, list[int]] = defaultdict(list)
    for g in sorted(targets):
        joined[sets.find(g)].append(g)
    answered: dict[int, tuple[int, tuple[int, ...]]] = {}
    for gs in joined.values():  # the joined response answers most what most of its parts answered
        votes = Counter(targets[g] for g in gs for _ in groups[g])
        common = min(votes, key=lambda t: (-votes[t], t))
        answered[gs[0]] = (common, tuple(sorted(set(votes) - {common})))
    absorbed = {g: gs[0] for gs in joined.values() for g in gs[1:]}
    kept = [g for g in range(len(groups)) if g not in absorbed]
    index = {g: k for k, g in enumerate(kept)}
    joined_in: dict[int, list[int]] = defaultdict(list)
    for h, into in absorbed.items():
        joined_in[into].extend(groups[h])
    merged = [sorted(groups[g] + joined_in.get(g, [])) for g in kept]
    return merged, [Answer(index[g], index[t], tuple(index[x] for x in also)) for g, (t, also) in sorted(answered.items())]
