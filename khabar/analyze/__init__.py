"""khabar analyze: tokens, sentences, POS, lemmas and named entities for Arabic news.

:func:`analyze` repairs the text (:func:`khabar.repair`), then runs the shipped spaCy pipeline
(:func:`load`) over the repaired text and returns a spaCy :class:`~spacy.tokens.Doc`:

* ``doc.text`` — the repaired text; ``doc._.original`` the raw input; ``doc._.repair`` the
  :class:`khabar.repair.Repair` with every edit (offsets into the original);
* tokens in the UD Arabic convention (clitics split, each a substring of the text), ``token.norm_`` the
  normalized UD form, ``token.pos_`` UPOS, ``token.lemma_``;
* ``doc.sents``; ``doc.ents`` with PER/LOC/ORG/MISC and DATE/TIME/MONEY/PERCENT/QUANTITY, each with
  ``span._.canonical`` and ``span._.link``;
* the stages of :mod:`khabar.analyze.stages`: ``doc._.quotes``, ``doc._.facts``, ``doc._.events``,
  ``doc._.dateline``, ``doc._.keywords``, ``doc._.headline``, ``doc._.summary``, ``doc._.topic``
  (``load(disable=[...])`` leaves stages out).

:func:`to_dict` gives the JSON shape of ``khabar analyze --json`` (:class:`khabar.schema.Analysis`);
:func:`to_conllu` and :func:`to_html` the other views. Long texts are processed paragraph by paragraph
(:func:`iter_chunks`).

The package is layered: :mod:`~khabar.analyze.components` (the spaCy registrations of the model's own
components) → :mod:`~khabar.analyze.stages` (quotes, facts, events, dateline, keywords, summary, topic) →
:mod:`~khabar.analyze.pipeline` (load and run) → :mod:`~khabar.analyze.output` (the analysis as data).
"""

from __future__ import annotations

import sys
import types
from typing import Any

from spacy.tokens import Doc

from khabar.analyze.output import article_views, speakers, to_conllu, to_dict, to_html, views, write_json
from khabar.analyze.pipeline import (
    CHUNK_CHARS,
    MODEL_DIR,
    AnalyzeResourceError,
    analyze,
    is_loaded,
    iter_chunks,
    load,
    pipe,
    publication_date,
)
from khabar.analyze.stages import STAGES

__all__ = ["CHUNK_CHARS", "MODEL_DIR", "STAGES", "AnalyzeResourceError", "analyze", "article_views", "is_loaded",
           "iter_chunks", "load", "pipe", "publication_date", "speakers", "to_conllu", "to_dict", "to_html", "views",
           "write_json"]


class _CallableModule(types.ModuleType):
    """``khabar.analyze`` is both this subpackage and the function: calling the module calls :func:`analyze`."""

    def __call__(self, text: str, **options: Any) -> Doc:
        return analyze(text, **options)


sys.modules[__name__].__class__ = _CallableModule
