"""The cases of the golden-output test, shared by ``tests/test_golden.py`` and ``scripts/make_golden.py``."""

from __future__ import annotations

import hashlib
import io
import json
import random
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
SHARED = ROOT.parent / "shared" / "data"
REAL_COUNT = 50


def sample_cases() -> list[tuple[str, str, str | None]]:
    """(name, text, publication date) for each of our own sample texts."""
    samples = ROOT / "samples"
    clean = (samples / "article.clean.txt").read_text(encoding="utf-8")
    damaged = (samples / "article.damaged.txt").read_text(encoding="utf-8")
    cases = [("article.clean", clean, None), ("article.damaged", damaged, None)]
    for line in (samples / "feed.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        cases.append((row["id"], row["text"], row.get("date")))
    return cases


def long_text() -> str:
    """Longer than one chunk (20,000 characters): the streamed writer's chunked path."""
    samples = ROOT / "samples"
    clean = (samples / "article.clean.txt").read_text(encoding="utf-8")
    damaged = (samples / "article.damaged.txt").read_text(encoding="utf-8")
    return "\n\n".join([clean, damaged] * 9)


def real_articles() -> list[Any] | None:
    """50 BBC articles (held out from every training and tuning step), or None without ``../shared``."""
    if not SHARED.is_dir():
        return None
    from khabar_dev.corpora import iter_ant

    archive = SHARED / "news" / "ant-multisource-v2.1-alarabiya-bbc-skynews.tar.gz"
    articles = [a for a in iter_ant(archive) if a.outlet == "bbc" and a.text.strip()]
    articles.sort(key=lambda a: a.id)
    random.Random(2026).shuffle(articles)
    return articles[:REAL_COUNT]


def _rounded(value: Any) -> Any:
    """Floats to 6 decimals, so another machine's last-bit differences do not count as a change."""
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def analysis(text: str, published: str | None) -> dict[str, Any]:
    """The parsed JSON that ``khabar analyze --json`` writes for ``text``, floats rounded."""
    from khabar.analyze import write_json

    out = io.StringIO()
    write_json(text, out, published=published)
    return _rounded(json.loads(out.getvalue()))


def analysis_json(text: str, published: str | None) -> str:
    return json.dumps(analysis(text, published), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def digest(text: str, published: str | None) -> str:
    return hashlib.sha256(analysis_json(text, published).encode("utf-8")).hexdigest()
