"""Read the gold Arabic treebanks in ``../shared/data/treebanks`` into one clitic-segmentation shape.

Two golds, two conventions:

* **UD Arabic-PADT v1.3** (``ar-ud-{dev,test}.conllu``): FORM and LEMMA are fully vocalized, every clitic
  is its own syntactic word, and there are *no* multi-word-token lines, no ``# text`` comments and no
  ``SpaceAfter`` in MISC (MISC only holds Gloss, Root, Translit, LTranslit). :func:`read_padt` therefore
  rebuilds the written (orthographic) tokens itself with the rule worked out from the data:

  - a *proclitic* is a one-letter syntactic word ``و ف ب ل ك س أ`` that carries a short vowel
    (``وَ لِ بِ فَ كَ سَ لَ أَ``) and is tagged CONJ/ADP/PART; it is glued to the next word.
    Bare one-letter words without a vowel (``ب`` of ``اف ب``, ``د.``) are abbreviations (UPOS X) and
    stay apart;
  - an *enclitic* is a personal pronoun (``PronType=Prs``) in the genitive or accusative
    (``هُ هِ هَا هُم نَا كَ ِي يَ`` …); it is glued to the previous word. Nominative personal pronouns
    (``هُوَ هِيَ نَحنُ``) and relative/demonstrative pronouns (``اَلَّذِي``, ``أُولٰئِكَ``) are free words;
  - the written token then follows Arabic spelling, not plain concatenation: ``لِ + اَلحَظرِ`` is
    ``للحظر`` (the article's alef goes, ``لِ + اللغة`` is ``للغة``); a host ending in ة before a pronoun
    is written with ت (``رئيسة + ها`` → ``رئيستها``); final ى becomes ا (``أهدى + ه`` → ``أهداه``);
    the verbal ``وا`` loses its alef (``نهبوا + ه`` → ``نهبوه``); a word-final hamza in the genitive
    (``ءِ``) sits on ي and in the nominative (``ءُ``) on و before a pronoun (``إلغاءِ + ها`` → ``إلغائها``).

  The segments keep the UD (PADT) forms, undiacritized: ``للحظر`` → ``ل`` + ``الحظر``. ``مِمَّا`` and
  ``لِكَي`` are single words in PADT; ``فِي مَا`` and ``أَن لَا`` are two words and stay two tokens.

* **Farasa WikiNews** (``WikiNews.pos.ref``): one written word a line, ``seg+men+ted<TAB>POS+POS``,
  after a header line. See :data:`FARASA_VS_UD` for how its segmentation differs from UD and
  :func:`farasa_to_ud` for the conversion.

Run ``python training/convert_treebanks.py --stats`` for counts and the rebuild check, or
``--out DIR`` to write JSONL (nothing is written into the repository).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from khabar_dev.corpora import shared_data_dir  # noqa: E402

PADT_DIR = "treebanks/UD_Arabic-PADT-v1.3"
WIKINEWS_FILE = "treebanks/Farasa-WikiNews/WikiNews.pos.ref"
DEFAULT_OUT = Path("/tmp/khabar-treebanks")

#: harakat, sukun, superscript alef (U+064B–U+0652, U+0670) and tatweel
DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")
HARAKAT = re.compile("[\u064b-\u0652\u0670]")
SHORT_VOWELS = frozenset("\u064e\u064f\u0650")  # fatha, damma, kasra
PROCLITIC_LETTERS = frozenset("وفبلكسأ")
PROCLITIC_UPOS = frozenset({"CONJ", "CCONJ", "SCONJ", "ADP", "PART"})
ARABIC_LETTER = re.compile("[\u0621-\u064a]")

#: How Farasa (WikiNews) segmentation differs from UD/PADT, and what :func:`farasa_to_ud` does about it.
FARASA_VS_UD = """\
Farasa splits more than UD. UD (PADT) splits a written word only into syntactic words: proclitic
conjunctions/prepositions/particles (و ف ب ل ك س, interrogative أ) and an enclitic personal pronoun
(object of a verb, possessor of a noun, object of a preposition or particle). Farasa also splits
  - the article ال (DET): UD keeps it on its word            ال+كتاب   -> الكتاب
  - nominal suffixes NSUFF (ة ات ان ين ون ت …): UD keeps them  مدين+ت+هم -> مدينة + هم
  - the case/tanwin alef CASE:                                 عدد+ا     -> عددا
  - verb subject suffixes, which Farasa tags PRON like object pronouns:
                                                               أعلن+ت    -> أعلنت, يشتر+ون+ها -> يشترون + ها
Segment forms: Farasa writes ل+ال+X for للX, as UD does (ل + الX). Before a pronoun Farasa keeps the
written ت of ة (محاضر+ت+ه); UD/PADT writes the host in its base form (محاضرة + ه), so a lone NSUFF ت
followed by a pronoun becomes ة. PADT writes verbal وا before a pronoun (نهبوا + ه); Farasa's tagged
V host ending in و gets the alef back. Without tags (raw segmenter output) the last segment is an
enclitic when it is a pronoun form (ه ها هما هم هن ك كما كم كن ني نا, and ي unless it follows ت,
where it is usually the dual's ي); a verb's ت before a pronoun is then taken for ة (nouns are the
commoner case in news).
Remaining differences not converted: PADT spells some hosts in their pre-clitic allomorph (علي + ه,
but أهدى + ه), words PADT splits that Farasa does not (مما stays whole in both; فيما is في + ما in
PADT), and Farasa's occasional split of ب+ذلك matches PADT.
"""

FARASA_PROCLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "س"})
PRONOUN_FORMS = frozenset({"ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "ني", "نا", "ي"})
OBJECT_PRONOUNS = frozenset({"ه", "ها", "هما", "هم", "هن", "ك", "كما", "كم", "كن", "ني"})


@dataclass(frozen=True, slots=True)
class Segment:
    """One syntactic word: undiacritized form, UPOS, undiacritized lemma, FEATS (and the vocalized form)."""

    form: str
    upos: str
    lemma: str
    feats: str
    vocalized: str = ""
    xpos: str = ""


@dataclass(frozen=True, slots=True)
class Token:
    """One written (orthographic) token and the syntactic words it is made of."""

    text: str
    segments: tuple[Segment, ...]

    @property
    def analyzed(self) -> bool:
        """False when PADT left a word unanalyzed (XPOS ``U``): its clitics, if any, are not split."""
        return not any(segment.xpos.startswith("U") for segment in self.segments)

    @property
    def forms(self) -> list[str]:
        """The segment forms, UD convention."""
        return [segment.form for segment in self.segments]


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as written tokens."""

    sent_id: str
    tokens: tuple[Token, ...]

    @property
    def text(self) -> str:
        """The undiacritized surface text, tokens joined by single spaces."""
        return " ".join(token.text for token in self.tokens)


@dataclass(frozen=True, slots=True)
class FarasaWord:
    """One WikiNews word: Farasa segments and their POS tags."""

    segments: tuple[str, ...]
    tags: tuple[str, ...]

    @property
    def text(self) -> str:
        """The written word (``ل+ال+X`` is written ``لX``)."""
        return farasa_surface(self.segments)

    @property
    def ud(self) -> list[str]:
        """The segmentation in UD convention."""
        return farasa_to_ud(self.segments, self.tags)


# ---------------------------------------------------------------- PADT


def strip_diacritics(text: str) -> str:
    """Remove harakat, sukun, superscript alef and tatweel.

    >>> strip_diacritics("اَلحَظرِ")
    'الحظر'
    """
    return DIACRITICS.sub("", text)


def _feats(feats: str) -> dict[str, str]:
    return dict(item.split("=", 1) for item in feats.split("|") if "=" in item)


def is_proclitic(vocalized: str, upos: str) -> bool:
    """A one-letter vocalized conjunction/preposition/particle (وَ لِ بِ فَ كَ سَ أَ) that leans on the next word."""
    return (
        len(vocalized) == 2
        and vocalized[0] in PROCLITIC_LETTERS
        and vocalized[1] in SHORT_VOWELS
        and upos in PROCLITIC_UPOS
    )


def is_enclitic(vocalized: str, upos: str, feats: str) -> bool:
    """A genitive/accusative personal pronoun, or any word that starts with a vowel mark (``ِي``)."""
    if upos == "PUNCT":
        return False
    if vocalized[:1] and HARAKAT.match(vocalized[0]):
        return True
    parsed = _feats(feats)
    return upos == "PRON" and parsed.get("PronType") == "Prs" and parsed.get("Case") in {"Gen", "Acc"}


def parse_conllu(lines: Iterable[str]) -> Iterator[tuple[str, list[list[str]]]]:
    """Yield ``(sent_id, rows)`` for each sentence; rows are the 10 CoNLL-U columns of each word line."""
    sent_id, rows = "", []
    for line in lines:
        line = line.rstrip("\n")
        if line.startswith("# sent_id"):
            sent_id = line.split("=", 1)[-1].strip()
        elif line and not line.startswith("#"):
            columns = line.split("\t")
            if len(columns) == 10 and columns[0].isdigit():
                rows.append(columns)
        elif not line and rows:
            yield sent_id, rows
            sent_id, rows = "", []
    if rows:
        yield sent_id, rows


def group_words(
    vocalized: Sequence[str], upos: Sequence[str], feats: Sequence[str], xpos: Sequence[str] | None = None
) -> list[list[int]]:
    """Group the syntactic words of a sentence (by index) into written tokens.

    An unanalyzed word (XPOS ``U``) that PADT split into syntactic words is written once per syntactic
    word with the whole unvocalized surface (``وذلك`` ``وذلك`` for و + ذلك): such repeats are one token.
    """
    xpos = xpos or [""] * len(vocalized)
    groups: list[list[int]] = []
    glue_next = False
    for i, (form, tag, feat) in enumerate(zip(vocalized, upos, feats)):
        repeat = i > 0 and xpos[i].startswith("U") and xpos[i - 1].startswith("U") and vocalized[i - 1] == form
        attach_left = glue_next or repeat or (
            bool(groups) and is_enclitic(form, tag, feat) and upos[groups[-1][-1]] not in {"PUNCT", "NUM", "SYM"}
        )
        if attach_left and groups:
            groups[-1].append(i)
        else:
            groups.append([i])
        glue_next = is_proclitic(form, tag) and i + 1 < len(vocalized) and upos[i + 1] not in {"PUNCT", "SYM"}
    return groups


def _host_before_enclitic(host: str, vocalized: str) -> str:
    """The written shape of a host (undiacritized text so far) when a pronoun follows it."""
    if host.endswith("ة"):
        return host[:-1] + "ت"
    if host.endswith("ى"):
        return host[:-1] + ("ي" if host in {"إلى", "على", "لدى"} else "ا")
    if host.endswith("وا") and len(host) > 3:
        return host[:-1]
    if host.endswith("ء") and len(host) > 1 and host[-2] not in "اوي":
        return host
    if host.endswith("ء"):
        last_vowel = [c for c in vocalized if c in SHORT_VOWELS][-1:]
        if last_vowel == ["\u0650"]:
            return host[:-1] + "ئ"
        if last_vowel == ["\u064f"]:
            return host[:-1] + "ؤ"
    return host


def _attach_to_proclitic(prefix: str, word: str) -> str:
    """Glue a word to the proclitics before it: ``ل`` + ``الحظر`` → ``للحظر``, ``ل`` + ``اللغة`` → ``للغة``."""
    if prefix.endswith("ل") and word.startswith("ال"):
        word = word[1:]
        if word.startswith("لل"):
            word = word[1:]
    return prefix + word


def spell_token(segments: Sequence[Segment]) -> str:
    """The written (undiacritized) token for a run of syntactic words, with Arabic spelling at the joins."""
    text, host_vocalized = "", ""
    for index, segment in enumerate(segments):
        enclitic = index > 0 and is_enclitic(segment.vocalized, segment.upos, segment.feats)
        if enclitic and host_vocalized:
            text = _host_before_enclitic(text, host_vocalized) + segment.form
        else:
            text = _attach_to_proclitic(text, segment.form)
        if not is_proclitic(segment.vocalized, segment.upos):
            host_vocalized = segment.vocalized
    return text


def sentence_from_rows(sent_id: str, rows: Sequence[Sequence[str]]) -> Sentence:
    """Build a :class:`Sentence` of written tokens from the CoNLL-U rows of one PADT sentence."""
    segments = [
        Segment(strip_diacritics(r[1]) or r[1], r[3], strip_diacritics(r[2]) or r[2], r[5], r[1], r[4]) for r in rows
    ]
    groups = group_words([r[1] for r in rows], [r[3] for r in rows], [r[5] for r in rows], [r[4] for r in rows])
    tokens = []
    for group in groups:
        parts = tuple(segments[i] for i in group)
        text = parts[0].form if len({p.form for p in parts}) == 1 and parts[0].xpos.startswith("U") else None
        tokens.append(Token(text or spell_token(parts), parts))
    return Sentence(sent_id, tuple(tokens))


def read_padt(path: Path | str) -> list[Sentence]:
    """Read one PADT v1.3 CoNLL-U file into sentences of rebuilt written tokens."""
    with open(path, encoding="utf-8") as handle:
        return [sentence_from_rows(sent_id, rows) for sent_id, rows in parse_conllu(handle)]


# ---------------------------------------------------------------- Farasa WikiNews


def read_wikinews(path: Path | str) -> list[list[FarasaWord]]:
    """Read ``WikiNews.pos.ref`` into sentences of :class:`FarasaWord` (split after ``. ! ؟``).

    The file has a header line, then one word a line: ``seg+men+ts<TAB>TAG+TAG``; the ``#`` lines open
    article titles. A ``+`` that is itself the word (tag PUNC) is kept whole.
    """
    sentences: list[list[FarasaWord]] = []
    current: list[FarasaWord] = []
    with open(path, encoding="utf-8") as handle:
        next(handle, None)
        for line in handle:
            word = _parse_farasa_line(line)
            if word is None:
                continue
            if word.segments == ("#",) and current:
                sentences.append(current)
                current = []
            current.append(word)
            if word.segments[-1] in {".", "!", "؟", "?"}:
                sentences.append(current)
                current = []
    if current:
        sentences.append(current)
    return sentences


def _parse_farasa_line(line: str) -> FarasaWord | None:
    parts = line.rstrip("\n").split("\t")
    if len(parts) != 2 or not parts[0]:
        return None
    segs, tags = parts[0].split("+"), parts[1].split("+")
    if len(segs) != len(tags) or "" in segs:
        return FarasaWord((parts[0],), (parts[1],))
    return FarasaWord(tuple(segs), tuple(tags))


def farasa_surface(segments: Sequence[str]) -> str:
    """The written word of a Farasa segmentation (``ل+ال+فيلم`` → ``للفيلم``)."""
    text = ""
    for segment in segments:
        text = _attach_to_proclitic(text, segment) if text in {"ل", "ول", "فل"} else text + segment
    return text


def _farasa_split(segments: Sequence[str], tags: Sequence[str] | None) -> tuple[int, int]:
    """Indices ``(stem_start, enclitic_start)`` of a Farasa word: prefixes before, enclitic from the second."""
    start = 0
    while start < len(segments) - 1 and segments[start] in FARASA_PROCLITICS | {"ال"}:
        if tags is not None and tags[start] not in {"CONJ", "PREP", "FUT_PART", "DET", "PART"}:
            break
        start += 1
    last = len(segments) - 1
    if last <= start:
        return start, len(segments)
    form = segments[last]
    if tags is not None:
        if tags[last] != "PRON":
            return start, len(segments)
        if tags[start] == "V" and form not in OBJECT_PRONOUNS and not (form == "نا" and last - start > 1):
            return start, len(segments)
        return start, last
    if form not in PRONOUN_FORMS or (form == "ي" and segments[last - 1] == "ت"):
        return start, len(segments)
    return start, last


def farasa_to_ud(segments: Sequence[str], tags: Sequence[str] | None = None) -> list[str]:
    """Convert a Farasa segmentation (with POS tags if known) to UD/PADT segments.

    >>> farasa_to_ud(["و", "ال", "كتاب"])
    ['و', 'الكتاب']
    >>> farasa_to_ud(["ب", "مدين", "ت", "هم"])
    ['ب', 'مدينة', 'هم']
    >>> farasa_to_ud(["أعلن", "ت"], ["V", "PRON"])
    ['أعلنت']
    """
    if len(segments) == 1:
        return list(segments)
    start, enclitic = _farasa_split(segments, tags)
    prefixes = [s for s in segments[:start] if s != "ال"]
    host = "".join(s for s in segments[:start] if s == "ال") + "".join(segments[start:enclitic])
    if enclitic < len(segments):
        verb = tags is not None and tags[start] == "V"
        nsuff_t = segments[enclitic - 1] == "ت" and enclitic - 1 > start
        if nsuff_t and ((tags is None and not verb) or (tags is not None and tags[enclitic - 1] == "NSUFF")):
            host = host[:-1] + "ة"
        elif verb and host.endswith("و"):
            host += "ا"
    return prefixes + [host] + list(segments[enclitic:])


def wikinews_split(sentences: Sequence[list[FarasaWord]], held_out: float = 0.2) -> tuple[list, list]:
    """Split WikiNews sentences into (train, test): the last ``held_out`` share of sentences is the test part."""
    cut = int(len(sentences) * (1 - held_out))
    return list(sentences[:cut]), list(sentences[cut:])


# ---------------------------------------------------------------- checks and stats


def naive_join(token: Token) -> str:
    """Plain concatenation of the segment forms (what a rebuild without spelling rules would give)."""
    return "".join(token.forms)


def load_lexicon() -> frozenset[str]:
    """Written Arabic words known to khabar (``khabar/repair/data/words.tsv.gz``, 356k news + wordfreq words)."""
    path = ROOT / "khabar" / "repair" / "data" / "words.tsv.gz"
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return frozenset(line.split("\t", 1)[0] for line in handle)


def structural_problems(sentence: Sentence) -> list[str]:
    """Clitics left dangling after the rebuild (a proclitic or enclitic that is a token on its own)."""
    problems = []
    for token in sentence.tokens:
        seg = token.segments
        if is_proclitic(seg[-1].vocalized, seg[-1].upos):
            problems.append(f"dangling proclitic {token.text}")
        if is_enclitic(seg[0].vocalized, seg[0].upos, seg[0].feats):
            problems.append(f"dangling enclitic {token.text}")
    return problems


def rebuild_report(sentences: Sequence[Sentence], lexicon: frozenset[str] | None = None) -> dict[str, float | int]:
    """How consistent the rebuild is: structural checks, and lexicon attestation of multi-segment tokens."""
    lexicon = load_lexicon() if lexicon is None else lexicon
    multi = [t for s in sentences for t in s.tokens if len(t.segments) > 1 and t.analyzed]
    single = [t for s in sentences for t in s.tokens if len(t.segments) == 1 and ARABIC_LETTER.search(t.text)]
    bad_sentences = sum(1 for s in sentences if structural_problems(s))
    changed = [t for t in multi if t.text != naive_join(t)]
    return {
        "sentences": len(sentences),
        "structurally_consistent_sentences": 1 - bad_sentences / max(1, len(sentences)),
        "multi_segment_tokens": len(multi),
        "multi_attested": sum(t.text in lexicon for t in multi) / max(1, len(multi)),
        "multi_attested_naive_join": sum(naive_join(t) in lexicon for t in multi) / max(1, len(multi)),
        "respelled_tokens": len(changed),
        "respelled_attested": sum(t.text in lexicon for t in changed) / max(1, len(changed)),
        "respelled_attested_naive_join": sum(naive_join(t) in lexicon for t in changed) / max(1, len(changed)),
        "single_segment_attested": sum(t.text in lexicon for t in single) / max(1, len(single)),
        "unanalyzed_tokens": sum(not t.analyzed for s in sentences for t in s.tokens),
    }


def clitic_pattern(token: Token) -> str:
    """A token's shape: proclitic forms, ``W`` for the host, enclitic forms (``و+ل+W+ها``)."""
    parts = []
    for seg in token.segments:
        if is_proclitic(seg.vocalized, seg.upos) or is_enclitic(seg.vocalized, seg.upos, seg.feats):
            parts.append(seg.form)
        else:
            parts.append("W")
    return "+".join(parts)


def farasa_pattern(forms: Sequence[str]) -> str:
    """The same shape for a UD-converted Farasa word: clitics spelled out, the host as ``W``."""
    return "+".join(f if f in FARASA_PROCLITICS | PRONOUN_FORMS else "W" for f in forms)


def padt_paths(data: Path) -> dict[str, Path]:
    """The PADT files present in the shared data folder, by split."""
    return {split: data / PADT_DIR / f"ar-ud-{split}.conllu" for split in ("dev", "test")}


def print_stats(data: Path) -> None:
    """Print counts, the rebuild check and the commonest clitic patterns of both golds."""
    lexicon = load_lexicon()
    for split, path in padt_paths(data).items():
        sentences = read_padt(path)
        words = sum(len(t.segments) for s in sentences for t in s.tokens)
        tokens = sum(len(s.tokens) for s in sentences)
        print(f"PADT {split}: {len(sentences)} sentences, {words} syntactic words, {tokens} written tokens")
        for key, value in rebuild_report(sentences, lexicon).items():
            print(f"  {key}: {value:.4f}" if isinstance(value, float) else f"  {key}: {value}")
        patterns = Counter(clitic_pattern(t) for s in sentences for t in s.tokens if len(t.segments) > 1 and t.analyzed)
        print("  clitic patterns:", ", ".join(f"{p} {n}" for p, n in patterns.most_common(15)))
    wiki = read_wikinews(data / WIKINEWS_FILE)
    words = [w for s in wiki for w in s]
    train, test = wikinews_split(wiki)
    print(f"WikiNews: {len(wiki)} sentences, {len(words)} words ({len(train)} train / {len(test)} test sentences)")
    arabic = [w for w in words if ARABIC_LETTER.search(w.text)]
    print(f"  surface words attested in lexicon: {sum(w.text in lexicon for w in arabic) / max(1, len(arabic)):.4f}")
    split_words = sum(len(w.ud) > 1 for w in words)
    print(f"  words split in UD convention: {split_words} ({split_words / max(1, len(words)):.3f})")
    patterns = Counter(farasa_pattern(w.ud) for w in words if len(w.ud) > 1)
    print("  clitic patterns (UD):", ", ".join(f"{p} {n}" for p, n in patterns.most_common(15)))
    raw = Counter("+".join(w.tags) for w in words)
    print("  Farasa tag patterns:", ", ".join(f"{p} {n}" for p, n in raw.most_common(10)))


def write_jsonl(data: Path, out: Path) -> list[Path]:
    """Write ``padt-{dev,test}.jsonl`` and ``wikinews-{train,test}.jsonl`` into ``out``; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for split, path in padt_paths(data).items():
        target = out / f"padt-{split}.jsonl"
        with open(target, "w", encoding="utf-8") as handle:
            for sentence in read_padt(path):
                row = {"sent_id": sentence.sent_id, "tokens": [asdict(t) for t in sentence.tokens]}
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        written.append(target)
    for name, part in zip(("train", "test"), wikinews_split(read_wikinews(data / WIKINEWS_FILE))):
        target = out / f"wikinews-{name}.jsonl"
        with open(target, "w", encoding="utf-8") as handle:
            for sentence in part:
                words = [
                    {"text": w.text, "farasa": list(w.segments), "tags": list(w.tags), "ud": w.ud} for w in sentence
                ]
                handle.write(json.dumps({"words": words}, ensure_ascii=False) + "\n")
        written.append(target)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``--stats`` prints the checks, otherwise JSONL goes to ``--out``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="shared data folder (default ../shared/data)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    parser.add_argument("--stats", action="store_true", help="print counts and checks instead of writing")
    args = parser.parse_args(argv)
    data = args.data or shared_data_dir()
    if data is None or not (data / PADT_DIR).is_dir():
        print("treebanks not found: expected ../shared/data/treebanks", file=sys.stderr)
        return 1
    if args.stats:
        print_stats(data)
        return 0
    for path in write_jsonl(data, args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
