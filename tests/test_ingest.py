"""Reading reports from files and folders, and refusing bad input one file at a time."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from claimledger.config import Limits
from claimledger.ingest import IngestError, read_paths
from claimledger.ingest.text import iso_date, parse_text, split_headline
from claimledger.records import RawReport

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def read_all(*paths, limits: Limits = Limits()) -> list[RawReport | IngestError]:
    return list(read_paths([str(p) for p in paths], limits))


def only_report(path: Path) -> RawReport:
    [item] = read_all(path)
    assert isinstance(item, RawReport), item
    return item


def only_error(path: Path, limits: Limits = Limits()) -> str:
    [item] = read_all(path, limits=limits)
    assert isinstance(item, IngestError), item
    message = str(item)
    assert "\n" not in message
    assert path.name in message
    return message


# Formats ------------------------------------------------------------------


def test_text_header_lines_are_metadata():
    report = only_report(FIXTURES / "harbour_header.txt")
    assert report.url == "https://coastal-herald.example/2023/harbour-strike"
    assert report.published == "2023-03-03"
    assert report.outlet == "Coastal Herald"
    assert report.title == "Dock Workers Extend Strike at Northern Harbour"
    assert report.text.startswith("Dock workers at the northern harbour voted")
    assert "outlet:" not in report.text
    assert report.path == str(FIXTURES / "harbour_header.txt")


def test_text_first_line_is_title_when_it_reads_as_a_headline():
    report = only_report(FIXTURES / "harbour_headline.txt")
    assert report.title == "Dock Workers Extend Strike at Northern Harbour"
    assert report.text.startswith("Dock workers at the northern harbour")
    assert report.published is None


def test_text_opening_sentence_stays_in_the_body():
    report = only_report(FIXTURES / "harbour_sentence_first.txt")
    assert report.title is None
    assert report.text.startswith("Dock workers at the northern harbour voted on Thursday")


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Is the Harbour Strike Over?\nThe union met on Friday.", "Is the Harbour Strike Over?"),
        ("Will the strike end soon? Unions weigh offer\n\nThe union met on Friday.", "Will the strike end soon? Unions weigh offer"),
        ("Why would anyone cross the line?\nThe union asked that on Friday.", None),  # an opening question
        ("Union leaders met on Friday, the port said.\nThey agreed to talk again.", None),
        ("Strike\nThe union met on Friday.", None),  # one word is a label, not a title
        ("Harbour strike ends after talks", None),  # nothing after it: the line is the report
    ],
)
def test_headline_heuristic(text, title):
    found, body = split_headline(text)
    assert found == title
    if title is None:
        assert body == text
    else:
        assert body.strip() and title not in body


def test_header_block_needs_a_known_key_and_a_blank_line():
    text = "Warning: heavy rain expected\n\nThe coast guard said boats should stay in port."
    report = parse_text(text)
    assert report.outlet is None and report.url is None
    assert "heavy rain" in (report.title or "") + report.text

    unknown = parse_text("Author: A. Writer\nSource: Coastal Herald\n\nThe union said it would strike.")
    assert unknown.outlet == "Coastal Herald"
    assert unknown.text == "The union said it would strike."


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2023-03-03", "2023-03-03"),
        ("2023-03-03T23:10:00Z", "2023-03-03"),
        ("March 3, 2023", "2023-03-03"),
        ("3 Mar 2023 10:15 GMT", "2023-03-03"),
        ("Fri, 03 Mar 2023 09:00:00 +0000", "2023-03-03"),
        ("yesterday", None),
        ("March 2023", None),
        ("not a date 12", None),
    ],
)
def test_iso_date(value, iso):
    assert iso_date(value) == iso


def test_markdown_is_reduced_to_plain_text():
    report = only_report(FIXTURES / "harbour.md")
    assert report.title == "Dock workers extend strike at northern harbour"
    assert report.published == "2023-03-03"
    assert report.outlet == "Coastal Herald"
    assert "Dock workers voted on Thursday to extend their strike, the union said in a short statement." in report.text
    assert "The port authority put the number of waiting ships at 40." in report.text
    for markup in ("**", "*", "](", "https://", "#", "`", "Cranes idle"):
        assert markup not in report.text


def test_html_goes_through_trafilatura():
    report = only_report(FIXTURES / "harbour.html")
    assert report.title == "Dock Workers Extend Strike"
    assert report.outlet == "Coastal Herald"
    assert report.published == "2023-03-03"
    assert report.url == "https://coastal-herald.example/2023/harbour-strike"
    assert report.text.startswith("Dock workers at the northern harbour voted on Thursday")
    assert "could not confirm reports" in report.text
    for chrome in ("Weather", "Subscribe", "©"):
        assert chrome not in report.text


def test_html_without_an_article_is_an_error():
    assert "no article" in only_error(FIXTURES / "no_article.html")


def test_html_declared_charset_is_honoured(tmp_path):
    page = (FIXTURES / "harbour.html").read_text(encoding="utf-8")
    page = page.replace('charset="utf-8"', 'charset="windows-1252"').replace("northern harbour", "northern harbour at Saint-Agn\u00e8s")
    path = tmp_path / "latin.html"
    path.write_bytes(page.encode("cp1252"))
    assert "Saint-Agn\u00e8s" in only_report(path).text


def test_jsonl_reports_and_bad_lines():
    items = read_all(FIXTURES / "harbour.jsonl")
    reports = [i for i in items if isinstance(i, RawReport)]
    errors = [str(i) for i in items if isinstance(i, IngestError)]
    path = str(FIXTURES / "harbour.jsonl")
    assert [r.path for r in reports] == [f"{path}#1", f"{path}#3", f"{path}#7"]
    first = reports[0]
    assert (first.title, first.url, first.outlet, first.published) == (
        "Strike Extended", "https://coastal-herald.example/a", "Coastal Herald", "2023-03-03")
    assert reports[1].title is None and reports[1].text.startswith("A port spokeswoman")
    assert reports[2].published == "2023-03-04"
    assert len(errors) == 3
    assert "line 4" in errors[0] and "text" in errors[0]
    assert "line 5" in errors[1] and "not valid JSON" in errors[1]
    assert "line 6" in errors[2] and "not a JSON object" in errors[2]
    assert all("harbour.jsonl" in e and "\n" not in e for e in errors)


def test_jsonl_pathological_lines_are_errors(tmp_path):
    path = tmp_path / "odd.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n" + '{"text": 1' + "0" * 5000 + "}\n"
                    + '{"text": "The union said it would strike."}\n', encoding="utf-8")
    items = read_all(path)
    assert [type(i).__name__ for i in items] == ["IngestError", "IngestError", "RawReport"]
    assert "line 1" in str(items[0]) and "line 2" in str(items[1])


def test_jsonl_line_over_limit_is_skipped_and_the_next_line_read(tmp_path):
    path = tmp_path / "big.jsonl"
    long_text = "The union said the strike would go on. " * 200
    path.write_text(
        f'{{"text": "{long_text}"}}\n{{"text": "The port said 40 ships were waiting."}}\n', encoding="utf-8")
    items = read_all(path, limits=Limits(max_jsonl_line_bytes=1000))
    assert isinstance(items[0], IngestError) and "line 1" in str(items[0]) and "limit" in str(items[0])
    assert isinstance(items[1], RawReport) and items[1].path == f"{path}#2"


# Folders ------------------------------------------------------------------


def test_folder_is_walked_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("The union said the strike would go on.", encoding="utf-8")
    (tmp_path / "b" / "c.md").write_text("The port said 40 ships were waiting.", encoding="utf-8")
    (tmp_path / "b" / "notes.pdf").write_bytes(b"%PDF-1.4 binary")
    (tmp_path / "d.htm").write_text((FIXTURES / "harbour.html").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("The union said nothing.", encoding="utf-8")
    items = read_all(tmp_path)
    assert all(isinstance(i, RawReport) for i in items), items
    assert [Path(i.path).name for i in items] == ["a.txt", "c.md", "d.htm"]


def test_explicit_unsupported_file_is_an_error(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_bytes(b"%PDF-1.4")
    assert "unsupported" in only_error(path)


def test_symlink_out_of_the_folder_is_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("The minister said the strike was illegal.", encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "own.txt").write_text("The union said the strike would go on.", encoding="utf-8")
    (folder / "inner.txt").symlink_to(folder / "own.txt")
    (folder / "leak.txt").symlink_to(outside / "secret.txt")
    (folder / "leakdir").symlink_to(outside, target_is_directory=True)
    items = read_all(folder)
    reports = [Path(i.path).name for i in items if isinstance(i, RawReport)]
    errors = [str(i) for i in items if isinstance(i, IngestError)]
    assert reports == ["inner.txt", "own.txt"]
    assert len(errors) == 2 and all("outside" in e for e in errors)
    assert not any("strike was illegal" in i.text for i in items if isinstance(i, RawReport))


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_is_skipped_with_an_error(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "real.txt").write_text("The union said the strike would go on.", encoding="utf-8")
    items = read_all(tmp_path)
    assert isinstance(items[0], IngestError) and "not a regular file" in str(items[0])
    assert isinstance(items[1], RawReport)


# Bad input ----------------------------------------------------------------


def test_missing_path_is_an_error(tmp_path):
    assert "no such file" in only_error(tmp_path / "gone.txt")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file_is_an_error(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("The union said the strike would go on.", encoding="utf-8")
    path.chmod(0)
    try:
        assert "cannot read" in only_error(path)
    finally:
        path.chmod(0o600)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty file"),
        (b"  \n\n\t \n", "only whitespace"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
        ("Les dockers ont vot\u00e9 la gr\u00e8ve.".encode("latin-1"), "not UTF-8"),
        ("The union said the strike would go on.".encode("utf-16"), "UTF-16"),
        (b"url: https://example.org/a\ntitle: Only a header\n\n", "no report text"),
    ],
)
def test_bad_file_is_one_error(tmp_path, content, expected):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert expected in only_error(path)


def test_utf8_with_bom_is_fine(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffThe union said the strike would go on.".encode("utf-8"))
    assert only_report(path).text == "The union said the strike would go on."


def test_file_over_the_size_limit_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:  # sparse: 50 MB on paper, nothing on disk
        f.truncate(50 * 1024 * 1024)
    message = only_error(path)
    assert "52,428,800 bytes" in message and "limit" in message


def test_bad_files_do_not_stop_the_batch(tmp_path):
    (tmp_path / "1_empty.txt").write_bytes(b"")
    (tmp_path / "2_binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "3_latin.txt").write_bytes("gr\u00e8ve".encode("latin-1"))
    shutil.copy(FIXTURES / "no_article.html", tmp_path / "4_page.html")
    (tmp_path / "5_good.txt").write_text("The union said the strike would go on.", encoding="utf-8")
    items = read_all(tmp_path)
    assert [type(i).__name__ for i in items] == ["IngestError"] * 4 + ["RawReport"]
    for item, name in zip(items, ["1_empty.txt", "2_binary.txt", "3_latin.txt", "4_page.html"]):
        assert name in str(item)
