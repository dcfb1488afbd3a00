"""Corrupt clean Arabic news the way scraped and converted news is damaged.

Every damage is recorded with khabar's own edit trail, so the benchmark knows
exactly which change undoes each one. Rates are per document and drawn at
random (seeded): real damage is usually systematic within one document (a
conversion loses every ى or every ،) and sporadic across documents, so each
kind is either absent, partial or total in a given document. Hand-typed text
also loses a few hamzas, ى or ة here and there: the word-level kinds and commas
are sometimes *thin* (3–10% of the eligible sites), the case a per-document damage
rate estimate finds hardest.

The reverse of the ة loss, a final ه written as ة (``شاهدة`` for ``شاهده``, a
hypercorrection), is rarer: most documents have none (``final_heh`` in the
profile). It is recorded as kind ``teh_marbuta``, like the loss of ة, and its
randomness comes from a generator of its own, so the other kinds' damage is the
same as before this kind existed (``final_heh=False`` leaves it out).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from khabar.repair.edits import Change, Edit, EditTrail
from khabar.repair.resources import load_resources

AR = "\u0621-\u063a\u0641-\u064a"
WORD = re.compile(f"[{AR}]+")
SPACE_BETWEEN = re.compile(f"(?<=[{AR}]) (?=[{AR}])")
COMMA_BETWEEN = re.compile(f"(?<=[{AR}])،(?= [{AR}])")
QUOTE_PAIR = re.compile(f"([«\"“])([{AR}][^«»\"“”\n]{{0,400}}?)([»\"”])")
STRAY = ["¢", "¤", "Ž", "?"]
DAMAGE_KINDS = ("encoding", "unicode", "whitespace", "quote", "space", "alef_maksura", "hamza", "teh_marbuta", "comma")
PERSIAN = {"ي": "ی", "ى": "ی", "ك": "ک"}


@dataclass
class Damaged:
    clean: str
    text: str
    #: edits from clean to damaged: ``before`` is clean text, ``after`` the damage,
    #: ``repaired_start``/``repaired_end`` locate the damage in ``text``
    gold: list[Edit]
    profile: dict[str, float]


#: share of eligible sites damaged in a document with thin damage
THIN = (0.03, 0.10)


def _rate(rng: random.Random, absent: float, total: float, partial: tuple[float, float], thin: float = 0.0) -> float:
    roll = rng.random()
    if roll < absent:
        return 0.0
    if roll < absent + total:
        return 1.0
    if roll < absent + total + thin:
        return rng.uniform(*THIN)
    return rng.uniform(*partial)


def density(rate: float) -> str:
    """How much of one kind a document lost: none, thin (≤ 10%), partial or full."""
    if rate <= 0:
        return "none"
    if rate >= 1:
        return "full"
    return "thin" if rate <= THIN[1] else "partial"


def draw_profile(rng: random.Random) -> dict[str, float]:
    """Damage rates for one document, per kind (0 = absent)."""
    return {
        "space": _rate(rng, 0.5, 0.0, (0.01, 0.05)),
        "quote": _rate(rng, 0.6, 0.4, (0, 0)),
        "alef_maksura": _rate(rng, 0.4, 0.3, (0.3, 0.8), thin=0.15),
        "hamza": _rate(rng, 0.4, 0.2, (0.3, 0.8), thin=0.15),
        "teh_marbuta": _rate(rng, 0.5, 0.15, (0.2, 0.6), thin=0.15),
        "comma": _rate(rng, 0.5, 0.3, (0.4, 0.8), thin=0.1),
        "encoding": _rate(rng, 0.85, 0.0, (1, 1)),
        "unicode": _rate(rng, 0.7, 0.0, (0.01, 0.04)),
        "whitespace": _rate(rng, 0.7, 0.0, (0.02, 0.1)),
    }


def draw_final_heh(rng: random.Random) -> float:
    """Share of a document's final ه written as ة: none in most documents, thin or partial in some."""
    return _rate(rng, 0.7, 0.05, (0.2, 0.6), thin=0.1)


#: a writer who confuses ة and ه writes the final ه of a word with ة (كتابه → كتابة، فيه → فية): of a word this
#: common (per billion words), not definite (a definite word cannot carry the pronoun "his/its": the clean
#: text's المرحله is its own error), not the name of God (الله، لله), and not a word written with ة this many
#: times more often (the clean text's سياسيه is an error too)
HEH_WORD = 1000
HEH_TEH_RATIO = 5
_DEFINITE = ("ال", "وال", "بال", "فال", "كال", "لل")


def heh_may_become_teh(word: str, words: dict[str, int]) -> bool:
    """Whether the final ه of ``word`` may be written as ة."""
    if len(word) < 2 or not word.endswith("ه") or word.endswith("لله") or word.startswith(_DEFINITE):
        return False
    count = words.get(word, 0)
    return count >= HEH_WORD and HEH_TEH_RATIO * count >= words.get(word[:-1] + "ة", 0)


def corrupt(clean: str, rng: random.Random, profile: dict[str, float] | None = None,
            final_heh: bool = True) -> Damaged:
    # the reverse ة damage draws from its own generator, seeded from (not advancing) the main one
    side = random.Random(str(rng.getstate()))
    if profile is None:
        profile = draw_profile(rng)
        if final_heh:
            profile["final_heh"] = draw_final_heh(side)
    trail = EditTrail(clean)

    def changes(kind: str, pattern: re.Pattern[str], make) -> None:  # type: ignore[no-untyped-def]
        rate = profile.get(kind, 0.0)
        if rate <= 0:
            return
        out = []
        for match in pattern.finditer(trail.text):
            if rng.random() < rate:
                made = make(match)
                if made is not None:
                    out.extend(made if isinstance(made, list) else [made])
        trail.apply(out)

    # word-level damage first, as it happens at writing or conversion time
    changes("alef_maksura", re.compile(f"ى(?![{AR}])"), lambda m: Change(*m.span(), "ي", "alef_maksura", 1, ""))
    changes("hamza", re.compile("[أإآ]"), lambda m: Change(*m.span(), "ا", "hamza", 1, ""))
    changes("hamza", re.compile("ؤ"), lambda m: Change(*m.span(), "و", "hamza", 1, "") if rng.random() < 0.5 else None)
    changes("hamza", re.compile("ئ"), lambda m: Change(*m.span(), "ي", "hamza", 1, "") if rng.random() < 0.5 else None)
    changes("teh_marbuta", re.compile(f"ة(?![{AR}])"), lambda m: Change(*m.span(), "ه", "teh_marbuta", 1, ""))
    heh_rate = profile.get("final_heh", 0.0) if final_heh else 0.0
    if heh_rate > 0:
        # the damage so far replaced letters one for one: offsets in the clean text still hold, and a ه the clean
        # text has is not one that just replaced a ة
        assert len(trail.text) == len(clean)
        words = load_resources().words
        trail.apply([
            Change(m.end() - 1, m.end(), "ة", "teh_marbuta", 1, "")
            for m in WORD.finditer(clean)
            if m.group().endswith("ه") and heh_may_become_teh(m.group(), words) and side.random() < heh_rate
        ])
    changes("comma", COMMA_BETWEEN, lambda m: Change(*m.span(), ".", "comma", 1, ""))
    changes("space", SPACE_BETWEEN, lambda m: Change(*m.span(), "", "space", 1, ""))
    if profile.get("quote"):
        symbol = rng.choice(STRAY)

        def quote(match: re.Match[str]) -> list[Change]:
            opening = Change(match.start(1), match.end(1), symbol, "quote", 1, "")
            closing = Change(match.start(3), match.end(3), symbol, "quote", 1, "")
            if rng.random() < 0.1:  # one mark of the pair lost altogether
                closing = Change(match.start(3), match.end(3), "", "quote", 1, "")
            return [opening, closing]

        changes("quote", QUOTE_PAIR, quote)
    if profile.get("unicode"):
        rate = profile["unicode"]

        def glyph(match: re.Match[str]) -> Change | None:
            roll = rng.random()
            word = match.group()
            if roll < 0.4 and len(word) > 3:
                middle = rng.randrange(1, len(word) - 1)
                return Change(match.start() + middle, match.start() + middle, "ـ" * rng.randint(1, 3), "unicode", 1, "")
            if roll < 0.7:
                return Change(match.end(), match.end(), rng.choice(["\u200c", "\u200f", "\u200b"]), "unicode", 1, "")
            last = word[-1]
            if last in PERSIAN:
                return Change(match.end() - 1, match.end(), PERSIAN[last], "unicode", 1, "")
            return None

        trail.apply(c for m in WORD.finditer(trail.text) if rng.random() < rate and (c := glyph(m)) is not None)
    if profile.get("whitespace"):
        rate = profile["whitespace"]
        spaces = [m for m in re.finditer(" ", trail.text) if rng.random() < rate]
        trail.apply(Change(*m.span(), rng.choice(["\u00a0", "  ", " \u2009"]), "whitespace", 1, "") for m in spaces)
        trail.apply(Change(*m.span(), "\r\n", "whitespace", 1, "") for m in re.finditer("\n", trail.text))
    if profile.get("encoding"):
        lines = [m for m in re.finditer(".+", trail.text) if WORD.search(m.group())]
        if lines:
            line = rng.choice(lines)
            if rng.random() < 0.5:
                damaged = line.group().encode("utf-8").decode("cp1252", errors="replace")
                if "\ufffd" in damaged:  # bytes cp1252 cannot show are shown as latin-1 by real decoders
                    damaged = line.group().encode("utf-8").decode("latin-1")
            else:
                damaged = line.group().encode("cp1256", errors="replace").decode("cp1252", errors="replace")
            trail.apply([Change(*line.span(), damaged, "encoding", 1, "")])
    return Damaged(clean, trail.text, trail.edits, profile)
