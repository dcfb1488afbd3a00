"""The one reader of publication dates, for every surface: the ``published`` argument of the Python API, the
CLI's ``--date``, the HTTP API and the dates of batch records.

>>> parse_date("Sun, 15 Jul 2018 21:56:56 +0400"), parse_date("01/07/2016"), parse_date("2015-07-21 02:51")
(datetime.date(2018, 7, 15), datetime.date(2016, 7, 1), datetime.date(2015, 7, 21))
>>> parse_date("2018-02-30") is None, parse_date("أمس") is None, parse_date("01/07/2016", strict=True) is None
(True, True, True)
>>> publication_date("2018-07-15T21:56:56+04:00"), publication_date(None)
('2018-07-15', None)
"""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

__all__ = ["parse_date", "publication_date"]

_ISO_PREFIX = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def parse_date(value: object, *, strict: bool = False) -> date | None:
    """A date from a ``date``/``datetime`` or a string: ISO 8601 (``2018-07-15``, ``2018-07-15T08:31:00+01:00``)
    and, unless ``strict``, day/month/year (``01/07/2016``) and RSS/e-mail style (``Sun, 15 Jul 2018 21:56:56
    +0400``); None for anything else, including impossible dates."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        if match := _ISO_PREFIX.match(value):
            return date(int(match[1]), int(match[2]), int(match[3]))
        if strict:
            return None
        if match := _DAY_MONTH_YEAR.fullmatch(value.strip()):
            return date(int(match[3]), int(match[2]), int(match[1]))
        return parsedate_to_datetime(value.strip()).date()
    except (ValueError, TypeError, IndexError, OverflowError):
        return None


def publication_date(value: str | date | None) -> str | None:
    """A publication date given by a user, as an ISO string (None or ``""`` stay None); anything but an ISO
    date is a ``ValueError`` that says so (day/month order is ambiguous in user input), a non-string a
    ``TypeError``."""
    if value is None or value == "":
        return None
    if not isinstance(value, (str, date)):
        raise TypeError(f"the publication date must be a str or a date, not {type(value).__name__}")
    day = parse_date(value, strict=True)
    if day is None:
        raise ValueError(f"the publication date must be an ISO date (YYYY-MM-DD), not {value!r}")
    return day.isoformat()
