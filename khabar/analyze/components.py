"""khabar's spaCy registrations: the tokenizer and the rule-based pipeline components.

Importing this module registers, by name:

* ``khabar.Tokenizer.v1`` — :class:`khabar.analyze.tokenizer.KhabarTokenizer` (UD clitic tokens);
* ``khabar_upos`` — copies the tagger's label (a UPOS tag) into ``token.pos_``;
* ``khabar_sentences`` — sentence starts from :func:`khabar.analyze.sentences.split_sentences`;
* ``khabar_crf_ner`` — PER/LOC/ORG/MISC from the CRF of :mod:`khabar.analyze.crf`;
* ``khabar_expressions`` — DATE/TIME/MONEY/PERCENT/QUANTITY from :mod:`khabar.expressions`, with
  the normalized value in ``span._.value`` (``"2015-07-14"``, ``"5000000 USD"``, ``"3.5"``; None when unknown);
* ``khabar_entities`` — canonical forms, same-article short mentions and gazetteer links
  (:mod:`khabar.analyze.entities`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import numpy
from spacy import symbols as spacy_symbols
from spacy.attrs import IDX, POS, SENT_START, TAG
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from khabar.analyze.crf import CrfTagger
from khabar.analyze.entities import annotate_entities
from khabar.analyze.sentences import split_sentences
from khabar.analyze.tokenizer import KhabarTokenizer
from khabar.expressions import find_expressions

UPOS = frozenset(
    ["ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ",
     "SYM", "VERB", "X"]
)


@registry.tokenizers("khabar.Tokenizer.v1")
def create_tokenizer() -> Any:
    """UD clitic tokenizer (see :mod:`khabar.analyze.tokenizer`)."""

    def make(nlp: Language) -> KhabarTokenizer:
        return KhabarTokenizer(nlp.vocab)

    return make


#: PADT v1.3 follows UD v1, whose CONJ became CCONJ in UD v2 (``tag_`` keeps the treebank's own name)
UD1_TO_UD2 = {"CONJ": "CCONJ"}


@Language.component("khabar_upos")
def copy_upos(doc: Doc) -> Doc:
    """The tagger predicts PADT's UPOS tags as ``tag_``; set ``pos_`` to the UD v2 name."""
    if not len(doc):
        return doc
    strings = doc.vocab.strings
    tags = doc.to_array([TAG]).tolist()
    pos = [_upos_id(strings[t]) if t else 0 for t in tags]
    return doc.from_array([POS], numpy.array(pos, dtype="uint64").reshape(-1, 1))


@lru_cache(maxsize=64)
def _upos_id(tag: str) -> int:
    """spaCy's id of the UD v2 POS for one of the tagger's labels (0, no POS, for anything else)."""
    name = UD1_TO_UD2.get(tag, tag)
    return int(spacy_symbols.IDS[name]) if name in UPOS else 0


@Language.component("khabar_sentences")
def set_sentences(doc: Doc) -> Doc:
    """Sentence starts at the token where each sentence of :func:`split_sentences` begins."""
    if not len(doc):
        return doc
    starts = {start for start, _ in split_sentences(doc.text)}
    # one array write instead of a per-token setter (which re-checks the whole doc each time)
    flags = [1 if i == 0 or idx in starts else -1 for i, idx in enumerate(doc.to_array([IDX]).tolist())]
    return doc.from_array([SENT_START], numpy.array(flags, dtype="int64").astype("uint64").reshape(-1, 1))


@Language.factory("khabar_crf_ner", default_config={"use_tags": True, "propagate": True})
def make_crf_ner(nlp: Language, name: str, use_tags: bool, propagate: bool) -> Any:
    """PER/LOC/ORG/MISC from the CRF in ``khabar/analyze/data/ner.crfsuite`` (see :mod:`khabar.analyze.crf`)."""
    return CrfTagger(use_tags=use_tags, propagate=propagate)


@Language.component("khabar_expressions")
def add_expressions(doc: Doc) -> Doc:
    """Add number and time expressions as entities; one that covers a name whole replaces it."""
    spans = []
    for expr in find_expressions(doc.text):
        span = doc.char_span(expr.start, expr.end, label=expr.label, alignment_mode="expand")
        if span is not None:
            span._.value = expr.value  # kept by (start, end) in doc.user_data, so doc.ents sees it too
            spans.append(span)
    if spans:
        # a name keeps its span unless an expression covers it whole (``14 تموز`` is a date, not a month name)
        kept = [e for e in doc.ents if not any(s.start <= e.start and e.end <= s.end for s in spans)]
        free = [s for s in spans if not any(s.start < e.end and e.start < s.end for e in kept)]
        doc.ents = sorted(kept + free, key=lambda span: span.start)
    return doc


@Language.component("khabar_entities")
def describe_entities(doc: Doc) -> Doc:
    """Canonical forms and links for every entity (see :mod:`khabar.analyze.entities`)."""
    annotate_entities(doc)
    return doc


def ensure_extensions() -> None:
    """Register the ``Span``/``Doc`` extension attributes khabar fills."""
    for name in ("canonical", "link", "value"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    for name in ("repair", "original", "published"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


ensure_extensions()
