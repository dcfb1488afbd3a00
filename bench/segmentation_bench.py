"""Score clitic segmenters (UD/PADT convention) on held-out gold: PADT test and the last fifth of WikiNews.

A segmenter is a callable ``word -> list[str]`` giving UD segments (``للحظر`` → ``["ل", "الحظر"]``);
one may also offer ``segment_many(words) -> list[list[str]]`` for batching. Only words holding an Arabic
letter are scored. A word is right when its segment list equals the gold one exactly (*strict*) or after
folding alef-hamza forms, ى/ي and a host's final ة/ت/ه (*lenient*: spelling of the pieces aside).

Baselines: ``no-split`` and the pure-Python ``farasa`` 0.0.1 segmenter, run in its own virtualenv
(``/tmp/khabar-farasa-venv``, made here if missing) through ``bench/peers/run_farasa_segmenter.py``,
its output converted with :func:`training.convert_treebanks.farasa_to_ud`.

    python bench/segmentation_bench.py   # markdown table; JSON in bench/results/segmentation-baselines.json
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from khabar_dev.corpora import require_shared_data  # noqa: E402
from training.convert_treebanks import (  # noqa: E402
    ARABIC_LETTER,
    PADT_DIR,
    WIKINEWS_FILE,
    farasa_to_ud,
    read_padt,
    read_wikinews,
    wikinews_split,
)

Segmenter = Callable[[str], list[str]]
Gold = list[tuple[str, list[str]]]

FARASA_VENV = Path("/tmp/khabar-farasa-venv")
FARASA_RUNNER = ROOT / "bench" / "peers" / "run_farasa_segmenter.py"
RESULTS = ROOT / "bench" / "results" / "segmentation-baselines.json"
_ALEFS = re.compile("[أإآٱ]")


def padt_gold(data: Path) -> Gold:
    """(written token, UD segments) for every Arabic token of PADT test that PADT analyzed (XPOS not ``U``)."""
    sentences = read_padt(data / PADT_DIR / "ar-ud-test.conllu")
    return [(t.text, t.forms) for s in sentences for t in s.tokens if t.analyzed and ARABIC_LETTER.search(t.text)]


def wikinews_gold(data: Path) -> Gold:
    """(written word, UD segments) for every Arabic word of the held-out WikiNews part."""
    _, test = wikinews_split(read_wikinews(data / WIKINEWS_FILE))
    return [(w.text, w.ud) for s in test for w in s if ARABIC_LETTER.search(w.text)]


def fold(segments: Sequence[str]) -> list[str]:
    """Lenient form of a segmentation: alef forms → ا, ى → ي, a non-final segment's ة/ه → ت."""
    folded = [_ALEFS.sub("ا", s).replace("ى", "ي") for s in segments]
    return [s[:-1] + "ت" if i < len(folded) - 1 and s[-1:] in {"ة", "ه"} and len(s) > 1 else s
            for i, s in enumerate(folded)]


def score(predicted: Sequence[Sequence[str]], gold: Gold) -> dict[str, float]:
    """Strict and lenient word accuracy of predictions aligned with the gold words."""
    strict = sum(list(p) == g for p, (_, g) in zip(predicted, gold))
    lenient = sum(fold(p) == fold(g) for p, (_, g) in zip(predicted, gold))
    n = max(1, len(gold))
    return {"words": len(gold), "accuracy": strict / n, "lenient_accuracy": lenient / n}


def run_segmenter(segmenter: Segmenter, words: Sequence[str]) -> tuple[list[list[str]], float]:
    """Segment all words (batched when the segmenter offers it); return the segments and seconds spent."""
    many = getattr(segmenter, "segment_many", None)
    start = time.perf_counter()
    out = many(words) if many else [segmenter(w) for w in words]
    elapsed = getattr(segmenter, "last_seconds", None) or time.perf_counter() - start
    return out, elapsed


def no_split(word: str) -> list[str]:
    """Baseline: every word is one segment."""
    return [word]


@dataclass
class FarasaSegmenter:
    """``farasa`` 0.0.1 through a subprocess in its own venv; output converted to UD segments."""

    python: Path = FARASA_VENV / "bin" / "python"
    last_seconds: float | None = None

    def __call__(self, word: str) -> list[str]:
        """Segment one word (starts a process: use :meth:`segment_many` for many words)."""
        return self.segment_many([word])[0]

    def segment_many(self, words: Sequence[str]) -> list[list[str]]:
        """Segment many words in one subprocess; records the in-process segmentation time."""
        result = subprocess.run(
            [str(self.python), str(FARASA_RUNNER)], input="\n".join(words) + "\n",
            capture_output=True, text=True, check=True,
        )
        lines = result.stdout.splitlines()
        self.last_seconds = json.loads(lines[-1])["seconds"]
        raw = [json.loads(line) for line in lines[:-1]]
        if len(raw) != len(words):
            raise RuntimeError(f"farasa runner returned {len(raw)} lines for {len(words)} words")
        return [farasa_to_ud(pieces) for pieces in raw]


def ensure_farasa_venv(python: Path = FARASA_VENV / "bin" / "python") -> bool:
    """Make the farasa virtualenv if it is missing; True when it can be used."""
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(python.parents[1])], check=False)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "farasa==0.0.1"], check=False)
    probe = subprocess.run([str(python), "-c", "from farasa import segmentation"], capture_output=True)
    return probe.returncode == 0


def evaluate(name: str, segmenter: Segmenter, golds: dict[str, Gold]) -> dict[str, object]:
    """Score one segmenter on every gold set; words/s over all words together."""
    row: dict[str, object] = {"segmenter": name}
    total_words, total_seconds = 0, 0.0
    for set_name, gold in golds.items():
        predicted, seconds = run_segmenter(segmenter, [w for w, _ in gold])
        row[set_name] = score(predicted, gold)
        total_words, total_seconds = total_words + len(gold), total_seconds + seconds
    row["words_per_second"] = total_words / total_seconds if total_seconds else float("inf")
    return row


def markdown(rows: Sequence[dict[str, object]]) -> str:
    """The results as a markdown table (strict accuracy, lenient in brackets)."""
    lines = ["| segmenter | PADT test word acc. | WikiNews test word acc. | words/s |", "|---|---|---|---|"]
    for row in rows:
        cells = [f"{row[k]['accuracy']:.4f} ({row[k]['lenient_accuracy']:.4f})" for k in ("padt_test", "wikinews_test")]
        lines.append(f"| {row['segmenter']} | {cells[0]} | {cells[1]} | {row['words_per_second']:,.0f} |")
    return "\n".join(lines)


def write_results(path: Path, golds: dict[str, Gold], rows: Sequence[dict]) -> None:  # type: ignore[type-arg]
    """Write the gold sizes and the scored rows as JSON."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"gold": {k: {"words": len(v)} for k, v in golds.items()}, "results": list(rows)}
    path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the baselines, print the table, write the JSON."""
    parser = argparse.ArgumentParser(description="clitic segmentation baselines")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--no-farasa", action="store_true", help="skip the farasa baseline")
    args = parser.parse_args(argv)
    data = require_shared_data()
    golds = {"padt_test": padt_gold(data), "wikinews_test": wikinews_gold(data)}
    rows = [evaluate("no-split", no_split, golds)]
    if not args.no_farasa and ensure_farasa_venv():
        rows.append(evaluate("farasa 0.0.1 (pure Python) → UD", FarasaSegmenter(), golds))
    print(markdown(rows))
    print("(strict accuracy, lenient in brackets; farasa words/s excludes process start-up)")
    write_results(args.out, golds, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
