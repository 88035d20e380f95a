"""Where a person's name ends and a title begins, read from the words alone: no parse, so the ledger (which loads no
parser) shares it with the extractor."""
from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from functools import lru_cache
from importlib import resources

#: Words that open a compound rank before an abbreviated title ("Brig Gen", "Rear Adm", "Staff Sgt"), so the
#: abbreviation after them is no surname: English common knowledge.
RANK_MODIFIERS = frozenset({"brig", "brigadier", "rear", "staff", "master", "first", "second", "lance", "command"})


@lru_cache(maxsize=1)
def first_name_genders() -> dict[str, str]:
    """First name -> "m"/"f", learned from PolNeAR train by ``scripts/train_name_gender.py``; empty if not built."""
    try:
        raw = resources.files("claimledger.extract").joinpath("data/name_gender.json").read_text("utf-8")
    except FileNotFoundError:
        return {}
    return json.loads(raw)["names"]


def title_ends_name(before: Sequence[str], title: str, titles: Collection[str]) -> bool:
    """Whether a title word that ends a mention is the surname of the name whose words (``before``: capitalised,
    none of them a title, demonym or state) come right before it ("Ravi Sen", "Hun Sen", "John Major").

    A title stands before a name ("Sen. Ted Cruz", "Prime Minister Kim"), but a phrase that is only a title also
    opens with capitalised words that are no name ("Fire Officer", "Attorney General", "NATO Secretary General"),
    so only two cases count: a title abbreviation (its form with a period is a title too) written in title case
    without its period ("Sen", "Gen"): abbreviations are written before a name, never after one, and not after a
    word that opens a compound rank ("Brig Gen", "Rear Adm"); and a title of any kind after a known first name
    alone ("John Major", "Mary Bishop", "Jim Justice").
    """
    if not before or "." in title or not (title[:1].isupper() and title[1:].islower()):
        return False
    if f"{title.lower()}." in titles and before[-1].lower().rstrip(".") not in RANK_MODIFIERS:
        return True
    return len(before) == 1 and before[0].lower() in first_name_genders()
