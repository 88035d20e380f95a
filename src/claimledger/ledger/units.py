"""Units of measure: each unit's dimension and how many of another unit of it one is, from tables of pint's
answers (pint's registry is loaded only for a unit they do not hold), and the unit a dimension's measures are
compared in, so that "less than 500 kilograms" and "about 1.2 tonnes" are two values of one mass."""
from __future__ import annotations

import re
from functools import lru_cache

CURRENCY = re.compile(r"^[A-Z]{3}$")
#: Units that state a ratio or a duration, not an amount of the story's things.
NOT_AMOUNTS = ("times", "percent", "percentage_point")

#: pint's answers (pint 0.25) for the units :func:`~claimledger.extract.figures.normal_unit` writes for the
#: extractor's unit words and their plurals, so that a build whose measures are all in these tables neither
#: imports pint nor loads its unit registry (about 0.6 CPU s together): each unit's dimensionality, the words
#: pint does not know, and for two units of one dimension how many of the second one of the first is, as pint
#: computes it (its float rounding, not a ratio of two factors). tests/test_light_commands.py checks every entry
#: against pint and that they cover those words; any other unit is asked of pint.
_PINT_DIMENSIONS: dict[str, tuple[str, ...]] = {
    "[length]": ("centimeter", "foot", "inch", "kilometer", "meter", "mile", "millimeter", "point", "yard"),
    "[length] ** 2": ("acre", "hectare"),
    "[length] ** 3": ("barrel", "gallon", "liter"),
    "[length] / [time]": ("kilometer_per_hour", "knot", "mile_per_hour"),
    "[mass]": ("gram", "kilogram", "kiloton", "megaton", "metric_ton", "ounce", "picocarat", "pound", "ton"),
    "[mass] * [length] ** 2 / [time] ** 3": ("gigawatt", "megawatt"),
    "[time]": ("century", "day", "fortnight", "hour", "millisecond", "minute", "month", "second", "week", "year"),
    "dimensionless": ("decade", "degree"),
}
_PINT_UNKNOWN = frozenset({
    "caliber", "calibers", "calibre", "calibres", "cent", "cents", "cms", "eurs", "gbps", "gs", "gw", "gws",
    "hryvniass", "kgs", "kms", "krws", "kw", "kws", "mms", "mw", "mws", "nautical", "nauticals",
    "percentages", "rubs", "sq", "sqs", "square", "squares", "sterlings", "usds", "wons", "yens", "yuans",
})
_PINT_SCALES: dict[str, dict[str, float]] = {
    "centimeter": {
        "foot": 0.03280839895013123, "inch": 0.3937007874015748, "kilometer": 1e-05, "meter": 0.01,
        "mile": 6.213711922373339e-06, "millimeter": 10.0, "point": 28.346456692913385,
        "yard": 0.010936132983377079,
    },
    "foot": {
        "centimeter": 30.479999999999997, "inch": 12.0, "kilometer": 0.0003048, "meter": 0.30479999999999996,
        "mile": 0.00018939393939393937, "millimeter": 304.79999999999995, "point": 864.0,
        "yard": 0.3333333333333333,
    },
    "inch": {
        "centimeter": 2.54, "foot": 0.08333333333333333, "kilometer": 2.54e-05, "meter": 0.0254,
        "mile": 1.5782828282828283e-05, "millimeter": 25.4, "point": 72.0, "yard": 0.027777777777777776,
    },
    "kilometer": {
        "centimeter": 100000.0, "foot": 3280.8398950131236, "inch": 39370.07874015748, "meter": 1000.0,
        "mile": 0.621371192237334, "millimeter": 1000000.0, "point": 2834645.669291339, "yard": 1093.6132983377079,
    },
    "meter": {
        "centimeter": 100.0, "foot": 3.2808398950131235, "inch": 39.37007874015748, "kilometer": 0.001,
        "mile": 0.0006213711922373339, "millimeter": 1000.0, "point": 2834.645669291339,
        "yard": 1.0936132983377078,
    },
    "mile": {
        "centimeter": 160934.4, "foot": 5280.0, "inch": 63360.0, "kilometer": 1.609344, "meter": 1609.344,
        "millimeter": 1609344.0, "point": 4561920.0, "yard": 1760.0,
    },
    "millimeter": {
        "centimeter": 0.1, "foot": 0.0032808398950131233, "inch": 0.03937007874015749, "kilometer": 1e-06,
        "meter": 0.001, "mile": 6.21371192237334e-07, "point": 2.8346456692913393, "yard": 0.0010936132983377078,
    },
    "point": {
        "centimeter": 0.035277777777777776, "foot": 0.0011574074074074073, "inch": 0.013888888888888888,
        "kilometer": 3.527777777777778e-07, "meter": 0.00035277777777777776, "mile": 2.1920594837261502e-07,
        "millimeter": 0.35277777777777775, "yard": 0.00038580246913580245,
    },
    "yard": {
        "centimeter": 91.44, "foot": 3.0, "inch": 36.0, "kilometer": 0.0009144, "meter": 0.9144,
        "mile": 0.0005681818181818182, "millimeter": 914.4, "point": 2592.0,
    },
    "acre": {"hectare": 0.40468726098742513},
    "hectare": {"acre": 2.471043930466279},
    "barrel": {"gallon": 31.5, "liter": 119.24047119599997},
    "gallon": {"barrel": 0.031746031746031744, "liter": 3.785411783999999},
    "liter": {"barrel": 0.008386414360576144, "gallon": 0.26417205235814856},
    "kilometer_per_hour": {"knot": 0.5399568034557236, "mile_per_hour": 0.621371192237334},
    "knot": {"kilometer_per_hour": 1.852, "mile_per_hour": 1.1507794480235425},
    "mile_per_hour": {"kilometer_per_hour": 1.609344, "knot": 0.868976241900648},
    "gram": {
        "kilogram": 0.001, "kiloton": 1.102311310924388e-09, "megaton": 1.1023113109243879e-12,
        "metric_ton": 1e-06, "ounce": 0.035273961949580414, "picocarat": 5000000000000.0,
        "pound": 0.002204622621848776, "ton": 1.102311310924388e-06,
    },
    "kilogram": {
        "gram": 1000.0, "kiloton": 1.102311310924388e-06, "megaton": 1.102311310924388e-09, "metric_ton": 0.001,
        "ounce": 35.27396194958041, "picocarat": 5000000000000000.0, "pound": 2.2046226218487757,
        "ton": 0.001102311310924388,
    },
    "kiloton": {
        "gram": 907184740.0000001, "kilogram": 907184.7400000001, "megaton": 0.001,
        "metric_ton": 907.1847400000001, "ounce": 32000000.0, "picocarat": 4.535923700000001e+21,
        "pound": 2000000.0, "ton": 1000.0,
    },
    "megaton": {
        "gram": 907184740000.0001, "kilogram": 907184740.0000001, "kiloton": 1000.0,
        "metric_ton": 907184.7400000001, "ounce": 32000000000.0, "picocarat": 4.5359237000000007e+24,
        "pound": 2000000000.0, "ton": 1000000.0,
    },
    "metric_ton": {
        "gram": 1000000.0, "kilogram": 1000.0, "kiloton": 0.001102311310924388, "megaton": 1.102311310924388e-06,
        "ounce": 35273.96194958041, "picocarat": 5e+18, "pound": 2204.6226218487755, "ton": 1.1023113109243878,
    },
    "ounce": {
        "gram": 28.349523125000005, "kilogram": 0.028349523125000005, "kiloton": 3.125e-08, "megaton": 3.125e-11,
        "metric_ton": 2.8349523125000003e-05, "picocarat": 141747615625000.03, "pound": 0.0625, "ton": 3.125e-05,
    },
    "picocarat": {
        "gram": 2e-13, "kilogram": 2.0000000000000002e-16, "kiloton": 2.204622621848776e-22,
        "megaton": 2.2046226218487755e-25, "metric_ton": 2e-19, "ounce": 7.054792389916083e-15,
        "pound": 4.409245243697552e-16, "ton": 2.204622621848776e-19,
    },
    "pound": {
        "gram": 453.5923700000001, "kilogram": 0.4535923700000001, "kiloton": 5e-07, "megaton": 5e-10,
        "metric_ton": 0.00045359237000000004, "ounce": 16.0, "picocarat": 2267961850000000.5, "ton": 0.0005,
    },
    "ton": {
        "gram": 907184.7400000001, "kilogram": 907.1847400000001, "kiloton": 0.001, "megaton": 1e-06,
        "metric_ton": 0.90718474, "ounce": 32000.0, "picocarat": 4.5359237000000005e+18, "pound": 2000.0,
    },
    "gigawatt": {"megawatt": 1000.0},
    "megawatt": {"gigawatt": 0.001},
    "decade": {"degree": 572.9577951308233},
    "degree": {"decade": -1.758122632409172},
}
_KNOWN_DIMENSION = {unit: dimension for dimension, units in _PINT_DIMENSIONS.items() for unit in units}


@lru_cache(maxsize=1)
def _registry():
    import pint

    return pint.UnitRegistry()


@lru_cache(maxsize=256)
def dimension_of(unit: str) -> str | None:
    """pint's dimensionality of a normalised unit ('[length]'), None for a word pint does not know."""
    if unit in _PINT_UNKNOWN:
        return None
    known = _KNOWN_DIMENSION.get(unit)
    if known is not None:
        return known
    try:
        return str(_registry().Unit(unit).dimensionality)
    except (AttributeError, ValueError):  # pint's UndefinedUnitError is an AttributeError
        return None


@lru_cache(maxsize=256)
def scale(unit: str, into: str) -> float:
    """How many ``into`` one ``unit`` is (1 for a currency: currencies are never converted)."""
    if unit == into or CURRENCY.match(unit):
        return 1.0
    known = _PINT_SCALES.get(unit, {}).get(into)
    if known is not None:
        return known
    return float(_registry().Quantity(1, unit).to(into).magnitude)


#: The unit each dimension's measures are compared in (the SI unit where the tables hold it; durations are left
#: in their own unit: "two years" and "24 months" describe, and are not compared as amounts).
_COMMON_UNIT = {
    "[length]": "meter", "[length] ** 2": "hectare", "[length] ** 3": "liter",
    "[length] / [time]": "kilometer_per_hour", "[mass]": "kilogram", "[mass] * [length] ** 2 / [time] ** 3": "megawatt",
}


def in_common_unit(unit: str, *values: float) -> tuple[str, ...]:
    """``unit`` and ``values`` in the unit measures of its dimension are compared in ("metric_ton", 1.2 ->
    "kilogram", 1200.0); a unit the tables do not hold, a currency or a duration as given."""
    common = _COMMON_UNIT.get(_KNOWN_DIMENSION.get(unit, ""))
    if common is None or common == unit:
        return (unit, *values)
    factor = scale(unit, common)
    return (common, *(v * factor for v in values))
