"""Time expressions: finding, the report's date, and ISO resolution."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from claimledger.extract.nlp import load_nlp
from claimledger.extract.times import PublishedDate, find_time_mentions, infer_published, resolve_times, year_hint

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def times(nlp, text: str, reference: str | None) -> dict[str, str | None]:
    doc = nlp(text)
    resolved = resolve_times(find_time_mentions(doc), reference)
    for t in resolved:
        assert doc.text[t.start:t.end] == t.text
    return {t.text: t.value for t in resolved}


# Absolute dates and spans ----------------------------------------------------


def test_year_less_dates_take_the_reference_year(nlp):
    found = times(nlp, "The ministry said on Oct. 8 that talks began. Officials met again on October 15.", "2024-10-22")
    assert found == {"Oct. 8": "2024-10-08", "October 15": "2024-10-15"}


def test_year_less_date_far_after_the_reference_month_is_last_year(nlp):
    found = times(nlp, "The pact was first drafted on December 12 and signed on January 9.", "2025-03-02")
    assert found["December 12"] == "2024-12-12"
    assert found["January 9"] == "2025-01-09"


def test_a_coming_date_stays_in_the_reference_year(nlp):
    found = times(nlp, "The units will be ready to fight by Nov. 1, the general said.", "2024-10-22")
    assert found == {"Nov. 1": "2024-11-01"}


def test_month_after_december_runs_into_next_year(nlp):
    found = times(nlp, "The drills are planned for January 10.", "2024-12-20")
    assert found["January 10"] == "2025-01-10"


def test_dates_with_years_and_months(nlp):
    text = (
        "Sanctions were imposed in September 2022 and widened on December 30, 2023. "
        "The treaty signed in June 2024 replaced one from 12 July 1961."
    )
    found = times(nlp, text, "2024-10-20")
    assert found["September 2022"] == "2022-09"
    assert found["December 30, 2023"] == "2023-12-30"
    assert found["June 2024"] == "2024-06"
    assert found["12 July 1961"] == "1961-07-12"


@pytest.mark.parametrize(
    ("sentence", "text", "value", "reference"),
    [
        ("Ships crossed the strait between October 8 and 13, the agency said.", "between October 8 and 13",
         "2024-10-08/2024-10-13", "2024-10-20"),
        ("Ships crossed between October 8 and October 13.", "between October 8 and October 13",
         "2024-10-08/2024-10-13", "2024-10-20"),
        ("Ships were seen October 8 to October 13 near the port.", "October 8 to October 13",
         "2024-10-08/2024-10-13", "2024-10-20"),
        ("Convoys moved from Oct. 8 to 13 along the coast.", "from Oct. 8 to 13", "2024-10-08/2024-10-13", "2024-10-20"),
        ("The exercise ran Oct. 8-13 in the north.", "Oct. 8-13", "2024-10-08/2024-10-13", "2024-10-20"),
        ("Flights were halted from December 28 to January 3.", "from December 28 to January 3",
         "2023-12-28/2024-01-03", "2024-02-10"),
        ("Flights will be halted from December 28 to January 3.", "from December 28 to January 3",
         "2024-12-28/2025-01-03", "2024-10-20"),
        ("The blockade lasted from June to August 2023.", "from June to August 2023", "2023-06/2023-08", None),
    ],
)
def test_spans(nlp, sentence, text, value, reference):
    found = times(nlp, sentence, reference)
    assert found[text] == value


def test_numeric_dates(nlp):
    found = times(nlp, "The order was signed 2024-10-18 and published 10/21/2024; the reply came 25/10/2024.", None)
    assert found == {"2024-10-18": "2024-10-18", "10/21/2024": "2024-10-21", "25/10/2024": "2024-10-25"}


def test_two_dates_joined_by_and_are_not_a_span(nlp):
    found = times(nlp, "Strikes hit the city on October 8 and October 13.", "2024-10-20")
    assert found == {"October 8": "2024-10-08", "October 13": "2024-10-13"}


def test_years_and_year_spans(nlp):
    text = "It has not fought since the 1950-53 Korean War, though its pilots flew in Egypt in 1973."
    found = times(nlp, text, "2024-10-18")
    assert found["1950-53"] == "1950/1953"
    assert found["1973"] == "1973"


def test_counts_measures_and_ages_are_not_times(nlp):
    text = (
        "About 1,500 soldiers and 2000 troops arrived with 155mm shells. "
        "A 33-year-old officer said the two-and-a-half-year-old war had cost 12,000 lives."
    )
    assert times(nlp, text, "2024-10-18") == {}


# Weekdays --------------------------------------------------------------------


def test_weekdays_fall_on_or_before_a_friday_reference(nlp):
    text = "The agency said on Friday that troops had arrived. On Thursday, the president warned of a wider war."
    found = times(nlp, text, "2024-10-18")  # a Friday
    assert found == {"on Friday": "2024-10-18", "On Thursday": "2024-10-17"}


def test_weekday_arithmetic_across_a_week_boundary(nlp):
    found = times(nlp, "The minister said on Saturday that talks failed.", "2024-10-22")  # a Tuesday
    assert found["on Saturday"] == "2024-10-19"


def test_last_and_next_weekday(nlp):
    text = "The council met last Friday. It meets again next Monday."
    found = times(nlp, text, "2024-10-18")  # a Friday
    assert found["last Friday"] == "2024-10-11"
    assert found["next Monday"] == "2024-10-21"


def test_future_weekday_points_forward(nlp):
    found = times(nlp, "The envoy will arrive in Seoul on Tuesday.", "2024-10-18")
    assert found["on Tuesday"] == "2024-10-22"


def test_explicit_date_beside_a_weekday_wins(nlp):
    text = "The president chaired a meeting last Friday (October 18). On Sunday (October 20), he spoke again."
    found = times(nlp, text, "2024-10-23")
    assert found["last Friday (October 18)"] == "2024-10-18"
    assert found["On Sunday (October 20)"] == "2024-10-20"


# Relative expressions ---------------------------------------------------------


def test_relative_expressions(nlp):
    text = (
        "The minister spoke yesterday and will travel tomorrow. Talks resumed today. "
        "Lawmakers met last week and again earlier this month. "
        "Ships were seen within the past week. Prices doubled over the past two years. "
        "It happened earlier in October, three days ago by some accounts, and in June too."
    )
    found = times(nlp, text, "2024-10-23")  # a Wednesday
    assert found["yesterday"] == "2024-10-22"
    assert found["tomorrow"] == "2024-10-24"
    assert found["today"] == "2024-10-23"
    assert found["last week"] == "2024-10-14/2024-10-20"
    assert found["earlier this month"] == "2024-10"
    assert found["within the past week"] == "2024-10-16/2024-10-23"
    assert found["over the past two years"] == "2022-10-23/2024-10-23"
    assert found["earlier in October"] == "2024-10"
    assert found["three days ago"] == "2024-10-20"
    assert found["in June"] == "2024-06"


def test_the_past_year_without_a_count_is_the_year_before(nlp):
    found = times(nlp, "Hate groups grew over the past year, and their sites tripled in the past two years.",
                  "1998-03-03")
    assert found == {"over the past year": "1997", "in the past two years": "1996-03-03/1998-03-03"}


def test_this_month_last_year_and_next_week(nlp):
    found = times(nlp, "Exports fell this month, rose last year and may recover next week.", "2024-01-03")
    assert found["this month"] == "2024-01"
    assert found["last year"] == "2023"
    assert found["next week"] == "2024-01-08/2024-01-14"


def test_without_a_reference_only_absolute_times_resolve(nlp):
    found = times(nlp, "On Friday, officials recalled the attack of December 30, 2023, and one in March.", None)
    assert found["On Friday"] is None
    assert found["December 30, 2023"] == "2023-12-30"
    assert found["in March"] is None


# Tense ---------------------------------------------------------------------------


def test_deadlines_and_future_tense_are_marked(nlp):
    doc = nlp(
        "Troops will be ready to fight on November 1. He said units would deploy by Nov. 5. "
        "The envoy arrived on October 20."
    )
    future = {t.text: t.future for t in find_time_mentions(doc)}
    assert future == {"November 1": True, "Nov. 5": True, "October 20": False}


def test_a_deadline_in_a_past_tense_clause_is_past(nlp):
    doc = nlp("All members had filed their reports by Wednesday. Until Thursday, police had not named a suspect. "
              "The firm must answer by Friday.")
    future = {t.text: t.future for t in find_time_mentions(doc)}
    assert future == {"Wednesday": False, "Thursday": False, "Friday": True}


def test_a_deadline_with_a_clock_before_its_day_is_still_a_deadline(nlp):
    doc = nlp("The ministry has given the families until 9 a.m. Tuesday to sign the papers. "
              "The blast went off at about 10:35 a.m. Friday, toppling a building.")
    future = {t.text: t.future for t in find_time_mentions(doc)}
    assert future == {"9 a.m. Tuesday": True, "10:35 a.m. Friday": False}


def test_scheduled_present_is_future_but_since_is_past(nlp):
    doc = nlp(
        "The vote is on Tuesday. The summit takes place on 5 November. Troops are arriving on November 3. "
        "Talks have continued since October 2. The agency saw ships enter the port on October 9."
    )
    future = {t.text: t.future for t in find_time_mentions(doc)}
    assert future == {
        "on Tuesday": True, "5 November": True, "November 3": True, "October 2": False, "October 9": False,
    }


# The report's year -------------------------------------------------------------


def test_year_hint_prefers_years_near_month_names():
    text = "The 1950-53 war ended long ago; pilots flew in 1973. Sanctions began in September 2022 and on March 3, 2023."
    assert year_hint(text) == 2023


def test_year_hint_weekday_pins_the_year():
    text = "As early as September 2022 the claims began. On Sunday (October 20), the president spoke."
    assert year_hint(text) == 2024  # October 20 was a Sunday in 2024


def test_year_hint_without_evidence():
    assert year_hint("Pilots flew in 1973 and again in the 1950-53 war, officials said on Friday.") is None


# The report's date ------------------------------------------------------------------


def test_infer_published_from_weekdays_and_past_events(nlp):
    doc = nlp(
        "Seoul's spy agency said on Friday that ships carried 1,500 soldiers between October 8 and 13. "
        "On Thursday, the president said the troops would be ready by November 1. "
        "The army said it will hold drills on November 20."
    )
    published = infer_published(find_time_mentions(doc), doc, 2024)
    assert published.date == "2024-10-18"
    assert published.evidence == "weekday after the latest dated event"
    assert published.window == "2024-10-18/.."


def test_infer_published_latest_dated_event(nlp):
    doc = nlp(
        "The image was posted on October 20. Lawmakers said on October 23 that 3,000 troops had arrived. "
        "Units are expected to reach the front on December 1."
    )
    published = infer_published(find_time_mentions(doc), doc, 2024)
    assert (published.date, published.window) == ("2024-10-23", "2024-10-23/..")


def test_infer_published_uses_the_reports_own_year(nlp):
    doc = nlp("The report appeared on March 3, 2021, and officials responded on March 5.")
    assert infer_published(find_time_mentions(doc), doc, 2024).date == "2024-03-05"
    doc = nlp("The president spoke on Sunday (October 20) about the report of October 18.")
    assert infer_published(find_time_mentions(doc), doc, 2023).date == "2024-10-20"


def test_a_month_of_last_or_next_year(nlp):
    found = times(nlp, "He was arrested on June 5 last year. In July last year the army staged a coup, and in "
                       "January this year it called elections for 3 March next year.", "1998-02-19")
    assert found == {"June 5 last year": "1997-06-05", "July last year": "1997-07", "January this year": "1998-01",
                     "3 March next year": "1999-03-03"}
    doc = nlp("Talks ended on February 10. He had been arrested on December 5 last year.")
    assert infer_published(find_time_mentions(doc), doc, 1998).date == "1998-02-10"  # not after December 5, 1998


def test_the_nth_day_of_something_said_in_the_present_is_today(nlp):
    found = times(nlp, "Today is the eighth day of the blockade. It's the second straight day of fighting; the "
                       "truce had broken on the first day.", "1998-03-06")
    assert (found["Today"], found["the eighth day"], found["the second straight day"]) == ("1998-03-06",) * 3
    assert found.get("the first day") is None  # counted from the start of something the text does not date
    assert times(nlp, "It was the third day of talks.", "1998-03-06").get("the third day") is None


def test_infer_published_needs_a_dated_event(nlp):
    doc = nlp("The agency said on Friday that troops had arrived last week.")
    assert infer_published(find_time_mentions(doc), doc, 2024).date is None
    doc = nlp("Talks ended on October 8.")
    assert infer_published(find_time_mentions(doc), doc, None) == PublishedDate()


def test_a_dateline_states_the_date(nlp):
    text = "GDANSK, June 10 (Europa Wire) - The port said on Monday that traffic rose in May."
    doc = nlp(text)
    published = infer_published(find_time_mentions(doc), doc, 2024, text)
    assert (published.date, published.evidence) == ("2024-06-10", "dateline")
    text = "Officials met again.\n\nPublished: 3 March 2021\n"
    doc = nlp(text)
    assert infer_published(find_time_mentions(doc), doc, None, text).date == "2021-03-03"


def test_a_day_counted_from_the_date_before_it(nlp):
    doc = nlp("The audience was on Nov. 26. The next day, a paper ran the story. A week later it was everywhere.")
    found = {t.text: t.value for t in resolve_times(find_time_mentions(doc), "2014-12-12")}
    assert found["The next day"] == "2014-11-27"
    assert found["A week later"] == "2014-12-04"  # a week after "the next day"
    assert infer_published(find_time_mentions(doc), doc, 2014).date == "2014-12-04"


def test_earlier_counts_back_from_the_time_named_before_it(nlp):
    found = times(nlp, "Profit rose in the third quarter, from $5 million a year earlier. Sales fell in the "
                       "year-ago quarter. The talks ended on March 3; two days earlier the envoy had left.",
                  "1989-11-02")
    assert found["a year earlier"] == "1988-Q3"  # the quarter it is compared with, not the report's year
    assert found["the year-ago quarter"] == "1988-Q3"
    assert found["two days earlier"] == "1989-03-01"
    assert times(nlp, "Sales were flat a year earlier.", "1989-11-02") == {"a year earlier": "1988"}


def test_a_day_of_the_month_alone(nlp):
    assert times(nlp, "The vote was held on the 13th.", "2024-10-23") == {"on the 13th": "2024-10-13"}
    assert times(nlp, "The vote was held on the 28th.", "2024-10-23") == {"on the 28th": "2024-09-28"}
    assert times(nlp, "The vote will be held on the 28th.", "2024-10-23") == {"on the 28th": "2024-10-28"}
    assert times(nlp, "He lives on the 13th floor.", "2024-10-23") == {}
    assert times(nlp, "A hearing is scheduled for the 28th.", "2024-10-23") == {"for the 28th": "2024-10-28"}
    assert times(nlp, "The strike will end before the 30th.", "2024-10-23") == {"before the 30th": "2024-10-30"}
    assert times(nlp, "She won for the 28th time.", "2024-10-23") == {}


def test_seasons_and_months_without_a_modifier(nlp):
    found = times(nlp, "The law passed in the summer of 2022. Elections are due in the spring. Talks are set for "
                       "around December. Sales fell in January; May was worse.", "2024-10-23")
    assert found == {"in the summer of 2022": "2022-SU", "in the spring": "2024-SP", "around December": "2024-12",
                     "in January": "2024-01", "May": "2024-05"}


def test_the_quarter_is_the_one_named_before_it(nlp):
    found = times(nlp, "Profit rose in the 1988 third quarter. In the quarter, sales fell; the current quarter "
                       "looks better.", "1989-11-02")
    assert found == {"the 1988 third quarter": "1988-Q3", "the quarter": "1988-Q3", "the current quarter": "1989-Q4"}
    assert times(nlp, "Sales in the latest quarter rose.", "1989-11-02") == {"the latest quarter": "1989-Q3"}
    assert times(nlp, "A quarter of the staff left the French quarter.", "1989-11-02") == {}


def test_the_day_a_quarter_ended_on_leaves_the_quarter_the_comparison(nlp):
    found = times(nlp, "Profit rose in the third quarter. Sales in the quarter ended Sept. 30 rose from a year "
                       "earlier. The year-ago results were restated.", "1989-11-01")
    assert found == {"the third quarter": "1989-Q3", "the quarter": "1989-Q3", "Sept. 30": "1989-09-30",
                     "a year earlier": "1988-Q3", "The year-ago": "1988-Q3"}
    found = times(nlp, "Talks ended Sept. 30. A year earlier the plant had closed.", "1989-11-01")
    assert found["A year earlier"] == "1988-09-30"  # no quarter named: the day is the time


def test_the_latest_quarter_has_ended(nlp):
    found = times(nlp, "The insurer expects the storm will cause a fourth-quarter charge. Its earnings fell 59% in "
                       "the latest quarter, from $8 million a year ago.", "1989-11-02")
    assert found == {"fourth-quarter": "1989-Q4", "the latest quarter": "1989-Q3", "a year ago": "1988-Q3"}
    found = times(nlp, "Profit rose in the second quarter. Sales in the latest quarter were flat.", "1989-11-02")
    assert found["the latest quarter"] == "1989-Q2"


def test_a_capitalised_daily_inside_a_sentence_is_a_name(nlp):
    doc = nlp("Documents seen by Auto Daily show it. Daily, the firm checks vans; they meet weekly.")
    found = [(t.start, t.value) for t in resolve_times(find_time_mentions(doc), "2026-07-16")]
    assert found == [(doc.text.index("Daily,"), "P1D"), (doc.text.index("weekly"), "P1W")]


def test_parts_of_the_day_are_their_day_with_timeml_codes(nlp):
    found = times(nlp, "Two people died last night. The mayor spoke this morning and will visit tonight. "
                       "Police arrived on Monday night, and the suspect was charged yesterday afternoon.",
                  "2024-10-23")
    assert found == {"last night": "2024-10-22TNI", "this morning": "2024-10-23TMO", "tonight": "2024-10-23",
                     "on Monday night": "2024-10-21", "yesterday afternoon": "2024-10-22TAF"}


def test_a_part_of_the_day_before_its_day(nlp):
    found = times(nlp, "Trading halted in mid-afternoon yesterday and resumed late morning today.", "1989-11-02")
    assert found == {"mid-afternoon yesterday": "1989-11-01TAF", "late morning today": "1989-11-02TMO"}


def test_a_part_of_the_day_still_dates_by_its_day(nlp):
    from claimledger.extract.times import DAY_VALUE

    assert DAY_VALUE.match("2024-10-22TNI") and DAY_VALUE.match("2024-10-22T22:00")
    assert not DAY_VALUE.match("2024-10-22TXX")
    found = times(nlp, "The ferry sank at 10 p.m. yesterday evening, the coastguard said.", "2024-10-23")
    assert found == {"10 p.m. yesterday evening": "2024-10-22T22:00"}


def test_durations_sets_and_the_present(nlp):
    doc = nlp("Prices rose for three years and fell in the last twenty four hours. Now the market meets "
              "every Thursday, and currently trades weekly. Talks lasted 48 hours in the late 1970s.")
    found = {t.text.lower(): t.value for t in resolve_times(find_time_mentions(doc), "2024-10-23")}
    assert found["three years"] == "P3Y"
    assert found["now"] == "PRESENT_REF" and found["currently"] == "PRESENT_REF"
    assert found["every thursday"] == "XXXX-WXX-4" and found["weekly"] == "P1W"
    assert found["48 hours"] == "PT48H"
    assert found["the late 1970s"] == "197"
    assert "33-year-old" not in {t.text for t in find_time_mentions(nlp("A 33-year-old man was held."))}


def test_named_months_quarters_and_parts_of_the_week(nlp):
    doc = nlp("Sales fell last March and in the third quarter. At the end of September he spoke, "
              "and earlier this week he spoke again, as in December of 2007 and from 1846 to 1878, when it ended.")
    found = {t.text.lower(): t.value for t in resolve_times(find_time_mentions(doc), "2014-12-12")}
    assert found["last march"] == "2014-03"
    assert found["the third quarter"] == "2014-Q3"
    assert found["the end of september"] == "2014-09"
    assert found["earlier this week"] == "2014-12-08/2014-12-11"
    assert found["december of 2007"] == "2007-12"
    assert found["from 1846 to 1878"] == "1846/1878"


def test_last_month_named_just_after_it_is_last_years(nlp):
    found = times(nlp, "Exports fell last February and rose in February; imports rose last November.",
                  "1998-03-01")
    assert found == {"last February": "1997-02", "in February": "1998-02", "last November": "1997-11"}


def test_a_future_date_without_a_year_is_the_coming_one(nlp):
    doc = nlp("The company will report its results in August.")
    assert [t.value for t in resolve_times(find_time_mentions(doc), "1998-02-13")] == ["1998-08"]


# The seed reports, end to end ---------------------------------------------------


def _norm(text) -> str:
    text = str(text or "").translate(str.maketrans({"\u2019": "'", "\u2013": "-", "\u2014": "-", "\u00a0": " "}))
    return re.sub(r"\s+", " ", text).strip().lower()


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared seeds not present")
def test_seed_reports_times_and_dates(nlp):
    yaml = pytest.importorskip("yaml")
    gold = yaml.safe_load((SHARED / "gold" / "seeds.yaml").read_text(encoding="utf-8"))
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))}
    years = Counter(y for y in map(year_hint, texts.values()) if y)
    context = years.most_common(1)[0][0] if years else None
    exported: dict[str, list] = {}
    for key, text in texts.items():
        doc = nlp(text)
        mentions = find_time_mentions(doc)
        published = infer_published(mentions, doc, context).date
        low, high = (str(d) for d in gold["documents"][key]["published"])
        assert published is not None and low <= published <= high, (key, published)
        exported[key] = resolve_times(mentions, published)
    hits = 0
    for g in gold["times"]:
        want = _norm(g["text"])
        candidates = [
            t for t in exported.get(g["doc"], [])
            if (want in _norm(t.text) or _norm(t.text) in want) and len(_norm(t.text)) >= 3
        ]
        hits += any(str(t.value) == str(g["value"]) for t in candidates)
    assert hits / len(gold["times"]) >= 0.85


def test_over_the_weekend_is_the_weekend_just_past(nlp):
    doc = nlp("Protesters gathered over the weekend, and they will meet at the weekend again.")
    found = {t.text: t.value for t in resolve_times(find_time_mentions(doc), "2024-10-23")}
    assert found["over the weekend"] == "2024-10-19/2024-10-20"
    assert found["at the weekend"] == "2024-10-26/2024-10-27"


# TimeML conventions for comparisons, references and spelled-out years ---------------


def test_a_year_ago_after_a_quarter_is_that_quarter_a_year_back(nlp):
    found = times(nlp, "Profit in the second quarter fell to $4 million from $6 million a year ago.", "2007-08-14")
    assert found["the second quarter"] == "2007-Q2"
    assert found["a year ago"] == "2006-Q2"


def test_a_year_ago_without_a_quarter_is_the_year(nlp):
    found = times(nlp, "The bridge was closed a year ago and reopened in March 2007.", "2007-08-14")
    assert found["a year ago"] == "2006"


def test_a_year_ago_compared_with_a_quarter_names_no_new_time(nlp):
    found = times(nlp, "Sales in the first quarter rose from a year ago; two years ago they had fallen.", "2007-05-02")
    assert found["a year ago"] == "2006-Q1"
    assert found["two years ago"] == "2005-Q1"


def test_a_year_earlier_after_the_months_of_the_year_is_the_year(nlp):
    found = times(nlp, "Profit in the second quarter fell to $4 million. For the six months, sales rose 9% from a "
                       "year earlier. In the first six months, profit fell from a year ago.", "2007-08-14")
    assert found["the second quarter"] == "2007-Q2"
    assert found["six months"] == "P6M" and found["the first six months"] == "P6M"
    assert found["a year earlier"] == "2006" and found["a year ago"] == "2006"
    found = times(nlp, "Profit in the second quarter fell. Last year the plant was shut. For the nine months, net "
                       "fell from the year-ago level.", "2007-08-14")
    assert found["Last year"] == "2006" and found["the year-ago"] == "2006"
    found = times(nlp, "Profit in the second quarter fell. He spent six months abroad; sales rose from a year "
                       "ago.", "2007-08-14")
    assert found["a year ago"] == "2006-Q2"


def test_last_year_in_a_comparison_after_a_quarter_is_that_quarter_a_year_back(nlp):
    found = times(nlp, "The unit earned $24 million in the third quarter, compared with a loss of $3.1 million last "
                       "year. Sales in the quarter rose 13% from last year's $1.55 billion.", "1989-11-02")
    assert found["the third quarter"] == "1989-Q3"
    assert found["last year"] == "1988-Q3" and found["the quarter"] == "1989-Q3"
    found = times(nlp, "The unit earned $24 million in the third quarter. Last year the plant was closed.",
                  "1989-11-02")
    assert found["Last year"] == "1988"
    found = times(nlp, "Profit rose in the third quarter. For the nine months, net rose to $525.8 million from "
                       "$504.2 million, or $4.41 a share, last year.", "1989-11-02")
    assert found["last year"] == "1988"


def test_years_in_words(nlp):
    found = times(nlp, "The mill opened in nineteen fifty-two, shut in March nineteen ninety-one and may reopen by "
                       "the year two thousand; in the spring of nineteen oh five it had flooded.", "1998-02-27")
    assert found["nineteen fifty-two"] == "1952"
    assert found["March nineteen ninety-one"] == "1991-03"
    assert found["the year two thousand"] == "2000"
    assert found["in the spring of nineteen oh five"] == "1905-SP"


def test_a_count_in_words_is_not_a_year(nlp):
    found = times(nlp, "Some nineteen hundred people and two thousand troops left with nineteen twenty-dollar bills.",
                  "1998-02-27")
    assert found == {}


def test_a_clock_time_before_a_day_is_timeml_time_on_that_day(nlp):
    found = times(nlp, "The ferry sank at 11 p.m. Tuesday; rescuers arrived at noon Wednesday and the port closes "
                       "at 6:30 a.m. EDT, March 9.", "2011-03-04")
    assert found["11 p.m. Tuesday"] == "2011-03-01T23:00"
    assert found["noon Wednesday"] == "2011-03-02T12:00"
    assert found["6:30 a.m. EDT, March 9"] == "2011-03-09T06:30"


def test_a_clock_time_alone_is_left_out(nlp):
    found = times(nlp, "Guards were seen yesterday, and at 9:45 p.m. shots rang out.", "2011-03-04")
    assert found == {"yesterday": "2011-03-03"}


def test_am_after_a_word_is_not_a_clock(nlp):
    assert times(nlp, "I am sure the talks in the afternoon went well.", "2011-03-04") == {}


def test_a_deadline_month_with_its_preposition_is_the_coming_one(nlp):
    found = times(nlp, "The group plans to repay the bridge loan by February.", "1989-10-30")
    assert found["by February"] == "1990-02"


def test_durations_in_decades_and_halves(nlp):
    found = times(nlp, "The feud ran almost two decades; talks took 3 1/2 hours, then two and a half years, "
                       "and the vote a minute and a half.", "2011-03-04")
    assert found["almost two decades"] == "P20Y"
    assert found["3 1/2 hours"] == "PT3H30M"
    assert found["two and a half years"] == "P2Y6M"
    assert found["a minute and a half"] == "PT1M30S"


def test_a_count_of_quarters_is_a_length_and_a_share_of_something_is_not(nlp):
    found = times(nlp, "The bank lost money in the past two quarters, after several quarters of profit. Three "
                       "quarters of the staff left, and a quarter of the branches will close.", "1989-10-27")
    assert found == {"the past two quarters": "P2Q", "several quarters": "PXQ"}
    assert times(nlp, "The charge will be spread over the next three quarters.", "1989-10-27") == {
        "the next three quarters": "P3Q"}


def test_uncounted_decades_and_centuries_take_timemls_letters(nlp):
    found = times(nlp, "The city was ruled from Moscow for centuries and feuded with its rival for decades.", "1998-02-27")
    assert found == {"for centuries": "PXC", "for decades": "PXE"}


def test_sets_of_months_and_quarters(nlp):
    found = times(nlp, "The fair opens each July and the fund pays out every quarter.", "2011-03-04")
    assert found["each July"] == "XXXX-07"
    assert found["every quarter"] == "P1Q"


def test_weekdays_in_the_plural_are_sets(nlp):
    found = times(nlp, "The market opens on Mondays, the ferry sails Tuesday nights, and the talks resumed on "
                       "Thursday.", "2011-03-04")
    assert found == {"Mondays": "XXXX-WXX-1", "Tuesday nights": "XXXX-WXX-2TNI", "on Thursday": "2011-03-03"}


def test_a_weekday_joined_to_one_in_the_plural_is_a_set_too(nlp):
    doc = nlp("Flights will leave on Monday and Tuesday nights, and the shop opens Saturday and Sundays. "
              "They met on Monday and Tuesday.")
    found = [(t.text, t.value) for t in resolve_times(find_time_mentions(doc), "1998-02-13")]  # a Friday
    assert found == [("on Monday", "XXXX-WXX-1TNI"), ("Tuesday nights", "XXXX-WXX-2TNI"), ("Saturday", "XXXX-WXX-6"),
                     ("Sundays", "XXXX-WXX-7"), ("on Monday", "1998-02-09"), ("Tuesday", "1998-02-10")]


def test_a_quarter_of_last_or_next_year(nlp):
    found = times(nlp, "The unit could be spun off as early as next year's first quarter; sales in last year's "
                       "fourth quarter fell.", "1989-10-31")
    assert found == {"next year's first quarter": "1990-Q1", "last year's fourth quarter": "1988-Q4"}


def test_a_day_after_set_to_or_due_to_is_the_coming_one(nlp):
    ref = "2011-03-04"  # a Friday
    assert times(nlp, "Ministers met on the budget, set to pass Tuesday.", ref)["Tuesday"] == "2011-03-08"
    assert times(nlp, "The strike is to end on Monday.", ref)["on Monday"] == "2011-03-07"
    assert times(nlp, "The talks are due to resume on Wednesday.", ref)["on Wednesday"] == "2011-03-09"
    assert times(nlp, "The talks were due to resume on Wednesday.", ref)["on Wednesday"] == "2011-03-02"


def test_a_plan_told_in_the_past_perfect_is_past(nlp):
    ref = "1989-10-30"  # a Monday
    found = times(nlp, "The offer previously had been scheduled to expire at midnight Friday.", ref)
    assert found["midnight Friday"] == "1989-10-27T24:00"
    assert times(nlp, "The firm had planned to open the plant on Friday.", ref)["on Friday"] == "1989-10-27"
    assert times(nlp, "The firm plans to open the plant on Friday.", ref)["on Friday"] == "1989-11-03"


def test_phrases_naming_the_reports_year(nlp):
    found = times(nlp, "Sales for the full year and the current fiscal year should recover by year end, "
                       "after a slump earlier in the year.", "2011-10-26")
    assert found["the full year"] == "2011"
    assert found["the current fiscal year"] == "2011"
    assert found["year end"] == "2011"
    assert found["earlier in the year"] == "2011"


def test_the_following_year_and_month_count_from_the_time_named(nlp):
    found = times(nlp, "The mine shut on March 3, 2004. The following year it reopened.", "2011-10-26")
    assert found["The following year"] == "2005"
    found = times(nlp, "The mine shut in March 2004. The following month it reopened.", "2011-10-26")
    assert found["The following month"] == "2004-04"


def test_mid_year_halves_seasons_and_vague_windows(nlp):
    found = times(nlp, "Output fell in mid-2009 and in the second half of 2010, recovered in the early summer, "
                       "and for the past few weeks has been flat.", "2011-10-26")
    assert found["mid-2009"] == "2009"
    assert found["the second half of 2010"] == "2010-H2"
    assert found["in the early summer"] == "2011-SU"
    assert found["for the past few weeks"] == "PXW"


def test_a_day_before_a_colon_is_still_a_day(nlp):
    found = times(nlp, "The paper said on Saturday, April 25: the court erred.", "1998-04-24")
    assert found["on Saturday, April 25"] == "1998-04-25"


def test_approximate_ago_trading_days_and_the_weeks_ahead(nlp):
    found = times(nlp, "A week or so ago the index lost ground for eight trading days; "
                       "in the weeks ahead it may recover.", "1991-02-25")
    assert found["A week or so ago"] == "1991-02-18"
    assert found["eight trading days"] == "P8D"
    assert found["the weeks ahead"] == "PXW"


def test_the_quarter_is_what_a_year_ago_compares_with(nlp):
    found = times(nlp, "The company said on Oct. 3 that profit in the quarter rose from a year ago.", "2011-10-26")
    assert found["the quarter"] == "2011-Q3"
    assert found["a year ago"] == "2010-Q3"


def test_so_far_is_not_a_time(nlp):
    assert times(nlp, "So far 300 people have been evacuated, and more are leaving now.", "2011-10-26") == \
        {"now": "PRESENT_REF"}


def test_phrases_of_the_future(nlp):
    found = times(nlp, "Rates may fall in the near future, though not in the short term; a vote comes at a later "
                       "date and may cut losses in future quarters.", "2011-10-26")
    assert found == {"the near future": "FUTURE_REF", "the short term": "FUTURE_REF", "a later date": "FUTURE_REF",
                     "future quarters": "FUTURE_REF"}


def test_hours_and_minutes_later_and_a_few_days_later_are_lengths(nlp):
    found = times(nlp, "The engine stalled. A minute and a half later, the pilot called in. "
                       "Two hours later the runway closed. A few days later the airline cut flights.", "1998-01-14")
    assert found["A minute and a half"] == "PT1M30S"
    assert found["Two hours"] == "PT2H"
    assert found["few days later"] == "PXD"
    assert times(nlp, "He resigned on March 3. Three days later he returned.", "1998-03-20")["Three days later"] \
        == "1998-03-06"


def test_previously_is_not_a_time_and_a_title_week_is_a_name(nlp):
    found = times(nlp, "The plant had previously been sold. Baker said on ABC's \u201cThis Week\u201d that the "
                       "rights let holders buy at the then current price this week.", "1991-02-25")
    assert found == {"then current": "PAST_REF", "this week": "1991-02-25/1991-03-03"}


def test_the_year_is_the_reports_and_the_year_ended_a_length(nlp):
    doc = nlp("For the year ended Aug. 31, the chain earned $2 million. Sales for the first nine months of the year "
              "rose, and the stock hit a high for the year in June.")
    values = [(t.text, t.value) for t in resolve_times(find_time_mentions(doc), "2011-10-26")]
    assert [v for text, v in values if text == "the year"] == ["P1Y", "2011", "2011"]
    assert times(nlp, "Profit rose in the fiscal year ended Jan. 31.", "2011-10-26")["the fiscal year"] == "P1Y"
    assert "the year" not in times(nlp, "It was the year before the war.", "2011-10-26")


def test_the_latest_period_and_the_period_of_a_year(nlp):
    doc = nlp("Profit fell in the third quarter. The latest period included a gain, and the 2010 period a charge.")
    values = {t.text: t.value for t in resolve_times(find_time_mentions(doc), "2011-10-26")}
    assert values["The latest period"] == "2011-Q3"
    assert values["the 2010 period"] == "2010-Q3"


def test_a_year_after_fiscal_and_decades_without_their_century(nlp):
    found = times(nlp, "Sales will top fiscal 1989 sales, as they have through the nineties and the late '80s, "
                       "when he was in his nineties.", "1999-10-26")
    assert found["1989"] == "1989"
    assert found["the nineties"] == "199"
    assert found["the late '80s"] == "198"
    assert "his nineties" not in found and "nineties" not in found


def test_the_previous_weekday_and_the_next_day_count_from_the_day_named_last(nlp):
    found = times(nlp, "The index fell on Friday, down 4.5% from the previous Friday.", "1989-10-30")
    assert found["on Friday"] == "1989-10-27"
    assert found["the previous Friday"] == "1989-10-20"
    assert times(nlp, "The talks opened on Monday. The next day they collapsed.", "2024-10-24")["The next day"] \
        == "2024-10-22"


def test_through_a_month_is_a_deadline_and_twenty_four_hours_a_day_back(nlp):
    found = times(nlp, "Lenders have extended the loans through January. In the last twenty four hours the "
                       "market fell.", "1989-10-30")
    assert found["through January"] == "1990-01"
    assert found["In the last twenty four hours"] == "1989-10-29/1989-10-30"
    assert times(nlp, "Sales rose through January.", "1989-10-30")["through January"] == "1989-01"


def test_a_second_before_a_noun_is_the_ordinal(nlp):
    found = times(nlp, "A second group of directors called for a second round of talks; a second later the line "
                       "went dead.", "1989-10-27")
    assert found == {"a second": "PT1S"}


def test_that_year_is_the_year_named_before(nlp):
    found = times(nlp, "Imports totaled $37 million in 1988, a small share of the imports that year.", "1989-11-02")
    assert found["that year"] == "1988"


def test_a_month_before_a_noun(nlp):
    found = times(nlp, "The rate fell below December's figures, under a June agreement with dissidents. Congress "
                       "may march on.", "1998-02-06")
    assert found["December"] == "1997-12"
    assert found["June"] == "1997-06"
    assert "march" not in found and "may" not in found


def test_one_day_after_a_modal_is_some_day_to_come(nlp):
    doc = nlp("Islam will one day be the second largest religion; he had been in the job one day.")
    assert [t.value for t in resolve_times(find_time_mentions(doc), "1998-03-03")] == ["FUTURE_REF", "P1D"]


def test_year_earlier_results_after_last_year_are_that_year(nlp):
    doc = nlp("Last year losses totaled $5 million. The year-earlier results were restated. A year earlier, "
              "the company had lost more.")
    values = [(t.text, t.value) for t in resolve_times(find_time_mentions(doc), "1989-10-30")]
    assert values == [("Last year", "1988"), ("The year-earlier", "1988"), ("A year earlier", "1987")]


def test_a_date_a_change_takes_effect_on_is_to_come(nlp):
    found = times(nlp, "The board named a new treasurer, effective April 2, and raised fees effective as of Monday.",
                  "1997-11-20")
    assert found["April 2"] == "1998-04-02"
    assert found["Monday"] == "1997-11-24"


def test_decades_named_against_the_report(nlp):
    found = times(nlp, "Costs doubled in the last decade; this decade looks calmer, and next decade will tell.",
                  "1998-05-11")
    assert found == {"in the last decade": "198", "this decade": "199", "next decade": "200"}


def test_the_previous_day_is_the_day_before_the_one_named(nlp):
    found = times(nlp, "Polls closed on June 4. Turnout had been low the previous day, on the last day of the "
                       "campaign.", "1998-06-06")
    assert found["the previous day"] == "1998-06-03"
    assert found.get("the last day") is None


def test_a_few_days_ago_is_the_past(nlp):
    found = times(nlp, "A few days ago the rebels withdrew; several hours ago they returned.", "1998-03-02")
    assert found == {"A few days ago": "PAST_REF", "several hours ago": "PAST_REF"}


def test_the_first_two_quarters_of_a_year_are_its_first_half(nlp):
    found = times(nlp, "Margins will stay thin through the first two quarters of 1999.", "1998-10-20")
    assert found == {"the first two quarters of 1999": "1999-H1"}


def test_a_date_entity_before_after_is_the_length_it_holds(nlp):
    found = times(nlp, "The plant reopened barely a month after the fire.", "1998-02-13")
    assert found == {"barely a month": "P1M"}


def test_last_years_quarter_is_the_year_ago_quarter(nlp):
    found = times(nlp, "Net rose in the second quarter, above the corresponding period last year.", "1997-08-05")
    assert found["the corresponding period last year"] == "1996-Q2"
    found = times(nlp, "Sales this year rose, but costs in last year's quarter were lower.", "1997-08-05")
    assert found["last year's quarter"] == "1996-Q2"


def test_halves_of_years_named_against_the_report(nlp):
    found = times(nlp, "Output grew in the first half of this year after the second half of last year was weak.",
                  "1998-09-14")
    assert found == {"the first half of this year": "1998-H1", "the second half of last year": "1997-H2"}


def test_the_same_period_last_year_is_the_time_named_a_year_back(nlp):
    found = times(nlp, "Exports in 1997 rose 20 percent over the same period of last year.", "1998-01-20")
    assert found["the same period of last year"] == "1996"


def test_months_joined_by_a_hyphen_are_a_span(nlp):
    found = times(nlp, "Output grew in the January-March period.", "1998-05-02")
    assert found == {"January-March": "1998-01/1998-03"}


def test_the_previous_year_and_month_count_back_from_the_time_named(nlp):
    found = times(nlp, "Output in 1996 rose 8 percent over the previous year.", "1998-01-20")
    assert found["the previous year"] == "1995"
    found = times(nlp, "Prices rose 2 percent in October from the previous month.", "1998-01-20")
    assert found["the previous month"] == "1997-09"
    found = times(nlp, "Sales fell in the previous month. Two months later, the plant closed.", "1998-01-20")
    assert found == {"the previous month": "1997-12", "Two months later": None}


def test_the_past_few_months_is_a_time_back_unless_for_makes_it_a_length(nlp):
    found = times(nlp, "Prices have slipped in the last few months and over the past several quarters. For the past "
                       "few weeks, traders have waited.", "1998-04-02")
    assert found == {"in the last few months": "PAST_REF", "the past several quarters": "PAST_REF",
                     "For the past few weeks": "PXW"}


def test_a_forecast_is_not_the_time_a_comparison_is_about(nlp):
    found = times(nlp, "Third-quarter profit rose. The company expects gains through the first quarter of 1999. In "
                       "the year-ago period, it earned $5 million.", "1998-10-20")
    assert found["the year-ago period"] == "1997-Q3"


def test_the_end_of_the_month_is_the_reports_month(nlp):
    found = times(nlp, "The units should be in place by the end of the month.", "1998-03-04")
    assert found == {"the end of the month": "1998-03"}


def test_days_of_the_reports_month_do_not_date_the_report(nlp):
    doc = nlp("The vote was held on the 13th, and the bill passed on the 20th of last month.")
    assert infer_published(find_time_mentions(doc), doc, 1998) == PublishedDate()
    assert times(nlp, doc.text, "1998-03-25") == {"on the 13th": "1998-03-13", "the 20th of last month": "1998-02-20"}


def test_a_year_counted_from_a_day_does_not_date_the_report_a_day_later(nlp):
    doc = nlp("He joined the firm on June 5, 1995, and left the following year.")
    assert infer_published(find_time_mentions(doc), doc, 1998).date == "1995-06-05"


def test_months_counted_past_the_calendars_ends_are_unresolved(nlp):
    assert times(nlp, "Prices rose in the past three months.", "0001-01-15") == {"in the past three months": None}
    assert times(nlp, "The plan starts next month.", "9999-12-20") == {"next month": None}


def test_the_day_before_yesterday(nlp):
    found = times(nlp, "The clash came the day before yesterday; talks resume the day after tomorrow.", "1998-03-04")
    assert found == {"the day before yesterday": "1998-03-02", "the day after tomorrow": "1998-03-06"}


# Seasons with a year, weeks counted from a day, the same day, scheduled present -----------------


def test_a_season_followed_by_its_year_is_that_years_season(nlp):
    found = times(nlp, "Harvests failed in spring 2003, and again in late winter 2005.", "2006-05-02")
    assert found["spring 2003"] == "2003-SP"
    assert found["late winter 2005"] == "2005-WI"


def test_fall_as_a_verb_before_a_number_is_not_a_season(nlp):
    found = times(nlp, "Analysts expect rents to fall 2030 euros short of the target.", "2006-05-02")
    assert "fall 2030" not in found


def test_the_following_week_is_the_week_after_the_day_named(nlp):
    found = times(nlp, "The bridge was closed on Tuesday, April 4, 2006. It reopened the following week.", "2006-05-02")
    assert found["the following week"] == "2006-04-10/2006-04-16"


def test_the_previous_week_counts_back_from_the_day_named(nlp):
    found = times(nlp, "The ferry sank on June 14, 2005. The previous week, inspectors had passed it.", "2006-05-02")
    assert found["The previous week"] == "2005-06-06/2005-06-12"


def test_the_same_day_and_that_month_are_the_time_named_last(nlp):
    found = times(nlp, "The dam burst on Sept. 9, 2004. Two villages were evacuated the same day. "
                       "That month, rainfall doubled.", "2006-05-02")
    assert found["the same day"] == "2004-09-09"
    assert found["That month"] == "2004-09"


def test_a_weekday_put_on_a_singular_present_tense_event_is_to_come(nlp):
    found = times(nlp, "The envoy arrives in Lisbon on Sunday for talks.", "2006-05-03")  # a Wednesday
    assert found["on Sunday"] == "2006-05-07"
    found = times(nlp, "The ballot is due Friday.", "2006-05-03")
    assert found["Friday"] == "2006-05-05"


def test_a_verb_of_saying_in_the_present_does_not_schedule_the_day(nlp):
    found = times(nlp, "The ministry says Monday that the border stays shut.", "2006-05-03")
    assert found["Monday"] == "2006-05-01"


def test_over_the_years_is_a_length_left_open(nlp):
    found = times(nlp, "Over the years, the orchard has shrunk.", "2006-05-02")
    assert found["Over the years"] == "PXY"


def test_the_next_century_counts_from_the_reports_century(nlp):
    found = times(nlp, "Planners want the canal ready for the next century.", "1996-05-02")
    assert found["the next century"] == "20"
    found = times(nlp, "The canal was dug in the last century.", "1996-05-02")
    assert found["the last century"] == "18"


def test_consecutive_units_are_a_length(nlp):
    found = times(nlp, "Exports have grown for four consecutive years.", "2006-05-02")
    assert found["four consecutive years"] == "P4Y"


def test_a_clock_just_after_a_day_is_on_that_day(nlp):
    found = times(nlp, "The ferry left port on Tuesday at about 9:40 p.m.", "2006-05-04")  # a Thursday
    assert found["on Tuesday"] == "2006-05-02"
    assert found["9:40 p.m."] == "2006-05-02T21:40"


def test_a_clock_with_no_day_beside_it_is_left_out(nlp):
    found = times(nlp, "The ferry left port on Tuesday. Passengers said it sank at 9:40 p.m.", "2006-05-04")
    assert "9:40 p.m." not in found


def test_shortly_before_a_time_is_not_the_future(nlp):
    found = times(nlp, "The dam gave way on May 1, shortly after 6 a.m. Repairs will start shortly.", "2006-05-04")
    assert found["6 a.m."] == "2006-05-01T06:00"
    assert list(found.values()).count("FUTURE_REF") == 1


def test_an_uncounted_plural_unit_before_of_is_a_length(nlp):
    found = times(nlp, "The truce ended years of feuding. The plan faces weeks or months of delay.", "2006-05-02")
    assert found["years"] == "PXY"
    assert found["weeks or months"] == "PXW"


def test_a_counted_or_determined_unit_before_of_is_not_left_open(nlp):
    found = times(nlp, "She was 40 years of age. Those were the days of plenty.", "2006-05-02")
    assert found.get("40 years") == "P40Y"
    assert "days" not in found


def test_every_season_and_every_other_unit_are_sets(nlp):
    found = times(nlp, "The fair is held every spring; the council meets every other week.", "2006-05-02")
    assert found["every spring"] == "XXXX-SP"
    assert found["every other week"] == "P2W"


def test_units_from_now_count_forward_from_the_report(nlp):
    found = times(nlp, "Ten years from now the reservoir will be dry; the survey ends three days from today.",
                  "2006-05-02")
    assert found["Ten years from now"] == "2016"
    assert found["three days from today"] == "2006-05-05"


def test_the_past_weekend_is_the_last_weekend(nlp):
    found = times(nlp, "Over the past weekend, two ferries collided.", "2006-05-04")  # a Thursday
    assert found["the past weekend"] == "2006-04-29/2006-04-30"


def test_the_past_before_a_noun_is_not_past_ref(nlp):
    doc = nlp("Sales slowed in the past quarter. In the past, sales grew.")
    found = resolve_times(find_time_mentions(doc), "2006-05-02")
    assert [(t.start, t.value) for t in found if t.value == "PAST_REF"] == [(doc.text.index("the past,"), "PAST_REF")]


def test_plural_seasons_are_a_set_but_not_surnames(nlp):
    found = times(nlp, "Floods hit the valley for the past three springs, Mr. Summers said.", "2006-05-02")
    assert found["the past three springs"] == "XXXX-SP"
    assert "Summers" not in found


def test_a_day_written_with_an_ordinal_word(nlp):
    found = times(nlp, "The pier opened on the first of June and closed on July twenty-second.", "2006-08-02")
    assert found["the first of June"] == "2006-06-01"
    assert found["July twenty-second"] == "2006-07-22"


def test_a_week_of_a_named_month_is_not_last_week(nlp):
    found = times(nlp, "The pier closed in the last week of June.", "2006-08-02")
    assert found["the last week of June"] == "2006-06-24/2006-06-30"


def test_a_local_time_beside_a_day(nlp):
    found = times(nlp, "The tremor struck at 6:12 a.m. local time Monday; rescue teams left Monday at 14:30 local time.",
                  "2006-05-04")
    assert found["6:12 a.m. local time Monday"] == "2006-05-01T06:12"
    assert found["14:30 local time"] == "2006-05-01T14:30"


def test_a_score_is_not_a_clock(nlp):
    found = times(nlp, "The visitors won 2:1 on Sunday.", "2006-05-04")
    assert found == {"on Sunday": "2006-04-30"}


def test_the_day_or_year_before_said_alone_counts_from_the_time_named(nlp):
    found = times(nlp, "The levee failed on March 9, 2004. The night before, crews had piled sandbags. "
                       "Rainfall in 2003 was low, and lower the year before.", "2006-05-04")
    assert found["The night before"] == "2004-03-08"
    assert found["the year before"] == "2002"


def test_the_day_before_an_event_is_left_alone(nlp):
    found = times(nlp, "The mayor resigned the day before the vote.", "2006-05-04")
    assert "the day before" not in found


def test_year_end_hyphenated_is_the_year_as_year_end_is(nlp):
    doc = nlp("The mill should reopen by year-end; output is down 8% since year-end.")
    assert [t.value for t in resolve_times(find_time_mentions(doc), "2006-05-04")] == ["2006", "2005"]


def test_earlier_in_the_week_is_as_earlier_this_week(nlp):
    found = times(nlp, "Earlier in the week, the harbour was closed.", "2006-05-04")  # a Thursday
    assert found["Earlier in the week"] == "2006-05-01/2006-05-03"
