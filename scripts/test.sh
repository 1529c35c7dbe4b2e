#!/usr/bin/env bash
# Installs everything the tests need, then runs the whole suite: lint, formatting, types, tests.
# This is the README's test command, and exactly what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use: chromium (real-browser and accessibility tests), Java (the Nu
# HTML Checker), LibreOffice Writer (DOCX to PDF), tmux (terminal tests), PostgreSQL (the store
# tests start a throwaway server on loopback), GNU gettext (msgfmt --check on the catalogs),
# HAProxy (tests/test_proxy.py runs the docs/proxy.md recipe). Installed once.
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v java >/dev/null || need+=(default-jre-headless)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v tmux >/dev/null || need+=(tmux)
[ -x /usr/sbin/haproxy ] || command -v haproxy >/dev/null || need+=(haproxy)
command -v msgfmt >/dev/null || need+=(gettext)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
python3 -c "import ensurepip, venv" 2>/dev/null || need+=(python3-venv)
# Pango, for WeasyPrint's PDF of the plan (usually already there with chromium).
ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || need+=(libpango-1.0-0 libpangoft2-1.0-0)
if [ ${#need[@]} -gt 0 ]; then
  echo "== installing ${need[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    "${need[@]}" >/dev/null
fi

# The project's own virtual environment: current Debian and Ubuntu refuse `pip install` into
# the system Python. Made once, brought up to date on every run.
[ -x .venv/bin/python ] || python3 -m venv .venv
py=.venv/bin/python
"$py" -m pip install --quiet --disable-pip-version-check -e ".[test]"

echo "== ruff check";  "$py" -m ruff check planner tests scripts bench
echo "== ruff format"; "$py" -m ruff format --check planner tests scripts bench
echo "== mypy --strict"; "$py" -m mypy
echo "== lint-imports"; .venv/bin/lint-imports
echo "== planner check"; "$py" -m planner check
# One worker per core; each test file stays on one worker (its servers and fixtures are set up
# once), which halves the run on two cores (CI's 18 minutes became 10).
echo "== pytest"; "$py" -m pytest -q -n auto --dist loadfile
