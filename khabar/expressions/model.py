"""The results of the expression scanner: :class:`Expression` and :class:`NumberMention`."""

from __future__ import annotations

from dataclasses import dataclass

LABELS = ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY")


@dataclass(frozen=True, slots=True)
class Expression:
    """One recognized expression: ``text == source[start:end]``, ``label`` is one of :data:`LABELS`.

    ``value`` is a normalized form where it is cheap to compute: an ISO date (``2015-07-14``, ``2015-07``,
    ``2015``), ``"5000000 USD"`` for money, ``"3.5"`` for a percentage, ``"12 km"`` for a quantity, ``"15:30"``
    for a clock time; otherwise None.

    >>> from khabar.expressions import find_expressions, find_numbers
    >>> find_expressions("ربح 5 ملايين دولار")[0]
    Expression(start=4, end=18, label='MONEY', text='5 ملايين دولار', value='5000000 USD')
    """

    start: int
    end: int
    label: str
    text: str
    value: str | None = None


@dataclass(frozen=True, slots=True)
class NumberMention:
    """One number in the text, in digits (any script) or words, as :func:`find_numbers` reads it.

    ``start``/``end`` cover the number, its scale words (``3 ملايين``) and, for money and percentages, the
    currency or percent sign or word (``5 ملايين دولار``, ``3.5%``, ``20 في المئة``, ``$5``); a measure unit
    (``برميل``) is not part of it but is given by ``unit_start``/``unit_end`` (for money: the currency word).
    ``low``/``high`` are the value (equal for an exact number; a range for vague words: ``عشرات`` 20–99,
    ``آلاف`` 2000–9999, ``عشرات الآلاف`` 20000–99999, ``بضعة``/``عدة`` 3–9); ``scale`` the largest scale word
    (1, 1000, 10**6 …); ``label`` ``"MONEY"``, ``"PERCENT"``, ``"QUANTITY"`` or None; ``currency`` an ISO code
    when known; ``value`` the normalized value as :class:`Expression` gives it.

    >>> from khabar.expressions import find_numbers
    >>> find_numbers("وصل 3 آلاف لاجئ")[0]  # doctest: +NORMALIZE_WHITESPACE
    NumberMention(start=4, end=10, text='3 آلاف', low=3000, high=3000, vague=False, words=False, scale=1000,
                  label=None, currency=None, unit_start=None, unit_end=None, value=None)
    """

    start: int
    end: int
    text: str
    low: int | float | None
    high: int | float | None
    vague: bool = False
    words: bool = False
    scale: int = 1
    label: str | None = None
    currency: str | None = None
    unit_start: int | None = None
    unit_end: int | None = None
    value: str | None = None
