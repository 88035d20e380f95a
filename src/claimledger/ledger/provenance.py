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
even when credited to different actors: the words were said once. Near-identical
is :func:`same_words`: the shorter wording found in the longer, so a quotation
given whole in one report and inside a longer sentence in another ("reportedly
while comforting a child, 'one day we will see …'") is one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from claimledger.ledger.entities import Resolution
from claimledger.ledger.groups import DisjointSets
from claimledger.ledger.params import DEFAULT_PARAMS, LedgerParams
from claimledger.records import Attribution, StoredReport



@dataclass(slots=True)
class Origin:
    """The origin of one statement: an entity id, or None when nobody is named."""

    entity: str | None
    primary: str | None  # the entity the report credits (before raising to a parent), for Claim.sources
    echo: bool = False  # from a report that copies another
    channels: tuple[str, ...] = ()  # the outlets and persons it came through ("told the Guardian")


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
        return Origin(src if src in media else root(src, res.parent), src, echo, tuple(vias))
    if att.source and att.source.kind == "anonymous" and vias:
        return Origin(vias[0], vias[0], echo, tuple(vias[1:]))
    return Origin(None, None, echo, tuple(vias))


@lru_cache(maxsize=65536)
def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def count_independent_by_date(origins: list[Origin], contents: list[str], dates: list[str],
                              cutoffs: list[str | None], *, params: LedgerParams = DEFAULT_PARAMS) -> list[int]:
    """Independent origins among a claim's statements dated on or before each cutoff (None: all).

    Origins are joined when two of their statements share near-identical
    wording (compared on the first few distinct wordings per origin, so a claim
    repeated thousands of times costs no more than one with a few origins);
    generic sources count as one origin only when nothing named backs the claim.
    An origin that another origin's statement of the claim came through ("said
    Plant's publicist to the Guardian", beside "according to the Guardian, the
    story is false") relays that origin, and is not one of its own. Statements
    are grouped by origin once, so each cutoff costs the number of origins, not
    of statements.
    """
    first: dict[str, str] = {}  # origin → its earliest statement's date
    relayed: dict[str, str] = {}  # a channel of another origin's statement → the earliest such statement's date
    for o, d in zip(origins, dates):
        if o.entity and not o.echo:
            for channel in o.channels:
                if channel != o.entity:
                    relayed[channel] = min(relayed.get(channel, d), d)
    wordings: dict[str, list[tuple[str, str]]] = {}  # origin → (date, long wording), in statement order
    earliest_of: dict[tuple[str, str], str] = {}  # (origin, wording) → the earliest date kept for it
    for o, c, d in zip(origins, contents, dates):
        if o.entity and not o.echo:
            first[o.entity] = min(first.get(o.entity, d), d)
            words = _words(c)
            if len(words.split()) >= params.echo_min_words:
                # A repeat of a wording already kept at this date or earlier is never sampled: wherever
                # it is on or before a cutoff, so is the earlier one, which comes first. Copies of a
                # report repeat every wording; skipping them keeps each cutoff's scan short.
                seen = earliest_of.get((o.entity, words))
                if seen is not None and seen <= d:
                    continue
                earliest_of[(o.entity, words)] = d
                wordings.setdefault(o.entity, []).append((d, words))
    earliest = min(dates, default=None)
    out = []
    for cut in cutoffs:
        samples = []
        for entity in sorted(first):
            if cut is not None and first[entity] > cut or entity in relayed and (cut is None or relayed[entity] <= cut):
                continue
            bucket: list[str] = []
            for d, words in wordings.get(entity, ()):
                if (cut is None or d <= cut) and words not in bucket:
                    bucket.append(words)
                    if len(bucket) == params.echo_samples:
                        break
            samples.append(tuple(bucket))
        if samples:
            out.append(_components(tuple(samples), params.echo_ratio))
        else:
            out.append(1 if earliest is not None and (cut is None or earliest <= cut) else 0)
    return out


@lru_cache(maxsize=4096)
def _components(samples: tuple[tuple[str, ...], ...], ratio: int) -> int:
    """Origins (each given by its sample wordings) left once those sharing near-identical wording are joined."""
    origins = DisjointSets(len(samples))
    for a in range(len(samples)):
        for b in range(a + 1, len(samples)):
            if samples[a] and samples[b] and origins.find(a) != origins.find(b) and _echo(samples[a], samples[b], ratio):
                origins.union(a, b)
    return origins.count()


@lru_cache(maxsize=65536)
def _echo(a: tuple[str, ...], b: tuple[str, ...], ratio: int) -> bool:
    """Do two origins share near-identical wording? (cached: most origins' samples repeat from date to date)"""
    return any(fuzz.partial_ratio(s, t) >= ratio for s in a for t in b)


def same_words(a: str, b: str, params: LedgerParams = DEFAULT_PARAMS) -> bool:
    """Are two texts the same words, said once: both long enough to be distinctive, and the shorter found
    near-verbatim in the longer (a quotation given whole in one report and inside more words in another)?
    The test that joins origins above and that finds words credited to two speakers."""
    wa, wb = _words(a), _words(b)
    return min(len(wa.split()), len(wb.split())) >= params.echo_min_words and _echo((wa,), (wb,), params.echo_ratio)
