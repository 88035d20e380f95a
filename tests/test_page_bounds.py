"""HTML pages are bounded before trafilatura spends anything on them, and its extraction by a time budget:
a hostile page is refused with one line naming it and the batch goes on. Assertions are on the refusal
and on the work done (trafilatura never called, memory traced), never on wall-clock time."""
from __future__ import annotations

import sys
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from claimledger.budget import time_budget
from claimledger.config import Limits
from claimledger.ingest import IngestError, read_paths
from claimledger.ingest import html as html_module
from claimledger.ingest.html import parse_html
from claimledger.records import RawReport

sys.path.insert(0, str(Path(__file__).parent / "hostile"))
from make_corpus import PARAGRAPH, short_paragraphs  # noqa: E402

GOOD = ("<html><head><title>Ferry back</title></head><body><article><p>The ferry to Ostra sailed again on Thursday, "
        "the operator said, three days after the engine fire had stopped every crossing.</p></article></body></html>")


def write_page(path: Path, size: int) -> Path:
    with open(path, "w", encoding="ascii") as f:
        short_paragraphs(f, size)
    return path


@pytest.fixture
def no_trafilatura(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("trafilatura was asked to parse a page over the bounds")

    monkeypatch.setattr(html_module.trafilatura, "bare_extraction", refuse)


def test_a_20_mb_page_of_short_paragraphs_is_refused_before_parsing_in_flat_memory(tmp_path, no_trafilatura):
    page = write_page(tmp_path / "huge.html", 20 * 1024 * 1024 - 4096)
    tracemalloc.start()
    try:
        [error] = read_paths([page])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(error, IngestError)
    assert str(error).startswith(f"{page}: page is ") and "characters of HTML, over the 10,000,000 limit" in str(error)
    assert peak < 4 * page.stat().st_size  # the bytes and a copy or two of their text: no tree, no extraction


@pytest.mark.parametrize("size", [1024 * 1024, 2 * 1024 * 1024])
def test_pages_with_too_many_elements_are_refused_before_parsing(tmp_path, no_trafilatura, size):
    page = write_page(tmp_path / "many.html", size)
    [error] = read_paths([page])
    assert isinstance(error, IngestError) and "HTML elements, over the 20,000 limit" in str(error)


def test_a_page_over_its_time_budget_is_refused_and_the_batch_goes_on(tmp_path):
    slow = write_page(tmp_path / "a-slow.html", 19_000 * len(PARAGRAPH))  # under every bound, about 2 s of work
    (tmp_path / "b-good.html").write_text(GOOD, encoding="utf-8")
    parse_html(GOOD)  # trafilatura's first call sets itself up (about 0.5 s): not the page's cost
    items = list(read_paths([tmp_path], Limits(html_seconds=0.05)))
    assert [type(i) for i in items] == [IngestError, RawReport]
    assert str(items[0]) == f"{slow}: article extraction took over 0.05 s; refused"
    assert items[1].text.startswith("The ferry to Ostra sailed again")


def test_the_budget_holds_in_a_worker_thread_as_the_web_upload_runs_it(tmp_path):
    text = "<html><body><article>" + PARAGRAPH * 19_000 + "</article></body></html>"
    parse_html(GOOD)
    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(parse_html, text, name="upload", limits=Limits(html_seconds=0.05))
        with pytest.raises(IngestError, match="upload: article extraction took over 0.05 s"):
            future.result()
        assert pool.submit(parse_html, GOOD).result().title == "Ferry back"


def test_a_budget_not_spent_leaves_nothing_behind():
    for _ in range(50):
        with time_budget(0.01, IngestError("late")):
            pass
    time.sleep(0.05)  # a timer that was not cancelled would raise into this thread now
    with pytest.raises(IngestError, match="late"):
        with time_budget(0.01, IngestError("late")):
            while True:
                pass
