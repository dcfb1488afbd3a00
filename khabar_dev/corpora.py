"""Readers for the Arabic news corpora khabar is built and evaluated on.

They read the archives as distributed (ANT ``.tar.gz`` with one TREC-like file
per article, SaudiNewsNet ``.zip`` files holding a JSON array) without
unpacking them to disk, and yield one :class:`Article` at a time.
"""

from __future__ import annotations

import json
import re
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"

_TAG = re.compile(r"<(DOCNO|URL|SRC|CAT|TITLE|TIME|AUTHOR|ABSTRACT|TEXT)>(.*?)</\1>", re.S)


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: a stable id, its outlet, and its text."""

    id: str
    outlet: str
    text: str
    title: str = ""
    category: str = ""
    abstract: str = ""
    date: str = ""


def shared_data_dir() -> Path | None:
    """The ``../shared/data`` folder beside the checkout, or None when absent."""
    return SHARED_DATA if SHARED_DATA.is_dir() else None


def require_shared_data() -> Path:
    """The ``../shared/data`` folder, or exit with a one-line message (for build and benchmark scripts)."""
    data = shared_data_dir()
    if data is None:
        raise SystemExit(f"{SHARED_DATA} is not present: this script needs the shared data beside the checkout")
    return data


def parse_ant(raw: str) -> dict[str, str]:
    """Split one ANT document into its tagged fields (stripped)."""
    return {tag.lower(): body.strip() for tag, body in _TAG.findall(raw)}


def iter_ant(archive: Path) -> Iterator[Article]:
    """Articles of an ANT archive (v2.1 multi-source or v1.1 JawharaFM)."""
    with tarfile.open(archive, "r:gz") as tar:
        for member in tar:
            if not member.isfile() or not member.name.endswith(".txt"):
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            fields = parse_ant(handle.read().decode("utf-8", errors="replace"))
            docno = fields.get("docno") or Path(member.name).stem
            outlet = _ANT_OUTLETS.get(docno[:2], docno[:2])
            yield Article(
                id=docno,
                outlet=outlet,
                text=fields.get("text", ""),
                title=fields.get("title", ""),
                category=fields.get("cat", ""),
                abstract=fields.get("abstract", ""),
                date=fields.get("time", ""),
            )


_ANT_OUTLETS = {"AL": "alarabiya", "BB": "bbc", "SK": "skynews", "JA": "jawharafm"}


def iter_saudinewsnet(folder: Path) -> Iterator[Article]:
    """Articles of SaudiNewsNet (one zip per day, each a JSON array)."""
    for zip_path in sorted(folder.glob("*.zip")):
        with zipfile.ZipFile(zip_path) as archive:
            for name in archive.namelist():
                records = json.loads(archive.read(name))
                for index, record in enumerate(records):
                    yield Article(
                        id=f"SNN-{Path(name).stem}-{index}",
                        outlet=record.get("source", ""),
                        text=record.get("content", "") or "",
                        title=record.get("title", "") or "",
                        date=record.get("date_extracted", "") or "",
                    )


def iter_news(data_dir: Path | None = None, outlets: set[str] | None = None) -> Iterator[Article]:
    """All news articles in the shared data, optionally only some outlets."""
    data_dir = data_dir or shared_data_dir()
    if data_dir is None:
        raise FileNotFoundError("../shared/data is not present beside the checkout")
    news = data_dir / "news"
    sources = [
        iter_ant(news / "ant-multisource-v2.1-alarabiya-bbc-skynews.tar.gz"),
        iter_ant(news / "ant-v1.1-jawharafm.tar.gz"),
        iter_saudinewsnet(news / "saudinewsnet"),
    ]
    for source in sources:
        for article in source:
            if outlets is None or article.outlet in outlets:
                yield article
