"""The typed output schema: the published JSON Schema is current, every surface's analysis fits it, and
``/openapi.json`` documents the analysis field by field."""

from __future__ import annotations

import io
import json

import jsonschema
import pytest
from fastapi.testclient import TestClient
from golden_cases import GOLDEN

from khabar.analyze import analyze, to_dict
from khabar.batch import iter_documents, run
from khabar.schema import SCHEMA_FILE, SCHEMA_VERSION, Analysis, _schema_text, validate_analysis
from khabar.serve import create_app


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_published_schema_file_is_current() -> None:
    assert SCHEMA_FILE.read_text(encoding="utf-8") == _schema_text(), "run python scripts/write_schema.py"


def test_golden_analyses_fit_the_schema(validator) -> None:
    for path in sorted((GOLDEN / "samples").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        validator.validate(data)
        assert data["schema_version"] == SCHEMA_VERSION


@pytest.mark.parametrize("text", ["", " ", "\u200f\n\n", "١٢٣", "abc", "قال: «نعم» " * 40, "؟" * 500])
def test_odd_inputs_fit_the_schema(validator, text: str) -> None:
    data = json.loads(json.dumps(to_dict(analyze(text))))
    validator.validate(data)
    validate_analysis(data)


def test_schema_rejects_what_is_not_an_analysis(validator) -> None:
    data = json.loads(json.dumps(to_dict(analyze("زار الوزير بيروت."))))
    data["entities"][0]["label"] = "PERSON"
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(data)
    del data["tokens"]
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(data)


def test_every_batch_output_line_fits_the_schema(validator, samples, tmp_path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text((samples / "feed.jsonl").read_text(encoding="utf-8") + "not json\n", encoding="utf-8")
    out = io.StringIO()
    run(iter_documents([str(feed), str(samples / "article.damaged.txt")]), out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    analyzed = [row for row in rows if "analysis" in row]
    assert len(analyzed) == 6 and any("error" in row for row in rows)
    for row in analyzed:
        validator.validate(row["analysis"])


def test_openapi_documents_the_analysis_field_by_field() -> None:
    spec = TestClient(create_app()).get("/openapi.json").json()
    response = spec["paths"]["/api/analyze"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert response == {"$ref": "#/components/schemas/Analysis"}
    models = spec["components"]["schemas"]
    assert set(models["Analysis"]["properties"]) == set(Analysis.model_fields)
    assert models["Token"]["properties"]["pos"]["description"].startswith("Universal POS")
    assert "Link" in models and "Quote" in models and "Event" in models


def test_http_analysis_is_the_python_analysis(validator) -> None:
    text = "القاهرة - قال الأمين العام للأمم المتحدة أنطونيو غوتيريش إن 12 شخصا قتلوا."
    body = TestClient(create_app()).post("/api/analyze", json={"text": text}).json()
    validator.validate(body)
    assert body == json.loads(json.dumps(to_dict(analyze(text))))


def test_skipped_stages_leave_their_fields_out_everywhere(validator, tmp_path) -> None:
    from typer.testing import CliRunner

    from khabar.analyze import STAGES
    from khabar.cli import _STAGE_NAMES, app

    assert tuple(STAGES) == _STAGE_NAMES
    text = "بيروت - قال الوزير إن 5 أشخاص قتلوا أمس."
    python = to_dict(analyze(text, disable=["quotes", "topic"]))
    assert "quotes" not in python and "speakers" not in python and "topic" not in python and "facts" in python
    validator.validate(json.loads(json.dumps(python)))
    body = TestClient(create_app()).post("/api/analyze", json={"text": text, "skip": ["quotes", "topic"]}).json()
    assert body == json.loads(json.dumps(python))
    bad = TestClient(create_app()).post("/api/analyze", json={"text": text, "skip": ["names"]})
    assert bad.status_code == 422
    path = tmp_path / "t.txt"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["analyze", "--json", "--skip", "quotes,topic", str(path)])
    assert result.exit_code == 0 and json.loads(result.stdout) == json.loads(json.dumps(python))
    assert CliRunner().invoke(app, ["analyze", "--skip", "names", str(path)]).exit_code == 2
