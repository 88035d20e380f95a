"""Full-text search over the reports' sentences with SQLite FTS5.

The index is derived data, rebuilt from the store whenever the ledger is
(milliseconds for thousands of sentences), so it lives in an in-memory
SQLite database: the UI never writes to the ledger file analysts rely on,
and it works the same when the store is PostgreSQL. User text only ever
reaches SQL as a bound parameter, turned into a phrase-per-word FTS5 query
so operators in it are inert. Words are matched by their Porter stem and
without accents, so a search finds the word's other forms.
"""
from __future__ import annotations

import re
import sqlite3
import threading

from claimledger.report.context import LedgerContext, one_line

MAX_QUERY_WORDS = 12
#: FTS5's Porter stemmer over its Unicode tokenizer: "valves" finds "valve", "Gdansk" finds "Gdańsk".
TOKENIZER = "porter unicode61 remove_diacritics 2"


class SentenceIndex:
    def __init__(self) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._lock = threading.Lock()
        self._db.execute("CREATE VIRTUAL TABLE sentences USING fts5(item UNINDEXED, doc UNINDEXED, sentence, "
                         f"tokenize='{TOKENIZER}')")

    def rebuild(self, ctx: LedgerContext) -> int:
        """Index every attribution's and figure's sentence; returns how many."""
        rows = []
        for iid in ctx.attribution_ids():
            report, a = ctx.attribution(iid)
            rows.append((iid, report.id, one_line(a.sentence)))
        for iid in ctx.figure_ids():
            report, f = ctx.figure(iid)
            rows.append((iid, report.id, one_line(f.sentence)))
        with self._lock, self._db:
            self._db.execute("DELETE FROM sentences")
            self._db.executemany("INSERT INTO sentences (item, doc, sentence) VALUES (?, ?, ?)", rows)
        return len(rows)

    def search(self, text: str, limit: int = 500) -> list[str]:
        """Ids of the sentences holding every word of ``text``, best match first."""
        words = re.findall(r"\w+", text)[:MAX_QUERY_WORDS]
        if not words:
            return []
        query = " ".join('"' + w.replace('"', "") + '"' for w in words)
        with self._lock:
            rows = self._db.execute(
                "SELECT item FROM sentences WHERE sentences MATCH ? ORDER BY bm25(sentences) LIMIT ?", (query, limit)
            ).fetchall()
        return [r[0] for r in rows]
