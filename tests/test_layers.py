"""The package layout reads as the pipeline: layers only point down, with no import cycle, and a khabar
import inside a function is there only to delay a heavy dependency (and says so on its line)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "khabar"
#: bottom to top; a package may import only packages of its own layer's left or of lower layers
LAYERS = [
    ["khabar.schema", "khabar.text", "khabar.textio", "khabar.errors", "khabar.dates"],
    ["khabar.repair"],
    ["khabar"],  # the top package: re-exports repair eagerly, the analyzer on first use
    ["khabar.segment", "khabar.link", "khabar.expressions"],
    ["khabar.quotes"],  # reads a Doc; needs nothing above the text utilities
    ["khabar.facts"],
    ["khabar.keywords", "khabar.summarize", "khabar.topic", "khabar.dedupe"],
    ["khabar.analyze"],  # the pipeline: runs every stage above over one Doc
    ["khabar.batch", "khabar.warehouse"],  # the warehouse: Parquet tables of batch rows
    ["khabar.store", "khabar.spark"],  # Spark runs the batch and writes the warehouse
    ["khabar.render"],  # what the command line prints
    ["khabar.serve", "khabar.cli"],
    ["khabar.__main__"],
]
LAZY_MARK = "# lazy:"


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _package(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else parts[0]


def _imports(path: Path) -> list[tuple[str, int, bool]]:
    """(imported khabar module, line, inside a function) of one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        out.extend((name, node.lineno, id(node) not in top) for name in names if name.split(".")[0] == "khabar")
    return out


def _rank(package: str) -> int:
    for rank, layer in enumerate(LAYERS):
        if package in layer:
            return rank
    raise AssertionError(f"{package} is in no layer of tests/test_layers.py: place it")


def test_every_package_is_placed_in_a_layer() -> None:
    for module in _modules():
        _rank(_package(module))


def test_layers_only_point_down() -> None:
    upward = []
    for module, path in _modules().items():
        here = _package(module)
        for target, line, _ in _imports(path):
            there = _package(target)
            if there != here and _rank(there) > _rank(here):
                upward.append(f"{path.relative_to(PACKAGE.parent)}:{line} {here} → {there}")
    assert not upward, "imports that point up a layer:\n" + "\n".join(upward)


def test_no_import_cycle_between_packages() -> None:
    graph: dict[str, set[str]] = {}
    for module, path in _modules().items():
        here = _package(module)
        graph.setdefault(here, set()).update(
            _package(target) for target, _, _ in _imports(path) if _package(target) != here)
    visiting, done, cycles = set(), set(), []

    def visit(node: str, trail: list[str]) -> None:
        if node in visiting:
            cycles.append(" → ".join([*trail[trail.index(node):], node]))
            return
        if node in done:
            return
        visiting.add(node)
        for nxt in sorted(graph.get(node, ())):
            visit(nxt, [*trail, node])
        visiting.discard(node)
        done.add(node)

    for node in sorted(graph):
        visit(node, [])
    assert not cycles, "import cycles:\n" + "\n".join(cycles)


def _says_why(lines: list[str], line: int) -> bool:
    """A ``# lazy:`` comment on the import's line or above it, within its block of imports."""
    for text in reversed(lines[max(0, line - 12):line]):
        if LAZY_MARK in text:
            return True
        stripped = text.strip()
        if stripped and not stripped.startswith(("from ", "import ", "#", ")")) and not stripped.endswith(","):
            return False
    return False


def test_khabar_imports_inside_functions_say_why() -> None:
    silent = []
    for _module, path in _modules().items():
        lines = path.read_text(encoding="utf-8").splitlines()
        for _, line, inside in _imports(path):
            if inside and not _says_why(lines, line):
                silent.append(f"{path.relative_to(PACKAGE.parent)}:{line}")
    assert not silent, f"khabar imports inside functions without a '{LAZY_MARK} why' comment:\n" + "\n".join(silent)
