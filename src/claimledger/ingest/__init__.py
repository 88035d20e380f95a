"""Reading reports: files and folders of text, Markdown, HTML and JSONL in, :class:`RawReport` out.

:func:`read_paths` yields a report or an :class:`IngestError` per input, so
one bad file never stops a batch.
"""
from claimledger.ingest.errors import IngestError
from claimledger.ingest.files import FORMATS, read_paths

__all__ = ["FORMATS", "IngestError", "read_paths"]
