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
SAMPLES = 4  # distinct wordings per origin compared for echoes


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

    Origins are joined when two of their statements share near-identical
    wording (compared on a few distinct wordings per origin, so a claim
    repeated thousands of times costs no more than one with a few origins);
    generic sources count as one origin only when nothing named backs the claim.
    """
    samples: dict[str, list[str]] = {}
    for o, c in zip(origins, contents):
        if o.entity and not o.echo:
            words = _words(c)
            bucket = samples.setdefault(o.entity, [])
            if len(bucket) < SAMPLES and words not in bucket and len(words.split()) >= ECHO_MIN_WORDS:
                bucket.append(words)
    keys = sorted(samples)
    parent = {k: k for k in keys}

    def find(k):
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for x, a in enumerate(keys):
        for b in keys[x + 1:]:
            if find(a) != find(b) and any(fuzz.ratio(s, t) >= ECHO_RATIO for s in samples[a] for t in samples[b]):
                parent[find(a)] = find(b)
    if keys:
        return len({find(k) for k in keys})
    return 1 if origins else 0
