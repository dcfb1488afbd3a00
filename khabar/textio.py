"""Reading text files whose encoding nobody wrote down.

Arabic news files come as UTF-8 (with or without a byte-order mark), UTF-16
(Windows "Unicode") or Windows-1256 (legacy Arabic). :func:`decode_bytes`
tells them apart and refuses, with a clear message, what is none of these.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

_ARABIC_OR_COMMON = re.compile(r"[\u0600-\u06ff\s\d.,:;!?()\"'«»\-]")
MAX_BYTES = 200 * 1024 * 1024


class DecodeError(ValueError):
    """The bytes are not text in an encoding khabar reads."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode file contents; returns ``(text, encoding)``.

    >>> decode_bytes("سلام".encode("utf-8"))
    ('سلام', 'utf-8')
    >>> decode_bytes("سلام".encode("utf-16"))
    ('سلام', 'utf-16')
    >>> decode_bytes("سلام".encode("cp1256"))
    ('سلام', 'cp1256')
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8-sig", "utf-8 (with BOM)")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", "utf-16")
    if len(data) >= 4 and len(data) % 2 == 0:
        # UTF-16 without a byte-order mark: the high byte of ASCII or Arabic characters is 0x00 or 0x06
        high_little = sum(data[1::2].count(b) for b in (0, 6)) / (len(data) // 2)
        high_big = sum(data[0::2].count(b) for b in (0, 6)) / (len(data) // 2)
        if max(high_little, high_big) >= 0.7:
            return _strict(data, "utf-16-le" if high_little >= high_big else "utf-16-be", "utf-16")
    if b"\x00" in data and data.count(b"\x00") > max(2, len(data) // 1000):
        # a stray NUL or two in text (left by a scraper) is repaired as a control character; binary files
        # hold many
        raise DecodeError("this looks like a binary file, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError as error:
        raise DecodeError(f"not UTF-8, UTF-16 or Windows-1256 text ({error.reason} at byte {error.start})") from None
    sample = text[:20000]
    if sample and len(_ARABIC_OR_COMMON.findall(sample)) < 0.8 * len(sample):
        raise DecodeError("not UTF-8 or UTF-16, and as Windows-1256 it is not Arabic text")
    return text, "cp1256"


def _strict(data: bytes, codec: str, name: str) -> tuple[str, str]:
    try:
        return data.decode(codec), name
    except UnicodeDecodeError as error:
        raise DecodeError(f"broken {name} text ({error.reason} at byte {error.start})") from None


def read_text(path: str | Path) -> tuple[str, str]:
    """Read and decode a text file; ``-`` reads standard input."""
    import sys

    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        file = Path(path)
        if file.is_dir():
            raise DecodeError(f"{path} is a folder, not a file")
        try:
            with file.open("rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as error:
            raise DecodeError(f"cannot read {path}: {error.strerror or error}") from None
    if len(data) > MAX_BYTES:
        raise DecodeError(f"input is larger than {MAX_BYTES // (1024 * 1024)} MB")
    return decode_bytes(data)
