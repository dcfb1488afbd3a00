#!/usr/bin/env bash
# Build khabar's wheel, install it into a fresh virtual environment with no index (no network) and away
# from the checkout, and run an analysis from it: the wheel must carry every model and data file.
# The dependencies (and setuptools >= 77 to build) come from .venv, made by scripts/test.sh with the test extra;
# the new environment reads them through a .pth file.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work" "$root/build"' EXIT
.venv/bin/python -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir "$work/dist" . >/dev/null
wheel=$(ls "$work"/dist/khabar-*.whl)
echo "check_wheel.sh: $(basename "$wheel") $(du -m "$wheel" | cut -f1) MB"
.venv/bin/python -m venv "$work/venv"
deps=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
site=$("$work/venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$deps" > "$site/khabar-deps.pth"
"$work/venv/bin/python" -m pip install --quiet --no-index --no-deps "$wheel"
cd "$work"
cp "$root/samples/article.damaged.txt" sample.txt
"$work/venv/bin/khabar" analyze --json sample.txt > out.json
"$work/venv/bin/python" - "$work" <<'PY'
import json, sys
from pathlib import Path

import khabar
import khabar.schema

work = Path(sys.argv[1])
assert Path(khabar.__file__).is_relative_to(work / "venv"), f"khabar imported from {khabar.__file__}"
package = Path(khabar.__file__).parent
assert (package / "py.typed").exists() and khabar.schema.SCHEMA_FILE.exists()
assert not (package.parent / "khabar_dev").exists(), "development helpers must not ship"
out = json.loads((work / "out.json").read_text(encoding="utf-8"))
khabar.schema.validate_analysis(out)
assert out["schema_version"] == khabar.schema.SCHEMA_VERSION and out["entities"] and out["quotes"] and out["edits"]
print(f"check_wheel.sh: ok — {len(out['entities'])} entities, {len(out['quotes'])} quotes, "
      f"{len(out['edits'])} edits from the installed wheel")
PY
