"""Entity resolution across reports, on sentences written for these tests."""
from __future__ import annotations

import pytest

from test_ledger_helpers import S, report

from claimledger.analysis import analyse_into
from claimledger.config import Limits
from claimledger.ledger.entities import find_acronyms, resolve_entities
from claimledger.ledger.names import split_title
from claimledger.records import RawReport
from claimledger.store import Store


def _entity_of(res, ref):
    eid = res.source_entity.get(ref)
    return next((e for e in res.entities if e.id == eid), None)


def test_acronym_defined_in_one_report_joins_mentions_in_another():
    r1 = report("d1", "2025-05-01", [S("The Federal Water Authority (FWA) said the dam held.", "The Federal Water Authority",
                                       kind="organisation", content="the dam held")])
    r2 = report("d2", "2025-05-02", [S("The FWA said rain would continue.", "The FWA", kind="organisation",
                                       content="rain would continue")])
    res = resolve_entities([r1, r2])
    assert res.source_entity["d1.a0"] == res.source_entity["d2.a0"]
    ent = _entity_of(res, "d2.a0")
    assert ent.name == "Federal Water Authority" and "FWA" in ent.aliases


def test_acronym_finder_accepts_foreign_initials_after_a_name():
    found = find_acronyms("the head of the Chilean Directorate of Civil Defence (ONEMI) spoke")
    assert "ONEMI" in found
    assert find_acronyms("prices rose (CPI) today") == {}


def test_description_of_a_known_body_of_the_same_state():
    r1 = report("d1", "2025-05-01", [
        S("Brazil's Federal Highway Police said twelve lorries overturned.", "Brazil's Federal Highway Police",
          kind="organisation", content="twelve lorries overturned")])
    r2 = report("d2", "2025-05-02", [
        S("The Brazilian highway department said the road reopened.", "The Brazilian highway department",
          kind="organisation", content="the road reopened"),
        S("Argentina's highway agency said its roads were clear.", "Argentina's highway agency",
          kind="organisation", content="its roads were clear")])
    res = resolve_entities([r1, r2])
    assert res.source_entity["d1.a0"] == res.source_entity["d2.a0"]
    # Same words, another state: a different body.
    assert res.source_entity["d2.a1"] != res.source_entity["d1.a0"]


def test_titles_and_typos_resolve_to_one_person():
    r1 = report("d1", "2025-05-01", [S("Gen Oleksandr Syrskyi said the line held.", "Gen Oleksandr Syrskyi",
                                       content="the line held")])
    r2 = report("d2", "2025-05-02", [S("Commander-in-chief Olexandr Syrsky said more shells came.",
                                       "Olexandr Syrsky", content="more shells came")])
    r3 = report("d3", "2025-05-03", [S("Syrskyi added that the front was calm.", "Syrskyi", name="Syrskyi",
                                       content="the front was calm")])
    res = resolve_entities([r1, r2, r3])
    assert res.source_entity["d1.a0"] == res.source_entity["d2.a0"] == res.source_entity["d3.a0"]
    ent = _entity_of(res, "d1.a0")
    assert ent.type == "PERSON" and ent.name in ("Oleksandr Syrskyi", "Olexandr Syrsky")


def test_pronoun_resolved_source_keeps_the_name_not_the_pronoun():
    r1 = report("d1", "2025-05-01", [S("He said talks would resume.", "He", name="Marta Lindqvist",
                                       content="talks would resume")])
    r2 = report("d2", "2025-05-02", [S("Marta Lindqvist said talks resumed.", "Marta Lindqvist",
                                       content="talks resumed")])
    res = resolve_entities([r1, r2])
    assert res.source_entity["d1.a0"] == res.source_entity["d2.a0"]
    assert "He" not in _entity_of(res, "d1.a0").aliases


def test_two_people_named_kim_stay_apart():
    r1 = report("d1", "2025-05-01", [
        S("Kim Min-jae said the port was shut.", "Kim Min-jae", content="the port was shut"),
        S("Kim Jin-jae said ferries were cancelled.", "Kim Jin-jae", content="ferries were cancelled")])
    r2 = report("d2", "2025-05-02", [
        S("Kim Min-jae said the port reopened.", "Kim Min-jae", content="the port reopened"),
        S("Kim Yong-ho said the storm passed.", "Kim Yong-ho", content="the storm passed")])
    res = resolve_entities([r1, r2])
    ids = {ref: res.source_entity[ref] for ref in ("d1.a0", "d1.a1", "d2.a0", "d2.a1")}
    assert ids["d1.a0"] == ids["d2.a0"]
    assert len({ids["d1.a0"], ids["d1.a1"], ids["d2.a1"]}) == 3


def test_capitals_and_seats_stand_for_their_state():
    r1 = report("d1", "2025-05-01", [S("Moscow denied the report.", "Moscow", kind="state", stance="denies",
                                       content="the report")])
    r2 = report("d2", "2025-05-02", [S("The Kremlin called it false.", "The Kremlin", kind="organisation",
                                       content="it false")])
    r3 = report("d3", "2025-05-03", [S("Russia said nothing had happened.", "Russia", kind="state",
                                       content="nothing had happened")])
    res = resolve_entities([r1, r2, r3])
    assert res.source_entity["d1.a0"] == res.source_entity["d2.a0"] == res.source_entity["d3.a0"]
    ent = _entity_of(res, "d1.a0")
    assert ent.type == "GPE" and ent.name == "Russia"


def test_generic_sources_get_no_entity_but_insiders_are_credited_to_their_body():
    r1 = report("d1", "2025-05-01", [
        S("Analysts said the plan would fail.", "Analysts", kind="generic", content="the plan would fail"),
        S("A source in the Federal Water Authority said the dam leaked.", "A source in the Federal Water Authority",
          kind="anonymous", content="the dam leaked")])
    res = resolve_entities([r1])
    assert "d1.a0" not in res.source_entity
    assert _entity_of(res, "d1.a1").name == "Federal Water Authority"


def test_a_demonym_inside_an_insiders_description_names_no_body():
    r1 = report("d1", "2025-06-02", [
        S("A source close to the Spanish club said the offer was submitted.", "A source close to the Spanish club",
          kind="anonymous", content="the offer was submitted")])
    assert "d1.a0" not in resolve_entities([r1]).source_entity


@pytest.mark.parametrize("who, credited", [
    ("Residents of the Millbrook estate", None),
    ("Passengers on the Northway ferry", None),
    ("Customers at Harbourside Bank's branch in Elmford", None),
    ("A source at Harbourside Bank's head office", "Harbourside Bank"),
    ("Two people close to Harbourside Bank's board", "Harbourside Bank"),
    ("Officials at the Millbrook Council", "Millbrook Council"),
    ("A finance director of Hallam Bank", "Hallam Bank"),
    ("A former finance director of Hallam Bank", None),  # who has left speaks for it no more
])
def test_people_named_by_their_place_are_no_insiders_of_it(who, credited):
    r1 = report("d1", "2025-03-05", [
        S(f"{who} said the warnings came too late.", who, kind="anonymous", content="the warnings came too late")])
    res = resolve_entities([r1])
    assert getattr(_entity_of(res, "d1.a0"), "name", None) == credited


@pytest.mark.parametrize("name", ["Calder Chemicals", "Norvik Logistics", "Baltic Shipping"])
def test_a_company_named_by_its_trade_is_no_person(name):
    r1 = report("d1", "2025-03-05", [
        S(f"{name} said the leak had been stopped.", name, kind="organisation", content="the leak had been stopped")])
    assert _entity_of(resolve_entities([r1]), "d1.a0").type == "ORG"


def test_a_name_that_reads_as_a_persons_is_a_body_where_the_report_describes_it_as_one():
    # "Brightwater Logistics" reads as a first name and a surname; "the company" it stands for says what it is
    r1 = report("d1", "2025-03-05", [
        S("Brightwater Logistics said the alarm had worked.", "Brightwater Logistics", kind="organisation",
          content="the alarm had worked"),
        S("The company said the laptops were insured.", "The company", name="Brightwater Logistics",
          kind="organisation", content="the laptops were insured")])
    res = resolve_entities([r1])
    assert _entity_of(res, "d1.a0").type == "ORG" and res.source_entity["d1.a0"] == res.source_entity["d1.a1"]
    # with no description of it, such a name is still taken for a person's
    r2 = report("d2", "2025-03-05", [S("Wilma Hartfield said the alarm had worked.", "Wilma Hartfield",
                                       kind="organisation", content="the alarm had worked")])
    assert _entity_of(resolve_entities([r2]), "d2.a0").type == "PERSON"


@pytest.mark.parametrize("surface", ["Sheriff Tom Briggs", "Detective Inspector Tom Briggs", "Commissioner Tom Briggs",
                                     "Neighbour Tom Briggs"])
def test_a_police_title_or_role_noun_before_a_name_is_a_role_not_part_of_the_name(surface):
    r1 = report("d1", "2025-08-15", [
        S(f"{surface} said 9,000 people had left.", surface, name="Tom Briggs", content="9,000 people had left"),
        S("Briggs said one man was missing.", "Briggs", name="Tom Briggs", content="one man was missing")])
    res = resolve_entities([r1])
    assert _entity_of(res, "d1.a0").name == "Tom Briggs" and res.source_entity["d1.a0"] == res.source_entity["d1.a1"]


@pytest.mark.parametrize("surface, name", [
    ("Ravi Sen", "Ravi Sen"), ("Prime Minister Hun Sen", "Hun Sen"), ("John Major", "John Major"),
    ("Mary Bishop", "Mary Bishop"),
])
def test_a_title_word_after_a_name_is_its_surname(surface, name):
    r1 = report("d1", "2025-08-15", [S(f"{surface} said the files were fake.", surface, name=name,
                                       content="the files were fake")])
    ent = _entity_of(resolve_entities([r1]), "d1.a0")
    assert ent is not None and ent.type == "PERSON" and ent.name == name


@pytest.mark.parametrize("text, role, name", [
    ("the Chief Fire Officer", "the Chief Fire Officer", ""),
    ("Prime Minister", "Prime Minister", ""),
    ("Attorney General", "Attorney General", ""),
    ("Secretary General", "Secretary General", ""),
    ("NATO Secretary General", "NATO Secretary General", ""),
    ("Brig Gen", "Brig Gen", ""),
    ("the Chief Fire Officer Graham Oduya", "the Chief Fire Officer", "Graham Oduya"),
    ("Sen Ted Cruz", "Sen", "Ted Cruz"),
    ("Prime Minister Kim", "Prime Minister", "Kim"),
])
def test_a_title_alone_or_before_a_name_is_a_role(text, role, name):
    assert split_title(text) == (role, name)


def test_an_office_described_by_its_holders_noun_is_one_body_however_the_reports_place_it():
    r1 = report("d1", "2025-08-16", [S("The Corvel County sheriff's office said a man was found dead.",
                                       "The Corvel County sheriff's office", kind="document",
                                       name="Corvel County sheriff's office", content="a man was found dead")])
    r2 = report("d2", "2025-08-17", [S("The sheriff's office said the search was over.", "The sheriff's office",
                                       kind="document", name="sheriff's office", content="the search was over")])
    res = resolve_entities([r1, r2])
    assert _entity_of(res, "d1.a0") is not None and _entity_of(res, "d1.a0").type == "ORG"
    assert res.source_entity["d1.a0"] == res.source_entity["d2.a0"]


def test_a_members_title_before_a_name_is_a_role_not_part_of_the_name():
    r1 = report("d1", "2025-03-05", [
        S("Local MP Sarah Quayle said she had written to the company.", "Local MP Sarah Quayle", name="Sarah Quayle",
          content="she had written to the company"),
        S("Quayle said the reply was late.", "Quayle", name="Sarah Quayle", content="the reply was late")])
    res = resolve_entities([r1])
    assert _entity_of(res, "d1.a0").name == "Sarah Quayle"
    assert res.source_entity["d1.a0"] == res.source_entity["d1.a1"]


@pytest.mark.parametrize("who, credited", [
    ("A spokeswoman for the Environment Agency", "Environment Agency"),
    ("The Environment Agency's spokeswoman", "Environment Agency"),
    ("A spokesman for Calder Chemicals", "Calder Chemicals"),
    ("a lawyer for Karen Holt", "Karen Holt"),
    ("A Norvik Bank spokesman", "Norvik Bank"),
    ("a Kremlin spokesman", "Russia"),
    ("His lawyer", None),
    ("The spokesman", None),
])
def test_one_who_speaks_on_the_record_for_a_body_of_several_words_gives_its_position(who, credited):
    r1 = report("d1", "2025-03-05", [
        S(f"{who} said inspectors were on site.", who, kind="anonymous", content="inspectors were on site")])
    assert getattr(_entity_of(resolve_entities([r1]), "d1.a0"), "name", None) == credited


def test_he_after_a_spokesman_for_a_body_is_the_body_speaking():
    """ "…, a spokesman for Merrow General Hospital told the Post. He could not say whether …": the report resolved
    "He" to the spokesman (its name without the article); both statements are the hospital's."""
    r1 = report("d1", "2026-09-11", [
        S("Two of the injured were in a serious condition, a spokesman for Merrow General Hospital told the Post.",
          "a spokesman for Merrow General Hospital", kind="anonymous", content="Two of the injured were in a serious "
          "condition"),
        S("He could not say whether anyone was still missing.", "He", kind="anonymous",
          name="spokesman for Merrow General Hospital", stance="no_comment",
          content="whether anyone was still missing")])
    res = resolve_entities([r1])
    assert _entity_of(res, "d1.a0").name == "Merrow General Hospital"
    assert res.source_entity["d1.a1"] == res.source_entity["d1.a0"]


def test_official_speaks_for_the_state_in_the_title_and_channels_resolve():
    r1 = report("d1", "2025-05-01", [
        S("Kremlin spokesman Ivan Petrov said the drills were routine.", "Kremlin spokesman Ivan Petrov",
          name="Ivan Petrov", content="the drills were routine", via=["The Daily Ledger"])])
    res = resolve_entities([r1])
    person = _entity_of(res, "d1.a0")
    parent = next(e for e in res.entities if e.id == res.parent[person.id])
    assert parent.name == "Russia"
    media = next(e for e in res.entities if e.id == res.via_entities["d1.a0"][0])
    assert media.type == "MEDIA" and "The Daily Ledger" in [media.name, *media.aliases]


def test_an_outlet_after_its_description_and_a_person_described_by_an_outlet():
    r1 = report("d1", "2025-05-01", [
        S("The Herald newspaper said the strike was over.", "The Herald newspaper", kind="media",
          content="the strike was over")])
    r2 = report("d2", "2025-05-02", [
        S("A report from Scottish publication The Herald said talks had failed.",
          "a report from Scottish publication The Herald", kind="media", content="talks had failed"),
        S("Anna Berg, an editor at the magazine Nordic Review, said the talks would resume.",
          "Anna Berg, an editor at the magazine Nordic Review", kind="person", name="Anna Berg",
          content="the talks would resume")])
    res = resolve_entities([r1, r2])
    herald = _entity_of(res, "d1.a0")
    # The place and the kind of outlet before the name are not part of it: one outlet, "Herald".
    assert herald.type == "MEDIA" and res.source_entity["d2.a0"] == herald.id
    assert herald.name == "Herald"
    # A person described by the magazine she works for is the person, not the magazine.
    berg = _entity_of(res, "d2.a1")
    assert berg.type == "PERSON" and berg.name == "Anna Berg"


def test_a_body_named_with_its_state_joins_the_one_fuller_name_that_states_none():
    r1 = report("d1", "2025-05-01", [
        S("Britain's Ledger said the band had split.", "Britain's Ledger", kind="organisation",
          content="the band had split"),
        S("The Ledger newspaper said the promoter was furious.", "The Ledger newspaper", kind="media",
          content="the promoter was furious")])
    r2 = report("d2", "2025-05-02", [
        S("The Daily Ledger said the tour was cancelled.", "The Daily Ledger", kind="media",
          content="the tour was cancelled"),
        S("The Ledger newspaper said the singer refused.", "The Ledger newspaper", kind="media",
          content="the singer refused")])
    res = resolve_entities([r1, r2])
    # Saying nothing of a state is not naming another one: one outlet.
    assert res.source_entity["d1.a0"] == res.source_entity["d2.a0"]


def test_a_report_in_a_named_outlet_is_the_outlet_and_a_report_of_nobody_named_is_nobody():
    r1 = report("d1", "2025-05-01", [
        S("An exclusive report in Britain's Daily Ledger newspaper said the tour was off.",
          "an exclusive report in Britain's Daily Ledger newspaper", kind="document", content="the tour was off"),
        S("A report said the promoter had walked out.", "A report", kind="document",
          content="the promoter had walked out")])
    res = resolve_entities([r1])
    outlet = _entity_of(res, "d1.a0")
    assert outlet is not None and outlet.type == "MEDIA" and outlet.name == "Daily Ledger"
    assert "d1.a1" not in res.source_entity


def test_a_story_in_a_named_outlet_by_its_writer_is_the_outlet():
    """The extractor leaves "a story …" an unnamed source; the outlet it ran in, not the demonym before it
    nor the writer after it, is who speaks."""
    r1 = report("d1", "2025-05-01", [
        S("A story in the Norlandic daily Valmora Gazette by its veteran correspondent Ana Reis said the tour was off.",
          "A story in the Norlandic daily Valmora Gazette by its veteran correspondent Ana Reis", kind="anonymous",
          content="the tour was off")])
    outlet = _entity_of(resolve_entities([r1]), "d1.a0")
    assert outlet is not None and outlet.type == "MEDIA" and outlet.name == "Valmora Gazette"


def test_a_report_from_a_country_s_media_names_no_outlet():
    r1 = report("d1", "2025-05-01", [
        S("A report from South Korean media said pilots were sent.", "a report from South Korean media",
          kind="document", content="pilots were sent")])
    res = resolve_entities([r1])
    assert "d1.a0" not in res.source_entity
    assert not any(e.type == "MEDIA" for e in res.entities)


def test_a_described_body_is_one_actor_across_reports_and_a_bare_description_is_none():
    """ "the regional fire service" and "the fire service" are one body of the story; "the ministry" names none."""
    r1 = report("d1", "2025-06-10", [
        S("The regional fire service said 12 workers were taken to hospital.", "The regional fire service",
          kind="document", content="12 workers were taken to hospital"),
        S("The ministry said the plant would be inspected.", "The ministry", kind="document",
          content="the plant would be inspected")])
    r2 = report("d2", "2025-06-12", [
        S("According to the fire service, 19 workers were treated in hospital.", "the fire service",
          kind="document", content="19 workers were treated in hospital")])
    res = resolve_entities([r1, r2])
    body = _entity_of(res, "d1.a0")
    assert body is not None and body.type == "ORG" and body.name == "fire service"
    assert res.source_entity["d2.a0"] == body.id
    assert _entity_of(res, "d1.a1") is None


def test_offices_described_by_their_holders_keep_the_holders_title():
    """ "the prime minister's office" and "the foreign minister's office" are two bodies, each named in full."""
    r1 = report("d1", "2026-02-03", [
        S("The prime minister's office said the summit would go ahead.", "The prime minister's office",
          kind="document", content="the summit would go ahead"),
        S("The foreign minister's office said the talks had been postponed.", "The foreign minister's office",
          kind="document", content="the talks had been postponed")])
    res = resolve_entities([r1])
    first, second = _entity_of(res, "d1.a0"), _entity_of(res, "d1.a1")
    assert first is not None and second is not None
    assert (first.name, second.name) == ("prime minister's office", "foreign minister's office")


def test_a_bare_description_the_report_resolved_to_a_described_body_is_that_body():
    """ "the national disaster agency said …; the agency said …": the report knows which agency; so does the ledger."""
    r1 = report("d1", "2026-03-15", [
        S("The national disaster agency said 31 people had died.", "The national disaster agency", kind="document",
          name="national disaster agency", content="31 people had died"),
        S("More than 120 people were injured, the agency said.", "the agency", kind="document",
          name="national disaster agency", content="More than 120 people were injured")])
    res = resolve_entities([r1])
    body = _entity_of(res, "d1.a0")
    assert body is not None and body.name == "disaster agency" and res.source_entity["d1.a1"] == body.id


def test_a_described_body_the_recogniser_took_for_a_name_in_one_report_is_the_same_actor(tmp_path):
    # extracted from the texts: "the provincial health department" came out as a name in the first two reports and as
    # a description at the head of the third, two bodies, so its own revision read as another body's figure
    texts = [
        ("2025-04-02", "Cholera outbreak kills 14 in Marden province",
         "Fourteen people have died of cholera in Marden province since last week, the provincial health department "
         "said on Wednesday.\nMore than 300 cases have been recorded, health official Joseph Amadi told Coast Radio.\n"
         "\"We are doing everything we can to stop the spread,\" Amadi said.\nThe department said the outbreak began in "
         "the fishing village of Tarra."),
        ("2025-04-04", "Cholera toll rises to 21",
         "The death toll from the cholera outbreak in Marden province has risen to 21, the provincial health department "
         "said on Friday.\nThe World Health Organization said it could not confirm the number of cases."),
        ("2025-04-05", "Health department revises cholera deaths down",
         "The provincial health department on Saturday revised the cholera death toll down to 18, saying three deaths "
         "had been wrongly recorded.\nThe department denied reports that the outbreak had spread to the capital."),
    ]
    with Store.open(tmp_path / "cholera.db") as store:
        analyse_into(store, [RawReport(text=text, title=title, path=f"r{k}.txt", published=day)
                             for k, (day, title, text) in enumerate(texts)], model=None, limits=Limits(), on_error=print)
        reports = sorted(store.reports(), key=lambda r: r.extraction.published or "")
    res = resolve_entities(reports)
    assert res.source_entity[f"{reports[0].id}.a0"] == res.source_entity[f"{reports[2].id}.a0"]


def test_a_one_word_name_taken_for_a_person_is_the_body_of_that_name():
    """The recogniser calls "Baltchem" a person in one report; the story knows it as a company."""
    r1 = report("d1", "2025-06-10", [S("Baltchem said the leak was under control.", "Baltchem", kind="organisation",
                                       content="the leak was under control")])
    r2 = report("d2", "2025-06-13", [S("Baltchem rejected the claim.", "Baltchem", kind="person",
                                       content="the claim", stance="denies")])
    res = resolve_entities([r1, r2])
    assert res.source_entity["d1.a0"] == res.source_entity["d2.a0"]
    assert _entity_of(res, "d2.a0").type == "ORG"


def test_a_name_ending_as_only_a_company_name_can_is_not_a_person():
    """Two capitalised words look like a person's name; "Motors" says a company."""
    r1 = report("d1", "2026-07-15", [S("Norvik Motors said it expects lower profit.", "Norvik Motors",
                                       kind="organisation", content="it expects lower profit")])
    r2 = report("d2", "2026-07-16", [S("Hanna Berg said no injury was known.", "Hanna Berg", kind="person",
                                       content="no injury was known")])
    res = resolve_entities([r1, r2])
    assert _entity_of(res, "d1.a0").type == "ORG"
    assert _entity_of(res, "d2.a0").type == "PERSON"


def test_the_body_an_official_s_title_names_is_an_actor_they_speak_for():
    from claimledger.records import NameMention

    sentence = "Ola Berg, a spokesman for the Nordic Salmon Council, said the farms were safe."
    r1 = report("d1", "2025-05-01", [S(sentence, "Ola Berg, a spokesman for the Nordic Salmon Council",
                                       name="Ola Berg", kind="person", content="the farms were safe")])
    council = "the Nordic Salmon Council"
    at = r1.extraction.clean.text.index(council)
    r1.extraction.names.append(NameMention(at, at + len(council), council, "ORG"))
    sentence2 = "The Harbour Board's deputy spokeswoman, Mia Holm, said no fish had died."
    r2 = report("d2", "2025-05-02", [S(sentence2, "The Harbour Board's deputy spokeswoman, Mia Holm", name="Mia Holm",
                                       kind="person", content="no fish had died")])
    board = "Harbour Board"
    at = r2.extraction.clean.text.index(board)
    r2.extraction.names.append(NameMention(at, at + len(board), board, "ORG"))
    res = resolve_entities([r1, r2])
    for ref, body in (("d1.a0", "Nordic Salmon Council"), ("d2.a0", "Harbour Board")):
        person = _entity_of(res, ref)
        assert person.type == "PERSON"
        assert next(e for e in res.entities if e.id == res.parent[person.id]).name == body
    # a name the recogniser never took for an organisation makes no body
    r3 = report("d3", "2025-05-03", [S("Per Lund, director of research at Lund Labs, said the tests were clean.",
                                       "Per Lund, director of research at Lund Labs", name="Per Lund", kind="person",
                                       content="the tests were clean")])
    res = resolve_entities([r3])
    assert _entity_of(res, "d3.a0").id not in res.parent


def test_a_channel_written_in_initials_only_is_no_person():
    """ "Baltchem said to the S.E.C. that …": a channel with no name token resolves without error."""
    r = report("d1", "2025-06-10", [S("Baltchem said to the S.E.C. that the leak was contained.", "Baltchem",
                                      kind="organisation", content="the leak was contained", via=["S.E.C."])])
    res = resolve_entities([r])
    assert not [e for e in res.entities if e.type == "PERSON"]


def test_an_office_of_a_place_is_its_one_named_holder_and_never_another_place_s_office():
    """ "Valmora's mayor" in one report and "Valmora Mayor Oddlin Frusk" in another are one source; "the mayor of
    Brenn" is neither of them, though both are mayors (and Paris stands for France elsewhere)."""
    def said(doc, sentence, source, kind, name):
        return report(doc, "2025-04-03", [S(sentence, source, kind=kind, name=name,
                                            content=sentence.split(" said ")[1].rstrip("."))])
    frusk = said("d1", "Valmora Mayor Oddlin Frusk said the bridge would reopen.", "Valmora Mayor Oddlin Frusk",
                 "person", "Oddlin Frusk")
    office = said("d2", "Valmora's mayor said the bridge would reopen on Monday.", "Valmora's mayor",
                  "organisation", "mayor of Valmora")
    brenn = said("d3", "The mayor of Brenn said the ferry was running.", "The mayor of Brenn", "organisation",
                 "mayor of Brenn")
    paris = said("d4", "The mayor of Paris said the river was falling.", "The mayor of Paris", "organisation",
                 "mayor of Paris")
    res = resolve_entities([frusk, office, brenn, paris])
    assert res.source_entity["d1.a0"] == res.source_entity["d2.a0"]
    assert _entity_of(res, "d2.a0").name == "Oddlin Frusk"
    assert len({res.source_entity[f"d{k}.a0"] for k in (2, 3, 4)}) == 3


def test_a_typo_of_a_body_still_joins_it_when_the_story_names_an_office():
    """Offices stand outside the joining of organisation spellings, which must still pair each spelling
    with its own earlier one ("Port Authorty" is "Port Authority", whatever office sorts before them)."""
    def said(doc, sentence, source, name):
        return report(doc, "2025-04-03", [S(sentence, source, kind="organisation", name=name,
                                            content=sentence.split(" said ")[1].rstrip("."))])
    res = resolve_entities([
        said("d1", "The Port Authority said the quay was closed.", "The Port Authority", "Port Authority"),
        said("d2", "The mayor of Halden said the quay was closed.", "The mayor of Halden", "mayor of Halden"),
        said("d3", "The Port Authorty said the quay would reopen.", "The Port Authorty", "Port Authorty"),
        said("d4", "The Ferry Company said boats were waiting.", "The Ferry Company", "Ferry Company"),
    ])
    assert res.source_entity["d1.a0"] == res.source_entity["d3.a0"] != res.source_entity["d4.a0"]


def test_one_who_speaks_for_a_named_person_or_body_gives_their_position():
    """ "Quill's publicist" speaks for the singer named before; "Norvik's spokeswoman" for a body the story does
    not know as a person; "the company's spokesman" names nobody."""
    r1 = report("d1", "2025-05-01", [
        S("Mara Quill said the tour was over.", "Mara Quill", content="the tour was over"),
        S("Quill's publicist said the contract story was false.", "Quill's publicist", kind="anonymous",
          content="the contract story was false"),
        S("Norvik's spokeswoman said the plant was safe.", "Norvik's spokeswoman", kind="anonymous",
          content="the plant was safe"),
        S("The company's spokesman said the plant was safe.", "The company's spokesman", kind="anonymous",
          content="the plant was safe")])
    res = resolve_entities([r1])
    assert _entity_of(res, "d1.a1") is _entity_of(res, "d1.a0") and _entity_of(res, "d1.a0").name == "Mara Quill"
    assert _entity_of(res, "d1.a2").name == "Norvik"
    assert "d1.a3" not in res.source_entity


@pytest.mark.parametrize("spokesperson", ["A spokesman for Quill", "The lawyer for Mara Quill"])
def test_one_who_speaks_for_a_person_named_after_the_role_gives_their_position(spokesperson):
    r1 = report("d1", "2025-05-01", [
        S("Mara Quill said the tour was over.", "Mara Quill", content="the tour was over"),
        S(f"{spokesperson} declined to comment.", spokesperson, kind="anonymous", content="to comment",
          stance="no_comment")])
    res = resolve_entities([r1])
    assert _entity_of(res, "d1.a1") is _entity_of(res, "d1.a0")


def test_a_body_named_in_apposition_to_its_description_is_named_by_that_name():
    r1 = report("d1", "2026-06-03", [S("The plant's owner, Chemvik, said there was no risk to residents.",
                                       "The plant's owner, Chemvik", name="Chemvik", kind="organisation",
                                       content="there was no risk to residents")])
    r2 = report("d2", "2026-06-04", [S("Chemvik repeated that there had been no danger.", "Chemvik",
                                       kind="organisation", content="there had been no danger")])
    res = resolve_entities([r1, r2])
    assert _entity_of(res, "d1.a0").name == "Chemvik"
    assert res.source_entity["d1.a0"] == res.source_entity["d2.a0"]


def test_a_description_no_state_owns_is_not_joined_to_a_name_sharing_its_word():
    """ "the health ministry" is not "the World Health Organization": neither says whose it is."""
    r1 = report("d1", "2026-05-08", [
        S("The World Health Organization said two people had died.", "The World Health Organization",
          kind="organisation", name="World Health Organization", content="two people had died"),
        S("The health ministry said there were no deaths.", "The health ministry", kind="document",
          name="The health ministry", content="there were no deaths")])
    res = resolve_entities([r1])
    who, ministry = _entity_of(res, "d1.a0"), _entity_of(res, "d1.a1")
    assert who is not None and ministry is not None and who.id != ministry.id


def test_a_spokesman_of_a_kind_speaks_for_the_one_body_of_that_kind_in_the_story():
    r1 = report("d1", "2026-05-05", [
        S("The health ministry said 14 cases had been confirmed.", "The health ministry", kind="document",
          name="The health ministry", content="14 cases had been confirmed"),
        S("There have been no deaths, ministry spokesman Arman Sadykov said.", "ministry spokesman Arman Sadykov",
          kind="person", name="Arman Sadykov", content="There have been no deaths")])
    res = resolve_entities([r1])
    ministry, spokesman = _entity_of(res, "d1.a0"), _entity_of(res, "d1.a1")
    assert spokesman.type == "PERSON" and res.parent.get(spokesman.id) == ministry.id


def test_the_first_word_of_the_one_body_of_several_words_is_that_body_not_a_person():
    r1 = report("d1", "2026-03-03", [
        S("Kestrel Health said hackers had stolen the records of 80,000 patients.", "Kestrel Health",
          kind="organisation", name="Kestrel Health", content="hackers had stolen the records of 80,000 patients"),
        S("The company said it had written to everyone affected.", "The company", kind="organisation",
          name="Kestrel Health", content="it had written to everyone affected")])
    r2 = report("d2", "2026-03-07", [
        S("Kestrel said it had informed the regulator within 72 hours.", "Kestrel", kind="person", name="Kestrel",
          content="it had informed the regulator within 72 hours")])
    res = resolve_entities([r1, r2])
    body, short = _entity_of(res, "d1.a0"), _entity_of(res, "d2.a0")
    assert short is not None and short.id == body.id and body.type == "ORG"


@pytest.mark.parametrize("bodies, one", [
    (["Ministry of Environment"], True),
    (["Ministry of Environment", "Ministry of Health"], False),  # which one, the words do not say
])
def test_the_ministry_in_a_report_naming_none_is_the_one_ministry_of_the_story(bodies, one):
    r1 = report("d1", "2025-05-15", [
        S(f"The {body} denied that it had been warned about the valve.", f"The {body}", kind="organisation",
          name=body, content="it had been warned about the valve", stance="denies")
        for body in bodies])
    r2 = report("d2", "2025-05-18", [
        S("The ministry has said it received no warning.", "The ministry", kind="document", name="The ministry",
          content="it received no warning")])
    res = resolve_entities([r1, r2])
    ministry = _entity_of(res, "d2.a0")
    if one:
        assert ministry is not None and ministry.id == _entity_of(res, "d1.a0").id
    else:
        assert ministry is None


@pytest.mark.parametrize("acronym, name", [
    ("The WHO", "World Health Organization"),  # "WHO" is no pronoun
    ("The IMF", "International Monetary Fund"),
])
def test_an_acronym_no_report_spells_out_is_the_body_whose_initials_it_is(acronym, name):
    r1 = report("d1", "2026-05-08", [
        S(f"The {name} said two people had died.", f"The {name}", kind="organisation", name=name,
          content="two people had died"),
        S(f"{acronym} said 41 cases had been confirmed.", acronym, kind="organisation", name=acronym.split()[-1],
          content="41 cases had been confirmed")])
    res = resolve_entities([r1])
    full, short = _entity_of(res, "d1.a0"), _entity_of(res, "d1.a1")
    assert full is not None and short is not None and full.id == short.id and full.name == name


def test_a_description_that_ends_a_body_s_name_is_that_body_in_another_report():
    """ "the fire service" in a report that names none is the story's "Ridge County Fire Service"; "the health
    ministry" is still not "the World Health Organization" (the name does not end with its words)."""
    r1 = report("d1", "2027-08-08", [
        S("The Ridge County Fire Service said about 1,200 hectares had burned.", "The Ridge County Fire Service",
          kind="organisation", name="Ridge County Fire Service", content="about 1,200 hectares had burned")])
    r2 = report("d2", "2027-08-09", [
        S("The fire service said the fire had burned 3,400 hectares.", "The fire service", kind="document",
          name="The fire service", content="the fire had burned 3,400 hectares")])
    res = resolve_entities([r1, r2])
    assert res.source_entity["d2.a0"] == res.source_entity["d1.a0"]


def test_a_spokeswoman_for_a_body_whose_name_has_for_in_it_speaks_for_that_body():
    r1 = report("d1", "2027-06-02", [
        S("The Department for Transport said the contract followed the rules.", "The Department for Transport",
          kind="organisation", name="Department for Transport", content="the contract followed the rules")])
    r2 = report("d2", "2027-06-03", [
        S("A spokeswoman for the Department for Transport said the tender was fair.",
          "A spokeswoman for the Department for Transport", kind="anonymous", content="the tender was fair")])
    res = resolve_entities([r1, r2])
    assert res.source_entity.get("d2.a0") == res.source_entity["d1.a0"]


def test_the_company_s_chief_executive_speaks_for_the_body_the_report_named_just_before():
    r1 = report("d1", "2027-06-03", [
        S("Veltrack Systems said it had won the contract fairly.", "Veltrack Systems", kind="organisation",
          name="Veltrack Systems", content="it had won the contract fairly"),
        S("The company's chief executive, Ian Moss, said the firm had won three contracts.",
          "The company's chief executive, Ian Moss", name="Ian Moss", content="the firm had won three contracts"),
        S("The ministry said the award was under review.", "The ministry", kind="organisation",
          name="Ministry of Works", content="the award was under review"),
        S("Analyst Ruth Hale, a former executive at the firm, said the bid was strong.",
          "Analyst Ruth Hale, a former executive at the firm", name="Ruth Hale", content="the bid was strong")])
    res = resolve_entities([r1])
    moss, company = res.source_entity["d1.a1"], res.source_entity["d1.a0"]
    assert res.parent.get(moss) == company
    assert res.parent.get(res.source_entity["d1.a3"]) is None  # no "the company's" title: no owner assumed


def test_a_title_in_lower_case_is_the_one_person_the_story_gives_that_title_even_in_its_narration():
    r1 = report("d1", "2027-06-02", [
        S("Ms Dunmore declined to comment.", "Ms Dunmore", name="Dunmore", content="to comment", stance="no_comment")],
        prefix="Transport Minister Clare Dunmore is facing calls to resign over a rail contract.")
    r2 = report("d2", "2027-06-03", [
        S("Speaking in the Commons, the transport minister said she had never discussed the tender.",
          "the transport minister", kind="anonymous", content="she had never discussed the tender"),
        S("The health minister said hospitals were ready.", "The health minister", kind="anonymous",
          content="hospitals were ready")])
    res = resolve_entities([r1, r2])
    assert res.source_entity.get("d2.a0") == res.source_entity["d1.a0"]
    assert res.source_entity.get("d2.a1") != res.source_entity["d1.a0"]  # no health minister is named
