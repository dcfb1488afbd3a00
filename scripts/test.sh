#!/usr/bin/env bash
# Set up a virtual environment with khabar and its test tools, then lint, type-check, run the whole test suite
# and check the wheel.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
# the browser tests (tests/test_webapp.py) drive Debian's Chromium; without it they skip
if ! command -v chromium >/dev/null && command -v apt-get >/dev/null; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo -n"; fi
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-core; } \
    >/dev/null || echo "test.sh: could not install chromium; the browser tests will skip" >&2
fi
# the Spark engine (tests/test_spark.py) needs a Java 17 runtime; without one those tests skip
if ! command -v java >/dev/null && command -v apt-get >/dev/null; then
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo -n"; fi
  { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq openjdk-17-jre-headless; } \
    >/dev/null || echo "test.sh: could not install Java 17; the Spark tests will skip" >&2
fi
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test,spark]'
.venv/bin/ruff check khabar khabar_dev tests bench scripts training
.venv/bin/mypy  # the public API's types (files listed in pyproject.toml)
.venv/bin/python -m pytest "$@"
./scripts/check_wheel.sh  # the wheel installs without network and analyzes away from the checkout
