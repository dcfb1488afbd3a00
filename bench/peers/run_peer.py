"""Run one peer Arabic-text tool over a JSONL file and print a one-line JSON summary.

Meant to run inside that peer's own virtualenv (made by ``setup.sh``)::

    python run_peer.py PEER INPUT.jsonl OUTPUT.jsonl [--text-timeout SECONDS] [--repeat N]

Each input line is a JSON object with at least ``id`` and ``text``; each output line is
``{"id": ..., "text": <peer output>}``, in input order. A text the peer fails on (an exception,
a non-string result, or running past the per-text timeout) is written unchanged and counted in
``errors``. Only the standard library is imported at module level, so ``run_all.py`` can read
:data:`PIPELINES` with any interpreter.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # python -I leaves this folder out
import deadline as deadline_module

Normalizer = Callable[[str], str]

# What each peer's pipeline is, and why it is what a user would call to clean Arabic news text.
PIPELINES: dict[str, str] = {
    "camel-tools": (
        "normalize_unicode -> arclean CharMapper -> dediac_ar -> normalize_alef_maksura_ar -> normalize_alef_ar"
        " -> normalize_teh_marbuta_ar: CAMeL Tools' usual preprocessing recipe, data-free parts only"
    ),
    "pyarabic": (
        "araby.strip_tashkeel -> strip_tatweel -> normalize_ligature -> normalize_hamza (default 'uniform'):"
        " araby's cleaning helpers, called with their defaults"
    ),
    "aranorm": (
        "ArabicNormalizationPipeline(PipelineConfig(preset='standard')).process(text).normalized_text:"
        " the package's quick start (process() also runs its dialect identifier)"
    ),
    "ftfy": "ftfy.fix_text(text), default config: the one call ftfy exists for (mojibake, HTML entities, NFC)",
    "tashaphyne": (
        "tashaphyne.normalize.normalize_searchtext: its all-in-one normalizer"
        " (tashkeel, tatweel, lam-alef, hamza, teh marbuta -> heh, alef maksura -> yeh)"
    ),
}

# The distribution whose version is reported for each peer.
DISTRIBUTIONS: dict[str, str] = {
    "camel-tools": "camel-tools",
    "pyarabic": "pyarabic",
    "aranorm": "aranorm",
    "ftfy": "ftfy",
    "tashaphyne": "tashaphyne",
}


def _build_camel_tools() -> Normalizer:
    from camel_tools.utils.charmap import CharMapper
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (
        normalize_alef_ar,
        normalize_alef_maksura_ar,
        normalize_teh_marbuta_ar,
        normalize_unicode,
    )

    arclean = CharMapper.builtin_mapper("arclean")

    def normalize(text: str) -> str:
        text = arclean(normalize_unicode(text))
        text = dediac_ar(text)
        return str(normalize_teh_marbuta_ar(normalize_alef_ar(normalize_alef_maksura_ar(text))))

    return normalize


def _build_pyarabic() -> Normalizer:
    from pyarabic import araby

    def normalize(text: str) -> str:
        text = araby.strip_tatweel(araby.strip_tashkeel(text))
        return str(araby.normalize_hamza(araby.normalize_ligature(text)))

    return normalize


def _build_aranorm() -> Normalizer:
    from aranorm import ArabicNormalizationPipeline, PipelineConfig

    pipeline = ArabicNormalizationPipeline(PipelineConfig(preset="standard"))

    def normalize(text: str) -> str:
        return str(pipeline.process(text).normalized_text)

    return normalize


def _build_ftfy() -> Normalizer:
    import ftfy

    return ftfy.fix_text


def _build_tashaphyne() -> Normalizer:
    from tashaphyne.normalize import normalize_searchtext

    return normalize_searchtext


BUILDERS: dict[str, Callable[[], Normalizer]] = {
    "camel-tools": _build_camel_tools,
    "pyarabic": _build_pyarabic,
    "aranorm": _build_aranorm,
    "ftfy": _build_ftfy,
    "tashaphyne": _build_tashaphyne,
}


def read_jsonl(path: Path) -> tuple[list[dict[str, Any]], int]:
    """The JSON objects of ``path`` (blank lines skipped) and how many lines were not JSON objects."""
    records: list[dict[str, Any]] = []
    bad = 0
    with path.open("rb") as handle:
        for raw in handle:
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                bad += 1
                continue
            if isinstance(record, dict):
                records.append(record)
            else:
                bad += 1
    return records, bad


def _dump_line(record: dict[str, Any]) -> str:
    try:
        line = json.dumps(record, ensure_ascii=False)
        line.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: keep them as \ud8xx escapes
        line = json.dumps(record, ensure_ascii=True)
    return line


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


@dataclass
class Pass:
    """One pass of a normalizer over every text."""

    outputs: list[dict[str, Any]] = field(default_factory=list)
    seconds: float = 0.0
    errors: int = 0
    timeouts: int = 0
    first_error: str = ""

    def fail(self, message: str) -> None:
        self.errors += 1
        self.first_error = self.first_error or message[:300]


def process(records: list[dict[str, Any]], normalize: Normalizer, text_timeout: float = 0.0) -> Pass:
    """Normalize each record's text, timing the whole loop; a failed text is kept unchanged."""
    deadline_module.install()
    done = Pass()
    started = time.perf_counter()
    for record in records:
        text = record.get("text")
        result: Any = text
        if isinstance(text, str):
            try:
                with deadline_module.deadline(text_timeout):
                    result = normalize(text)
                if not isinstance(result, str):
                    raise TypeError(f"returned {type(result).__name__}, not str")
            except deadline_module.TextTimeout:
                done.timeouts += 1
                done.fail(f"{record.get('id')}: over {text_timeout:g}s")
                result = text
            except Exception as error:
                done.fail(f"{record.get('id')}: {type(error).__name__}: {error}")
                result = text
        else:
            done.fail(f"{record.get('id')}: text is {type(text).__name__}, not str")
        done.outputs.append({"id": record.get("id"), "text": result})
    done.seconds = time.perf_counter() - started
    return done


def run(peer: str, input_path: Path, output_path: Path, text_timeout: float = 0.0, repeat: int = 1) -> dict[str, Any]:
    """Run ``peer`` over ``input_path`` ``repeat`` times, write ``output_path``, and return the summary.

    ``seconds`` is the fastest pass (the first one also pays for warm-up such as lazy regex compiling);
    every pass is listed in ``pass_seconds``. The outputs and error counts are the last pass's.
    """
    records, bad_lines = read_jsonl(input_path)
    texts = [record["text"] for record in records if isinstance(record.get("text"), str)]
    words = sum(len(text.split()) for text in texts)
    chars = sum(len(text) for text in texts)

    started = time.perf_counter()
    normalize = BUILDERS[peer]()
    import_s = time.perf_counter() - started
    version = metadata.version(DISTRIBUTIONS[peer])

    passes = [process(records, normalize, text_timeout) for _ in range(max(1, repeat))]
    last = passes[-1]
    seconds = min(done.seconds for done in passes)

    output_path.parent.mkdir(parents=True, exist_ok=True)
    with output_path.open("w", encoding="utf-8") as handle:
        for output in last.outputs:
            handle.write(_dump_line(output) + "\n")

    return {
        "peer": peer,
        "version": version,
        "pipeline": PIPELINES[peer],
        "import_s": round(import_s, 4),
        "texts": len(records),
        "words": words,
        "chars": chars,
        "seconds": round(seconds, 4),
        "pass_seconds": [round(done.seconds, 4) for done in passes],
        "words_per_s": round(words / seconds, 1) if seconds > 0 else None,
        "max_rss_mb": round(_peak_rss_mb(), 1),
        "errors": last.errors,
        "timeouts": last.timeouts,
        "bad_lines": bad_lines,
        "first_error": last.first_error or None,
        "python": sys.version.split()[0],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("peer", choices=sorted(BUILDERS))
    parser.add_argument("input", type=Path, help="JSONL with one {id, text} object a line")
    parser.add_argument("output", type=Path, help="JSONL to write {id, text} lines to")
    parser.add_argument(
        "--text-timeout", type=float, default=0.0, help="seconds one text may take before it counts as an error"
    )
    parser.add_argument("--repeat", type=int, default=1, help="passes over the texts; the fastest is reported")
    args = parser.parse_args(argv)
    summary = run(args.peer, args.input, args.output, args.text_timeout, args.repeat)
    print(json.dumps(summary, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
