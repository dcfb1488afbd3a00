"""A fuzz campaign over khabar's public entry points (issue 16): generated hostile inputs, 0 crashes expected.

Generators mimic what the web and broken pipelines produce: real news sentences cut at random, with UTF-8
cut mid-character (lone surrogates after ``surrogateescape``), mojibake (Arabic bytes read as Latin-1 or
Windows-1252), lone surrogates, mixed scripts, control characters and NULs, huge runs of one character,
quote-mark floods, numbers, commas and dashes at the text's edges, and random code points. Each input goes
through the entry points chosen:

* ``repair``: :func:`khabar.repair` and :func:`khabar.repair.undo` (the undo must give the input back);
* ``analyze``: :func:`khabar.analyze` and the JSON it writes (:func:`khabar.analyze.write_json`, read back);
* ``search``: :meth:`khabar.store.Store.search` and :meth:`~khabar.store.Store.events` on a small corpus.

Any exception is a crash: it is counted, and the first few inputs that raised are printed (``repr``).

    python bench/fuzz.py --repair 1000000 --analyze 20000 --search 20000 -j 2
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from io import StringIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

RESULTS = Path(__file__).resolve().parent / "results" / "fuzz.json"
#: sentences written for this campaign (not from the corpora)
SEEDS = [
    "قال الأمين العام للأمم المتحدة أنطونيو غوتيريش إن «المساعدات يجب أن تصل إلى غزة فورا».",
    "وقتل 12 شخصا وأصيب أكثر من 30 آخرين في غارة على مدينة إدلب أمس الأحد.",
    "بيروت - أعلن الجيش اللبناني توقيف 5 أشخاص بتهمة تهريب الأسلحة.",
    "وطالب الوزير الحكومة بالإفراج عن المعتقلين، محذرا من تفاقم الأزمة.",
    "ارتفعت أسعار النفط بنسبة 2.5% لتصل إلى 80 دولارا للبرميل.",
    "وقالالرئيس ان الوضع صعب الي حد ما ¢كما قال¢ المتحدث.",
]
_WEIRD = ["\ud800", "\udfff", "\x00", "\ufeff", "\u200f", "\u202e", "\ufffd", "ـ", "ﻻ", "\r", "\t", "\x0b",
          "«", "»", '"', "“", "”", "،", ",", "-", "–", ".", ":", "؟", "١٢", "99", "٪", "%", "#", "@", "http://"]


def _cut_utf8(text: str, rng: random.Random) -> str:
    data = text.encode("utf-8", "surrogatepass")  # an earlier generator may have left surrogates
    if not data:
        return text
    cut = data[rng.randrange(len(data)):][: rng.randrange(1, 200)]
    return cut.decode("utf-8", "surrogateescape")


def _mojibake(text: str, rng: random.Random) -> str:
    return text.encode("cp1256", "replace").decode(rng.choice(["latin-1", "cp1252"]), "replace")


def _flood(_text: str, rng: random.Random) -> str:
    return rng.choice(_WEIRD) * rng.randrange(1, 3000)


def _edges(text: str, rng: random.Random) -> str:
    return rng.choice(_WEIRD) + rng.choice([" ", ""]) + rng.choice(["9", "٩", "،", "-"]) + " " + text + \
        rng.choice(_WEIRD)


def _sprinkle(text: str, rng: random.Random) -> str:
    chars = list(text)
    for _ in range(rng.randrange(1, 20)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(_WEIRD))
    return "".join(chars)


def _random_points(_text: str, rng: random.Random) -> str:
    return "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randrange(0, 80)))


def _mixed(text: str, rng: random.Random) -> str:
    return " ".join(rng.choice([text, "The minister said 12 people", "Привет", "中文", "😀" * 3, "<b>x</b>"])
                    for _ in range(rng.randrange(1, 6)))


GENERATORS: list[Callable[[str, random.Random], str]] = [_cut_utf8, _mojibake, _flood, _edges, _sprinkle,
                                                         _random_points, _mixed]


def generate(n: int, seed: int) -> str:
    rng = random.Random(seed * 1_000_003 + n)
    text = rng.choice(SEEDS)
    for _ in range(rng.randrange(1, 3)):
        text = rng.choice(GENERATORS)(text, rng)
    return text


def _run(job: tuple[str, int, int, int]) -> dict[str, object]:
    """Fuzz one entry point over inputs ``start`` … ``stop`` - 1; the crashes' inputs are kept (a few)."""
    what, start, stop, seed = job
    crashes: list[str] = []
    count = 0
    if what == "repair":
        from khabar import repair
        from khabar.repair import undo

        def check(text: str) -> None:
            fixed = repair(text)
            if undo(fixed.text, fixed.edits) != text:
                raise AssertionError("undo did not give the input back")
    elif what == "analyze":
        import khabar
        from khabar.analyze import write_json

        def check(text: str) -> None:
            khabar.analyze(text)
            out = StringIO()
            write_json(text, out)
            json.loads(out.getvalue())
    else:
        from khabar.batch import Document
        from khabar.store import Store

        store = Store(Path(tempfile.mkdtemp()) / "fuzz.db")
        list(store.ingest([Document(f"s{n}", s, f"s{n}") for n, s in enumerate(SEEDS)]))

        def check(text: str) -> None:
            store.search(text[:500], place=text[:50] or None)
            store.events(text[:500], type=text[:20] or None)
    for n in range(start, stop):
        text = generate(n, seed)
        count += 1
        try:
            check(text)
        except Exception as error:  # every exception is a crash to report
            if len(crashes) < 5:
                crashes.append(f"{type(error).__name__}: {error} ← {text[:120]!r}")
            else:
                crashes.append("")
    return {"what": what, "inputs": count, "crashes": len(crashes), "examples": [c for c in crashes if c][:5]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repair", type=int, default=100_000)
    parser.add_argument("--analyze", type=int, default=2_000)
    parser.add_argument("--search", type=int, default=5_000)
    parser.add_argument("-j", "--jobs", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    results = {}
    for what, total in (("repair", args.repair), ("analyze", args.analyze), ("search", args.search)):
        if not total:
            continue
        started = time.monotonic()
        step = -(-total // args.jobs)
        jobs = [(what, k, min(total, k + step), args.seed) for k in range(0, total, step)]
        with ProcessPoolExecutor(args.jobs) as pool:
            parts = list(pool.map(_run, jobs))
        crashes = sum(int(p["crashes"]) for p in parts)  # type: ignore[call-overload]
        examples = [e for p in parts for e in p["examples"]][:5]  # type: ignore[attr-defined]
        results[what] = {"inputs": total, "crashes": crashes, "seconds": round(time.monotonic() - started, 1),
                         "examples": examples}
        print(f"{what}: {total:,} inputs, {crashes} crashes, {results[what]['seconds']} s")
        for example in examples:
            print("   ", example)
    RESULTS.write_text(json.dumps({"seed": args.seed, **results}, ensure_ascii=False, indent=1) + "\n",
                       encoding="utf-8")


if __name__ == "__main__":
    main()
