"""Rule-based recognizer of dates, times, money, percentages and quantities in Arabic news text.

Approach
--------
The text is cut once, by one compiled regular expression, into *tokens*: Arabic words, numbers (Western,
Arabic-Indic and Persian digits, with ``.``/``٫``/``,`` decimals and ``,``/``٬`` thousands), numeric dates
(``14/7/2015``, ``2015-07-14``), clock times (``10:30``), Latin words, URLs, hashtags, punctuation marks and
runs of other symbols. Every alternative of that expression is anchored and bounded, so tokenizing (one
``findall`` and one cheap pass over its pieces) is linear in the text.
Numbers glued to Latin letters, sitting inside URLs/hashtags/paths, after ``+`` or in runs of three or more
digit groups (phone numbers) are *blocked*: they never take part in an expression.

Arabic words are compared in a normalized form (no diacritics or tatweel, ``أإآ`` → ``ا``, ``ى`` → ``ي``,
``ة`` → ``ه``). The first word of an expression may carry a proclitic (``و ف ب ل ك`` and ``لل``); the
expression then starts after it, so in ``والخميس`` the DATE is ``الخميس``.

At every token that can start an expression (a number, a currency or percent sign, or a word from a small
trigger list) a handful of hand-written matchers try to read a DATE, TIME, MONEY, PERCENT or QUANTITY,
each looking ahead a bounded number of tokens; numbers written in words (``خمسة وعشرين``, ``ثلاثة مليارات``,
``5 ملايين و300 ألف``) are read by a small grammar with strictly decreasing scales. Finally the candidates are
chosen longest first (ties: TIME, MONEY, PERCENT, QUANTITY, DATE), never overlapping, and returned in text
order. Ambiguous words need context: ``صفر`` (zero), ``رجب`` (a name) and ``محرم`` are months only beside a
day number or a year, ``مارس`` (also "he practised") and ``آب`` (also "father") only beside a day, a year, a
paired month name or words like ``في``/``شهر``; ``عام`` needs a year; ``اليوم`` followed by an adjective
(``اليوم العالمي``) is not a date.

    >>> [(e.label, e.text, e.value) for e in find_expressions("ارتفع النفط 3.5% إلى 1.5 مليون برميل يوميا أمس")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('PERCENT', '3.5%', '3.5'), ('QUANTITY', '1.5 مليون برميل يوميا', '1500000 bbl/d'), ('DATE', 'أمس', None)]
"""

from __future__ import annotations

from contextlib import suppress

from khabar.expressions.model import (
    LABELS,
    Expression,
    NumberMention,
)
from khabar.expressions.scanner import _Scanner

__all__ = ["LABELS", "Expression", "NumberMention", "find_expressions", "find_numbers"]

#: the token lists of the last few texts: the pipeline's expression stage and :func:`find_numbers` (facts, run
#: after the pipeline on the same text) share one tokenization
_RECENT: dict[str, _Scanner] = {}
_RECENT_SIZE = 40  # a pipeline batch (32 texts) and some
_RECENT_MAX_CHARS = 20_000  # the analysis chunk size: longer texts are not kept


def _scanner(text: str) -> _Scanner:
    found = _RECENT.get(text)
    if found is not None:
        return found
    found = _Scanner(text)
    if len(text) <= _RECENT_MAX_CHARS:
        if len(_RECENT) >= _RECENT_SIZE:
            with suppress(KeyError, StopIteration, RuntimeError):  # another thread got there first
                del _RECENT[next(iter(_RECENT))]
        _RECENT[text] = found
    return found




def find_numbers(text: str) -> list[NumberMention]:
    """Every number in ``text``, in digits (Western, Arabic-Indic, Persian) or in words, with its value.

    Unlike :func:`find_expressions` this reports numbers whatever follows them, including years and days;
    deciding which numbers count something is up to the caller (:mod:`khabar.facts`). Numbers glued to
    Latin letters, inside URLs, hashtags or phone numbers, and numbers with a leading zero are left out.
    Linear in the length of ``text``; any string works.

    >>> [(m.text, m.low, m.high, m.label) for m in find_numbers("قتل ١٢ شخصا وأصيب عشرات الآلاف بنسبة 3.5%")]
    [('١٢', 12, 12, None), ('عشرات الآلاف', 20000, 99999, None), ('3.5%', 3.5, 3.5, 'PERCENT')]
    >>> [(m.text, m.low, m.currency) for m in find_numbers("تبرع بخمسة وعشرين ألف دولار لنحو بضعة أطفال")]
    [('خمسة وعشرين ألف دولار', 25000, 'USD'), ('بضعة', 3, None)]
    >>> find_numbers("")
    []
    """
    if not text:
        return []
    return _scanner(text).numbers()


def find_expressions(text: str) -> list[Expression]:
    """Dates, times, money, percentages and quantities in ``text``: sorted, non-overlapping, longest first.

    Works on any string; linear in its length.

    >>> for e in find_expressions("وقع الاتفاق والخميس 14 يوليو 2015 بقيمة 5 ملايين دولار"):
    ...     print(e.label, e.start, e.end, e.text, e.value)
    DATE 13 33 الخميس 14 يوليو 2015 2015-07-14
    MONEY 40 54 5 ملايين دولار 5000000 USD
    >>> [(e.label, e.text, e.value) for e in find_expressions("الساعة الثالثة عصرا بتوقيت غرينتش")]
    [('TIME', 'الساعة الثالثة عصرا بتوقيت غرينتش', '15:00')]
    >>> [(e.label, e.value) for e in find_expressions("نما الاقتصاد ٣٫٥ في المئة في شهر رمضان")]
    [('PERCENT', '3.5')]
    >>> find_expressions("")
    []
    """
    if not text:
        return []
    return _scanner(text).scan()
