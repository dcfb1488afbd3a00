"""Read the named-entity corpora of ``../shared/data/ner`` into BIO sentences.

Corpora (see ``../shared/data/README.md``, section ``ner/``):

- ``ANERcorp/ANERCorp``: one ``token TAG`` per line, BIO tags with types PERS, LOC,
  ORG, MISC (PERS is renamed PER here). The file has no blank lines; sentences end at
  a ``.`` token (a run of ``.`` tokens ends one sentence). Irregular lines, all handled:
  1,128 invisible right-to-left marks (U+200F) glued to tokens (removed); 186 lines
  whose token is only a U+200F and 5 lines whose token is empty (``" O"``), all tagged
  O and all in the training part (kept for line counting, dropped from sentences); one
  line with a space inside its token (the tag is the last field, the rest is the token,
  spaces removed); no final newline, so ``wc -l`` says 150,281 for 150,282 lines.
- The benchmark split (CAMeL Lab): the last 25,008 token lines are the test set
  (:func:`anercorp_split`).
- ``AQMAR/articles/*.txt``: 28 Wikipedia articles, ``token TAG`` lines with blank lines
  between sentences. Types PER, LOC, ORG and MIS0-MIS3 (mapped to MISC); a dozen tags
  are misspelt (``I--ORG``, ``B-MISS1``, ``B-MIS1``` ``, ``IO``, ``OO``) and two mark a
  foreign word rather than an entity (``B-ENGLISH``, ``B-SPANISH``, mapped to O).
- ``ANERcorp/ANERGazet/Aligned{Loc,Org,Pers}Gazetteer/data``: one name per line
  (:func:`read_gazetteers`).

Run ``python training/convert_ner.py --stats`` for counts; CoNLL files go to ``--out``
(default ``/tmp/khabar-ner``), never into the repository.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

Sentence = list[tuple[str, str]]
"""One sentence: (token, BIO tag) pairs, tags with types PER, LOC, ORG, MISC."""

ENTITY_TYPES = ("PER", "LOC", "ORG", "MISC")
TEST_LINES = 25_008
"""Number of final ANERcorp token lines that form the benchmark test set."""

_TYPE_NAMES = {"PERS": "PER", "PER": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}
_AQMAR_NON_ENTITY = {"ENGLISH", "SPANISH"}
_GAZETTEER_FILES = {
    "LOC": "AlignedLocGazetteer/data",
    "ORG": "AlignedOrgGazetteer/data",
    "PER": "AlignedPersGazetteer/data",
}


@dataclass(frozen=True)
class TokenLine:
    """One token line of ANERcorp, with its 1-based line number and cleaned fields."""

    lineno: int
    token: str
    tag: str


@dataclass(frozen=True)
class Split:
    """The ANERcorp benchmark split and where it was cut."""

    train: list[Sentence]
    test: list[Sentence]
    train_lines: int
    test_lines: int
    at_sentence_boundary: bool


def ner_data_dir(data_dir: Path | None = None) -> Path:
    """The ``ner`` folder of the shared data (``../shared/data/ner``); raises if absent."""
    if data_dir is None:
        from khabar_dev.corpora import shared_data_dir

        data_dir = shared_data_dir()
    if data_dir is None or not (data_dir / "ner").is_dir():
        raise FileNotFoundError("../shared/data/ner is not present beside the checkout")
    return data_dir / "ner"


def clean_token(token: str) -> str:
    """Remove invisible format characters (U+200F and kin) and any whitespace from a token.

    >>> clean_token("\\u200f.\\u200f")
    '.'
    """
    return "".join(ch for ch in token if unicodedata.category(ch) not in ("Cf", "Cc") and not ch.isspace())


def normalise_tag(tag: str) -> str:
    """Map an ANERcorp or AQMAR tag to ``O`` or ``B-``/``I-`` with PER, LOC, ORG, MISC.

    >>> [normalise_tag(t) for t in ["B-PERS", "I--ORG", "B-MIS1`", "I-MIS", "OO", "B-ENGLISH"]]
    ['B-PER', 'I-ORG', 'B-MISC', 'I-MISC', 'O', 'O']
    """
    tag = tag.strip()
    if set(tag) <= {"O", "I"} and "O" in tag:  # "O", "OO", "IO": typos for O
        return "O"
    prefix, _, kind = tag.partition("-")
    kind = kind.lstrip("-").rstrip("`").upper()
    if prefix not in ("B", "I") or not kind:
        raise ValueError(f"unknown NER tag {tag!r}")
    if kind in _AQMAR_NON_ENTITY:
        return "O"
    if kind.startswith("MIS"):
        return f"{prefix}-MISC"
    if kind not in _TYPE_NAMES:
        raise ValueError(f"unknown NER type in tag {tag!r}")
    return f"{prefix}-{_TYPE_NAMES[kind]}"


def parse_token_line(line: str) -> tuple[str, str]:
    """Split ``token TAG`` on its last whitespace; return the cleaned token and normalised tag."""
    head, _, tag = line.rstrip("\r\n").rstrip().rpartition(" ")
    if not tag:
        raise ValueError(f"not a token line: {line!r}")
    return clean_token(head), normalise_tag(tag)


def read_anercorp_lines(path: Path) -> list[TokenLine]:
    """Every line of the ANERcorp file as a :class:`TokenLine` (tokens may be empty)."""
    text = Path(path).read_text(encoding="utf-8-sig")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out = []
    for number, line in enumerate(lines, start=1):
        token, tag = parse_token_line(line.replace("\t", " "))
        out.append(TokenLine(number, token, tag))
    return out


def group_sentences(tokens: Iterable[tuple[str, str]]) -> list[Sentence]:
    """Cut (token, tag) pairs into sentences after each run of ``.`` tokens; drop empty tokens."""
    sentences: list[Sentence] = []
    current: Sentence = []
    for token, tag in tokens:
        if not token:
            continue
        if current and current[-1][0] == "." and token != ".":
            sentences.append(current)
            current = []
        current.append((token, tag))
    if current:
        sentences.append(current)
    return sentences


def read_anercorp(path: Path) -> list[Sentence]:
    """ANERcorp as sentences of (token, tag), tags normalised, empty tokens dropped."""
    return group_sentences((line.token, line.tag) for line in read_anercorp_lines(path))


def _ends_sentence(previous: str, following: str | None) -> bool:
    """Whether a sentence boundary lies between two adjacent tokens (``.`` then non-``.``)."""
    return previous == "." and following != "."


def anercorp_split(lines: Sequence[TokenLine] | Sequence[Sentence], test_lines: int = TEST_LINES) -> Split:
    """Benchmark split: the last ``test_lines`` token lines are test, the rest train.

    Takes the output of :func:`read_anercorp_lines` (exact: empty-token lines count as
    lines) or of :func:`read_anercorp` (sentences; exact as long as no empty token lies
    in the test part, which holds for the shared file). A sentence that straddles the cut
    is cut in two; ``at_sentence_boundary`` says whether that was needed.
    """
    if lines and isinstance(lines[0], TokenLine):
        pairs = [(line.token, line.tag) for line in lines]  # type: ignore[union-attr]
    else:
        pairs = [pair for sentence in lines for pair in sentence]  # type: ignore[union-attr]
    if not 0 < test_lines < len(pairs):
        raise ValueError(f"cannot take {test_lines} test lines from {len(pairs)}")
    cut = len(pairs) - test_lines
    kept = [token for token, _ in pairs[:cut] if token]
    following = next((token for token, _ in pairs[cut:] if token), None)
    boundary = bool(kept) and _ends_sentence(kept[-1], following)
    return Split(
        train=group_sentences(pairs[:cut]),
        test=group_sentences(pairs[cut:]),
        train_lines=cut,
        test_lines=test_lines,
        at_sentence_boundary=boundary,
    )


def read_conll_sentences(lines: Iterable[str]) -> list[Sentence]:
    """Blank-line separated ``token TAG`` lines as sentences, tags normalised."""
    sentences: list[Sentence] = []
    current: Sentence = []
    for line in lines:
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        token, tag = parse_token_line(line.replace("\t", " "))
        if token:
            current.append((token, tag))
    if current:
        sentences.append(current)
    return sentences


def read_aqmar_articles(folder: Path) -> dict[str, list[Sentence]]:
    """AQMAR articles (``articles/*.txt`` under ``folder``, or ``folder`` itself) by name."""
    folder = Path(folder)
    if (folder / "articles").is_dir():
        folder = folder / "articles"
    articles = {}
    for path in sorted(folder.glob("*.txt")):
        articles[path.stem] = read_conll_sentences(path.read_text(encoding="utf-8-sig").splitlines())
    if not articles:
        raise FileNotFoundError(f"no AQMAR articles in {folder}")
    return articles


def read_aqmar(folder: Path) -> list[Sentence]:
    """All AQMAR sentences, articles in file-name order."""
    return [sentence for article in read_aqmar_articles(folder).values() for sentence in article]


def _is_separator(line: str) -> bool:
    """Whether a gazetteer line is a group separator (``====``, ``****``, ``*``, ``-``)."""
    return bool(line) and set(line) <= {"=", "*", "-"}


def read_gazetteer_groups(path: Path) -> list[list[str]]:
    """Entries of one ANERGazet file, in groups cut at separator lines.

    Lines are stripped, invisible marks removed and inner spaces collapsed; blank lines
    are skipped. Groups are not reliable variant sets (see :func:`read_gazetteers`).
    """
    groups: list[list[str]] = [[]]
    for raw in Path(path).read_text(encoding="utf-8-sig").splitlines():
        line = " ".join(clean_token(part) for part in raw.split())
        line = " ".join(line.split())
        if _is_separator(line.replace(" ", "")):
            groups.append([])
        elif line:
            groups[-1].append(line)
    return [group for group in groups if group]


def read_gazetteers(folder: Path) -> dict[str, list[list[str]]]:
    """ANERGazet as {type: groups of entries}, types LOC, ORG, PER.

    Format, as found: UTF-8, one name per line. The location list is a hierarchy:
    ``====`` lines frame a heading (a continent, later "mountains", "rivers"), ``****``
    lines alternate between a country (with its spelling variants, e.g. with and
    without the article) and the list of its cities; in the United States part ``*`` and
    ``-`` lines frame the states. Many multi-word city names are broken over several
    lines (one word a line), so some entries are single common words. The person list
    is a flat list of first and family names (two stray ``***``/``****`` lines and a
    blank one); the organisation list is flat with one ``====`` line, 48 multi-word
    names and one ``-``. Groups are returned as cut by those lines; for lookup use
    :func:`gazetteer_entries`.
    """
    folder = Path(folder)
    if (folder / "ANERGazet").is_dir():
        folder = folder / "ANERGazet"
    return {kind: read_gazetteer_groups(folder / name) for kind, name in _GAZETTEER_FILES.items()}


def gazetteer_entries(gazetteers: dict[str, list[list[str]]]) -> dict[str, str]:
    """Flatten gazetteer groups to {entry: type}; an entry listed under two types keeps the first."""
    entries: dict[str, str] = {}
    for kind, groups in gazetteers.items():
        for group in groups:
            for entry in group:
                entries.setdefault(entry, kind)
    return entries


def entity_counts(sentences: Iterable[Sentence]) -> Counter[str]:
    """Number of entities (``B-`` tags, plus ``I-`` tags that start a chunk) per type."""
    counts: Counter[str] = Counter()
    for sentence in sentences:
        previous = "O"
        for _, tag in sentence:
            if tag.startswith("B-") or (tag.startswith("I-") and previous[2:] != tag[2:]):
                counts[tag[2:]] += 1
            previous = tag
    return counts


def corpus_stats(sentences: Sequence[Sentence]) -> dict[str, int]:
    """Sentence, token and per-type entity counts of a list of sentences."""
    counts = entity_counts(sentences)
    stats = {"sentences": len(sentences), "tokens": sum(len(s) for s in sentences)}
    stats.update({kind: counts.get(kind, 0) for kind in ENTITY_TYPES})
    stats["entities"] = sum(counts.values())
    return stats


def write_conll(sentences: Iterable[Sentence], path: Path) -> None:
    """Write sentences as ``token TAG`` lines with a blank line after each sentence."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for sentence in sentences:
            handle.writelines(f"{token} {tag}\n" for token, tag in sentence)
            handle.write("\n")


def load_all(data_dir: Path | None = None) -> tuple[Split, list[Sentence]]:
    """The ANERcorp benchmark split and AQMAR, from the shared data."""
    ner = ner_data_dir(data_dir)
    split = anercorp_split(read_anercorp_lines(ner / "ANERcorp" / "ANERCorp"))
    return split, read_aqmar(ner / "AQMAR")


#: WikiFANE Gold fine types → ANERcorp's coarse types (peoples and nationalities, ``Group``, are O in ANERcorp
#: too; facilities are places; titled works MISC; vehicles, weapons, foods, drugs and plants O)
WIKIFANE_TYPES = {
    **dict.fromkeys(["Politician", "Athlete", "Artist", "Scientist", "Businessperson", "Lawyer", "Engineer",
                     "Police", "Religious_PER", "Other_PER"], "PER"),
    **dict.fromkeys(["Government", "Non-Governmental", "Commercial", "Educational", "Media", "Sports",
                     "Religious_ORG", "Entertainment", "Medical-Science"], "ORG"),
    **dict.fromkeys(["Nation", "Population-Center", "State-or-Province", "County-or-District", "GPE-Cluster",
                     "Continent", "Water-Body", "Land-Region-Natural", "Celestial", "Building-Grounds", "Airport",
                     "Path", "Subarea-Facility"], "LOC"),
    **dict.fromkeys(["Book", "Movie", "Sound", "Software", "Hardware"], "MISC"),
}
WIKIFANE_FILE = Path("WikiFANE-Gold-2014") / "WikiFANE_Gold_2014_500K.txt"


def wikifane_tag(tag: str) -> str:
    """A WikiFANE fine tag as a coarse BIO tag.

    >>> [wikifane_tag(t) for t in ["B-Politician", "I-Nation", "B-Group", "B-Air", "O"]]
    ['B-PER', 'I-LOC', 'O', 'O', 'O']
    """
    prefix, _, kind = tag.partition("-")
    coarse = WIKIFANE_TYPES.get(kind)
    return f"{prefix}-{coarse}" if coarse and prefix in ("B", "I") else "O"


def read_wikifane(path: Path) -> list[Sentence]:
    """WikiFANE Gold as coarse BIO sentences (BOM, CRLF and the LRM before every Arabic token removed)."""
    sentences: list[Sentence] = []
    current: Sentence = []
    for line in Path(path).read_text(encoding="utf-8-sig").splitlines():
        if not line.strip():
            if current:
                sentences.append(current)
            current = []
            continue
        token, _, tag = line.rstrip().rpartition("\t")
        token = clean_token(token)
        if token:
            current.append((token, wikifane_tag(tag.strip())))
    if current:
        sentences.append(current)
    return sentences


def _markdown_stats(rows: dict[str, dict[str, int]]) -> str:
    """A markdown table of :func:`corpus_stats` rows."""
    columns = ["sentences", "tokens", "entities", *ENTITY_TYPES]
    lines = ["| set | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for name, stats in rows.items():
        lines.append(f"| {name} | " + " | ".join(f"{stats[c]:,}" for c in columns) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: write CoNLL files to ``--out`` and, with ``--stats``, print counts."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stats", action="store_true", help="print sentence/token/entity counts")
    parser.add_argument("--out", type=Path, default=Path("/tmp/khabar-ner"), help="folder for CoNLL files")
    parser.add_argument("--data", type=Path, default=None, help="shared data folder (default ../shared/data)")
    args = parser.parse_args(argv)
    repo = Path(__file__).resolve().parents[1]
    if args.out.resolve().is_relative_to(repo):
        parser.error("--out must lie outside the repository")
    split, aqmar = load_all(args.data)
    sets = {"anercorp-train": split.train, "anercorp-test": split.test, "aqmar": aqmar}
    for name, sentences in sets.items():
        write_conll(sentences, args.out / f"{name}.conll")
    if args.stats:
        print(_markdown_stats({name: corpus_stats(sentences) for name, sentences in sets.items()}))
        print(
            f"\nANERcorp: {split.train_lines:,} train lines + {split.test_lines:,} test lines; "
            f"cut at a sentence boundary: {split.at_sentence_boundary}"
        )
    print(f"wrote {', '.join(sets)} to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    raise SystemExit(main())
