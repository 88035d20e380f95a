"""Stories: grouping a mixed stream of reports, one report at a time.

A feed or an archive carries many stories; each gets its own ledger. A report
is described by :class:`StoryFeatures` (a sentence vector of its opening, the
names spaCy's entity recogniser finds in it, its date) and placed by
:meth:`StoryIndex.place` into the story it fits best, or a new one. Placing is
incremental (a story keeps a running profile: the sum of its members'
vectors and how many members name each entity), deterministic (ties go to the
older story) and bounded: a report is scored only against stories sharing
its rarest names and the most recently active ones, never against every
story. Stories outside the time window are never joined.

Memory is bounded too: the index holds the :data:`OPEN_STORIES` most recently
joined stories. An older one is closed (its profile stays in the store) and
new reports no longer join it unless pinned to it by name; in a stream that
many stories back a story is over, and an archive's stream of new stories
would otherwise grow the index without end.

The score is the cosine to the story's mean vector plus the share of the
report's names (weighted by how few stories use them) that the story has
seen. Threshold and weight were set on ECB+ dev (topics 1-35, two real-world
events per topic): B-cubed F1 0.89 on the plateau T 0.6-0.7, weight 0.6-1.3.

No clustering library fits: scikit-learn and hdbscan cluster a fixed set at
once, while a report here must be placed on arrival and keep its story.
"""
from __future__ import annotations

import heapq
import math
import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from claimledger.records import ReportExtraction

THRESHOLD = 0.7  # score to join a story rather than start one
ENTITY_WEIGHT = 1.0  # weight of shared names against the cosine
WINDOW_DAYS = 30  # a report dated further than this from a story's span starts another story
NAME_CANDIDATES = 16  # stories sharing the report's rarest names that are scored
RECENT_CANDIDATES = 16  # most recently joined stories that are scored as well
POSTING_CAP = 64  # stories remembered per name (the most recent)
PROFILE_NAMES = 200  # names kept in a story's profile (the most frequent)
LEDE_CHARS = 800  # the opening the vector is taken from (the model reads 128 tokens anyway)
NER_CHARS = 3000  # the part of the text names are read from
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"})
MAX_NAME = 100  # longest story name stored (the column's width)
OPEN_STORIES = 2000  # stories held open in memory (the most recently joined); each is at most ~25 KB


@dataclass(slots=True)
class StoryFeatures:
    """What grouping reads of one report."""

    vector: np.ndarray  # unit sentence vector of the title and opening
    entities: tuple[str, ...]  # lower-cased names, sorted, unique
    date: str | None  # the report's stated or inferred date


@dataclass(slots=True)
class StoryProfile:
    """A story's running summary, enough to place the next report without rereading the others."""

    name: str
    pinned: bool = False  # named by hand (analyze --story)
    size: int = 0
    centroid: np.ndarray | None = None  # sum of member vectors
    entities: Counter = field(default_factory=Counter)  # name -> members naming it
    first: str | None = None
    last: str | None = None
    seen: int = 0  # arrival number of the latest member


def lede(extraction: ReportExtraction) -> str:
    """Title and opening of the cleaned text: where a report says which story it is."""
    title = (extraction.report.title or "").strip()
    body = extraction.clean.text[:LEDE_CHARS]
    return f"{title}\n{body}" if title and not body.startswith(title) else body


def story_features(extractions: Sequence[ReportExtraction]) -> list[StoryFeatures]:
    """Features of each extraction: one vector per report (computed alone, so results do not
    depend on how reports are batched) and the names the extraction's parse found in its opening."""
    from claimledger.ledger.embeddings import embed

    return [
        StoryFeatures(
            vector=embed([lede(e)], cache=False)[0],
            entities=tuple(sorted({_name(n.text) for n in e.names if n.label in ENTITY_LABELS and n.start < NER_CHARS}
                                  - {""})),
            date=e.published,
        )
        for e in extractions
    ]


def _name(text: str) -> str:
    return " ".join(re.sub(r"^(the|a|an)\s+|'s$", "", text.strip().lower()).split())


def _day(value: str | None) -> date | None:
    if value and len(value) >= 10:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


class StoryIndex:
    """The open stories and an index of their names, for placing reports one by one.

    ``closed`` looks up a story that is no longer open (in the store): its
    name is not given to a new story, and a report pinned to it reopens it.
    """

    def __init__(self, profiles: Iterable[StoryProfile] = (),
                 closed: Callable[[str], StoryProfile | None] = lambda name: None, open_stories: int = OPEN_STORIES):
        self.profiles: dict[str, StoryProfile] = {}
        self._postings: dict[str, deque[str]] = {}
        self._posted: dict[str, set[str]] = {}  # story -> names it was posted under (profiles keep only the top ones)
        self._order: dict[str, int] = {}  # creation order, for ties
        self._created = 0
        self._clock = 0
        self._closed = closed
        self._open = open_stories
        for profile in sorted(profiles, key=lambda p: p.seen):
            self._register(profile)
            self._clock = max(self._clock, profile.seen)

    def _register(self, profile: StoryProfile) -> None:
        if profile.name not in self._order:
            self._order[profile.name] = self._created
            self._created += 1
        self.profiles[profile.name] = profile
        for entity in profile.entities:
            self._post(entity, profile.name)
        while len(self.profiles) > self._open:
            self._close(min(self.profiles.values(), key=lambda p: p.seen))

    def _close(self, profile: StoryProfile) -> None:
        del self.profiles[profile.name], self._order[profile.name]
        for entity in self._posted.pop(profile.name, ()):
            posting = self._postings.get(entity)
            if posting is not None and profile.name in posting:
                posting.remove(profile.name)
                if not posting:
                    del self._postings[entity]

    def _post(self, entity: str, name: str) -> None:
        posting = self._postings.setdefault(entity, deque(maxlen=POSTING_CAP))
        if name in posting:
            posting.remove(name)
        posting.append(name)
        self._posted.setdefault(name, set()).add(entity)

    def _weights(self, entities: Sequence[str]) -> dict[str, float]:
        """Rarer names weigh more: log of stories over stories naming it (capped postings undercount common names)."""
        total = len(self.profiles)
        return {e: math.log((2 + total) / (1 + len(self._postings.get(e, ())))) for e in entities}

    def _candidates(self, weights: dict[str, float]) -> list[StoryProfile]:
        shared: Counter = Counter()
        for entity, weight in weights.items():
            for name in self._postings.get(entity, ()):
                shared[name] += weight
        by_names = heapq.nsmallest(NAME_CANDIDATES, shared, key=lambda n: (-shared[n], self._order[n]))
        recent = heapq.nlargest(RECENT_CANDIDATES, self.profiles.values(), key=lambda p: p.seen)
        chosen = {n: self.profiles[n] for n in by_names}
        chosen.update((p.name, p) for p in recent)
        return sorted(chosen.values(), key=lambda p: self._order[p.name])

    def score(self, profile: StoryProfile, features: StoryFeatures, weights: dict[str, float]) -> float | None:
        """How well a report fits a story; None when its date is outside the story's time window."""
        day, first, last = _day(features.date), _day(profile.first), _day(profile.last)
        if day and first and last and ((first - day).days > WINDOW_DAYS or (day - last).days > WINDOW_DAYS):
            return None
        norm = float(np.linalg.norm(profile.centroid)) if profile.centroid is not None else 0.0
        cosine = float(features.vector @ profile.centroid) / norm if norm else 0.0
        total = sum(weights.values())
        shared = sum(w for e, w in weights.items() if profile.entities.get(e)) / total if total else 0.0
        return cosine + ENTITY_WEIGHT * shared

    def place(self, features: StoryFeatures) -> str:
        """The story a report belongs to: the best-scoring candidate over the threshold, else a new name."""
        weights = self._weights(features.entities)
        best: tuple[float, str] | None = None
        for profile in self._candidates(weights):
            value = self.score(profile, features, weights)
            if value is not None and value >= THRESHOLD and (best is None or value > best[0]):
                best = (value, profile.name)
        return best[1] if best else self.new_name(features)

    def new_name(self, features: StoryFeatures) -> str:
        """A readable, unused name: the report's most distinctive name and its month ("tara-reid-2008-01")."""
        weights = self._weights(features.entities)
        top = min(weights, key=lambda e: (-weights[e], e), default="")
        base = "-".join(filter(None, (_slug(top), (features.date or "")[:7]))) or "story"
        name, n = base, 1
        while name in self.profiles or self._closed(name) is not None:
            n += 1
            name = f"{base}-{n}"
        return name

    def add(self, name: str, features: StoryFeatures, *, pinned: bool = False) -> StoryProfile:
        """Record that a report joined story ``name`` (created if new); returns the profile to persist."""
        self._clock += 1
        profile = self.profiles.get(name) or self._closed(name) or StoryProfile(name=name, pinned=pinned)
        profile.size += 1
        profile.centroid = features.vector.astype(np.float32) + (
            profile.centroid if profile.centroid is not None else 0.0)
        profile.entities.update(features.entities)
        if len(profile.entities) > PROFILE_NAMES:
            profile.entities = Counter(dict(sorted(profile.entities.items(), key=lambda kv: (-kv[1], kv[0]))[:PROFILE_NAMES]))
        dates = [d for d in (profile.first, profile.last, features.date) if _day(d)]
        if dates:
            profile.first, profile.last = min(dates), max(dates)
        profile.seen = self._clock
        self._register(profile)
        for entity in features.entities:
            self._post(entity, name)
        return profile


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def story_name(text: str) -> str:
    """A name given by hand, checked: printable, at most MAX_NAME characters, no surrounding space."""
    name = " ".join(text.split())
    if not name or len(name) > MAX_NAME or not name.isprintable():
        raise ValueError(f"story name must be 1-{MAX_NAME} printable characters: {text[:MAX_NAME]!r}")
    return name


def bcubed(predicted: Sequence[str], gold: Sequence[str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a grouping against gold groups (per item, averaged)."""
    pred_groups: dict[str, set[int]] = {}
    gold_groups: dict[str, set[int]] = {}
    for i, (p, g) in enumerate(zip(predicted, gold)):
        pred_groups.setdefault(p, set()).add(i)
        gold_groups.setdefault(g, set()).add(i)
    n = len(predicted)
    if not n:
        return 0.0, 0.0, 0.0
    precision = recall = 0.0
    for p, g in zip(predicted, gold):
        both = len(pred_groups[p] & gold_groups[g])
        precision += both / len(pred_groups[p])
        recall += both / len(gold_groups[g])
    precision, recall = precision / n, recall / n
    return precision, recall, 2 * precision * recall / (precision + recall) if precision + recall else 0.0
