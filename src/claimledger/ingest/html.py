"""HTML pages: trafilatura finds the article body and its metadata.

A page is bounded before trafilatura spends anything on it: its size and its
number of elements are checked first (trafilatura's content search grows with
the square of the paragraphs), and the extraction itself runs within a time
budget (:attr:`Limits.html_seconds`), so one hostile page costs seconds and is
refused with one line while the batch goes on.
"""
from __future__ import annotations

import re
from datetime import date

import trafilatura

from claimledger.budget import time_budget
from claimledger.config import Limits
from claimledger.ingest.errors import IngestError
from claimledger.ingest.text import drop_repeated_title
from claimledger.records import RawReport

#: Fewer words than this after extraction means the page holds no article
#: (a menu, a cookie wall, an index page).
MIN_ARTICLE_WORDS = 15
_START_TAG = re.compile(r"<[A-Za-z]")


def parse_html(html: str, url: str | None = None, *, name: str = "page", limits: Limits = Limits()) -> RawReport | None:
    """The article of a page, or None when the page has none; :class:`IngestError` naming ``name``
    when the page is over a bound (:class:`~claimledger.config.Limits`).

    Dates come from the page's metadata and URL only (no guessing from dates
    mentioned in the text: those are events, not the publication date).
    """
    check_html(html, name, limits)
    with time_budget(limits.html_seconds, IngestError(
            f"{name}: article extraction took over {limits.html_seconds:g} s; refused")):
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={
                "original_date": True,
                "extensive_search": False,
                "max_date": date.today().isoformat(),
            },
        )
    text = (doc.text or "") if doc else ""
    title = (doc.title or "").strip() or None if doc else None
    if title:
        text = drop_repeated_title(text, title)
    if len(text.split()) < MIN_ARTICLE_WORDS:
        return None
    return RawReport(
        text=text,
        title=title,
        url=doc.url or url,
        outlet=(doc.sitename or "").strip() or None,
        published=doc.date if doc.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc.date) else None,
    )


def check_html(html: str, name: str, limits: Limits) -> None:
    """Refuse a page over the size or element bound, in one linear scan, before any parsing."""
    if len(html) > limits.max_html_chars:
        raise IngestError(f"{name}: page is {len(html):,} characters of HTML, over the {limits.max_html_chars:,} limit")
    elements = sum(1 for _ in _START_TAG.finditer(html))
    if elements > limits.max_html_elements:
        raise IngestError(f"{name}: page has {elements:,} HTML elements, over the {limits.max_html_elements:,} limit")
