"""The harms a count can count, as the ledger reads them from the words around a figure."""
from __future__ import annotations

import pytest

from claimledger.ledger.propositions import harm_of


@pytest.mark.parametrize("clause, harm", [
    (("", " residents had left their homes by Sunday"), "displaced"),
    (("", " families fled their homes as the water rose"), "displaced"),
    (("the town housed", " evacuees in two sports halls"), "displaced"),
    (("officials ordered the evacuation of", " people from the valley"), "displaced"),
    (("", " people were evacuated"), "displaced"),
    (("", " people were killed"), "killed"),
    (("", " homes were left without power"), None),
])
def test_phrases_of_leaving_home_count_the_displaced(clause, harm):
    assert harm_of(clause) == harm


@pytest.mark.parametrize("clause, harm", [
    (("", " passengers were taken to hospital with smoke inhalation"), "injured"),
    (("only", " miners needed hospital treatment"), "injured"),
    (("", " children were treated for burns at the scene"), "injured"),
    (("", " nurses staffed the hospital overnight"), None),
])
def test_phrases_of_hospital_treatment_count_the_injured(clause, harm):
    assert harm_of(clause) == harm
