import gzip

import pytest

from khabar.repair.resources import FILES, ResourceError, load_resources


def test_shipped_resources_load() -> None:
    resources = load_resources()
    assert len(resources.words) > 100_000
    assert resources.spellings("الي")[0][0] == "إلى"
    assert resources.has_pair("وزارة", "الخارجية")
    assert not resources.has_pair("الخارجية", "وزارة")
    assert resources.comma_weights  # loaded lazily


def test_missing_resources_give_a_clear_error(tmp_path) -> None:
    with pytest.raises(ResourceError, match="missing or damaged"):
        load_resources(tmp_path)


def test_truncated_resource_gives_a_clear_error(tmp_path) -> None:
    for name in FILES:
        with gzip.open(tmp_path / name, "wb") as handle:
            handle.write(b"x\t1\n")
    data = (tmp_path / "words.tsv.gz").read_bytes()
    (tmp_path / "words.tsv.gz").write_bytes(data[: len(data) // 2])
    with pytest.raises(ResourceError):
        load_resources(tmp_path)


@pytest.mark.parametrize("row", [b"nowhere\tkey\t3\n", b"right\tkey\tmany\n"])
def test_damaged_context_classes_give_a_clear_error(tmp_path, row: bytes) -> None:
    import shutil

    from khabar.repair.resources import DATA_DIR

    for name in FILES:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    with gzip.open(tmp_path / "context_classes.tsv.gz", "wb") as handle:
        handle.write(row)
    with pytest.raises(ResourceError, match="context_classes"):
        load_resources(tmp_path)


def test_repair_works_without_the_optional_context_classes(tmp_path) -> None:
    import shutil

    from khabar.repair.resources import DATA_DIR

    for name in FILES:
        if name != "context_classes.tsv.gz":
            shutil.copy(DATA_DIR / name, tmp_path / name)
    resources = load_resources(tmp_path)
    assert "علي <unk-al-y>" not in resources.right


@pytest.mark.parametrize("row", [b"nowhere\tkey\t3\t4\n", b"end\tkey\tmany\t4\n", b"end\tkey\t3\n"])
def test_damaged_quote_ends_give_a_clear_error(tmp_path, row: bytes) -> None:
    from khabar.repair.resources import load_quote_ends

    with gzip.open(tmp_path / "quote_ends.tsv.gz", "wb") as handle:
        handle.write(row)
    with pytest.raises(ResourceError, match="quote_ends"):
        load_quote_ends(tmp_path)


def test_comma_openers_and_quote_ends_load() -> None:
    from khabar.repair.resources import load_comma_openers, load_quote_ends

    assert "من جهته" in load_comma_openers()
    ends = load_quote_ends()
    assert ends.chance("الذي") > 0.9 > ends.chance("السيطره")
    assert ends.name_chance("داعش") > 0.9 > 0.2 > ends.name_chance("نحن")


@pytest.mark.parametrize("content", [None, b"left\tkey\n", b"count\tword\tmany\n", b"nowhere\tkey\t3\n"])
def test_missing_or_damaged_realword_table_gives_a_clear_error(tmp_path, content: bytes | None) -> None:
    from khabar.repair.realword import load_realword

    path = tmp_path / "realword.tsv.gz"
    if content is not None:
        with gzip.open(path, "wb") as handle:
            handle.write(content)
    with pytest.raises(ResourceError, match="realword"):
        load_realword(path)


def test_shipped_realword_table_loads() -> None:
    from khabar.repair.realword import load_realword

    tables = load_realword()
    assert "العلم" in tables.candidates["العمل"]
    assert tables.left["رفع العلم"] >= 2


def test_a_missing_resource_names_the_script_that_builds_it(tmp_path) -> None:
    from khabar.repair.resources import load_comma_openers, load_quote_ends

    with pytest.raises(ResourceError, match=r"build_comma_openers\.py"):
        load_comma_openers(tmp_path)
    with pytest.raises(ResourceError, match=r"build_quote_ends\.py"):
        load_quote_ends(tmp_path)
