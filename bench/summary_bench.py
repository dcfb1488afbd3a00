"""Summary and headline benchmark: ROUGE-1/2/L against the human-written abstracts of BBC Arabic (ANT v2.1).

Data: the BBC part of ``ant-multisource-v2.1-alarabiya-bbc-skynews.tar.gz`` (outlet ``bbc``); its ABSTRACT is
written by an editor, not copied from the lead. Articles are kept when the abstract is non-empty and differs
from the first sentence (token for token, after the ROUGE tokenizer below). They are split by a hash of the
article id: ``sha1(id) % 2 == 0`` is **dev** (weights are tuned there only, ``--tune``), the rest is **test**.

Every system picks from the same sentences: khabar's ``doc.sents`` over the repaired text (empty ones dropped,
a dateline cut off the first), so only the selection differs:

* ``khabar-k``: :func:`khabar.summarize.summarize` with ``sentences=k``; ``headline``: its ``headline``;
* ``lead-k``: the first k sentences;
* ``textrank-k``: classic TextRank: a graph of the sentences weighted by the cosine of their word counts (the
  ROUGE tokens below, Arabic stopwords out), PageRank (damping 0.85), the k best by score, in text order;
* ``lead-words(khabar-3)``: the article's first words, as many as khabar-3 gives for it (a lead of equal length:
  it tells a better choice of sentences from a mere change of length);
* ``random-k``: k sentences drawn with a seed from the article id; ``oracle-1``: the single sentence with the best
  ROUGE-L F1 against the abstract (an upper bound for one-sentence pickers).

**ROUGE tokenizer** (``rouge-score``'s own drops Arabic letters): NFKC; diacritics and tatweel removed; أ إ آ ٱ →
ا, ؤ → و, ئ → ي, ى → ي, ة → ه; Arabic-Indic digits → ASCII; Latin lower-cased; split on anything that is not a
letter or digit; then one proclitic among وال بال فال كال لل ال و ف ب ل ك (longest first) is stripped from a
word longer than 3 letters when at least 3 letters remain (so ``والحكومة`` and ``الحكومة`` and ``حكومة`` match).
No stemming beyond that. ROUGE-L is the LCS over the whole output (sentences joined), not ROUGE-Lsum.

ROUGE F1 depends on length: the abstracts average about 23 words, a lead sentence more, three sentences far
more; the tables give every system's mean output length. The 95 % intervals are paired bootstrap resamples of
articles (1,000, seed 0) of each system's mean and of its difference from Lead-3.

    pip install rouge-score                                  # bench dependency only
    .venv/bin/python bench/summary_bench.py                  # writes bench/results/summary.json
    .venv/bin/python bench/summary_bench.py --limit 400      # quick look
    .venv/bin/python bench/summary_bench.py --tune           # grid over the weights on dev (prints the best)
    .venv/bin/python bench/summary_bench.py --cache /tmp/summary.pkl  # keep the analyzed sentences between runs
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import pickle
import random
import re
import subprocess
import sys
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import khabar  # noqa: E402
from khabar import summarize as summ  # noqa: E402
from khabar_dev.corpora import iter_ant, require_shared_data  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "summary.json"
ARCHIVE = "news/ant-multisource-v2.1-alarabiya-bbc-skynews.tar.gz"
METRICS = ("rouge1", "rouge2", "rougeL")

# ------------------------------------------------------------------------------------------------ tokenizer

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ة": "ه",
                       **{chr(0x0660 + d): str(d) for d in range(10)},
                       **{chr(0x06F0 + d): str(d) for d in range(10)}})
_TOKEN = re.compile(r"[^\W_]+")
_PROCLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")


def rouge_tokens(text: str) -> list[str]:
    """The ROUGE tokens of ``text`` (see the module docstring).

    >>> rouge_tokens("وأعلنت الحكومةُ، في بيانٍ: ١٥ قتيلاً بالقاهرة ولد")
    ['اعلنت', 'حكومه', 'في', 'بيان', '15', 'قتيلا', 'قاهره', 'ولد']
    """
    text = _DIACRITICS.sub("", unicodedata.normalize("NFKC", text)).translate(_FOLD).lower()
    out = []
    for word in _TOKEN.findall(text):
        if len(word) > 3:
            for clitic in _PROCLITICS:
                if word.startswith(clitic) and len(word) - len(clitic) >= 3:
                    word = word[len(clitic):]
                    break
        out.append(word)
    return out


class _Tokenizer:
    """The tokenizer object ``rouge_score`` asks for."""

    def tokenize(self, text: str) -> list[str]:
        return rouge_tokens(text)


# ------------------------------------------------------------------------------------------------ data


@dataclass
class Item:
    id: str
    abstract: str
    texts: list[str]  # the sentences every system picks from
    sents: list[Any]  # khabar.summarize's features of the same sentences
    analyze_s: float
    views_s: float
    words: int


def split_of(article_id: str) -> str:
    """``dev`` or ``test``, by a hash of the article id (stable across runs and machines)."""
    return "dev" if int(hashlib.sha1(article_id.encode()).hexdigest(), 16) % 2 == 0 else "test"


def load_items(limit: int | None, cache: Path | None) -> tuple[list[Item], dict[str, int]]:
    # the cache holds sentence features: key it on the code that makes them, not on the weights
    source = "".join(inspect.getsource(f) for f in (summ._compute, summ._dateline_end, summ._term, summ._doc_text))
    source += summ._BOILERPLATE_START.pattern + summ._DEPENDENT_WORDS + summ._URL.pattern
    key = hashlib.sha1((source + str(limit)).encode()).hexdigest()[:12]
    if cache is not None and cache.exists():
        with cache.open("rb") as handle:
            stored = pickle.load(handle)
        if stored.get("key") == key:
            print(f"sentences from the cache {cache}", file=sys.stderr)
            return stored["items"], stored["counts"]
    data = require_shared_data()
    articles = [a for a in iter_ant(data / ARCHIVE) if a.outlet == "bbc"]
    counts = {"bbc_articles": len(articles), "with_abstract": sum(1 for a in articles if a.abstract.strip())}
    articles = [a for a in articles if a.abstract.strip()]
    articles.sort(key=lambda a: a.id)
    if limit:
        articles = articles[:limit]
    khabar.analyze("تحميل النموذج.")  # load the pipeline before timing
    items, same_as_lead = [], 0
    started = time.perf_counter()
    for n, article in enumerate(articles, 1):
        t0 = time.perf_counter()
        doc = khabar.analyze(article.text)
        t1 = time.perf_counter()
        summ.summarize(doc, 3)
        summ.headline(doc)
        t2 = time.perf_counter()
        sents = summ._sentences(doc)
        texts = [doc.text[s.start:s.end] for s in sents]
        if not texts:
            continue
        if rouge_tokens(texts[0]) == rouge_tokens(article.abstract):
            same_as_lead += 1
            continue
        items.append(Item(article.id, article.abstract, texts, sents, t1 - t0, t2 - t1, len(article.text.split())))
        if n % 500 == 0:
            print(f"  analyzed {n}/{len(articles)} ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    counts.update(analyzed=len(articles), abstract_equals_lead=same_as_lead, kept=len(items))
    if cache is not None:
        with cache.open("wb") as handle:
            pickle.dump({"key": key, "items": items, "counts": counts}, handle)
    return items, counts


# ------------------------------------------------------------------------------------------------ systems

System = Callable[[Item], "list[int] | str"]  # the indices (into item.texts) a system picks, or its own text


def lead(k: int) -> System:
    return lambda item: list(range(min(k, len(item.texts))))


def _stop(word: str) -> bool:
    import arabicstopwords.arabicstopwords as stp

    return stp.is_stop(word)


_STOPS: set[str] = set()


def textrank_scores(texts: Sequence[str]) -> np.ndarray:
    """PageRank over the cosine-similarity graph of the sentences' word counts."""
    if not _STOPS:
        import arabicstopwords.arabicstopwords as stp

        _STOPS.update(rouge_tokens(" ".join(stp.STOPWORDS)))
    vocab: dict[str, int] = {}
    rows = []
    for text in texts:
        counts: dict[int, float] = {}
        for word in rouge_tokens(text):
            if word not in _STOPS:
                j = vocab.setdefault(word, len(vocab))
                counts[j] = counts.get(j, 0.0) + 1.0
        rows.append(counts)
    n = len(texts)
    matrix = np.zeros((n, max(1, len(vocab))))
    for i, counts in enumerate(rows):
        for j, c in counts.items():
            matrix[i, j] = c
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1.0
    unit = matrix / norms[:, None]
    sim = unit @ unit.T
    np.fill_diagonal(sim, 0.0)
    out_weight = sim.sum(axis=1)
    out_weight[out_weight == 0] = 1.0
    transition = sim / out_weight[:, None]
    rank = np.full(n, 1.0 / n)
    for _ in range(100):
        new = 0.15 / n + 0.85 * transition.T @ rank
        if np.abs(new - rank).sum() < 1e-8:
            rank = new
            break
        rank = new
    return rank


def lead_words_of(other: System) -> System:
    """The article's first words, as many as ``other`` outputs for that article (a length-matched lead)."""

    def pick(item: Item) -> str:
        chosen = other(item)
        words = len((chosen if isinstance(chosen, str) else " ".join(item.texts[i] for i in chosen)).split())
        return " ".join(" ".join(item.texts).split()[:words])

    return pick


def textrank(k: int) -> System:
    def pick(item: Item) -> list[int]:
        rank = textrank_scores(item.texts)
        best = sorted(range(len(item.texts)), key=lambda i: (-rank[i], i))[:k]
        return sorted(best)

    return pick


def khabar_system(k: int, params: summ.Params = summ.DEFAULTS) -> System:
    def pick(item: Item) -> list[int]:
        position = {s.index: i for i, s in enumerate(item.sents)}
        return [position[s.index] for s, _ in summ._select(item.sents, k, params)]

    return pick


def random_system(k: int) -> System:
    def pick(item: Item) -> list[int]:
        rng = random.Random(item.id)
        return sorted(rng.sample(range(len(item.texts)), min(k, len(item.texts))))

    return pick


# ------------------------------------------------------------------------------------------------ scoring


def make_scorer() -> Any:
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        raise SystemExit("this benchmark needs rouge-score: .venv/bin/pip install rouge-score") from None
    return rouge_scorer.RougeScorer(list(METRICS), tokenizer=_Tokenizer())


def score_system(items: Sequence[Item], system: System, scorer: Any) -> dict[str, np.ndarray]:
    """Per-article P/R/F of every metric, and the output length in ROUGE tokens."""
    out: dict[str, list[float]] = {f"{m}_{x}": [] for m in METRICS for x in "prf"}
    out["words"] = []
    for item in items:
        chosen = system(item)
        summary = chosen if isinstance(chosen, str) else " ".join(item.texts[i] for i in chosen)
        scores = scorer.score(item.abstract, summary)
        for m in METRICS:
            out[f"{m}_p"].append(scores[m].precision)
            out[f"{m}_r"].append(scores[m].recall)
            out[f"{m}_f"].append(scores[m].fmeasure)
        out["words"].append(len(rouge_tokens(summary)))
    return {k: np.array(v) for k, v in out.items()}


def oracle1(items: Sequence[Item], scorer: Any) -> System:
    best: dict[str, int] = {}
    for item in items:
        values = [scorer.score(item.abstract, t)["rougeL"].fmeasure for t in item.texts]
        best[item.id] = int(np.argmax(values))
    return lambda item: [best[item.id]]


def bootstrap(values: np.ndarray, samples: np.ndarray) -> tuple[float, float]:
    means = values[samples].mean(axis=1)
    return float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def report(items: Sequence[Item], scorer: Any, systems: dict[str, System]) -> dict[str, Any]:
    rng = np.random.default_rng(0)
    samples = rng.integers(0, len(items), size=(1000, len(items)))
    per = {name: score_system(items, system, scorer) for name, system in systems.items()}
    base = per["lead-3"]["rougeL_f"]
    table: dict[str, Any] = {}
    for name, scores in per.items():
        row: dict[str, Any] = {k: round(float(v.mean()) * (1 if k == "words" else 100), 2) for k, v in scores.items()}
        low, high = bootstrap(scores["rougeL_f"], samples)
        row["rougeL_f_ci95"] = [round(low * 100, 2), round(high * 100, 2)]
        diff = scores["rougeL_f"] - base
        low, high = bootstrap(diff, samples)
        row["rougeL_f_vs_lead3"] = round(float(diff.mean()) * 100, 2)
        row["rougeL_f_vs_lead3_ci95"] = [round(low * 100, 2), round(high * 100, 2)]
        row["wins_vs_lead3"] = round(float((diff > 0).mean()), 3)
        row["losses_vs_lead3"] = round(float((diff < 0).mean()), 3)
        table[name] = row
    return table


def markdown(title: str, table: dict[str, Any], n: int, abstract_words: float) -> str:
    lines = [f"### {title} ({n} articles; abstract {abstract_words:.1f} words on average)", "",
             "| system | words | R-1 P/R/F | R-2 P/R/F | R-L P/R/F | R-L F 95% CI | R-L F − Lead-3 (95% CI) |",
             "|---|---:|---|---|---|---|---|"]
    for name, row in table.items():
        cells = [f"{row[f'{m}_p']:.1f} / {row[f'{m}_r']:.1f} / **{row[f'{m}_f']:.1f}**" for m in METRICS]
        ci = row["rougeL_f_ci95"]
        dci = row["rougeL_f_vs_lead3_ci95"]
        lines.append(f"| {name} | {row['words']:.1f} | " + " | ".join(cells)
                     + f" | {ci[0]:.1f}–{ci[1]:.1f} | {row['rougeL_f_vs_lead3']:+.2f} ({dci[0]:+.2f}…{dci[1]:+.2f}) |")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------------ tuning

#: values tried for each weight by the coordinate search of ``--tune`` (dev only)
GRID: dict[str, Sequence[Any]] = {
    "decay": (0.3, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0),
    "centrality": (0.0, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5),
    "density": (0.0, 0.1, 0.2, 0.4),
    "lead": (0.0, 0.25, 0.5, 1.0),
    "long_words": (25, 30, 40, 60),
    "long_penalty": (0.0, 0.1, 0.2, 0.5, 1.0),
    "question": (0.0, 0.2, 0.5),
    "dependent": (0.0, 0.1, 0.2, 0.4),
    "quote": (0.0, 0.1, 0.3),
    "redundancy": (0.0, 0.25, 0.5, 1.0),
    "min_words": (5, 8),
    "keep_lead": (True, False),  # shorter ones are fragments whatever ROUGE says
}


def fast_rougeL(reference: list[str], candidate: list[str]) -> float:
    """ROUGE-L F1 over token lists (same definition as rouge-score; used only to make the dev grid fast)."""
    if not reference or not candidate:
        return 0.0
    prev = [0] * (len(candidate) + 1)
    for r in reference:
        cur = [0]
        for j, c in enumerate(candidate):
            cur.append(prev[j] + 1 if r == c else max(prev[j + 1], cur[j]))
        prev = cur
    lcs = prev[-1]
    if not lcs:
        return 0.0
    p, rec = lcs / len(candidate), lcs / len(reference)
    return 2 * p * rec / (p + rec)


def tune(dev: Sequence[Item], sizes: Sequence[int], start: summ.Params,
         rounds: int = 3) -> tuple[float, summ.Params, list[str]]:
    """Coordinate search of :data:`GRID` from ``start``: mean ROUGE-L F1 on dev over ``sizes`` sentences."""
    refs = [rouge_tokens(item.abstract) for item in dev]
    toks = [[rouge_tokens(t) for t in item.texts] for item in dev]
    memo: dict[tuple[int, tuple[int, ...]], float] = {}  # most settings pick the same sentences

    def value(params: summ.Params) -> float:
        total = 0.0
        for k in sizes:
            system = khabar_system(k, params)
            for n, (item, ref, tok) in enumerate(zip(dev, refs, toks)):
                chosen = tuple(system(item))  # type: ignore[arg-type]
                key = (n, chosen)
                if key not in memo:
                    memo[key] = fast_rougeL(ref, [w for i in chosen for w in tok[i]])
                total += memo[key]
        return total / (len(dev) * len(sizes))

    best, best_value = start, value(start)
    log = [f"start {best_value * 100:.2f}"]
    for round_ in range(rounds):
        changed = False
        for name, values in GRID.items():
            for v in values:
                if getattr(best, name) == v:
                    continue
                candidate = summ.Params(**{**asdict(best), name: v})
                score = value(candidate)
                if score > best_value + 1e-6:
                    best, best_value, changed = candidate, score, True
                    log.append(f"round {round_ + 1}: {name}={v} -> {score * 100:.2f}")
        if not changed:
            break
    return best_value, best, log


# ------------------------------------------------------------------------------------------------ main


def git_commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                              check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N BBC articles (by id)")
    parser.add_argument("--cache", type=Path, default=None, help="pickle of the analyzed sentences (reused)")
    parser.add_argument("--tune", action="store_true", help="grid-search the weights on dev and print the best")
    parser.add_argument("--tune-sizes", default="1,3", help="summary sizes averaged by --tune (1 for headline)")
    parser.add_argument("--split", choices=("both", "dev"), default="both", help="dev only while iterating")
    parser.add_argument("--params", default="", help="override summary weights, e.g. decay=2,long_words=25 (dev)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    items, counts = load_items(args.limit, args.cache)
    dev = [i for i in items if split_of(i.id) == "dev"]
    test = [i for i in items if split_of(i.id) == "test"]
    print(f"{len(items)} articles kept: {len(dev)} dev, {len(test)} test", file=sys.stderr)
    if args.tune:
        sizes = [int(x) for x in args.tune_sizes.split(",")]
        start = summ.HEADLINE if sizes == [1] else summ.DEFAULTS
        value, params, log = tune(dev, sizes, start)
        print("\n".join(log))
        print(f"best on dev ({len(dev)} articles, sizes {sizes}): {value * 100:.2f}", asdict(params))
        return 0

    scorer = make_scorer()
    results: dict[str, Any] = {}
    summary = summ.DEFAULTS
    if args.params:
        changes = {k: v == "True" if isinstance(getattr(summary, k), bool) else type(getattr(summary, k))(v)
                   for k, v in (kv.split("=") for kv in args.params.split(","))}
        summary = summ.Params(**{**asdict(summary), **changes})
    parts = (("test", test), ("dev", dev)) if args.split == "both" else (("dev", dev),)
    for name, part in parts:
        systems: dict[str, System] = {
            "lead-1": lead(1), "lead-2": lead(2), "lead-3": lead(3),
            "textrank-1": textrank(1), "textrank-3": textrank(3),
            "random-1": random_system(1), "random-3": random_system(3),
            "headline": khabar_system(1, summ.HEADLINE),
            "khabar-1": khabar_system(1, summary), "khabar-2": khabar_system(2, summary),
            "khabar-3": khabar_system(3, summary), "lead-words(khabar-3)": lead_words_of(khabar_system(3, summary)),
            "oracle-1": oracle1(part, scorer),
        }
        table = report(part, scorer, systems)
        abstract_words = float(np.mean([len(rouge_tokens(i.abstract)) for i in part]))
        results[name] = {"articles": len(part), "abstract_words": round(abstract_words, 2), "systems": table}
        print(markdown(f"{name} split", table, len(part), abstract_words))
        print()

    analyze_s = sum(i.analyze_s for i in items)
    views_s = sum(i.views_s for i in items)
    words = sum(i.words for i in items)
    timing = {
        "articles": len(items),
        "analyze_ms_per_article": round(analyze_s / len(items) * 1000, 2),
        "analyze_words_per_s": round(words / analyze_s),
        "summary3_plus_headline_ms_per_article": round(views_s / len(items) * 1000, 3),
        "views_share_of_analyze_pct": round(views_s / analyze_s * 100, 2),
        "note": "summarize(doc, 3) + headline(doc) on the analyzed Doc, same articles, one process"
                + (" (timings from the cached run)" if args.cache else ""),
    }
    print("### speed\n")
    for key, value in timing.items():
        print(f"- {key}: {value}")
    payload = {
        "benchmark": "extractive summary and headline vs BBC Arabic abstracts (ANT v2.1)",
        "commit": git_commit(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": "python bench/summary_bench.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "counts": counts,
        "split": "sha1(article id) % 2 == 0 -> dev, else test; weights tuned on dev only",
        "tokenizer": "NFKC, no diacritics/tatweel, alef/hamza/ya/ta-marbuta folded, split on non-alphanumerics, "
                     "one proclitic (وال بال فال كال لل ال و ف ب ل ك) stripped from words > 3 letters "
                     "leaving >= 3",
        "rougeL": "LCS over the whole output (not ROUGE-Lsum); F/P/R x 100; 95% CI: 1,000 bootstrap resamples",
        "params": {"summary": asdict(summ.DEFAULTS), "headline": asdict(summ.HEADLINE)},
        "timing": timing,
        **results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(payload, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
