"""Story profiles in the store (table ``stories``): the open ones loaded when a run starts, saved as reports join."""
from __future__ import annotations

from collections import Counter

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from claimledger.ledger.stories import StoryProfile
from claimledger.store.models import StoryRow
from claimledger.store.repository import Store


def load_profiles(store: Store, limit: int | None = None) -> list[StoryProfile]:
    """Every story's profile (or the ``limit`` most recently joined), oldest activity first."""
    query = select(StoryRow).order_by(StoryRow.seen.desc(), StoryRow.id.desc()).limit(limit)
    with Session(store.engine) as session:
        return [_profile(row) for row in session.scalars(query)][::-1]


def load_profile(store: Store, name: str) -> StoryProfile | None:
    """One story's profile, or None when no story has this name."""
    with Session(store.engine) as session:
        row = session.scalar(select(StoryRow).where(StoryRow.name == name))
        return _profile(row) if row is not None else None


def _profile(row: StoryRow) -> StoryProfile:
    return StoryProfile(
        name=row.name, pinned=row.pinned, size=row.size,
        centroid=np.frombuffer(row.centroid, dtype=np.float32).copy() if row.centroid else None,
        entities=Counter(row.entities), first=row.first, last=row.last, seen=row.seen)


def save_profile(store: Store, profile: StoryProfile) -> None:
    """Insert or update one story's profile, in its own transaction."""
    centroid = profile.centroid.astype(np.float32).tobytes() if profile.centroid is not None else None
    with Session(store.engine) as session, session.begin():
        row = session.scalar(select(StoryRow).where(StoryRow.name == profile.name))
        if row is None:
            row = StoryRow(name=profile.name)
            session.add(row)
        row.pinned, row.size, row.centroid = profile.pinned, profile.size, centroid
        row.entities, row.first, row.last, row.seen = dict(profile.entities), profile.first, profile.last, profile.seen
