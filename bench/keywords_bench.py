"""Keyword benchmark: how much of an article's TITLE do its top-10 keywords recover? (no gold keywords exist)

The held-out ANT articles (``scripts/build_keyword_df.py:split``, by a hash of the article id: ``dev`` for
choosing the settings, ``test`` for reporting; the df table never counts them) are analyzed WITHOUT their
title; each method picks 10 keywords from the body, and we measure

* **title lemma recall@10** — of the title's content lemmas (NOUN/PROPN/ADJ/X/VERB, not stopwords) that
  also occur in the body, the share covered by the top 10: a keyword covers the lemmas of the body tokens
  its mentions span (a phrase both of its lemmas, an entity its words, a surface word every token of every
  occurrence of that word);
* **title entity recall@10** — of the title's PER/ORG/LOC/MISC names (canonical form) also found in the body,
  the share whose body mentions a top-10 keyword overlaps;

macro-averaged over articles with at least one such title lemma (entity). Methods, all on the same docs:
khabar keywords; khabar with raw term frequency (no idf); khabar lemmas only (no entities, no phrases);
tf-idf over surface words (whitespace words, stopwords removed, df from the same articles the table counts);
the first 10 distinct content lemmas of the body (a positional baseline: news titles echo the lead); YAKE
(``yake`` 0.7.3, ``lan="ar"``, n=2, in its own venv; run on the same repaired text; skipped if the venv is
missing: ``python3 -m venv /tmp/khabar-peer-venvs/yake && /tmp/khabar-peer-venvs/yake/bin/pip install
yake==0.7.3``). Time per article is reported against analyze time (``khabar.analyze.pipe``).

    .venv/bin/python bench/keywords_bench.py                # test part, writes bench/results/keywords.json
    .venv/bin/python bench/keywords_bench.py --part dev --sweep   # the settings grid on the dev part
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, replace
from datetime import UTC, datetime
from itertools import product
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from build_keyword_df import build_articles, iter_articles  # noqa: E402

from khabar_dev.corpora import require_shared_data  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "keywords.json"
YAKE_PYTHON = Path("/tmp/khabar-peer-venvs/yake/bin/python")
TOP = 10
_SURFACE = re.compile(r"\S+")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")
_ARABIC = re.compile("[\u0621-\u064a]")

Span = tuple[int, int]


def content_lemmas(doc: Any) -> list[tuple[int, int, str]]:
    """(start, end, lemma key) of every content token of ``doc`` (entities included), in order."""
    from khabar.keywords import TERM_POS, _stopwords, fold

    stop = _stopwords()
    out = []
    for token in doc:
        if token.pos_ not in TERM_POS:
            continue
        lemma = fold(token.lemma_)
        if len(lemma) < 2 or not lemma.isalpha() or not _ARABIC.search(lemma):
            continue
        if token.norm_ in stop or lemma in stop or fold(token.norm_) in stop:
            continue
        out.append((token.idx, token.idx + len(token.text), lemma))
    return out


def entity_keys(doc: Any) -> list[tuple[int, int, str]]:
    """(start, end, canonical key) of the PER/ORG/LOC/MISC names of ``doc``."""
    from khabar.keywords import ENTITY_LABELS, fold

    return [(e.start_char, e.end_char, fold((e._.canonical or e.text).lstrip("#").replace("_", " ").strip()))
            for e in doc.ents if e.label_ in ENTITY_LABELS]


def covered(spans: list[Span], items: list[tuple[int, int, str]]) -> set[str]:
    """Keys of ``items`` (sorted by start) overlapping any of ``spans``."""
    starts = [s for s, _, _ in items]
    keys: set[str] = set()
    for start, end in spans:
        i = max(bisect.bisect_right(starts, start) - 1, 0)
        while i < len(items) and items[i][0] < end:
            if items[i][1] > start:
                keys.add(items[i][2])
            i += 1
    return keys


# ------------------------------------------------------------------------------------------------ methods


def khabar_method(settings: Any) -> Callable[[Any], list[list[Span]]]:
    from khabar.keywords import keywords

    return lambda doc: [k.mentions for k in keywords(doc, TOP, settings=settings)]


def surface_words(text: str) -> list[tuple[str, Span]]:
    from khabar.keywords import _stopwords

    stop = _stopwords()
    out = []
    for match in _SURFACE.finditer(text):
        word = _EDGE.sub("", match.group())
        if len(word) >= 2 and _ARABIC.search(word) and word not in stop and not any(c.isdigit() for c in word):
            offset = match.start() + match.group().find(word)
            out.append((word, (offset, offset + len(word))))
    return out


def surface_method(df: Counter[str], documents: int) -> Callable[[Any], list[list[Span]]]:
    def run(doc: Any) -> list[list[Span]]:
        spans: dict[str, list[Span]] = {}
        for word, span in surface_words(doc.text):
            spans.setdefault(word, []).append(span)
        score = {w: len(s) * math.log((documents + 1) / (df.get(w, 0) + 1)) for w, s in spans.items()}
        best = sorted(score, key=lambda w: (-score[w], w))[:TOP]
        return [spans[w] for w in best]

    return run


def lead_method(doc: Any) -> list[list[Span]]:
    seen: dict[str, list[Span]] = {}
    for start, end, key in content_lemmas(doc):
        if key not in seen and len(seen) >= TOP:
            continue
        seen.setdefault(key, []).append((start, end))
    return list(seen.values())


def yake_keywords(texts: list[str]) -> tuple[list[list[str]], float] | None:
    """YAKE's top-10 strings for each text, and its seconds per text (in its own venv), or None without it."""
    if not YAKE_PYTHON.exists():
        return None
    script = (
        "import json, sys, time, yake\n"
        "texts = json.load(open(sys.argv[1]))\n"
        f"kw = yake.KeywordExtractor(lan='ar', n=2, top={TOP})\n"
        "t = time.perf_counter()\n"
        "out = [[k for k, _ in kw.extract_keywords(x)] if x.strip() else [] for x in texts]\n"
        "print(json.dumps({'keywords': out, 'seconds': time.perf_counter() - t}))\n"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(texts, handle, ensure_ascii=False)
    done = subprocess.run([str(YAKE_PYTHON), "-c", script, handle.name], capture_output=True, text=True, check=True)
    Path(handle.name).unlink()
    result = json.loads(done.stdout)
    return result["keywords"], result["seconds"] / max(len(texts), 1)


def string_spans(text: str, phrase: str) -> list[Span]:
    spans, start = [], text.find(phrase)
    while start >= 0 and phrase:
        spans.append((start, start + len(phrase)))
        start = text.find(phrase, start + 1)
    return spans


# ------------------------------------------------------------------------------------------------ scoring


def score(picks: list[list[list[Span]]], items: list[dict[str, Any]]) -> dict[str, Any]:
    lemma_r, entity_r, hit_l, all_l, hit_e, all_e = [], [], 0, 0, 0, 0
    for spans_per_kw, item in zip(picks, items):
        spans = [s for spans in spans_per_kw for s in spans]
        if item["title_lemmas"]:
            got = covered(spans, item["lemmas"]) & item["title_lemmas"]
            lemma_r.append(len(got) / len(item["title_lemmas"]))
            hit_l, all_l = hit_l + len(got), all_l + len(item["title_lemmas"])
        if item["title_entities"]:
            got = covered(spans, item["entities"]) & item["title_entities"]
            entity_r.append(len(got) / len(item["title_entities"]))
            hit_e, all_e = hit_e + len(got), all_e + len(item["title_entities"])
    mean = lambda xs: round(sum(xs) / len(xs), 4) if xs else None  # noqa: E731
    return {"title_lemma_recall": mean(lemma_r), "title_entity_recall": mean(entity_r),
            "title_lemma_recall_micro": round(hit_l / all_l, 4) if all_l else None,
            "title_entity_recall_micro": round(hit_e / all_e, 4) if all_e else None,
            "articles_with_title_lemmas": len(lemma_r), "articles_with_title_entities": len(entity_r)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=["dev", "test"], default="test")
    parser.add_argument("--n", type=int, default=0, help="at most this many articles of the part (0: all)")
    parser.add_argument("--sweep", action="store_true", help="also score a grid of settings (for the dev part)")
    parser.add_argument("--no-yake", action="store_true")
    parser.add_argument("--timing-n", type=int, default=300, help="articles timed one at a time (analyze, keywords)")
    parser.add_argument("--out", type=Path, default=None, help=f"results file (default {RESULTS} for the test part)")
    args = parser.parse_args()

    import khabar
    from khabar.keywords import DEFAULT, keywords, load_df

    data = require_shared_data()
    articles = [a for a in iter_articles(data, args.part) if a.title.strip()]
    if args.n:
        articles = articles[: args.n]
    khabar.analyze("تحميل")  # load the pipeline before timing
    started = time.perf_counter()
    load_df()
    df_load = time.perf_counter() - started
    keywords(khabar.analyze("قال وزير الخارجية في بيروت"))  # one-off costs: the stopword list, spaCy symbols

    # time as a user runs it: analyze one article, take its keywords, drop the doc (holding thousands of docs makes
    # every garbage-collector pass slower and would inflate both times)
    analyze_s = keyword_s = 0.0
    timed = articles[: args.timing_n]
    for article in timed:
        started = time.perf_counter()
        doc = khabar.analyze(article.text)
        middle = time.perf_counter()
        keywords(doc)
        analyze_s, keyword_s = analyze_s + middle - started, keyword_s + time.perf_counter() - middle
    analyze_s, keyword_s = analyze_s / len(timed), keyword_s / len(timed)

    docs = list(khabar.analyze.pipe(a.text for a in articles))
    titles = list(khabar.analyze.pipe(a.title for a in articles))
    items = []
    for doc, title in zip(docs, titles):
        lemmas, entities = content_lemmas(doc), entity_keys(doc)
        items.append({"lemmas": lemmas, "entities": entities,
                      "title_lemmas": {k for *_, k in content_lemmas(title)} & {k for *_, k in lemmas},
                      "title_entities": {k for *_, k in entity_keys(title)} & {k for *_, k in entities}})

    documents, _ = load_df()
    surface_df: Counter[str] = Counter()
    for article in build_articles(data, documents):  # the articles the table counts (same seeded sample)
        surface_df.update({w for w, _ in surface_words(article.text)})

    methods: dict[str, Callable[[Any], list[list[Span]]]] = {
        "khabar keywords": khabar_method(DEFAULT),
        "khabar, raw tf (no idf)": khabar_method(replace(DEFAULT, idf=False, sublinear=False)),
        "khabar, lemmas only (no entities/phrases)": khabar_method(replace(DEFAULT, entities=False, phrases=False)),
        "khabar, no lead boost": khabar_method(replace(DEFAULT, lead_boost=1.0)),
        "tf-idf on surface words": surface_method(surface_df, documents),
        "first 10 content lemmas (lead)": lead_method,
    }
    results: dict[str, Any] = {}
    for name, method in methods.items():
        started = time.perf_counter()
        picks = [method(doc) for doc in docs]
        seconds = (time.perf_counter() - started) / len(docs)
        results[name] = {**score(picks, items), "ms_per_article": round(seconds * 1000, 3)}
    if not args.no_yake:
        yake = yake_keywords([doc.text for doc in docs])
        if yake is not None:
            strings, seconds = yake
            picks = [[string_spans(doc.text, s) for s in kws] for doc, kws in zip(docs, strings)]
            results["YAKE 0.7.3 (n=2)"] = {**score(picks, items), "ms_per_article": round(seconds * 1000, 3)}

    sweep = []
    if args.sweep:
        from khabar.keywords import PHRASE_MIN_COUNT, _collect, _rank

        found = [_collect(doc, PHRASE_MIN_COUNT) for doc in docs]  # candidates once; only the scoring varies
        _, df = load_df()
        grid = product([1.0, 1.5, 2.0, 3.0], [1.0, 1.5], [1.5, 2.0, 3.0, 5.0], [True, False], [1, 5], [0.5, 1.0])
        for ew, pw, lb, sub, unseen, power in grid:
            settings = replace(DEFAULT, entity_weight=ew, phrase_weight=pw, lead_boost=lb, sublinear=sub,
                               unseen_df=unseen, idf_power=power)
            picks = [[k.mentions for k in _rank(f, df, documents, TOP, settings)] for f in found]
            sweep.append({"entity_weight": ew, "phrase_weight": pw, "lead_boost": lb, "sublinear": sub,
                          "unseen_df": unseen, "idf_power": power, **score(picks, items)})
        sweep.sort(key=lambda r: -(r["title_lemma_recall"] + r["title_entity_recall"]))

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    report = {
        "commit": commit.stdout.strip(), "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "command": "python " + " ".join([str(Path(sys.argv[0]).relative_to(ROOT) if Path(sys.argv[0]).is_absolute()
                                               else sys.argv[0]), *sys.argv[1:]]),
        "part": args.part, "articles": len(docs), "top": TOP, "df_documents": documents,
        "settings": asdict(DEFAULT),
        "methods": results,
        "timing": {"articles": len(timed), "analyze_ms_per_article": round(analyze_s * 1000, 2),
                   "keywords_ms_per_article": round(keyword_s * 1000, 3),
                   "keywords_share_of_analyze": round(keyword_s / analyze_s, 4),
                   "df_table_load_s": round(df_load, 3),
                   "mean_body_tokens": round(sum(len(d) for d in docs) / len(docs), 1)},
        "sweep": sweep[:20],
    }
    out = args.out or (RESULTS if args.part == "test" else RESULTS.with_name(f"keywords-{args.part}.json"))
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    print(f"## Keywords: title recall@{TOP} on {len(docs)} held-out ANT articles ({args.part} part)\n")
    print("| method | title lemma recall | title entity recall | ms / article |")
    print("|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['title_lemma_recall']} | {r['title_entity_recall']} | {r['ms_per_article']} |")
    t = report["timing"]
    print(f"\nms / article columns above: each method over all {len(docs)} docs held in memory. "
          f"One article at a time ({t['articles']} articles, analyze() then keywords()):\n")
    print("| analyze ms / article | keywords ms / article | keywords / analyze | df table load (s) |")
    print("|---|---|---|---|")
    print(f"| {t['analyze_ms_per_article']} | {t['keywords_ms_per_article']} | "
          f"{t['keywords_share_of_analyze']:.1%} | {t['df_table_load_s']} |")
    if sweep:
        print("\n| entity w | phrase w | lead | sublinear tf | unseen df | idf power | lemma recall | entity recall |")
        print("|---|---|---|---|---|---|---|---|")
        for r in sweep[:10]:
            print(f"| {r['entity_weight']} | {r['phrase_weight']} | {r['lead_boost']} | {r['sublinear']} | "
                  f"{r['unseen_df']} | {r['idf_power']} | {r['title_lemma_recall']} | {r['title_entity_recall']} |")
    print(f"\nwrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")


if __name__ == "__main__":
    main()
