"""khabar facts: counted numbers and the events they report, found by rules over an analyzed document.

:func:`find_facts` takes the spaCy ``Doc`` that :func:`khabar.analyze` returns and gives one :class:`Fact` per
number that counts or measures something (offsets into ``doc.text``, the repaired text), in text order:

* **which numbers** — every number :func:`khabar.expressions.find_numbers` reads (digits in any script,
  words such as ``خمسة وعشرين``, vague words ``عشرات``، ``آلاف``، ``بضعة``) except dates and clock times (inside a
  DATE/TIME entity; a year after ``عام``/``في``/``منذ`` or with an era word, ``683هـ``; a bare ``2015`` with no
  counted noun; day numbers of spaced dates ``3 / 6 / 2012``), durations, ages and ranks (a time unit or
  ``مرتبة`` after the number: ``3 سنوات``، ``40 عاما``; ``السنوات الـ15``), identifiers (after ``القرار``،
  ``المادة``، ``رقم``، ``الرمز``، ``المركز``، a Latin word, weapon and product names; glued to a word by ``-`` or
  ``+``: ``كوفيد-19``، ``5+1``; list numbers ``2 - …``، ``(1) الشهادة``; dimensions ``4×6``), ordinals
  (``الذكرى الـ70``، ``الرابعة عشرة``), sport scores (``3-1``، ``2 - صفر``), goals and match points, and
  ``واحد`` (never a count here) or ``اثنان`` unless it follows its noun or precedes ``من`` (``جنديان اثنان``،
  ``اثنان من المحامين``);
* **surface, low, high** — the number with its approximator or bound before it (``نحو``، ``حوالي``، ``قرابة``,
  ``أكثر من``، ``ما لا يقل عن``، ``أقل من``), its scale words and, for money and percentages, the currency or
  percent word. ``أكثر من 100`` → low 100, high None; ``أقل من 100`` → low None, high 100; ``نحو 100`` → 100/100,
  ``approximate``; ``12 شخصا على الأقل`` → low 12, high None. Ranges (``بين 10 و20``، ``10 إلى 20``، ``3 أو 4``,
  ``10-20``) are one fact; ``ارتفع من 10 إلى 20`` (a change) stays two;
* **unit** — the counted noun right after the number (over ``من``: ``آلاف من اللاجئين``), else a counted noun
  right before it (``عدد القتلى إلى 50``); the currency word for money; the measure word for quantities;
* **event** — ``money`` and ``percentage`` from the expression (also a bare number after ``بمبلغ``/``بقيمة`` or
  ``بنسبة``); otherwise the counted noun (``قتيلا``, ``جرحى``, ``معتقلين``, ``نازح``, ``مفقودين``, ``صوتا``,
  ``حالات وفاة``), else, for people or an unnamed count, the word that says what happened: a verb right after
  the noun (``5 أشخاص قتلوا``), the nearest trigger before the number in its clause (``قتل``، ``مقتل``،
  ``لقي حتفه``، ``أصيب``، ``اعتقل``، ``نزح``، ``فر``، ``أجلي``، ``صوت`` … with any clitics, or a casualty noun such
  as ``عدد القتلى``; the search stops at another verb), or one a few words after (``أجبروا على الهروب``);
  ``بينهم 17`` takes the event of the count it belongs to. Other people counts are ``people_other`` (people nouns
  are listed, plus participle plurals ``مشتبهين`` and nisba nouns ``مدنيا``), things ``other``.
  Saudi Press Agency decimals (``1ر22 مليار``) and ``.``-thousands (``562.344 رخصة``) are read.

:func:`find_events` groups the casualty facts of each sentence into :class:`Event` records in the style of
ACLED/UCDP. ``type`` is one of :data:`EVENT_TYPES`: ``killed``/``injured``/``missing`` (one event for the
casualties of a sentence, typed by the gravest count), ``arrested``, ``displaced_or_evacuated``, ``vote`` (votes
and seats), and ``attack`` (a count of strikes, rockets, shells or bombings with no casualty count; with one,
those counts join the casualty event). Each event has its ``trigger``, ``counts``, ``actors`` (``actor``: an
entity or armed-actor phrase after an attack word (``غارة للتحالف``), after ``برصاص``/``بنيران``/``على يد``/
``من قبل``, or the subject of an active trigger verb (``اعتقلت الشرطة 5``); ``target``: the counted people when
they are named (``12 مدنيا``) and entities after ``استهدف``/``ضد``), ``location`` (the linked place nearest the
trigger in the sentence, a place after ``في``/``قرب``/… preferred; else an unlinked place of the sentence; else
the dateline place), ``date`` (the DATE expression nearest the trigger, normalized by :func:`resolve_date`; with
none, the publication date when one is given) and ``sentence``.

:func:`find_dateline` gives the dateline place at the top of an article (``بيروت - ``، ``الرياض – واس``،
``دبي، الإمارات (CNN) --``).

>>> import khabar
>>> doc = khabar.analyze("قتل 12 شخصا وأصيب نحو 30 آخرين في غارة على إدلب أمس.")
>>> [(f.surface, f.low, f.high, f.event) for f in find_facts(doc)]
[('12', 12, 12, 'killed'), ('نحو 30', 30, 30, 'injured')]
>>> [(e.type, e.trigger.text, e.location["text"], e.date["value"])
...  for e in find_events(doc, published="2018-03-05")]
[('killed', 'قتل', 'إدلب', '2018-03-04')]
"""

from __future__ import annotations

from khabar.facts.counts import find_facts
from khabar.facts.dateline import find_dateline
from khabar.facts.dates import resolve_date
from khabar.facts.events import PLACE_KINDS, find_events
from khabar.facts.model import EVENT_TYPES, EVENTS, Actor, Event, Fact, Mention

__all__ = ["EVENTS", "EVENT_TYPES", "PLACE_KINDS", "Actor", "Event", "Fact", "Mention", "find_dateline",
           "find_events", "find_facts", "resolve_date"]
