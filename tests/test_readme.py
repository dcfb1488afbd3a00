"""The README's Python examples run, and the results they show are the results khabar gives.

Each ```python block runs in order in one namespace. A result shown as a comment — after an expression on
its line (``result.text  # 'وقال …'``) or on the comment lines right below it — is compared with the
expression's value: exactly when the comment is a Python literal, else as its ``repr`` with ``…`` standing
for anything. Comments that are prose (no literal, no ``…``) are left alone.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def _shown(lines: list[str], node: ast.stmt) -> str | None:
    """The result a comment shows for the statement ``node``, or None."""
    line = lines[node.end_lineno - 1]  # type: ignore[operator]
    shown = []
    if "#" in line[node.end_col_offset:]:  # type: ignore[index]
        shown.append(line[node.end_col_offset:].split("#", 1)[1].strip())  # type: ignore[index]
    else:
        for below in lines[node.end_lineno:]:  # type: ignore[index]
            if not below.startswith("# "):
                break
            shown.append(below[2:].split("   #", 1)[0].strip())
    text = " ".join(shown).strip()
    return text or None


def _matches(value: Any, shown: str) -> bool:
    try:
        return value == ast.literal_eval(shown)
    except (ValueError, SyntaxError):
        pass
    if "…" not in shown:
        return True  # prose, not a result
    pattern = ".*?".join(re.escape(part) for part in shown.split("…"))
    return re.fullmatch(pattern, repr(value), re.S) is not None


def test_readme_has_python_examples() -> None:
    assert len(BLOCKS) >= 4


def test_readme_python_examples_run_and_show_true_results() -> None:
    namespace: dict[str, Any] = {}
    for block in BLOCKS:
        lines = block.splitlines()
        for node in ast.parse(block).body:
            code = compile(ast.Module([node], type_ignores=[]), "README.md", "exec")
            if not isinstance(node, ast.Expr):
                exec(code, namespace)
                continue
            value = eval(compile(ast.Expression(node.value), "README.md", "eval"), namespace)
            shown = _shown(lines, node)
            if shown is not None:
                assert _matches(value, shown), f"README shows {shown!r} for {ast.unparse(node)}, khabar gives {value!r}"


@pytest.mark.parametrize("shown, value, ok", [("'a'", "a", True), ("'a'", "b", False), ("[1, …]", [1, 2], True),
                                              ("[2, …]", [1, 2], False), ("prose here", 5, True)])
def test_the_comparison_itself(shown: str, value: Any, ok: bool) -> None:
    assert _matches(value, shown) is ok
