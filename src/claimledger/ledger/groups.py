"""Disjoint sets (union-find), the one grouping structure of the ledger.

Claims, echoing origins and subject classes are all built by joining pairs
that pass a test. Finding uses path halving; a union keeps the smaller index
as the root, so representatives never depend on which side a pair named first.
"""
from __future__ import annotations


class DisjointSets:
    """Sets over ``0 .. n-1``; ``parent`` is public so callers can compute all roots on arrays at once."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> int:
        """Join the sets of ``a`` and ``b``; returns the root kept (the smaller of the two)."""
        ra, rb = self.find(a), self.find(b)
        lo, hi = min(ra, rb), max(ra, rb)
        self.parent[hi] = lo
        return lo

    def count(self) -> int:
        return len({self.find(i) for i in range(len(self.parent))})
