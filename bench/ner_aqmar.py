"""Out-of-domain entity figure: AQMAR (Arabic Wikipedia) held out by article.

The 28 AQMAR articles are cut into four folds (sorted by name, every fourth article). For each fold a CRF
is trained exactly as the shipped one (:mod:`training.train_crf_ner`: same features, tables and
settings) on the whole ANERcorp training part plus the AQMAR articles of the other three folds, and the
held-out articles are analyzed by the full pipeline with that CRF in place, scored as
:mod:`bench.ner_bench` scores ANERcorp (entity level, AQMAR's own tokens; MIS0–MIS3 count as MISC).
The ANERcorp test split is never read.

    python bench/ner_aqmar.py        # ~8 min on 2 cores; JSON in bench/results/ner-aqmar.json
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.ner_bench import predict_groups  # noqa: E402
from bench.ner_score import markdown_confusion, markdown_scores, score  # noqa: E402
from khabar.analyze import load  # noqa: E402
from khabar_dev.corpora import require_shared_data  # noqa: E402
from training.convert_ner import anercorp_split, read_anercorp_lines, read_aqmar_articles  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "ner-aqmar.json"
FOLDS = 4


def train_fold(train_sentences: Sequence, model: Path) -> None:
    """A CRF trained on these sentences with the shipped model's features and settings."""
    import pycrfsuite
    import spacy

    from khabar.analyze.tokenizer import KhabarTokenizer
    from training.make_spacy_data import ner_doc
    from training.train_crf_ner import DEFAULT_PARAMS, doc_rows

    tokenizer = KhabarTokenizer(spacy.blank("ar").vocab)
    stats: Counter[str] = Counter()
    docs = [ner_doc(tokenizer, s, stats) for s in train_sentences if s]
    xs, ys = doc_rows(docs, tags=True)
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(xs, ys):
        trainer.append(x, y)
    trainer.set_params(DEFAULT_PARAMS)
    trainer.train(str(model))


def main(argv: Sequence[str] | None = None) -> int:
    """Train and score each fold; print the pooled table; write JSON."""
    import pycrfsuite

    parser = argparse.ArgumentParser(description="khabar NER on AQMAR, held out by article")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    data = require_shared_data()
    anercorp = anercorp_split(read_anercorp_lines(data / "ner" / "ANERcorp" / "ANERCorp")).train
    articles = read_aqmar_articles(data / "ner" / "AQMAR")
    names = sorted(articles)
    crf = load().get_pipe("khabar_crf_ner")
    shipped = crf.tagger
    gold: list[list[str]] = []
    predicted: list[list[str]] = []
    folds = []
    start = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for k in range(FOLDS):
                held = names[k::FOLDS]
                rest = [s for name in names if name not in held for s in articles[name]]
                model = Path(tmp) / f"fold{k}.crfsuite"
                train_fold(anercorp + rest, model)
                crf.tagger = pycrfsuite.Tagger()
                crf.tagger.open(str(model))
                test = [s for name in held for s in articles[name] if s]
                fold_gold = [[tag for _, tag in s] for s in test]
                fold_pred = predict_groups(test, "clean")
                result = score(fold_gold, fold_pred)
                folds.append({"articles": held, **result.as_dict()})
                print(f"fold {k}: {len(held)} articles, F1 {100 * result.micro.f1:.2f}", flush=True)
                gold += fold_gold
                predicted += fold_pred
    finally:
        crf.tagger = shipped
    result = score(gold, predicted)
    print(f"\n## AQMAR, held out by article ({time.perf_counter() - start:.0f} s)\n\n{markdown_scores(result)}")
    print(f"\n{markdown_confusion(result)}")
    report = {"articles": len(names), "folds": folds, "pooled": result.as_dict(),
              "sentences": len(gold), "tokens": sum(map(len, gold))}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
