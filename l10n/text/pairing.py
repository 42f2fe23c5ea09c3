"""Which quantity of a translation is which quantity of its source, however written.

Shared by the numbers check (:mod:`l10n.checks.numbers`) and the reviewer's highlights
(:mod:`l10n.text.highlights`), so both pair numbers alike. Rules:

1. Two quantities are the same when their values (both ends of a range) are equal and their
   units agree: the same unit, or one side without a unit when neither is a dose or a
   measurement (``64 bits`` -> ``64 位``).
2. A time is the same on a 12- and a 24-hour clock, and ``16 h`` in French is 16:00.
"""

from __future__ import annotations

from decimal import Decimal

from l10n.text.quantities import Quantity


def same_quantity(source: Quantity, translated: Quantity) -> bool:
    """Whether a quantity of a source and one of its translation are the same, however written."""
    if source.unit == "time" or translated.unit == "time":
        return bool(_times(source) & _times(translated))
    return source.low == translated.low and source.high == translated.high and units_agree(source, translated)


def units_agree(source: Quantity, translated: Quantity) -> bool:
    """The same unit, or one side without the other's unit when that is no dose or measurement (rule 3)."""
    if source.unit == translated.unit:
        return True
    if source.unit and translated.unit:
        return False
    return not (source.strict or translated.strict)


def _times(quantity: Quantity) -> set[Decimal | str]:
    """The times of day a quantity may be, in minutes: ``16 h`` in French is 16:00."""
    if quantity.unit == "time":
        return {quantity.low, quantity.high}
    if quantity.unit == "duration-hour" and not quantity.is_range and isinstance(quantity.low, Decimal):
        return {quantity.low * 60}
    return set()
