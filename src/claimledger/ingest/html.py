"""HTML pages: trafilatura finds the article body and its metadata."""
from __future__ import annotations

import re
from datetime import date

import trafilatura

from claimledger.ingest.text import drop_repeated_title
from claimledger.records import RawReport

#: Fewer words than this after extraction means the page holds no article
#: (a menu, a cookie wall, an index page).
MIN_ARTICLE_WORDS = 15


def parse_html(html: str, url: str | None = None) -> RawReport | None:
    """The article of a page, or None when the page has none.

    Dates come from the page's metadata and URL only (no guessing from dates
    mentioned in the text: those are events, not the publication date).
    """
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

