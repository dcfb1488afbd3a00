"""A fuzz campaign over khabar's public entry points (issue 16): generated hostile inputs, 0 crashes expected.

Generators mimic what the web and broken pipelines produce: real news sentences cut at random, with UTF-8
cut mid-character (lone surrogates after ``surrogateescape``), mojibake (Arabic bytes read as Latin-1 or
Windows-1252), lone surrogates, mixed scripts, control characters and NULs, huge runs of one character,
quote-mark floods, numbers, commas and dashes at the text's edges, and random code points. Each input goes
through the entry points chosen:

* ``repair``: :func:`khabar.repair` and :func:`khabar.repair.undo` (the undo must give the input back);
* ``analyze``: :func:`khabar.analyze` and the JSON it writes (:func:`khabar.analyze.write_json`, read back);
* ``search``: :meth:`khabar.store.Store.search` and :meth:`~khabar.store.Store.events` on a small corpus;
* ``api``: the HTTP API of a real ``khabar serve --workers 1`` subprocess (loopback, a small corpus): JSON
  bodies of the right and of random shapes (their text from the generators above; dates, flags and options
  random), bytes that are not JSON, uploads of random bytes, corpus queries with random parameters, random
  paths and methods. A crash is a 5xx, an /api answer that is not JSON (a redirect must stay on this
  server: a path with a trailing slash is redirected without it), or an error with a stack trace or a file
  path in it.

Any exception is a crash: it is counted, and the first few inputs that raised are printed (``repr``).

    python bench/fuzz.py --repair 1000000 --analyze 20000 --search 20000 -j 2
    python bench/fuzz.py --repair 0 --analyze 0 --search 0 --api 20000
"""

from __future__ import annotations

import argparse
import json
import random
import re
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


_TRACE = re.compile(r"Traceback|File \"|line \d+, in ")
_PATHS = re.compile(r"/tmp/|/home/|/work/|/usr/|site-packages|\.py\b")
_PARAMS = ["q", "entity", "speaker", "place", "topic", "act", "event", "since", "until", "limit", "offset", "label",
           "type"]


def _url_safe(text: str) -> str:
    return text.encode("utf-8", "replace").decode("utf-8")  # no lone surrogates in a URL


def _random_json(rng: random.Random, depth: int = 0) -> object:
    kind = rng.randrange(8 if depth < 2 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False])
    if kind == 2:
        return rng.choice([0, -1, 2**63, 10**30, 1.5, -0.0, 1e308])
    if kind in (3, 4):
        return generate(rng.randrange(10**9), rng.randrange(10**6))[:200]
    if kind == 5:
        return [_random_json(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {rng.choice(["text", "published", "repair", "skip", "quotes", "min_confidence", "x", ""]):
            _random_json(rng, depth + 1) for _ in range(rng.randrange(4))}


def api_request(n: int, seed: int) -> tuple[str, str, dict[str, object]]:
    """The ``n``-th generated request: method, path and httpx keyword arguments."""
    rng = random.Random(seed * 7_000_003 + n)
    text = generate(n, seed)
    kind = rng.randrange(7)
    json_headers = {"content-type": "application/json"}
    if kind <= 1:  # the right shape, hostile values
        body: dict[str, object] = {"text": text}
        if rng.random() < 0.5:
            body["published"] = rng.choice([None, "2024-02-30", "أمس", "2024-01-01", text[:40], 20240101])
        if rng.random() < 0.3:
            body["skip"] = rng.sample(["quotes", "facts", "events", "dateline", "keywords", "summary", "topic", "x"],
                                      rng.randrange(4))
        if rng.random() < 0.2:
            body["repair"] = rng.choice([True, False, "no", None])
        endpoint = "/api/analyze"
        if kind == 1:
            endpoint = "/api/repair"
            body = {"text": text, **({"quotes": rng.choice(["«»", '""', "“”", "<>", text[:3]])}
                                     if rng.random() < 0.5 else {}),
                    **({"min_confidence": rng.choice([0, 1, 0.5, -1, 2, float("nan"), "x"])}
                       if rng.random() < 0.5 else {})}
        return "POST", endpoint, {"content": json.dumps(body).encode(), "headers": json_headers}
    if kind == 2:  # any JSON
        return "POST", rng.choice(["/api/analyze", "/api/repair"]), {
            "content": json.dumps(_random_json(rng)).encode(), "headers": json_headers}
    if kind == 3:  # bytes that are not JSON, or JSON cut short
        raw = text.encode("utf-8", "surrogatepass" if rng.random() < 0.5 else "replace")
        if rng.random() < 0.5:
            raw = json.dumps({"text": text}).encode()[:rng.randrange(1, 60)]
        return "POST", rng.choice(["/api/analyze", "/api/repair", "/api/analyze/file"]), {
            "content": raw, "headers": {"content-type": rng.choice(["application/json", "text/plain",
                                                                    "multipart/form-data; boundary=zz"])}}
    if kind == 4:  # an uploaded file
        encoding = rng.choice(["utf-8", "utf-16", "cp1256", "latin-1"])
        raw = text.encode(encoding, "replace") if rng.random() < 0.8 else bytes(rng.randrange(256) for _ in range(200))
        return "POST", "/api/analyze/file", {"files": {"file": (_url_safe(text[:20]) or "x.txt", raw, "text/plain")},
                                             "data": {"published": _url_safe(text[:30])} if rng.random() < 0.3 else {}}
    if kind == 5:  # corpus queries
        params = {rng.choice(_PARAMS): _url_safe(rng.choice([text[:60], str(rng.randrange(-5, 10**6)), "2024-13",
                                                             "PER", "airstrike", ""]))
                  for _ in range(rng.randrange(1, 5))}
        return "GET", rng.choice(["/api/search", "/api/events", "/api/entities", "/api/speakers"]), {"params": params}
    from urllib.parse import quote

    segment = quote(_url_safe(rng.choice([text[:40], str(rng.randrange(-10, 2**70)), "../../etc/passwd", "%00"])),
                    safe=rng.choice(["", "/"]))
    return rng.choice(["GET", "POST", "DELETE", "HEAD"]), rng.choice(["/api/articles/", "/api/", "/"]) + segment, {}


def api_problem(method: str, path: str, response: object) -> str | None:
    """What is wrong with an answer (None: nothing): a 5xx, an /api answer not in JSON, a trace or path."""
    status = response.status_code  # type: ignore[attr-defined]
    if status >= 500:
        return f"{status} {response.text[:200]}"  # type: ignore[attr-defined]
    if 300 <= status < 400:  # a path with a trailing slash is redirected without it: only to this server
        location = response.headers.get("location", "")  # type: ignore[attr-defined]
        request_url = response.request.url  # type: ignore[attr-defined]
        target = request_url.join(location)
        if not location or (target.host, target.port) != (request_url.host, request_url.port):
            return f"{status} redirected elsewhere: {location[:200]!r}"
        return None
    if not path.startswith("/api/") or method == "HEAD":
        return None
    if not response.headers.get("content-type", "").startswith("application/json"):  # type: ignore[attr-defined]
        return f"{status} not JSON: {response.headers.get('content-type')}"  # type: ignore[attr-defined]
    body = response.json()  # type: ignore[attr-defined]
    if status >= 400:
        if not isinstance(body, dict) or not isinstance(body.get("error"), str):
            return f"{status} without an error message: {response.text[:200]}"  # type: ignore[attr-defined]
        if _TRACE.search(response.text) or _PATHS.search(response.text):  # type: ignore[attr-defined]
            return f"{status} shows internals: {response.text[:200]}"  # type: ignore[attr-defined]
    return None


def fuzz_api(total: int, seed: int) -> dict[str, object]:
    """``total`` generated requests to a real ``khabar serve --workers 1`` on loopback."""
    import socket
    import subprocess

    import httpx

    from khabar.batch import Document
    from khabar.store import Store

    folder = Path(tempfile.mkdtemp(prefix="khabar-fuzz-api-"))
    with Store(folder / "c.db") as store:
        list(store.ingest([Document(f"s{n}", s, f"s{n}") for n, s in enumerate(SEEDS)]))
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "khabar", "serve", "--db", str(folder / "c.db"), "--port",
                               str(port), "--workers", "1", "--max-bytes", "100000"],
                              stdout=subprocess.DEVNULL, stderr=(folder / "server.log").open("wb"))
    crashes: list[str] = []
    statuses: dict[str, int] = {}
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                if httpx.get(f"{base}/api/health", timeout=5).json().get("model_loaded"):
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        else:
            raise SystemExit("the server did not start")
        with httpx.Client(base_url=base, timeout=300) as http:
            for n in range(total):
                method, path, kwargs = api_request(n, seed)
                try:
                    response = http.request(method, path, **kwargs)  # type: ignore[arg-type]
                    problem = api_problem(method, path, response)
                    statuses[str(response.status_code)] = statuses.get(str(response.status_code), 0) + 1
                except httpx.HTTPError as error:
                    problem = f"connection: {type(error).__name__}: {error}"
                if problem is not None:
                    crashes.append(f"{problem} ← {method} {path[:80]} {str(kwargs)[:120]}")
    finally:
        server.terminate()
        server.wait(timeout=60)
        import shutil

        shutil.rmtree(folder, ignore_errors=True)
    return {"inputs": total, "crashes": len(crashes), "examples": crashes[:5],
            "statuses": dict(sorted(statuses.items())), "server_exit": server.returncode}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repair", type=int, default=100_000)
    parser.add_argument("--analyze", type=int, default=2_000)
    parser.add_argument("--search", type=int, default=5_000)
    parser.add_argument("--api", type=int, default=0, help="requests to a real khabar serve")
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
    if args.api:
        started = time.monotonic()
        found = fuzz_api(args.api, args.seed)
        found["seconds"] = round(time.monotonic() - started, 1)
        results["api"] = found
        print(f"api: {args.api:,} requests, {found['crashes']} crashes, {found['seconds']} s; {found['statuses']}")
        for example in found["examples"]:  # type: ignore[attr-defined]
            print("   ", example)
    previous = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    if previous.get("seed") != args.seed:
        previous = {}
    RESULTS.write_text(json.dumps({**previous, "seed": args.seed, **results}, ensure_ascii=False, indent=1) + "\n",
                       encoding="utf-8")


if __name__ == "__main__":
    main()
