"""khabar quotes: who said what, found by rules over an analyzed document.

:func:`find_quotes` takes the spaCy ``Doc`` that :func:`khabar.analyze` returns and gives one :class:`Quote`
per quotation, sorted by where its content starts (offsets into ``doc.text``, the repaired text):

* **direct** — text between ``« »``, ``“ ”`` or a pair of ASCII ``"`` (paired within one paragraph; a
  quote may run over several sentences). A mark left open at the end of its paragraph, or a closing mark
  with no opening one, gives no quote (it is skipped, nothing raises). Its cue and speaker come from a
  reporting verb before the opening mark (``قال الوزير: «…»``, ``الوزير قال: «…»``) or right after the
  closing one (``«…»، قال شكري``, ``«…»، بحسب البيان``). A short fragment (three words or fewer) with no
  cue is taken for a name or a term in quote marks (``صحيفة «الأهرام»``) and left out.
* **indirect** — a reporting verb (any person or tense, clitics split: ``وأكدت``، ``فأضاف``، ``يقول``)
  followed within a few tokens, after its speaker, by ``إن``/``أن``/``بأن`` (``أشار إلى أن``،
  ``حذر من أن``); the content runs from the word after ``إن``/``أن`` to the end of the sentence. A source
  attribution (``بحسب``، ``حسب``، ``وفقا لـ``، ``نقلا عن``، ``على لسان``) whose noun phrase is a person, an
  organisation or a title gives an indirect quote too: the content is the rest of the sentence after
  the attribution's comma, or else the sentence before the attribution.
* **mixed** — an indirect quote whose content holds a quoted fragment (``أكد أن «…»``); the fragment is
  not reported again as a direct quote.

The speaker is the PER/ORG entity or the noun phrase headed by a title (``المتحدث باسم الخارجية``،
``مصادر مطلعة``، ``الوزير``) right after the verb (VSO) or right before it (SVO); ``speaker_name`` is the
entity's canonical form (the fullest name in the article) or the description's text. A reporting verb
with no subject of its own (``وأضاف``، ``وقال``) takes ``speaker_name`` from the previous quote, else from the
person or organisation named just before it; a passive one (``يقال``) has none.

>>> import khabar
>>> doc = khabar.analyze("قال وزير الخارجية سامح شكري إن مصر ترفض التدخل. وأضاف: «لن نقبل بذلك».")
>>> [(q.type, q.content, q.cue, q.speaker_name) for q in find_quotes(doc)]
[('indirect', 'مصر ترفض التدخل', 'قال', 'سامح شكري'), ('direct', 'لن نقبل بذلك', 'أضاف', 'سامح شكري')]
"""

from __future__ import annotations

from khabar.quotes.finder import find_quotes
from khabar.quotes.model import Quote

__all__ = ["Quote", "find_quotes"]
