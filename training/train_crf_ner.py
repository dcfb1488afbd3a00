"""Train the CRF entity tagger (``khabar/analyze/data/ner.crfsuite``) and its feature tables.

Reads what :mod:`training.make_spacy_data` and :mod:`training.train_vectors` wrote to /tmp/khabar-train:
the NER DocBins (ANERcorp train part minus its last tenth, + AQMAR; the last tenth is the validation set)
and the floret vectors. Writes three files into ``khabar/analyze/data``:

* ``clusters.tsv.gz``  — folded word → ``coarse-fine`` k-means cluster (32 / 256) of its floret vector, for
  the 60k commonest tokens of the ANT news;
* ``gazetteer.tsv.gz`` — ANERGazet person/location/organisation names and the Arabic country names
  (pycountry, CLDR), folded, with their type;
* ``name_words.tsv.gz`` — folded word → how often it is part of a Wikidata person name (order of magnitude
  of its count in NETransliteration's 65k name-word pairs) and whether it is an Arabic word of Google's
  Wikipedia name pairs (``3t``);
* ``wiki_names.tsv.gz`` — the names annotated in WikiFANE Gold (Arabic Wikipedia), folded, with their
  coarse type (the commonest when a name has several);
* ``ner.crfsuite``     — the CRF (L-BFGS, elastic net).

    python training/train_crf_ner.py            # ~5 min on 2 cores; prints validation F1
    python training/train_crf_ner.py --skip-clusters --final   # the shipped model, without the vectors step
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
from khabar.analyze.crf import DATA, fold, load_lexicons, load_tables, sentence_features  # noqa: E402
from training.convert_ner import (  # noqa: E402
    WIKIFANE_FILE,
    gazetteer_entries,
    ner_data_dir,
    read_gazetteers,
    read_wikifane,
)

WORK = Path("/tmp/khabar-train")
#: L-BFGS with elastic net; c1/c2 chosen on the validation set
DEFAULT_PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 200, "feature.possible_transitions": True}


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


def build_name_words() -> dict[str, str]:
    """Folded word → ``<magnitude of its Wikidata person-name count>[t]`` (``t``: a Wikipedia name-pair word)."""
    gazetteers = ner_data_dir().parent / "gazetteers"
    counts: Counter[str] = Counter()
    wikidata = gazetteers / "NETransliteration-wd-arabic" / "wd_arabic.normalized.aligned.tokens"
    for line in wikidata.read_text(encoding="utf-8").splitlines():
        _, letters, count = line.split("\t")
        counts[fold(letters.replace(" ", ""))] += int(count)
    pair_words = set()
    for line in (gazetteers / "google-transliteration-ar2en" / "ar2en.txt").read_text(encoding="utf-8").splitlines():
        pair_words.add(fold(line.split("\t")[0]))
    out = {}
    for word in set(counts) | pair_words:
        count = counts.get(word, 0)
        magnitude = min(4, len(str(count))) if count else 0
        value = f"{magnitude}{'t' if word in pair_words else ''}"
        if word and value != "0":
            out[word] = value
    return out


#: longest Wikipedia name kept in the lookup table (the lookup tries every length up to the longest)
MAX_NAME_TOKENS = 8


def build_wiki_names() -> dict[str, str]:
    """Folded WikiFANE Gold names → their commonest coarse type."""
    by_name: dict[str, Counter[str]] = {}
    for sentence in read_wikifane(ner_data_dir() / WIKIFANE_FILE):
        i = 0
        while i < len(sentence):
            tag = sentence[i][1]
            if not tag.startswith("B-"):
                i += 1
                continue
            j = i + 1
            while j < len(sentence) and sentence[j][1] == "I-" + tag[2:]:
                j += 1
            name = " ".join(fold(token) for token, _ in sentence[i:j])
            if j - i > MAX_NAME_TOKENS:  # a run of names tagged as one (up to 104 tokens): no use for lookup
                i = j
                continue
            by_name.setdefault(name, Counter())[tag[2:]] += 1
            i = j
    # the commonest type; ties go to the type seen first (Counter keeps insertion order)
    return {name: kinds.most_common(1)[0][0] for name, kinds in by_name.items()}


def predicted_tags(docs: Sequence[Doc]) -> list[list[str]]:
    """The trained tagger's tags for every non-space token of each doc (as the pipeline will give them)."""
    import khabar.analyze.components  # noqa: F401

    trained = WORK / "tags" / "model-best"
    if trained.exists():
        tagger = spacy.load(trained, exclude=["trainable_lemmatizer"])
    else:  # the shipped pipeline's tagger is the same model (train_models.py assembles it from model-best)
        tagger = spacy.load(DATA.parent / "model", exclude=[
            "trainable_lemmatizer", "khabar_upos", "khabar_sentences", "khabar_crf_ner", "khabar_expressions",
            "khabar_entities"])
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
    parser.add_argument("--c1", type=float, default=DEFAULT_PARAMS["c1"])
    parser.add_argument("--c2", type=float, default=DEFAULT_PARAMS["c2"])
    parser.add_argument("--iterations", type=int, default=DEFAULT_PARAMS["max_iterations"])
    parser.add_argument("--skip-tables", action="store_true", help="use the feature tables as they are")
    parser.add_argument("--skip-clusters", action="store_true",
                        help="rebuild the name tables but keep clusters.tsv.gz (no vectors needed)")
    parser.add_argument("--coarse", type=int, default=32, help="k of the coarse word-vector clusters")
    parser.add_argument("--fine", type=int, default=256, help="k of the fine word-vector clusters")
    parser.add_argument("--final", action="store_true",
                        help="after validating, train again on training + validation sentences (the shipped model)")
    parser.add_argument("--no-tags", action="store_true", help="leave the tagger's UPOS tags out of the features")
    parser.add_argument("--model", type=Path, default=DATA / "ner.crfsuite")
    args = parser.parse_args(argv)
    import pycrfsuite

    if not args.skip_tables:
        if not args.skip_clusters:
            write_tsv_gz(DATA / "clusters.tsv.gz", build_clusters(coarse_k=args.coarse, fine_k=args.fine).items())
        write_tsv_gz(DATA / "gazetteer.tsv.gz", build_gazetteer().items())
        write_tsv_gz(DATA / "name_words.tsv.gz", build_name_words().items())
        write_tsv_gz(DATA / "wiki_names.tsv.gz", build_wiki_names().items())
        load_tables.cache_clear()
        load_lexicons.cache_clear()
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
