"""The texts the ledger embeds, known from one report alone, so their vectors are computed while
the report is analysed and stored with it (the ledger build then only reads them).

Every text a build embeds comes from one report's statements: the statement's words
(:mod:`.claims` groups by them), the stance model's sentences of those words
(:mod:`.stance_model`) and the counted kind of each counted subject (:mod:`.propositions`
classes them). A report's opening, embedded to place it in a story, is used once on
arrival and not stored. The nouns of every count and measure are embedded too: :mod:`.quantities`
classes them into the quantities the briefing follows.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from claimledger.ledger.embeddings import DIM, dimension, embed, encoder_tag, text_key
from claimledger.ledger.propositions import counted_kind
from claimledger.ledger.quantities import quantity_texts
from claimledger.ledger.stance_model import split_sentences
from claimledger.ledger.statements import said_texts
from claimledger.records import ReportExtraction


@dataclass(frozen=True, slots=True)
class TextVectors:
    """Unit vectors by :func:`~.embeddings.text_key`, all made by the encoder ``encoder``
    (:func:`~.embeddings.encoder_tag`); each vector is float32 bytes, as the store keeps it."""

    encoder: str
    by_key: dict[str, bytes]


def texts_to_embed(extraction: ReportExtraction) -> list[str]:
    """Every distinct text a ledger build embeds for this report's statements, in first-use order."""
    texts: list[str] = []
    for i, att in enumerate(extraction.attributions):
        counts = [f for f in extraction.figures if f.attribution == i and f.kind == "count"]
        for text in said_texts(att, counts):
            texts.append(text)
            texts.extend(split_sentences(text))
        texts.extend(k for k in (counted_kind(f.subject) for f in counts) if k)
    texts.extend(quantity_texts(extraction))
    return list(dict.fromkeys(texts))


def report_vectors(extractions: Sequence[ReportExtraction]) -> list[TextVectors]:
    """The vectors of each report's :func:`texts_to_embed`, computed while analysing, in one
    batch for all the reports (a vector does not depend on its batch-mates)."""
    texts = [texts_to_embed(e) for e in extractions]
    every = embedded(list(dict.fromkeys(t for ts in texts for t in ts)))
    return [TextVectors(every.encoder, {k: every.by_key[k] for k in map(text_key, ts)}) for ts in texts]


def embedded(texts: list[str]) -> TextVectors:
    """``texts`` embedded now, as the store keeps them (not cached in memory: they go to the store)."""
    vecs = embed(texts, cache=False) if texts else np.zeros((0, DIM), dtype=np.float32)
    return TextVectors(encoder_tag(), {text_key(t): v.astype("<f4").tobytes() for t, v in zip(texts, vecs)})


def from_bytes(blobs: dict[str, bytes]) -> dict[str, np.ndarray]:
    """Stored vectors as arrays (views of one matrix: one allocation however many there are).

    A blob of the wrong size (a damaged row) is left out, so its text is embedded afresh.
    """
    dim = dimension()
    blobs = {k: b for k, b in blobs.items() if len(b) == dim * 4}
    if not blobs:
        return {}
    matrix = np.frombuffer(b"".join(blobs.values()), dtype="<f4").reshape(len(blobs), dim)
    return dict(zip(blobs, matrix))
