"""Direct quotations: where they start and end, across paragraphs.

Written by hand because no parser does this: spaCy treats quotation marks
as punctuation, and news style lets a quotation run over paragraphs with
an opening mark at the start of each and a closing mark only at the end.
Single quotes mostly mark scare quotes and headline quotes in news text and
are left alone, except after a colon ("was quoted as saying: 'One day … .'"),
where British style uses them for speech: from the colon's opening mark to a
closing mark right after a sentence's end ("God's" keeps its apostrophe).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_OPEN = "\u201c"
_CLOSE = "\u201d"
_STRAIGHT = '"'
_PARAGRAPH = re.compile(r"\n\s*\n|\n")
#: Speech in single quotes after a colon, up to a closing mark that follows the end of a sentence.
_COLON_SINGLE = re.compile(r":[ \t]*[\u2018'](?=\w)(?P<words>[^\n]*?[.!?,])[\u2019'](?=\s|$)")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation; ``start``/``end`` span the words inside the marks."""

    start: int
    end: int

    def words(self, text: str) -> str:
        return text[self.start:self.end].strip()


def find_quotes(text: str) -> list[Quote]:
    """Every double-quoted span of ``text``, joined across paragraphs where news style runs one on."""
    quotes: list[Quote] = []
    carried: int | None = None  # start of a quotation running on from the previous paragraph
    for para_start, para_end in _paragraphs(text):
        opened, skip = None, -1
        if carried is not None:
            opened, skip = carried, para_start  # the run-on paragraph's own opening mark
            carried = None
        for pos in range(para_start, para_end):
            char = text[pos]
            if pos == skip:
                continue
            if char == _OPEN or (char == _STRAIGHT and opened is None):
                if opened is not None:  # unbalanced: close the open one here
                    quotes.append(Quote(opened, pos))
                opened = pos + 1
            elif char in (_CLOSE, _STRAIGHT) and opened is not None:
                quotes.append(Quote(opened, pos))
                opened = None
        if opened is not None:
            if _continues(text, para_end):
                carried = opened
            else:
                quotes.append(Quote(opened, para_end))
    if carried is not None:
        quotes.append(Quote(carried, len(text)))
    for m in _COLON_SINGLE.finditer(text):
        start, end = m.start("words"), m.end("words")
        if not any(q.start < end and start < q.end for q in quotes):
            quotes.append(Quote(start, end))
    return sorted((q for q in quotes if text[q.start:q.end].strip()), key=lambda q: q.start)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in _PARAGRAPH.finditer(text):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _continues(text: str, para_end: int) -> bool:
    """A paragraph left open continues when the next one opens with a quotation mark."""
    rest = text[para_end:].lstrip()
    return rest[:1] in (_OPEN, _STRAIGHT)
