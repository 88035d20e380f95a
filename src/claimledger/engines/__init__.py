"""Engines run per-report extraction: here (:mod:`.local`) or on a Ray cluster (:mod:`.ray`).

Both take chunks of new reports, each with the fallback year the caller
worked out for it (see :func:`claimledger.extract.pipeline.context_year`),
and yield one :class:`Analysed` per report, in input order, so the caller
stores the same reports under the same ids whichever engine ran. Ray is
imported only when its engine is chosen.
"""
from __future__ import annotations

from dataclasses import dataclass

from claimledger.ledger.stories import StoryFeatures
from claimledger.ledger.vectors import TextVectors
from claimledger.records import RawReport, ReportExtraction


@dataclass(slots=True)
class Analysed:
    """One report's outcome: its extraction (with story features when asked for, and the sentence
    vectors of the texts the ledger embeds) or the error it raised."""

    report: RawReport
    result: ReportExtraction | Exception
    features: StoryFeatures | None = None
    vectors: TextVectors | None = None


ENGINES = ("local", "ray")
