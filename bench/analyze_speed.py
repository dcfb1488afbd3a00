"""Speed, memory and cold start of the whole analysis pipeline (repair included) on real news.

- cold start: a fresh interpreter times ``import khabar`` + ``khabar.analyze("…")`` of one short sentence
  (median of 3): everything a user waits for before the first result;
- throughput: words (whitespace-separated) per second over held-out BBC Arabic articles (ANT, the same
  selection as the repair benchmark), one process, BLAS threads 1: the pipeline up to names and links with
  the later stages left out (a first pass, the per-word caches of the segmenter, repair and CRF features
  empty; a second pass, caches warm; a warm pass without repair), the whole analysis with every stage and
  ``to_dict`` (what ``--json`` and the API give), each component's share of the pipeline's time, and a warm
  pass through ``khabar.analyze.pipe`` (batches of 32 articles);
- peak resident memory of that process; and one 10 MB text through ``write_json`` (chunked), its time
  and peak memory, in a separate process;
- with ``--baseline REV``: the same articles analyzed whole (``to_dict(khabar.analyze(text))``) by the code
  and models of commit ``REV`` (checked out into a temporary git worktree) and by this checkout, each in a
  fresh process one after the other (first and second pass, peak memory, cold start), so a change is
  compared with the previous release on the same machine in the same run.

    python bench/analyze_speed.py --articles 300      # JSON in bench/results/analyze-speed.json
    python bench/analyze_speed.py --articles 1000 --skip-big --baseline 1c15479
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from repair_bench import held_out  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "analyze-speed.json"
WORDS = re.compile(r"\S+")
COLD = ("import time; t = time.perf_counter(); import khabar; khabar.analyze('قال الوزير في بيروت إن الاتفاق تم.'); "
        "print(time.perf_counter() - t)")
BIG = """
import io, resource, sys, time
sys.path.insert(0, {root!r}); sys.path.insert(0, {bench!r})
from repair_bench import held_out
from khabar.analyze import write_json
texts, size = [], 0
for article in held_out("bbc", 10_000):
    texts.append(article.text); size += len(article.text.encode())
    if size > 10_000_000: break
text = "\\n\\n".join(texts)
t = time.perf_counter()
sink = open("/dev/null", "w", encoding="utf-8")
write_json(text, sink)
print(len(text.encode()), time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


PASSES = """
import json, re, resource, sys, time
texts = json.load(open({texts!r}, encoding="utf-8"))
import khabar
from khabar.analyze import to_dict
words = sum(len(re.findall(r"\\S+", t)) for t in texts)
to_dict(khabar.analyze("تحميل"))
rates = []
for _ in range(2):
    t = time.perf_counter()
    for text in texts:
        to_dict(khabar.analyze(text))  # the whole analysis, as --json and the API give it
    rates.append(words / (time.perf_counter() - t))
print(json.dumps({{"file": khabar.__file__, "words": words, "first": rates[0], "second": rates[1],
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def cold_start(runs: int = 3, tree: Path | None = None) -> float:
    """Median seconds from interpreter start to the first analysis (with ``tree``: of that tree's khabar)."""
    times = [float(subprocess.run(_python(tree) + ["-c", COLD], capture_output=True, text=True, check=True,
                                  cwd=tree or ROOT, env=_env(tree)).stdout.split()[-1]) for _ in range(runs)]
    return statistics.median(times)


def _python(tree: Path | None) -> list[str]:
    """The interpreter; for a given tree without ``site`` (an editable install's import hook would win)."""
    return [sys.executable] if tree is None else [sys.executable, "-S"]


def _env(tree: Path | None) -> dict[str, str] | None:
    """For a given tree, the path that makes ``import khabar`` take that tree's package, then site-packages."""
    if tree is None:
        return None
    import sysconfig

    paths = dict.fromkeys([str(tree), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def compare_with(revision: str, articles: int) -> dict[str, object]:
    """First/second-pass words per second, peak memory and cold start of ``revision`` and of this checkout."""
    import tempfile

    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        texts = Path(tmp) / "texts.json"
        texts.write_text(json.dumps([a.text for a in held_out("bbc", 10_000)[:articles]], ensure_ascii=False),
                         encoding="utf-8")
        tree = Path(tmp) / "baseline"
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), revision], cwd=ROOT, check=True,
                       capture_output=True)
        try:
            for name, where in ((f"baseline {revision}", tree), ("this checkout", ROOT)):
                code = PASSES.format(texts=str(texts))
                run = subprocess.run(_python(where) + ["-c", code], capture_output=True, text=True, cwd=where,
                                     env=_env(where))
                if run.returncode:
                    raise RuntimeError(f"{name} failed:\n{run.stderr[-3000:]}")
                result = json.loads(run.stdout)
                if not result["file"].startswith(str(where)):
                    raise RuntimeError(f"{name}: imported khabar from {result['file']}, not from {where}")
                out[name] = {"words": result["words"], "words_per_second_first_pass": round(result["first"]),
                             "words_per_second_second_pass": round(result["second"]),
                             "peak_rss_mb": round(result["rss"]), "cold_start_seconds": round(cold_start(3, where), 2)}
                print(name, out[name], flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, capture_output=True)
    base, this = out[f"baseline {revision}"], out["this checkout"]
    out["ratio_first_pass"] = round(this["words_per_second_first_pass"] / base["words_per_second_first_pass"], 3)  # type: ignore[index]
    out["ratio_second_pass"] = round(this["words_per_second_second_pass"] / base["words_per_second_second_pass"], 3)  # type: ignore[index]
    return out


def main() -> None:
    """Measure and write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--skip-big", action="store_true", help="skip the 10 MB run")
    parser.add_argument("--baseline", metavar="REV", help="also time commit REV beside this checkout")
    args = parser.parse_args()
    baseline = compare_with(args.baseline, args.articles) if args.baseline else None
    cold = cold_start()
    import khabar

    sample = held_out("bbc", 10_000)[: args.articles]
    words = sum(len(WORDS.findall(a.text)) for a in sample)
    from khabar.analyze import STAGES, load, to_dict

    khabar.analyze("تحميل")
    rates: dict[str, float] = {}
    names_only = {"disable": list(STAGES)}
    passes = (("names only (no stages), with repair, first pass (caches cold)", names_only),
              ("names only (no stages), with repair, second pass (caches warm)", names_only),
              ("names only (no stages), without repair, caches warm", {**names_only, "repair": False}),
              ("whole analysis + to_dict, caches warm", None))
    for label, options in passes:
        started = time.perf_counter()
        for article in sample:
            if options is None:
                to_dict(khabar.analyze(article.text))
            else:
                khabar.analyze(article.text, **options)
        rates[label] = words / (time.perf_counter() - started)
    # the share of each component, run one by one over the same articles (caches warm)
    nlp = load()
    component_seconds = dict.fromkeys(nlp.pipe_names, 0.0)
    for article in sample:
        fixed = khabar.repair(article.text)
        doc = nlp.make_doc(fixed.text)
        doc._.original, doc._.repair = article.text, fixed
        for name, component in nlp.pipeline:
            started = time.perf_counter()
            doc = component(doc)
            component_seconds[name] += time.perf_counter() - started
    total = sum(component_seconds.values())
    added = {f"share of the pipeline: {name}": round(seconds / total, 3) for name, seconds in component_seconds.items()}
    started = time.perf_counter()
    for _ in khabar.analyze.pipe(a.text for a in sample):
        pass
    rates["with repair, khabar.analyze.pipe (batches of 32), caches warm"] = words / (time.perf_counter() - started)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report = {"articles": len(sample), "words": words, "cold_start_seconds": round(cold, 2),
              "words_per_second": {k: round(v) for k, v in rates.items()}, "component_share": added,
              "peak_rss_mb": round(peak)}
    if not args.skip_big:
        out = subprocess.run([sys.executable, "-c", BIG.format(root=str(ROOT), bench=str(ROOT / "bench"))],
                             capture_output=True, text=True, check=True, cwd=ROOT).stdout.split()
        report["big_text"] = {"bytes": int(out[0]), "seconds": round(float(out[1]), 1),
                              "peak_rss_mb": round(float(out[2]))}
    if baseline is not None:
        report["baseline"] = baseline
    report["commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                      cwd=ROOT).stdout.strip()
    report["date"] = time.strftime("%Y-%m-%d")
    print(json.dumps(report, indent=2))
    RESULTS.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
