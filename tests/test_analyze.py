"""Tests for :mod:`khabar.analyze` on Arabic news sentences written for these tests (ugly ones included)."""

from __future__ import annotations

import json
from io import StringIO

import pytest

import khabar
from khabar.analyze import iter_chunks, load, to_conllu, to_dict, to_html, write_json

NEWS = (
    "القاهرة (رويترز) - قال وزير الخارجية المصري سامح شكري في القاهرة يوم الأحد إن بلاده ستقدم "
    "5 ملايين دولار للبنان. وأضاف شكري أن الاتفاق مع الأمم المتحدة سيوقع في 14 يوليو 2015."
)


@pytest.fixture(scope="module")
def news_doc():  # type: ignore[no-untyped-def]
    return khabar.analyze(NEWS)


def test_module_is_callable_and_returns_doc(news_doc) -> None:  # type: ignore[no-untyped-def]
    assert news_doc.text == NEWS  # clean text: repair changes nothing
    assert news_doc._.original == NEWS
    assert news_doc._.repair is not None and news_doc._.repair.edits == []
    assert callable(khabar.analyze)
    assert khabar.load() is load()


def test_every_token_is_a_substring_in_order(news_doc) -> None:  # type: ignore[no-untyped-def]
    rebuilt = "".join(t.text_with_ws for t in news_doc)
    assert rebuilt == news_doc.text
    for token in news_doc:
        assert news_doc.text[token.idx: token.idx + len(token.text)] == token.text


def test_clitics_split_with_normalized_forms() -> None:
    doc = khabar.analyze("وللسيطرة على المدينة قالوا إنهم سيعودون لبيوتهم")
    pieces = [(t.text, t.norm_) for t in doc]
    assert pieces[:3] == [("و", "و"), ("ل", "ل"), ("لسيطرة", "السيطرة")]
    assert ("هم", "هم") in pieces  # إنهم / لبيوتهم: the pronoun is a token of its own


def test_numbers_urls_latin_and_quotes_are_own_tokens() -> None:
    doc = khabar.analyze("نشرت «CNN» تقريرا على https://example.com/a?b=1 بنسبة 3.5% في 2015")
    texts = [t.text for t in doc]
    for expected in ("«", "CNN", "»", "https://example.com/a?b=1", "3.5", "%", "2015"):
        assert expected in texts


def test_pos_and_lemmas_on_a_news_sentence(news_doc) -> None:  # type: ignore[no-untyped-def]
    by_text = {t.text: t for t in news_doc}
    assert by_text["قال"].pos_ == "VERB"
    assert by_text["وزير"].pos_ == "NOUN"
    assert by_text["في"].pos_ == "ADP"
    assert by_text["."].pos_ == "PUNCT"
    assert all(t.pos_ for t in news_doc if not t.is_space)
    assert all(t.lemma_ for t in news_doc if not t.is_space)


def test_sentences_keep_the_dateline(news_doc) -> None:  # type: ignore[no-untyped-def]
    sents = [s.text for s in news_doc.sents]
    assert len(sents) == 2
    assert sents[0].startswith("القاهرة (رويترز) - قال")


def test_entities_people_places_and_numbers(news_doc) -> None:  # type: ignore[no-untyped-def]
    ents = {(e.text, e.label_) for e in news_doc.ents}
    assert ("سامح شكري", "PER") in ents
    assert ("القاهرة", "LOC") in {(e.text, e.label_) for e in news_doc.ents if e.start_char > 10}
    labels = {e.label_ for e in news_doc.ents}
    assert {"MONEY", "DATE"} <= labels
    money = next(e for e in news_doc.ents if e.label_ == "MONEY")
    assert money.text == "5 ملايين دولار"


def test_short_mention_links_to_full_name(news_doc) -> None:  # type: ignore[no-untyped-def]
    later = [e for e in news_doc.ents if e.text == "شكري"]
    assert later and later[0]._.canonical == "سامح شكري"


def test_place_link_and_clitic_folded_canonical(news_doc) -> None:  # type: ignore[no-untyped-def]
    lebanon = [e for e in news_doc.ents if e._.canonical == "لبنان"]
    assert lebanon, [(e.text, e.label_, e._.canonical) for e in news_doc.ents]
    assert lebanon[0].text == "لبنان"  # the ل of للبنان stays outside the entity
    assert lebanon[0]._.link["id"] == "ISO:LB"
    cairo = next(e for e in news_doc.ents if e.text == "القاهرة" and e.label_ == "LOC")
    assert cairo._.link is not None and abs(cairo._.link["lat"] - 30.0) < 0.5


def test_damaged_text_is_repaired_then_analyzed() -> None:
    damaged = "قال الرئيسفي بيانه إن الحكومه ستبني مستشفي جديدا ¢ نحن مستعدون ¢"
    doc = khabar.analyze(damaged)
    assert doc._.original == damaged
    assert doc.text != damaged
    assert "في" in [t.text for t in doc]
    undone = doc._.repair.undo()
    assert undone == damaged
    raw = khabar.analyze(damaged, repair=False)
    assert raw.text == damaged and raw._.repair is None


@pytest.mark.parametrize("text", ["", " ", "\n\n", "😀🔥", "hello world", "٣٤٥", "؟؟؟", "ـــ", "\x00\ufeff"])
def test_odd_inputs(text: str) -> None:
    doc = khabar.analyze(text)
    d = to_dict(doc)
    assert isinstance(d["tokens"], list)
    assert all(d["text"][t["start"]: t["end"]] == t["text"] for t in d["tokens"])


def test_non_str_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        khabar.analyze(b"bytes")  # type: ignore[arg-type]


def test_json_shape(news_doc) -> None:  # type: ignore[no-untyped-def]
    d = to_dict(news_doc)
    assert {"text", "edits", "sentences", "tokens", "entities"} <= set(d)
    assert set(d["tokens"][0]) == {"start", "end", "text", "norm", "pos", "lemma"}
    assert set(d["entities"][0]) == {"start", "end", "text", "label", "canonical", "link"}
    for ent in d["entities"]:
        assert d["text"][ent["start"]: ent["end"]] == ent["text"]
    json.dumps(d, ensure_ascii=False)


def test_write_json_streams_the_same_object(news_doc) -> None:  # type: ignore[no-untyped-def]
    out = StringIO()
    write_json(NEWS, out)
    streamed = json.loads(out.getvalue())
    direct = to_dict(news_doc)
    assert streamed["tokens"] == direct["tokens"]
    assert streamed["entities"] == direct["entities"]
    assert streamed["sentences"] == direct["sentences"]


def test_long_text_is_chunked_with_exact_offsets() -> None:
    text = "\n\n".join([NEWS] * 120)  # ~25k characters: more than one chunk
    chunks = list(iter_chunks(text))
    assert len(chunks) > 1 and "".join(c for _, c in chunks) == text
    doc = khabar.analyze(text, repair=False)
    assert doc.text == text
    assert len([e for e in doc.ents if e.text == "سامح شكري"]) == 120
    out = StringIO()
    write_json(text, out, repair=False)
    d = json.loads(out.getvalue())
    assert all(text[t["start"]: t["end"]] == t["text"] for t in d["tokens"])
    assert len(d["tokens"]) == len([t for t in doc if not t.is_space])


def test_iter_chunks_cuts_a_long_line_at_spaces() -> None:
    text = "كلمة " * 10_000
    chunks = list(iter_chunks(text, size=1000))
    assert "".join(c for _, c in chunks) == text
    assert all(len(c) <= 1000 for _, c in chunks)
    assert all(c.endswith(" ") for _, c in chunks[:-1])


def test_conllu_and_html(news_doc) -> None:  # type: ignore[no-untyped-def]
    conllu = to_conllu(news_doc)
    rows = [line.split("\t") for line in conllu.splitlines() if line and not line.startswith("#")]
    assert all(len(r) == 10 for r in rows)
    assert conllu.count("# sent_id") == 2
    page = to_html(news_doc)
    assert 'dir="rtl"' in page and "سامح شكري" in page and "PER" in page


def test_missing_model_is_a_clear_error(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import khabar.analyze.pipeline as pipeline

    monkeypatch.setattr(pipeline, "MODEL_DIR", tmp_path / "gone")
    pipeline._load.cache_clear()
    try:
        with pytest.raises(pipeline.AnalyzeResourceError, match="missing"):
            pipeline.load()
    finally:
        monkeypatch.undo()
        pipeline._load.cache_clear()
    assert load().pipe_names  # the real model loads again


def test_pipe_matches_analyze_in_order() -> None:
    texts = [NEWS, "", "وقالالوزير ان ¢الوضع صعب¢", "\n\n".join([NEWS] * 120)]
    docs = list(khabar.analyze.pipe(texts, batch_size=2))
    assert [d._.original for d in docs] == texts
    for text, doc in zip(texts, docs):
        single = khabar.analyze(text)
        assert doc.text == single.text
        assert [(e.start_char, e.label_) for e in doc.ents] == [(e.start_char, e.label_) for e in single.ents]
    with pytest.raises(TypeError):
        list(khabar.analyze.pipe([NEWS, 3]))  # type: ignore[list-item]


# ---------------------------------------------------------------- quotes, facts, events in the JSON view


def test_json_has_quotes_speakers_facts_events(news_doc) -> None:  # type: ignore[no-untyped-def]
    d = to_dict(news_doc)
    assert {"quotes", "speakers", "facts", "events", "dateline", "published"} <= set(d)
    quotes = d["quotes"]
    assert [q["type"] for q in quotes] == ["indirect", "indirect"]
    for quote in quotes:
        assert set(quote) == {"type", "act", "content", "cue", "speaker", "speaker_name", "speaker_entity"}
        assert d["text"][quote["content"]["start"]: quote["content"]["end"]] == quote["content"]["text"]
        assert d["text"][quote["cue"]["start"]: quote["cue"]["end"]] == quote["cue"]["text"]
    first, second = quotes
    assert first["speaker"]["text"] == "وزير الخارجية المصري سامح شكري"
    assert first["speaker_name"] == second["speaker_name"] == "سامح شكري"
    entity = first["speaker_entity"]
    assert entity["label"] == "PER" and d["entities"][entity["index"]]["text"] == entity["text"]
    assert d["speakers"] == [{"name": "سامح شكري", "entity": {k: entity[k] for k in ("label", "canonical", "link")},
                              "count": 2, "quotes": [0, 1]}]
    money = [f for f in d["facts"] if f["event"] == "money"]
    assert [(f["low"], f["high"]) for f in money] == [(5_000_000, 5_000_000)]
    assert d["text"][money[0]["start"]: money[0]["end"]] == money[0]["surface"]
    json.dumps(d, ensure_ascii=False)


def test_publication_date_resolves_relative_dates() -> None:
    text = "قتل 12 شخصا في انفجار سيارة مفخخة في بغداد أمس."
    dated = to_dict(khabar.analyze(text, published="2018-07-15"))
    assert dated["published"] == "2018-07-15"
    event = next(e for e in dated["events"] if e["type"] == "explosion")
    assert event["date"]["value"] == "2018-07-14"
    assert event["location"]["link"]["country"] == "IQ"
    undated = to_dict(khabar.analyze(text))
    assert next(e for e in undated["events"] if e["type"] == "explosion")["date"]["value"] is None
    with pytest.raises(ValueError, match="ISO date"):
        khabar.analyze(text, published="yesterday")


def test_write_json_streams_the_same_views(news_doc) -> None:  # type: ignore[no-untyped-def]
    out = StringIO()
    write_json(NEWS, out, published="2015-07-10")
    streamed = json.loads(out.getvalue())
    direct = to_dict(khabar.analyze(NEWS, published="2015-07-10"))
    for key in ("quotes", "speakers", "facts", "events", "dateline", "published"):
        assert streamed[key] == direct[key], key


def test_views_of_a_chunked_text_keep_exact_offsets() -> None:
    text = "\n\n".join([NEWS] * 60)  # more than one chunk
    out = StringIO()
    write_json(text, out, repair=False)
    d = json.loads(out.getvalue())
    assert len(d["quotes"]) == 120
    assert all(text[q["content"]["start"]: q["content"]["end"]] == q["content"]["text"] for q in d["quotes"])
    assert all(text[f["start"]: f["end"]] == f["surface"] for f in d["facts"])
    assert d["speakers"][0]["name"] == "سامح شكري" and d["speakers"][0]["count"] == 120
    for quote in d["quotes"]:
        entity = quote["speaker_entity"]
        assert entity is None or d["entities"][entity["index"]]["text"] == entity["text"]


@pytest.mark.parametrize("text", [
    "«" * 500 + "قال الوزير",  # unbalanced marks
    "قال الرئيس: «" + "كلام طويل " * 3000,  # a quote that never closes, longer than any article
    "قتل12شخصا وأصيب30آخرون",  # numbers glued to words
    "٣٤٥٦٧٨٩٠١٢٣٤٥٦٧٨٩٠" * 200,  # 4,000 digits
    "5 " * 2000,  # 2,000 numbers (the name tagger once took them for one name and spread it, very slowly)
    "وأضاف أن",  # a cue with nothing after it
    "لا اقتباس هنا ولا أرقام.",
])
def test_views_on_ugly_input(text: str) -> None:
    d = to_dict(khabar.analyze(text))
    for quote in d["quotes"]:
        assert d["text"][quote["content"]["start"]: quote["content"]["end"]] == quote["content"]["text"]
    for fact in d["facts"]:
        assert d["text"][fact["start"]: fact["end"]] == fact["surface"]
    json.dumps(d, ensure_ascii=False)


def test_the_pipeline_loads_the_spacy_way() -> None:
    import spacy

    nlp = spacy.load("khabar")
    assert nlp is load()
    doc = nlp("قال الوزير إن 3 أشخاص قتلوا في بيروت.")
    assert doc._.facts and doc._.facts[0].low == 3 and doc._.stages
    assert "khabar_topic" not in spacy.load("khabar", disable=["topic"]).pipe_names
    assert spacy.load("khabar", enable=["tok2vec", "tagger", "khabar_upos"]).pipe_names == [
        "tok2vec", "tagger", "khabar_upos"]
    with pytest.raises(ValueError, match="no such stage"):
        load(disable=["names"])
    with pytest.raises(ValueError, match="overrides"):
        spacy.load("khabar", config={"nlp": {"batch_size": 2}})


def test_html_view_is_right_to_left_with_tooltips(news_doc) -> None:  # type: ignore[no-untyped-def]
    page = to_html(news_doc)
    assert 'dir="ltr"' not in page and page.count('class="entity"') == len(news_doc.ents)
    assert 'title="القاهرة · Cairo geonames:360630' in page


@pytest.mark.parametrize("repair", [True, False])
def test_lone_surrogates_are_analyzed_and_written(repair: bool) -> None:
    # issue 16: "\ud800" (from JSON or a broken scraper) raised UnicodeEncodeError inside spaCy
    raw = chr(0xD800) + " قال الوزير إن الوضع جيد"
    doc = khabar.analyze(raw, repair=repair)
    assert doc._.original == raw  # the raw input is kept
    assert doc.text[0] == chr(0xFFFD) and len(doc.text) == len(raw)
    out = StringIO()
    write_json(raw, out, repair=repair)
    written = json.loads(out.getvalue())
    assert written["original"] == raw  # a JSON escape, read back as the same string
    out.getvalue().encode("utf-8")
    if repair:
        assert [e["kind"] for e in written["edits"]][:1] == ["unicode"]
