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


@pytest.mark.parametrize("text, name, kind", [
    ("Press TV said the talks had failed.", "Press TV", "media"),
    ("The Foreign Ministry said the talks had failed.", "Foreign Ministry", "organisation"),
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
