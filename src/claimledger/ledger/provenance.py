"""Where a statement comes from, and how many independent origins a claim rests on.

The *origin* of a statement is the actor who vouches for it first:

* a named source, raised to the body it speaks for (an official to their
  state or organisation, a state agency to its state: see
  :mod:`entities`), because officials of one government repeating its line
  are one origin, not several;
* for an anonymous source known only through a channel ("an official told
  TV Chosun"), the channel, which is the only one vouching for it;
* none for generic sources ("reports", "analysts") and for reports marked as
  copies of another (syndication): they echo, they do not originate.

Statements whose wording is near-identical across reports are one origin
even when credited to different actors: the words were said once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from claimledger.ledger.entities import Resolution
from claimledger.records import Attribution, StoredReport

#: Near-identical wording: fuzz.ratio on normalised content, and long enough to be distinctive.
ECHO_RATIO = 90
ECHO_MIN_WORDS = 8


@dataclass(slots=True)
class Origin:
    """The origin of one statement: an entity id, or None when nobody is named."""

    entity: str | None
    primary: str | None  # the entity the report credits (before raising to a parent), for Claim.sources
    echo: bool = False  # from a report that copies another


def root(entity: str, parent: dict[str, str]) -> str:
    seen = {entity}
    while entity in parent and parent[entity] not in seen:
        entity = parent[entity]
        seen.add(entity)
    return entity


def origin_of(aid: str, att: Attribution, report: StoredReport, res: Resolution, media: set[str]) -> Origin:
    src = res.source_entity.get(aid)
    vias = res.via_entities.get(aid, [])
    echo = report.copy_of is not None
    if src:
        return Origin(src if src in media else root(src, res.parent), src, echo)
    if att.source and att.source.kind == "anonymous" and vias:
        return Origin(vias[0], vias[0], echo)
    return Origin(None, None, echo)


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def count_independent(origins: list[Origin], contents: list[str]) -> int:
    """Independent origins among a claim's statements (see module docstring).

    Origins are joined when two statements share near-identical wording;
    generic sources count as one origin only when nothing named backs the claim.
    """
    keys = [o.entity for o in origins]
    parent = {k: k for k in keys if k}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    norm = [_words(c) for c in contents]
    named = [i for i, k in enumerate(keys) if k and not origins[i].echo]
    for x, i in enumerate(named):
        for j in named[x + 1:]:
            if find(keys[i]) != find(keys[j]) and len(norm[i].split()) >= ECHO_MIN_WORDS \
                    and fuzz.ratio(norm[i], norm[j]) >= ECHO_RATIO:
                parent[find(keys[i])] = find(keys[j])
    groups = {find(keys[i]) for i in named}
    if groups:
        return len(groups)
    return 1 if origins else 0
