"""Run one peer Arabic *analysis* tool (tokens, segments, lemma, POS) over a JSONL file; print a JSON summary.

Meant to run inside that peer's own virtualenv (``bench/analyze_peers.py`` makes them and calls this)::

    python analyze_peer.py PEER INPUT.jsonl OUTPUT.jsonl [--repeat 3] [--pass-budget 120] [--text-timeout 120]
    python analyze_peer.py PEER INPUT.jsonl --first     # cold start: load, analyze the first text, print, exit

Each input line is a JSON object with at least ``id`` and ``text``. Each output line is
``{"id": ..., "tokens": [{"text": ..., "seg": [...], "lemma": ..., "pos": ..., ...}, ...]}`` in input
order, with only the fields the peer gives. The process is pinned to one CPU. Only the peer's own call is
timed, text by text (converting its result to that JSON and writing it are not); ``pass_seconds`` lists
every pass, and the first pass is the headline, since some peers memoize words they have seen (farasa).
Only the standard library is imported at module level, so any interpreter can read :data:`PEERS`.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))  # python -I leaves this folder out
import deadline as deadline_module

Token = dict[str, Any]


@dataclass(frozen=True)
class Analyzer:
    """A peer's timed call (text -> its own result) and the conversion of that result to token dicts."""

    call: Callable[[str], Any]
    convert: Callable[[Any], list[Token]]


# What is called for each peer, in the words of the summary and the table.
PEERS: dict[str, str] = {
    "qalsadi": (
        "qalsadi.lemmatizer.Lemmatizer(): analexer.check_text(text) -> analyze -> get_lemmas(return_pos=True)"
        " (what lemmatize_text(text, return_pos=True) does, keeping each node's word)"
    ),
    "farasa": "farasa.segmentation.segmentLine(text): tokens with '+' between clitic segments",
    "spacy": "spacy.blank('ar')(text): rule-based tokenizer; token.is_stop, token.like_num",
    "camel-tools": "camel_tools.tokenizers.word.simple_word_tokenize(text)",
    "tashaphyne": (
        "pyarabic.araby.tokenize(text), then ArabicLightStemmer.light_stem(token) with get_prefix/get_suffix/get_root"
    ),
    "pyarabic": "pyarabic.araby.tokenize(text)",
}

# Distributions whose versions are reported for each peer (the first is the peer's own).
DISTRIBUTIONS: dict[str, tuple[str, ...]] = {
    "qalsadi": ("qalsadi", "arramooz-pysqlite", "pyarabic"),
    "farasa": ("farasa",),
    "spacy": ("spacy",),
    "camel-tools": ("camel-tools",),
    "tashaphyne": ("tashaphyne", "pyarabic"),
    "pyarabic": ("pyarabic",),
}

# A made-up sentence (not from any corpus) whose analysis goes into the summary as an example.
SAMPLE = "وقال وزير الخارجية المصري إن الوفد سيزور بيروت يوم الأحد لبحث الأزمة."


def _plain_tokens(result: Any) -> list[Token]:
    return [{"text": str(token)} for token in result]


def _build_qalsadi() -> Analyzer:
    from qalsadi.lemmatizer import Lemmatizer

    lemmatizer = Lemmatizer()

    def call(text: str) -> list[tuple[str, Any]]:
        nodes = lemmatizer.analyze(lemmatizer.analexer.check_text(text))
        lemmas = lemmatizer.get_lemmas(nodes, return_pos=True)
        return [(node.word, lemma) for node, lemma in zip(nodes, lemmas)]

    def convert(result: list[tuple[str, Any]]) -> list[Token]:
        tokens = []
        for word, lemma in result:
            if isinstance(lemma, (tuple, list)) and len(lemma) == 2:
                tokens.append({"text": str(word), "lemma": str(lemma[0]), "pos": str(lemma[1])})
            else:
                tokens.append({"text": str(word), "lemma": str(lemma) if lemma else ""})
        return tokens

    return Analyzer(call, convert)


def _build_farasa() -> Analyzer:
    from farasa import segmentation

    def convert(result: list[str]) -> list[Token]:
        tokens = []
        for token in result:
            pieces = [piece for piece in str(token).split("+") if piece]
            tokens.append({"text": "".join(pieces) or str(token), "seg": pieces or [str(token)]})
        return tokens

    return Analyzer(segmentation.segmentLine, convert)


def _build_spacy() -> Analyzer:
    import spacy

    nlp = spacy.blank("ar")

    def convert(doc: Any) -> list[Token]:
        return [{"text": token.text, "stop": bool(token.is_stop), "num": bool(token.like_num)} for token in doc]

    return Analyzer(nlp, convert)


def _build_camel_tools() -> Analyzer:
    from camel_tools.tokenizers.word import simple_word_tokenize

    return Analyzer(simple_word_tokenize, _plain_tokens)


def _build_tashaphyne() -> Analyzer:
    from pyarabic import araby
    from tashaphyne.stemming import ArabicLightStemmer

    stemmer = ArabicLightStemmer()

    def call(text: str) -> list[tuple[str, str, str, str, str]]:
        out = []
        for token in araby.tokenize(text):
            stem = stemmer.light_stem(token)
            out.append((token, stemmer.get_prefix(), stem, stemmer.get_suffix(), stemmer.get_root()))
        return out

    def convert(result: list[tuple[str, str, str, str, str]]) -> list[Token]:
        tokens = []
        for token, prefix, stem, suffix, root in result:
            pieces = [piece for piece in (prefix, stem, suffix) if piece]
            tokens.append({"text": token, "seg": pieces or [token], "stem": stem, "root": root})
        return tokens

    return Analyzer(call, convert)


def _build_pyarabic() -> Analyzer:
    from pyarabic import araby

    return Analyzer(araby.tokenize, _plain_tokens)


BUILDERS: dict[str, Callable[[], Analyzer]] = {
    "qalsadi": _build_qalsadi,
    "farasa": _build_farasa,
    "spacy": _build_spacy,
    "camel-tools": _build_camel_tools,
    "tashaphyne": _build_tashaphyne,
    "pyarabic": _build_pyarabic,
}


def pin_one_cpu() -> int | None:
    """Pin this process to the lowest CPU it may use; that CPU, or None where affinity is not supported."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def ru_maxrss_mb() -> float:
    """``resource.getrusage`` peak RSS in MiB; on Linux it includes the parent's RSS when this process was spawned."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB on Linux


def peak_rss_mb() -> float:
    """This program's own peak resident set size so far, in MiB.

    Linux keeps ``ru_maxrss`` across ``execve``, so a peer started from a big process would report that
    process's size; ``VmHWM`` (the high-water mark of this address space) starts afresh at ``execve``.
    Elsewhere, :func:`ru_maxrss_mb`.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return ru_maxrss_mb()


def read_records(path: Path) -> list[dict[str, Any]]:
    """The JSON objects of ``path`` that have a string ``text`` (other lines are skipped)."""
    records = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            if isinstance(record, dict) and isinstance(record.get("text"), str):
                records.append(record)
    return records


def versions(peer: str) -> dict[str, str]:
    """Installed versions of the peer's distributions (missing ones left out)."""
    found = {}
    for name in DISTRIBUTIONS[peer]:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found


@dataclass
class Tally:
    """What the peer produced over one pass: counts only, never text."""

    units: int = 0
    segmented: bool = False
    split: int = 0
    with_lemma: int = 0
    lemma_differs: int = 0
    stop: int = 0
    pos: Counter[str] | None = None

    def add(self, tokens: list[Token]) -> None:
        """Count one text's tokens."""
        for token in tokens:
            self.units += 1
            if "seg" in token:
                self.segmented = True
                self.split += len(token["seg"]) > 1
            if token.get("lemma"):
                self.with_lemma += 1
                self.lemma_differs += token["lemma"] != token["text"]
            if token.get("stop"):
                self.stop += 1
            if "pos" in token:
                self.pos = self.pos if self.pos is not None else Counter()
                self.pos[token["pos"]] += 1

    def summary(self, words: int) -> dict[str, Any]:
        """Shares per output unit, and per input word for the unit count."""
        units = max(self.units, 1)
        out: dict[str, Any] = {"units": self.units, "units_per_word": round(self.units / max(words, 1), 4)}
        if self.segmented:
            out["split_share"] = round(self.split / units, 4)
        if self.with_lemma:
            out["lemma_share"] = round(self.with_lemma / units, 4)
            out["lemma_differs_share"] = round(self.lemma_differs / units, 4)
        if self.stop:
            out["stop_share"] = round(self.stop / units, 4)
        if self.pos is not None:
            out["pos_tags"] = dict(self.pos.most_common())
        return out


def first_result(peer: str, input_path: Path) -> dict[str, Any]:
    """Cold start: build the peer and analyze the first text; the in-process part of the time to first result."""
    cpu = pin_one_cpu()
    records = read_records(input_path)
    started = time.perf_counter()
    analyzer = BUILDERS[peer]()
    built = time.perf_counter()
    tokens = analyzer.convert(analyzer.call(records[0]["text"]))
    done = time.perf_counter()
    return {"peer": peer, "import_s": round(built - started, 4), "first_call_s": round(done - built, 4),
            "units": len(tokens), "cpu": cpu}


def run(peer: str, input_path: Path, output_path: Path, repeat: int = 3, pass_budget: float = 120.0,
        text_timeout: float = 120.0) -> dict[str, Any]:
    """Analyze every text, pass after pass; write the first pass's tokens and return the summary.

    A further pass starts only while the passes so far took under ``pass_budget`` seconds in all.
    """
    cpu = pin_one_cpu()
    records = read_records(input_path)
    words = sum(len(record["text"].split()) for record in records)
    started = time.perf_counter()
    analyzer = BUILDERS[peer]()
    import_s = time.perf_counter() - started
    example = analyzer.convert(analyzer.call(SAMPLE))  # also the warm-up call
    rss_loaded = peak_rss_mb()

    deadline_module.install()
    passes: list[float] = []
    errors: list[str] = []
    tally = Tally()
    output_path.parent.mkdir(parents=True, exist_ok=True)
    for index in range(max(1, repeat)):
        if index and sum(passes) >= pass_budget:
            break
        gc.collect()
        seconds = 0.0
        with output_path.open("w", encoding="utf-8") if index == 0 else open(os.devnull, "w") as handle:
            for record in records:
                result: Any = None
                call_started = time.perf_counter()
                try:
                    with deadline_module.deadline(text_timeout):
                        result = analyzer.call(record["text"])
                    seconds += time.perf_counter() - call_started
                except deadline_module.TextTimeout:
                    seconds += time.perf_counter() - call_started
                    if index == 0:
                        errors.append(f"{record.get('id')}: over {text_timeout:g}s")
                except Exception as error:
                    seconds += time.perf_counter() - call_started
                    if index == 0:
                        errors.append(f"{record.get('id')}: {type(error).__name__}")
                if index == 0:
                    tokens = analyzer.convert(result) if result is not None else []
                    tally.add(tokens)
                    handle.write(json.dumps({"id": record.get("id"), "tokens": tokens}, ensure_ascii=False) + "\n")
                del result
        passes.append(seconds)

    first = passes[0]
    return {
        "peer": peer,
        "versions": versions(peer),
        "call": PEERS[peer],
        "cpu": cpu,
        "texts": len(records),
        "words": words,
        "import_s": round(import_s, 4),
        "pass_seconds": [round(seconds, 4) for seconds in passes],
        "words_per_s": round(words / first, 1) if first > 0 else None,
        "best_words_per_s": round(words / min(passes), 1) if min(passes) > 0 else None,
        "rss_after_load_mb": round(rss_loaded, 1),
        "max_rss_mb": round(peak_rss_mb(), 1),
        "ru_maxrss_mb": round(ru_maxrss_mb(), 1),
        "errors": len(errors),
        "first_errors": errors[:5],
        **tally.summary(words),
        "example": {"input": SAMPLE, "tokens": example},
        "python": sys.version.split()[0],
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: the full run (summary on stdout) or, with ``--first``, the cold-start probe."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("peer", choices=sorted(BUILDERS))
    parser.add_argument("input", type=Path, help="JSONL with one {id, text} object a line")
    parser.add_argument("output", type=Path, nargs="?", help="JSONL to write {id, tokens} lines to")
    parser.add_argument("--first", action="store_true", help="analyze the first text only, print, exit")
    parser.add_argument("--repeat", type=int, default=3, help="most passes over the texts")
    parser.add_argument("--pass-budget", type=float, default=120.0, help="no further pass after this many seconds")
    parser.add_argument("--text-timeout", type=float, default=120.0, help="seconds one text may take (0: no limit)")
    args = parser.parse_args(argv)
    if args.first:
        summary = first_result(args.peer, args.input)
    elif args.output is None:
        parser.error("OUTPUT is needed unless --first")
    else:
        summary = run(args.peer, args.input, args.output, args.repeat, args.pass_budget, args.text_timeout)
    print(json.dumps(summary, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
