"""Who a source is: names the recogniser mistakes for organisations, and the pronouns that point back to them."""
from __future__ import annotations

import pytest

from claimledger.extract.attribution import find_attributions
from claimledger.extract.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def sources(nlp, text: str) -> list[tuple[str, str]]:
    return [(a.source.name, a.source.kind) for a in find_attributions(nlp(text))]


def test_a_role_noun_before_a_name_makes_it_a_person_and_her_pronoun_points_back(nlp):
    # the small model tags "Lidia Marr" here as an organisation
    found = sources(nlp, "Commission chairwoman Lidia Marr said no ballot was destroyed. "
                         "She said observers had been present.")
    assert found == [("Lidia Marr", "person"), ("Lidia Marr", "person")]


def test_a_name_after_a_common_noun_the_parser_makes_a_second_subject_is_the_source(nlp):
    assert sources(nlp, "The opposition Civic Alliance said the count had been rigged.") == [
        ("Civic Alliance", "organisation")]


def test_its_report_is_the_report_of_the_body_last_named(nlp):
    found = [(a.cue, a.source.name, a.source.kind) for a in find_attributions(nlp(
        "The Valmora Times said on Monday that a ransom had been paid. "
        "The Times stands by its report that a ransom was paid."))]
    assert ("report", "Times", "media") in found or ("report", "Valmora Times", "media") in found


def test_a_description_giving_the_name_its_subject_goes_by_is_that_name(nlp):
    found = sources(nlp, "A group calling itself Nightjar claimed on its website that it had taken 1.2 million files. "
                         "A hacker known as Vesper said the files were real. A group of nurses said wards were shut.")
    assert [name for name, _ in found] == ["Nightjar", "Vesper", "A group of nurses"]


def test_the_body_a_person_works_for_is_not_that_person(nlp):
    found = sources(nlp, "Selby Chemicals said about six tonnes had escaped. The company's operations director, "
                         "Martin Keel, said the first estimate was based on incomplete readings. "
                         "The company called that figure speculation.")
    assert found == [("Selby Chemicals", "organisation"), ("Martin Keel", "person"),
                     ("Selby Chemicals", "organisation")]


@pytest.mark.parametrize("text, name, kind", [
    ("Press TV said the talks had failed.", "Press TV", "media"),
    ("The Foreign Ministry said the talks had failed.", "Foreign Ministry", "organisation"),
    ("The Health and Safety Executive said it had opened an investigation.", "Health and Safety Executive",
     "organisation"),
    ("Procter & Gamble said sales fell.", "Procter & Gamble", "organisation"),
    # a name running on past its head's "of" or "for" is the whole name, not its first word
    ("The economy grew by 0.4%, the Office for National Statistics said.", "Office for National Statistics",
     "organisation"),
    ("The Ministry of Defence said the troops were ready.", "Ministry of Defence", "organisation"),
])
def test_names_without_a_role_noun_keep_their_kind(nlp, text, name, kind):
    assert sources(nlp, text) == [(name, kind)]


def test_as_reported_by_an_outlet_the_outlet_is_the_source_not_the_names_after_it(nlp):
    found = sources(nlp, "As reported by the Daily Mirror, Plant, as well as former bandmates Jimmy Page and John "
                         "Paul Jones, were offered $800 million to perform a tour.")
    assert found == [("Daily Mirror", "media")]


@pytest.mark.parametrize("text, name, kind", [
    ("Norvik Motors on Friday reported a second-quarter operating profit of 298 million euros.", "Norvik Motors",
     "organisation"),
    ("The Valmora Times reported that the minister had resigned.", "Valmora Times", "media"),
])
def test_reporting_a_result_is_a_company_and_reporting_that_is_an_outlet(nlp, text, name, kind):
    assert sources(nlp, text) == [(name, kind)]


def test_of_two_subjects_the_speaker_is_the_one_next_to_the_verb(nlp):
    text = ("\u201cHe would be a great senator. One of the brightest members of the entire Congress,\u201d "
            "Rep. Elijah E. Cummings said in a phone interview.")
    assert sources(nlp, text) == [("Elijah E. Cummings", "person")]


@pytest.mark.parametrize("text, name", [
    ("Valmora's mayor said on Monday that 300 homes had been flooded.", "mayor of Valmora"),
    ("The mayor of Valmora said that 300 homes had been flooded.", "mayor of Valmora"),
    ("Ruritania's health minister told reporters that two hospitals were closed.", "health minister of Ruritania"),
    ("The health minister of Ruritania said two hospitals were closed.", "health minister of Ruritania"),
    ("Valmora's deputy mayor said the dam was old.", "deputy mayor of Valmora"),
])
def test_an_office_of_a_named_place_is_a_named_source_whatever_the_wording(nlp, text, name):
    assert sources(nlp, text) == [(name, "organisation")]


@pytest.mark.parametrize("text, name, kind", [
    ("A minister of Ruritania said two hospitals were closed.", "A minister of Ruritania", "anonymous"),
    ("Valmora officials said the dam was old.", "Valmora officials", "anonymous"),
    ("Valmora's former mayor said the dam was old.", "Valmora's former mayor", "anonymous"),
    ("The former secretary of state said the dam was old.", "The former secretary of state", "anonymous"),
    ("Valmora's mayor, Oddlin Frusk, said the dam was old.", "Oddlin Frusk", "person"),
])
def test_one_of_several_office_holders_stays_unnamed_and_a_named_holder_is_the_person(nlp, text, name, kind):
    assert sources(nlp, text) == [(name, kind)]


def test_a_pronoun_or_description_after_an_office_points_back_to_the_office(nlp):
    found = sources(nlp, "Valmora's mayor said the dam was old. She added that the town would rebuild. "
                         "The mayor said the army would help.")
    assert found == [("mayor of Valmora", "organisation")] * 3


@pytest.mark.parametrize("text", [
    "Valmora's mayor, Oddlin Frusk, said the dam was old. Later, the mayor of Valmora said the town would rebuild.",
    "Oddlin Frusk, the mayor of Valmora, said the dam was old. Valmora's mayor added that the town would rebuild.",
])
def test_an_office_whose_holder_the_report_named_is_that_person(nlp, text):
    assert sources(nlp, text) == [("Oddlin Frusk", "person")] * 2


def test_a_noun_modifying_a_persons_title_names_the_workplace_not_the_person(nlp):
    # "airport manager Lena Ortiz": "the airport" later is the airport; "the manager" is still Ortiz
    found = sources(nlp, "\"We closed the runway within minutes,\" airport manager Lena Ortiz told reporters. "
                         "The airport declined to comment on the cause of the outage. The manager said flights would resume.")
    assert [name for name, _ in found] == ["Lena Ortiz", "The airport", "Lena Ortiz"]


def test_a_pronoun_speaker_is_not_a_name_in_what_it_said(nlp):
    """ "X capsized, he said": the name in the reported clause cannot be "he", which would have said "it"."""
    found = sources(nlp, "Harbour master Lena Voss said two tugs were on their way. The MV Arne Solberg ran aground "
                         "off the breakwater at dawn, she said.")
    assert found == [("Lena Voss", "person"), ("Lena Voss", "person")]
    found = sources(nlp, "Council leader Omar Haddad spoke first. Peter Brandt had resigned on Monday, he said.")
    assert found[-1] == ("Omar Haddad", "person")


def test_a_name_modifying_a_thing_is_no_person_a_pronoun_points_back_to(nlp):
    """ "the Brenner depot": the tagger's PERSON names the depot; "He said" has no one named before it."""
    found = sources(nlp, "Firefighters reached the Brenner depot at dawn. He said the roof had collapsed.")
    assert found == [("He", "person")]


def test_a_pronoun_after_a_person_described_again_as_subject_points_to_that_person(nlp):
    """ "The prince, speaking …, visited": the prince named before is the last subject, so the next "he said"
    is his, not that of the shop owner quoted in between."""
    text = ('Crowds cheered on Monday as Prince Edward opened the new bridge to traffic.\n\n'
            '"It\'s about time!" said shop owner Marta Kowal as her dog, Biscuit, waited by the door. '
            '"We asked for years.\n\n"Nobody listened until now."\n\n'
            'The prince, speaking earlier this week, visited the traders on the quay.\n\n'
            '"The work starts in spring," he said at the weekly council meeting.')
    assert sources(nlp, text)[-1] == ("Edward", "person")


def test_a_pronoun_speaker_after_a_described_speaker_is_that_speaker_not_the_last_name(nlp):
    """News convention: "he said" after "A plant engineer … told the Courier that …" is the engineer, the latest
    speaker, though Oduya is the latest person named."""
    text = ('HARWICK — About 400 homes were evacuated on Tuesday night after a tank valve failed, fire officials '
            'said.\n"The valve gave way at around 9 p.m.," said Chief Fire Officer Graham Oduya. He said 11 people '
            'had been taken to hospital.\nA plant engineer, who spoke on condition of anonymity because he was not '
            'authorised to talk to the press, told the Courier that the valve had been reported as corroded in an '
            'inspection in 2023. "We flagged it twice and nothing was done," he said.')
    assert sources(nlp, text)[-3:] == [("Graham Oduya", "person"), ("A plant engineer", "anonymous"),
                                       ("A plant engineer", "anonymous")]


def test_a_described_speaker_of_no_gender_may_be_he_or_she(nlp):
    found = sources(nlp, "Minister Dalia Renfrew said the offer remained on the table. A senior official told "
                         "reporters that the delegation would leave on Friday. \"There is nothing more to discuss,\" "
                         "she said.")
    assert found[-2:] == [("A senior official", "anonymous"), ("A senior official", "anonymous")]


def test_a_described_speaker_of_the_other_gender_leaves_the_pronoun_to_the_name(nlp):
    """ "A resident said she had left": the resident is a woman, so the next "He said" is Oduya's."""
    found = sources(nlp, "Mayor Tomas Oduya said the fire had been contained by midnight. A resident said she had "
                         "left her flat before the smoke reached it. He said the fire was out.")
    assert found == [("Tomas Oduya", "person"), ("A resident", "anonymous"), ("Tomas Oduya", "person")]


def test_a_described_speaker_who_asked_is_not_the_one_who_answers(nlp):
    found = sources(nlp, "Governor Ellen Marsh took questions at the college on Friday. A student asked whether "
                         "tuition would rise next year. \"Not this year,\" she said.")
    assert found[-1] == ("Ellen Marsh", "person")


def test_a_described_speaker_named_later_is_that_name_from_then_on(nlp):
    found = sources(nlp, "A plant engineer told the Courier that the valve had corroded. \"We flagged it twice,\" he "
                         "said. The engineer, Marek Velt, said the company had ignored the warnings.")
    assert found == [("A plant engineer", "anonymous"), ("A plant engineer", "anonymous"), ("Marek Velt", "person")]


@pytest.mark.parametrize("text, name", [
    # the only person named before is the one met: "he" stays unresolved rather than take the wrong name
    ("The pay talks collapsed on Wednesday. After meeting Ortega on Tuesday, he said the deal was off.", "he"),
    ("The depot workers walked out. Having spoken to Ortega by phone, he told reporters the strike would go on.", "he"),
    # a person named before the adjunct is still found
    ("The union is led by Paul Grant. Having spoken to Mr Ortega, he told reporters the strike would go on.",
     "Paul Grant"),
])
def test_a_pronoun_is_not_a_name_in_an_adjunct_it_is_the_understood_subject_of(nlp, text, name):
    assert sources(nlp, text) == [(name, "person")]


def test_a_name_in_a_finite_adjunct_may_still_be_the_pronoun(nlp):
    """ "Before Ortega arrived, he said": the clause has its own subject, and English lets it be "he"."""
    assert sources(nlp, "The pay talks collapsed. Before Ortega left the room, he said the deal was off.") == [
        ("Ortega", "person")]


@pytest.mark.parametrize("text, name", [
    ("Mr Cole said the board had his full support.", "Cole"),  # the recogniser takes "Cole" for a product
    ("Ms Kline would not confirm the figures.", "Kline"),  # and "Ms Kline" for an organisation
])
def test_a_name_after_an_honorific_is_a_person(nlp, text, name):
    assert sources(nlp, text) == [(name, "person")]


def test_it_that_declines_or_denies_is_the_body_described_before(nlp):
    """Only an actor declines or denies: "It" here is the firm, described and not named, that spoke before."""
    found = sources(nlp, "The building firm said in a statement that it had acted within the law. "
                         "It declined to answer questions about the payments. It denied that any bribe was paid.")
    assert found == [("The building firm", "document")] * 3


@pytest.mark.parametrize("text, name", [
    ("The rail operator, Northway, said it had not been told of any failed tests.", "Northway"),
    ("The building firm, Abbott & Lane, said it had acted within the law.", "Abbott & Lane"),
])
def test_a_description_named_by_its_apposition_is_the_named_body(nlp, text, name):
    assert sources(nlp, text) == [(name, "organisation")]


def test_they_points_back_to_unnamed_speakers_in_the_plural_nearby(nlp):
    assert sources(nlp, "Doctors said the ward was full. They said more nurses were needed.") == [
        ("Doctors", "anonymous"), ("Doctors", "anonymous")]
    # not across a stretch of narration that names others
    found = sources(nlp, "Doctors said the ward was full. The minister arrived at noon. Nurses were tired. "
                         "Later they said more staff were needed.")
    assert found[1] == ("they", "generic")


@pytest.mark.parametrize("text, outlet", [
    ("The minister told BBC Radio 4 that she had never seen the memo.", "BBC Radio 4"),
    ("The minister told Channel 4 News that she had never seen the memo.", "Channel 4 News"),
])
def test_a_numeral_inside_an_outlets_name_stays_in_it(nlp, text, outlet):
    assert [a.via for a in find_attributions(nlp(text))] == [[outlet]]


@pytest.mark.parametrize("second, outlet", [
    ("The agency said it could not confirm how deep the crack was.", True),  # points back at the outlet
    # a body of its own kind, named by its noun modifiers
    ("The national dam safety agency said it could not confirm how deep the crack was.", False),
    ("The crack was 30 centimetres deep, according to the operator's website.", False),  # its owner's, not the outlet
])
def test_a_description_points_back_at_an_outlet_only_when_it_says_no_more_than_its_kind(nlp, second, outlet):
    found = sources(nlp, f"The Valmora Times reported on Tuesday that the crack was deep. {second}")
    assert found[0] == ("Valmora Times", "media") and ("Valmora Times" in found[-1][0]) == outlet


def test_a_name_in_apposition_to_a_body_of_business_is_that_body_and_no_he_or_she(nlp):
    # the small model takes "Baltline" for a person's name; "the operator" says what it is
    found = sources(nlp, "The vessel carried about 120 passengers, according to the operator, Baltline. "
                         "A passenger told local radio that the ferry had been listing. "
                         "\u201cThe crew kept telling us everything was fine,\u201d she said.")
    assert found[0] == ("Baltline", "organisation") and ("Baltline", "person") not in found
    assert sources(nlp, "The owner, John Smith, said the shop was closed.") == [("John Smith", "person")]


@pytest.mark.parametrize("text, name", [
    # a body of business named by its kind is the body that spoke just before
    ("Baltline denied the report. \u201cWe do not recognise these figures,\u201d the company said in a statement.",
     "Baltline"),
    # not one whose own words name another kind of body
    ("The Interior Ministry said the crack was deep. The company said it was shallow.", "The company"),
])
def test_the_company_is_the_body_that_spoke_just_before(nlp, text, name):
    assert sources(nlp, text)[-1][0] == name


@pytest.mark.parametrize("text, name", [
    # the wire lede: the body its own sentence names, though it has not spoken yet
    ("Thieves took 40 laptops from a warehouse of Brightwater Logistics, the company said on Friday.",
     "Brightwater Logistics"),
    # its trade before the noun ("the ferry operator") says no more than its kind
    ("Sailings were cancelled by Seaway Lines on Monday, which the ferry operator said was caused by a strike.",
     "Seaway Lines"),
    # a body whose spokesman spoke is the one "the company" means paragraphs later
    ("A Brightwater Logistics spokesman said the warehouse had been locked. Police said the alarm failed. "
     "The mayor said residents were worried. The company said the alarm had worked.", "Brightwater Logistics"),
    # one named in an earlier sentence that never spoke is not guessed
    ("Brightwater Logistics runs the warehouse. Police said the alarm failed. The company said it had worked.",
     "The company"),
    # a union is no company, and "the union" is no company that spoke before it
    ("Brightwater Logistics said the alarm had worked. The Dock Workers' Union said it had not. The company said "
     "the union was wrong.", "Brightwater Logistics"),
    ("Brightwater Logistics said the alarm had worked. Wages were cut last year, according to the union.",
     "union"),
])
def test_the_company_is_a_body_of_business_named_in_its_sentence_or_that_spoke_before(nlp, text, name):
    assert sources(nlp, text)[-1][0] == name


def test_a_spokesperson_for_a_body_described_speaks_for_the_body_that_description_stands_for(nlp):
    found = sources(nlp, "Brightwater Logistics said on Monday that 40 laptops were stolen. A spokeswoman for the "
                         "company said on Tuesday that the number was 35.")
    assert found[-1] == ("Brightwater Logistics", "organisation")


@pytest.mark.parametrize("second, name", [
    ("A bank spokesman said the claims were false.", "Harrowgate Bank"),
    ("The bank's spokeswoman said no card numbers were taken.", "Harrowgate Bank"),
    ("A ministry spokesman said the figures were wrong.", "A ministry spokesman"),  # no ministry was named
    ("A company spokesman said the claims were false.", "Harrowgate Bank"),  # the company "the company" would be
    ("A union spokesman said the claims were true.", "A union spokesman"),  # a bank is no union
])
def test_a_spokesperson_described_by_a_bodys_kind_speaks_for_the_body_of_that_kind_named_before(nlp, second, name):
    first = "Harrowgate Bank said hackers had copied the records of its customers."
    assert sources(nlp, f"{first} {second}")[1][0] == name


@pytest.mark.parametrize("text, name", [
    ("The port authority said the crane had passed an inspection. The authority later denied that workers had "
     "complained.", "The port authority"),
    ("The fire brigade said the blaze was under control. It said no one was hurt.", "The fire brigade"),
])
def test_an_authority_or_brigade_described_is_a_body_its_description_and_it_point_back_to(nlp, text, name):
    # the ledger makes one actor of a described body ("port authority", "fire brigade") as of "the fire service"
    assert sources(nlp, text) == [(name, "document")] * 2


@pytest.mark.parametrize("text", [
    "Dam breach\n\nVideo posted online showed water pouring over the spillway on Sunday.",
    "Footage Claimed To Show Hundreds Of Workers leaving the dam.\n\nVideo posted online showed water pouring over it.",
])
def test_a_document_noun_capitalised_by_its_place_is_no_organisation(nlp, text):
    # after a headline the tagger takes a sentence-initial "Video" for a name: it is what the words say
    found = sources(nlp, text)
    assert found and all(kind == "document" for _, kind in found)


def test_a_named_body_with_a_document_noun_in_its_name_is_still_a_body(nlp):
    assert [kind for _, kind in sources(nlp, "The Police Service of Lakeland said the march was peaceful.")] == [
        "organisation"]


def test_an_outlet_revealing_after_a_comma_is_the_speaker_not_the_object_the_parser_took_for_it(nlp):
    # the parser makes "Saka" the subject of "reveal" and "the Daily Star" its apposition, leaving "for" objectless
    found, _ = find_attributions(nlp("Real Madrid have lodged an £85million bid for Arsenal winger Bukayo Saka, "
                                     "the Daily Star can reveal.\nA source close to the club said the offer was "
                                     "submitted on Saturday."))
    assert (found.source.text, found.source.kind) == ("the Daily Star", "media")
    assert found.content == "Real Madrid have lodged an £85million bid for Arsenal winger Bukayo Saka"


@pytest.mark.parametrize("noun", ["tabloid", "broadsheet"])
def test_a_kind_of_paper_points_back_at_the_outlet_named_before(nlp, noun):
    found = sources(nlp, "Real Madrid have made an offer for the winger, according to the Daily Star. "
                         f"The {noun} claims the Spanish giants submitted the bid on Saturday.")
    assert found == [("Daily Star", "media"), ("Daily Star", "media")]


def test_an_unnamed_speaker_named_again_by_the_same_noun_is_the_one_who_spoke(nlp):
    found = sources(nlp, "A spokeswoman for the National Audit Office said the contract was awarded without a "
                         "tender. The spokeswoman added that the office would publish its findings in March. A senior "
                         "official at the ministry said the process was lawful. The official said no rules were "
                         "broken. The junior official said nothing more.")
    assert [name for name, _ in found] == [
        "A spokeswoman for the National Audit Office", "A spokeswoman for the National Audit Office",
        "A senior official at the ministry", "A senior official at the ministry", "The junior official"]


@pytest.mark.parametrize("text, expected", [
    ("The Environment Agency said it had opened an investigation.", ("Environment Agency", "organisation")),
    ("The European Space Agency said the launch would go ahead.", ("European Space Agency", "organisation")),
    ("Yonhap News Agency said the launch would go ahead.", ("Yonhap News Agency", "media")),
])
def test_an_agency_is_an_outlet_only_when_its_name_says_news(nlp, text, expected):
    assert sources(nlp, text) == [expected]


@pytest.mark.parametrize("text, expected", [
    ("The Finance Workers' Union said it would fight every compulsory redundancy.", "Finance Workers' Union"),
    ("The Junior Doctors' Committee said it would strike.", "Junior Doctors' Committee"),
    ("Russia's Defence Ministry said the drills were over.", "Defence Ministry"),
])
def test_a_plural_possessive_inside_a_bodys_name_is_part_of_it(nlp, text, expected):
    assert [name for name, _ in sources(nlp, text)] == [expected]


@pytest.mark.parametrize("text, name", [
    ("Carmaker Norvik said on Monday it would replace the brake hoses. Norvik said no crash had been reported.",
     "Norvik"),
    ("Insurer Calvora Group said storm claims had doubled. Calvora Group said it would pay them all.",
     "Calvora Group"),
])
def test_a_description_opening_the_sentence_is_not_part_of_the_name_given_alone_later(nlp, text, name):
    assert [n for n, _ in sources(nlp, text)] == [name, name]


@pytest.mark.parametrize("text, name", [
    ("Bill Clinton said the plan would work. Clinton spoke in Ohio later.", "Bill Clinton"),
    ("Carmaker Norvik said on Monday it would replace the brake hoses.", "Carmaker Norvik"),
])
def test_a_first_name_or_a_description_never_given_apart_stays_in_the_name(nlp, text, name):
    assert sources(nlp, text)[0][0] == name


@pytest.mark.parametrize("text, name", [
    ("Ravi Sen said the files were fake.", "Ravi Sen"),
    ("Prime Minister Hun Sen said the vote was free.", "Hun Sen"),
    ("Attorney General Ravi Sen said the case was closed.", "Ravi Sen"),
    ("Ravi Sen, the finance minister, said prices rose.", "Ravi Sen"),
    # a title before the name is no part of it
    ("Sen. Ted Cruz said the bill would fail.", "Ted Cruz"),
    ("Lt Gen Kyrylo Budanov said the line held.", "Kyrylo Budanov"),
    ("NATO Secretary General Mark Rutte said the alliance was united.", "Mark Rutte"),
    ("Chief Fire Officer Graham Oduya said the fire was out.", "Graham Oduya"),
])
def test_a_title_word_after_a_name_is_its_surname_and_one_before_it_a_title(nlp, text, name):
    assert sources(nlp, text) == [(name, "person")]


def test_a_surname_that_is_a_title_word_points_back_to_the_full_name(nlp):
    found = sources(nlp, "Ravi Sen said the files were fake. Sen said they had been forged.")
    assert found == [("Ravi Sen", "person")] * 2


@pytest.mark.parametrize("text, title", [
    ("The Chief Fire Officer said the fire was out.", "Chief Fire Officer"),
    ("The Attorney General said the case was closed.", "Attorney General"),
    ("The Secretary General said the talks would resume.", "Secretary General"),
    ("The Prime Minister said the talks would resume.", "Prime Minister"),
])
def test_a_title_alone_stays_a_title(nlp, text, title):
    assert [name for name, _ in sources(nlp, text)] == [title]
