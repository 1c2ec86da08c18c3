# Sourced by the e2e scripts: starts `mtlint serve` on a free loopback port,
# sets BASE_URL once it answers, and stops it when the script exits.
# Needs MTLINT (the binary) and OUT (a directory for its log).

start_server() {
  local log="$OUT/server.log"
  "$MTLINT" serve --addr 127.0.0.1:0 --no-config "$@" >"$log" 2>&1 &
  SERVER_PID=$!
  trap 'kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true' EXIT
  BASE_URL=""
  for _ in $(seq 100); do
    BASE_URL=$(sed -n 's|^mtlint: serving \(http://[^/]*\)/.*|\1|p' "$log")
    if [ -n "$BASE_URL" ] && curl -fsS "$BASE_URL/v2/languages" >/dev/null 2>&1; then
      return 0
    fi
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "mtlint serve did not start:" >&2
  cat "$log" >&2
  return 1
}
