import codecs

import pytest

from khabar.textio import DecodeError, decode_bytes, read_text

TEXT = "قال الوزير «لن نتراجع»، وأضاف: 100٪."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8 (with BOM)"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16"),
        (TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.replace("٪", "%").encode("cp1256"), "cp1256"),
    ],
)
def test_encodings_are_detected(data: bytes, encoding: str) -> None:
    text, found = decode_bytes(data)
    assert found == encoding
    assert text.replace("%", "٪") == TEXT


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 4,  # binary
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "Ελληνικά κείμενα εδώ".encode("cp1253"),  # not UTF-8, and not Arabic as cp1256
    ],
)
def test_undecodable_input_is_refused_clearly(data: bytes) -> None:
    with pytest.raises(DecodeError):
        decode_bytes(data)


def test_empty_file_is_empty_text(tmp_path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert read_text(path) == ("", "utf-8")


def test_missing_file_and_folder_are_clear_errors(tmp_path) -> None:
    with pytest.raises(DecodeError, match="cannot read"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(DecodeError, match="folder"):
        read_text(tmp_path)


def test_a_stray_nul_in_utf8_text_is_text_not_binary() -> None:
    # issue 16: an Arabic UTF-8 file with one NUL was refused as binary; repair removes the NUL
    text, encoding = decode_bytes("abc\x00 قال الوزير إن الوضع جيد\n".encode())
    assert encoding == "utf-8" and "\x00" in text
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(b"\x00\x01\x02" * 400)
