"""Cleaning scraped report text: furniture out, broken lines repaired, offsets exact."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.extract.clean import clean_text, headline_shape, title_cased

SHARED = Path(__file__).resolve().parents[1].parent / "shared"  # ../shared beside the repository

OPENING = "The port authority said on Monday that 40 ships were waiting offshore."
CLOSING = "Union leaders said they would meet the minister on Friday."


def cleaned(middle: str) -> str:
    return clean_text(f"{OPENING}\n\n{middle}\n\n{CLOSING}").text


def assert_dropped(middle: str) -> None:
    text = cleaned(middle)
    assert text == f"{OPENING}\n\n{CLOSING}", text


def assert_kept(middle: str) -> None:
    text = cleaned(middle)
    assert middle in text, text


def assert_maps_back(original: str) -> None:
    result = clean_text(original)
    assert len(result.offsets) == len(result.text)
    assert all(a < b for a, b in zip(result.offsets, result.offsets[1:]))
    for char, offset in zip(result.text, result.offsets):
        source = original[offset]
        assert char == source or char.isspace() and source.isspace() \
            or char == '"' and original[offset:offset + 2] == "''", (char, source)


# Furniture ----------------------------------------------------------------


@pytest.mark.parametrize(
    "headline",
    [
        "Harbour Cranes Idle As Talks Collapse; What Comes Next For Exporters?",
        "Ten Ships Turned Away – The Quiet Crisis At The Northern Quay",
        "Fishermen Block Ferry Route For Third Day, Police Say Arrests Likely",
        "Why The Port Matters",
    ],
)
def test_related_headlines_between_paragraphs_are_dropped(headline):
    assert_dropped(headline)


@pytest.mark.parametrize(
    "caption",
    [
        "Image",
        "Photo",
        "A crane stands idle at the northern quay (Via X)",
        "Strikers gather at the gate before dawn. Via Reddit",
        "Dock workers at the gate on Monday. (Photo: Coastal Herald)",
        "Workers at the gate / AFP",
        "Image caption, Workers blocked the gate",
    ],
)
def test_image_captions_and_credits_are_dropped(caption):
    assert_dropped(caption)


@pytest.mark.parametrize(
    "line",
    [
        "“The gate stays shut until Friday,” a union steward told the Herald. (Via)",
        "The harbour master said: “No ship will dock before the strike ends.” (Photo: Coastal Herald)",
    ],
)
def test_reported_speech_ending_in_a_credit_is_kept(line):
    assert_kept(line)


@pytest.mark.parametrize(
    "line",
    [
        "undefined", "featured-image", "null", "Most Read", "Comments are closed.", "Share this",
        "Share this article", "Subscribe to our newsletter for daily updates", "Advertisement",
        "Read more: Port strike enters second week", "Related: Union rejects offer", "Sign up for alerts",
        "https://coastal-herald.example/2023/strike", "© 2023 Coastal Herald. All rights reserved.",
        "— Harbour Watch (@harbourwatch) March 3, 2023", "1/5", "***",
    ],
)
def test_site_chrome_lines_are_dropped(line):
    assert_dropped(line)


@pytest.mark.parametrize(
    "sentence",
    [
        "Share prices of the shipping line fell on Monday.",
        "The cargo was shipped to the coast via the northern rail line.",
        "Subscribers to the port bulletin were told of the delay.",
        "The union said the strike was about pay.",
        "Read the statement, the minister told reporters.",
        "Why does the port matter? It handles most of the region's grain.",
        "The video was posted online (via Telegram) before noon, the union said.",
    ],
)
def test_sentences_that_look_a_little_like_furniture_are_kept(sentence):
    assert_kept(sentence)


def test_sentence_case_line_without_a_period_is_kept():
    # a standfirst that forgot its final period is still the report's own text
    assert_kept("Talks broke down after the union rejected the offer, leaving exporters in limbo")


def test_a_caption_restating_the_report_is_dropped():
    # no final stop, standing alone, and every content word already said in the report
    caption = "The port authority said ships were waiting offshore on Monday"
    assert_dropped(caption)
    assert_dropped("- Harbour master of the northern quay, Jan Kowalski")


@pytest.mark.parametrize(
    "block",
    [
        "ANALYSIS | Harbour strike spreads to the southern quay\nUnion leaders split over the offer\n"
        "ANALYSIS | Has the port lost its edge?",
        "NEWS: Ferry captain rescues stranded kayaker",
        "Dockers vote on pay deal\nHarbour fees to rise next year",
    ],
)
def test_lists_of_other_headlines_and_kickers_are_dropped(block):
    assert_dropped(block)


@pytest.mark.parametrize(
    "line",
    [
        "This article originally appeared in The Coastal Herald.",
        "This story first appeared on Harbour Watch.",
        "For more, head to The Coastal Herald.",
        "This image is available for Web and print publication. For questions, contact the photo desk.",
        "j.kowalski@coastal-herald.example",
    ],
)
def test_syndication_notes_and_bylines_are_dropped(line):
    assert_dropped(line)


def test_a_transcript_question_is_kept():
    assert_kept("REPORTER: Do you think the strike will end this week?")


def test_embed_link_is_removed_and_the_sentence_after_it_kept():
    text = cleaned("Workers filmed the empty quay. pic.twitter.com/Ab12Cd34 Another video shows the gate.")
    assert "Workers filmed the empty quay. Another video shows the gate." in text
    assert "twitter" not in text


def test_embed_split_over_a_line_break():
    text = cleaned("Workers filmed the empty quay. pic.\n\ntwitter.com/Ab12Cd34 Another video shows the gate.")
    assert "Workers filmed the empty quay. Another video shows the gate." in text
    assert "pic." not in text and "twitter" not in text


def test_embed_on_its_own_line_before_a_paragraph():
    text = cleaned("pic.twitter.com/Ab12Cd34 The footage matches the union's account.")
    assert f"{OPENING}\n\nThe footage matches the union's account.\n\n{CLOSING}" == text


def test_cut_off_teaser_at_the_end_and_its_headline_are_dropped():
    original = (
        f"{OPENING}\n\nComments are closed.\n\n"
        "‘We are not going back’ – strikers on a long week at the gate\n\n"
        "The strike at the northern harbour is about to enter its second week, and the union shows no sign of bud…"
    )
    result = clean_text(original)
    assert result.text == OPENING
    assert len(result.removed) == 3


def test_ellipsis_teaser_in_the_middle_after_a_headline_is_dropped():
    original = (
        f"{OPENING}\n\nRelated Story On The Ferry Strike\n\n"
        "Ferry crews walked out last spring in a dispute that many expect to return when the...\n\n{CLOSING}"
    ).replace("{CLOSING}", CLOSING)
    assert clean_text(original).text == f"{OPENING}\n\n{CLOSING}"


def test_quoted_trailing_ellipsis_is_not_a_teaser():
    ending = "“We will stay here until…”"
    assert clean_text(f"{OPENING}\n\n{ending}").text.endswith(ending)


# Repairs ------------------------------------------------------------------


def test_number_split_over_paragraphs_is_rejoined():
    text = clean_text("The containers could hold as many as 4.\n\n8 million tonnes of grain, the port said.").text
    assert text == "The containers could hold as many as 4.8 million tonnes of grain, the port said."


def test_year_at_a_sentence_end_is_not_joined_to_a_next_number():
    text = clean_text("The pier was built in 1998.\n\n12 cranes work on it today.").text
    assert text == "The pier was built in 1998.\n\n12 cranes work on it today."


def test_stranded_closing_quote_joins_the_previous_paragraph():
    text = clean_text("“We will not move,” she said. “Not this week.\n\n” The union agreed.").text
    assert text == "“We will not move,” she said. “Not this week.” The union agreed."
    straight = clean_text('He said: "We stay.\n\n" The port closed.').text
    assert straight == 'He said: "We stay." The port closed.'


def test_broken_ellipsis_is_rejoined():
    text = clean_text("A voice says, “We cannot film them.\n\n.. Here they come.”").text
    assert text == "A voice says, “We cannot film them... Here they come.”"


def test_sentence_wrapped_over_lines_is_rejoined():
    text = clean_text("The harbour master said on Monday that\nthe cranes would stay idle\nuntil the strike ends.").text
    assert text == "The harbour master said on Monday that the cranes would stay idle until the strike ends."


def test_spaces_and_blank_lines_are_normalised():
    original = "The\u00a0union\u00a0said  it would strike.\u00a0\r\n\r\n\r\n\r\nThe port\u200b closed.\n"
    text = clean_text(original).text
    assert text == "The union said it would strike.\n\nThe port closed."
    assert_maps_back(original)


def test_paragraphs_separated_by_single_newlines_stay_apart():
    text = clean_text(f"{OPENING}\n{CLOSING}").text
    assert text == f"{OPENING}\n{CLOSING}"


# Offsets ------------------------------------------------------------------


def test_offsets_map_a_span_back_to_the_original():
    original = f"Image\n{OPENING}\n\nHarbour News You Missed\n\nThe union said it had 4.\n\n8 thousand members."
    result = clean_text(original)
    start = result.text.index("4.8 thousand")
    begin, end = result.original_span(start, start + len("4.8 thousand"))
    assert original[begin:end] == "4.\n\n8 thousand"
    start = result.text.index("40 ships")
    begin, end = result.original_span(start, start + 8)
    assert original[begin:end] == "40 ships"


_PIECES = st.sampled_from([
    OPENING, CLOSING, "Image", "undefined", "Most Read", "Harbour Cranes Idle As Talks Collapse",
    "pic.twitter.com/Ab12", "pic.", "twitter.com/Zz9 The quay was empty.", "as many as 4.", "8 million tonnes.",
    "“Not this week.", "” The union agreed.", ".. Here they come.", "the cranes stay idle", "Comments are closed.",
    "A crane at the quay (Via X)", "the union shows no sign of bud…", "\u00a0", " ", "\t", "\r", "\u200b",
])
_BREAKS = st.sampled_from(["", " ", "\n", "\n\n", "\n\n\n", "\r\n", "\u00a0\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_PIECES, _BREAKS), max_size=12))
def test_offsets_are_monotonic_and_map_back_on_report_like_text(parts):
    assert_maps_back("".join(piece + brk for piece, brk in parts))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=300))
def test_offsets_are_monotonic_and_map_back_on_any_text(original):
    assert_maps_back(original)


def test_two_apostrophes_are_one_double_quotation_mark():
    original = "''The quay stays shut,'' the harbour master said. ''Not this week.''\n\nThe union's 'idle' cranes."
    result = clean_text(original)
    assert result.text == '"The quay stays shut," the harbour master said. "Not this week."\n\nThe union\'s \'idle\' cranes.'
    start = result.text.index("The quay")
    begin, end = result.original_span(start, start + len("The quay stays shut,"))
    assert original[begin:end] == "The quay stays shut,"
    assert result.original_span(start - 1, start)[0] == 0


# Shapes -------------------------------------------------------------------


def test_headline_shape_and_title_case():
    assert headline_shape("Cranes Idle At The Quay") and title_cased("Cranes Idle At The Quay")
    assert headline_shape("Is the strike over?") and not title_cased("Is the strike over?")
    assert headline_shape("U.S. Ships Turned Away From Port")
    assert not headline_shape("The union said it would strike.")
    assert not headline_shape("Talks failed. Workers Walked Out")
    assert not headline_shape("He said:")


# Real reports -------------------------------------------------------------


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared is not present")
def test_seed_reports_lose_their_furniture_and_keep_their_statements():
    yaml = pytest.importorskip("yaml")
    gold = yaml.safe_load((SHARED / "gold" / "seeds.yaml").read_text(encoding="utf-8"))
    texts = {}
    for path in sorted((SHARED / "seeds").iterdir()):
        original = path.read_text(encoding="utf-8")
        texts[path.name[:3]] = clean_text(original)
        assert_maps_back(original)
    for noise in gold["noise"]:
        clean = texts[noise["doc"]]
        assert _fold(noise["line"]) in {_fold(line) for line in clean.removed}, noise
        assert not any(_fold(line) == _fold(noise["line"]) for line in clean.text.split("\n")), noise
    for attribution in gold["attributions"]:
        assert _fold(attribution["content"]) in _fold(texts[attribution["doc"]].text), attribution


def _fold(text: str) -> str:
    """Compare as the scorer does: quotes, dashes and white space folded, case ignored."""
    table = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": "", "\u201d": "", '"': "", "\u2013": "-", "\u2014": "-"})
    return " ".join(text.translate(table).split()).lower()


@pytest.mark.parametrize(
    "dateline, sentence",
    [
        ("GDANSK, June 10 (Europa Wire) - ", "The port said traffic rose in May."),
        ("WASHINGTON (AP) — ", "The senator said the bill would pass."),
    ],
)
def test_a_dateline_is_metadata_not_content(dateline, sentence):
    result = clean_text(f"{dateline}{sentence}\n\nOfficials agreed.")
    assert result.text.startswith(sentence)
    assert result.removed == [dateline.strip()]
    assert_maps_back(f"{dateline}{sentence}\n\nOfficials agreed.")


def test_a_dateline_after_a_title_and_a_date_line_is_metadata_too():
    text = ("Dam operator orders evacuation of three villages\nPublished 3 April 2026\n\n"
            "VALMORA (AP) — The operator ordered the evacuation of three villages, a spokesman said.\n\n"
            "About 4,000 residents were moved to schools in the town, he said.")
    result = clean_text(text)
    assert "(AP)" not in result.text and "The operator ordered the evacuation" in result.text
    assert "VALMORA (AP) —" in result.removed
    assert_maps_back(text)


def test_a_place_dateline_under_a_byline_is_metadata_when_the_report_names_the_place():
    text = ("Chlorine leak at Harwick plant forces evacuation\nBy Dana Whitfield | Northern Courier\n"
            "Published 14 May 2025\n\nHARWICK — About 400 homes near the plant were evacuated, fire officials said.\n")
    result = clean_text(text)
    assert "HARWICK —" in result.removed and "About 400 homes near the plant" in result.text
    assert "HARWICK" not in result.text
    assert_maps_back(text)


def test_a_later_line_opening_with_a_capitalised_word_and_a_dash_is_a_sentence():
    text = "Alliance to meet on Friday\n\nNATO — the alliance said — would meet on Friday to discuss the crisis.\n"
    assert "NATO — the alliance" in clean_text(text).text


def test_a_sentence_opening_with_an_acronym_keeps_it():
    assert clean_text("NATO officials said the drill would go ahead.").text.startswith("NATO officials")


def test_a_report_that_is_only_its_headline_keeps_it():
    page = "https://example.org/video/ferry-strike/1234\nMarch 3, 2031\nFerry workers strike, harbour closed for a day"
    cleaned = clean_text(page)
    assert cleaned.text == "Ferry workers strike, harbour closed for a day"
    assert "https://example.org/video/ferry-strike/1234" in cleaned.removed


def test_a_title_under_the_page_address_and_date_is_kept():
    page = ("https://example.org/news/ferry-strike-harbour-closed-1234.html\n"
            "Ferry workers strike as harbour closes for the day\n"
            "March 3, 2031 10:15 AM\n"
            "Ferry workers walked out on Monday and the harbour closed to passenger traffic, the port said.\n")
    cleaned = clean_text(page)
    assert cleaned.text.startswith("Ferry workers strike as harbour closes for the day")


def test_a_date_and_time_line_under_a_title_makes_no_headline_list():
    page = ("Harbour reopens after the ferry strike\n"
            "PUBLISHED: THURSDAY, MARCH 6, 2031, 1:32 PM\n"
            "The harbour reopened on Thursday after a three-day strike by ferry workers, the port said.\n")
    assert clean_text(page).text.startswith("Harbour reopens after the ferry strike")
