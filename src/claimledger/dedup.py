"""Near-duplicate reports: syndicated and lightly edited copies, found with MinHash LSH (datasketch).

A report's *signature* is a MinHash over the 5-word shingles of its cleaned
text (lower-cased words; the headline is not part of the cleaned text, so a
changed headline does not hide a copy). Reordering paragraphs only changes
the few shingles that straddle a paragraph boundary, so a reordered copy
keeps most of its shingles. Two reports whose estimated shingle Jaccard
similarity reaches :data:`THRESHOLD` are copies; a new report that copies
several stored ones is linked to the earliest (lowest id), and a copy of a
copy is linked to the original it copies, so every group has one origin.

Signatures are stored with each report (:meth:`Store.add`), and
:class:`CopyIndex` is loaded from them once per run: a new report is compared
against the stored ones through the LSH buckets, never by recomputing them.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
NUM_PERM = 128
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are only comparable within one
THRESHOLD = 0.5  # estimated Jaccard of shingle sets at or above which a report is a copy
MIN_WORDS = 40  # shorter texts share too few shingles for the estimate to mean anything
_WORD = re.compile(r"\w+")


def signature(text: str) -> MinHash | None:
    """The MinHash of a cleaned text's word shingles; None when the text is too short to compare."""
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i:i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}
    minhash = MinHash(num_perm=NUM_PERM, scheme=SCHEME)
    minhash.update_batch(list(shingles))
    return minhash


def pack(minhash: MinHash) -> bytes:
    """A signature as stored: its 128 uint32 hash values (512 bytes)."""
    return minhash.hashvalues.astype("<u4").tobytes()


def unpack(blob: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, hashvalues=np.frombuffer(blob, dtype="<u4").astype(np.uint32), scheme=SCHEME)


class CopyIndex:
    """Stored signatures in an LSH index: finds the original a new report copies."""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
        self._signatures: dict[int, MinHash] = {}
        self._copy_of: dict[int, int | None] = {}

    @classmethod
    def load(cls, stored: Iterable[tuple[str, str | None, bytes]]) -> CopyIndex:
        """An index of ``(doc id, copy_of, packed signature)`` rows, as :meth:`Store.signatures` gives them."""
        index = cls()
        for doc, copy_of, blob in stored:
            index.add(doc, unpack(blob), copy_of)
        return index

    def __len__(self) -> int:
        return len(self._signatures)

    def original_of(self, minhash: MinHash | None) -> str | None:
        """The id of the earliest stored report this one copies, or None.

        LSH candidates are confirmed with the signatures' own Jaccard
        estimate, since LSH buckets let through some pairs below the threshold.
        """
        if minhash is None:
            return None
        matches = [
            pk for pk in (int(key[1:]) for key in self._lsh.query(minhash))
            if self._signatures[pk].jaccard(minhash) >= THRESHOLD
        ]
        if not matches:
            return None
        first = min(matches)
        return f"d{self._copy_of.get(first) or first}"

    def add(self, doc: str, minhash: MinHash | None, copy_of: str | None = None) -> None:
        """Index a stored report (``copy_of`` as stored, so later copies link to its original)."""
        if minhash is None:
            return
        pk = int(doc[1:])
        if pk in self._signatures:
            return
        self._signatures[pk] = minhash
        self._copy_of[pk] = int(copy_of[1:]) if copy_of else None
        self._lsh.insert(doc, minhash)
