#!/usr/bin/env bash
# A bounded load test of `mtlint serve` on loopback: wrk posts a 5 KB
# article (two corpus articles) to /v2/check for DURATION seconds and
# reports requests per second and latency percentiles.
#
# bash tests/e2e/load.sh [DURATION] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-30}
CONNECTIONS=${2:-8}
THREADS=$((CONNECTIONS < 2 ? CONNECTIONS : 2))
OUT=target/e2e
mkdir -p "$OUT"
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

cargo build -q --release
MTLINT=target/release/mtlint
source tests/e2e/server.sh
start_server

BODY="$OUT/load-body.txt"
python3 - "$BODY" corpus/fr-en/01-menaka-market-attack.txt corpus/fr-en/10-cotton-growers.txt <<'PY'
import sys, urllib.parse
text = "\n\n".join(open(p, encoding="utf-8").read() for p in sys.argv[2:])
print(f"article: {len(text.encode())} bytes", file=sys.stderr)
open(sys.argv[1], "w").write(urllib.parse.urlencode({"language": "en-US", "text": text}))
PY
cat > "$OUT/load.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
local f = io.open("$BODY", "rb")
wrk.body = f:read("*a")
f:close()
done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
curl -fsS -X POST --data-binary "@$BODY" -H 'Content-Type: application/x-www-form-urlencoded' \
  "$BASE_URL/v2/check" | python3 -c 'import json,sys; print("findings per request:", len(json.load(sys.stdin)["matches"]))'
echo "cores: $(nproc); $CONNECTIONS connections, $THREADS wrk threads, ${DURATION}s"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency -s "$OUT/load.lua" "$BASE_URL/v2/check"
