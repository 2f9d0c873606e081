#!/usr/bin/env bash
# Installs cchc-quiz the way a provincial IT office does, from the Debian package, and runs it as installed:
# builds the .deb (cargo deb, from the release binary), `dpkg -i`, checks the systemd unit with
# `systemd-analyze verify`, starts /usr/bin/cchc-quiz as the package's user `cchc-quiz` from `/` with the
# packaged settings (/etc/cchc-quiz/cchc-quiz.env; systemd does not run here, so setpriv stands in for it),
# checks /readyz, the CSS and a login, backs up while the saves load runs, stops with SIGTERM under that load
# (exit 0, and every save it acknowledged is stored), restores the backup into a fresh data folder, starts
# again there and finds every save acknowledged before the backup began. Removes the package (purge) at the end. For CI and test machines only: it refuses to run
# where cchc-quiz already holds data. Needs release binaries: cargo build --release --bins
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-18092}
T=${CARGO_TARGET_DIR:-target}
LOADGEN=$T/release/loadgen
ENV_FILE=/etc/cchc-quiz/cchc-quiz.env
STATE=/var/lib/cchc-quiz
base="http://127.0.0.1:$PORT"
step() { echo "--- $*"; }

if [ -e "$STATE/cchc-quiz.sqlite" ]; then
  echo "refusing: $STATE already holds a cchc-quiz database (this script purges the package at the end)"; exit 1
fi
command -v cargo-deb >/dev/null || cargo install cargo-deb --locked --quiet
if ! command -v systemd-analyze >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq systemd >/dev/null
fi

work=$(mktemp -d)
chmod 711 "$work"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill -9 "$server_pid" 2>/dev/null || true
  dpkg --purge cchc-quiz >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

step "build and install the package"
cargo deb --no-build --locked --output "$work/cchc-quiz.deb" >/dev/null
dpkg-deb --info "$work/cchc-quiz.deb" | grep -E "Package|Version|Depends"
dpkg -i "$work/cchc-quiz.deb" >/dev/null
id cchc-quiz
test "$(stat -c '%U %a' "$STATE")" = "cchc-quiz 700"
ls /usr/share/cchc-quiz/questions/*.toml >/dev/null

step "systemd-analyze verify"
systemd-analyze verify /lib/systemd/system/cchc-quiz.service

shared="$work/shared"
install -d -o cchc-quiz -g cchc-quiz -m 0755 "$shared"
# Runs the installed binary as the package's user, from /, with the packaged settings (plus this port and,
# when given, another data folder), the way the unit's ExecStart does.
# `as_service_exec` replaces the calling process, so `( as_service_exec ... ) &` leaves `$!` the server itself
# and a SIGTERM sent to it reaches the server, not a shell waiting for it.
as_service_exec() {
  local data_dir=$1; shift
  cd / && set -a && . "$ENV_FILE" && set +a
  export CCHC_PORT=$PORT CCHC_DATA_DIR="$data_dir"
  exec setpriv --reuid=cchc-quiz --regid=cchc-quiz --init-groups --inh-caps=-all /usr/bin/cchc-quiz "$@"
}
as_service() { ( as_service_exec "$@" ); }
start_server() {
  ( as_service_exec "$1" serve ) >>"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 150); do
    curl -fsS "$base/readyz" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  echo "FAIL: the installed server is not ready"; tail -20 "$work/server.log"; exit 1
}
stop_server() {
  kill -TERM "$server_pid"
  for _ in $(seq 1 300); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$server_pid" 2>/dev/null; then echo "FAIL: still running 30 s after SIGTERM"; exit 1; fi
  local code=0
  wait "$server_pid" || code=$?
  server_pid=""
  [ "$code" = 0 ] || { echo "FAIL: exit $code after SIGTERM"; tail -20 "$work/server.log"; exit 1; }
}

step "start as cchc-quiz from / with $ENV_FILE"
# Two fixtures: seed-load opens new rounds each time, so the two loads below answer different attempts.
as_service "$STATE" seed-load --participants 32 --out "$shared/fixture-a.json" >/dev/null
as_service "$STATE" seed-load --participants 32 --out "$shared/fixture-b.json" >/dev/null
start_server "$STATE"
curl -fsS "$base/readyz"; echo
css=$(curl -fsS "$base/dang-nhap" | grep -o '/static/app\.[0-9a-f]*\.css' | head -1)
test -n "$css"
curl -fsS -D "$work/css.h" -o "$work/app.css" "$base$css"
grep -qi '^cache-control: public, max-age=31536000, immutable' "$work/css.h"
cmp "$work/app.css" static/app.css
echo "CSS $css served from the binary"

step "log in"
password='Mat-khau-kiem-thu-2026!'
link=$(as_service "$STATE" create-user --login btc-kiem-thu --full-name "Ban Tổ chức kiểm thử" --role organiser \
  | grep -o '/khoi-tao/[A-Za-z0-9_-]*')
curl -fsS -o /dev/null --data-urlencode "password=$password" "$base$link"
curl -fsS -H 'content-type: application/json' \
  -d "{\"login\":\"btc-kiem-thu\",\"password\":\"$password\"}" "$base/api/v1/auth/login" | grep -q '"token"'
echo "login ok"

loadgen() { timeout 60 "$LOADGEN" --base "$base" "$@"; }
step "saves (A), then a backup while other saves (B) run"
loadgen --fixture "$shared/fixture-a.json" --out "$work/a.json" saves --concurrency 32 --seconds 4 \
  --acks "$work/acks-a.json" | grep -o '[0-9]* acknowledged answer slots'
loadgen --fixture "$shared/fixture-b.json" --out "$work/b.json" saves --concurrency 32 --seconds 10 \
  --acks "$work/acks-b.json" >"$work/loadgen-b.log" 2>&1 &
loadgen_pid=$!
sleep 2
as_service "$STATE" backup "$shared/sao-luu.sqlite"
test "$(stat -c '%U %a' "$shared/sao-luu.sqlite")" = "cchc-quiz 600"
sleep 1

step "SIGTERM while B runs: exit 0, and every save of B acknowledged before it is stored"
stop_server
wait "$loadgen_pid" || true
grep -o '[0-9]* acknowledged answer slots' "$work/loadgen-b.log"
start_server "$STATE"
loadgen --fixture "$shared/fixture-b.json" --out "$work/verify-b.json" verify --acks "$work/acks-b.json"
stop_server

step "restore the backup into a fresh data folder, start there: every save of A is in it"
fresh="$work/restored"
install -d -o cchc-quiz -g cchc-quiz -m 0700 "$fresh"
as_service "$fresh" restore "$shared/sao-luu.sqlite"
start_server "$fresh"
loadgen --fixture "$shared/fixture-a.json" --out "$work/verify-a.json" verify --acks "$work/acks-a.json"
stop_server

step "remove the package"
dpkg --purge cchc-quiz >/dev/null
! id cchc-quiz 2>/dev/null
echo "install: the .deb installs, serves, backs up under load, stops on SIGTERM and restores; no acknowledged save lost"
