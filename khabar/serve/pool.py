"""Bounded work per request: where the server's analyses and repairs run.

* :class:`InlinePool` — in the server's own process, one at a time (the spaCy pipeline is shared); the
  queue is bounded (503 beyond) but a running analysis cannot be stopped. For tests and embedding
  (``create_app()``'s default).
* :class:`ProcessPool` — ``khabar serve --workers N``: N worker processes, each with its own model, forked
  from a process that loaded the models once (``forkserver``, so a replacement is ready in under 0.1 s).
  The server's event loop and threads only wait on them, so a slow analysis cannot hold up health, search
  or the corpus pages. Each task has a time budget: past it the worker is killed (SIGKILL, so it stops
  burning CPU) and replaced, and the request gets 504. A worker whose memory grew past ``recycle_mb`` over
  its size when ready, or that ran ``max_tasks`` tasks, is replaced after its answer, so memory comes back
  after a big request. Texts of ``large_chars`` or more run on at most N - 1 workers at once.

Both raise :class:`Busy` (503) when ``workers + max_queue`` tasks are already running or waiting, and
:class:`OverBudget` (504) past the time budget. A task is a name (``analyze``, ``repair``) and its arguments; it
returns the JSON answer as bytes (made in the worker, so the server does not serialize a big analysis).
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import queue
import signal
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

log = logging.getLogger("khabar.serve")


class Busy(Exception):
    """Every worker is busy and the queue is full (503)."""


class WorkerLost(Exception):
    """The worker died during the task (killed for memory, crashed); a new one is starting (503)."""


class OverBudget(Exception):
    """The task ran past its time budget; its worker was killed (504)."""


def load_everything() -> None:
    """The analysis pipeline, the repair resources, the keyword and topic data: once, before any task; then one
    short analysis, so what loads on first use is loaded too (a fresh worker's first task is not slower)."""
    # lazy: the models load when a pool starts, not when the server's modules are imported
    from khabar.analyze import load
    from khabar.keywords import load_df
    from khabar.repair.resources import load_resources
    from khabar.topic import load_model

    load()
    load_resources()
    load_df()
    load_model()
    # lazy: text_routes imports the pool module (a cycle at import time)
    from khabar.serve.text_routes import analysis_json

    analysis_json("قال الوزير إن 3 أشخاص قتلوا في بيروت أمس.", None, True, [])


def _tasks() -> dict[str, Callable[..., bytes]]:
    # lazy: text_routes imports the pool module (a cycle at import time)
    from khabar.serve.text_routes import analysis_json, repair_json

    return {"analyze": analysis_json, "repair": repair_json}


def run_task(kind: str, args: tuple[Any, ...]) -> bytes:
    """Run one task here, in this process: its JSON answer."""
    return _tasks()[kind](*args)


class InlinePool:
    """Tasks in this process, one at a time, at most ``1 + max_queue`` running or waiting."""

    workers = 1

    def __init__(self, max_queue: int = 16) -> None:
        self.max_queue = max_queue
        self._lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(1 + max_queue)

    def start(self) -> None:
        load_everything()

    @property
    def ready(self) -> bool:
        # lazy: asking must not load the pipeline
        from khabar.analyze import is_loaded

        return is_loaded()

    def run(self, kind: str, args: tuple[Any, ...], size: int = 0) -> bytes:
        if not self._slots.acquire(blocking=False):
            raise Busy
        try:
            with self._lock:
                return run_task(kind, args)
        finally:
            self._slots.release()

    def close(self) -> None:
        pass


# ---------------------------------------------------------------- worker processes


def _rss_mb() -> float:
    """This process' resident memory in MB (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return 0.0


def _worker_main(conn: Connection) -> None:
    """A worker: load the models (already loaded in the fork server: a no-op), say ready, then answer tasks
    until the pipe closes or ``None`` comes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C goes to the server, which stops the workers
    try:
        load_everything()
        tasks = _tasks()
    except BaseException as error:  # a missing model file: the server says so and stops
        conn.send(("failed", f"{type(error).__name__}: {error}"))
        return
    conn.send(("ready", _rss_mb()))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the server is gone
            return
        if message is None:
            return
        kind, args = message
        try:
            answer = tasks[kind](*args)
        except Exception:
            conn.send(("error", traceback.format_exc(), _rss_mb()))
        else:
            conn.send(("ok", answer, _rss_mb()))


@dataclass
class _Worker:
    process: Any  # multiprocessing's Process of the forkserver context
    conn: Connection
    ready_mb: float = 0.0
    tasks: int = 0


#: a text this long (characters) or longer is a large task: seconds of work (a 3,000-character article takes
#: about 0.1 s, 500,000 characters about 20 s)
LARGE_CHARS = 50_000


class ProcessPool:
    """``workers`` worker processes; a task runs in an idle one, for at most ``timeout`` seconds. Tasks on
    texts of ``large_chars`` or more run on at most ``workers - 1`` workers at once (with 2 or more), so short
    texts are not queued behind long ones."""

    def __init__(self, workers: int = 1, timeout: float = 120.0, max_queue: int = 16, max_tasks: int = 500,
                 recycle_mb: float = 300.0, start_timeout: float = 300.0, large_chars: int = LARGE_CHARS) -> None:
        self.workers = workers
        self.large_chars = large_chars
        # large texts take at most workers - 1 workers, so one is always left for the short ones
        self._large = threading.BoundedSemaphore(max(1, workers - 1))
        self.timeout = timeout
        self.max_queue = max_queue
        self.max_tasks = max_tasks
        self.recycle_mb = recycle_mb
        self.start_timeout = start_timeout
        self._slots = threading.BoundedSemaphore(workers + max_queue)
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._live: dict[int, _Worker] = {}  # the workers that are up, by pid
        self._lock = threading.Lock()
        self._closed = False
        self.replaced = 0  # workers replaced (time budget, memory, task count, crash)
        if "forkserver" in multiprocessing.get_all_start_methods():
            self._context: Any = multiprocessing.get_context("forkserver")
            # the fork server imports this module and loads the models once; each worker is a fork of it
            self._context.set_forkserver_preload(["khabar.serve._preload"])
        else:  # Windows: each worker starts Python and loads the models itself (seconds per replacement)
            self._context = multiprocessing.get_context("spawn")

    def _spawn(self) -> _Worker:
        """A new worker, ready; RuntimeError with its message if it could not load the models."""
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=_worker_main, args=(theirs,), name="khabar-analysis", daemon=True)
        process.start()
        theirs.close()
        if not ours.poll(self.start_timeout):
            process.kill()
            raise RuntimeError(f"an analysis worker did not start in {self.start_timeout:g} s")
        try:
            message = ours.recv()
        except EOFError:
            message = ("failed", f"exit code {process.exitcode}")
        if message[0] != "ready":
            process.join(5)
            raise RuntimeError(f"an analysis worker could not start: {message[1]}")
        worker = _Worker(process, ours, ready_mb=message[1])
        assert process.pid is not None  # started
        with self._lock:
            self._live[process.pid] = worker
        return worker

    def start(self) -> None:
        for _ in range(self.workers):
            self._idle.put(self._spawn())

    @property
    def ready(self) -> bool:
        return bool(self._live)

    def pids(self) -> list[int]:
        """The workers' process ids (for tests)."""
        with self._lock:
            return sorted(self._live)

    def _stop(self, worker: _Worker) -> None:
        with self._lock:
            self._live.pop(worker.process.pid, None)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(10)
        worker.conn.close()

    def _replace(self, worker: _Worker, why: str) -> None:
        """Stop ``worker`` now and start another in the background (it joins the idle ones when ready)."""
        self._stop(worker)
        self.replaced += 1
        log.info("analysis worker %s replaced: %s", worker.process.pid, why)

        def respawn() -> None:
            for attempt in range(3):
                if self._closed:
                    return
                try:
                    fresh = self._spawn()
                except Exception:
                    log.exception("could not start an analysis worker (attempt %d)", attempt + 1)
                    continue
                if self._closed:
                    self._stop(fresh)
                    return
                self._idle.put(fresh)
                return

        threading.Thread(target=respawn, name="khabar-respawn", daemon=True).start()

    def run(self, kind: str, args: tuple[Any, ...], size: int = 0) -> bytes:
        """Run a task (``size``: the length of its text) in a worker: its JSON answer."""
        if not self._slots.acquire(blocking=False):
            raise Busy
        large = size >= self.large_chars and self.workers > 1
        wait = self.timeout + self.start_timeout
        try:
            # waits while the queue ahead is served; the wait is not part of the time budget
            if large and not self._large.acquire(timeout=wait):
                raise Busy
            try:
                return self._run(kind, args, wait)
            finally:
                if large:
                    self._large.release()
        finally:
            self._slots.release()

    def _run(self, kind: str, args: tuple[Any, ...], wait: float) -> bytes:
        try:
            worker = self._idle.get(timeout=wait)
        except queue.Empty:
            raise Busy from None
        try:
            worker.conn.send((kind, args))
            if not worker.conn.poll(self.timeout):
                self._replace(worker, f"over the time budget of {self.timeout:g} s")
                raise OverBudget
            message = worker.conn.recv()
        except (EOFError, OSError) as error:
            self._replace(worker, "it stopped")
            raise WorkerLost(f"exit code {worker.process.exitcode}") from error
        worker.tasks += 1
        status, answer, rss = message
        if rss - worker.ready_mb > self.recycle_mb:
            self._replace(worker, f"memory {rss:.0f} MB, {worker.ready_mb:.0f} MB when it started")
        elif worker.tasks >= self.max_tasks:
            self._replace(worker, f"{worker.tasks} tasks")
        else:
            self._idle.put(worker)
        if status != "ok":
            raise RuntimeError(f"the analysis failed in its worker:\n{answer}")
        return answer  # type: ignore[no-any-return]

    def close(self) -> None:
        """Stop every worker: the idle ones when they have read the stop, the busy ones at once."""
        self._closed = True
        idle: list[_Worker] = []
        while True:
            try:
                idle.append(self._idle.get_nowait())
            except queue.Empty:
                break
        for worker in idle:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        for worker in idle:
            worker.process.join(2)
        with self._lock:
            every = list(self._live.values())
        for worker in every:
            self._stop(worker)
