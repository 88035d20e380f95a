"""Propositions, responses and figure disagreements, on sentences written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from test_ledger_helpers import S, report

from claimledger.analysis import analyse_into
from claimledger.config import Limits
from claimledger.ledger import build_ledger
from claimledger.ledger.entities import resolve_entities
from claimledger.ledger.propositions import propositions
from claimledger.ledger.statements import collect_statements
from claimledger.records import RawReport
from claimledger.store import Store


def _ledger_of(path: Path, reports: list[tuple[str, str | None, str]]):
    """The ledger of (published, title, text) reports analysed into a store at ``path``."""
    with Store.open(path) as store:
        analyse_into(store, [RawReport(text=text, title=title, path=f"r{k}.txt", published=day)
                             for k, (day, title, text) in enumerate(reports)], model=None, limits=Limits(),
                     on_error=print)
        return build_ledger(store.reports())


def _claim(ledger, aid):
    return next(c for c in ledger.claims if aid in c.attribution_ids)


def _props(reports):
    res = resolve_entities(reports)
    statements = collect_statements(reports, res, set())
    return {st.aid: p for st, p in zip(statements, propositions(statements))}


def test_proposition_slots_quantity_aspect_polarity_modality():
    reports = [report("d1", "2025-04-01", [
        S("The agency said another 1,200 workers would be evacuated.", "The agency", kind="organisation",
          content="another 1,200 workers would be evacuated", figures=[("1,200", 1200, "exact", "workers")]),
        S("The mayor said a total of 1,200 workers had left.", "The mayor",
          content="a total of 1,200 workers had left", figures=[("1,200", 1200, "exact", "workers")]),
        S("Police said 300 employees had already been moved.", "Police", kind="organisation",
          content="300 employees had already been moved", figures=[("300", 300, "exact", "employees")]),
        S("The union said 40 staff were being prepared for a second shift.", "The union", kind="organisation",
          content="40 staff were being prepared for a second shift", figures=[("40", 40, "exact", "staff")]),
        S("An engineer said the tank may have cracked.", "An engineer", stance="speculates",
          content="the tank may have cracked"),
        S("The company denied that the tank had cracked.", "The company", kind="organisation",
          stance="denies", content="that the tank had cracked"),
    ])]
    p = _props(reports)
    assert p["d1.a0"].quantity.aspect == "additional" and p["d1.a0"].quantity.value == 1200
    assert p["d1.a1"].quantity.aspect == "total"
    assert p["d1.a2"].quantity.aspect == "done"
    assert p["d1.a3"].quantity.aspect == "coming"
    # "workers", "employees" and "staff" are one class of counted thing; "tank" has no count.
    assert p["d1.a0"].quantity.subject_class == p["d1.a2"].quantity.subject_class == p["d1.a3"].quantity.subject_class
    assert p["d1.a4"].modality == "possible" and p["d1.a4"].quantity is None
    assert p["d1.a5"].polarity == "neg" and p["d1.a4"].polarity == "pos"


LEAK = [
    report("d1", "2025-06-10", [
        S("Residents said ammonia had been leaking from the fertiliser plant since Monday.", "Residents",
          kind="generic", content="ammonia had been leaking from the fertiliser plant since Monday"),
        S("Fire chief Marta Lind said ammonia was leaking from the fertiliser plant.", "Fire chief Marta Lind",
          name="Marta Lind", content="ammonia was leaking from the fertiliser plant")]),
    report("d2", "2025-06-11", [
        S("The regional health office said ammonia leaked from the fertiliser plant.",
          "The regional health office", kind="organisation", name="Regional Health Office",
          content="ammonia leaked from the fertiliser plant"),
        S("Baltchem denied the reports.", "Baltchem", kind="organisation", stance="denies",
          content="the reports")]),
    report("d3", "2025-06-12", [
        S("Inspectors said the plant's cooling pumps were replaced in 2023.", "Inspectors", kind="generic",
          content="the plant's cooling pumps were replaced in 2023"),
        S("Officials said ammonia leaked from the fertiliser plant on Monday.", "Officials", kind="generic",
          content="ammonia leaked from the fertiliser plant on Monday"),
        S("Baltchem called these claims groundless.", "Baltchem", kind="organisation", stance="denies",
          content="these claims groundless")]),
]


def test_anaphoric_denials_answer_the_claim_they_follow_and_are_not_claims_of_the_denier():
    ledger = build_ledger(LEAK)
    leak = _claim(ledger, "d1.a1")
    assert {"d1.a1", "d2.a0"} <= set(leak.attribution_ids)
    denial = _claim(ledger, "d2.a1")
    # "denied the reports" answers the leak reported just before it, in its own report ...
    assert denial.answers == leak.id and denial.status == "denial"
    assert leak.stances["d2.a1"] == "denies"
    # "these claims" answers the statement before it, not the inspectors' earlier one.
    assert _claim(ledger, "d3.a2").answers == leak.id
    assert not any(c.answers == _claim(ledger, "d3.a0").id for c in ledger.claims)
    # ... and the words of the denial are never a claim asserted by Baltchem.
    assert "d2.a1" not in leak.attribution_ids
    assert leak.status == "disputed"
    stance = [k for k in ledger.conflicts if k.kind == "stance"]
    assert stance and "Baltchem" in stance[0].explanation and {"d1.a1", "d2.a1"} <= set(stance[0].attribution_ids)


def test_an_anaphoric_denial_after_a_denial_in_its_own_words_answers_what_that_one_answers():
    reports = [
        report("d1", "2026-05-10", [S("Two crew members told the newspaper that the vessel had carried too many lorries.",
                                      "Two crew members", kind="anonymous",
                                      content="the vessel had carried too many lorries")]),
        *[report(f"d{k}", "2026-05-11", [S("The coast guard said the death toll from the ferry disaster rose to 22.",
                                           "The coast guard", kind="organisation",
                                           content="the death toll from the ferry disaster rose to 22")])
          for k in (2, 3)],
        report("d4", "2026-05-12", [
            S("The coast guard said the death toll from the ferry disaster rose to 22.", "The coast guard",
              kind="organisation", content="the death toll from the ferry disaster rose to 22"),
            S("Baltline denied that the vessel had carried too many lorries.", "Baltline", kind="organisation",
              content="the vessel had carried too many lorries", stance="denies"),
            S("\u201cThese claims are false,\u201d chief executive Ola Berg said.", "chief executive Ola Berg",
              name="Ola Berg", content="These claims are false", stance="denies")]),
    ]
    ledger = build_ledger(reports)
    overloaded = _claim(ledger, "d1.a0")
    # the death toll is the report's most widely told claim and is said before both denials; "these claims"
    # follow the denial of the lorries, said right before them
    assert _claim(ledger, "d4.a1").answers == overloaded.id
    assert _claim(ledger, "d4.a2").answers == overloaded.id


CHOLERA = [
    ("2026-08-11", "Cholera outbreak in Tana province, three confirmed cases",
     "The health ministry on Monday confirmed three cases of cholera in Tana province and said 40 more people were "
     "being tested.\n\n\"The situation is under control,\" Health Minister Amina Odhiambo told reporters."),
    ("2026-08-12", "Suspected cholera cases rise to 60 in Tana, aid group says",
     "Local health workers have recorded 60 suspected cholera cases in Tana province, the aid group Medecins Sans "
     "Frontieres said on Tuesday.\n\nThe health ministry has confirmed three cases. An MSF coordinator, who asked "
     "not to be named, said the real number of infections was likely far higher and that two people had died."),
    ("2026-08-13", "Ministry denies cholera deaths in Tana",
     "The health ministry on Wednesday denied that anyone had died of cholera in Tana province, saying reports of "
     "deaths were \"unfounded\".\n\nThe ministry said five cases had now been confirmed, up from three on Monday."),
]


def test_a_denial_never_answers_its_own_speaker_s_claim(tmp_path):
    # extracted from the texts: the ministry's own "three cases of cholera in Tana province" is the closest to its
    # denial in words, and was answered by it, a stance conflict of the ministry with itself
    ledger = _ledger_of(tmp_path / "cholera.db", CHOLERA)
    denial = next(c for c in ledger.claims if c.status == "denial")
    confirmed = next(c for c in ledger.claims if "three cases" in c.summary.lower())
    assert denial.answers != confirmed.id
    assert not any(k.kind == "stance" and set(confirmed.attribution_ids) & set(k.attribution_ids)
                   for k in ledger.conflicts)


def test_a_dismissal_beside_the_speaker_s_own_assertion_answers_what_that_assertion_answers():
    """ "The hospital said no ransom had been demanded, contradicting earlier reports": the earlier reports are
    the ransom demand, not the statement that happens to come before it in the report."""
    outage = S("The water utility said supplies to 40,000 homes were cut by the cyberattack.", "The water utility",
               kind="organisation", name="Delta Water Utility",
               content="supplies to 40,000 homes were cut by the cyberattack", figures=[("40,000", 40000, "exact", "homes")])
    dismissal = "The hospital said no ransom had been demanded by the hackers, contradicting earlier reports."
    reports = [
        report("d1", "2025-04-01", [
            outage, S("Police said the hackers had demanded a ransom of two million euros.", "Police",
                      kind="organisation", name="City Police",
                      content="the hackers had demanded a ransom of two million euros")]),
        report("d2", "2025-04-01", [outage]),
        report("d3", "2025-04-02", [
            outage,
            S(dismissal, "The hospital", kind="organisation", name="St. Anna Hospital",
              content="no ransom had been demanded by the hackers"),
            S(dismissal, "The hospital", kind="organisation", name="St. Anna Hospital", stance="denies",
              content="earlier reports")]),
    ]
    ledger = build_ledger(reports)
    assert _claim(ledger, "d3.a2").answers == _claim(ledger, "d1.a1").id
    assert _claim(ledger, "d1.a0").status != "disputed"


def test_a_response_naming_a_figure_only_to_refer_to_it_answers_the_claim_giving_that_figure():
    """ "Reports of 400 layoffs were speculation": the words name the figure they dismiss, so the dismissal answers
    the claim that gave it, whatever the same-claim model makes of its other words, and whatever was said before
    it in its own report."""
    cuts = S("Brouwerij Maes plans to shed about 400 jobs at its Leuven bottling plant by the end of the year, two "
             "people familiar with the plans said.", "two people familiar with the plans", kind="anonymous",
             content="Brouwerij Maes plans to shed about 400 jobs at its Leuven bottling plant by the end of the year",
             figures=[("about 400", 400, "approx", "jobs")])
    union = S("A union official said workers had been told nothing.", "A union official",
              content="workers had been told nothing")
    dismissal = ("A brewery spokeswoman said the board had not met since March and that reports of 400 job cuts "
                 "were speculation.")
    reports = [
        report("d1", "2025-05-06", [cuts]),
        report("d2", "2025-05-06", [cuts]),
        report("d3", "2025-05-07", [
            union,
            S(dismissal, "A brewery spokeswoman", kind="person", name="brewery spokeswoman", stance="denies",
              content="the board had not met since March and that reports of 400 job cuts were speculation",
              figures=[("400", 400, "exact", "job cuts")])]),
    ]
    ledger = build_ledger(reports)
    assert _claim(ledger, "d3.a1").answers == _claim(ledger, "d1.a0").id
    assert _claim(ledger, "d1.a0").status == "denied"  # its only sources are unnamed
    assert any(k.kind == "stance" and "d3.a1" in k.attribution_ids and "d1.a0" in k.attribution_ids
               for k in ledger.conflicts)
    assert not any(c.answers == _claim(ledger, "d3.a0").id for c in ledger.claims)


def test_a_source_revising_its_own_figure_is_a_revision_and_the_figure_is_never_corroborated():
    reports = [
        report("d1", "2025-06-10", [
            S("Baltchem said 2 workers were injured in the leak at the plant.", "Baltchem", kind="organisation",
              content="2 workers were injured in the leak at the plant", date="2025-06-10",
              figures=[("2", 2, "exact", "workers")])]),
        report("d2", "2025-06-10", [
            S("The fire service said 2 workers were hurt by the ammonia leak.", "The fire service",
              kind="organisation", name="Fire Service", content="2 workers were hurt by the ammonia leak",
              date="2025-06-10", figures=[("2", 2, "exact", "workers")])]),
        report("d3", "2025-06-12", [
            S("Baltchem said 6 workers were injured in the leak at the plant.", "Baltchem", kind="organisation",
              content="6 workers were injured in the leak at the plant", date="2025-06-12",
              figures=[("6", 6, "exact", "workers")])]),
    ]
    ledger = build_ledger(reports)
    two, six = _claim(ledger, "d1.a0"), _claim(ledger, "d3.a0")
    assert two.id != six.id and "d2.a0" in two.attribution_ids
    figs = [k for k in ledger.conflicts if k.kind == "figure"]
    assert any({"d1.a0", "d3.a0"} <= set(k.attribution_ids) and "revision" in k.explanation for k in figs)
    # Two independent origins give 2, yet the figure is contested: disputed, not corroborated.
    assert two.independent_sources == 2 and two.status == "disputed"
    assert ("2025-06-10", "corroborated") in two.status_history


def test_claim_summaries_are_propositions_without_cue_or_trailing_comma():
    ledger = build_ledger(LEAK)
    summary = _claim(ledger, "d2.a0").summary
    assert summary[0].isupper() and summary.endswith(".") and not summary.endswith(",.")
    assert not summary.lower().startswith(("said", "that", "according"))
    assert "ammonia" in summary.lower()


def test_one_origin_denying_several_claims_is_one_stance_conflict_naming_them_all():
    reports = LEAK + [report("d4", "2025-06-13", [
        S("Inspectors said the plant's cooling pumps had failed twice this year.", "Inspectors", kind="generic",
          content="the plant's cooling pumps had failed twice this year"),
        S("Baltchem dismissed those claims as false.", "Baltchem", kind="organisation", stance="denies",
          content="those claims as false"),
        S("The mayor said she could not confirm the reports.", "The mayor", stance="cannot_confirm",
          content="the reports")])]
    ledger = build_ledger(reports)
    leak, pumps = _claim(ledger, "d1.a1"), _claim(ledger, "d4.a0")
    assert pumps.id != leak.id
    by_baltchem = [k for k in ledger.conflicts if k.kind == "stance" and "Baltchem" in k.explanation]
    # Baltchem's three denials, of the leak and of the failed pumps, are one position: one conflict citing both.
    assert len(by_baltchem) == 1
    assert {leak.id, pumps.id} <= set(by_baltchem[0].claim_ids)
    assert {"d2.a1", "d3.a2", "d4.a1", "d1.a1", "d4.a0"} <= set(by_baltchem[0].attribution_ids)
    # Its blanket denials are one response claim, answering the leak first and the pumps too.
    denial = _claim(ledger, "d2.a1")
    assert {"d3.a2", "d4.a1"} <= set(denial.attribution_ids) and denial.answers == leak.id
    assert pumps.stances.get("d4.a1") == "denies" and leak.stances.get("d4.a1") == "denies"
    # Another origin's response is its own conflict.
    assert any(k.kind == "stance" and "mayor" in k.explanation.lower() and "Baltchem" not in k.explanation
               for k in ledger.conflicts)


def test_a_spokeswoman_s_figure_and_her_body_s_later_one_are_the_body_revising_itself():
    """ "Red Cross spokeswoman Ana Ruiz" speaks for the Red Cross: its 3,500 a day after her 2,000 is a revision."""
    reports = [
        report("d1", "2025-09-03", [
            S("Red Cross spokeswoman Ana Ruiz said about 2,000 people had been displaced by the floods.",
              "Red Cross spokeswoman Ana Ruiz", name="Ana Ruiz",
              content="about 2,000 people had been displaced by the floods",
              figures=[("about 2,000", 2000, "approx", "people")])]),
        report("d2", "2025-09-04", [
            S("The Red Cross said 3,500 people had been displaced by the floods.", "The Red Cross",
              kind="organisation", name="Red Cross", content="3,500 people had been displaced by the floods",
              figures=[("3,500", 3500, "exact", "people")])]),
    ]
    figs = [k for k in build_ledger(reports).conflicts if k.kind == "figure"]
    assert len(figs) == 1 and figs[0].explanation.startswith("Red Cross gave 2,000 people (2025-09-03) and later 3,500")


def test_one_revision_shown_by_two_claims_is_one_conflict():
    """The fire service's 12 hurt, then 19 in two later reports worded apart: one revision, citing all three."""
    def hurt(doc, day, content, figure, value):
        return report(doc, day, [S(f"The fire service said {content}.", "The fire service", kind="organisation",
                                   name="Fire Service", content=content,
                                   figures=[(figure, value, "exact", "workers")])])
    reports = [hurt("d1", "2025-06-10", "12 workers were taken to hospital after the leak", "12", 12),
               hurt("d2", "2025-06-12", "19 workers had been treated in hospital after the leak", "19", 19),
               hurt("d3", "2025-06-13", "19 workers were treated in hospital and later released", "19", 19)]
    ledger = build_ledger(reports)
    figs = [k for k in ledger.conflicts if k.kind == "figure"]
    assert len(figs) == 1 and "revision" in figs[0].explanation
    assert set(figs[0].attribution_ids) == {"d1.a0", "d2.a0", "d3.a0"}
    # Its own later figure replaces the earlier one: that is revised, not disputed, and the new one stands.
    twelve = _claim(ledger, "d1.a0")
    assert twelve.status == "revised"
    assert twelve.status_history == [("2025-06-10", "single_source"), ("2025-06-12", "revised")]
    assert {_claim(ledger, "d2.a0").status, _claim(ledger, "d3.a0").status} == {"single_source"}


def test_a_source_that_cannot_confirm_reports_citing_it_answers_those_reports():
    # "media, citing the agency, reported X. The agency said it could not confirm these reports": the
    # agency answers what was passed on in its name, not an earlier statement of someone else.
    reports = [report("d1", "2025-03-02", [
        S("Harbour officials said two tankers had left the port at night.", "Harbour officials", kind="generic",
          content="two tankers had left the port at night"),
        S("Local media, citing the coast guard, reported that a third tanker had run aground near the reef.",
          "the coast guard", kind="organisation", name="Coast Guard", via=["Local media"],
          content="a third tanker had run aground near the reef"),
        S("The coast guard said it could not confirm these reports.", "The coast guard", kind="organisation",
          name="Coast Guard", stance="cannot_confirm", content="it could not confirm these reports"),
    ])]
    ledger = build_ledger(reports)
    aground = _claim(ledger, "d1.a1")
    response = _claim(ledger, "d1.a2")
    assert response.answers == aground.id
    assert "d1.a2" not in aground.attribution_ids
    assert not any(c.answers == _claim(ledger, "d1.a0").id for c in ledger.claims)


def test_a_quotation_of_two_sentences_is_two_statements_joining_two_claims():
    one_day = "One day we will see our animals again in the eternity of Christ"
    paradise = "Paradise is open to all of God's creatures"
    reports = [
        report("d1", "2014-12-11", [S(f"The pope said: \"{one_day} … {paradise}.\"", "The pope", name="Paul VI",
                                      content=f"{one_day} … {paradise}.")]),
        report("d2", "2014-12-12", [S(f"A cardinal recalled the words \"{one_day}.\"", "A cardinal",
                                      content=f"{one_day}.")]),
        report("d3", "2014-12-12", [S(f"A priest said \"{paradise}.\"", "A priest", content=f"{paradise}.")]),
    ]
    ledger = build_ledger(reports)
    both = {c.id for c in ledger.claims if "d1.a0" in c.attribution_ids}
    assert _claim(ledger, "d2.a0").id in both and _claim(ledger, "d3.a0").id in both
    assert _claim(ledger, "d2.a0").id != _claim(ledger, "d3.a0").id
    # each claim reads as its own sentence, not the whole quotation
    assert {c.summary for c in ledger.claims if c.id in both} == {f"{one_day}.", f"{paradise}."}


def test_a_claim_nobody_named_vouches_for_is_denied_by_a_denial_but_not_by_a_cannot_confirm():
    def story(stance, words):
        return [
            report("d1", "2025-07-01", [S("Residents said the tap water had turned brown in the old town.", "Residents",
                                          kind="generic", content="the tap water had turned brown in the old town")]),
            report("d2", "2025-07-02", [S(f"The water company {words} that the tap water had turned brown in the old "
                                          "town.", "The water company", kind="organisation", name="Harbour Water",
                                          stance=stance, content="the tap water had turned brown in the old town")]),
        ]
    assert _claim(build_ledger(story("denies", "denied")), "d1.a0").status == "denied"
    assert _claim(build_ledger(story("cannot_confirm", "could not confirm")), "d1.a0").status == "unverified"


def test_a_claim_nobody_named_vouches_for_is_disputed_not_denied_by_another_figure():
    """Another figure is a conflict, not a denial: nobody said the first one was false."""
    reports = [
        report("d1", "2025-07-01", [S("Residents said 30 houses had burned down in the village of Ostvik.", "Residents",
                                      kind="generic", content="30 houses had burned down in the village of Ostvik",
                                      figures=[("30", 30, "exact", "houses")])]),
        report("d2", "2025-07-02", [S("The fire brigade said 45 houses had burned down in the village of Ostvik.",
                                      "The fire brigade", kind="organisation", name="Ostvik Fire Brigade",
                                      content="45 houses had burned down in the village of Ostvik",
                                      figures=[("45", 45, "exact", "houses")])]),
    ]
    ledger = build_ledger(reports)
    assert any(k.kind == "figure" for k in ledger.conflicts)
    assert _claim(ledger, "d1.a0").status == "disputed"
    assert _claim(ledger, "d2.a0").status == "disputed"


def test_a_response_does_not_answer_its_own_speaker_s_other_words_in_its_sentence():
    """ "The Gazette corrected its story, noting the error and saying it was unclear whether the bridge would
    reopen": the doubt is about the bridge, not about the Gazette's own "the error" (whose statement is that
    whole sentence)."""
    sentence = ("The Gazette corrected its story, noting the error and saying it was unclear whether the bridge "
                "would reopen on Monday.")
    reports = [
        report("d1", "2025-08-01", [S("The city said the old bridge over the river would reopen to traffic next week.",
                                      "The city", kind="organisation", name="City of Lenno",
                                      content="the old bridge over the river would reopen to traffic next week")]),
        report("d2", "2025-08-02", [
            S(sentence, "The Gazette", kind="media", name="Lenno Gazette", content="the error"),
            S(sentence, "The Gazette", kind="media", name="Lenno Gazette", stance="cannot_confirm",
              content="it was unclear whether the bridge would reopen on Monday")]),
    ]
    ledger = build_ledger(reports)
    assert _claim(ledger, "d2.a1").answers == _claim(ledger, "d1.a0").id


def test_a_correction_that_misquoted_a_remark_answers_the_claim_it_corrects():
    # The paper's own correction names no proposition of its own: "the minister's remark" points back.
    reports = [
        report("d1", "2025-03-04", [
            S("Transport minister Olav Brenn said the new river bridge would open to traffic in May.",
              "Transport minister Olav Brenn", name="Olav Brenn",
              content="the new river bridge would open to traffic in May")], outlet="Daily Courier"),
        report("d2", "2025-03-07", [
            S("The Daily Courier reported on Tuesday that the bridge would open in May.", "The Daily Courier",
              kind="media", name="Daily Courier", content="the bridge would open in May"),
            S("The Daily Courier said in a correction that it had misquoted the minister's remark.",
              "The Daily Courier", kind="media", name="Daily Courier", stance="denies",
              content="it had misquoted the minister's remark")], outlet="Evening Star"),
    ]
    ledger = build_ledger(reports)
    bridge = _claim(ledger, "d1.a0")
    assert _claim(ledger, "d2.a1").answers == bridge.id and bridge.status == "disputed"
    assert any(k.kind == "stance" and {"d1.a0", "d2.a1"} <= set(k.attribution_ids) for k in ledger.conflicts)


def test_no_such_thing_points_back_and_answers_the_claim_before_it():
    from claimledger.ledger.statements import is_anaphoric

    assert is_anaphoric("No such finding was made") and is_anaphoric("there was no such meeting")
    assert not is_anaphoric("no inspection was made before the flood", response=False)
    reports = [
        report("d1", "2025-09-01", [
            S("Auditor Mira Holt said the inspectors had found cracks in the north wall of the reservoir.",
              "Auditor Mira Holt", name="Mira Holt",
              content="the inspectors had found cracks in the north wall of the reservoir")]),
        report("d2", "2025-09-02", [
            S("The reservoir had been inspected in June, the water board said.", "the water board",
              kind="organisation", content="The reservoir had been inspected in June"),
            S("The water board said no such finding was made.", "The water board", kind="organisation",
              stance="denies", content="no such finding was made")]),
    ]
    ledger = build_ledger(reports)
    assert _claim(ledger, "d2.a1").answers == _claim(ledger, "d1.a0").id


def test_one_event_dated_months_apart_in_two_reports_is_a_date_conflict(tmp_path):
    # no count to carry a date: the day each statement's own words name dates the inspection
    texts = [("2025-09-20", "The Ostrava dam was last inspected on March 3, 2025, chief engineer Milan Dvorak said."),
             ("2025-09-22", "The regional water authority said the Ostrava dam was last inspected on June 18, 2025.")]
    ledger = _ledger_of(tmp_path / "dam.db", [(day, None, text) for day, text in texts])
    dates = [k for k in ledger.conflicts if k.kind == "date"]
    assert len(dates) == 1 and "2025-03-03" in dates[0].explanation and "2025-06-18" in dates[0].explanation
    assert ledger.claims[0].status == "disputed"


@pytest.mark.parametrize("later, conflict", [
    ("The union had earlier said that up to 1,500 jobs were at risk at the bank.", False),
    ("The union said 1,500 jobs at the bank had been put at risk on 30 December 2024.", True),
])
def test_a_count_repeated_weeks_later_dates_nothing_unless_its_clause_names_a_day(tmp_path, later, conflict):
    texts = [("2025-02-11", "The union said on 10 February 2025 that up to 1,500 jobs were at risk at the bank."),
             ("2025-03-03", later)]
    ledger = _ledger_of(tmp_path / "bank.db", [(day, None, text) for day, text in texts])
    assert len({c.id for c in ledger.claims}) == 1
    assert any(k.kind == "date" for k in ledger.conflicts) == conflict


def test_a_response_describing_what_it_answers_answers_that_however_far_back():
    reports = [report("d1", "2025-04-14", [
        S("Opposition leader Petra Kovac said at least 40,000 ballots had been destroyed in the northern districts.",
          "Opposition leader Petra Kovac", name="Petra Kovac",
          content="at least 40,000 ballots had been destroyed in the northern districts",
          figures=[("at least 40,000", 40000, "at_least", "ballots")]),
        S("Kovac told supporters in the capital that the election had been stolen in broad daylight by the ruling "
          "party and its allies in the regional councils of the north and the east.", "Kovac", name="Petra Kovac",
          content="the election had been stolen in broad daylight by the ruling party and its allies in the regional "
                  "councils of the north and the east"),
        S("The commission's chairman, Ivan Dobrev, said turnout had been 61% and that polling stations had reported "
          "a calm day across the country, with queues only in the largest cities and in the southern valleys.",
          "The commission's chairman, Ivan Dobrev", name="Ivan Dobrev",
          content="turnout had been 61% and that polling stations had reported a calm day across the country, with "
                  "queues only in the largest cities and in the southern valleys"),
        S("International observers said they were unable to verify the claim of destroyed ballots.",
          "International observers", kind="anonymous", stance="cannot_confirm",
          content="they were unable to verify the claim of destroyed ballots"),
    ])]
    ledger = build_ledger(reports)
    assert _claim(ledger, "d1.a3").answers == _claim(ledger, "d1.a0").id


def test_a_company_revising_its_figure_in_a_story_of_five_reports_is_one_revision_in_the_order_given(tmp_path):
    """An invented story written for this test (tests/fixtures/stories/clinic-breach): the clinic operator's
    1.2 million, named as "the company" and "a spokeswoman for the company", then its 950,000; later reports
    recall the 1.2 million ("had initially put the number at"), dated by their own day."""
    folder = Path(__file__).parent / "fixtures" / "stories" / "clinic-breach"
    with Store.open(tmp_path / "breach.db") as store:
        analyse_into(store, [RawReport(text=p.read_text(encoding="utf-8"), path=p.name)
                             for p in sorted(folder.glob("*.txt"))], model=None, limits=Limits(), on_error=print)
        ledger = build_ledger(store.reports())
    revisions = [k for k in ledger.conflicts if k.kind == "figure" and "revision" in k.explanation]
    assert len(revisions) == 1
    assert revisions[0].explanation.startswith(
        "Kestrel Health gave 1,200,000 patients (2025-03-03) and later 950,000 (2025-03-04)")
    names = {e.id: (e.name, e.type) for e in ledger.entities}
    assert ("Kestrel Health", "PERSON") not in names.values()


def test_one_speaker_denying_in_words_and_by_reference_in_one_report_is_one_response():
    """ "said the rumour that … was false"; after another's words, "dismissed the report": one denial, of the rumour."""
    reports = [
        report("d1", "2025-03-02", [
            S("The Daily Star said singer Mara Voss had torn up a $300 million contract to reunite her band.",
              "The Daily Star", kind="organisation", name="Daily Star",
              content="singer Mara Voss had torn up a $300 million contract to reunite her band")]),
        report("d2", "2025-03-03", [
            S("Voss's manager said the rumour that Voss had torn up a $300 million contract was false.",
              "Voss's manager", name="manager", stance="denies",
              content="the rumour that Voss had torn up a $300 million contract was false"),
            S("A source said her former bandmates had signed the deal at once.", "A source", kind="anonymous",
              content="her former bandmates had signed the deal at once"),
            S("The manager later dismissed the report in an interview.", "The manager", name="manager",
              stance="denies", content="the report in an interview")]),
    ]
    ledger = build_ledger(reports)
    denial, rumour, bandmates = _claim(ledger, "d2.a0"), _claim(ledger, "d1.a0"), _claim(ledger, "d2.a1")
    # The description names the Star's claim in another report; the reference after the source's words is the
    # same denial, not one of what the source said.
    assert denial.id == _claim(ledger, "d2.a2").id and denial.answers == rumour.id
    assert rumour.status == "disputed" and bandmates.status == "unverified"
    assert "d2.a2" not in bandmates.stances


def test_a_count_in_addition_to_another_is_an_addition_and_no_figure_conflict():
    reports = [
        report("d1", "2025-05-20", [
            S("Norvik said the recall covered 180,000 vehicles.", "Norvik", kind="organisation",
              content="the recall covered 180,000 vehicles", figures=[("180,000", 180000, "exact", "vehicles")])]),
        report("d2", "2025-05-23", [
            S("The newspaper said the recall listed 20,000 vans in addition to those vehicles.", "The newspaper",
              kind="media", content="the recall listed 20,000 vans in addition to those vehicles",
              figures=[("20,000", 20000, "exact", "vans")])]),
    ]
    assert _props(reports)["d2.a0"].quantity.aspect == "additional"
    assert [k for k in build_ledger(reports).conflicts if k.kind == "figure"] == []


def test_a_denial_agrees_with_a_statement_that_says_no_and_answers_none_of_it():
    reports = [
        report("d1", "2025-05-12", [
            S("Norvik said it knew of no crashes linked to the brake fault.", "Norvik", kind="organisation",
              content="it knew of no crashes linked to the brake fault")]),
        report("d2", "2025-05-20", [
            S("Engineer Pavel Dusek denied that the brake fault had caused any crash.", "Pavel Dusek",
              stance="denies", content="that the brake fault had caused any crash")]),
    ]
    ledger = build_ledger(reports)
    assert _claim(ledger, "d2.a0").answers != _claim(ledger, "d1.a0").id
    assert [k for k in ledger.conflicts if k.kind == "stance"] == []


def test_a_denial_in_a_wire_story_and_its_copy_is_one_stance_conflict():
    said = [S("Minister Clara Voigt denied that she had favoured a party donor in the ventilator deal.",
              "Minister Clara Voigt", name="Clara Voigt", stance="denies",
              content="that she had favoured a party donor in the ventilator deal")]
    reports = [
        report("d1", "2025-09-08", [
            S("The Ledger Post said Clara Voigt had favoured a party donor in the ventilator deal.", "The Ledger Post",
              kind="media", name="Ledger Post", content="Clara Voigt had favoured a party donor in the ventilator deal")],
            outlet="The Ledger Post"),
        report("d2", "2025-09-09", said, outlet="Wire Service"),
        report("d3", "2025-09-09", said, outlet="Daily Courier", copy_of="d2"),
    ]
    stance = [k for k in build_ledger(reports).conflicts if k.kind == "stance"]
    assert len(stance) == 1 and {"d2.a0", "d3.a0", "d1.a0"} <= set(stance[0].attribution_ids)


def test_a_figure_conflict_shows_each_count_as_given_not_rounded():
    reports = [
        report("d1", "2026-03-15", [
            S("The disaster agency said 126 people were injured.", "The disaster agency", kind="organisation",
              name="Disaster Agency", content="126 people were injured", figures=[("126", 126, "exact", "people")])]),
        report("d2", "2026-03-15", [
            S("The Red Cross said 174 people were injured.", "The Red Cross", kind="organisation",
              name="Red Cross", content="174 people were injured", figures=[("174", 174, "exact", "people")])]),
    ]
    figs = [k for k in build_ledger(reports).conflicts if k.kind == "figure"]
    assert len(figs) == 1 and "126 people" in figs[0].explanation and "174" in figs[0].explanation


def test_a_part_counted_out_of_a_whole_is_no_figure_against_the_whole():
    reports = [
        report("d1", "2026-09-11", [
            S("Two of the injured were in a serious condition, a spokesman for Kelmar Hospital said.", "a spokesman",
              kind="organisation", name="Kelmar Hospital", content="Two of the injured were in a serious condition",
              figures=[("Two", 2, "exact", "injured")])]),
        report("d2", "2026-09-12", [
            S("The fire service said nine people had been injured.", "The fire service", kind="organisation",
              name="Kelmar Fire Service", content="nine people had been injured",
              figures=[("nine", 9, "exact", "people")])]),
    ]
    assert [k.explanation for k in build_ledger(reports).conflicts if k.kind == "figure"] == []


def test_a_shift_is_read_against_what_the_denial_answered_in_its_own_report():
    """The ministry denied "the reports" of a cracked dam, then spoke of cracks: a stance shift, read against the
    report's statement of the cracked dam even where the grouping put it with another statement about the quake."""
    reports = [
        report("d1", "2026-03-14", [
            S("The quake hit at 4:12 a.m. near the town of Rasko, about 80 km east of the capital, according to the "
              "seismological institute.", "the seismological institute", kind="organisation",
              name="Seismological Institute",
              content="The quake hit at 4:12 a.m. near the town of Rasko, about 80 km east of the capital")]),
        report("d2", "2026-03-15", [
            S("Local media reported that a dam upstream of Rasko had been cracked by the quake.", "Local media",
              kind="media", content="a dam upstream of Rasko had been cracked by the quake"),
            S("Officials at the energy ministry dismissed those reports.", "Officials at the energy ministry",
              kind="organisation", name="Energy Ministry", stance="denies", content="those reports")]),
        report("d3", "2026-03-17", [
            S("Engineers had found minor surface cracks in the dam upstream of Rasko, the energy ministry said on "
              "Tuesday.", "the energy ministry", kind="organisation", name="Energy Ministry",
              content="Engineers had found minor surface cracks in the dam upstream of Rasko")]),
    ]
    ledger = build_ledger(reports)
    shifts = [k for k in ledger.conflicts if k.kind == "stance" and "but asserted it" in k.explanation]
    assert len(shifts) == 1 and {"d2.a1", "d3.a0"} <= set(shifts[0].attribution_ids)


def test_a_denial_and_later_words_on_other_matters_of_the_story_are_no_stance_shift():
    """The airline denied paying a ransom, then spoke of its flights and its letters to passengers: one story,
    other matters. The stance model reads such pairs as agreeing (two sentences of one topic about different events,
    ECB+ dev: 47%), so the shift is judged by the same-claim model."""
    reports = [
        report("d1", "2026-06-01", [
            S("The Morning Ledger reported that Corvel Air had paid the hackers a ransom to stop the passenger data "
              "being published.", "The Morning Ledger", kind="media",
              content="Corvel Air had paid the hackers a ransom to stop the passenger data being published"),
            S("Corvel Air denied the report.", "Corvel Air", kind="organisation", name="Corvel Air",
              stance="denies", content="the report")]),
        report("d2", "2026-06-04", [
            S("Corvel Air said its flights were running normally.", "Corvel Air", kind="organisation",
              name="Corvel Air", content="its flights were running normally"),
            S("Corvel Air said it had written to every passenger affected.", "Corvel Air", kind="organisation",
              name="Corvel Air", content="it had written to every passenger affected")]),
    ]
    assert [k.explanation for k in build_ledger(reports).conflicts if "but asserted it" in k.explanation] == []


def test_an_assertion_that_is_a_claims_words_with_a_negation_denies_it():
    """ "the hospital had never falsified its waiting-time figures" says no to a former nurse's "the hospital had
    falsified its waiting-time figures": a denial that answers it, not a claim of the director's joined to it."""
    reports = [
        report("d1", "2026-04-02", [
            S("A former nurse said the hospital had falsified its waiting-time figures.", "A former nurse",
              kind="anonymous", content="the hospital had falsified its waiting-time figures")]),
        report("d2", "2026-04-03", [
            S("The hospital's director, Eva Lind, said the hospital had never falsified its waiting-time figures.",
              "Eva Lind", name="Eva Lind", content="the hospital had never falsified its waiting-time figures")]),
    ]
    ledger = build_ledger(reports)
    claim, denial = _claim(ledger, "d1.a0"), _claim(ledger, "d2.a0")
    assert claim.id != denial.id and denial.answers == claim.id and claim.status != "corroborated"
    assert denial.stances["d2.a0"] == "denies"
    stance = [k.explanation for k in ledger.conflicts if k.kind == "stance"]
    assert stance == ["Eva Lind denies what a former nurse asserts."]


@pytest.mark.parametrize("second_stance, status", [("asserts", "corroborated"), ("speculates", "single_source")])
def test_an_origin_that_only_speculates_corroborates_nothing(second_stance, status):
    reports = [
        report("d1", "2026-10-21", [
            S("A pilot said the lights near the runway came from a drone.", "A pilot", name="Ivo Marsh",
              content="the lights near the runway came from a drone")]),
        report("d2", "2026-10-24", [
            S("A researcher said the bright lights seen over the runway on Sunday came from a large drone.",
              "A researcher", name="Alice Mwangi", stance=second_stance,
              content="the bright lights seen over the runway on Sunday came from a large drone")]),
    ]
    claim = _claim(build_ledger(reports), "d1.a0")
    assert set(claim.attribution_ids) == {"d1.a0", "d2.a0"} and claim.independent_sources == 2
    assert claim.status == status


def test_a_claim_that_is_a_question_reads_with_who_asked_it(tmp_path):
    ledger = _ledger_of(tmp_path / "q.db", [("2026-10-24", None, "Some aviation experts have questioned whether "
                                                               "there were any drones at all.")])
    assert [c.summary for c in ledger.claims] == [
        "Some aviation experts have questioned whether there were any drones at all."]


def test_reports_of_deaths_denied_answer_the_claim_that_people_died():
    """ "Reports of two deaths were false": a count of deaths is a count of whoever died, so it answers "two people
    had died" however the two are worded."""
    reports = [
        report("d1", "2026-05-05", [
            S("Ministry spokesman Arman Sadykov said reports of two deaths were false.", "Arman Sadykov",
              stance="denies", content="reports of two deaths were false",
              figures=[("two", 2, "exact", "deaths")])]),
        report("d2", "2026-05-08", [
            S("The World Health Organization said two people had died of cholera.", "The World Health Organization",
              kind="organisation", name="World Health Organization", content="two people had died of cholera",
              figures=[("two", 2, "exact", "people")])]),
    ]
    ledger = build_ledger(reports)
    assert _claim(ledger, "d1.a0").answers == _claim(ledger, "d2.a0").id
    assert any(k.kind == "stance" and "Sadykov" in k.explanation for k in ledger.conflicts)


def test_counts_of_different_harms_or_of_a_harm_and_none_are_not_compared():
    reports = [
        report("d1", "2026-05-04", [
            S("The hospital said it had admitted more than 30 patients with severe diarrhoea.", "The hospital",
              kind="organisation", name="Kerben Hospital",
              content="it had admitted more than 30 patients with severe diarrhoea",
              figures=[("more than 30", 30, "at_least", "patients")])]),
        report("d2", "2026-05-08", [
            S("The hospital said two patients had died.", "The hospital", kind="organisation", name="Kerben Hospital",
              content="two patients had died", figures=[("two", 2, "exact", "patients")])]),
    ]
    assert [k for k in build_ledger(reports).conflicts if k.kind == "figure"] == []


def test_a_denial_then_an_assertion_that_says_no_is_no_stance_shift():
    reports = [
        report("d1", "2026-05-05", [
            S("The health ministry said reports of two deaths were \"false and irresponsible.\"", "The health ministry",
              kind="organisation", name="Health Ministry", stance="denies",
              content="reports of two deaths were \"false and irresponsible.\"")]),
        report("d2", "2026-05-08", [
            S("The WHO contradicted the health ministry, which had said there were no deaths.", "the health ministry",
              kind="organisation", name="Health Ministry", content="there were no deaths")]),
    ]
    assert [k for k in build_ledger(reports).conflicts if "but asserted it" in k.explanation] == []


def test_no_deaths_against_two_deaths_is_a_figure_conflict_written_as_given():
    reports = [
        report("d1", "2026-05-05", [
            S("The health ministry said there had been no deaths.", "The health ministry", kind="organisation",
              name="Health Ministry", content="there had been no deaths", figures=[("no", 0, "exact", "deaths")])]),
        report("d2", "2026-05-08", [
            S("The World Health Organization said two people had died.", "The World Health Organization",
              kind="organisation", name="World Health Organization", content="two people had died",
              figures=[("two", 2, "exact", "people")])]),
    ]
    figs = [k for k in build_ledger(reports).conflicts if k.kind == "figure"]
    assert len(figs) == 1 and "no deaths" in figs[0].explanation and "2" in figs[0].explanation


VALVE = [
    ("2025-05-14", "Engineer says valve was flagged",
     "A plant engineer told the Courier that the valve on tank four had been reported as corroded in an inspection "
     "in 2023."),
    ("2025-05-15", "Ministry denies warning",
     "The Ministry of Environment denied that it had received any warning about a corroded valve at the Selby "
     "Chemicals plant in Harwick before Tuesday's chlorine leak.\n\n"
     "The Northern Courier reported on Wednesday, citing a plant engineer, that the valve had been flagged as corroded "
     "in a 2023 inspection."),
    ("2025-05-18", "Residents return",
     "Residents began returning home on Saturday, four days after a chlorine leak at the Selby Chemicals plant in "
     "Harwick forced about 350 families to leave, according to the council."),
]


def test_a_denial_answers_the_assertion_its_own_report_sets_beside_it(tmp_path):
    # the residents' return shares the denial's plant, town and leak, and the pair model put it closest: the
    # report giving the denial also says what it denies
    ledger = _ledger_of(tmp_path / "valve.db", VALVE)
    denial = next(c for c in ledger.claims if c.status == "denial")
    answered = next(c for c in ledger.claims if c.id == denial.answers)
    assert "corroded" in answered.summary and "Residents" not in answered.summary


def test_a_response_naming_whose_claim_it_answers_answers_that_speaker(tmp_path):
    # the observers spoke last before it; "the opposition's figures" are the opposition's
    texts = [("2026-10-13", None,
              "The opposition Civic Alliance said ballot boxes had been stuffed in at least 40 polling stations.\n\n"
              "International observers said some polling stations had opened late.\n\n"
              "The Central Election Commission could not confirm the opposition's figures.")]
    ledger = _ledger_of(tmp_path / "vote.db", texts)
    doubt = next(c for c in ledger.claims if c.status == "cannot_confirm")
    answered = next(c for c in ledger.claims if c.id == doubt.answers)
    assert "ballot boxes" in answered.summary.lower() and "opened late" not in answered.summary
