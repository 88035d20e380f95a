"""Bytes of a report as text, refusing what is not text rather than guessing."""
from __future__ import annotations

import codecs
import re

from claimledger.ingest.errors import IngestError

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.IGNORECASE)


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Bytes of a report as text: UTF-8 (a BOM is fine) unless the page declares another charset.

    Binary data (NUL bytes, many control characters) and undecodable bytes
    are refused rather than guessed at: a wrong guess turns figures and names
    into garbage that looks like text.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise IngestError(f"{name}: UTF-16 text; save it as UTF-8")
    if b"\x00" in data:
        if _utf16_without_bom(data):
            raise IngestError(f"{name}: UTF-16 text without a byte-order mark; save it as UTF-8")
        raise IngestError(f"{name}: binary file (contains NUL bytes), not a text report")
    try:
        text = data.decode(encoding or "utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{name}: not {encoding or 'UTF-8'} text (undecodable byte at offset {exc.start}); save it as UTF-8") from None
    if len(_CONTROL.findall(text)) > max(8, len(text) // 100):
        raise IngestError(f"{name}: binary file (control characters), not a text report")
    return text


def _utf16_without_bom(data: bytes) -> bool:
    """Mostly-ASCII text saved as UTF-16: every other byte of the sample is NUL, the rest are not."""
    sample = data[:4096]
    for zeros, chars in ((sample[1::2], sample[0::2]), (sample[0::2], sample[1::2])):
        if len(zeros) >= 8 and zeros.count(0) > 0.9 * len(zeros) and chars.count(0) < 0.1 * len(chars):
            return True
    return False


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag, if Python knows it."""
    m = _HTML_CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        codec = codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None
    return None if codec == "utf-8" else codec
