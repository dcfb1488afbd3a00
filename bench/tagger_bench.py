"""UPOS and lemma accuracy of khabar's pipeline on the PADT v1.3 test file (diacritics removed).

The models were trained on PADT *dev* only; this script is the only place the test file is read for tags.
Two settings:

* ``gold tokens``  — the test sentences cut into the gold syntactic words (as pieces of the written
  tokens, exactly as :mod:`training.make_spacy_data` does for training), then tagged: the usual
  "given gold segmentation" figure;
* ``khabar tokens`` — the written sentence tokenized by khabar itself; a gold word counts as right only
  when khabar's token for it has the same span *and* the right tag/lemma (segmentation errors count).

Tags are compared in PADT v1.3's own UPOS names (``token.tag_``; UD v1's CONJ, which ``pos_`` gives as
the UD v2 CCONJ). Words PADT left unanalysed (``U---------``, about 6 %) have no gold tag and are not scored.
Lemmas are compared undiacritized; *lenient* also folds alef-hamza forms and ى/ي.

    python bench/tagger_bench.py           # table; JSON in bench/results/tagger-khabar.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from khabar.analyze import load  # noqa: E402
from khabar_dev.corpora import require_shared_data  # noqa: E402
from training.convert_treebanks import PADT_DIR, read_padt  # noqa: E402
from training.make_spacy_data import padt_doc  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "tagger-khabar.json"
_ALEFS = re.compile("[أإآٱ]")
TAGGING = ("tok2vec", "tagger", "khabar_upos", "trainable_lemmatizer")


def fold(lemma: str) -> str:
    """Lenient lemma: alef forms → ا, ى → ي."""
    return _ALEFS.sub("ا", lemma).replace("ى", "ي")


def gold_docs(data: Path) -> list[spacy.tokens.Doc]:
    """PADT test as Docs of gold pieces with gold tags (``tag_`` empty where PADT has none)."""
    vocab = spacy.blank("ar").vocab
    stats: Counter[str] = Counter()
    return [padt_doc(vocab, s, stats) for s in read_padt(data / PADT_DIR / "ar-ud-test.conllu")]


def main(argv: Sequence[str] | None = None) -> int:
    """Tag the test file both ways, print the table, write JSON."""
    parser = argparse.ArgumentParser(description="UPOS and lemma accuracy on PADT test")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    data = require_shared_data()
    nlp = load()
    golds = gold_docs(data)
    counts: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    start = time.perf_counter()
    with nlp.select_pipes(enable=list(TAGGING)):
        for gold in golds:
            pred = spacy.tokens.Doc(nlp.vocab, words=[t.text for t in gold], spaces=[bool(t.whitespace_) for t in gold])
            for p, g in zip(pred, gold):
                p.norm_ = g.norm_
            pred = nlp(pred)
            for p, g in zip(pred, gold):
                if not g.tag_:
                    continue
                counts["words"] += 1
                counts["upos"] += p.tag_ == g.tag_
                counts["lemma"] += p.lemma_ == g.lemma_
                counts["lemma_lenient"] += fold(p.lemma_) == fold(g.lemma_)
                counts["both"] += p.tag_ == g.tag_ and p.lemma_ == g.lemma_
                if p.tag_ != g.tag_:
                    confusion[g.tag_, p.tag_] += 1
    gold_seconds = time.perf_counter() - start
    e2e: Counter[str] = Counter()
    for gold in golds:
        pred = nlp(gold.text)
        by_span = {(t.idx, t.idx + len(t.text)): t for t in pred}
        for g in gold:
            if not g.tag_:
                continue
            e2e["words"] += 1
            p = by_span.get((g.idx, g.idx + len(g.text)))
            if p is None:
                continue
            e2e["segmented"] += 1
            e2e["upos"] += p.tag_ == g.tag_
            e2e["lemma"] += p.lemma_ == g.lemma_
    n, m = counts["words"], e2e["words"]
    report = {
        "gold_tokens": {"words": n, "upos": counts["upos"] / n, "lemma": counts["lemma"] / n,
                        "lemma_lenient": counts["lemma_lenient"] / n, "upos_and_lemma": counts["both"] / n,
                        "seconds": round(gold_seconds, 1)},
        "khabar_tokens": {"words": m, "token_span_right": e2e["segmented"] / m, "upos": e2e["upos"] / m,
                          "lemma": e2e["lemma"] / m},
        "top_upos_confusions": [[g, p, c] for (g, p), c in confusion.most_common(12)],
    }
    g, k = report["gold_tokens"], report["khabar_tokens"]
    print("| setting | words | UPOS | lemma (lenient) |\n|---|---|---|---|")
    print(f"| gold tokens | {n:,} | {g['upos']:.4f} | {g['lemma']:.4f} ({g['lemma_lenient']:.4f}) |")
    print(f"| khabar tokens (span right {k['token_span_right']:.4f}) | {m:,} | {k['upos']:.4f} | {k['lemma']:.4f} |")
    print("top confusions (gold → predicted):", ", ".join(f"{a}→{b} {c}" for a, b, c in report["top_upos_confusions"]))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
