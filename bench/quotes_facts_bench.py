"""Score khabar's quotations, speakers and counted numbers on the hand-annotated gold set (issue 4).

The gold set (``bench/gold/quotes_facts.jsonl``, guideline in ``bench/gold/GUIDELINE.md``) points into 40
real articles of ``../shared/data`` by id and character offset. Each article is analyzed as a user would
(``khabar.analyze`` with repair on); system offsets are mapped back to the raw article through the repair
record. Matching rules (guideline §4):

* a system quote matches a gold quote when their contents overlap by at least half of the shorter one
  (one-to-one, largest overlap first); precision, recall, F1, and type accuracy on matches;
* speaker accuracy on matched quotes: ``speaker_name`` equal after Arabic folding (strict), or one
  containing the other as whole words (lenient); both null counts as right;
* a system number matches a gold number when their surfaces overlap; F1, and on matches the share with
  the right value (low and high) and the right event type.
* speech acts (guideline §5, ``bench/gold/speech_acts.jsonl``, when present): khabar's ``speech_act``
  quotes against the gold speech acts (P/R/F1); all of khabar's quotes against the gold quotations and
  speech acts together (P/R/F1 *including speech acts*, speaker accuracy on those matches); and the act
  accuracy on those matches (the gold act of a quotation is its ``quote_acts`` label).

Two simple baselines run on the same articles for scale: *marks* (every quote-mark pair of four words or
more is a direct quote, no speaker) and *digits* (every run of digits is a number of unknown event).

    python bench/quotes_facts_bench.py                # both splits, table + bench/results/quotes_facts.json
    python bench/quotes_facts_bench.py --errors dev   # list the errors on the dev split (never on test)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.gold.resolve import GOLD
from bench.gold.resolve_acts import ACTS_GOLD
from bench.gold.select_articles import articles_by_id

RESULTS = Path(__file__).resolve().parent / "results" / "quotes_facts.json"
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_NOISE = re.compile(r"[\u064b-\u0652\u0670\u0640«»“”\"'()\[\]،,.:؛;!؟?#_\-–—]")


def words(name: str | None) -> tuple[str, ...]:
    """A name folded for comparison: no diacritics/punctuation, hamza/ى/ة folded, no leading و/ف."""
    if not name:
        return ()
    out = []
    for word in _NOISE.sub(" ", name).translate(_FOLD).split():
        if len(word) > 2 and word[0] in "وف" and not out:
            word = word[1:] if word[1:3] == "ال" else word
        out.append(word)
    return tuple(out)


def same_speaker(system: str | None, gold: str | None) -> tuple[bool, bool]:
    """(strict, lenient) agreement of two speaker names."""
    a, b = words(system), words(gold)
    if not a and not b:
        return True, True
    if not a or not b:
        return False, False
    if a == b:
        return True, True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    inside = any(long_[i:i + len(short)] == short for i in range(len(long_) - len(short) + 1))
    return False, inside


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(system: list[tuple[int, int]], gold: list[tuple[int, int]], half: bool) -> list[tuple[int, int]]:
    """One-to-one pairs (system index, gold index), largest overlap first."""
    candidates = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            shared = overlap(s, g)
            shortest = max(1, min(s[1] - s[0], g[1] - g[0]))
            if shared > 0 and (not half or shared * 2 >= shortest):
                candidates.append((shared, i, j))
    pairs, used_s, used_g = [], set(), set()
    for _, i, j in sorted(candidates, reverse=True):
        if i not in used_s and j not in used_g:
            pairs.append((i, j))
            used_s.add(i)
            used_g.add(j)
    return pairs


def prf(matched: int, system: int, gold: int) -> dict[str, float]:
    p = matched / system if system else 0.0
    r = matched / gold if gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def same_value(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


# ---------------------------------------------------------------- systems


def khabar_system(text: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]], float]:
    """Quotes and numbers from khabar, offsets in the raw ``text``; and the seconds it took."""
    import khabar
    from khabar.quotes import find_quotes

    try:
        from khabar.facts import find_facts
    except ImportError:  # quotes alone (the facts stage not installed)
        def find_facts(doc: Any) -> list[Any]:
            return []

    began = time.perf_counter()
    doc = khabar.analyze(text)
    quotes, facts = find_quotes(doc), find_facts(doc)
    seconds = time.perf_counter() - began
    fixed = doc._.repair
    back = fixed.to_original if fixed is not None else (lambda position: position)
    out_quotes = [{"type": q.type, "content": (back(q.content_start), back(q.content_end)),
                   "speaker_name": q.speaker_name, "act": getattr(q, "act", "statement")} for q in quotes]
    out_numbers = []
    for fact in facts:
        out_numbers.append({"surface": (back(fact.start), back(fact.end)), "low": fact.low, "high": fact.high,
                            "event": fact.event})
    return out_quotes, out_numbers, seconds


_PAIR = re.compile(r"«([^«»\n]+)»|“([^“”\n]+)”|\"([^\"\n]+)\"")
_DIGITS = re.compile(r"[0-9٠-٩]+(?:[.,٫٬][0-9٠-٩]+)*")


def baseline_system(text: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]], float]:
    """Marks-only quotes and digits-only numbers (no speaker, no event)."""
    quotes = []
    for m in _PAIR.finditer(text):
        group = next(g for g in (1, 2, 3) if m.group(g) is not None)
        if len(m.group(group).split()) >= 4:
            quotes.append({"type": "direct", "content": (m.start(group), m.end(group)), "speaker_name": None,
                           "act": "statement"})
    numbers = []
    for m in _DIGITS.finditer(text):
        raw = m.group().translate(str.maketrans("٠١٢٣٤٥٦٧٨٩٫٬", "0123456789.,")).replace(",", "")
        try:
            value = float(raw)
        except ValueError:
            value = None
        numbers.append({"surface": (m.start(), m.end()), "low": value, "high": value, "event": "other"})
    return quotes, numbers, 0.0


# ---------------------------------------------------------------- scoring


def _score_acts(t: dict[str, int], text: str, row: dict[str, Any], every: list[dict[str, Any]],
                gold: dict[str, Any], errors: bool) -> None:
    """Speech acts alone, and every quote against the gold quotations and speech acts together."""
    system_acts = [q for q in every if q["type"] == "speech_act"]
    pairs = match([q["content"] for q in system_acts], [tuple(a["content"]) for a in gold["acts"]], half=True)
    t["a_sys"] += len(system_acts)
    t["a_gold"] += len(gold["acts"])
    t["a_match"] += len(pairs)
    both = [(tuple(q["content"]), act, q["speaker_name"]) for q, act in zip(row["quotes"], gold["quote_acts"])]
    both += [(tuple(a["content"]), a["act"], a["speaker_name"]) for a in gold["acts"]]
    pairs = match([q["content"] for q in every], [g[0] for g in both], half=True)
    t["all_sys"] += len(every)
    t["all_gold"] += len(both)
    t["all_match"] += len(pairs)
    for i, j in pairs:
        t["all_act"] += every[i].get("act") == both[j][1]
        name = both[j][2]
        strict, lenient = same_speaker(every[i]["speaker_name"], text[name[0]:name[1]] if name else None)
        t["all_strict"] += strict
        t["all_lenient"] += lenient
        if errors and every[i].get("act") != both[j][1]:
            s, e = both[j][0]
            print(f"  ACT {row['id']}: system {every[i].get('act')} gold {both[j][1]} | {text[s:e][:60]!r}")
    if errors:
        found_s, found_g = {i for i, _ in pairs}, {j for _, j in pairs}
        for i, q in enumerate(every):
            if i not in found_s and q["type"] == "speech_act":
                print(f"  FALSE ACT {row['id']}: {q['act']} {text[q['content'][0]:q['content'][1]][:90]!r}")
        for j, g in enumerate(both):
            if j not in found_g and j >= len(row["quotes"]):
                s, e = g[0]
                print(f"  MISSED ACT {row['id']}: {g[1]} …{text[max(0, s - 40):s]!r} [{text[s:e][:70]!r}]")


def score(system: Any, rows: list[dict[str, Any]], articles: dict[str, Any], errors: bool,
          acts_gold: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    totals = dict.fromkeys(("q_sys", "q_gold", "q_match", "q_type", "spk_strict", "spk_lenient",
                            "n_sys", "n_gold", "n_match", "n_value", "n_event", "words",
                            "a_sys", "a_gold", "a_match", "all_sys", "all_gold", "all_match", "all_act",
                            "all_strict", "all_lenient"), 0)
    acts_gold = acts_gold or {}
    seconds = 0.0
    for row in rows:
        text = articles[row["id"]].text
        every, numbers, took = system(text)
        quotes = [q for q in every if q["type"] != "speech_act"]
        gold_acts = acts_gold.get(row["id"])
        if gold_acts is not None:
            _score_acts(totals, text, row, every, gold_acts, errors)
        seconds += took
        totals["words"] += len(text.split())
        gold_q = row["quotes"]
        pairs = match([q["content"] for q in quotes], [tuple(g["content"]) for g in gold_q], half=True)
        totals["q_sys"] += len(quotes)
        totals["q_gold"] += len(gold_q)
        totals["q_match"] += len(pairs)
        for i, j in pairs:
            gold_name = gold_q[j]["speaker_name"]
            gold_text = text[gold_name[0]:gold_name[1]] if gold_name else None
            strict, lenient = same_speaker(quotes[i]["speaker_name"], gold_text)
            totals["q_type"] += quotes[i]["type"] == gold_q[j]["type"]
            totals["spk_strict"] += strict
            totals["spk_lenient"] += lenient
            if errors and not strict:
                mark = "" if lenient else "!"
                print(f"  SPEAKER{mark} {row['id']}: system {quotes[i]['speaker_name']!r} gold {gold_text!r} "
                      f"| {text[gold_q[j]['content'][0]:gold_q[j]['content'][1]][:70]!r}")
        if errors:
            found_s = {i for i, _ in pairs}
            found_g = {j for _, j in pairs}
            for i, q in enumerate(quotes):
                if i not in found_s:
                    print(f"  FALSE QUOTE {row['id']}: {q['type']} {text[q['content'][0]:q['content'][1]][:90]!r}")
            for j, g in enumerate(gold_q):
                if j not in found_g:
                    s, e = g["content"]
                    print(f"  MISSED QUOTE {row['id']}: {g['type']} …{text[max(0, s - 40):s]!r} [{text[s:e][:70]!r}]")
        gold_n = row["numbers"]
        pairs = match([n["surface"] for n in numbers], [tuple(g["surface"]) for g in gold_n], half=False)
        totals["n_sys"] += len(numbers)
        totals["n_gold"] += len(gold_n)
        totals["n_match"] += len(pairs)
        for i, j in pairs:
            value_ok = same_value(numbers[i]["low"], gold_n[j]["low"]) and \
                same_value(numbers[i]["high"], gold_n[j]["high"])
            event_ok = numbers[i]["event"] == gold_n[j]["event"]
            totals["n_value"] += value_ok
            totals["n_event"] += event_ok
            if errors and not (value_ok and event_ok):
                s, e = gold_n[j]["surface"]
                print(f"  NUMBER {row['id']}: {text[s:e]!r} system {numbers[i]['low']}–{numbers[i]['high']} "
                      f"{numbers[i]['event']} gold {gold_n[j]['low']}–{gold_n[j]['high']} {gold_n[j]['event']}")
        if errors:
            found_s = {i for i, _ in pairs}
            found_g = {j for _, j in pairs}
            for i, n in enumerate(numbers):
                if i not in found_s:
                    s, e = n["surface"]
                    print(f"  FALSE NUMBER {row['id']}: {text[s:e]!r} …{text[max(0, s - 30):e + 30]!r}")
            for j, g in enumerate(gold_n):
                if j not in found_g:
                    s, e = g["surface"]
                    print(f"  MISSED NUMBER {row['id']}: {text[s:e]!r} …{text[max(0, s - 30):e + 30]!r}")
    t = totals
    acts = {}
    if t["a_gold"]:
        def share(key: str) -> float:
            return round(t[key] / t["all_match"], 3) if t["all_match"] else 0.0

        acts = {"speech_acts": {**prf(t["a_match"], t["a_sys"], t["a_gold"]), "system": t["a_sys"],
                                "gold": t["a_gold"]},
                "with_speech_acts": {**prf(t["all_match"], t["all_sys"], t["all_gold"]),
                                     "act_accuracy": share("all_act"), "speaker_strict": share("all_strict"),
                                     "speaker_lenient": share("all_lenient")}}
    return {
        **acts,
        "articles": len(rows), "words": t["words"],
        "quotes": {**prf(t["q_match"], t["q_sys"], t["q_gold"]), "system": t["q_sys"], "gold": t["q_gold"],
                   "matched": t["q_match"],
                   "type_accuracy": round(t["q_type"] / t["q_match"], 3) if t["q_match"] else 0.0,
                   "speaker_strict": round(t["spk_strict"] / t["q_match"], 3) if t["q_match"] else 0.0,
                   "speaker_lenient": round(t["spk_lenient"] / t["q_match"], 3) if t["q_match"] else 0.0},
        "numbers": {**prf(t["n_match"], t["n_sys"], t["n_gold"]), "system": t["n_sys"], "gold": t["n_gold"],
                    "matched": t["n_match"],
                    "value_accuracy": round(t["n_value"] / t["n_match"], 3) if t["n_match"] else 0.0,
                    "event_accuracy": round(t["n_event"] / t["n_match"], 3) if t["n_match"] else 0.0},
        "seconds": round(seconds, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", choices=["dev"], help="print the errors of the dev split (never the test split)")
    parser.add_argument("--split", choices=["dev", "test", "all"], default=None)
    args = parser.parse_args()
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    articles = articles_by_id({row["id"] for row in rows})
    import hashlib

    for row in rows:
        digest = hashlib.sha1(articles[row["id"]].text.encode("utf-8")).hexdigest()
        if digest != row["text_sha1"]:
            raise SystemExit(f"{row['id']}: the article text differs from the annotated one")
    acts_gold = ({a["id"]: a for a in map(json.loads, ACTS_GOLD.read_text(encoding="utf-8").splitlines())}
                 if ACTS_GOLD.exists() else {})
    for row_id, acts in acts_gold.items():
        if acts["text_sha1"] != next(r["text_sha1"] for r in rows if r["id"] == row_id):
            raise SystemExit(f"{row_id}: the speech-act gold was annotated on another text")
    splits = [args.split] if args.split else (["dev"] if args.errors else ["dev", "test", "all"])
    results: dict[str, Any] = {}
    for split in splits:
        chosen = [row for row in rows if split == "all" or row["split"] == split]
        results[split] = {"khabar": score(khabar_system, chosen, articles, errors=bool(args.errors),
                                          acts_gold=acts_gold),
                          "baseline": score(baseline_system, chosen, articles, errors=False, acts_gold=acts_gold)}
    print(f"{'split':6} {'system':9} {'quote P':>8} {'R':>6} {'F1':>6} {'type':>6} {'spk':>6} {'spk~':>6} "
          f"{'num P':>7} {'R':>6} {'F1':>6} {'value':>6} {'event':>6}")
    for split, by_system in results.items():
        for name, r in by_system.items():
            q, n = r["quotes"], r["numbers"]
            print(f"{split:6} {name:9} {q['precision']:8.3f} {q['recall']:6.3f} {q['f1']:6.3f} "
                  f"{q['type_accuracy']:6.3f} {q['speaker_strict']:6.3f} {q['speaker_lenient']:6.3f} "
                  f"{n['precision']:7.3f} {n['recall']:6.3f} {n['f1']:6.3f} {n['value_accuracy']:6.3f} "
                  f"{n['event_accuracy']:6.3f}")
    if acts_gold:
        print(f"\n{'split':6} {'system':9} {'act P':>7} {'R':>6} {'F1':>6} | {'all P':>7} {'R':>6} {'F1':>6} "
              f"{'act':>6} {'spk':>6} {'spk~':>6}   (speech acts alone | quotations and speech acts together)")
        for split, by_system in results.items():
            for name, r in by_system.items():
                if "speech_acts" not in r:
                    continue
                a, w = r["speech_acts"], r["with_speech_acts"]
                print(f"{split:6} {name:9} {a['precision']:7.3f} {a['recall']:6.3f} {a['f1']:6.3f} | "
                      f"{w['precision']:7.3f} {w['recall']:6.3f} {w['f1']:6.3f} {w['act_accuracy']:6.3f} "
                      f"{w['speaker_strict']:6.3f} {w['speaker_lenient']:6.3f}")
    if not args.errors and not args.split:
        RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"-> {RESULTS}")


if __name__ == "__main__":
    main()
