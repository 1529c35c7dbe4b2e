#!/usr/bin/env bash
# Installs everything the tests need, then runs the whole suite: lint, formatting, types, tests.
# This is the README's test command, and exactly what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"

echo "== ruff check";  python3 -m ruff check planner tests scripts
echo "== ruff format"; python3 -m ruff format --check planner tests scripts
echo "== mypy --strict"; python3 -m mypy
echo "== planner check"; python3 -m planner check
echo "== pytest"; python3 -m pytest -q
