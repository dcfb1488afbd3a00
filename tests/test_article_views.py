"""Article-level views (headline, summary, keywords, topic) in the analysis JSON, the streamed JSON and the report."""

from __future__ import annotations

import io
import json

from typer.testing import CliRunner

from khabar.analyze import analyze, to_dict, write_json
from khabar.cli import app

ARTICLE = (
    "القاهرة - أعلن البنك المركزي المصري، اليوم الخميس، رفع أسعار الفائدة بمقدار 200 نقطة أساس لكبح التضخم. "
    "وقال محافظ البنك المركزي طارق عامر إن «القرار يهدف إلى حماية الجنيه». "
    "وارتفعت أسعار الأسهم في البورصة المصرية بعد القرار بنسبة 2 في المئة. "
    "وتوقع خبراء اقتصاديون أن يستمر التضخم في التراجع خلال الأشهر المقبلة. "
    "وكان البنك المركزي قد أبقى أسعار الفائدة دون تغيير في اجتماعه السابق."
)


def test_to_dict_has_the_article_views_with_offsets_into_the_text() -> None:
    data = to_dict(analyze(ARTICLE))
    text = data["text"]
    assert data["headline"] is not None
    assert text[data["headline"]["start"]:data["headline"]["end"]] == data["headline"]["text"]
    assert not data["headline"]["text"].startswith("القاهرة -")  # the dateline is not part of it
    assert 1 <= len(data["summary"]) <= 3
    assert [s["start"] for s in data["summary"]] == sorted(s["start"] for s in data["summary"])
    for sentence in data["summary"]:
        assert text[sentence["start"]:sentence["end"]] == sentence["text"]
    assert data["keywords"] and len(data["keywords"]) <= 10
    for keyword in data["keywords"]:
        for start, end in keyword["mentions"]:
            assert text[start:end]
    assert data["topic"]["subject"] == "economy"
    assert abs(sum(data["topic"]["probabilities"].values()) - 1) < 1e-3  # rounded to 4 places
    assert data["topic"]["region"] in ("middle_east", "north_africa")
    json.dumps(data, ensure_ascii=False)


def test_streamed_json_has_the_same_article_views() -> None:
    out = io.StringIO()
    write_json(ARTICLE, out)
    streamed = json.loads(out.getvalue())
    direct = to_dict(analyze(ARTICLE))
    for key in ("headline", "summary", "keywords", "topic"):
        assert streamed[key] == direct[key], key


def test_views_of_texts_with_nothing_to_say() -> None:
    for text in ("", "   ", "🙂🙂", "Breaking news only in English."):
        data = to_dict(analyze(text))
        assert data["summary"] == [] or all(s["text"] for s in data["summary"])
        assert isinstance(data["keywords"], list)
        assert set(data["topic"]) >= {"subject", "probabilities", "region"}


def test_report_shows_topic_headline_summary_and_keywords(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", str(path)])
    assert result.exit_code == 0, result.output
    for label in ("topic: economy", "headline:", "summary:", "keywords"):
        assert label in result.stdout


def test_a_missing_topic_model_is_a_clear_error_everywhere(tmp_path, monkeypatch) -> None:
    """One-line message and exit 3 from analyze, a batch, ingest and serve; no batch line, no database."""
    import pytest

    import khabar.topic as topic

    monkeypatch.setattr(topic, "MODEL_FILE", tmp_path / "gone.tsv.gz")
    topic.load_model.cache_clear()
    try:
        with pytest.raises(topic.TopicResourceError, match="missing or damaged"):
            topic.load_model()
        article = tmp_path / "a.txt"
        article.write_text(ARTICLE, encoding="utf-8")
        runner = CliRunner()
        for args in (["analyze", str(article)], ["analyze", str(article), "--json"],
                     ["analyze", str(article), "-o", str(tmp_path / "out.jsonl")],
                     ["ingest", str(article), "--db", str(tmp_path / "c.db")], ["serve"]):
            result = runner.invoke(app, args)
            assert result.exit_code == 3, args
            assert "topic model" in result.output and "Traceback" not in result.output
        assert not (tmp_path / "out.jsonl").exists() and not (tmp_path / "c.db").exists()
    finally:
        topic.load_model.cache_clear()
