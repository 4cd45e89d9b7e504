#!/usr/bin/env bash
# Where Gatehouse's CPU goes: one proxied keep-alive request and one full TLS handshake, sampled with perf
# (cpu-clock, every CPU including OpenSSL and the kernel; JIT frames named through DOTNET_PerfMapEnabled).
# See bench/README.md ("Profile"). Usage: bash bench/profile.sh
# (env: SECONDS_PER_PROFILE, WARMUP, EXTRA_ARGS, SKIP_BUILD, GATEHOUSE_DLL, TOP, KEEP_DATA=DIR keeps the perf data for `perf report -i`)
set -euo pipefail

SECS=${SECONDS_PER_PROFILE:-10}
EXTRA_ARGS=${EXTRA_ARGS:-}          # extra `gatehouse up` arguments, e.g. "--access-log off"
SKIP_BUILD=${SKIP_BUILD:-0}
TOP=${TOP:-25}
NAME=bench.localhost
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
DLL=${GATEHOUSE_DLL:-$REPO/src/Gatehouse/bin/Release/net10.0/gatehouse.dll}

log() { printf '[profile %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
for t in nginx wrk perf openssl curl jq python3; do command -v "$t" >/dev/null || die "missing $t (apt-get install nginx wrk linux-perf openssl curl jq)"; done

WORK=$(mktemp -d /tmp/gatehouse-profile.XXXXXX); chmod 755 "$WORK"
KEEP_WORK=${KEEP_WORK:-0}
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
wait_until() { local deadline=$((SECONDS + $1)); shift; until "$@" >/dev/null 2>&1; do ((SECONDS < deadline)) || return 1; sleep 0.3; done; }

if [[ $SKIP_BUILD != 1 && -z ${GATEHOUSE_DLL:-} ]]; then (cd "$REPO" && dotnet build src/Gatehouse -c Release -nologo -v q >"$WORK/build.log" 2>&1) || die "build failed"; fi

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 7 -subj "/CN=$NAME" \
  -addext "subjectAltName=DNS:$NAME" -keyout "$WORK/bench.key" -out "$WORK/bench.crt" 2>/dev/null
P_UP=$(free_port); P_ADMIN=$(free_port); P_HTTP=$(free_port); P_GH=$(free_port)
start_upstream "$P_UP"

TOKEN=$(openssl rand -hex 32)
# shellcheck disable=SC2086
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 GATEHOUSE_ADMIN_TOKEN=$TOKEN dotnet "$DLL" up --data "$WORK/data" --admin-listen "127.0.0.1:$P_ADMIN" \
  --http-listen "127.0.0.1:$P_HTTP" --https-listen "127.0.0.1:$P_GH" $EXTRA_ARGS >"$WORK/gatehouse.log" 2>&1 &
PID_GH=$!; PIDS+=($PID_GH)
wait_until 180 curl -sf "http://127.0.0.1:$P_ADMIN/readyz" || die "Gatehouse not ready"
post() { curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary @"$2" "http://127.0.0.1:$P_ADMIN$1"; }
jq -n --rawfile cert "$WORK/bench.crt" --rawfile key "$WORK/bench.key" '{certificate: $cert, private_key: $key}' >"$WORK/ssl.json"
post /api/v1/ssls "$WORK/ssl.json" || die "ssl upload"
jq -n --arg name "$NAME" --argjson port "$P_UP" '{name: "bench", hosts: [$name], path_prefix: "/", protocols: ["https"],
  upstream: {scheme: "http", targets: [{host: "127.0.0.1", port: $port, weight: 1}]}}' >"$WORK/svc.json"
post /api/v1/services "$WORK/svc.json" || die "service"
wait_until 30 curl -sf --cacert "$WORK/bench.crt" --resolve "$NAME:$P_GH:127.0.0.1" "https://$NAME:$P_GH/" || die "not serving"

log "warm-up"
wrk -t2 -c32 -d${WARMUP:-15}s -s "$BENCH_DIR/wrk-loopback.lua" "https://$NAME:$P_GH/" >/dev/null
python3 "$BENCH_DIR/handshakes.py" --port "$P_GH" --sni "$NAME" --seconds 3 --procs 1 >/dev/null

report() { # report TITLE PERFDATA UNITS
  echo "== $1 (per $3; perf cpu-clock samples of the gatehouse process) =="
  echo "-- by library --"
  perf report -i "$2" --stdio --no-children -g none --sort dso 2>/dev/null | grep -E '^ +[0-9]' | head -12 || true
  echo "-- top $TOP symbols (self) --"
  perf report -i "$2" --stdio --no-children -g none --sort dso,sym 2>/dev/null | grep -E '^ +[0-9]' | head -"$TOP" | cut -c1-170 || true
}

log "profiling ${SECS}s of keep-alive load (wrk -t2 -c32)"
wrk -t2 -c32 -d$((SECS + 2))s -s "$BENCH_DIR/wrk-loopback.lua" "https://$NAME:$P_GH/" >"$WORK/wrk.txt" &
WRK=$!
sleep 1
perf record -e cpu-clock -F 999 -g -p "$PID_GH" -o "$WORK/ka.data" -- sleep "$SECS" >"$WORK/perf-ka.log" 2>&1 || die "perf record failed: $(tail -3 "$WORK/perf-ka.log")"
wait $WRK || die "wrk failed: $(cat "$WORK/wrk.txt")"
log "profiling ${SECS}s of full handshakes"
python3 "$BENCH_DIR/handshakes.py" --port "$P_GH" --sni "$NAME" --seconds $((SECS + 2)) --procs 2 >"$WORK/hs.txt" &
HS=$!
sleep 1
perf record -e cpu-clock -F 999 -g -p "$PID_GH" -o "$WORK/hs.data" -- sleep "$SECS" >"$WORK/perf-hs.log" 2>&1 || die "perf record failed: $(tail -3 "$WORK/perf-hs.log")"
wait $HS || die "handshake client failed: $(cat "$WORK/hs.txt")"
echo "Gatehouse profile — $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(cd "$REPO" && git rev-parse --short HEAD), args: ${EXTRA_ARGS:-none}, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "keep-alive: $(awk '/Requests\/sec/{print $2}' "$WORK/wrk.txt") req/s; handshakes: $(cat "$WORK/hs.txt")"
report "keep-alive HTTPS requests" "$WORK/ka.data" request
report "full TLS 1.3 handshakes" "$WORK/hs.data" handshake
if [[ -n ${KEEP_DATA:-} ]]; then mkdir -p "$KEEP_DATA"; cp "$WORK/ka.data" "$WORK/hs.data" "$KEEP_DATA/"; cp /tmp/perf-"$PID_GH".map "$KEEP_DATA/" 2>/dev/null || true; fi
