"""Write ``khabar/analysis.schema.json``, the published JSON Schema of one analysis, from
:class:`khabar.schema.Analysis` (``tests/test_schema.py`` checks it is current): ``python scripts/write_schema.py``."""

from khabar.schema import SCHEMA_FILE, _schema_text

if __name__ == "__main__":
    SCHEMA_FILE.write_text(_schema_text(), encoding="utf-8")
    print(SCHEMA_FILE)
