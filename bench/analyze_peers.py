"""What the peer tools that run offline offer for Arabic *analysis*, and how fast, on the same news text.

Runs each peer (tokenizers, a segmenter, a light stemmer, a lemmatizer with coarse POS) in its own
virtualenv through ``bench/peers/analyze_peer.py``, over held-out BBC Arabic articles of ANT v2.1 (the
same selection as ``bench/repair_peers.py``: ``repair_bench.held_out("bbc", N)``), and reports for each:

- *words/s*: whitespace-separated words of the input per second of the peer's own call, on one CPU
  (process pinned), process start-up and loading excluded; the first pass over the texts is the
  headline (farasa memoizes words and spaCy caches lexemes, so later passes are faster), the best
  pass is given beside it;
- *cold start*: seconds from starting the process to the first article's result (interpreter,
  import, model and data loading, the first call), the median of a few fresh processes;
- *peak RSS*: the full run's peak resident set (``VmHWM``; ``resource.getrusage``'s ``ru_maxrss`` is kept
  beside it as ``ru_maxrss_mb``, but on Linux it also counts this process's size when the peer was
  started), and that right after loading;
- *outputs*: what the peer gives per token (segments, lemma, POS, stem, root, stop-word flag).

No peer here offers named entities. khabar is not run here; another script can import
:func:`peer_rows` (and :func:`markdown_table`) and add its own row::

    .venv/bin/python bench/analyze_peers.py --articles 200

Writes ``bench/results/analyze-peers.json`` (counts and timings only; the peers' token output, which
holds article text, stays in ``--work`` outside the repository) and prints a markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PEERS_DIR = ROOT / "bench" / "peers"
RUNNER = PEERS_DIR / "analyze_peer.py"
VENV_DIR = Path(os.environ.get("PEERS_VENV_DIR", "/tmp/khabar-peer-venvs"))
FARASA_VENV = Path("/tmp/khabar-farasa-venv")
DEFAULT_WORK = Path("/tmp/khabar-bench-analyze")
MARKER = ".khabar-peer-spec"  # the same marker file bench/peers/setup.sh writes
RESULTS = ROOT / "bench" / "results" / "analyze-peers.json"


@dataclass(frozen=True)
class Peer:
    """One peer: its runner key, its virtualenv and how that is made, and what it outputs."""

    name: str
    venv: Path
    spec: str  # pip calls, ';'-separated (setup.sh style); "setup.sh" for venvs that script owns
    outputs: str
    note: str = ""


PEERS: tuple[Peer, ...] = (
    Peer("qalsadi", VENV_DIR / "qalsadi", "qalsadi==0.5.1", "tokens, lemma, coarse POS",
         "arramooz dictionary in SQLite; Analex.check_text also lists every undisambiguated analysis per word "
         "(vocalized form, root, affixes, detailed tags)"),
    Peer("farasa", FARASA_VENV, "farasa==0.0.1", "tokens, clitic segments",
         "pure-Python port of the Farasa segmenter; no POS/NER in this package"),
    Peer("spacy", VENV_DIR / "spacy", "spacy==3.8.18", "tokens, stop-word flag, like_num",
         "spacy.blank('ar'): no trained Arabic pipeline (tagger, lemmatizer, NER) exists for spaCy"),
    Peer("camel-tools", VENV_DIR / "camel-tools-tokenize",
         "six==1.17.0 emoji==2.16.0 regex==2026.11.19;--no-deps camel-tools==1.6.0", "tokens",
         "data-free part only: morphology, disambiguation and NER need a data download"),
    Peer("tashaphyne", VENV_DIR / "tashaphyne", "setup.sh", "tokens, light stem (prefix/stem/suffix), root",
         "tokens from pyarabic.araby.tokenize"),
    Peer("pyarabic", VENV_DIR / "pyarabic", "setup.sh", "tokens", ""),
)


def _python(peer: Peer) -> Path:
    return peer.venv / "bin" / "python"


def _pip_install(peer: Peer) -> str | None:
    """Make ``peer.venv`` from scratch with its spec; None when it worked, else the error."""
    shutil.rmtree(peer.venv, ignore_errors=True)
    made = subprocess.run([sys.executable, "-m", "venv", str(peer.venv)], capture_output=True, text=True,
                          check=False)
    if made.returncode != 0:
        return f"venv: {made.stderr.strip()[-300:]}"
    for call in peer.spec.split(";"):
        done = subprocess.run([str(_python(peer)), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                               *call.split()], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            return f"pip install {call}: {done.stderr.strip()[-300:]}"
    (peer.venv / MARKER).write_text(peer.spec, encoding="utf-8")
    return None


def ensure_venv(peer: Peer) -> str | None:
    """Make the peer's virtualenv unless a usable one exists; None when ready, else why not.

    Venvs owned by ``bench/peers/setup.sh`` are made by that script (idempotent); the others follow its
    convention (a marker file holding the install spec) except farasa's, which ``bench/segmentation_bench.py``
    also uses without a marker: it is reused whenever ``farasa`` 0.0.1 imports in it.
    """
    if peer.spec == "setup.sh":
        env = {**os.environ, "PEERS_VENV_DIR": str(peer.venv.parent)}
        done = subprocess.run(["bash", str(PEERS_DIR / "setup.sh"), peer.name], env=env, capture_output=True,
                              text=True, check=False)
        return None if done.returncode == 0 else f"setup.sh: {(done.stderr or done.stdout).strip()[-300:]}"
    if peer.name == "farasa" and _python(peer).exists():
        probe = subprocess.run([str(_python(peer)), "-c", "from importlib import metadata; import farasa.segmentation; "
                                "print(metadata.version('farasa'))"], capture_output=True, text=True, check=False)
        if probe.returncode == 0 and probe.stdout.strip() == peer.spec.split("==")[1]:
            return None
    marker = peer.venv / MARKER
    if marker.is_file() and marker.read_text(encoding="utf-8") == peer.spec and _python(peer).exists():
        return None
    print(f"[analyze_peers] making {peer.venv} ({peer.spec})", file=sys.stderr, flush=True)
    return _pip_install(peer)


def _child_env() -> dict[str, str]:
    """The environment of a peer process: one thread for any numeric library."""
    threads = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
    return {**os.environ, **threads}


def cold_start(peer: Peer, input_path: Path) -> dict[str, Any]:
    """Seconds from starting a fresh peer process to reading its first article's result, and its own timings."""
    command = [str(_python(peer)), "-I", str(RUNNER), peer.name, str(input_path), "--first"]
    started = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          env=_child_env()) as process:
        assert process.stdout is not None
        line = process.stdout.readline()
        seconds = time.perf_counter() - started
        _, err = process.communicate()
    if process.returncode != 0 or not line.strip():
        raise RuntimeError(f"exit {process.returncode}: {err.strip()[-500:]}")
    return {"seconds": seconds, **json.loads(line)}


def run_peer(peer: Peer, input_path: Path, work: Path, repeat: int, cold_runs: int, pass_budget: float,
             text_timeout: float, timeout: float) -> dict[str, Any]:
    """One peer's row: the full run's summary plus cold starts; ``ok`` False with an ``error`` when it failed."""
    row: dict[str, Any] = {"peer": peer.name, "venv": str(peer.venv), "outputs": peer.outputs, "note": peer.note}
    problem = ensure_venv(peer)
    if problem:
        return {**row, "ok": False, "error": f"not installed: {problem}"}
    command = [str(_python(peer)), "-I", str(RUNNER), peer.name, str(input_path), str(work / f"{peer.name}.jsonl"),
               "--repeat", str(repeat), "--pass-budget", str(pass_budget), "--text-timeout", str(text_timeout)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False,
                              env=_child_env())
    except subprocess.TimeoutExpired:
        return {**row, "ok": False, "error": f"ran past {timeout:g}s"}
    lines = [line for line in done.stdout.splitlines() if line.strip()]
    if done.returncode != 0 or not lines:
        return {**row, "ok": False, "error": f"exit {done.returncode}: {(done.stderr or done.stdout).strip()[-500:]}"}
    summary = json.loads(lines[-1])
    colds = []
    try:
        colds = [cold_start(peer, input_path) for _ in range(max(1, cold_runs))]
    except RuntimeError as error:
        row["cold_error"] = str(error)
    if colds:
        summary.update(
            cold_start_s=round(statistics.median(c["seconds"] for c in colds), 3),
            cold_start_runs=[round(c["seconds"], 3) for c in colds],
            cold_import_s=round(statistics.median(c["import_s"] for c in colds), 3),
            cold_first_call_s=round(statistics.median(c["first_call_s"] for c in colds), 3),
        )
    version = summary.get("versions", {})
    return {**row, "ok": True, "version": next(iter(version.values()), ""), **summary}


def peer_rows(texts: Sequence[str] | Mapping[str, str], *, peers: Sequence[str] | None = None,
              work: Path = DEFAULT_WORK, repeat: int = 3, cold_runs: int = 3, pass_budget: float = 120.0,
              text_timeout: float = 120.0, timeout: float = 3600.0) -> list[dict[str, Any]]:
    """Run every peer (or those named in ``peers``) over ``texts``; one dict per peer.

    ``texts`` is a list of texts or a mapping of id to text; the first one is also the cold-start text.
    Each row has ``peer``, ``version``, ``outputs`` (what it gives per token), ``words_per_s`` (first pass,
    one CPU), ``best_words_per_s``, ``cold_start_s``, ``max_rss_mb``, ``units_per_word`` (tokens out per
    input word), ``split_share`` (tokens cut into several segments) and more; a failed peer has
    ``ok`` False and an ``error``. The texts and the peers' token output go to ``work`` (keep it outside
    the repository).
    """
    items = list(texts.items()) if isinstance(texts, Mapping) else [(str(i), text) for i, text in enumerate(texts)]
    if not items:
        raise ValueError("no texts")
    chosen = [peer for peer in PEERS if peers is None or peer.name in peers]
    unknown = set(peers or ()) - {peer.name for peer in PEERS}
    if unknown:
        raise ValueError(f"unknown peers {sorted(unknown)}; known: {', '.join(peer.name for peer in PEERS)}")
    work.mkdir(parents=True, exist_ok=True)
    input_path = work / "input.jsonl"
    with input_path.open("w", encoding="utf-8") as handle:
        for key, text in items:
            handle.write(json.dumps({"id": key, "text": text}, ensure_ascii=False) + "\n")
    rows = []
    for peer in chosen:
        print(f"[analyze_peers] {peer.name} ...", file=sys.stderr, flush=True)
        rows.append(run_peer(peer, input_path, work, repeat, cold_runs, pass_budget, text_timeout, timeout))
    return rows


def markdown_table(rows: Sequence[Mapping[str, Any]]) -> str:
    """The rows as a markdown table (rows from :func:`peer_rows`, or any with the same keys), fastest first."""
    lines = ["| tool | outputs | words/s, 1 CPU (best pass) | cold start s | peak RSS MB | tokens per word "
             "| tokens split |", "|---|---|---|---|---|---|---|"]
    for row in sorted(rows, key=lambda r: -(r.get("words_per_s") or 0)):
        name = f"{row['peer']} {row.get('version', '')}".strip()
        if not row.get("ok", True):
            lines.append(f"| {name} | {row.get('outputs', '')} | failed: {str(row.get('error', ''))[:80]} "
                         "| | | | |")
            continue
        cold, split = row.get("cold_start_s"), row.get("split_share")
        cold_text = "" if cold is None else f"{cold:.2f}"
        split_text = "–" if split is None else f"{split:.1%}"
        lines.append(
            f"| {name} | {row.get('outputs', '')} | {row.get('words_per_s') or 0:,.0f} "
            f"({row.get('best_words_per_s') or 0:,.0f}) | {cold_text} | {row.get('max_rss_mb', 0):.0f} "
            f"| {row.get('units_per_word', 0):.2f} | {split_text} |"
        )
    return "\n".join(lines)


def bbc_texts(count: int) -> dict[str, str]:
    """Id to text of the held-out BBC Arabic articles ``bench/repair_peers.py`` uses (first ``count``)."""
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    from repair_bench import held_out

    return {article.id: article.text for article in held_out("bbc", count)}


def main(argv: list[str] | None = None) -> int:
    """Run the peers over the BBC articles, print the table, write the results file; 1 when a peer failed."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--peers", default=",".join(peer.name for peer in PEERS), help="comma-separated subset")
    parser.add_argument("--repeat", type=int, default=3, help="most passes over the texts per peer")
    parser.add_argument("--pass-budget", type=float, default=120.0,
                        help="no further pass once a peer's passes took this many seconds")
    parser.add_argument("--cold-runs", type=int, default=3, help="fresh processes timed for the cold start")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help="folder for the texts and token output (outside the repository: they hold article text)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    texts = bbc_texts(args.articles)
    names = [name.strip() for name in args.peers.split(",") if name.strip()]
    rows = peer_rows(texts, peers=names, work=args.work, repeat=args.repeat, cold_runs=args.cold_runs,
                     pass_budget=args.pass_budget)
    words = sum(len(text.split()) for text in texts.values())
    print(f"\n{len(texts)} held-out BBC Arabic articles (ANT v2.1), {words:,} words; words/s is the first pass "
          "(best of up to --repeat passes in brackets), one CPU, start-up excluded\n")
    print(markdown_table(rows))
    for row in rows:
        if not row.get("ok"):
            print(f"\n{row['peer']} failed: {row.get('error')}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"set": "bbc", "articles": len(texts), "words": words,
                                    "cpus_on_machine": os.cpu_count(), "peers": rows},
                                   ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"\nwrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}", file=sys.stderr)
    return 0 if all(row.get("ok") for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
