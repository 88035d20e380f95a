"""Grouping reports into stories: incremental, deterministic, bounded; measured on ECB+ dev."""
from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

from claimledger.extract.clean import clean_text
from claimledger.extract.nlp import load_nlp
from claimledger.extract.pipeline import extract_reports
from claimledger.ledger import stories
from claimledger.ledger.stories import StoryFeatures, StoryIndex, bcubed, story_features, story_name
from claimledger.records import RawReport, ReportExtraction
from claimledger.store import Store
from claimledger.store.stories import load_profile, load_profiles, save_profile

ECBPLUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus" / "docs_dev.jsonl"


def _extraction(text: str, title: str | None = None, published: str | None = None) -> ReportExtraction:
    """Only what story features read: the cleaned text, title and date (no names)."""
    return ReportExtraction(report=RawReport(text=text, title=title), clean=clean_text(text),
                            published=published, published_inferred=False)


def _extracted(reports: list[tuple[str | None, str]], nlp) -> list[ReportExtraction]:
    """Reports through the real extraction, so their names come from the one parse."""
    return list(extract_reports([RawReport(text=body, title=title) for title, body in reports], nlp=nlp))


def _unit(*values: float) -> np.ndarray:
    v = np.zeros(384, dtype=np.float32)
    v[: len(values)] = values
    return v / np.linalg.norm(v)


FLOOD = [
    ("River Vale floods the town of Marlow", "The River Vale burst its banks in Marlow on Monday, flooding 300 homes, "
     "the Marlow council said. Mayor Ines Carter asked residents to leave."),
    ("Marlow evacuates as the Vale rises", "Mayor Ines Carter ordered the evacuation of low streets in Marlow as the "
     "River Vale kept rising, a council spokesman said on Tuesday."),
]
ELECTION = [
    ("Pellworth votes for a new parliament", "Voters in Pellworth chose a new parliament on Sunday; the Harbour "
     "Party of Tomas Ruud won 41 seats, the election commission said."),
    ("Ruud claims victory in Pellworth", "Tomas Ruud told supporters his Harbour Party would form a government "
     "after the Pellworth election, in which turnout reached 62 percent."),
]


def test_reports_of_two_stories_land_in_two_stories_whatever_the_order():
    nlp = load_nlp()
    reports = [FLOOD[0], ELECTION[0], FLOOD[1], ELECTION[1]]
    features = story_features(_extracted(reports, nlp))
    assert "marlow" in features[0].entities and "tomas ruud" in features[3].entities
    index = StoryIndex()
    names = []
    for f in features:
        names.append(index.place(f))
        index.add(names[-1], f)
    assert names[0] == names[2] and names[1] == names[3] and names[0] != names[1]
    assert index.profiles[names[0]].size == 2

    again = StoryIndex()
    for f in reversed(features):
        again.add(again.place(f), f)
    assert sorted(p.size for p in again.profiles.values()) == [2, 2]


def test_profiles_reloaded_place_the_next_report_as_one_long_run_would():
    features = [StoryFeatures(_unit(1, 0.1 * i), ("marlow", "vale"), None) for i in range(3)]
    features += [StoryFeatures(_unit(0.1 * i, 1), ("pellworth",), None) for i in range(3)]
    whole = StoryIndex()
    for f in features:
        whole.add(whole.place(f), f)
    first = StoryIndex()
    for f in features[:4]:
        first.add(first.place(f), f)
    resumed = StoryIndex(first.profiles.values())
    for f in features[4:]:
        resumed.add(resumed.place(f), f)
    assert {n: p.size for n, p in resumed.profiles.items()} == {n: p.size for n, p in whole.profiles.items()}
    assert sorted(p.size for p in whole.profiles.values()) == [3, 3]


def test_a_report_outside_the_time_window_starts_another_story():
    index = StoryIndex()
    f = StoryFeatures(_unit(1, 0), ("marlow",), "2031-03-01")
    index.add(index.place(f), f)
    same_week = StoryFeatures(_unit(1, 0.05), ("marlow",), "2031-03-05")
    next_year = StoryFeatures(_unit(1, 0.05), ("marlow",), "2032-03-05")
    assert index.place(same_week) == "marlow-2031-03"
    assert index.place(next_year) == "marlow-2032-03"


def test_only_a_bounded_set_of_stories_is_scored(monkeypatch):
    index = StoryIndex()
    for i in range(300):
        f = StoryFeatures(_unit(np.cos(i), np.sin(i), 0.001 * i), (f"name{i}", "common"), None)
        index.add(f"s{i}", f)
    scored = []
    original = StoryIndex.score
    monkeypatch.setattr(StoryIndex, "score", lambda self, p, f, w: scored.append(p.name) or original(self, p, f, w))
    index.place(StoryFeatures(_unit(1, 0), ("name5", "common"), None))
    assert "s5" in scored
    assert len(scored) <= stories.NAME_CANDIDATES + stories.RECENT_CANDIDATES


def test_only_the_most_recent_stories_stay_open_and_a_closed_one_is_reopened_by_name(monkeypatch):
    monkeypatch.setattr(stories, "PROFILE_NAMES", 1)  # profiles keep one name; the others stay posted until closed
    saved: dict[str, stories.StoryProfile] = {}  # the store: every profile is saved as it changes
    index = StoryIndex(closed=saved.get, open_stories=3)
    marlow = StoryFeatures(_unit(1, 0), ("marlow",), None)
    saved["marlow"] = index.add("marlow", marlow)
    saved["marlow"] = index.add("marlow", StoryFeatures(_unit(1, 0.01), ("marlow", "vale"), None))
    assert list(saved["marlow"].entities) == ["marlow"] and "marlow" in index._postings["vale"]
    for i in range(4):
        f = StoryFeatures(_unit(0, 1, i), (f"place{i}",), None)
        saved[f"s{i}"] = index.add(f"s{i}", f)
    assert list(index.profiles) == ["s1", "s2", "s3"]
    assert not {"marlow", "vale", "place0"} & index._postings.keys()  # nothing of a closed story is left posted
    assert index.place(StoryFeatures(_unit(0.5, 0.5), ("vale",), None)) == "vale"

    # a report of the closed story starts another one, under a name of its own
    again = StoryFeatures(_unit(1, 0.05), ("marlow",), None)
    assert index.place(again) == "marlow-2"
    # pinned by name, it joins the closed story and reopens it with its members counted
    assert index.add("marlow", again, pinned=True).size == 3
    assert "marlow" in index.profiles and len(index.profiles) == 3


def test_a_run_loads_only_the_open_stories_and_looks_up_a_closed_one_by_name(db_url):
    with Store.open(db_url) as store:
        for seen, name in enumerate(("harbour", "election", "flood"), 1):
            save_profile(store, stories.StoryProfile(name=name, size=seen, centroid=_unit(seen), seen=seen))
        assert [p.name for p in load_profiles(store, 2)] == ["election", "flood"]
        assert [p.name for p in load_profiles(store)] == ["harbour", "election", "flood"]
        harbour = load_profile(store, "harbour")
        assert harbour.size == 1 and np.allclose(harbour.centroid, _unit(1))
        assert load_profile(store, "no such story") is None


def test_story_names_given_by_hand_are_checked():
    assert story_name("  north  korea troops ") == "north korea troops"
    for bad in ("", "x" * 101, "a\x1bb"):
        with pytest.raises(ValueError):
            story_name(bad)


def test_bcubed_on_a_known_grouping():
    assert bcubed(["a", "a", "b"], ["x", "x", "x"]) == pytest.approx((1.0, 5 / 9, 2 * 5 / 9 / (1 + 5 / 9)))


@pytest.mark.slow
@pytest.mark.skipif(not ECBPLUS.is_file(), reason="../shared/data/ecbplus is absent")
def test_ecbplus_subtopics_end_in_different_stories():
    """Each topic's documents, in file order, grouped from scratch; B-cubed F1 by subtopic over all documents.

    ECB+ texts carry no dates, so only vectors and names separate the two events of a topic.
    """
    docs = [json.loads(line) for line in ECBPLUS.read_text().splitlines() if line.strip()]
    by_topic = defaultdict(list)
    for doc in docs:
        by_topic[doc["topic"]].append(doc)
    nlp = load_nlp()
    predicted, gold = [], []
    for topic, members in sorted(by_topic.items()):
        index = StoryIndex()
        for doc, f in zip(members, story_features(_extracted([(None, d["text"]) for d in members], nlp))):
            name = index.place(f)
            index.add(name, f)
            predicted.append(f"{topic}/{name}")
            gold.append(doc["subtopic"])
    precision, recall, f1 = bcubed(predicted, gold)
    print(f"ECB+ dev stories: B-cubed P={precision:.3f} R={recall:.3f} F1={f1:.3f} over {len(docs)} documents")
    assert f1 >= 0.85
