"""The one error type of ingestion."""
from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class IngestError(ValueError):
    """An input that cannot be read as a report; the message is one line naming it."""


def display(name: object) -> str:
    """A file name safe to print on one line (control characters escaped)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(name))
