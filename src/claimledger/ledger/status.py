"""Stage 7: each claim's status over time, its readable summary, and the timeline.

An asserting claim is ``corroborated`` when two independent origins assert it (one
who only speculates, or a writer keeping their distance, vouches for nothing),
``single_source`` with one, ``unverified`` when no named origin vouches for it
(only generic sources, or only speculation); a denial or a conflict touching
it makes it ``disputed``, never ``corroborated`` (``denied`` when nobody named
supports it and someone denied it; when someone only could not confirm it, it
stays unverified); a figure its only origin later replaced by another value is
``revised``. A claim made of responses is a ``denial``, ``cannot_confirm``
or ``no_comment``. The status is recomputed at each date a statement or
conflict appeared, so the history shows when a claim became corroborated or
disputed.
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Literal

import numpy as np

from claimledger.ledger.params import LedgerParams
from claimledger.ledger.propositions import readable
from claimledger.ledger.provenance import Origin, count_independent_by_date
from claimledger.ledger.statements import Statement
from claimledger.records import Attribution, Claim, ClaimStatus, TimelineEntry

#: What contests a claim: a denial of it, only a doubt (someone could not confirm it), or a conflict with
#: other statements (another figure, another date, the words given to someone else).
Contest = Literal["denial", "doubt", "conflict"]

RESPONSE_STATUS: dict[str, ClaimStatus] = {"neg": "denial", "unc": "cannot_confirm", "nc": "no_comment"}


def _status(vouched: bool, named: bool, independent: int, contests: set[Contest], revised: bool) -> ClaimStatus:
    if contests and named and vouched:
        return "disputed"
    if "denial" in contests:  # nobody named stands by it, and someone denies it
        return "denied"
    if "conflict" in contests:  # another figure or date, not a denial: nobody said it was false
        return "disputed"
    if revised:
        return "revised"
    if not vouched or not named:
        return "unverified"
    return "corroborated" if independent >= 2 else "single_source"


def history(members: list[Statement], contests: list[tuple[str, Contest]], revised_on: str | None = None, *,
            params: LedgerParams) -> tuple[list[tuple[str, ClaimStatus]], int]:
    """(date, status) at each change, oldest first, and the independent origins at the end.

    ``contests``: the responses and conflicts that touch the claim, each as (date, "" when undated; what
    kind of contest: see :data:`Contest`); ``revised_on``: when the figure's own origin gave another
    value in its place.
    """
    dates = sorted({st.date for st in members if st.date})
    cutoffs = sorted(set(dates) | {d for d, _ in contests if d} | ({revised_on} if revised_on else set())) or [None]

    def independent_by_date(sts: list[Statement]) -> list[int]:
        return count_independent_by_date([Origin(st.origin, st.origin, channels=st.channels) for st in sts],
                                         [st.text for st in sts], [st.date or "" for st in sts], [*cutoffs, None],
                                         params=params)
    independent = independent_by_date(members)
    if members[0].polarity != "pos":  # a response: its status is what it is; its origins are the responders
        return [(dates[0] if dates else "", RESPONSE_STATUS[members[0].polarity])], independent[-1]
    # corroboration counts the origins that vouch for it: one who only speculates ("it was possible that the lights
    # were from a police helicopter") or a writer keeping their distance supports nothing
    vouching = [st for st in members if st.att.stance == "asserts" and not st.att.writer_distance]
    supporting = independent if len(vouching) == len(members) else independent_by_date(vouching) if vouching \
        else [0] * len(independent)
    vouched = min((st.date or "" for st in members if st.att.stance == "asserts"), default=None)
    named = min((st.date or "" for st in members if st.origin is not None), default=None)
    out: list[tuple[str, ClaimStatus]] = []
    for d, ind in zip(cutoffs, supporting):
        so_far = {kind for c, kind in contests if d is None or c <= d}
        status = _status(vouched is not None and (d is None or vouched <= d),
                         named is not None and (d is None or named <= d), ind, so_far,
                         revised_on is not None and (d is None or revised_on <= d))
        if not out or out[-1][1] != status:
            out.append((d or "", status))
    return out, independent[-1]


def central(members: list[int], vecs: np.ndarray) -> int:
    """The member closest to the group's mean direction (linear in the group's size)."""
    if len(members) <= 2:
        return members[0]
    sub = vecs[members]
    return members[int(np.argmax(sub @ sub.mean(0)))]


#: Content that is a bare infinitive ("planned to reunite the band", "offered to pay"): no proposition without
#: the subject and verb that govern it. English grammar.
_INFINITIVE = re.compile(r"\W*to\s+[a-z]", re.I)
#: Content that is an indirect question ("whether there were any drones at all"): no proposition either.
_QUESTION = re.compile(r"\W*whether\b", re.I)
_RELATIVE = frozenset({"who", "which", "that"})


def _saying(att: Attribution) -> str | None:
    """The words from the speaker's mention to the end of the content ("Branson had planned to reunite the
    band"), when the speaker is named before what they said, in the same sentence. A relative pronoun
    ("Branson, who wanted to …") gives way to the name it stands for."""
    src = att.source
    if src is None or src.start is None or src.end is None or not att.start <= src.start < att.cue_start <= att.content_start:
        return None
    mention = src.name if src.text.lower() in _RELATIVE else att.sentence[src.start - att.start:src.end - att.start]
    return mention + att.sentence[src.end - att.start:att.content_end - att.start]


def summary(members: list[int], statements: list[Statement], vecs: np.ndarray) -> str:
    """The claim in a sentence: the words of its most central statement (closest to all the others).

    An asserting claim reads as its proposition (the content, without its speaker and cue), unless
    the content is a bare infinitive or a question ("whether …"), which reads with its speaker and verb;
    a response reads as its whole sentence, so the denier is named and the words are not taken for an
    assertion.
    """
    if len(members) > 2:
        st = statements[central(members, vecs)]
    else:
        st = statements[min(members, key=lambda i: (statements[i].origin is None, -len(statements[i].text), i))]
    if st.polarity != "pos":  # a response reads as its whole sentence: who denies, and what
        return readable(st.att.sentence)
    if (_INFINITIVE.match(st.text) or _QUESTION.match(st.text)) and (saying := _saying(st.att)):
        # "to reunite the band", "whether there were any drones": whose plan or question, said how
        return readable(saying)
    if st.fig is None:  # its content, or the one sentence of a longer quotation that is this statement
        return readable(st.text)
    content = st.att.content
    return readable(content if len(content.split()) >= 4 and st.fig.text in content else st.text)


def timeline(claims: list[Claim], members_of: dict[str, list[Statement]]) -> list[TimelineEntry]:
    """One entry per claim and day it was stated (statements with a date of their own)."""
    entries: dict[tuple[str, str], list[str]] = defaultdict(list)
    for claim in claims:
        for st in members_of[claim.id]:
            if st.att.date:
                entries[(st.att.date, claim.id)].append(st.aid)
    by_id = {c.id: c for c in claims}
    return [TimelineEntry(date=d, summary=by_id[cid].summary, attribution_ids=sorted(set(aids)))
            for (d, cid), aids in sorted(entries.items())]
