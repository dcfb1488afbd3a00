"""Run every peer tool over one JSONL file, each in its own virtualenv, and collect the results.

Run with the system python (standard library only)::

    python bench/peers/run_all.py INPUT.jsonl OUTDIR [--peers ftfy,aranorm] [--no-setup] [--repeat 3]

Makes the venvs with ``setup.sh`` (idempotent, so cheap once they exist), runs ``run_peer.py`` with
each venv's python, and writes ``OUTDIR/<peer>.jsonl`` (the peer's output texts) and
``OUTDIR/summary.json`` (a list with one summary object per peer; a peer that could not be
installed or run has ``"ok": false`` and an ``"error"``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from run_peer import PIPELINES  # this script's folder is sys.path[0]

HERE = Path(__file__).resolve().parent
DEFAULT_VENV_DIR = "/tmp/khabar-peer-venvs"
MARKER = ".khabar-peer-spec"


def venv_python(venv_dir: Path, peer: str) -> Path:
    return venv_dir / peer / "bin" / "python"


def setup(venv_dir: Path, peers: list[str]) -> None:
    """Run setup.sh for ``peers``; a failed peer is reported by run_one as not installed."""
    env = {**os.environ, "PEERS_VENV_DIR": str(venv_dir)}
    result = subprocess.run(["bash", str(HERE / "setup.sh"), *peers], env=env, check=False)
    if result.returncode != 0:
        print(
            f"[run_all] setup.sh exited {result.returncode}; carrying on with the peers it installed", file=sys.stderr
        )


def _tail(text: str, limit: int = 1500) -> str:
    return text if len(text) <= limit else "..." + text[-limit:]


def run_one(
    peer: str, venv_dir: Path, input_path: Path, outdir: Path, timeout: float, text_timeout: float, repeat: int
) -> dict[str, Any]:
    """Run ``peer`` in its venv and return its summary (or a failure record)."""
    python = venv_python(venv_dir, peer)
    if not python.exists() or not (venv_dir / peer / MARKER).exists():
        return {"peer": peer, "ok": False, "error": f"not installed in {venv_dir / peer} (see setup.sh output)"}
    command = [
        str(python),
        "-I",  # isolated: no PYTHONPATH, user site or cwd on sys.path, so only the venv's packages are seen
        str(HERE / "run_peer.py"),
        peer,
        str(input_path),
        str(outdir / f"{peer}.jsonl"),
        "--text-timeout",
        str(text_timeout),
        "--repeat",
        str(repeat),
    ]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"peer": peer, "ok": False, "error": f"run_peer.py ran past {timeout:g}s"}
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    if result.returncode != 0 or not lines:
        return {
            "peer": peer,
            "ok": False,
            "error": f"exit {result.returncode}: {_tail(result.stderr or result.stdout)}",
        }
    try:
        summary = json.loads(lines[-1])
    except json.JSONDecodeError:
        return {"peer": peer, "ok": False, "error": f"no JSON summary line: {_tail(result.stdout)}"}
    return {"ok": True, **summary}


def _print_table(results: list[dict[str, Any]]) -> None:
    print(f"{'peer':<12} {'version':<8} {'import_s':>8} {'words/s':>12} {'rss_mb':>7} {'errors':>6}")
    for row in results:
        if row.get("ok"):
            print(
                f"{row['peer']:<12} {row['version']:<8} {row['import_s']:>8.3f} {row['words_per_s'] or 0:>12,.0f}"
                f" {row['max_rss_mb']:>7.1f} {row['errors']:>6}"
            )
        else:
            print(f"{row['peer']:<12} FAILED: {str(row['error']).splitlines()[0][:100]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the peer tools over a JSONL file, side by side.")
    parser.add_argument("input", type=Path, help="JSONL with one {id, text} object a line")
    parser.add_argument("outdir", type=Path, help="folder for <peer>.jsonl and summary.json")
    parser.add_argument("--peers", default=",".join(PIPELINES), help="comma-separated subset (default: all)")
    parser.add_argument(
        "--venv-dir",
        type=Path,
        default=Path(os.environ.get("PEERS_VENV_DIR", DEFAULT_VENV_DIR)),
        help="where the venvs live (default: $PEERS_VENV_DIR or %(default)s)",
    )
    parser.add_argument("--no-setup", action="store_true", help="do not run setup.sh; use the venvs as they are")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds one peer's whole run may take")
    parser.add_argument("--text-timeout", type=float, default=30.0, help="seconds one text may take (0: no limit)")
    parser.add_argument("--repeat", type=int, default=3, help="passes over the texts per peer; the fastest counts")
    args = parser.parse_args(argv)

    peers = [peer.strip() for peer in args.peers.split(",") if peer.strip()]
    unknown = [peer for peer in peers if peer not in PIPELINES]
    if unknown:
        parser.error(f"unknown peers {unknown}; known: {', '.join(PIPELINES)}")
    if not args.input.is_file():
        parser.error(f"no such input file: {args.input}")
    input_path = args.input.resolve()
    outdir = args.outdir.resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    venv_dir = args.venv_dir.resolve()

    if not args.no_setup:
        setup(venv_dir, peers)
    results = []
    for peer in peers:
        print(f"[run_all] {peer} ...", file=sys.stderr, flush=True)
        results.append(run_one(peer, venv_dir, input_path, outdir, args.timeout, args.text_timeout, args.repeat))
    (outdir / "summary.json").write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    _print_table(results)
    print(f"[run_all] wrote {outdir / 'summary.json'}", file=sys.stderr)
    return 0 if all(row["ok"] for row in results) else 1


if __name__ == "__main__":
    sys.exit(main())
