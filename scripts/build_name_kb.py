"""Build ``khabar/link/data/names.tsv.gz``, the organisations and people :func:`khabar.link.link_name` knows.

The source is ``scripts/name_kb_seed.tsv``, written by hand by the khabar developers (no text copied from
anywhere): one row per organisation or person, with a stable id, kind, type, Arabic and English names,
country, role and ``|``-separated Arabic aliases. Its rows were chosen from the ORG and PER names that
khabar's own tagger finds most often in the ANT news (Al Arabiya, Sky News Arabia, JawharaFM; BBC is kept
apart for the linking benchmark): ``--candidates`` prints that list.

The build normalizes every alias as :func:`khabar.link.normalize_name` does, drops an alias that two entries
share (it would have to be a guess) and reports it, and checks ids are unique and well formed. The output is
deterministic (sorted rows, gzip mtime 0).

    python scripts/build_name_kb.py                       # writes the table; prints counts and dropped aliases
    python scripts/build_name_kb.py --candidates 400      # the commonest tagged ORG/PER names (needs ../shared)
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from khabar.link import normalize_name  # noqa: E402
from khabar.link.names import NAMES_FILE, NAMES_HEADER  # noqa: E402

SEED = ROOT / "scripts" / "name_kb_seed.tsv"
SEED_COLUMNS = ["id", "kind", "type", "name_ar", "name_en", "country", "role", "aliases"]
KINDS = {"organization": "khabar:org/", "person": "khabar:per/"}
TYPES = {
    "organization": {"international_body", "government_body", "armed_group", "party", "company", "media",
                     "sports_club", "sports_body", "ngo", "religious_body", "university", "other_org"},
    "person": {"person"},
}
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def read_seed(path: Path = SEED) -> list[dict[str, str]]:
    """The seed rows as dicts; raises ValueError on a malformed row."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0].split("\t") != SEED_COLUMNS:
        raise ValueError(f"{path}: the first line must be the columns {SEED_COLUMNS}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != len(SEED_COLUMNS):
            raise ValueError(f"{path}:{number}: {len(fields)} fields, expected {len(SEED_COLUMNS)}")
        row = dict(zip(SEED_COLUMNS, (f.strip() for f in fields)))
        prefix = KINDS.get(row["kind"])
        if prefix is None or not row["id"].startswith(prefix) or not _SLUG.match(row["id"][len(prefix):]):
            raise ValueError(f"{path}:{number}: bad kind or id {row['kind']!r} {row['id']!r}")
        if row["type"] not in TYPES[row["kind"]]:
            raise ValueError(f"{path}:{number}: unknown type {row['type']!r} for {row['kind']}")
        if not row["name_ar"] or not row["name_en"]:
            raise ValueError(f"{path}:{number}: both names are required")
        if row["country"] and not re.fullmatch(r"[A-Z]{2}", row["country"]):
            raise ValueError(f"{path}:{number}: country must be an ISO alpha-2 code, got {row['country']!r}")
        rows.append(row)
    ids = Counter(row["id"] for row in rows)
    twice = sorted(i for i, n in ids.items() if n > 1)
    if twice:
        raise ValueError(f"{path}: ids used twice: {twice}")
    return rows


def build(rows: Sequence[dict[str, str]]) -> tuple[list[str], dict[str, list[str]]]:
    """(table lines after the header, alias key → the ids that claimed it, for the aliases dropped)."""
    claims: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        for alias in [row["name_ar"], *row["aliases"].split("|")]:
            key = normalize_name(alias)
            if key:
                claims[key].add(row["id"])
    by_id = {row["id"]: row for row in rows}
    lines, dropped = [], {}
    for key, ids in sorted(claims.items()):
        if len(ids) > 1:
            dropped[key] = sorted(ids)
            continue
        row = by_id[next(iter(ids))]
        lines.append("\t".join([key, row["id"], row["kind"], row["type"], row["name_ar"], row["name_en"],
                                row["country"], row["role"]]))
    return lines, dropped


def write(lines: Sequence[str], path: Path = NAMES_FILE) -> None:
    """The table, gzip with mtime 0 (reproducible bytes)."""
    body = "\n".join([NAMES_HEADER, *lines]) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as handle:
        handle.write(body.encode("utf-8"))


def candidates(top: int) -> list[tuple[str, str, int]]:
    """The ``top`` commonest ORG and PER names (canonical form) khabar tags in the ANT news, BBC left out."""
    import khabar
    from khabar_dev.corpora import iter_news

    counts: Counter[tuple[str, str]] = Counter()
    texts = (a.text[:20_000] for a in iter_news(outlets={"alarabiya", "skynews", "jawharafm"}))
    for doc in khabar.analyze_many(texts) if hasattr(khabar, "analyze_many") else map(khabar.analyze, texts):
        for ent in doc.ents:
            if ent.label_ in ("ORG", "PER"):
                counts[(ent._.canonical, ent.label_)] += 1
    return [(name, label, n) for (name, label), n in counts.most_common(top)]


def main(argv: Sequence[str] | None = None) -> int:
    """Build the table, or print the candidate names."""
    parser = argparse.ArgumentParser(description="build khabar's organisation and person link table")
    parser.add_argument("--candidates", type=int, default=0, help="print the N commonest tagged ORG/PER names")
    args = parser.parse_args(argv)
    if args.candidates:
        for name, label, n in candidates(args.candidates):
            print(f"{n}\t{label}\t{name}")
        return 0
    rows = read_seed()
    lines, dropped = build(rows)
    write(lines)
    kinds = Counter(row["kind"] for row in rows)
    print(f"{len(rows)} entries ({dict(kinds)}), {len(lines)} alias keys -> {NAMES_FILE}")
    for key, ids in dropped.items():
        print(f"dropped alias shared by {len(ids)} entries: {key} {ids}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
