#!/usr/bin/env bash
# Set up a virtual environment with khabar and repair the sample article, showing every change.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet -e .
.venv/bin/khabar repair samples/article.damaged.txt --diff
echo
.venv/bin/khabar repair samples/article.damaged.txt
