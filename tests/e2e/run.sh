#!/usr/bin/env bash
# The checks with real clients: the page in headless Chromium and
# language_tool_python against `mtlint serve`. Installs what it needs
# (chromium from apt, playwright-core from npm, language_tool_python from
# PyPI in a virtual environment under target/) unless already there.
#
# bash tests/e2e/run.sh [ARTICLE]      screenshot: target/e2e/page.png
set -euo pipefail
cd "$(dirname "$0")/../.."
ARTICLE=${1:-corpus/fr-en/01-menaka-market-attack.txt}
OUT=target/e2e
mkdir -p "$OUT"

if ! command -v chromium >/dev/null; then
  apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
if [ ! -x "$OUT/venv/bin/python" ]; then
  python3 -m venv "$OUT/venv"
fi
"$OUT/venv/bin/pip" install -q language_tool_python==3.4.0

cargo build -q
MTLINT=target/debug/mtlint
source tests/e2e/server.sh
start_server

status=0
node tests/e2e/browser.mjs "$BASE_URL" "$ARTICLE" "$OUT/page.png" || status=1
"$OUT/venv/bin/python" tests/e2e/lt_client.py "$BASE_URL" "$ARTICLE" || status=1
exit $status
