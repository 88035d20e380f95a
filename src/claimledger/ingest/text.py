"""Plain-text and Markdown reports: header lines, headline, body.

A report saved as text may start with ``key: value`` header lines (or a
``---`` front-matter block) giving its url, date, outlet and title. Without a
title header, the first line is taken as the title when it reads as a
headline (see :func:`claimledger.extract.clean.headline_shape`): an opening
sentence stays in the body.
"""
from __future__ import annotations

import re
from datetime import datetime

import dateparser
from markdown_it import MarkdownIt

from claimledger.extract.clean import headline_shape, title_cased
from claimledger.records import RawReport

#: Header keys and the report field each fills.
HEADER_FIELDS: dict[str, str] = {
    "url": "url", "link": "url", "source url": "url", "canonical": "url",
    "date": "published", "published": "published", "published at": "published", "pubdate": "published",
    "outlet": "outlet", "source": "outlet", "publisher": "outlet", "site": "outlet", "site name": "outlet",
    "title": "title", "headline": "title",
}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z_ -]{0,24}):[ \t]*(.*?)[ \t]*$")
_HEADER_VALUE_MAX = 500
_URL = re.compile(r"^https?://\S+$", re.IGNORECASE)
_MARKDOWN = MarkdownIt("commonmark")


def parse_text(text: str) -> RawReport:
    """A plain-text report: header metadata, then a headline if the first line is one."""
    fields, body = split_header(text)
    report = RawReport(text=body, **fields)
    if report.title is None:
        report.title, report.text = split_headline(body)
    else:
        report.text = drop_repeated_title(body, report.title)
    return report


def parse_markdown(text: str) -> RawReport:
    """A Markdown report: as :func:`parse_text`, with markup reduced to plain text.

    A leading heading (``# Title``) is the title whatever its shape.
    """
    fields, body = split_header(text)
    blocks = markdown_blocks(body)
    report = RawReport(text="", **fields)
    if blocks and blocks[0][0] == "heading" and report.title is None:
        report.title, blocks = blocks[0][1], blocks[1:]
    plain = "\n\n".join(block for _, block in blocks)
    if report.title is None:
        report.title, plain = split_headline(plain)
    else:
        plain = drop_repeated_title(plain, report.title)
    report.text = plain
    return report


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Read leading ``key: value`` lines ended by a blank line (or a ``---`` block).

    The block counts as a header only if every line is ``key: value`` and at
    least one key is known (:data:`HEADER_FIELDS`); unknown keys are ignored.
    Returns the report fields found and the text after the header.
    """
    lines = text.lstrip("\ufeff").split("\n")
    fenced = lines[0].strip() == "---"
    start = 1 if fenced else 0
    block: list[tuple[str, str]] = []
    end = None
    for i in range(start, len(lines)):
        line = lines[i].strip()
        if (fenced and line == "---") or (not fenced and not line and block):
            end = i + 1
            break
        m = _HEADER_LINE.match(line)
        if not m or len(m.group(2)) > _HEADER_VALUE_MAX:
            return {}, text
        block.append((m.group(1).strip().lower().replace("_", " ").replace("-", " "), m.group(2).strip("\"' ")))
    known = [(HEADER_FIELDS[k], v) for k, v in block if k in HEADER_FIELDS and v]
    if end is None or not known:
        return {}, text
    fields: dict[str, str] = {}
    for name, value in known:
        if name == "outlet" and _URL.match(value):
            name = "url"
        if name == "published":
            value = iso_date(value)
        if value and name not in fields:
            fields[name] = value
    return fields, "\n".join(lines[end:]).lstrip("\n")


def split_headline(text: str) -> tuple[str | None, str]:
    """Take the first line as the title when it reads as a headline.

    A line ending in "?" must also be title-cased or stand in its own
    paragraph, since an opening question can be the report's first sentence.
    """
    body = text.lstrip()
    first, sep, rest = body.partition("\n")
    first = first.strip()
    if not sep or not rest.strip() or len(first.split()) < 2 or not headline_shape(first):
        return None, text
    if first.endswith("?") and not (title_cased(first) or rest.startswith("\n") or rest.startswith("\r\n")):
        return None, text
    return first, rest.lstrip("\r\n")


def iso_date(value: str) -> str | None:
    """A header or feed date as ``YYYY-MM-DD``; None when it names no day.

    ISO strings are read exactly; anything else goes through dateparser, which
    must find a day, month and year (no "yesterday": a report's date may not
    depend on when it is read).
    """
    value = value.strip()
    if not any(c.isdigit() for c in value):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    parsed = dateparser.parse(value, settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DATES_FROM": "past"})
    return parsed.date().isoformat() if parsed else None


def markdown_blocks(text: str) -> list[tuple[str, str]]:
    """Markdown as ``(kind, plain text)`` blocks: headings, paragraphs, list items.

    Emphasis and link markup are reduced to their text; images, raw HTML,
    code blocks and rules are left out.
    """
    blocks: list[tuple[str, str]] = []
    kind = "paragraph"
    for token in _MARKDOWN.parse(text):
        if token.type == "heading_open":
            kind = "heading"
        elif token.type == "inline":
            plain = _inline_text(token.children or []).strip()
            if plain:
                blocks.append((kind, plain))
            kind = "paragraph"
    return blocks


def _inline_text(children) -> str:
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts)


def drop_repeated_title(body: str, title: str) -> str:
    """Bodies often repeat the title as their first line; drop that copy."""
    first, sep, rest = body.lstrip().partition("\n")
    if sep and _fold(first) == _fold(title):
        return rest.lstrip("\r\n")
    return body


def _fold(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()

