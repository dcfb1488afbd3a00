"""Topic benchmark: subject accuracy on an outlet the model has never seen, and region against section labels.

**Subject.** Leave one outlet out: for each of AlArabiya, BBC Arabic, Sky News Arabia and JawharaFM, the recipe of
``training/train_topic.py`` (:func:`training.train_topic.fit_recipe`: C and the softmax temperature chosen by
leaving each *training* outlet out in turn) is fitted on the other three and scored on the held-out one, through
the runtime scorer (:class:`khabar.topic.TopicModel`, weights rounded as in the shipped file). Sections map to
subjects by :data:`khabar.topic.SECTION_SUBJECTS` (internationalNews, middleEast, politic → politics; economy,
sport, technology, culture as they are); JawharaFM's localNews, society and diverse map to no subject and are
neither trained on nor scored. Reported per held-out outlet: accuracy, macro-F1 (over the subjects the outlet
has), per-subject F1, the confusion matrix (rows gold, columns predicted), calibration (top-label ECE over 15 bins,
multi-class Brier score); beside it, in the same run:

* ``majority``: always the commonest subject of the training outlets;
* ``naive Bayes``: multinomial NB (alpha 1) over the raw counts of the same words, untuned;
* ``raw sections``: the same recipe trained on the six ANT sections themselves (internationalNews, middleEast,
  sport, economy, technology, culture), scored on the held-out outlet's articles in those sections;
* ``in-outlet``: 5-fold cross-validation *inside* the held-out outlet at the same C (not cross-outlet: it shows
  how separable that outlet's own labels are, a ceiling for the cross-outlet figure);
* ``excluding shared stories``: accuracy without the held-out articles that have a near-duplicate
  (:func:`khabar.dedupe.find_duplicates`) in a training outlet (the same wire story filed by two outlets).

**Region.** ``--region-sample`` articles per outlet (seeded) go through :func:`khabar.analyze` (title, line break,
text) and :func:`khabar.topic.classify`. Sections are only a proxy for region: BBC and Sky News file the Arab
world, Iran, Turkey and Israel under middleEast and the rest under internationalNews, but each outlet draws the
line its own way (AlArabiya has no middleEast section; JawharaFM's localNews is Tunisia). The proxy scores
middleEast as middle_east or north_africa, internationalNews as world, JawharaFM's localNews, society and politic
as north_africa. Also timed: classify per article against analyze per article.

    .venv/bin/python bench/topic_bench.py                      # ~10 min on 1 core; writes bench/results/topic.json
    .venv/bin/python bench/topic_bench.py --region-sample 0    # subject only
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from statistics import median
from typing import Any

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.naive_bayes import MultinomialNB

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from khabar.topic import REGIONS, SECTION_SUBJECTS, SUBJECTS, TopicModel, classify  # noqa: E402
from training.train_topic import OUTLETS, Corpus, fit_once, fit_recipe, load_corpus, scores  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "topic.json"
SECTIONS = ("culture", "economy", "internationalNews", "middleEast", "sport", "technology")
ECE_BINS = 15
#: section → the region the proxy expects (sections absent here are not scored for region)
REGION_PROXY = {"middleEast": "mena", "internationalNews": "world"}
JAWHARA_LOCAL = {"localNews": "north_africa", "society": "north_africa", "politic": "north_africa"}


def row_counts(corpus: Corpus, row: int) -> dict[str, int]:
    """The bag of words of one article, as the runtime builds it (``Counter(words(text))``)."""
    start, end = corpus.counts.indptr[row], corpus.counts.indptr[row + 1]
    return {corpus.vocab[j]: int(n) for j, n in zip(corpus.counts.indices[start:end], corpus.counts.data[start:end])}


def ece(probs: np.ndarray, gold: np.ndarray, bins: int = ECE_BINS) -> float:
    """Top-label expected calibration error over equal-width confidence bins."""
    confidence, predicted = probs.max(axis=1), probs.argmax(axis=1)
    correct = predicted == gold
    edges = np.linspace(0.0, 1.0, bins + 1)
    total = 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        inside = (confidence > low) & (confidence <= high)
        if inside.any():
            total += inside.mean() * abs(correct[inside].mean() - confidence[inside].mean())
    return total


def brier(probs: np.ndarray, gold: np.ndarray) -> float:
    """Multi-class Brier score (sum over labels of the squared error, mean over articles)."""
    onehot = np.zeros_like(probs)
    onehot[np.arange(len(gold)), gold] = 1.0
    return float(((probs - onehot) ** 2).sum(axis=1).mean())


def predict(model: TopicModel, corpus: Corpus, rows: np.ndarray) -> np.ndarray:
    """Probabilities (columns in model.labels order) for ``rows``, through the runtime scorer."""
    out = np.zeros((len(rows), len(model.labels)))
    for i, row in enumerate(rows):
        probabilities = model.probabilities(row_counts(corpus, row))
        if probabilities:
            out[i] = [probabilities[label] for label in model.labels]
        else:  # no known word: uniform (never happens on this corpus)
            out[i] = 1.0 / len(model.labels)
    return out


def shared_story_rows(corpus: Corpus, rows: np.ndarray) -> set[int]:
    """Rows with a near-duplicate in another outlet (the same story filed twice across outlets)."""
    from khabar.dedupe import find_duplicates

    groups = find_duplicates((str(row), corpus.texts[row]) for row in rows)
    shared: set[int] = set()
    for group in groups:
        members = [int(m) for m in group.members]
        if len({corpus.outlets[m] for m in members}) > 1:
            shared.update(members)
    return shared


def naive_bayes_accuracy(corpus: Corpus, train: np.ndarray, test: np.ndarray) -> float:
    model = MultinomialNB(alpha=1.0).fit(corpus.counts[train], corpus.subjects[train])
    return float(accuracy_score(corpus.subjects[test], model.predict(corpus.counts[test])))


def in_outlet_accuracy(corpus: Corpus, rows: np.ndarray, c: float, seed: int) -> float:
    """5-fold CV inside one outlet at a fixed C (reference only)."""
    gold = corpus.subjects[rows]
    correct = 0
    for fit_idx, test_idx in StratifiedKFold(5, shuffle=True, random_state=seed).split(rows, gold):
        fitted = fit_once(corpus, rows[fit_idx], gold[fit_idx], c)
        logits = scores(fitted, corpus, rows[test_idx], fitted.labels)
        correct += int((np.array(fitted.labels)[logits.argmax(axis=1)] == gold[test_idx]).sum())
    return correct / len(rows)


def subject_eval(corpus: Corpus, held: str, shared: set[int], seed: int) -> dict[str, Any]:
    train_outlets = [o for o in OUTLETS if o != held]
    start = time.time()
    recipe = fit_recipe(corpus, train_outlets)
    model = recipe.model
    test = np.flatnonzero((corpus.outlets == held) & (corpus.subjects != ""))
    train = np.flatnonzero(np.isin(corpus.outlets, train_outlets) & (corpus.subjects != ""))
    probs = predict(model, corpus, test)
    labels = list(model.labels)
    gold = np.array([labels.index(s) for s in corpus.subjects[test]])
    predicted = probs.argmax(axis=1)
    present = sorted(set(gold))
    per_class = f1_score(gold, predicted, labels=present, average=None)
    keep = np.array([row not in shared for row in test])
    majority = Counter(corpus.subjects[train]).most_common(1)[0][0]

    # the six raw sections, same recipe (no calibration needed: only accuracy is compared)
    sections = np.where(np.isin(corpus.sections, SECTIONS), corpus.sections, "")
    section_recipe = fit_recipe(corpus, train_outlets, targets=sections, calibrate=False)
    section_test = np.flatnonzero((corpus.outlets == held) & (sections != ""))
    section_probs = predict(section_recipe.model, corpus, section_test)
    section_pred = np.array(section_recipe.model.labels)[section_probs.argmax(axis=1)]
    section_gold = sections[section_test]
    return {
        "articles": len(test),
        "subjects": dict(Counter(corpus.subjects[test]).most_common()),
        "C": recipe.c,
        "temperature": recipe.temperature,
        "inner_left_out_accuracy": recipe.inner,
        "accuracy": round(float((predicted == gold).mean()), 4),
        "macro_f1": round(float(f1_score(gold, predicted, labels=present, average="macro")), 4),
        "f1": {labels[k]: round(float(f), 4) for k, f in zip(present, per_class)},
        "confusion": {"labels": labels, "rows_gold_columns_predicted":
                      confusion_matrix(gold, predicted, labels=list(range(len(labels)))).tolist()},
        "ece": round(ece(probs, gold), 4),
        "brier": round(brier(probs, gold), 4),
        "mean_confidence": round(float(probs.max(axis=1).mean()), 4),
        "baseline_majority": {"label": majority,
                              "accuracy": round(float((corpus.subjects[test] == majority).mean()), 4)},
        "baseline_naive_bayes_accuracy": round(naive_bayes_accuracy(corpus, train, test), 4),
        "raw_sections": {
            "articles": len(section_test),
            "accuracy": round(float((section_pred == section_gold).mean()), 4),
            "C": section_recipe.c,
            "confusion": {"labels": list(section_recipe.model.labels), "rows_gold_columns_predicted":
                          confusion_matrix(section_gold, section_pred,
                                           labels=list(section_recipe.model.labels)).tolist()},
        },
        "in_outlet_5fold_accuracy": round(in_outlet_accuracy(corpus, test, recipe.c, seed), 4),
        "excluding_shared_stories": {"articles": int(keep.sum()),
                                     "accuracy": round(float((predicted[keep] == gold[keep]).mean()), 4)},
        "seconds": round(time.time() - start, 1),
    }


def region_eval(corpus: Corpus, per_outlet: int, seed: int) -> dict[str, Any]:
    import khabar
    import khabar.topic

    rng = random.Random(seed)
    sample = []
    for outlet in OUTLETS:
        rows = sorted(np.flatnonzero(corpus.outlets == outlet).tolist())
        sample += rng.sample(rows, min(per_outlet, len(rows)))
    khabar.analyze("تمهيد")  # load the pipeline and the topic model before timing
    classify("تمهيد")
    # classify keeps a memo of word → feature: each timed pass starts from an empty memo, as a fresh process
    # would, so that one pass does not warm the other
    khabar.topic._FEATURES.clear()
    plain = []
    for row in sample:
        t0 = time.perf_counter()
        plain.append((classify(corpus.texts[row]).subject, time.perf_counter() - t0))
    khabar.topic._FEATURES.clear()
    records = []
    for row, (plain_subject, plain_s) in zip(sample, plain):
        text = corpus.texts[row]
        t0 = time.perf_counter()
        doc = khabar.analyze(text)
        t1 = time.perf_counter()
        topic = classify(doc)
        t2 = time.perf_counter()
        records.append({"outlet": str(corpus.outlets[row]), "section": str(corpus.sections[row]),
                        "region": topic.region, "subject_doc": topic.subject, "subject_str": plain_subject,
                        "words": len(text.split()), "analyze_s": t1 - t0, "classify_doc_s": t2 - t1,
                        "classify_str_s": plain_s})
    by_section: dict[str, dict[str, int]] = {}
    for r in records:
        key = f"{r['outlet']}/{r['section']}"
        by_section.setdefault(key, dict.fromkeys([*REGIONS, "none"], 0))[r["region"] or "none"] += 1
    proxy: dict[str, Any] = {}
    for outlet in ("bbc", "skynews"):
        scored = [r for r in records if r["outlet"] == outlet and r["section"] in REGION_PROXY]
        with_region = [r for r in scored if r["region"]]
        agree = [r for r in with_region if _proxy_agrees(REGION_PROXY[r["section"]], r["region"])]
        proxy[outlet] = {"articles": len(scored), "with_region": len(with_region),
                         "agreement": round(len(agree) / max(1, len(with_region)), 4)}
    local = [r for r in records if r["outlet"] == "jawharafm" and r["section"] in JAWHARA_LOCAL]
    local_region = [r for r in local if r["region"]]
    proxy["jawharafm_tunisian_sections"] = {
        "articles": len(local), "with_region": len(local_region),
        "agreement": round(sum(r["region"] == "north_africa" for r in local_region) / max(1, len(local_region)), 4)}
    ratios = [r["classify_doc_s"] / r["analyze_s"] for r in records]
    return {
        "sample_per_outlet": per_outlet,
        "seed": seed,
        "by_section": by_section,
        "proxy_agreement": proxy,
        "subject_doc_equals_str": round(sum(r["subject_doc"] == r["subject_str"] for r in records) / len(records), 4),
        "speed": {
            "articles": len(records),
            "median_words": median(r["words"] for r in records),
            "analyze_ms_median": round(1000 * median(r["analyze_s"] for r in records), 2),
            "classify_doc_ms_median": round(1000 * median(r["classify_doc_s"] for r in records), 3),
            "classify_str_ms_median": round(1000 * median(r["classify_str_s"] for r in records), 3),
            "classify_share_of_analyze_median": round(median(ratios), 5),
            "classify_share_of_analyze_total": round(sum(r["classify_doc_s"] for r in records)
                                                     / sum(r["analyze_s"] for r in records), 5),
        },
    }


def _proxy_agrees(expected: str, region: str) -> bool:
    return region in {"middle_east", "north_africa"} if expected == "mena" else region == expected


def markdown(results: dict[str, Any]) -> str:
    lines = ["### Subject, one outlet held out", "",
             "| held out | articles | accuracy | macro-F1 | ECE | Brier | majority | naive Bayes | raw 6 sections "
             "| in-outlet 5-fold | excl. shared stories | C | T |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for outlet, r in results["subject"].items():
        lines.append(
            f"| {outlet} | {r['articles']} | {r['accuracy']:.3f} | {r['macro_f1']:.3f} | {r['ece']:.3f} "
            f"| {r['brier']:.3f} | {r['baseline_majority']['accuracy']:.3f} | {r['baseline_naive_bayes_accuracy']:.3f} "
            f"| {r['raw_sections']['accuracy']:.3f} | {r['in_outlet_5fold_accuracy']:.3f} "
            f"| {r['excluding_shared_stories']['accuracy']:.3f} ({r['excluding_shared_stories']['articles']}) "
            f"| {r['C']} | {r['temperature']} |")
    lines += ["", "Per-subject F1:", "", "| held out | " + " | ".join(SUBJECTS) + " |",
              "|---|" + "---:|" * len(SUBJECTS)]
    for outlet, r in results["subject"].items():
        lines.append(f"| {outlet} | " + " | ".join(f"{r['f1'][s]:.3f}" if s in r["f1"] else "—" for s in SUBJECTS)
                     + " |")
    for outlet, r in results["subject"].items():
        labels = r["confusion"]["labels"]
        lines += ["", f"Confusion, {outlet} held out (rows gold, columns predicted):", "",
                  "| gold \\ predicted | " + " | ".join(labels) + " |", "|---|" + "---:|" * len(labels)]
        for label, row in zip(labels, r["confusion"]["rows_gold_columns_predicted"]):
            lines.append(f"| {label} | " + " | ".join(str(n) for n in row) + " |")
    region = results.get("region")
    if region:
        lines += ["", "### Region from linked places (sample of analyzed articles)", "",
                  "| outlet/section | " + " | ".join([*REGIONS, "none"]) + " |",
                  "|---|" + "---:|" * (len(REGIONS) + 1)]
        for key, counts in sorted(region["by_section"].items()):
            lines.append(f"| {key} | " + " | ".join(str(counts[k]) for k in [*REGIONS, "none"]) + " |")
        lines += ["", "| proxy | articles | with a region | agreement |", "|---|---:|---:|---:|"]
        for key, p in region["proxy_agreement"].items():
            lines.append(f"| {key} | {p['articles']} | {p['with_region']} | {p['agreement']:.3f} |")
        s = region["speed"]
        share = 100 * s["classify_share_of_analyze_total"]
        lines += ["", f"Speed ({s['articles']} articles, median {s['median_words']} words): analyze "
                      f"{s['analyze_ms_median']} ms, classify(doc) {s['classify_doc_ms_median']} ms, classify(str) "
                      f"{s['classify_str_ms_median']} ms (median); classify is {share:.2f} % of analyze time in total."]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--region-sample", type=int, default=300, help="articles per outlet for the region part")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    start = time.time()
    corpus = load_corpus()
    print(f"{len(corpus.ids)} articles read ({time.time() - start:.0f} s)", flush=True)
    scored = np.flatnonzero(corpus.subjects != "")
    shared = shared_story_rows(corpus, scored)
    print(f"{len(shared)} articles share a story with another outlet ({time.time() - start:.0f} s)", flush=True)
    results: dict[str, Any] = {
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                 cwd=ROOT).stdout.strip(),
        "date": datetime.date.today().isoformat(),
        "command": "python bench/topic_bench.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "section_subjects": dict(SECTION_SUBJECTS),
        "not_scored": "JawharaFM localNews, society, diverse (no subject); one file without an outlet prefix",
        "subject": {},
    }
    for held in OUTLETS:
        results["subject"][held] = subject_eval(corpus, held, shared, args.seed)
        r = results["subject"][held]
        print(f"{held}: accuracy {r['accuracy']} macro-F1 {r['macro_f1']} ECE {r['ece']} ({r['seconds']} s)",
              flush=True)
    if args.region_sample > 0:
        results["region"] = region_eval(corpus, args.region_sample, args.seed)
    results["seconds"] = round(time.time() - start)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(markdown(results))


if __name__ == "__main__":
    main()
