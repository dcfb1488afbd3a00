"""Train the quote finder's learned speaker resolver (issue 14): ``khabar/quotes/data/speaker_ranker.json``.

Training data, two kinds (never the gold's test split; no article of the gold set at all in the silver):

* **dev gold**: every quotation and speech act khabar finds in a dev article of ``bench/gold`` that matches
  a gold one (the benchmark's matching); its candidates (:func:`khabar.quotes.ranker.candidates`) are
  labelled by the gold ``speaker_name`` (strict match, else lenient);
* **silver**: news articles of the ANT corpora in ``../shared/data/news`` (Apache-2.0; gold articles left
  out) where the hand rules find a person's name as the explicit speaker of a verb cue
  (``وقال سامح شكري إن``). The name is then *hidden*: the quotation is ranked as if its verb had no
  subject (``وقال إن``), and the right candidate is another mention of the same person (an earlier
  ``شكري``, or the previous speaker). Groups where the person is not among the candidates are dropped.

The female first names the agreement features use are counted in the same corpora: a word that follows a
feminine reporting verb (``قالت``، ``أكدت``) far more often than a masculine one.

A logistic regression (scikit-learn, at training time only) scores each candidate; the package reads the
weights with plain Python. Dev figures are cross-validated by article (five folds, each trained on the
silver and the other four folds), per what the hand rules found (a name, a title, another phrase, nothing);
the model decides only for those states where it beat the rules there (``states`` in the weights file), and
the shipped weights are trained on everything.

    python training/train_speakers.py                   # silver from 2,000 articles, CV report, write weights
    python training/train_speakers.py --silver 1000 --no-write
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.gold.resolve import GOLD  # noqa: E402
from bench.gold.resolve_acts import ACTS_GOLD  # noqa: E402
from bench.gold.select_articles import articles_by_id  # noqa: E402
from bench.quotes_facts_bench import match, same_speaker  # noqa: E402
from khabar.quotes import ranker  # noqa: E402
from khabar.quotes.finder import find_quotes  # noqa: E402
from khabar_dev.corpora import iter_news  # noqa: E402

ARTICLES = ROOT / "bench" / "gold" / "articles.tsv"
OUT = ranker.WEIGHTS
SKIP = ["facts", "events", "dateline", "keywords", "summary", "topic", "quotes"]
_FEM_VERBS = "قالت|أكدت|أضافت|أوضحت|صرحت|أشارت|ذكرت|كشفت|أعلنت|اعتبرت|رأت|تابعت|لفتت|شددت|نفت|حذرت|دعت|طالبت"
_MASC_VERBS = "قال|أكد|أضاف|أوضح|صرح|أشار|ذكر|كشف|أعلن|اعتبر|رأى|تابع|لفت|شدد|نفى|حذر|دعا|طالب"
_FEM = re.compile(rf"(?:^|\s)[وف]?(?:{_FEM_VERBS})\s+([^\s،,.:«»\"]+)")
_MASC = re.compile(rf"(?:^|\s)[وف]?(?:{_MASC_VERBS})\s+([^\s،,.:«»\"]+)")


def gold_ids() -> tuple[set[str], set[str]]:
    """(every gold article id, the dev ones)."""
    every, dev = set(), set()
    for line in ARTICLES.read_text(encoding="utf-8").splitlines()[1:]:
        fields = line.split("\t")
        every.add(fields[0])
        if fields[2] == "dev":
            dev.add(fields[0])
    return every, dev


def permissive(article: Any) -> bool:
    """Whether an article may feed what ships: the ANT corpora (Apache-2.0), not SaudiNewsNet (CC BY-NC-SA)."""
    return not article.id.startswith("SNN-")


def female_names(excluded: set[str], limit: int = 400) -> list[str]:
    """First names that follow a feminine reporting verb at least 4 times and 90% of the time."""
    fem: Counter[str] = Counter()
    masc: Counter[str] = Counter()
    for article in iter_news():
        if article.id in excluded or not permissive(article):
            continue
        fem.update(ranker.fold(w) for w in _FEM.findall(article.text) if not w.startswith("ال"))
        masc.update(ranker.fold(w) for w in _MASC.findall(article.text) if not w.startswith("ال"))
    names = [w for w, n in fem.items() if n >= 4 and n >= 0.9 * (n + masc[w]) and len(w) > 2]
    return sorted(names, key=lambda w: -fem[w])[:limit]


def state_of(record: dict[str, Any], hidden: bool = False) -> str:
    return "none" if hidden else ranker.rule_state(record["view"], record["rule"])


def _group(view: Any, record: dict[str, Any], female: frozenset[str], hidden: bool = False) -> list[Any]:
    rule = None if hidden else record["rule"]
    found = ranker.candidates(view, record["anchor"], record["cue"], record["content"], rule, record["history"],
                              hidden=record["rule"][:2] if hidden else None, female=female)
    state = ranker.rule_state(view, rule)
    return [(name, ranker.context_features(feats, state, record["kind"])) for name, feats in found]


def dev_groups(female: frozenset[str]) -> list[dict[str, Any]]:
    """Labelled candidate groups of the dev split's matched quotations and speech acts."""
    import khabar

    _, dev = gold_ids()
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [row for row in rows if row["split"] == "dev" and row["id"] in dev]  # never the test split
    acts = {a["id"]: a for a in map(json.loads, ACTS_GOLD.read_text(encoding="utf-8").splitlines())}
    articles = articles_by_id({row["id"] for row in rows})
    groups = []
    for row in rows:
        text = articles[row["id"]].text
        doc = khabar.analyze(text, disable=SKIP)
        trace: list[dict[str, Any]] = []
        quotes = find_quotes(doc, trace=trace, learned=False)
        back = doc._.repair.to_original if doc._.repair is not None else (lambda p: p)
        spans = [(back(q.content_start), back(q.content_end)) for q in quotes]
        gold = [(tuple(q["content"]), q["speaker_name"]) for q in row["quotes"]]
        if row["id"] in acts:
            gold += [(tuple(a["content"]), a["speaker_name"]) for a in acts[row["id"]]["acts"]]
        pairs = dict(match(spans, [g[0] for g in gold], half=True))
        for record in trace:
            j = pairs.get(record["index"])
            if j is None or not (record["rule"] or record["inherit"]):
                continue
            span = gold[j][1]
            name = text[span[0]:span[1]] if span else None
            group = _group(record["view"], record, female)
            strict = [same_speaker(n, name)[0] for n, _ in group]
            lenient = [same_speaker(n, name)[1] for n, _ in group]
            rule_ok = same_speaker(record["rule_name"], name)
            groups.append({"article": row["id"], "gold": name, "rule_name": record["rule_name"],
                           "state": state_of(record),
                           "cands": group, "labels": strict if any(strict) else lenient,
                           "strict": strict, "lenient": lenient, "rule": rule_ok, "silver": False})
    return groups


def silver_groups(limit: int, excluded: set[str], female: frozenset[str], seed: int = 14) -> list[dict[str, Any]]:
    """Speakers hidden in news articles (see the module docstring); ``limit`` articles are analyzed."""
    import khabar

    pool = [a for a in iter_news() if a.id not in excluded and permissive(a) and 80 <= len(a.text.split()) <= 900
            and ("قال" in a.text or "أضاف" in a.text)]
    random.Random(seed).shuffle(pool)
    groups = []
    for article in pool[:limit]:
        doc = khabar.analyze(article.text, disable=SKIP)
        trace: list[dict[str, Any]] = []
        find_quotes(doc, trace=trace, learned=False)
        for record in trace:
            rule = record["rule"]
            if rule is None or record["cue"] is None:
                continue
            view = record["view"]
            ents = {view.ent[j] for j in range(rule[0], rule[1]) if view.ent[j] is not None}
            if not any(e.label_ == "PER" for e in ents):
                continue
            gold = record["rule_name"]
            group = _group(view, record, female, hidden=True)
            strict = [same_speaker(n, gold)[0] for n, _ in group]
            if len(group) < 2 or not any(strict):
                continue
            short = rule[1] - rule[0] == 1  # a surname alone: a person already introduced, as after وأضاف
            groups.append({"article": article.id, "state": "none", "short": short, "cands": group, "labels": strict,
                           "strict": strict,
                           "lenient": strict, "rule": (False, False), "silver": True})
    return groups


def fit(groups: list[dict[str, Any]], c: float, silver_weight: float) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, ys, ws = [], [], []
    for g in groups:
        if not any(g["labels"]):
            continue
        for (_, feats), y in zip(g["cands"], g["labels"]):
            rows.append(feats)
            ys.append(int(y))
            ws.append(silver_weight if g["silver"] else 1.0)
    vec = DictVectorizer()
    x = vec.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, ys, sample_weight=ws)
    return {f: float(w) for f, w in zip(vec.get_feature_names_out(), model.coef_[0])}


def _pick(group: dict[str, Any], weights: dict[str, float]) -> int:
    return max(range(len(group["cands"])), key=lambda i: ranker.score(group["cands"][i][1], weights))


def cross_validate(dev: list[dict[str, Any]], silver: list[dict[str, Any]], c: float,
                   sw: float) -> dict[str, list[int]]:
    """Per rule state: [quotations, model strict, model lenient, rules strict, rules lenient], each dev
    article's quotations scored by a model trained on the silver and the other four folds."""
    articles = sorted({g["article"] for g in dev})
    random.Random(7).shuffle(articles)
    fold_of = {a: i % 5 for i, a in enumerate(articles)}
    by_state: dict[str, list[int]] = {}
    for fold in range(5):
        weights = fit([g for g in dev if fold_of[g["article"]] != fold] + silver, c, sw)
        for g in dev:
            if fold_of[g["article"]] != fold:
                continue
            row = by_state.setdefault(g["state"], [0, 0, 0, 0, 0])
            row[0] += 1
            row[3] += g["rule"][0]
            row[4] += g["rule"][1]
            if g["cands"]:
                best = _pick(g, weights)
                row[1] += g["strict"][best]
                row[2] += g["lenient"][best]
    return by_state


def _wins(row: list[int]) -> bool:
    """Whether the model beats the rules on a state's quotations: no worse strict or lenient, better in one."""
    return row[1] >= row[3] and row[2] >= row[4] and (row[1], row[2]) != (row[3], row[4])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--silver", type=int, default=2000, help="news articles to draw silver speakers from")
    parser.add_argument("--c", type=float, default=None, help="regularization (default: chosen by dev CV)")
    parser.add_argument("--silver-weight", type=float, default=None)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    began = time.time()
    excluded, _ = gold_ids()
    female = female_names(excluded)
    print(f"{len(female)} female first names ({time.time() - began:.0f} s)", flush=True)
    fs = frozenset(female)
    dev = dev_groups(fs)
    print(f"dev: {len(dev)} quotations ({time.time() - began:.0f} s)", flush=True)
    silver = silver_groups(args.silver, excluded, fs)
    print(f"silver: {len(silver)} hidden speakers from {args.silver} articles, "
          f"{sum(len(g['cands']) for g in silver)} candidates ({time.time() - began:.0f} s)", flush=True)
    grid = [(c, sw) for c in (0.1, 0.3, 1.0) for sw in (0.0, 0.1, 0.3, 1.0)]
    if args.c is not None and args.silver_weight is not None:
        grid = [(args.c, args.silver_weight)]
    best: tuple[tuple[int, int, int, int], float, float, list[str]] | None = None
    for c, sw in grid:
        by_state = cross_validate(dev, silver, c, sw)
        states = sorted(state for state, row in by_state.items() if _wins(row))
        gated = (sum(row[1] if _wins(row) else row[3] for row in by_state.values()),
                 sum(row[2] if _wins(row) else row[4] for row in by_state.values()))
        n = sum(row[0] for row in by_state.values())
        model = (sum(row[1] for row in by_state.values()), sum(row[2] for row in by_state.values()))
        rules = (sum(row[3] for row in by_state.values()), sum(row[4] for row in by_state.values()))
        print(f"C={c} silver_weight={sw}: dev CV strict/lenient: model everywhere {model[0] / n:.3f}/"
              f"{model[1] / n:.3f}, rules {rules[0] / n:.3f}/{rules[1] / n:.3f}, model only where it wins "
              f"({', '.join(states) or 'nowhere'}) {gated[0] / n:.3f}/{gated[1] / n:.3f}; by state "
              + "; ".join(f"{k} {v[0]}: model {v[1]}/{v[2]} rules {v[3]}/{v[4]}" for k, v in sorted(by_state.items())),
              flush=True)
        if best is None or (*gated, *model) > best[0]:  # then the best model everywhere (if one is enabled)
            best = ((*gated, *model), c, sw, states)
    assert best is not None
    _, c, sw, states = best
    weights = fit(dev + silver, c, sw)
    decides = ", ".join(states) or "nowhere (the rules decide everywhere)"
    decides = ", ".join(states) or "nowhere (the rules decide everywhere)"
    print(f"chosen C={c} silver_weight={sw}; the model decides where the rules found: {decides}")
    for f, w in sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:25]:
        print(f"  {w:+.3f} {f}")
    if args.no_write:
        return
    OUT.parent.mkdir(parents=True, exist_ok=True)
    model = {"about": "khabar quote speaker resolver (training/train_speakers.py): logistic regression weights "
                      "per candidate feature; female first names counted in the news corpora",
             "trained_on": {"dev_quotations": len(dev), "silver_hidden_speakers": len(silver),
                            "silver_articles": args.silver, "C": c, "silver_weight": sw},
             "states": states,
             "weights": {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= 1e-3},
             "female_names": female}
    OUT.write_text(json.dumps(model, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(model['weights'])} weights)")


if __name__ == "__main__":
    main()
