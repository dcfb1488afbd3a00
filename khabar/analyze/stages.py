"""The stages after names, as spaCy components that write their result on the ``Doc``.

:func:`khabar.load` adds them after the shipped model's components, in this order; each reads the Doc only
(never calls the analyzer back) and can be left out by its short name (``khabar.load(disable=["topic"])``,
``khabar analyze --skip topic``):

======== ====================== ============================================ =================================
name     component              assigns                                      reads
======== ====================== ============================================ =================================
quotes   ``khabar_quotes``      ``doc._.quotes`` (:class:`khabar.quotes.Quote`) tokens, POS, sentences, entities
facts    ``khabar_facts``       ``doc._.facts`` (:class:`khabar.facts.Fact`)    tokens, POS, sentences, entities
events   ``khabar_events``      ``doc._.events`` (:class:`khabar.facts.Event`)  ``doc._.facts``, ``doc._.published``
dateline ``khabar_dateline``    ``doc._.dateline`` (dict or None)            entities and their links
keywords ``khabar_keywords``    ``doc._.keywords`` (top 10)                   lemmas, POS, entities
summary  ``khabar_summary``     ``doc._.headline``, ``doc._.summary`` (3)     sentences, entities
topic    ``khabar_topic``       ``doc._.topic`` (:class:`khabar.topic.Topic`)   text, entity links
======== ====================== ============================================ =================================

An attribute stays None when its stage did not run; ``doc._.stages`` lists the short names of the stages
that ran.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from khabar.facts import find_dateline, find_events, find_facts
from khabar.keywords import keywords
from khabar.quotes import find_quotes
from khabar.summarize import headline, summarize
from khabar.topic import classify

__all__ = ["ARTICLE_STAGES", "DOC_ATTRIBUTES", "STAGES", "ensure_doc_attributes"]

#: short name → component name, in pipeline order
STAGES = {"quotes": "khabar_quotes", "facts": "khabar_facts", "events": "khabar_events",
          "dateline": "khabar_dateline", "keywords": "khabar_keywords", "summary": "khabar_summary",
          "topic": "khabar_topic"}
#: the article-level stages (a long text streamed by chunks gets them from its first chunk only)
ARTICLE_STAGES = ("khabar_keywords", "khabar_summary", "khabar_topic")
DOC_ATTRIBUTES = ("stages", "quotes", "facts", "events", "dateline", "keywords", "headline", "summary", "topic")
KEYWORDS = 10
SUMMARY_SENTENCES = 3


def ensure_doc_attributes() -> None:
    """Register the ``Doc`` extension attributes the stages fill (None until a stage runs)."""
    for name in DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


ensure_doc_attributes()

_READS_NAMES = ["token.pos", "doc.sents", "doc.ents"]


def _ran(doc: Doc, name: str) -> None:
    doc._.stages = (*(doc._.stages or ()), name)


@Language.component("khabar_quotes", requires=_READS_NAMES, assigns=["doc._.quotes"])
def quotes_stage(doc: Doc) -> Doc:
    """Reported speech with its cue and speaker (:func:`khabar.quotes.find_quotes`)."""
    doc._.quotes = find_quotes(doc)
    _ran(doc, "quotes")
    return doc


@Language.component("khabar_facts", requires=_READS_NAMES, assigns=["doc._.facts"])
def facts_stage(doc: Doc) -> Doc:
    """Counted numbers (:func:`khabar.facts.find_facts`)."""
    doc._.facts = find_facts(doc)
    _ran(doc, "facts")
    return doc


@Language.component("khabar_events", requires=["doc._.facts"], assigns=["doc._.events"])
def events_stage(doc: Doc) -> Doc:
    """Event records from the sentence's counted facts, dates resolved against ``doc._.published``."""
    facts = doc._.facts
    doc._.events = find_events(doc, facts if facts is not None else find_facts(doc), published=doc._.published)
    _ran(doc, "events")
    return doc


@Language.component("khabar_dateline", requires=["doc.ents"], assigns=["doc._.dateline"])
def dateline_stage(doc: Doc) -> Doc:
    """The place the article was filed from (:func:`khabar.facts.find_dateline`)."""
    doc._.dateline = find_dateline(doc)
    _ran(doc, "dateline")
    return doc


@Language.component("khabar_keywords", requires=["token.lemma", "token.pos", "doc.ents"],
                    assigns=["doc._.keywords"])
def keywords_stage(doc: Doc) -> Doc:
    """The top keywords (:func:`khabar.keywords.keywords`)."""
    doc._.keywords = keywords(doc, top=KEYWORDS)
    _ran(doc, "keywords")
    return doc


@Language.component("khabar_summary", requires=["doc.sents", "doc.ents"], assigns=["doc._.headline", "doc._.summary"])
def summary_stage(doc: Doc) -> Doc:
    """The headline sentence and a 3-sentence summary (:mod:`khabar.summarize`)."""
    doc._.headline = headline(doc)
    doc._.summary = summarize(doc, sentences=SUMMARY_SENTENCES)
    _ran(doc, "summary")
    return doc


@Language.component("khabar_topic", requires=["doc.ents"], assigns=["doc._.topic"])
def topic_stage(doc: Doc) -> Doc:
    """Subject and region (:func:`khabar.topic.classify`)."""
    doc._.topic = classify(doc)
    _ran(doc, "topic")
    return doc
