#!/usr/bin/env bash
# Fuzzes the JSON API from its own OpenAPI document with schemathesis (PyPI), against a release server on
# loopback with a fresh database: once anonymous, once as a participant, once as an organiser. Fails on any 5xx
# or any response that does not match the documented schema. Bounded by --max-examples.
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-18091}
EXAMPLES=${EXAMPLES:-25}
# BIN: the server binary (a debug build works while iterating: BIN=target/debug/cchc-quiz).
BIN=${BIN:-${CARGO_TARGET_DIR:-target}/release/cchc-quiz}
work=$(mktemp -d)
venv=${SCHEMATHESIS_VENV:-/tmp/cchc-schemathesis-venv}
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "schemathesis>=4,<5"
fi

export CCHC_DATA_DIR="$work/data" CCHC_PORT=$PORT CCHC_LOGIN_PER_MINUTE=100000
"$BIN" seed-load --participants 3 --out "$work/fixture.json" >/dev/null
"$BIN" serve >"$work/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do curl -fsS "$base/" >/dev/null 2>&1 && break; sleep 0.1; done

participant=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["tokens"][0])' "$work/fixture.json")
organiser=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["organiser_token"])' "$work/fixture.json")

run() {
  echo "--- schemathesis as $1"
  shift
  "$venv/bin/schemathesis" run "$base/api/v1/openapi.json" \
    --checks not_a_server_error,response_schema_conformance \
    --max-examples "$EXAMPLES" --request-timeout 20 "$@"
}
status=0
run anonymous || status=1
# Logging out, changing one's password or one's own staff record end the session the token belongs to, which
# would turn every later call into a 401: those operations run last, in their own pass.
session_enders=(
  "POST /api/v1/auth/logout" "POST /api/v1/me/password"
  "PATCH /api/v1/staff/{id}" "POST /api/v1/staff/{id}/reset-password"
)
keep_session=() last_pass=()
for op in "${session_enders[@]}"; do keep_session+=(--exclude-name "$op"); last_pass+=(--include-name "$op"); done
run participant -H "Authorization: Bearer $participant" "${keep_session[@]}" || status=1
run organiser -H "Authorization: Bearer $organiser" "${keep_session[@]}" || status=1
run "organiser (operations that end a session)" -H "Authorization: Bearer $organiser" "${last_pass[@]}" || status=1
if grep -q "internal error\|database error" "$work/server.log"; then
  echo "the server logged internal errors:"; grep "internal error\|database error" "$work/server.log" | head -20
  status=1
fi
exit $status
