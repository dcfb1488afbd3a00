"""Behaviour of khabar.topic: subject on plain text and analyzed docs, region from linked places, odd inputs.

The example sentences are written for these tests (not taken from any corpus).
"""

from __future__ import annotations

import json
import math

import pytest

import khabar
from khabar.topic import (
    MIDDLE_EAST,
    NORTH_AFRICA,
    SUBJECTS,
    Topic,
    classify,
    load_model,
    read_model,
    region_of,
    words,
    write_model,
)

SPORT = ("تأهل المنتخب إلى نهائي البطولة بعد فوزه بثلاثة أهداف نظيفة، وسجل قائد الفريق هدفين في الشوط الأول، "
         "وقال المدرب عقب المباراة إن اللاعبين قدموا أداء كبيرا أمام جماهير الملعب.")
ECONOMY = ("تراجعت أسعار النفط في الأسواق العالمية اليوم، وانخفض سعر خام برنت إلى 70 دولارا للبرميل، فيما ارتفعت "
           "أسهم البنوك في البورصة بعد أن أبقى البنك المركزي أسعار الفائدة دون تغيير وتوقع نمو الاقتصاد والاستثمار.")
TECHNOLOGY = ("كشفت الشركة عن هاتف ذكي جديد بشاشة أكبر وبطارية تدوم يومين، ويعمل بنظام أندرويد مع تطبيقات "
              "تعتمد على الذكاء الاصطناعي وحماية بيانات المستخدمين على الإنترنت.")
POLITICS = ("قال وزير الخارجية إن الحكومة ترفض قرار مجلس الأمن، ودعا الأمم المتحدة إلى وقف إطلاق النار "
            "وحماية المدنيين بعد أن قصفت القوات مواقع المعارضة المسلحة.")
CULTURE = ("افتتح مهرجان السينما دورته الجديدة بعرض فيلم للمخرج الشاب، وكرمت إدارة المهرجان الممثلة والفنانة "
           "التي شاركت في مسلسلات ومسرحيات كثيرة، بحضور نجوم الفن والغناء.")


@pytest.mark.parametrize(("text", "subject"), [
    (SPORT, "sport"), (ECONOMY, "economy"), (TECHNOLOGY, "technology"), (POLITICS, "politics"), (CULTURE, "culture"),
])
def test_subject_of_plain_text(text: str, subject: str) -> None:
    topic = classify(text)
    assert topic.subject == subject
    assert topic.probability == max(topic.probabilities.values())
    assert topic.region is None  # a str has no linked places


def test_probabilities_are_a_distribution() -> None:
    for text in (SPORT, ECONOMY, POLITICS):
        probabilities = classify(text).probabilities
        assert set(probabilities) == set(SUBJECTS)
        assert math.isclose(sum(probabilities.values()), 1.0, abs_tol=1e-9)
        assert all(0.0 <= p <= 1.0 for p in probabilities.values())


def test_calibration_is_not_overconfident_on_mixed_text() -> None:
    # half sport, half economy: neither should come out near-certain
    mixed = classify(SPORT + " " + ECONOMY)
    assert mixed.probability < classify(SPORT).probability
    assert mixed.probability < 0.95


@pytest.mark.parametrize("text", ["", " ", "😀🎉🔥", "Breaking news: markets rally", "1234 5678", "\x00\ufffd"])
def test_inputs_without_known_words_do_not_crash(text: str) -> None:
    topic = classify(text)
    assert isinstance(topic, Topic)
    if topic.subject is None:
        assert topic.probabilities == {} and topic.probability == 0.0
    else:
        assert math.isclose(sum(topic.probabilities.values()), 1.0, abs_tol=1e-9)
    json.dumps(topic.to_dict())


def test_empty_text_has_no_subject() -> None:
    topic = classify("")
    assert (topic.subject, topic.probability, topic.probabilities, topic.region) == (None, 0.0, {}, None)


def test_huge_input_is_bounded() -> None:
    topic = classify(SPORT * 20_000)  # ~5 MB: only the first characters are read
    assert topic.subject == "sport"


def test_to_dict_is_json_ready() -> None:
    data = classify(ECONOMY).to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["subject"] == "economy" and data["region"] is None and data["region_evidence"] == []


def test_features_fold_and_strip_prefixes() -> None:
    assert words("والحكومة") == words("الحكومه") == words("حكومة") == ["حكومه"]
    assert words("للاقتصاد") == words("بالاقتصاد") == ["اقتصاد"]
    assert words("Google") == ["google"]


def test_region_rules() -> None:
    assert region_of([{"country": "LB"}]) == ("middle_east", (("LB", 1),))
    assert region_of([{"country": "TN"}, {"country": "DZ"}])[0] == "north_africa"
    assert region_of([{"country": "US"}])[0] == "world"
    assert region_of([None, {"country": ""}]) == (None, ())
    # a tie goes to the region mentioned first
    assert region_of([{"country": "FR"}, {"country": "SY"}])[0] == "world"
    assert region_of([{"country": "SY"}, {"country": "FR"}])[0] == "middle_east"
    assert "EG" in MIDDLE_EAST and "SD" in NORTH_AFRICA and not MIDDLE_EAST & NORTH_AFRICA


def test_model_round_trips(tmp_path) -> None:
    model = load_model()
    path = tmp_path / "model.tsv.gz"
    write_model(model, path)
    again = read_model(path)
    assert again.labels == model.labels and again.temperature == model.temperature
    assert again.predict_text(SPORT) == model.predict_text(SPORT)


@pytest.fixture(scope="module")
def analyze():
    return khabar.analyze


@pytest.mark.parametrize(("text", "region", "country"), [
    ("بيروت - عقد البرلمان جلسة لمناقشة الموازنة وسط خلافات بين الكتل النيابية.", "middle_east", "LB"),
    ("تونس - أعلنت الهيئة المستقلة للانتخابات موعد الاقتراع البلدي في كامل الولايات.", "north_africa", "TN"),
    ("واشنطن - أعلن البيت الأبيض أن الرئيس سيلتقي قادة الكونغرس الأسبوع المقبل.", "world", "US"),
])
def test_region_from_linked_places(analyze, text: str, region: str, country: str) -> None:
    doc = analyze(text)
    topic = classify(doc)
    assert topic.region == region
    assert topic.region_evidence[0][0] == country
    assert topic.subject == classify(doc.text).subject  # the doc's subject is its text's
    data = json.loads(json.dumps(topic.to_dict(), ensure_ascii=False))
    assert data["region_evidence"][0] == {"code": country, "mentions": topic.region_evidence[0][1], "region": region}


def test_no_linked_place_gives_no_region(analyze) -> None:
    doc = analyze("ارتفعت أسعار الخضر والغلال في الأسواق هذا الأسبوع بسبب قلة العرض.")
    assert classify(doc).region is None and classify(doc).region_evidence == ()


def test_sport_doc(analyze) -> None:
    topic = classify(analyze("الرياض - " + SPORT))
    assert (topic.subject, topic.region) == ("sport", "middle_east")


def test_shared_training_data_is_readable(shared_data) -> None:
    # the build reads the archives it was trained on (skips cleanly without ../shared)
    from khabar_dev.corpora import iter_ant

    archive = shared_data / "news" / "ant-v1.1-jawharafm.tar.gz"
    article = next(iter(iter_ant(archive)))
    assert article.category and classify(article.title + "\n" + article.text).probabilities
