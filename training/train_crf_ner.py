"""Train the CRF entity tagger (``khabar/analyze/data/ner.crfsuite``) and its feature tables.

Reads what :mod:`training.make_spacy_data` and :mod:`training.train_vectors` wrote to /tmp/khabar-train:
the NER DocBins (ANERcorp train part minus its last tenth, + AQMAR; the last tenth is the validation set)
and the floret vectors. Writes three files into ``khabar/analyze/data``:

* ``clusters.tsv.gz``  — folded word → ``coarse-fine`` k-means cluster (32 / 256) of its floret vector, for
  the 60k commonest tokens of the ANT news;
* ``gazetteer.tsv.gz`` — ANERGazet person/location/organisation names and the Arabic country names
  (pycountry, CLDR), folded, with their type;
* ``ner.crfsuite``     — the CRF (L-BFGS, elastic net).

    python training/train_crf_ner.py            # ~5 min on 2 cores; prints validation F1
"""

from __future__ import annotations

import argparse
import gzip
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import spacy
from spacy.tokens import Doc, DocBin

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.ner_score import markdown_scores, score  # noqa: E402
from khabar.analyze.crf import DATA, fold, load_tables, sentence_features  # noqa: E402
from training.convert_ner import gazetteer_entries, ner_data_dir, read_gazetteers  # noqa: E402

WORK = Path("/tmp/khabar-train")


def write_tsv_gz(path: Path, rows: Iterable[tuple[str, str]]) -> None:
    """Sorted rows, gzip with mtime 0 (reproducible bytes)."""
    body = "".join(f"{a}\t{b}\n" for a, b in sorted(rows)).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(body)


def build_clusters(words: int = 60_000, coarse_k: int = 32, fine_k: int = 256) -> dict[str, str]:
    """k-means clusters of the floret vectors of the commonest corpus tokens."""
    from sklearn.cluster import MiniBatchKMeans

    counts: Counter[str] = Counter()
    with open(WORK / "vectors" / "corpus.txt", encoding="utf-8") as handle:
        for line in handle:
            counts.update(line.split())
    vocab = spacy.load(WORK / "vectors" / "model").vocab
    surface = [w for w, _ in counts.most_common(words)]
    matrix = np.array([vocab.get_vector(w) for w in surface], dtype="float32")
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True) + 1e-8
    coarse = MiniBatchKMeans(coarse_k, random_state=13, n_init=3, batch_size=4096).fit_predict(matrix)
    fine = MiniBatchKMeans(fine_k, random_state=13, n_init=3, batch_size=4096).fit_predict(matrix)
    out: dict[str, str] = {}
    for w, c, f in zip(surface, coarse, fine):
        out.setdefault(fold(w), f"{c}-{f}")
    return out


def build_gazetteer() -> dict[str, str]:
    """Folded multi-word names → type from ANERGazet and the Arabic country names (pycountry, CLDR)."""
    out: dict[str, str] = {}
    for entry, kind in gazetteer_entries(read_gazetteers(ner_data_dir() / "ANERcorp")).items():
        key = " ".join(fold(w) for w in entry.split())
        if key:
            out.setdefault(key, kind)
    countries = ner_data_dir().parent / "gazetteers" / "country-names-ar" / "countries_ar.derived.tsv"
    for line in countries.read_text(encoding="utf-8").splitlines()[1:]:
        for name in line.split("\t")[3:]:
            key = " ".join(fold(w) for w in name.split())
            if key:
                out.setdefault(key, "LOC")
    return out


def predicted_tags(docs: Sequence[Doc]) -> list[list[str]]:
    """The trained tagger's tags for every non-space token of each doc (as the pipeline will give them)."""
    import khabar.analyze.components  # noqa: F401

    tagger = spacy.load(WORK / "tags" / "model-best", exclude=["trainable_lemmatizer"])
    out = []
    for doc in tagger.pipe(Doc(tagger.vocab, words=[t.text for t in d], spaces=[bool(t.whitespace_) for t in d])
                           for d in docs):
        out.append([t.tag_ or "X" for t in doc if not t.is_space])
    return out


def doc_rows(docs: Sequence[Doc], tags: bool) -> tuple[list[list[list[str]]], list[list[str]]]:
    """(features, BIO labels) per doc."""
    xs, ys = [], []
    all_tags = predicted_tags(docs) if tags else [None] * len(docs)
    for doc, doc_tags in zip(docs, all_tags):
        toks = [t for t in doc if not t.is_space]
        xs.append(sentence_features([t.text for t in toks], [t.norm_ for t in toks], [not t.whitespace_ for t in toks],
                                    doc_tags))
        ys.append([f"{t.ent_iob_}-{t.ent_type_}" if t.ent_type_ else "O" for t in toks])
    return xs, ys


def main(argv: Sequence[str] | None = None) -> int:
    """Build tables, train, report validation F1."""
    parser = argparse.ArgumentParser(description="train the CRF entity tagger")
    parser.add_argument("--c1", type=float, default=0.05)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--iterations", type=int, default=200)
    parser.add_argument("--skip-tables", action="store_true")
    parser.add_argument("--coarse", type=int, default=32, help="k of the coarse word-vector clusters")
    parser.add_argument("--fine", type=int, default=256, help="k of the fine word-vector clusters")
    parser.add_argument("--final", action="store_true",
                        help="after validating, train again on training + validation sentences (the shipped model)")
    parser.add_argument("--no-tags", action="store_true", help="leave the tagger's UPOS tags out of the features")
    parser.add_argument("--model", type=Path, default=DATA / "ner.crfsuite")
    args = parser.parse_args(argv)
    import pycrfsuite

    if not args.skip_tables:
        write_tsv_gz(DATA / "clusters.tsv.gz", build_clusters(coarse_k=args.coarse, fine_k=args.fine).items())
        write_tsv_gz(DATA / "gazetteer.tsv.gz", build_gazetteer().items())
        load_tables.cache_clear()
    nlp = spacy.blank("ar")
    train = list(DocBin().from_disk(WORK / "ner-train.spacy").get_docs(nlp.vocab))
    dev = list(DocBin().from_disk(WORK / "ner-dev.spacy").get_docs(nlp.vocab))
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.iterations, "feature.possible_transitions": True}
    train_rows, dev_rows = doc_rows(train, not args.no_tags), doc_rows(dev, not args.no_tags)
    trainer = pycrfsuite.Trainer(verbose=False)
    for x, y in zip(*train_rows):
        trainer.append(x, y)
    trainer.set_params(params)
    model = args.model
    trainer.train(str(model))
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    predicted = [tagger.tag(x) for x in dev_rows[0]]
    print("validation (last tenth of ANERcorp's training part):")
    print(markdown_scores(score(dev_rows[1], predicted)))
    if args.final:
        trainer = pycrfsuite.Trainer(verbose=False)
        for x, y in zip(train_rows[0] + dev_rows[0], train_rows[1] + dev_rows[1]):
            trainer.append(x, y)
        trainer.set_params(params)
        trainer.train(str(model))
        print("final model trained on training + validation sentences")
    print(f"model {model.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
