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

:func:`find_events` turns the counted facts into incidents (:class:`Event`) in the style of ACLED/UCDP: the
counts of one sentence (casualties with the counts of strikes or shells, arrests, displacement, votes), split
where a clause (``كما``، ``بينما``) tells of another place, and joined with the next sentence when it goes on
with the same incident (same kind or none of its own, no other place or date). ``type`` is one of
:data:`EVENT_TYPES` (airstrike, shelling, explosion, armed_attack, clash, execution, arrest, displacement,
evacuation, accident, disaster, vote, other): from what was counted (arrests, displacement, votes), else the
incident word nearest the trigger (``غارة``، ``قصف``، ``انفجار``، ``برصاص``، ``اشتباكات``، ``إعدام``، ``حادث``،
``زلزال`` …; a specific word beats ``هجوم``). Each event has its ``trigger``, ``counts``, ``actors`` (``actor``:
who did it: an entity or armed-actor phrase after an attack or weapon word (``غارة للتحالف``، ``ألغام
الحوثيين``), after ``برصاص``/``بنيران``/``على يد``/``من قبل``, the subject of an active trigger verb after or
before it (``اعتقلت الشرطة 5``، ``وكانت جبهة النصرة قد خطفت``; never for ``أصيب``/``استشهد``…), the sides of
a clash (``اشتباكات بين … و…``، ``مواجهات مع …``); ``target``: the counted people when they are named
(``12 مدنيا``) and entities after ``استهدف``/``ضد``), ``location`` (where it happened: the place nearest the
trigger, a place after ``في``/``قرب``/… or a place word (``قرية``، ``مدينة``، ``منطقة`` — taken with it) counting
as half as far, a village before its province before the country; not a place that names an actor or an
institution (``الجيش السوري``، ``مندوب تونس``), an ally (``المتحالفين مع``), a seat, or the attribution; else
the place of an earlier sentence (``source`` ``"earlier"``); else the dateline; with its ``precision``: place,
region or country), ``date`` (the date expression nearest the trigger, not a ``منذ`` date, normalized by
:func:`resolve_date`, with its ``precision``; ``خلال الساعات الماضية`` is the publication day; None when the
incident's sentences name no date) and ``sentence`` (all its sentences).

:func:`find_dateline` gives the dateline place at the top of an article (``بيروت - ``، ``الرياض – واس``،
``دبي، الإمارات (CNN) --``).

>>> import khabar
>>> doc = khabar.analyze("قتل 12 شخصا وأصيب نحو 30 آخرين في غارة على إدلب أمس.")
>>> [(f.surface, f.low, f.high, f.event) for f in find_facts(doc)]
[('12', 12, 12, 'killed'), ('نحو 30', 30, 30, 'injured')]
>>> [(e.type, e.trigger.text, e.location["text"], e.date["value"])
...  for e in find_events(doc, published="2018-03-05")]
[('airstrike', 'قتل', 'إدلب', '2018-03-04')]
"""

from __future__ import annotations

from khabar.facts.counts import find_facts
from khabar.facts.dateline import find_dateline
from khabar.facts.dates import resolve_date
from khabar.facts.events import PLACE_KINDS, find_events
from khabar.facts.model import EVENT_TYPES, EVENTS, Actor, Event, Fact, Mention

__all__ = ["EVENTS", "EVENT_TYPES", "PLACE_KINDS", "Actor", "Event", "Fact", "Mention", "find_dateline",
           "find_events", "find_facts", "resolve_date"]
