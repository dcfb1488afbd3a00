"""Near-duplicate detection over a corpus of Arabic news (MinHash + LSH from datasketch).

The same wire story reaches a corpus many times: with and without repair, with another dateline, trimmed, with a
few words changed. Each text is folded (diacritics, tatweel, hamza forms, ى/ي, ة/ه, punctuation, digits), its
opening words (the dateline) are dropped, and it is cut into character 5-grams of the text *without spaces*, so
a lost or added space changes only a few shingles. :func:`find_duplicates` groups texts whose estimated Jaccard
similarity reaches ``threshold`` (0.6), or whose estimated containment (the share of the smaller text's shingles
found in the larger) reaches 0.8, so that a copy with its ending cut stays linked.

Measured with ``bench/dedupe_bench.py`` (altered copies injected into 3,000 real articles; the results are in
``bench/results/dedupe.json``): character 5-grams of the space-free text find far more of the altered copies than
word 3-grams (recall about 0.97 against 0.72 at the same threshold, because a dropped letter or a lost space breaks
three word 3-grams but only the character 5-grams around it), at about 0.96 precision of duplicate pairs.

>>> story = ("القاهرة (خبر) - أعلنت وزارة الصحة المصرية اليوم الأحد تسجيل ثلاثين إصابة جديدة بالفيروس في محافظة "
...          "الجيزة وقالت الوزارة في بيان إن فرقها الطبية انتقلت إلى القرى المتضررة لفحص السكان وتوزيع الأدوية "
...          "مجانا على الأسر وإن المستشفيات مستعدة لاستقبال الحالات الحرجة خلال الأيام المقبلة.")
>>> copy = "الجيزة - " + story.replace("أعلنت", "اعلنت").replace("إلى", "الي").replace("وزارة الصحة", "وزارةالصحة")
>>> other = ("الرياض - فاز فريق الهلال على النصر بثلاثة أهداف مقابل هدف في مباراة القمة التي أقيمت مساء الجمعة "
...          "على ملعب الملك فهد الدولي وسط حضور جماهيري كبير وقال مدرب الفريق إن اللاعبين قدموا أداء ممتازا.")
>>> groups = find_duplicates([("a", story), ("b", copy), ("c", other), ("d", "")])
>>> [(g.representative, g.members) for g in groups]
[('b', ['a', 'b'])]
>>> groups[0].pairs[0].similarity > 0.8
True
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from datasketch import MinHash, MinHashLSH

from khabar.repair.encoding import find_encoding_damage
from khabar.text import fold_for_dedupe

__all__ = ["DEFAULT_THRESHOLD", "Group", "Pair", "find_duplicates", "normalize", "shingles", "signature"]

#: the default estimated-Jaccard threshold (chosen on the benchmark's dev part, see bench/dedupe_bench.py)
DEFAULT_THRESHOLD = 0.6
#: the default estimated containment (share of the smaller text's shingles in the larger) that links a pair
DEFAULT_CONTAINMENT = 0.8
#: with containment on, pairs whose Jaccard similarity is at least this share of the threshold are considered
CANDIDATE_RATIO = 0.7
#: words dropped from the start of a text before shingling (a dateline such as "القاهرة، مصر (رويترز) -")
SKIP_WORDS = 8
#: shingle size of the ``char`` shingling (characters of the space-free text)
CHAR_GRAM = 5
Shingling = Literal["char", "word"]

_MAYBE_MOJIBAKE = re.compile("[\u00a0-\u02ff&]")
_NON_WORD = re.compile(r"[\W_]+")


def _undo_mojibake(text: str) -> str:
    """``text`` with mojibake (UTF-8 or Windows-1256 Arabic read as Windows-1252) and HTML entities undone."""
    if not _MAYBE_MOJIBAKE.search(text):
        return text
    out, cursor = [], 0
    for change in sorted(find_encoding_damage(text), key=lambda c: c.start):
        if change.start < cursor:
            continue
        out += [text[cursor : change.start], change.after]
        cursor = change.end
    return "".join(out) + text[cursor:]


def normalize(text: str, skip_words: int = SKIP_WORDS) -> list[str]:
    """The folded words of ``text`` that its signature is built from (opening words dropped).

    >>> normalize("القاهرة - «أعلنَت» الوزارةُ إلى مستشفـى المدينة ١٢", skip_words=0)
    ['القاهره', 'اعلنت', 'الوزاره', 'الي', 'مستشفي', 'المدينه', '12']

    The opening ``skip_words`` are kept when the text is too short to spare them.
    """
    text = _undo_mojibake(text)
    text = unicodedata.normalize("NFKC", text)
    text = fold_for_dedupe(text).lower()
    words = _NON_WORD.sub(" ", text).split()
    if len(words) >= 4 * skip_words:
        words = words[skip_words:]
    return words


def shingles(text: str, kind: Shingling = "char", size: int | None = None, skip_words: int = SKIP_WORDS) -> set[str]:
    """The set of shingles of ``text``: character ``size``-grams of the space-free folded text (``char``, size 5)
    or word ``size``-grams (``word``, size 3). Texts shorter than one shingle give one shingle, empty text none.

    >>> sorted(shingles("وزارة الخارجية", size=5, skip_words=0)) == sorted(shingles("وزارةالخارجيه", skip_words=0))
    True
    >>> sorted(shingles("قال وزير الخارجية اليوم", kind="word", skip_words=0))
    ['قال وزير الخارجيه', 'وزير الخارجيه اليوم']
    """
    words = normalize(text, skip_words)
    if kind == "word":
        n = size or 3
        if len(words) < n:
            return {" ".join(words)} if words else set()
        return {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}
    n = size or CHAR_GRAM
    flat = "".join(words)
    if len(flat) < n:
        return {flat} if flat else set()
    return {flat[i : i + n] for i in range(len(flat) - n + 1)}


def signature(text: str, num_perm: int = 128, kind: Shingling = "char") -> MinHash | None:
    """The MinHash signature of ``text``, or None when it has nothing to compare (empty, only punctuation).

    >>> signature("") is None
    True
    >>> a = signature("أعلنت الحكومة اليوم خطة جديدة لدعم المزارعين في الجنوب")
    >>> b = signature("اعلنت الحكومه اليوم خطةجديدة لدعم المزارعين في الجنوب")
    >>> a.jaccard(b)
    1.0
    """
    grams = shingles(text, kind)
    return _minhash(grams, num_perm) if grams else None


def _minhash(grams: set[str], num_perm: int) -> MinHash:
    sig = MinHash(num_perm=num_perm)
    sig.update_batch([g.encode("utf-8") for g in grams])
    return sig


@dataclass(frozen=True)
class Pair:
    """Two grouped documents and their estimated Jaccard similarity."""

    a: str
    b: str
    similarity: float


@dataclass
class Group:
    """Documents judged near-duplicates of each other; ``representative`` is the longest."""

    representative: str
    members: list[str]
    pairs: list[Pair] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "representative": self.representative,
            "members": self.members,
            "pairs": [{"a": p.a, "b": p.b, "similarity": round(p.similarity, 4)} for p in self.pairs],
        }


def find_duplicates(
    docs: Iterable[tuple[str, str]],
    threshold: float = DEFAULT_THRESHOLD,
    num_perm: int = 128,
    kind: Shingling = "char",
    containment: float | None = DEFAULT_CONTAINMENT,
) -> list[Group]:
    """Groups of near-duplicate documents among ``(id, text)`` pairs (transitively linked), largest first.

    A pair is linked when its estimated Jaccard similarity reaches ``threshold``, or (unless ``containment`` is
    None) when the estimated share of the smaller text's shingles found in the larger reaches ``containment`` and
    the Jaccard similarity is at least ``CANDIDATE_RATIO * threshold``: a copy with its ending cut keeps
    its link. ``Pair.similarity`` is the estimated Jaccard similarity. Documents without a signature
    (empty text) are never grouped. Ids need not be unique: each input is a separate document.

    >>> find_duplicates([("x", "نص"), ("y", "")])
    []
    """
    if not 0.0 < threshold <= 1.0:
        raise ValueError("threshold must be in (0, 1]")
    floor = threshold if containment is None else CANDIDATE_RATIO * threshold
    lsh = MinHashLSH(threshold=floor, num_perm=num_perm)
    ids: list[str] = []
    sizes: list[int] = []
    lengths: list[int] = []
    sigs: list[MinHash] = []
    for doc_id, text in docs:
        grams = shingles(text, kind)
        if not grams:
            continue
        sig = _minhash(grams, num_perm)
        sizes.append(len(grams))
        lsh.insert(len(sigs), sig, check_duplication=False)
        ids.append(str(doc_id))
        lengths.append(len(text))
        sigs.append(sig)
    parent = list(range(len(sigs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    linked: list[tuple[int, int, float]] = []
    for i, sig in enumerate(sigs):
        for j in lsh.query(sig):
            if j <= i:
                continue
            similarity = sig.jaccard(sigs[j])
            if similarity >= threshold or (
                containment is not None
                and similarity >= floor
                and similarity * (sizes[i] + sizes[j]) / (1 + similarity) >= containment * min(sizes[i], sizes[j])
            ):
                linked.append((i, j, similarity))
                parent[root(j)] = root(i)
    members: dict[int, list[int]] = {}
    for i, j, _ in linked:
        for k in (i, j):
            members.setdefault(root(k), [])
    for k in range(len(sigs)):
        if root(k) in members:
            members[root(k)].append(k)
    pairs: dict[int, list[Pair]] = {}
    for i, j, similarity in linked:
        pairs.setdefault(root(i), []).append(Pair(ids[i], ids[j], similarity))
    groups = []
    for key, indices in members.items():
        best = max(indices, key=lambda k: (lengths[k], -k))
        groups.append(Group(ids[best], [ids[k] for k in indices], pairs[key]))
    groups.sort(key=lambda g: -len(g.members))
    return groups
