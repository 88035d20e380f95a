"""Figures: counted numbers with value, qualifier, subject; measures and non-figures.

The sentences are written for these tests; the last test reads the seed
reports and gold figures from ../shared when it is present.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from claimledger.extract.figures import find_figures
from claimledger.extract.nlp import load_nlp

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def figures(nlp, text):
    return find_figures(nlp(text))


def only(nlp, text):
    found = figures(nlp, text)
    assert len(found) == 1, [(f.text, f.subject) for f in found]
    return found[0]


@pytest.mark.parametrize("sentence, value, qualifier, phrase", [
    ("The ministry said around 2,000 troops had crossed the river.", 2000, "approx", "around 2,000"),
    ("Officials counted about 40 tanks near the border.", 40, "approx", "about 40"),
    ("The navy moved roughly 700 marines overnight.", 700, "approx", "roughly 700"),
    ("The agency said nearly 900 sailors were aboard.", 900, "approx", "nearly 900"),
    ("Almost 60 trucks were seen on the road.", 60, "approx", "Almost 60"),
    ("Some 300 drones were launched in the attack.", 300, "approx", "Some 300"),
    ("Approximately 80 helicopters took part.", 80, "approx", "Approximately 80"),
    ("An estimated 5,000 refugees crossed into the province.", 5000, "approx", "An estimated 5,000"),
    ("Close to 450 prisoners were exchanged.", 450, "approx", "Close to 450"),
    ("At least 3,000 soldiers had reached the front.", 3000, "at_least", "At least 3,000"),
    ("More than 120 missiles were fired at the city.", 120, "at_least", "More than 120"),
    ("Over 600 shells fell on the town.", 600, "at_least", "Over 600"),
    ("Upwards of 400 homes were destroyed.", 400, "at_least", "Upwards of 400"),
    ("No fewer than 12 villages burned.", 12, "at_least", "No fewer than 12"),
    ("At most 30 jets could be based there.", 30, "at_most", "At most 30"),
    ("Fewer than 50 civilians remained in the village.", 50, "at_most", "Fewer than 50"),
    ("Less than 70 vehicles survived the strike.", 70, "at_most", "Less than 70"),
    ("No more than 8 helicopters were available.", 8, "at_most", "No more than 8"),
    ("Under 200 sailors stayed on the base.", 200, "at_most", "Under 200"),
    ("Pyongyang could send as many as 15,000 troops.", 15000, "up_to", "as many as 15,000"),
    ("The depot could hold up to 900 containers.", 900, "up_to", "up to 900"),
    ("The convoy carried 1,250 workers to the port.", 1250, "exact", "1,250"),
    ("Satellite images show ~1,500 troops at the base.", 1500, "approx", "~1,500"),
    ("The brigade fielded 2,000+ drones.", 2000, "at_least", "2,000+"),
    ("They found 300 or more tanks.", 300, "at_least", "300 or more"),
    ("Around 40 or so jets took off.", 40, "approx", "Around 40 or so"),
])
def test_qualifier(nlp, sentence, value, qualifier, phrase):
    figure = only(nlp, sentence)
    assert (figure.value, figure.qualifier, figure.text, figure.kind) == (value, qualifier, phrase, "count")


@pytest.mark.parametrize("sentence, value, qualifier, phrase", [
    ("The deal would have paid the group nearly $924 million in all.", 924_000_000, "approx", "nearly $924 million"),
    ("Each member would have earned over £200 million.", 200_000_000, "at_least", "over £200 million"),
    ("The contract guaranteed more than $900 million to the band.", 900_000_000, "at_least",
     "more than $900 million"),
    ("The stadium cost $5 million to repair.", 5_000_000, "exact", "$5 million"),
])
def test_qualifier_before_a_currency_sign(nlp, sentence, value, qualifier, phrase):
    """The qualifier stands before the sign ("nearly $924 million"), not between sign and number."""
    figure = only(nlp, sentence)
    assert (figure.value, figure.qualifier, figure.text, figure.kind) == (value, qualifier, phrase, "measure")


def test_all_but_n_counts_nothing(nlp):
    found = figures(nlp, "Nineteen workers were treated in hospital and all but two have been released.")
    assert [(f.text, f.value) for f in found] == [("Nineteen", 19)]


def test_text_and_offsets_point_into_the_text(nlp):
    text = "Reports said roughly 1,500 special forces soldiers left the port."
    figure = only(nlp, text)
    assert text[figure.start:figure.end] == figure.text == "roughly 1,500"
    assert figure.sentence == text
    assert figure.subject == "special forces soldiers"


@pytest.mark.parametrize("sentence, value, subject", [
    ("Six engineers were detained at the border.", 6, "engineers"),
    ("Twenty-five warships sailed south.", 25, "warships"),
    ("They found one hundred and fifty prisoners in the camp.", 150, "prisoners"),
    ("A dozen drones circled the airfield.", 12, "drones"),
    ("The country has 1.2 million troops under arms.", 1_200_000, "troops"),
    ("The containers could hold 4.8 million artillery shells.", 4_800_000, "artillery shells"),
    ("Half a million people left the city.", 500_000, "people"),
    ("The army has 35 MiG-29s in service.", 35, "MiG-29s"),
    ("The agency counted 1500 soldiers at the camp.", 1500, "soldiers"),
    ("A 12,000-strong contingent arrived by train.", 12000, "contingent"),
])
def test_word_and_digit_values(nlp, sentence, value, subject):
    figure = only(nlp, sentence)
    assert (figure.value, figure.subject, figure.low, figure.high) == (value, subject, None, None)


@pytest.mark.parametrize("sentence, low, high, subject", [
    ("The video shows a few thousand soldiers at the range.", 2000, 5000, "soldiers"),
    ("Thousands of refugees waited at the crossing.", 2000, 10000, "refugees"),
    ("Hundreds of volunteers joined the brigade.", 200, 1000, "volunteers"),
    ("Tens of thousands of people fled the region.", 20000, 100000, "people"),
    ("Hundreds of thousands of residents lost power.", 200000, 1000000, "residents"),
    ("Dozens of missiles struck the port.", 24, 120, "missiles"),
    ("Several hundred troops guarded the bridge.", 300, 900, "troops"),
    ("Between 10,000 and 12,000 troops may be deployed.", 10000, 12000, "troops"),
    ("Officials expect 3,000 to 4,000 workers.", 3000, 4000, "workers"),
    ("Two or three ships were damaged.", 2, 3, "ships"),
    ("The plant makes 1.5-2 million rounds a year.", 1_500_000, 2_000_000, "rounds"),
])
def test_ranges_take_the_low_bound_as_value(nlp, sentence, low, high, subject):
    figure = only(nlp, sentence)
    assert (figure.low, figure.high, figure.value, figure.subject) == (low, high, low, subject)
    assert figure.qualifier == "approx" and figure.kind == "count"


def test_range_keeps_an_explicit_qualifier(nlp):
    figure = only(nlp, "More than a few thousand soldiers were seen.")
    assert (figure.qualifier, figure.low, figure.high) == ("at_least", 2000, 5000)


def test_two_figures_in_one_sentence(nlp):
    found = figures(nlp, "Radar detected four landing ships and three escort ships off the coast.")
    assert [(f.value, f.subject, f.qualifier) for f in found] == [
        (4, "landing ships", "exact"), (3, "escort ships", "exact")]


def test_elided_subject_in_same_sentence(nlp):
    found = figures(nlp, "The army has already sent about 2,000 paratroopers and plans to send another 5,000 to the front.")
    assert [(f.value, f.subject, f.qualifier) for f in found] == [
        (2000, "paratroopers", "approx"), (5000, "paratroopers", "exact")]


def test_elided_subject_from_previous_sentence(nlp):
    found = figures(nlp, "An official said 9,000 conscripts had arrived. The governor put the number at 14,000.")
    assert [(f.value, f.subject) for f in found] == [(9000, "conscripts"), (14000, "conscripts")]


def test_tally_noun_is_the_subject_of_a_lone_number(nlp):
    figure = only(nlp, "By evening the death toll had risen to 31.")
    assert (figure.value, figure.subject) == (31, "death toll")


@pytest.mark.parametrize("sentence, subject", [
    ("The number of nurses on strike has grown to 240, the union said.", "nurses"),
    ("By Monday the total of flooded homes stood at 1,300.", "flooded homes"),
])
def test_a_tally_of_a_plural_noun_counts_that_noun(nlp, sentence, subject):
    figure = only(nlp, sentence)
    assert figure.subject == subject


@pytest.mark.parametrize("sentence, values", [
    ("Gunfire left one dead and three wounded.", [1, 3]),
    ("A gunman opened fire, killing two and wounding five.", [2, 5]),
    ("Two were killed and four injured in the crash.", [2, 4]),
    ("The blast killed three, officials said.", [3]),
    ("Three dead after a crash on the motorway.", [3]),
    ("The attack left at least 12 dead.", [12]),
    ("Floods kill at least 14 in northern Valmora", [14]),
])
def test_a_bare_number_of_people_harmed_counts_people(nlp, sentence, values):
    found = figures(nlp, sentence)
    assert [(f.value, f.subject) for f in found] == [(v, "people") for v in values]


@pytest.mark.parametrize("sentence, subject", [
    ("A man was shot and killed Saturday night.", "man"),
    ("A police officer was injured in the blast.", "police officer"),
    ("A woman died at the scene.", "woman"),
])
def test_a_person_harmed_is_a_count_of_one(nlp, sentence, subject):
    figure = only(nlp, sentence)
    assert (figure.value, figure.subject, figure.text) == (1, subject, "A")


@pytest.mark.parametrize("sentence", [
    "A gunman killed two people.",  # the one who harms is not counted; the two are
    "When an animal dies, it means the end of its existence.",
    "At the end of the day, a lot of good Marines died.",
    "A building was damaged.",
])
def test_an_indefinite_that_is_no_one_harmed_is_not_a_count_of_one(nlp, sentence):
    assert all(f.value != 1 for f in figures(nlp, sentence))


def test_a_bare_casualty_number_takes_the_count_noun_before_it(nlp):
    found = figures(nlp, "Twelve soldiers were killed on Monday. Two died later in hospital.")
    assert [(f.value, f.subject) for f in found] == [(12, "soldiers"), (2, "soldiers")]


@pytest.mark.parametrize("sentence", [
    "The fire started in the 300 block of Elm Street.",
    "The crash injured a teenager, 17.",
    "He shot 66 in the final round.",
    "The couple took time to high-five passersby.",
    "The recall now covers 4,000 more than it announced last week.",
    "It has 5,000 more troops than Russia.",
])
def test_addresses_ages_and_scores_are_not_counts(nlp, sentence):
    assert figures(nlp, sentence) == []


def test_a_segment_of_a_population_named_by_its_rank_is_no_figure(nlp):
    found = figures(nlp, "The top 1 percent would see an average tax cut of $275,000, while the poorest 20% would gain "
                         "2 percent.")
    assert sorted(f.value for f in found) == [2, 275000]


def test_lone_number_without_a_count_is_not_a_figure(nlp):
    assert figures(nlp, "The minister said that was one option, and one could see why.") == []


@pytest.mark.parametrize("sentence, value, unit", [
    ("Seoul supplied 155mm artillery shells through a third country.", 155, "millimeter"),
    ("A 122-mm rocket hit the depot.", 122, "millimeter"),
    ("The war is being fought 5,000 miles away.", 5000, "mile"),
    ("The base is roughly 100 Miles from the border.", 100, "mile"),
    ("The guns can fire 40 kilometres.", 40, "kilometer"),
    ("The package is worth $5 billion.", 5_000_000_000, "USD"),
    ("Exports rose 30 percent in a year.", 30, "percent"),
    ("Turnout fell 12 per cent.", 12, "percent"),
    ("Output grew 7% last year.", 7, "percent"),
    ("The ships carried 7,000 tonnes of ammunition.", 7000, "metric_ton"),
    ("Talks went on for more than two years.", 2, "year"),
    ("Support fell four percentage points.", 4, "percentage_point"),
    ("Jets scrambled five times that week.", 5, "times"),
    ("The co-operative bought 200 hectares of farmland.", 200, "hectare"),
    ("The flood damage was put at 3.5 million euros.", 3_500_000, "EUR"),
    ("The storm dropped 4 inches of rain on the town.", 4, "inch"),
])
def test_measures_are_never_counts(nlp, sentence, value, unit):
    figure = only(nlp, sentence)
    assert (figure.kind, figure.value, figure.unit) == ("measure", value, unit)


@pytest.mark.parametrize("sentence", [
    "The treaty was signed on October 13, 2024 in the capital.",
    "Egypt fought in the 1973 war and in the 1950-53 conflict.",
    "The deployment began between Oct. 8 and 13.",
    "The 33-year-old pilot met a 45-year-old mechanic.",
    "Kim, 52, said the soldiers were aged 19 and that the war was two-and-a-half-year-old.",
    "The first brigade crossed the 38th Parallel for the second time.",
    "The MiG-29 jets, K9 howitzers, Hwasong-11 missiles and an An-124 were seen.",
    "A Boeing 747 landed at the airport under Resolution 2231.",
    "The meeting started at 10 a.m. in the capital.",
    "She called it one of the most secretive countries.",
    "The Senate passed it in an 80-19 vote; the parties split 4 to 1 and the court ruled by a 2-to-1 vote.",
    "He ranks fourth in a two-way race, behind a four-star general.",
    "He surrendered at 6 p.m. and was charged at 7:30 pm.",
    "The file 20130909 came from the 12200 block of the archive.",
])
def test_not_figures(nlp, sentence):
    assert figures(nlp, sentence) == []


def test_grouped_number_next_to_a_month_is_a_count(nlp):
    figure = only(nlp, "In October 2,000 troops left the camp.")
    assert (figure.value, figure.subject) == (2000, "troops")


# Seed reports -----------------------------------------------------------------

def _norm(text) -> str:
    return re.sub(r"\s+", " ", str(text or "").replace("\u2019", "'")).strip().lower()


@pytest.mark.skipif(not (SHARED / "gold" / "seeds.yaml").is_file(), reason="../shared gold set not present")
def test_seed_reports_meet_figure_targets(nlp):
    """Match gold counted figures the way the scorer does: value, then subject word anywhere."""
    import yaml

    gold = yaml.safe_load((SHARED / "gold" / "seeds.yaml").read_text(encoding="utf-8"))["figures"]
    found = {}
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        found[path.name[:3]] = find_figures(nlp(path.read_text(encoding="utf-8")))

    def match(g):
        for f in found.get(g["doc"], []):
            if abs(f.value - float(g["value"])) < 1e-6 and (
                    not g["subject"] or _norm(g["subject"]) in _norm(" ".join((f.subject, f.unit or "", f.text)))):
                return f
        return None

    counted = [g for g in gold if g.get("kind") not in ("noise", "measure")]
    matched = [(g, f) for g in counted if (f := match(g))]
    recall = len(matched) / len(counted)
    qualifier_acc = sum(f.qualifier == g["qualifier"] for g, f in matched) / len(matched)
    assert recall >= 0.85, [g for g in counted if not match(g)]
    assert qualifier_acc >= 0.8
    assert all(f.kind == "count" for _, f in matched)
    for g in gold:
        if g.get("kind") == "measure":
            same = [f for f in found[g["doc"]] if abs(f.value - float(g["value"])) < 1e-6]
            assert all(f.kind == "measure" for f in same), same


@pytest.mark.parametrize("sentence, subject", [
    ("One man died when the roof of the warehouse gave way.", "man"),
    ("The gunman killed one person before he was arrested.", "person"),
    ("A single passenger walked away from the wreck.", "passenger"),
    ("Only one young soldier returned from the patrol.", "young soldier"),
])
def test_counts_of_one(nlp, sentence, subject):
    figure = only(nlp, sentence)
    assert (figure.kind, figure.value, figure.subject) == ("count", 1, subject)


@pytest.mark.parametrize("sentence", [
    "One day the river will flood again.",
    "At one point the crowd pushed towards the gate.",
    "It was one of the largest fires in the county.",
    "One could hear the sirens from the harbour.",
    "Not a single vote was cast for the motion.",
    "That was one option the council considered.",
    "One study found that the river had risen.",
])
def test_one_that_does_not_count(nlp, sentence):
    assert [f for f in figures(nlp, sentence) if f.value == 1] == []


@pytest.mark.parametrize("sentence", [
    "Officers were called to the 1200 block of Harmon Street on Sunday night.",
    "The driver, aged 45, was taken to hospital.",
    "A 45-year-old woman was charged with theft.",
    "The fire broke out at 3:30 p.m. near the depot.",
    "Anyone with information can call 555-123-4567.",
    "The visitors won 3-1 after extra time.",
    "She finished third, the 21st time she had run the race.",
    "The road was closed for hours between exits 12 and 14.",
    "The hearing was held in room 212 of the courthouse.",
    "The magnitude 6.4 earthquake struck before dawn.",
])
def test_addresses_ages_times_phones_scores_ordinals_are_not_counts(nlp, sentence):
    assert [f for f in figures(nlp, sentence) if f.kind == "count"] == []


def test_a_share_given_to_a_named_party_is_a_figure_not_a_model_number(nlp):
    found = figures(nlp, "Final results gave the Unity Party 52.8 percent of the vote.")
    assert [f.value for f in found] == [52.8]


def test_a_number_word_after_a_singular_noun_names_it(nlp):
    found = figures(nlp, "About 400 homes were evacuated after the valve on tank four gave way.")
    assert [(f.value, f.subject) for f in found] == [(400, "homes")]


@pytest.mark.parametrize("sentence, values", [
    ("Nineteen workers were injured, three of them seriously.", [(19, "workers")]),
    ("Five passengers died, two of whom were children.", [(5, "passengers")]),
])
def test_a_part_of_a_count_named_before_is_not_a_count_of_its_own(nlp, sentence, values):
    assert [(f.value, f.subject) for f in figures(nlp, sentence)] == values


@pytest.mark.parametrize("sentence, subjects", [
    ("The death toll stood at 22, with 67 missing, police said.", ["death toll", "people"]),
    ("The death toll rose to 22 on Sunday, with dozens still missing.", ["death toll", "people"]),
    ("Police said 12 soldiers were killed and 40 injured.", ["soldiers", "soldiers"]),
])
def test_people_harmed_beside_a_toll_are_people_not_the_toll(nlp, sentence, subjects):
    assert [f.subject for f in find_figures(nlp(sentence))] == subjects


@pytest.mark.parametrize("text, figure, value, qualifier", [
    ("About a third of the building's 90 residents were evacuated.", "About a third of the building's 90", 30, "approx"),
    ("Half of the 1,200 workers lost their jobs.", "Half of the 1,200", 600, "exact"),
    ("Nearly two-thirds of its 300 employees were laid off.", "Nearly two-thirds of its 300", 200, "approx"),
    ("Three quarters of the 40 patients recovered.", "Three quarters of the 40", 30, "exact"),
    ("A third of the 100 passengers were British.", "A third of the 100", 33, "approx"),
])
def test_a_fraction_of_a_counted_whole_is_the_count(nlp, text, figure, value, qualifier):
    found = figures(nlp, text)
    assert [(f.text, f.value, f.qualifier) for f in found] == [(figure, value, qualifier)]


@pytest.mark.parametrize("text, figure, value, unit", [
    ("Real Madrid lodged an £85million bid for the winger.", "£85million", 85_000_000, "GBP"),
    ("Arsenal value him at more than £120m, the report adds.", "more than £120m", 120_000_000, "GBP"),
    ("Arsenal value him at more than £120m.", "more than £120m.", 120_000_000, "GBP"),
    ("The merger is worth $2bn, the company said.", "$2bn", 2_000_000_000, "USD"),
    ("They raised €1.5bn from investors.", "€1.5bn", 1_500_000_000, "EUR"),
    ("The new coach earns $300k a year.", "$300k", 300_000, "USD"),
    ("It cost 3bn euros to build.", "3bn euros", 3_000_000_000, "EUR"),
])
def test_a_scale_written_short_or_glued_multiplies_the_amount(nlp, text, figure, value, unit):
    assert [(f.text, f.value, f.unit) for f in figures(nlp, text)] == [(figure, value, unit)]


def test_m_without_a_currency_is_metres_not_millions(nlp):
    found = only(nlp, "The wall is 5m high.")
    assert (found.value, found.unit) == (5, "meter")


@pytest.mark.parametrize("text, figure", [
    ("Madrid are prepared to offer up to €100 million, or about £84 million, for the winger.", "up to €100 million"),
    ("The fine was €100 million ($108 million), the court said.", "€100 million"),
])
def test_the_writers_conversion_into_another_currency_is_no_second_figure(nlp, text, figure):
    assert [f.text for f in figures(nlp, text)] == [figure]


def test_two_amounts_in_one_currency_are_two_figures(nlp):
    assert [f.value for f in figures(nlp, "They sought $5 million or $6 million.")] == [5_000_000, 6_000_000]


@pytest.mark.parametrize("sentence, subject", [
    ("There have been no deaths from cholera, the ministry said.", "deaths"),
    ("No injuries were reported after the blast.", "injuries"),
])
def test_no_deaths_is_a_count_of_none(nlp, sentence, subject):
    assert [(f.value, f.subject) for f in figures(nlp, sentence)] == [(0, subject)]


@pytest.mark.parametrize("sentence", [
    "There is no evidence of injuries.",
    "He said there was no death penalty case.",
])
def test_no_before_anything_but_the_harm_counts_nothing(nlp, sentence):
    assert figures(nlp, sentence) == []
