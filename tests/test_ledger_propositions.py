"""Counted kinds and their classes, on subjects written for these tests."""
from __future__ import annotations

import re

import pytest

from claimledger.ledger.params import DEFAULT_PARAMS
from claimledger.ledger.propositions import (
    aspect_of,
    counted_kind,
    head_noun,
    readable,
    supposed,
    reports_speech,
    subject_classes,
)
from claimledger.ledger.statements import is_anaphoric


def test_the_counted_kind_keeps_the_common_noun_words_without_owners_or_names():
    assert counted_kind("1,500 North Korean special operation forces") == "special operation forces"
    assert counted_kind("the Baltchem plant's workers") == "plant workers"
    assert counted_kind("more than 200 people in the villages near the border") == "people"
    assert counted_kind("tonnes of ammonia") == "tonnes"
    assert counted_kind("Marines") == "marines"  # no common-noun word: the head noun


def test_kinds_tell_forces_of_an_army_from_ships_where_head_nouns_alone_do_not():
    """"special operation forces" and "special forces soldiers" are one class of thing; their head nouns,
    "forces" and "soldiers", are too far apart on their own to join."""
    subjects = ["North Korean special operation forces", "special forces soldiers", "landing ships"]
    kinds = [counted_kind(s) for s in subjects]
    classes = subject_classes(kinds, DEFAULT_PARAMS.subject_class)
    assert classes[kinds[0]] == classes[kinds[1]] != classes[kinds[2]]
    heads = subject_classes([head_noun(s) for s in subjects], DEFAULT_PARAMS.subject_class)
    assert heads["forces"] != heads["soldiers"]


def test_what_points_back_differs_for_a_response_and_an_assertion():
    """ "Denied it" points back; "put the number at 11,000" is a short frame of a figure and says something;
    "revised its estimate of the leak" points back whatever the polarity."""
    assert is_anaphoric("it") and is_anaphoric("the reports")
    assert not is_anaphoric("at 11,000", response=False)
    assert is_anaphoric("its estimate of the ammonia leak", response=False)
    assert not is_anaphoric("1,500 troops were ferried to Vladivostok", response=False)


def test_statements_of_a_quotation_are_its_sentences_and_short_pieces_stay_with_a_neighbour():
    from claimledger.ledger.statements import propositions_said

    assert propositions_said("We cannot rule out the possibility. We know that Russia needs manpower.") == [
        "We cannot rule out the possibility.", "We know that Russia needs manpower."]
    # an ellipsis before a capital ends a fragment; after a sentence's own stop it adds nothing
    assert propositions_said("That's great! … All dogs go to heaven, right? There is no hell for dogs.") == [
        "That's great! All dogs go to heaven, right?", "There is no hell for dogs."]
    # abbreviations and short sentences never make a statement of their own
    assert propositions_said("Mr. Smith said the U.S. Army left. It was late.") == [
        "Mr. Smith said the U.S. Army left. It was late."]
    assert propositions_said("It was fine.") == ["It was fine."]
    assert propositions_said("North Korea sent pilots ahead of the first deployment on Oct. 8, according to TV Chosun") \
        == ["North Korea sent pilots ahead of the first deployment on Oct. 8, according to TV Chosun"]
    assert propositions_said("He met Gen. Smith and the others at the base. Then the army moved north again.") == [
        "He met Gen. Smith and the others at the base.", "Then the army moved north again."]


def test_a_response_that_keeps_its_own_frame_still_points_back():
    assert is_anaphoric("it could not confirm these reports")
    assert is_anaphoric("he did not deny it")
    assert is_anaphoric("could not verify the claims")
    assert not is_anaphoric("we cannot confirm reports that North Koreans are fighting")
    assert not is_anaphoric("the ministry could not confirm the deaths of 12 people")


def test_a_modal_perfect_is_a_count_that_did_not_happen_not_one_done():
    from claimledger.ledger.propositions import timing

    assert timing(("The ", " shows would have been split between three cities")) == "coming"
    assert timing(("a tour that would have paid the band ", " million")) == "coming"
    assert timing(("Officials said ", " troops have been sent")) == "done"


def test_a_figure_s_clause_skips_an_aside_between_dashes_and_reaches_its_verb():
    from test_ledger_helpers import S, report

    from claimledger.ledger.statements import figure_text

    sentence = ("According to the paper, the other two members of the band — guitarist Ada Holm, 70, and bassist "
                "Ivo Berg — had already signed their contracts and were ready to tour.")
    r = report("d1", "2025-01-01", [S(sentence, "the paper", kind="media", content=sentence[24:],
                                      figures=[("two", 2, "exact", "members")])])
    att, fig = r.extraction.attributions[0], r.extraction.figures[0]
    assert figure_text(att, fig) == "the other two members of the band had already signed their contracts"


def test_a_figure_s_clause_that_does_not_name_what_it_counts_is_given_its_counted_subject():
    from test_ledger_helpers import S, report

    from claimledger.ledger.statements import figure_text

    sentence = "The alliance, which had said 40,000 ballots were destroyed, now puts the figure at 25,000."
    r = report("d1", "2025-01-01", [S(sentence, "The alliance", kind="organisation", content=sentence,
                                      figures=[("40,000", 40000, "exact", "ballots"),
                                               ("25,000", 25000, "exact", "ballots")])])
    att, figs = r.extraction.attributions[0], r.extraction.figures
    assert figure_text(att, figs[0]) == "which had said 40,000 ballots were destroyed,"
    assert figure_text(att, figs[1]) == "now puts the figure at 25,000 ballots."


def test_a_figure_s_clause_does_not_stop_at_the_and_of_a_name():
    from test_ledger_helpers import S, report

    from claimledger.ledger.statements import figure_text

    sentence = ("The promoter said the Rock and Roll Hall of Fame band would play 40 concerts, and Smith and Jones "
                "would open 12 concerts.")
    r = report("d1", "2025-01-01", [S(sentence, "The promoter", kind="organisation", content=sentence[18:],
                                      figures=[("40", 40, "exact", "concerts"), ("12", 12, "exact", "concerts")])])
    att, figs = r.extraction.attributions[0], r.extraction.figures
    assert figure_text(att, figs[0]) == "The promoter said the Rock and Roll Hall of Fame band would play 40 concerts,"
    assert figure_text(att, figs[1]) == "and Smith and Jones would open 12 concerts."


def test_a_figure_s_clause_is_of_what_was_said_and_a_short_one_takes_the_clause_before_it():
    from test_ledger_helpers import S, report

    from claimledger.ledger.statements import figure_text

    sentence = "A wall fell on the ring road on Friday, injuring four cyclists, the city council said."
    content = "A wall fell on the ring road on Friday, injuring four cyclists"
    r = report("d1", "2025-01-01", [S(sentence, "the city council", kind="organisation", content=content,
                                      figures=[("four", 4, "exact", "cyclists")])])
    att, fig = r.extraction.attributions[0], r.extraction.figures[0]
    # not "injuring four cyclists, the city council said.": the speech frame is not what was said
    assert figure_text(att, fig) == content + ","


def test_a_tally_counts_the_people_its_harm_names_and_a_source_raising_it_updates_its_own_figure():
    from test_ledger_helpers import S, report

    from claimledger.ledger import build_ledger

    first = "A footbridge collapsed in Harwick on Saturday, killing two walkers, the county council said."

    def figures(later: str):
        ledger = build_ledger([
            report("d1", "2025-05-03", [S(first, "the county council", kind="organisation", content=first[:-30],
                                          figures=[("two", 2, "exact", "walkers")])]),
            report("d2", "2025-05-05", [S(later, "the county council", kind="organisation", content=later[:-30],
                                          figures=[("three", 3, "exact", "death toll")])]),
        ])
        return [k for k in ledger.conflicts if k.kind == "figure"]

    # another value for the same toll: the council revises its own figure
    (revision,) = figures("The death toll from the footbridge collapse in Harwick is three, the county council said.")
    assert {"d1.a0", "d2.a0"} <= set(revision.attribution_ids) and "revision" in revision.explanation
    # a toll it says rose: the count went up, no figure was wrong
    assert not figures("The death toll from the footbridge collapse in Harwick rose to three, the county council said.")


def test_words_that_report_a_saying_are_told_from_a_claim_and_from_hedges():
    assert reports_speech("He said the border would stay open to lorries.")
    assert reports_speech("The minister once told farmers that the subsidy was safe")
    assert reports_speech("Anna Berg wrote that the dam had been inspected in March")
    assert not reports_speech("The border will stay open to lorries.")
    assert not reports_speech("These claims are baseless")  # a noun "claims", not a verb
    assert not reports_speech("Rebels said to be near the capital had withdrawn")  # a hedge, not a saying
    assert not reports_speech("The photos show lorries at the border")


def test_a_perfect_with_an_adverb_before_been_is_done():
    assert aspect_of(("", " flights had now been cancelled")) == "done"
    assert aspect_of(("", " homes have so far been rebuilt")) == "done"
    assert aspect_of(("", " flights will be cancelled")) == "coming"


def test_a_summary_keeps_a_condition_or_a_question_and_drops_only_a_leading_that():
    assert readable("that the dam held") == "The dam held."
    assert readable("If this is true, it is a disaster for the town") == "If this is true, it is a disaster for the town."
    assert readable("whether the dam held") == "Whether the dam held."


def test_a_figure_in_reports_named_by_a_noun_is_referred_to_but_one_a_body_reports_is_given():
    assert supposed(("no decision was taken and reports of ", " job cuts were speculation"))
    assert supposed(("she dismissed the claims that ", " homes had flooded"))
    assert not supposed(("The ministry reports that ", " people had died"))
    assert not supposed(("The union claims that ", " workers were laid off"))


def test_the_value_a_figure_was_before_is_named_not_given():
    assert supposed((" up from ", " on Monday"))  # "five cases had been confirmed, up from three on Monday"
    assert supposed(("The death toll rose to 22 from ", " on Sunday"))
    assert not supposed(("The death toll rose to ", " from 14 on Sunday"))
    assert not supposed(("Troops moved ", " people from the villages"))


def test_a_sentence_adverbial_before_a_shell_noun_still_points_back():
    assert is_anaphoric("In fact, these reports are false")
    assert is_anaphoric("It turns out, the whole story was invented", response=False)
    assert not is_anaphoric("On Monday, the ministry said 30 people had died", response=False)


def test_an_assertion_of_only_its_topic_is_no_claim_but_a_response_to_one_is():
    from test_ledger_helpers import S, report

    from claimledger.ledger import build_ledger
    from claimledger.records import Clause

    sentence = "Residents complained about the smell for weeks, the council leader said."
    ledger = build_ledger([report("d1", "2025-02-01", [
        S("The council said the landfill would close in June.", "The council", kind="organisation",
          content="the landfill would close in June"),
        S(sentence, "Residents", kind="anonymous", content="the smell"),  # what they complained about, no proposition
        S("Inspectors said it was fine.", "Inspectors", kind="anonymous", content="it was fine",
          clauses=[Clause(0, 0, "be", "it", None, None, False)]),  # short, but a clause of its own
        S("The council denied it.", "The council", kind="organisation", content="it", stance="denies"),
    ])])
    claimed = {aid for c in ledger.claims for aid in c.attribution_ids}
    assert "d1.a1" not in claimed and {"d1.a0", "d1.a2", "d1.a3"} <= claimed


def test_a_count_said_later_to_have_risen_to_its_value_updates_a_lower_one_and_contradicts_no_one():
    from test_ledger_helpers import S, report

    from claimledger.ledger import build_ledger
    from claimledger.ledger.propositions import moved_to

    assert moved_to(("The death toll rose to ", "")) == 1 and moved_to(("the number of cases has fallen to ", "")) == -1
    assert moved_to(("Officials said ", " people died")) == 0
    first = "A footbridge collapsed in Harwick on Saturday, killing two walkers, police said."
    later = "The death toll from Saturday's footbridge collapse in Harwick rose to three, the county council said."
    lower = "The death toll from Saturday's footbridge collapse in Harwick rose to one, the county council said."

    def ledger(second: str, value: int, word: str):
        return build_ledger([
            report("d1", "2025-05-03", [S(first, "police", kind="anonymous", content=first[:-14],
                                          figures=[("two", 2, "exact", "walkers")])]),
            report("d2", "2025-05-05", [S(second, "the county council", kind="organisation", content=second[:-26],
                                          figures=[(word, value, "exact", "death toll")])]),
        ])

    assert not [k for k in ledger(later, 3, "three").conflicts if k.kind == "figure"]
    # a toll that "rose" below what was given before is no update of it: the two disagree
    assert [k for k in ledger(lower, 1, "one").conflicts if k.kind == "figure"]


def test_a_conflict_reads_as_a_sentence_with_a_plural_source_and_a_description_inside_it():
    from test_ledger_helpers import S, report

    from claimledger.ledger import build_ledger

    first = "About 400 homes near the plant were evacuated on Tuesday night, fire officials said."
    later = "The evacuation involved roughly 350 homes near the plant, an official at the council said."
    ledger = build_ledger([
        report("d1", "2025-05-14", [S(first, "fire officials", kind="anonymous", content=first[:-22],
                                      figures=[("About 400", 400, "approx", "homes")])]),
        report("d2", "2025-05-15", [S(later, "An official at the council", kind="anonymous", content=later[:-33],
                                      figures=[("roughly 350", 350, "approx", "homes")])]),
    ])
    (k,) = [k for k in ledger.conflicts if k.kind == "figure"]
    assert re.search(r"\bfire officials give\b", k.explanation)
    assert re.search(r"\ban official at the council gives\b", k.explanation, re.I) and k.explanation[0].isupper()
    assert "where An " not in k.explanation


def test_a_figure_another_report_said_had_risen_to_is_an_update_when_repeated_without_the_verb():
    from test_ledger_helpers import S, report

    from claimledger.ledger import build_ledger

    first = "Eleven people were taken to hospital with breathing problems after the gas leak, fire officials said."
    risen = "The number of people treated in hospital after the gas leak has risen to 19, the health authority said."
    again = "Nineteen people were treated in hospital after the gas leak, the health authority said."

    def ledger(*later: tuple[str, str]):
        return build_ledger([
            report("d1", "2025-05-13", [S(first, "fire officials", kind="anonymous", content=first[:-22],
                                          figures=[("Eleven", 11, "exact", "people")])]),
            *[report(f"d{k + 2}", day, [S(text, "the health authority", kind="organisation", content=text[:-28],
                                          figures=[("19" if text is risen else "Nineteen", 19,
                                                    "exact", "people")])])
              for k, (text, day) in enumerate(later)],
        ])

    # the repeat alone gives another figure for what fire officials counted: a conflict
    assert [k for k in ledger((again, "2025-05-17")).conflicts if k.kind == "figure"]
    # told after a report that the count rose to it, it is the same update
    assert not [k for k in ledger((risen, "2025-05-15"), (again, "2025-05-17")).conflicts if k.kind == "figure"]


@pytest.mark.parametrize("sentence, against, given", [
    ("The sheriff said about 9,000 people had been evacuated, far more than the 6,000 first reported.", "6,000", True),
    ("The council said 120 homes had flooded, more than the 80 it counted in 2019.", "80", True),
    ("The clinic said 35 patients were treated, compared with 12 last year.", "12", True),
    ("Two people said the offer was $42 a share, below the $45 reported on Monday.", "$45", True),
    # "more than" before a number is that figure's own bound, given as the statement's figure
    ("The sheriff said more than 6,000 people had been evacuated.", "6,000", False),
])
def test_a_value_another_is_measured_against_is_no_statement_of_its_own(sentence, against, given):
    from claimledger.ledger.statements import clause_around, compared

    assert compared(clause_around(sentence, against)[0]) is given


def test_the_value_before_the_one_given_is_no_statement_of_its_own():
    from test_ledger_helpers import S, report

    from claimledger.ledger import build_ledger
    from claimledger.ledger.statements import compared_value

    later = "The insurer said the records of about 65,000 customers had been copied, up from its earlier estimate of 40,000."
    r = report("d2", "2025-03-04", [S(later, "The insurer", kind="organisation", content=later[18:],
                                      figures=[("about 65,000", 65000, "approx", "customers"),
                                               ("40,000", 40000, "exact", "customers")])])
    assert [compared_value(f) for f in r.extraction.figures] == [False, True]
    ledger = build_ledger([r])
    assert [c.figure_ids for c in ledger.claims if "d2.a0" in c.attribution_ids] == [["d2.f0"]]


@pytest.mark.parametrize("sentence, rejected", [
    ("The survey counted nine wrecks, not twelve, in the bay.", "twelve"),
    ("The navy sent 300 sailors rather than 500.", "500"),
    ("The flood reached 40 villages instead of the 60 feared at first.", "60"),
])
def test_a_value_set_aside_for_the_one_given_is_no_statement_of_its_own(sentence, rejected):
    from test_ledger_helpers import S, report

    from claimledger.ledger import build_ledger
    from claimledger.ledger.statements import compared_value

    given = next(w for w in ("nine", "300", "40") if w in sentence)
    r = report("d1", "2025-03-04", [S(sentence, "", content=sentence,
                                      figures=[(given, 1, "exact", "things"), (rejected, 2, "exact", "things")])])
    assert [compared_value(f) for f in r.extraction.figures] == [False, True]
    assert [c.figure_ids for c in build_ledger([r]).claims] == [["d1.f0"]]


def test_a_count_put_at_another_value_just_after_is_the_same_count_in_conflict():
    from test_ledger_helpers import S, report

    from claimledger.ledger import build_ledger

    ledger = build_ledger([report("d1", "2025-04-06", [
        S("Organisers said 60,000 people joined the march through Lisbon on Saturday.", "Organisers",
          kind="anonymous", content="60,000 people joined the march through Lisbon on Saturday",
          figures=[("60,000", 60000, "exact", "people")]),
        S("Police put the number at 18,000.", "Police", kind="anonymous", content="at 18,000",
          figures=[("18,000", 18000, "exact", "people")]),
    ])])
    figures = [k for k in ledger.conflicts if k.kind == "figure"]
    assert len(figures) == 1 and set(figures[0].attribution_ids) == {"d1.a0", "d1.a1"}


def test_a_total_kept_up_to_a_later_time_updates_a_lower_one_in_counts_and_measures():
    from test_ledger_helpers import S, report

    from claimledger.ledger import build_ledger
    from claimledger.ledger.propositions import moved_to

    assert moved_to(("Four firefighters have been injured ", " so far")) == 1
    assert moved_to(("The fire had burned about ", " by Tuesday morning")) == 1
    assert moved_to(("The fire burned ", " of heath")) == 0
    first = "A grass fire burned 800 hectares of heath near Olmen on Monday, the fire brigade said."
    later = "The grass fire near Olmen had burned about 1,100 hectares of heath by Wednesday morning, rangers said."
    smaller = "The grass fire near Olmen had burned about 500 hectares of heath by Wednesday morning, rangers said."

    def conflicts(second: str, value: int, words: str):
        return [k for k in build_ledger([
            report("d1", "2025-07-07", [S(first, "the fire brigade", kind="organisation", content=first[:-23],
                                          figures=[("800 hectares", 800, "exact", "heath", "hectare")])]),
            report("d2", "2025-07-09", [S(second, "rangers", kind="anonymous", content=second[:-15],
                                          figures=[(words, value, "approx", "heath", "hectare")])]),
        ]).conflicts if k.kind == "figure"]

    assert not conflicts(later, 1100, "about 1,100 hectares")
    # a running total below what was given before is no update of it: the two disagree
    assert conflicts(smaller, 500, "about 500 hectares")


def test_a_value_set_aside_for_another_is_the_figure_another_report_gave_in_conflict():
    from test_ledger_helpers import S, report

    from claimledger.ledger import build_ledger

    mirror = S("Arsenal have accepted a £40 million offer from Real Madrid for Bukayo Saka, the Daily Mirror reported.",
               "the Daily Mirror", kind="media", name="Daily Mirror",
               content="Arsenal have accepted a £40 million offer from Real Madrid for Bukayo Saka",
               figures=[("£40 million", 40e6, "exact", "offer", "GBP")])
    club = "The agreed fee is £38 million{}, a source close to the club said."

    def source(aside: str) -> S:
        sentence = club.format(aside)
        return S(sentence, "a source close to the club", kind="anonymous", content=sentence.split(", a source")[0],
                 figures=[("£38 million", 38e6, "exact", "fee", "GBP")]
                 + ([("£40 million", 40e6, "exact", "fee", "GBP")] if aside else []))

    def conflicts(aside: str) -> list:
        ledger = build_ledger([report("d1", "2025-06-02", [mirror]), report("d2", "2025-06-03", [source(aside)])])
        return [sorted(k.attribution_ids) for k in ledger.conflicts if k.kind == "figure"]

    assert conflicts(", not £40 million as first reported") == [["d1.a0", "d2.a0"]]
    assert conflicts("") == []  # without the words that set £40 million aside, nothing says the two are one figure


@pytest.mark.parametrize("second, value, conflict", [
    ("as much as five tonnes", 5, True),
    ("0.5 tonnes", 0.5, False),
])
def test_measures_in_two_units_of_one_dimension_are_compared_as_one_amount(second, value, conflict):
    from test_ledger_helpers import S, report

    from claimledger.ledger import build_ledger

    reports = [
        report("d1", "2025-03-04", [S(
            "Calder Chemicals said 500 kilograms of chlorine gas had escaped from the tank.", "Calder Chemicals",
            kind="organisation", content="500 kilograms of chlorine gas had escaped from the tank",
            figures=[("500 kilograms", 500, "exact", "chlorine gas", "kilogram")])]),
        report("d2", "2025-03-06", [S(
            f"A former engineer said {second} of chlorine gas had escaped from the tank.", "A former engineer",
            kind="anonymous", content=f"{second} of chlorine gas had escaped from the tank",
            figures=[(second, value, "exact", "chlorine gas", "metric_ton")])]),
    ]
    figures = [k for k in build_ledger(reports).conflicts if k.kind == "figure"]
    assert [sorted(k.attribution_ids) for k in figures] == ([["d1.a0", "d2.a0"]] if conflict else [])
    if conflict:  # each side as its report wrote it, not in the unit they were compared in
        assert "500 kilograms" in figures[0].explanation and f"{second}" in figures[0].explanation


@pytest.mark.parametrize("clause, aspect", [
    (("", " of the injured were in a serious condition"), "part"),
    (("said that", " of its 40 stations were closed"), "part"),
    (("", " people were injured, two of them seriously"), None),
    (("", " of people were injured"), None),
])
def test_a_count_out_of_a_whole_named_after_it_is_a_part(clause, aspect):
    assert aspect_of(clause) == aspect


def test_a_source_giving_three_values_in_turn_revises_each_to_the_next_and_since_a_day_is_a_running_total():
    from test_ledger_helpers import S, report

    from claimledger.ledger import build_ledger
    from claimledger.ledger.propositions import moved_to

    assert moved_to(("Around ", " homes have been evacuated since Friday")) == 1
    assert moved_to(("About ", " people have been treated since the start of the outbreak")) == 1
    assert moved_to(("About ", " homes were evacuated on Friday")) == 0
    said = [("2025-03-14", "About 200 homes were evacuated on Friday after the dam release, the district council said.",
             "About 200", 200),
            ("2025-03-15", "About 350 homes were evacuated after the dam release, the district council said.",
             "About 350", 350),
            ("2025-03-18", "About 300 homes were evacuated after the dam release, the district council said.",
             "About 300", 300)]
    ledger = build_ledger([report(f"d{k}", day, [S(text, "the district council", kind="organisation",
                                                  content=text[:-28], figures=[(words, value, "approx", "homes")])])
                           for k, (day, text, words, value) in enumerate(said)])
    revisions = sorted(tuple(sorted(k.attribution_ids)) for k in ledger.conflicts if k.kind == "figure")
    # 200 -> 350 and 350 -> 300; not 200 -> 300, which passes over the 350 it gave between them
    assert revisions == [("d0.a0", "d1.a0"), ("d1.a0", "d2.a0")]


def test_a_running_total_is_passed_by_a_later_larger_one_without_contradiction():
    from test_ledger_helpers import S, report

    from claimledger.ledger import build_ledger
    from claimledger.ledger.propositions import moved_to

    assert moved_to(("a fire that has now burned more than ", " hectares")) == 1
    first = ("The wildfire near Pinecrest had burned about 1,200 hectares of heath by Sunday morning, the fire "
             "service said.")
    plain = "The wildfire near Pinecrest burned about 1,200 hectares of heath, the fire service said."
    later = "The wildfire near Pinecrest had burned 3,400 hectares of heath, the fire service said."
    smaller = "The wildfire near Pinecrest had burned 900 hectares of heath, the fire service said."

    def figures(earlier: str, second: str, value: int):
        ledger = build_ledger([
            report("d1", "2027-08-08", [S(earlier, "the fire service", kind="organisation", content=earlier[:-26],
                                          figures=[("about 1,200 hectares", 1200, "approx", "heath", "hectare")])]),
            report("d2", "2027-08-09", [S(second, "the fire service", kind="organisation", content=second[:-26],
                                          figures=[(f"{value:,} hectares", value, "exact", "heath", "hectare")])]),
        ])
        return [k for k in ledger.conflicts if k.kind == "figure"]

    assert not figures(first, later, 3400)  # the total by Sunday morning grew by Monday
    assert figures(plain, later, 3400)  # no word says it grew: the service revised its figure
    assert figures(first, smaller, 900)  # a total kept so far does not shrink


def test_one_origin_giving_two_values_in_one_report_gives_two_things():
    from test_ledger_helpers import S, report

    from claimledger.ledger import build_ledger

    def measure(sentence: str, content: str, words: str, value: float, *, date: str | None = None) -> S:
        return S(sentence, "the statistics office", kind="organisation", name="Office for National Statistics",
                 content=content, date=date, figures=[(words, value, "exact", "inflation", "percent")])

    ledger = build_ledger([report("d1", "2027-07-16", [
        measure("Consumer price inflation fell to 2.8% in June, the statistics office said on Wednesday.",
                "Consumer price inflation fell to 2.8% in June", "2.8%", 2.8, date="2027-07-14"),
        measure("Food price inflation slowed to 3.4% in June, the statistics office said.",
                "Food price inflation slowed to 3.4% in June", "3.4%", 3.4)])])
    assert not [k for k in ledger.conflicts if k.kind == "figure"]


def test_two_measures_of_one_named_period_are_compared_whenever_said_and_of_two_periods_never():
    from dataclasses import replace

    from test_ledger_helpers import S, report

    from claimledger.ledger import build_ledger
    from claimledger.records import TimeExpression

    def said(doc: str, day: str, sentence: str, words: str, value: float, period: str, period_value: str):
        r = report(doc, day, [S(sentence, "the statistics office", kind="organisation",
                                name="Office for National Statistics", content=sentence[:-30],
                                figures=[(words, value, "exact", "economy", "percent")])])
        at = r.extraction.clean.text.index(period)
        times = [TimeExpression(at, at + len(period), period, period_value)]
        return replace(r, extraction=replace(r.extraction, times=times))

    first = said("d1", "2027-05-12", "The economy grew by 0.4% in the first quarter of 2027, the statistics office "
                 "said.", "0.4%", 0.4, "the first quarter of 2027", "2027-Q1")
    revised = said("d2", "2027-06-29", "The economy grew by 0.3% in the first quarter of 2027, the statistics office "
                   "said.", "0.3%", 0.3, "the first quarter of 2027", "2027-Q1")
    (k,) = [k for k in build_ledger([first, revised]).conflicts if k.kind == "figure"]
    assert "revision" in k.explanation  # seven weeks apart, one quarter's growth
    second = said("d2", "2027-05-14", "The economy grew by 0.3% in the second quarter of 2027, the statistics office "
                  "said.", "0.3%", 0.3, "the second quarter of 2027", "2027-Q2")
    assert not [k for k in build_ledger([first, second]).conflicts if k.kind == "figure"]  # two days, two quarters
    # "the first three months of the year": a duration and its year, the first quarter
    from claimledger.ledger.statements import measured_in
    months = said("d3", "2027-05-12", "The economy grew by 0.4% in the first three months of the year, the statistics "
                  "office said.", "0.4%", 0.4, "the first three months", "P3M")
    text = months.extraction.clean.text
    year = TimeExpression(text.index("the year"), text.index("the year") + 8, "the year", "2027")
    fig = months.extraction.figures[0]
    assert measured_in((fig,), text, [*months.extraction.times, year]) == "2027-01-01/2027-04-01"
    assert measured_in((fig,), text, []) is None
