"""Golden output: ``khabar analyze --json`` gives exactly the pinned JSON (floats to 6 decimals).

The pins are written by ``python scripts/make_golden.py``; rerun it only for an intended change, and name
each change in the commit. ``to_dict`` (the Python API) must give the same JSON as the streamed writer.
"""

from __future__ import annotations

import json

import pytest
from golden_cases import GOLDEN, _rounded, analysis, digest, long_text, real_articles, sample_cases

from khabar.analyze import analyze, to_dict

CASES = sample_cases()


@pytest.mark.parametrize(("name", "text", "published"), CASES, ids=[c[0] for c in CASES])
def test_sample_json_is_unchanged(name: str, text: str, published: str | None) -> None:
    pinned = json.loads((GOLDEN / "samples" / f"{name}.json").read_text(encoding="utf-8"))
    streamed = analysis(text, published)
    for key in pinned.keys() | streamed.keys():
        assert streamed.get(key) == pinned.get(key), f"{name}: {key!r} differs from the golden file"
    assert _rounded(json.loads(json.dumps(to_dict(analyze(text, published=published))))) == streamed


def test_long_text_json_is_unchanged() -> None:
    assert digest(long_text(), None) == (GOLDEN / "long_digest.txt").read_text(encoding="utf-8").strip()


def test_real_articles_json_is_unchanged(shared_data) -> None:
    articles = real_articles()
    assert articles is not None
    pinned = dict(line.split("\t") for line in (GOLDEN / "real_digests.tsv").read_text(encoding="utf-8").split("\n")
                  if line)
    assert [a.id for a in articles] == list(pinned)
    changed = [a.id for a in articles if digest(a.text, None) != pinned[a.id]]
    assert not changed, f"{len(changed)} of {len(articles)} real analyses changed: {changed[:5]}"
