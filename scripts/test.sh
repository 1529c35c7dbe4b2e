#!/usr/bin/env bash
# Installs everything the tests need, then runs the whole suite: lint, formatting, types, tests.
# This is the README's test command, and exactly what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use: chromium (real-browser and accessibility tests), Java (the Nu
# HTML Checker), LibreOffice Writer (DOCX to PDF), tmux (terminal tests), PostgreSQL (the store
# tests start a throwaway server on loopback), GNU gettext (msgfmt --check on the catalogs).
# Installed once.
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v java >/dev/null || need+=(default-jre-headless)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v tmux >/dev/null || need+=(tmux)
command -v msgfmt >/dev/null || need+=(gettext)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    "${need[@]}" >/dev/null
fi

python3 -m pip install --quiet --disable-pip-version-check -e ".[test]"

echo "== ruff check";  python3 -m ruff check planner tests scripts bench
echo "== ruff format"; python3 -m ruff format --check planner tests scripts bench
echo "== mypy --strict"; python3 -m mypy
echo "== planner check"; python3 -m planner check
echo "== pytest"; python3 -m pytest -q
