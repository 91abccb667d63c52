#!/usr/bin/env bash
# Load benchmark of the public pages against the static stylesheet, in one run.
#
# Starts the demo (release build) on a fresh database, then runs wrk on /static/style.css, the home page,
# the catalogue (all, by domain, by institution), one fiche and any extra paths, one after the other with
# the same settings, and prints each page's req/s, p99 and its throughput as a share of the static file's.
# Ratios measured in one run on one machine are what to compare (note `uptime` with any figure).
#
# Usage: bench/load.sh [--postgres URL] [--connections N] [--threads T] [--duration D] [--port P]
#                      [--no-build] [--binary PATH] [--sign-in EMAIL:PASSWORD] [--cookie 'name=value']
#                      [--path /extra/path]...
#   --postgres URL  PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/postgres): a fresh database
#                   passerelle_load_<pid> is created on it for the run and dropped afterwards.
#                   Default: SQLite in a temporary data directory.
#   --path P        an extra path to measure (repeatable), e.g. a signed-in page; requested with the
#                   session of --sign-in, or with --cookie 'passerelle_session=…' if given.
#   --sign-in EMAIL:PASSWORD  signs in on the demo before the run (the demo accounts are listed on its
#                   sign-in page) and uses that session for the --path pages.
#   --binary PATH   the passerelle binary to serve (default: target/release/passerelle, built first).
# Defaults: 500 connections, 2 threads, 10s per path, port 18080. Needs wrk (apt-get install -y wrk).
set -euo pipefail

connections=500 threads=2 duration=10s port=18080 build=1 postgres= cookie= sign_in= bin=
extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --postgres) postgres=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --no-build) build=0; shift ;;
    --binary) bin=$2; build=0; shift 2 ;;
    --cookie) cookie=$2; shift 2 ;;
    --sign-in) sign_in=$2; shift 2 ;;
    --path) extra+=("$2"); shift 2 ;;
    -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
    *) echo "load.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

command -v wrk >/dev/null || { echo "load.sh: wrk is missing (apt-get install -y wrk)" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
if [ "$build" = 1 ]; then
  cargo build --release --workspace --bin passerelle >&2
fi
bin=${bin:-$root/target/release/passerelle}
[ -x "$bin" ] || { echo "load.sh: $bin is missing (run without --no-build)" >&2; exit 2; }

# 500 connections need as many descriptors on both sides.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

work=$(mktemp -d)
server_pid=
database=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$database" ]; then psql -q "$postgres" -c "DROP DATABASE IF EXISTS $database" >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

args=(serve --demo --bind "127.0.0.1:$port" --data-dir "$work/data")
engine=SQLite
if [ -n "$postgres" ]; then
  command -v psql >/dev/null || { echo "load.sh: --postgres needs psql to create the run's database" >&2; exit 2; }
  database=passerelle_load_$$
  psql -q "$postgres" -c "CREATE DATABASE $database" >/dev/null
  # The same server, the run's database: replace the URL's path (and keep its query, if any).
  base=${postgres%%\?*} query=
  [ "$base" != "$postgres" ] && query="?${postgres#*\?}"
  scheme_host=${base%/*}
  [[ "$scheme_host" == *:/ ]] && scheme_host=$base
  args+=(--database-url "$scheme_host/$database$query")
  engine=PostgreSQL
fi

RUST_LOG=warn "$bin" "${args[@]}" >"$work/serve.log" 2>&1 &
server_pid=$!
url=http://127.0.0.1:$port
for _ in $(seq 1 300); do
  curl -fsS -o /dev/null "$url/" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { echo "load.sh: the server stopped:" >&2; cat "$work/serve.log" >&2; exit 1; }
  sleep 0.2
done
curl -fsS -o /dev/null "$url/" || { echo "load.sh: the demo did not answer on $url" >&2; cat "$work/serve.log" >&2; exit 1; }

# The public pages, found on the demo itself.
catalogue=$(curl -fsS "$url/irritants")
fiche=$(grep -o 'href="/irritants/[0-9a-zA-Z_-]*"' <<<"$catalogue" | grep -v nouveau | head -1 | sed 's/^href="//; s/"$//')
domain=$(sed -n '/name="domaine"/,/<\/select>/p' <<<"$catalogue" | grep -o 'option value="[^"]\+"' | head -1 | sed 's/^option value="//; s/"$//')
institution=$(sed -n '/name="etablissement"/,/<\/select>/p' <<<"$catalogue" | grep -o 'option value="[^"]\+"' | head -1 | sed 's/^option value="//; s/"$//')
[ -n "$fiche" ] && [ -n "$domain" ] && [ -n "$institution" ] || {
  echo "load.sh: could not find a fiche and filter values on the demo catalogue" >&2; exit 1; }
pages=(/static/style.css / /irritants "/irritants?domaine=$domain" "/irritants?etablissement=$institution" "$fiche")

if [ -n "$sign_in" ]; then
  jar=$work/cookies
  form=$(curl -fsS -c "$jar" -b "$jar" "$url/connexion")
  token=$(grep -o 'name="csrf" value="[^"]*"' <<<"$form" | head -1 | sed 's/.*value="//; s/"$//')
  status=$(curl -sS -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "email=${sign_in%%:*}" \
    --data-urlencode "password=${sign_in#*:}" --data-urlencode "csrf=$token" "$url/connexion")
  [[ "$status" == 3* ]] || { echo "load.sh: signing in as ${sign_in%%:*} failed (HTTP $status)" >&2; exit 1; }
  cookie=$(awk '!/^#/ && NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " } /^#HttpOnly_/ { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar")
  [ -n "$cookie" ] || { echo "load.sh: signing in as ${sign_in%%:*} gave no session cookie" >&2; exit 1; }
fi

# One wrk run: prints "req/s p99_ms errors" (errors: non-2xx/3xx answers plus socket errors).
measure() {
  local path=$1; shift
  local out
  out=$(wrk -t "$threads" -c "$connections" -d "$duration" --latency "$@" "$url$path" 2>&1)
  printf '%s\n' "$out" >>"$work/wrk.log"
  local rps p99 non2xx sockets
  rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
  p99=$(awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 }
                           else if (v ~ /ms$/) { sub(/ms$/, "", v) }
                           else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }
                           printf "%.1f", v }' <<<"$out")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' <<<"$out")
  sockets=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' <<<"$out")
  echo "${rps:-0} ${p99:-0} $(( ${non2xx:-0} + ${sockets:-0} ))"
}

echo "Passerelle load benchmark — $engine, wrk -t$threads -c$connections -d$duration, $(date -u +%FT%TZ)"
echo "load before the run: $(uptime | sed 's/.*load average: *//')"
printf '%-64s %12s %10s %8s %8s\n' path req/s p99_ms ratio errors
static_rps=
run() {
  local path=$1; shift
  read -r rps p99 errors < <(measure "$path" "$@")
  [ -z "$static_rps" ] && static_rps=$rps
  ratio=$(awk -v a="$rps" -v b="$static_rps" 'BEGIN { if (b > 0) printf "%.1f%%", 100 * a / b; else print "-" }')
  printf '%-64s %12s %10s %8s %8s\n' "$path" "$rps" "$p99" "$ratio" "$errors"
}
for p in "${pages[@]}"; do run "$p"; done
for p in "${extra[@]}"; do
  if [ -n "$cookie" ]; then run "$p" -H "Cookie: $cookie"; else run "$p"; fi
done
echo "load after the run: $(uptime | sed 's/.*load average: *//')"
echo "(ratio: throughput as a share of /static/style.css; errors: non-2xx/3xx answers and socket errors)"
