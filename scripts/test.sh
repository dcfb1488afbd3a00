#!/usr/bin/env bash
# Set up a virtual environment with khabar and its test tools, then lint and run the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'
.venv/bin/ruff check khabar tests bench scripts training
.venv/bin/python -m pytest "$@"
