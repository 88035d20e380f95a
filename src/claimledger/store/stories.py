"""Story profiles in the store (table ``stories``): loaded when a run starts, saved as reports join."""
from __future__ import annotations

from collections import Counter

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from claimledger.ledger.stories import StoryProfile
from claimledger.store.models import StoryRow
from claimledger.store.repository import Store


def load_profiles(store: Store) -> list[StoryProfile]:
    """Every story's profile, oldest activity first."""
    with Session(store.engine) as session:
        return [
            StoryProfile(
                name=row.name, pinned=row.pinned, size=row.size,
                centroid=np.frombuffer(row.centroid, dtype=np.float32).copy() if row.centroid else None,
                entities=Counter(row.entities), first=row.first, last=row.last, seen=row.seen)
            for row in session.scalars(select(StoryRow).order_by(StoryRow.seen, StoryRow.id))
        ]


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
