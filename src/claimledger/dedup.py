"""Near-duplicate reports: syndicated and lightly edited copies, found with MinHash LSH.

A report's *signature* is a MinHash (datasketch) over the 5-word shingles of
its cleaned text (lower-cased words; the headline is not part of the cleaned
text, so a changed headline does not hide a copy). Reordering paragraphs only
changes the few shingles that straddle a paragraph boundary, so a reordered
copy keeps most of its shingles. Two reports whose estimated shingle Jaccard
similarity reaches :data:`THRESHOLD` are copies; a new report that copies
several stored ones is linked to the earliest (lowest id), and a copy of a
copy is linked to the original it copies, so every group has one origin.

The LSH index lives in the store, not in memory, so a run over an archive of
any size keeps flat memory and a new run starts without loading anything:
:func:`buckets` cuts a signature into the bands datasketch's
:class:`~datasketch.MinHashLSH` would use for this threshold and hashes each
band to a 64-bit bucket, stored beside the report; reports sharing a bucket
with a new one are its candidates (:meth:`Store.copy_candidates`), and
:func:`original_of` confirms them with the signatures' own Jaccard estimate.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 5
NUM_PERM = 128
SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are only comparable within one
THRESHOLD = 0.5  # estimated Jaccard of shingle sets at or above which a report is a copy
MIN_WORDS = 40  # shorter texts share too few shingles for the estimate to mean anything
_LSH = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)  # only read for its banding (25 bands of 5 rows)
BANDS, ROWS = _LSH.b, _LSH.r
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


def buckets(minhash: MinHash) -> list[int]:
    """The LSH buckets of a signature: one signed 64-bit hash per band (band number included, so one
    column holds them all). Two reports share a bucket with probability 0.55 at Jaccard 0.5, 0.99 at 0.7."""
    values = pack(minhash)
    width = ROWS * 4
    return [int.from_bytes(hashlib.blake2b(bytes([band]) + values[band * width:(band + 1) * width],
                                           digest_size=8).digest(), "little", signed=True)
            for band in range(BANDS)]


def original_of(minhash: MinHash | None, candidates: Iterable[tuple[str, str | None, bytes]]) -> str | None:
    """The id of the earliest report this one copies, or None.

    ``candidates`` are ``(report id, copy_of, packed signature)`` rows, as
    :meth:`Store.copy_candidates` gives them for the report's buckets; LSH lets
    through some pairs below the threshold, so each is confirmed here.
    """
    if minhash is None:
        return None
    matches = [(int(doc[1:]), copy_of) for doc, copy_of, blob in candidates
               if unpack(blob).jaccard(minhash) >= THRESHOLD]
    if not matches:
        return None
    _, copy_of = first = min(matches)
    return copy_of or f"d{first[0]}"
