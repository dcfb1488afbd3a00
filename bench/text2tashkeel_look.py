"""A measured look at text2tashkeel's hamza restoration beside khabar's (issue 15).

text2tashkeel (PyPI) is an int8 ONNX Arabic diacritizer whose rawi models are said to
also restore the hamza (a bare ``ا`` typed for ``أ``). Its letters, once the diacritics
are stripped, are therefore a hamza repair, and this script scores that repair beside
``khabar.repair(text, only=["hamza"])`` on the development set only (Al-Watan, via
``repair_bench.held_out("dev", N)``; the held-out ``bbc`` and ``snn`` sets are never read).

For each article: damage hamzas only (``corrupt.corrupt`` with a profile that has just
``hamza``; ``full`` loses every أ/إ/آ and half the ؤ/ئ, ``partial`` a share of them), run
both tools on the damaged text, and compare word by word (whitespace words; hamza damage
keeps every word boundary) with the clean text:

- *damaged words*: words whose damaged form differs from the clean one (the hamza sites);
- *fixed*: damaged words the tool turns back into the clean form (recall);
- *changed* / *right changes*: words the tool changes, and those it changes to the clean
  form (precision); F1 from both;
- *harm*: words that were not damaged and that the tool changes (``harm_source`` of them:
  the tool makes the same change on the untouched article, so the outlet's own spelling
  is in question rather than the damage);
- an article whose output has a different number of words than its input counts as a
  failure: all its damaged words as missed, and it is left out of the other counts.

Both tools are also run on the untouched articles, counting the words each changes, and
timed on the same texts in the same run (words/s; the ratio is the comparison to quote).
text2tashkeel runs in its own virtualenv (``--python``) through this file's ``--worker``
mode, which imports nothing but text2tashkeel; its model-load time is reported apart.
It is called once per sentence (its docs: one sentence per call).

    python3 -m venv /tmp/t2t-venv && /tmp/t2t-venv/bin/pip install text2tashkeel
    python bench/text2tashkeel_look.py --articles 200 --python /tmp/t2t-venv/bin/python

Writes bench/results/text2tashkeel-look.json. Without text2tashkeel in ``--python`` it
says so and exits without results.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "text2tashkeel-look.json"
#: the diacritics stripped from text2tashkeel's output (fathatan to sukun, superscript alef)
DIACRITICS = {chr(c) for c in range(0x064B, 0x0653)} | {"\u0670"}
#: the hamza letters and their bare carriers: a hamza repair changes nothing else
HAMZA_FAMILY = set("ءآأؤإئاوىيٱ")
#: a text is cut into sentences after these marks (and at line breaks)
SENTENCE_END = re.compile(r"(\n+|(?<=[.!?؟؛])[ \t]+)")
#: damage profiles: hamza only, at every site or at a share of them
PROFILES = {"full": 1.0, "partial": 0.5}
#: a clean-text change pair is listed in the results only if seen this often (common words, not article text)
PAIR_MIN = 3


def hamza_only(before: str, after: str) -> bool:
    """Whether ``after`` differs from ``before`` only in hamza letters and their bare carriers."""
    return len(before) == len(after) and all(a == b or (a in HAMZA_FAMILY and b in HAMZA_FAMILY)
                                             for a, b in zip(before, after))


def strip_diacritics(text: str) -> str:
    return "".join(c for c in text if c not in DIACRITICS)


def take_letters(source: str, output: str) -> str | None:
    """``source`` with its letters replaced by those of ``output`` (text2tashkeel's diacritized ``source``).

    Diacritics are stripped from both sides, so the source keeps its own marks (an outlet's shadda or
    tanween) and gets none of the model's; only the letters (where the hamzas are) come from the model.
    None when the two do not have the same number of letters (the model dropped or merged a character).
    """
    letters = strip_diacritics(output)
    if len(letters) != sum(c not in DIACRITICS for c in source):
        return None
    taken = iter(letters)
    return "".join(c if c in DIACRITICS else next(taken) for c in source)


def sentences(text: str) -> list[str]:
    """``text`` cut into sentences and the separators between them; joined, they give ``text`` back."""
    return [piece for piece in SENTENCE_END.split(text) if piece]


# --- worker: runs in text2tashkeel's virtualenv, imports nothing of khabar -------------------------


def worker(model: str, source: Path, target: Path) -> int:
    """Diacritize every text of the JSONL ``source`` into ``target``; timings go to stdout as JSON."""
    started = time.perf_counter()
    try:
        import text2tashkeel
    except ImportError as error:
        print(f"text2tashkeel is not importable by {sys.executable}: {error}", file=sys.stderr)
        return 3
    import onnxruntime

    diacritizer = text2tashkeel.Diacritizer(model)
    diacritizer("تحميل النموذج")  # builds the onnxruntime session
    load = time.perf_counter() - started
    records = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
    outputs, seconds, calls = [], 0.0, 0
    for record in records:
        pieces = []
        for piece in sentences(record["text"]):
            if piece.strip():
                began = time.perf_counter()
                pieces.append(diacritizer(piece))
                seconds += time.perf_counter() - began
                calls += 1
            else:
                pieces.append(piece)
        outputs.append({"id": record["id"], "text": "".join(pieces)})
    with target.open("w", encoding="utf-8") as handle:
        for output in outputs:
            handle.write(json.dumps(output, ensure_ascii=False) + "\n")
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"version": text2tashkeel.__version__, "onnxruntime": onnxruntime.__version__,
                      "load_s": load, "seconds": seconds, "calls": calls, "peak_rss_mb": round(peak)}))
    return 0


# --- driver: runs in khabar's environment -----------------------------------------------------------


def run_text2tashkeel(python: str, model: str, texts: dict[str, str], threads: int) -> tuple[dict[str, str], dict]:
    """Run the worker with ``python`` over ``texts``; return its letters (see :func:`take_letters`) and timings.

    A text whose letters drift is given as the model's output stripped of diacritics, and listed in
    ``letter_drift``.
    """
    with tempfile.TemporaryDirectory(prefix="t2t-look-") as folder:
        source, target = Path(folder) / "in.jsonl", Path(folder) / "out.jsonl"
        with source.open("w", encoding="utf-8") as handle:
            for key, text in texts.items():
                handle.write(json.dumps({"id": key, "text": text}, ensure_ascii=False) + "\n")
        env = {**os.environ, "TT_ORT_THREADS": str(threads)}
        done = subprocess.run([python, "-I", str(Path(__file__).resolve()), "--worker", model, str(source),
                               str(target)], env=env, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"text2tashkeel worker failed ({done.returncode}): {done.stderr.strip()[-1500:]}")
        stats = json.loads(done.stdout.strip().splitlines()[-1])
        raw = {}
        for line in target.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            raw[record["id"]] = record["text"]
    letters = {key: take_letters(texts[key], text) for key, text in raw.items()}
    stats["letter_drift"] = sorted(key for key, text in letters.items() if text is None)
    return {key: text if text is not None else strip_diacritics(raw[key]) for key, text in letters.items()}, stats


def probe(python: str) -> str | None:
    """text2tashkeel's version in ``python``, or None when it cannot be imported there."""
    try:
        done = subprocess.run([python, "-I", "-c", "import text2tashkeel; print(text2tashkeel.__version__)"],
                              capture_output=True, text=True, check=False)
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def run_khabar(texts: dict[str, str]) -> tuple[dict[str, str], float]:
    from khabar import repair

    repair("تحميل", only=["hamza"])  # loads the resources
    best, outputs = float("inf"), {}
    for _ in range(3):
        began = time.perf_counter()
        outputs = {key: repair(text, only=["hamza"]).text for key, text in texts.items()}
        best = min(best, time.perf_counter() - began)
    return outputs, best


def tally_words(clean: str, damaged: str, output: str, clean_output: str, tally: Counter[str]) -> None:
    """Add one article's word-level counts to ``tally`` (see the module docstring)."""
    c, d, o, u = clean.split(), damaged.split(), output.split(), clean_output.split()
    tally["articles"] += 1
    if len(o) != len(d) or len(c) != len(d):
        tally["word_count_drift"] += 1
        missed = sum(a != b for a, b in zip(c, d)) if len(c) == len(d) else len(d)
        tally["damaged"] += missed
        tally["damaged_in_drift"] += missed
        return
    same_on_clean = len(u) == len(c)
    for i, (ci, di, oi) in enumerate(zip(c, d, o)):
        tally["words"] += 1
        tally["damaged"] += ci != di
        if oi == di:
            continue
        tally["changed"] += 1
        tally["right"] += oi == ci
        tally["not_hamza_change"] += not hamza_only(di, oi)
        if ci != di:
            tally["fixed"] += oi == ci
        elif oi != ci:
            tally["harm"] += 1
            tally["harm_source"] += same_on_clean and u[i] == oi
    tally["char_drift"] += len(output) != len(damaged)


def prf(tally: Counter[str]) -> dict[str, float | int]:
    changed, right, damaged, fixed = tally["changed"], tally["right"], tally["damaged"], tally["fixed"]
    undamaged = tally["words"] - (damaged - tally["damaged_in_drift"])
    precision = right / changed if changed else float("nan")
    recall = fixed / damaged if damaged else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if changed and damaged and precision + recall else float("nan")
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), **tally,
            "harm_per_1000_undamaged": round(1000 * tally["harm"] / max(1, undamaged), 2)}


def clean_changes(texts: dict[str, str], outputs: dict[str, str]) -> tuple[dict[str, Any], Counter[tuple[str, str]]]:
    words = changed = drift = 0
    pairs: Counter[tuple[str, str]] = Counter()
    for key, text in texts.items():
        before, after = text.split(), outputs[key].split()
        words += len(before)
        if len(before) != len(after):
            drift += 1
            continue
        for a, b in zip(before, after):
            if a != b:
                changed += 1
                pairs[(a, b)] += 1
    return {"words": words, "changed": changed, "per_1000": round(1000 * changed / words, 2),
            "word_count_drift": drift}, pairs


def beyond(clean: dict[str, str], damaged: dict[str, str], khabar: dict[str, str],
           other: dict[str, str]) -> dict[str, Any]:
    """The words ``other`` changes and khabar leaves as they are: how many are right, and the commonest of those.

    What text2tashkeel would add as a second opinion after khabar (articles whose word count drifts are skipped).
    """
    tally: Counter[str] = Counter()
    fixed: Counter[tuple[str, str]] = Counter()
    for key in clean:
        words = clean[key].split(), damaged[key].split(), khabar[key].split(), other[key].split()
        if len({len(w) for w in words}) != 1:
            continue
        for c, d, k, o in zip(*words):
            if o != d and k == d:
                tally["changed"] += 1
                tally["right"] += o == c
                tally["undamaged"] += c == d
                if o == c:
                    fixed[(d, c)] += 1
    return {**tally, "precision": round(tally["right"] / max(1, tally["changed"]), 4),
            "frequent_fixes": frequent(fixed)}


def frequent(pairs: Counter[tuple[str, str]]) -> list[list[str | int]]:
    return [[a, b, n] for (a, b), n in pairs.most_common(25) if n >= PAIR_MIN]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--python", default=sys.executable, help="a python that can import text2tashkeel")
    parser.add_argument("--models", default="rawi-ensemble,rawi-v2-int8", help="text2tashkeel models, comma-separated")
    parser.add_argument("--ort-threads", type=int, default=1, help="onnxruntime threads (khabar uses one)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--worker", nargs=3, metavar=("MODEL", "IN", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        model, source, target = args.worker
        return worker(model, Path(source), Path(target))

    version = probe(args.python)
    if version is None:
        print(f"skipped: text2tashkeel cannot be imported by {args.python}. Install it in its own virtualenv\n"
              "  python3 -m venv /tmp/t2t-venv && /tmp/t2t-venv/bin/pip install text2tashkeel\n"
              "and pass --python /tmp/t2t-venv/bin/python", file=sys.stderr)
        return 0

    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from corrupt import corrupt
    from repair_bench import held_out

    articles = held_out("dev", args.articles)  # development set only
    clean = {article.id: article.text for article in articles}
    words = sum(len(text.split()) for text in clean.values())
    models = [m for m in args.models.split(",") if m]
    results: dict[str, Any] = {
        "set": "dev (Al-Watan, SaudiNewsNet)", "articles": len(articles), "words": words, "seed": args.seed,
        "text2tashkeel": version, "ort_threads": args.ort_threads, "profiles": PROFILES, "runs": {},
    }

    khabar_clean, khabar_clean_s = run_khabar(clean)
    t2t_clean: dict[str, tuple[dict[str, str], dict]] = {m: run_text2tashkeel(args.python, m, clean, args.ort_threads)
                                                         for m in models}
    summary, pairs = clean_changes(clean, khabar_clean)
    results["clean"] = {"khabar": {**summary, "words_per_s": round(words / khabar_clean_s),
                                   "frequent_changes": frequent(pairs)}}
    for model, (outputs, stats) in t2t_clean.items():
        summary, pairs = clean_changes(clean, outputs)
        results["clean"][f"text2tashkeel:{model}"] = {
            **summary, "words_per_s": round(words / stats["seconds"]), "load_s": round(stats["load_s"], 2),
            "letter_drift_articles": len(stats["letter_drift"]), "peak_rss_mb": stats["peak_rss_mb"],
            "sentence_calls": stats["calls"],
            "onnxruntime": stats["onnxruntime"],
            "frequent_changes": frequent(pairs)}

    for name, rate in PROFILES.items():
        rng = random.Random(args.seed)
        damaged = {key: corrupt(text, rng, {"hamza": rate}).text for key, text in clean.items()}
        run: dict[str, Any] = {}
        khabar_out, seconds = run_khabar(damaged)
        tally: Counter[str] = Counter()
        for key in clean:
            tally_words(clean[key], damaged[key], khabar_out[key], khabar_clean[key], tally)
        run["khabar"] = {**prf(tally), "words_per_s": round(words / seconds)}
        for model in models:
            outputs, stats = run_text2tashkeel(args.python, model, damaged, args.ort_threads)
            tally = Counter()
            for key in clean:
                tally_words(clean[key], damaged[key], outputs[key], t2t_clean[model][0][key], tally)
            run[f"text2tashkeel:{model}"] = {**prf(tally), "words_per_s": round(words / stats["seconds"]),
                                             "letter_drift_articles": len(stats["letter_drift"])}
            run[f"text2tashkeel:{model}"]["khabar_speed_ratio"] = round(
                run["khabar"]["words_per_s"] / run[f"text2tashkeel:{model}"]["words_per_s"], 1)
            run[f"text2tashkeel:{model}"]["beyond_khabar"] = beyond(clean, damaged, khabar_out, outputs)
        results["runs"][name] = run
        print(name, json.dumps(run, ensure_ascii=False), flush=True)

    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
