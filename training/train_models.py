"""Train khabar's statistical models and assemble the pipeline that ships in ``khabar/analyze/model``.

One command, from a checkout with ``../shared/data`` beside it (about 25 minutes on 2 cores)::

    python training/train_models.py                 # everything below, in order
    python training/train_models.py --only assemble # re-assemble from already trained models

Steps (outputs in ``/tmp/khabar-train``, nothing but the final pipeline is written into the repository):

1. ``vectors``  — floret vectors on ANT news (:mod:`training.train_vectors`), then ``spacy init vectors``;
2. ``data``     — DocBins from PADT dev and ANERcorp train + AQMAR (:mod:`training.make_spacy_data`);
3. ``tags``     — ``spacy train training/configs/tags.cfg`` (tok2vec + UPOS tagger + edit-tree lemmatizer);
4. ``ner``      — the organisation/person link table (``scripts/build_name_kb.py``) and the CRF entity tagger
   (:mod:`training.train_crf_ner`: its name lexicons, then the model; features from the tagger above);
5. ``assemble`` — one pipeline: khabar tokenizer, tok2vec, tagger, UPOS copy, lemmatizer, sentences, CRF
   entities, expressions, entity canonical forms/links; written to ``khabar/analyze/model``.

``--only spacy-ner`` trains the alternative we measured and did not ship: spaCy's transition-based NER with
its own CNN tok2vec (``training/configs/ner.cfg``): 66.2 F1 on the validation set against the CRF's 70.9,
at a third of the speed and 13 MB more.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

WORK = Path("/tmp/khabar-train")
MODEL_DIR = ROOT / "khabar" / "analyze" / "model"
CODE = ROOT / "training" / "spacy_code.py"
STEPS = ("vectors", "data", "tags", "ner", "assemble", "spacy-ner")


def run(*args: str) -> None:
    """Run a command, echoing it; stop on failure."""
    print("+", " ".join(args), flush=True)
    subprocess.run(args, check=True, cwd=ROOT)


def spacy_train(config: str, name: str, threads: int = 1) -> None:
    """``spacy train`` one config into ``WORK/name``."""
    out = WORK / name
    shutil.rmtree(out, ignore_errors=True)
    run(sys.executable, "-m", "spacy", "train", str(ROOT / "training" / "configs" / config), "--output", str(out),
        "--code", str(CODE), "--paths.train", str(WORK / f"{name}-train.spacy"),
        "--paths.dev", str(WORK / f"{name}-dev.spacy"), "--paths.vectors", str(WORK / "vectors" / "model"))


def assemble(out: Path = MODEL_DIR) -> Path:
    """Build the shipped pipeline from the two trained ones."""
    import spacy

    import khabar.analyze.components  # noqa: F401  (registrations)

    nlp = spacy.load(WORK / "tags" / "model-best")
    nlp.add_pipe("khabar_upos", after="tagger")
    nlp.add_pipe("khabar_sentences")
    nlp.add_pipe("khabar_crf_ner")
    nlp.add_pipe("khabar_expressions")
    nlp.add_pipe("khabar_entities")
    nlp.meta.update({
        "name": "khabar_ar", "version": "0.2.0",
        "description": "khabar Arabic news pipeline: UD clitic tokens, UPOS, lemmas, sentences, entities",
        "sources": ["UD Arabic-PADT v1.3 dev (CC BY-NC-SA 3.0)", "ANT v1.1/v2.1 news for vectors (Apache-2.0)",
                    "entities: khabar/analyze/data (ANERcorp train part, AQMAR CC BY-SA 3.0, ANERGazet)"],
        "license": "CC BY-NC-SA 3.0 (inherits the most restrictive training source, PADT)",
    })
    shutil.rmtree(out, ignore_errors=True)
    nlp.to_disk(out)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"pipeline {nlp.pipe_names} written to {out} ({size / 1e6:.1f} MB)")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chosen steps."""
    parser = argparse.ArgumentParser(description="train and assemble khabar's analysis pipeline")
    parser.add_argument("--only", choices=STEPS, action="append", help="run only these steps (repeatable)")
    args = parser.parse_args(argv)
    steps = args.only or [s for s in STEPS if s != "spacy-ner"]
    WORK.mkdir(parents=True, exist_ok=True)
    if "vectors" in steps:
        run(sys.executable, "training/train_vectors.py")
        run(sys.executable, "-m", "spacy", "init", "vectors", "ar", str(WORK / "vectors" / "news.floret"),
            str(WORK / "vectors" / "model"), "--mode", "floret")
    if "data" in steps:
        run(sys.executable, "training/make_spacy_data.py")
    if "tags" in steps:
        spacy_train("tags.cfg", "tags")
    if "ner" in steps:
        run(sys.executable, "scripts/build_name_kb.py")  # the organisation/person table the tagger consults
        run(sys.executable, "training/train_crf_ner.py", "--final")
    if "spacy-ner" in steps:
        spacy_train("ner.cfg", "ner")
    if "assemble" in steps:
        assemble()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
