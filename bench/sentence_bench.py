"""Sentence-boundary precision/recall/F1 of :func:`khabar.analyze.sentences.split_sentences` on UD Arabic-PADT.

PADT v1.3 has no ``# text`` lines and no document ids: the sentence ids are ``s-p1``, ``s-p2`` … and start again
at ``s-p1`` with each new document (news story). The sentences of each document (undiacritized written tokens
joined by spaces, :func:`training.convert_treebanks.read_padt`) are joined by single spaces into one running
text; the gold boundaries are the ends of every sentence but the document's last (the end of a document is not
counted). A predicted boundary is the end of every span but the last; it counts when it falls exactly on a gold
one. Two forms of the text are scored:

* ``tokenized``: as PADT writes it, every punctuation mark a token (``قال " نعم " .``);
* ``detokenized``: punctuation attached as in running news text (``قال "نعم".``): no space before ``. ، : ؟ !``
  and closing brackets and quotes, none after opening ones; an ASCII ``"`` opens or closes by its parity in the
  sentence, and the documents that write guillemets backwards (``» … «``, as some PADT stories do) get them
  turned round first, as :func:`khabar.repair` would have paired them.

The baseline splits after every ``.`` ``!`` ``?`` ``؟``. PADT "sentences" are not always sentences: the first of
each document is a headline without a final point (joined to the next sentence by a space it can be found only
by a newline, which the running text does not have), and some gold sentences hold several sentences with
points inside them; both are counted and reported, not tuned away.

    python bench/sentence_bench.py                 # dev (tuning is done on dev only)
    python bench/sentence_bench.py --split test    # held-out test, run once at the end
    python bench/sentence_bench.py --errors 20     # also print 20 missed and 20 spurious boundaries (dev)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from khabar.analyze.sentences import TERMINATORS, split_sentences  # noqa: E402
from khabar_dev.corpora import require_shared_data  # noqa: E402
from training.convert_treebanks import PADT_DIR, read_padt  # noqa: E402

Splitter = Callable[[str], list[tuple[int, int]]]
_NAIVE = re.compile(r"[^.!?؟]*[.!?؟]|[^.!?؟]+")
_ATTACH_LEFT = re.compile(r" ([.،,:;؛؟?!)\]}»])")
_ATTACH_RIGHT = re.compile(r"([(\[{«]) ")
_PARAGRAPH = re.compile(r"p(\d+)$")


def naive_split(text: str) -> list[tuple[int, int]]:
    """Baseline: a sentence ends after every ``.`` ``!`` ``?`` ``؟`` (spans stripped, empty ones dropped).

    >>> text = "قال. نعم؟ لا"
    >>> [text[a:b] for a, b in naive_split(text)]
    ['قال.', 'نعم؟', 'لا']
    """
    spans = []
    for match in _NAIVE.finditer(text):
        piece = match.group()
        stripped = piece.strip()
        if stripped:
            begin = match.start() + len(piece) - len(piece.lstrip())
            spans.append((begin, begin + len(stripped)))
    return spans


def detokenize(sentence: str) -> str:
    """Attach PADT's punctuation tokens to their words, as running text writes them.

    >>> detokenize('قال " نعم " ( أ ف ب ) .')
    'قال "نعم" (أ ف ب).'
    """
    text = _ATTACH_RIGHT.sub(r"\1", _ATTACH_LEFT.sub(r"\1", sentence))
    pieces = text.split('"')
    out = pieces[0]
    for index, piece in enumerate(pieces[1:]):
        if index % 2 == 0:  # an opening quote: no space after it
            out += '"' + piece.lstrip(" ")
        else:  # a closing quote: no space before it
            out = out.rstrip(" ") + '"' + piece
    return out


def turn_guillemets(sentences: list[str]) -> list[str]:
    """The sentences of one document with ``«`` and ``»`` swapped when the first guillemet in it is ``»``.

    >>> turn_guillemets(["قال » نعم « ."])
    ['قال « نعم » .']
    """
    joined = "".join(sentences)
    first = min((i for i in (joined.find("«"), joined.find("»")) if i >= 0), default=-1)
    if first < 0 or joined[first] == "«":
        return sentences
    table = str.maketrans("«»", "»«")
    return [sentence.translate(table) for sentence in sentences]


def documents(path: Path) -> list[list[str]]:
    """The sentences of ``path`` (PADT CoNLL-U), grouped into documents by the restart of ``s-pN`` at 1."""
    docs: list[list[str]] = []
    previous = 0
    for sentence in read_padt(path):
        match = _PARAGRAPH.search(sentence.sent_id)
        number = int(match.group(1)) if match else previous + 1
        if not docs or number <= previous:
            docs.append([])
        docs[-1].append(sentence.text)
        previous = number
    return docs


def join(sentences: Sequence[str]) -> tuple[str, set[int]]:
    """Running text of one document and its gold boundaries (end offsets of all sentences but the last)."""
    text, gold, offset = [], set(), 0
    for index, sentence in enumerate(sentences):
        text.append(sentence)
        offset += len(sentence)
        if index < len(sentences) - 1:
            gold.add(offset)
            offset += 1
    return " ".join(text), gold


def score(docs: list[list[str]], splitter: Splitter, errors: int = 0) -> dict[str, float | int]:
    """Boundary precision, recall and F1 of ``splitter`` over the documents (printing some errors if asked)."""
    tp = fp = fn = chars = 0
    missed: list[str] = []
    spurious: list[str] = []
    seconds = 0.0
    for sentences in docs:
        text, gold = join(sentences)
        chars += len(text)
        started = time.perf_counter()
        spans = splitter(text)
        seconds += time.perf_counter() - started
        predicted = {end for _, end in spans[:-1]}
        tp += len(predicted & gold)
        fp += len(predicted - gold)
        fn += len(gold - predicted)
        if errors:
            missed += [f"{text[max(0, b - 50):b]} ‖ {text[b:b + 30]}" for b in sorted(gold - predicted)]
            spurious += [f"{text[max(0, b - 50):b]} ‖ {text[b:b + 30]}" for b in sorted(predicted - gold)]
    if errors:
        print("missed:", *missed[:errors], sep="\n  ")
        print("spurious:", *spurious[:errors], sep="\n  ")
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4), "tp": tp, "fp": fp,
            "fn": fn, "chars_per_s": round(chars / seconds) if seconds else 0}


def limits(docs: list[list[str]]) -> dict[str, int]:
    """Counts that bound any punctuation-based splitter on this gold."""
    boundaries = sum(len(sentences) - 1 for sentences in docs)
    unterminated = sum(1 for sentences in docs for s in sentences[:-1] if s.rstrip(' "»)')[-1:] not in TERMINATORS)
    inner = sum(1 for sentences in docs for s in sentences if re.search(r"[^ ]+ [.!?؟] +[^ .!?؟\"»)]", s[:-2]))
    return {"documents": len(docs), "gold_boundaries": boundaries,
            "boundaries_after_unterminated_sentence": unterminated,
            "gold_sentences_with_inner_terminator": inner}


def main(argv: Sequence[str] | None = None) -> int:
    """Score khabar and the baseline on PADT dev (or test) in both text forms; print a table and the JSON."""
    parser = argparse.ArgumentParser(description="sentence-boundary P/R/F1 on UD Arabic-PADT")
    parser.add_argument("--split", choices=["dev", "test"], default="dev")
    parser.add_argument("--errors", type=int, default=0, help="print this many khabar errors (detokenized)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    data = require_shared_data()
    tokenized = documents(data / PADT_DIR / f"ar-ud-{args.split}.conllu")
    detokenized = [[detokenize(sentence) for sentence in turn_guillemets(doc)] for doc in tokenized]
    forms = {"tokenized": tokenized, "detokenized": detokenized}
    rows = []
    print(f"PADT {args.split}: {json.dumps(limits(tokenized))}")
    print("| text | splitter | P | R | F1 | tp | fp | fn |\n|---|---|---|---|---|---|---|---|")
    for form, docs in forms.items():
        for name, splitter in (("naive . ! ? ؟", naive_split), ("khabar", split_sentences)):
            result = score(docs, splitter, args.errors if name == "khabar" and form == "detokenized" else 0)
            rows.append({"split": args.split, "text": form, "splitter": name, **result})
            print(f"| {form} | {name} | {result['precision']:.3f} | {result['recall']:.3f} | {result['f1']:.3f} "
                  f"| {result['tp']} | {result['fp']} | {result['fn']} |")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
