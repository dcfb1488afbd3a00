import json
from itertools import islice

import pytest

import khabar
from khabar.summarize import SummarySentence, headline, summarize

# short made-up articles (not corpus text)
ARTICLE = (
    "أعلنت وزارة الزراعة التونسية اليوم الإثنين خطة لدعم صغار المزارعين المتضررين من موجة الجفاف في الجنوب.\n"
    "وقال وزير الزراعة في مؤتمر صحفي إن الخطة تشمل قروضا بلا فوائد وتوزيع البذور على ألفي عائلة ريفية.\n"
    "وتعاني المحافظات الجنوبية من نقص حاد في مياه الري منذ ثلاث سنوات، بحسب تقارير رسمية.\n"
    "وأضاف الوزير أن الحكومة ستحفر عشرين بئرا جديدة قبل نهاية العام الحالي.\n"
    "ويطالب اتحاد الفلاحين منذ أشهر بتعويضات عن خسائر المحاصيل التي قدرها بملايين الدينارات.\n"
    "وتوقع خبراء أن يتراجع إنتاج الحبوب هذا الموسم بنسبة ثلاثين في المئة مقارنة بالموسم الماضي."
)
WITH_DATELINE = "القاهرة (خبر) - " + ARTICLE
BOILERPLATE = [
    "اقرأ أيضا: الحكومة تعلن ميزانية جديدة للعام المقبل",
    "مصدر الصورة Getty Images",
    "تابعونا على تويتر وفيسبوك لمعرفة آخر الأخبار العاجلة",
    "حقوق النشر محفوظة لموقع الأخبار العربية 2024",
    "https://example.com/news/12345",
    "بقلم: سامي الحداد",
    "شاهد: فيديو المؤتمر الصحفي للوزير",
]


def check_offsets(doc, picked):
    assert [s.index for s in picked] == sorted(s.index for s in picked)
    assert len({s.index for s in picked}) == len(picked)
    for s in picked:
        assert isinstance(s, SummarySentence)
        assert doc.text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text


@pytest.fixture(scope="module")
def doc():
    return khabar.analyze(ARTICLE)


def test_offsets_and_text_order(doc):
    picked = summarize(doc, 3)
    assert len(picked) == 3
    check_offsets(doc, picked)
    spans = [(s.start_char, s.end_char) for s in doc.sents]
    for s in picked:  # each pick lies inside the sentence it names
        start, end = spans[s.index]
        assert start <= s.start < s.end <= end


@pytest.mark.parametrize("n", [0, 1, 2, 3, 6, 50])
def test_number_of_sentences(doc, n):
    picked = summarize(doc, n)
    assert len(picked) == min(n, 6)
    check_offsets(doc, picked)


def test_ratio(doc):
    assert len(summarize(doc, ratio=0.5)) == 3
    assert len(summarize(doc, ratio=0.01)) == 1  # at least one
    assert len(summarize(doc, ratio=1.0)) == 6
    for bad in (0, -0.5, 1.5):
        with pytest.raises(ValueError):
            summarize(doc, ratio=bad)
    with pytest.raises(ValueError):
        summarize(doc, -1)


def test_lead_first(doc):
    # the lead of a news story is its best single sentence
    assert summarize(doc, 1)[0].index == 0
    assert headline(doc).index == 0


def test_no_near_identical_pair():
    first = ARTICLE.split("\n")[0]
    repeated = first.replace("اليوم الإثنين", "الإثنين")  # the same sentence, barely changed
    text = "\n".join([first, *ARTICLE.split("\n")[1:3], repeated, first, *ARTICLE.split("\n")[3:]])
    doc = khabar.analyze(text)
    picked = summarize(doc, 8)
    check_offsets(doc, picked)
    words = [set(s.text.replace("،", " ").split()) for s in picked]
    for i in range(len(words)):
        for j in range(i + 1, len(words)):
            assert len(words[i] & words[j]) / len(words[i] | words[j]) < 0.6, (picked[i].text, picked[j].text)
    assert sum(1 for s in picked if "خطة لدعم صغار" in s.text) == 1


def test_dateline_skipped():
    doc = khabar.analyze(WITH_DATELINE)
    top = summarize(doc, 1)[0]
    check_offsets(doc, [top])
    assert top.index == 0
    assert top.text.startswith("أعلنت وزارة الزراعة")
    assert top.start == doc.text.index("أعلنت")
    assert headline(doc).text == top.text


def test_boilerplate_skipped():
    lines = ARTICLE.split("\n")
    text = "\n".join([BOILERPLATE[1], lines[0], BOILERPLATE[0], *lines[1:3], *BOILERPLATE[2:], *lines[3:]])
    doc = khabar.analyze(text)
    picked = summarize(doc, 20)
    check_offsets(doc, picked)
    assert len(picked) == 6
    for s in picked:
        assert not any(b.split()[0] in s.text for b in BOILERPLATE), s.text
    assert headline(doc).text == lines[0]


def test_heading_lines_are_not_picked():
    text = "أزمة المياه في الجنوب\n" + ARTICLE + "\nالمزارعون والحكومة"
    doc = khabar.analyze(text)
    picked = summarize(doc, 10)
    assert all(s.text not in {"أزمة المياه في الجنوب", "المزارعون والحكومة"} for s in picked)


def test_headline_is_one_sentence(doc):
    top = headline(doc)
    assert isinstance(top, SummarySentence)
    check_offsets(doc, [top])
    inside = [s for s in doc.sents if s.start_char <= top.start and top.end <= s.end_char]
    assert len(inside) == 1


def test_pipeline_stage_matches_the_function(doc):
    assert [s.to_dict() for s in doc._.summary] == [s.to_dict() for s in summarize(doc, 3)]
    assert doc._.headline.text == headline(doc).text
    with pytest.raises(TypeError):
        summarize(ARTICLE, 2)  # a str: the finder never runs the analyzer itself
    with pytest.raises(TypeError):
        summarize(42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t  ",
        "زار الوزير بيروت.",
        "😀🔥👍",
        "وصل الرئيس 🇲🇦 إلى الرباط مساء أمس في زيارة رسمية تستمر يومين 😀",
        "The minister said on Monday that the talks had failed. Both sides left Geneva.",
        "...!!!؟؟",
        "\x00\ufeff\u200f",
    ],
)
def test_odd_inputs_do_not_crash(text):
    doc = khabar.analyze(text)
    picked = summarize(doc, 3)
    check_offsets(doc, picked)
    top = headline(doc)
    if top is not None:
        check_offsets(doc, [top])
    json.dumps([s.to_dict() for s in picked])


def test_empty_and_one_sentence():
    assert summarize(khabar.analyze("")) == []
    assert headline(khabar.analyze("")) is None
    assert headline(khabar.analyze("  \n ")) is None
    with pytest.raises(TypeError, match="not a str"):
        summarize("زار الوزير بيروت.")
    one = khabar.analyze("زار الوزير بيروت.")
    picked = summarize(one, 3)
    assert [s.text for s in picked] == ["زار الوزير بيروت."]  # a short text is still summarized by itself
    assert headline(one).text == "زار الوزير بيروت."


def test_very_long_input():
    lines = ARTICLE.split("\n")
    # 600 sentences, each made different by a number, with the article's sentences repeated many times
    text = "\n".join(f"{line[:-1]} في اليوم {i}." for i in range(100) for line in lines)
    doc = khabar.analyze(text)
    picked = summarize(doc, 5)
    check_offsets(doc, picked)
    assert len(picked) == 5
    many = summarize(doc, ratio=0.5)
    check_offsets(doc, many)
    assert 0 < len(many) <= 300


def test_to_dict_is_json(doc):
    picked = summarize(doc, 3)
    data = json.loads(json.dumps([s.to_dict() for s in picked], ensure_ascii=False))
    assert [d["text"] for d in data] == [s.text for s in picked]
    assert set(data[0]) == {"start", "end", "text", "index", "score"}
    assert json.loads(json.dumps(headline(doc).to_dict()))["index"] == 0


def test_frozen(doc):
    top = headline(doc)
    with pytest.raises(AttributeError):
        top.start = 3  # type: ignore[misc]


def test_real_articles(shared_data):
    from khabar_dev.corpora import iter_ant

    archive = shared_data / "news" / "ant-multisource-v2.1-alarabiya-bbc-skynews.tar.gz"
    for article in islice(iter_ant(archive), 0, 4000, 400):
        doc = khabar.analyze(article.text)
        picked = summarize(doc, 3)
        check_offsets(doc, picked)
        assert 1 <= len(picked) <= 3
        top = headline(doc)
        assert top is not None
        check_offsets(doc, [top])
