"""Turn the training gold into spaCy ``DocBin`` files tokenized the way khabar tokenizes.

* **Tags and lemmas** — PADT v1.3 *dev* only (``ar-ud-dev.conllu``; the test file is never read here).
  Each written token is cut into the pieces whose normalized forms are the gold UD words
  (:func:`khabar.segment.candidates`), so training tokens are substrings of the text exactly as at run
  time. UPOS goes into ``tag_`` (the tagger's label) and ``pos_``; the undiacritized lemma into ``lemma_``.
  Every tenth sentence is kept apart as the validation set for early stopping.
* **Entities** — ANERcorp's training part (all but the last 25,008 lines, :func:`anercorp_split`) and all
  of AQMAR. Each sentence's tokens are joined by spaces and tokenized by :class:`KhabarTokenizer`; an
  entity's leading proclitic pieces (``و`` of ``ولبنان``) are left outside it. The last tenth of the
  ANERcorp training sentences is the validation set.

    python training/make_spacy_data.py      # writes /tmp/khabar-train/{tags,ner}-{train,dev}.spacy
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from khabar.analyze.tokenizer import KhabarTokenizer  # noqa: E402
from khabar.segment import candidates  # noqa: E402
from khabar_dev.corpora import require_shared_data  # noqa: E402
from training.convert_ner import Sentence as NerSentence  # noqa: E402
from training.convert_ner import load_all  # noqa: E402
from training.convert_treebanks import PADT_DIR, Sentence, Token, read_padt  # noqa: E402

OUT = Path("/tmp/khabar-train")
PROCLITIC_PIECES = frozenset({"و", "ف", "ب", "ل", "ك", "س"})


def gold_pieces(token: Token) -> list[str] | None:
    """Substrings of the written token whose normalized forms are the gold words (None if none fits)."""
    forms = tuple(token.forms)
    if len(forms) == 1:
        return [token.text]
    for cand in candidates(token.text):
        if cand.key() == forms:
            return [piece.text for piece in cand.pieces()]
    return None


def padt_doc(vocab: spacy.Vocab, sentence: Sentence, stats: Counter[str]) -> Doc:
    """One PADT sentence as a Doc with gold pieces, UPOS and lemmas (unanalysed tokens get no tags)."""
    words: list[str] = []
    spaces: list[bool] = []
    norms: list[str] = []
    tags: list[str | None] = []
    lemmas: list[str | None] = []
    for token in sentence.tokens:
        pieces = gold_pieces(token)
        stats["tokens"] += 1
        if pieces is None or not token.analyzed:
            stats["untagged tokens"] += 1
            words.append(token.text)
            norms.append(token.text)
            tags.append(None)
            lemmas.append(None)
        else:
            for piece, seg in zip(pieces, token.segments):
                words.append(piece)
                norms.append(seg.form)
                tags.append(seg.upos)
                lemmas.append(seg.lemma or seg.form)
        spaces.extend([False] * (len(words) - len(spaces)))
        spaces[-1] = True
    doc = Doc(vocab, words=words, spaces=spaces)
    for tok, norm, tag, lemma in zip(doc, norms, tags, lemmas):
        tok.norm_ = norm
        if tag is not None:
            tok.tag_ = tag
            tok.pos_ = tag
            tok.lemma_ = lemma or tok.text
    return doc


def ner_doc(tokenizer: KhabarTokenizer, sentence: NerSentence, stats: Counter[str]) -> Doc:
    """One NER sentence, retokenized, with its entities (proclitics left outside)."""
    text = " ".join(token for token, _ in sentence)
    doc = tokenizer(text)
    spans: list[tuple[int, int, str]] = []
    pos = 0
    for token, tag in sentence:
        start, end = pos, pos + len(token)
        pos = end + 1
        if tag.startswith("B-") or (tag.startswith("I-") and (not spans or spans[-1][2] != tag[2:] or
                                                               spans[-1][1] != start - 1)):
            spans.append((start, end, tag[2:]))
        elif tag.startswith("I-"):
            spans[-1] = (spans[-1][0], end, spans[-1][2])
    ents = []
    for start, end, label in spans:
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None:
            stats["entities lost"] += 1
            continue
        first = span.start
        while first < span.end - 1 and doc[first].text in PROCLITIC_PIECES and not doc[first].whitespace_:
            first += 1
        stats["entities"] += 1
        stats["entities trimmed"] += first > span.start
        ents.append(Span(doc, first, span.end, label=label))
    doc.ents = ents
    return doc


def write(docs: Iterable[Doc], path: Path) -> int:
    """Save Docs to a DocBin file; returns how many."""
    bin_ = DocBin(attrs=["ORTH", "NORM", "TAG", "POS", "LEMMA", "ENT_IOB", "ENT_TYPE", "SENT_START"])
    n = 0
    for doc in docs:
        bin_.add(doc)
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    bin_.to_disk(path)
    return n


def main(argv: Sequence[str] | None = None) -> int:
    """Write the four DocBin files and print counts."""
    parser = argparse.ArgumentParser(description="make spaCy training data")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    data = require_shared_data()
    nlp = spacy.blank("ar")
    stats: Counter[str] = Counter()
    padt = read_padt(data / PADT_DIR / "ar-ud-dev.conllu")
    docs = [padt_doc(nlp.vocab, s, stats) for s in padt]
    n_train = write((d for i, d in enumerate(docs) if i % 10), args.out / "tags-train.spacy")
    n_dev = write((d for i, d in enumerate(docs) if not i % 10), args.out / "tags-dev.spacy")
    print(f"tags: {n_train} train / {n_dev} dev sentences; {dict(stats)}")
    stats.clear()
    tokenizer = KhabarTokenizer(nlp.vocab)
    split, aqmar = load_all(data)
    cut = len(split.train) * 9 // 10
    train = [ner_doc(tokenizer, s, stats) for s in split.train[:cut] + aqmar]
    dev = [ner_doc(tokenizer, s, stats) for s in split.train[cut:]]
    print(f"ner: {write(train, args.out / 'ner-train.spacy')} train / {write(dev, args.out / 'ner-dev.spacy')} dev "
          f"sentences; {dict(stats)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
