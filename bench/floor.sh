#!/usr/bin/env bash
# The floor of the .NET stack under issue 12's targets: four TLS servers in one run, measured in interleaved rounds
# (A, B, C, D, A, B, C, D, ...) and reported as ratios to nginx:
#   kestrel-static  bare Kestrel (bench/floor, one certificate, HTTP/1.1+2) answering every request with the 1 KiB body itself
#   kestrel-yarp    bare Kestrel + YARP's IHttpForwarder to the upstream (SocketsHttpHandler set up like Gatehouse's)
#   gatehouse       `gatehouse up` as shipped, configured through its Admin API, access log to stdout (a file), as bench/run.sh
#   nginx           nginx as the TLS-terminating reverse proxy of bench/run.sh (2 workers, access log to a file)
# All with the same EC P-256 certificate, TLS 1.3, in front of the same 1 KiB nginx upstream. See bench/README.md,
# "Floor of the stack". Usage: bash bench/floor.sh   (env knobs below; ~12 min at the defaults)
set -euo pipefail

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}       # seconds per measured wrk / handshake run
WARMUP=${WARMUP:-10}           # seconds of unmeasured keep-alive load per server before measuring
THREADS=${THREADS:-2}          # wrk threads
CONNS=${CONNS:-32}             # wrk connections
HS_PROCS=${HS_PROCS:-2}        # handshake client processes
SKIP_BUILD=${SKIP_BUILD:-0}
KEEP_WORK=${KEEP_WORK:-0}
GATEHOUSE_ARGS=${GATEHOUSE_ARGS:-}
NAME=bench.localhost
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
DLL=${GATEHOUSE_DLL:-$REPO/src/Gatehouse/bin/Release/net10.0/gatehouse.dll}
FLOOR_DLL=$BENCH_DIR/floor/bin/Release/net10.0/floor.dll
CORES=$(nproc)

log() { printf '[floor %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
for t in nginx wrk openssl curl jq python3; do command -v "$t" >/dev/null || die "missing $t (apt-get install nginx wrk openssl curl jq python3)"; done

WORK=$(mktemp -d /tmp/gatehouse-floor.XXXXXX); chmod 755 "$WORK"
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CLK_TCK=$(getconf CLK_TCK)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date -u +%Y-%m-%dT%H:%M:%SZ)

if [[ $SKIP_BUILD != 1 ]]; then
  log "building Gatehouse and bench/floor (Release)"
  if [[ -z ${GATEHOUSE_DLL:-} ]]; then (cd "$REPO" && dotnet build src/Gatehouse -c Release -nologo -v q >"$WORK/build.log" 2>&1) || { tail -20 "$WORK/build.log"; die "build failed"; }; fi
  (cd "$REPO" && dotnet build bench/floor -c Release -nologo -v q >>"$WORK/build.log" 2>&1) || { tail -20 "$WORK/build.log"; die "bench/floor build failed"; }
fi
[[ -f $DLL && -f $FLOOR_DLL ]] || die "$DLL or $FLOOR_DLL not found"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 7 -subj "/CN=$NAME" \
  -addext "subjectAltName=DNS:$NAME" -keyout "$WORK/bench.key" -out "$WORK/bench.crt" 2>/dev/null
P_UP=$(free_port)
start_upstream "$P_UP"
wait_until 15 curl -sf "http://127.0.0.1:$P_UP/" || die "upstream did not start"
BODY=$(curl -s "http://127.0.0.1:$P_UP/")

SERVERS=(kestrel-static kestrel-yarp gatehouse nginx)
declare -A PORT PID
for s in "${SERVERS[@]}"; do PORT[$s]=$(free_port); done

# (a), (b): bench/floor
dotnet "$FLOOR_DLL" static "${PORT[kestrel-static]}" "$WORK/bench.crt" "$WORK/bench.key" >"$WORK/kestrel-static.log" 2>&1 &
PID[kestrel-static]=$!; PIDS+=($!)
dotnet "$FLOOR_DLL" forward "${PORT[kestrel-yarp]}" "$WORK/bench.crt" "$WORK/bench.key" "$P_UP" >"$WORK/kestrel-yarp.log" 2>&1 &
PID[kestrel-yarp]=$!; PIDS+=($!)

# (c): Gatehouse, configured through its Admin API as bench/run.sh does
P_ADMIN=$(free_port); P_HTTP=$(free_port); TOKEN=$(openssl rand -hex 32)
# shellcheck disable=SC2086
GATEHOUSE_ADMIN_TOKEN=$TOKEN dotnet "$DLL" up --data "$WORK/gatehouse-data" --admin-listen "127.0.0.1:$P_ADMIN" \
  --http-listen "127.0.0.1:$P_HTTP" --https-listen "127.0.0.1:${PORT[gatehouse]}" $GATEHOUSE_ARGS >"$WORK/gatehouse.log" 2>&1 &
PID[gatehouse]=$!; PIDS+=($!)
wait_until 90 curl -sf "http://127.0.0.1:$P_ADMIN/readyz" || die "gatehouse not ready: $(tail -5 "$WORK/gatehouse.log")"
jq -n --rawfile cert "$WORK/bench.crt" --rawfile key "$WORK/bench.key" '{certificate: $cert, private_key: $key}' >"$WORK/ssl.json"
jq -n --arg name "$NAME" --argjson port "$P_UP" '{name: "bench", hosts: [$name], path_prefix: "/", protocols: ["https"],
  upstream: {scheme: "http", targets: [{host: "127.0.0.1", port: $port, weight: 1}]}}' >"$WORK/svc.json"
for f in ssl.json:/api/v1/ssls svc.json:/api/v1/services; do
  curl -sf -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data-binary @"$WORK/${f%%:*}" \
    "http://127.0.0.1:$P_ADMIN${f#*:}" || die "gatehouse: POST ${f#*:} failed"
done

# (d): nginx as the TLS-terminating reverse proxy of bench/run.sh (one certificate here)
start_nginx_proxy "$CORES" "${PORT[nginx]}" || die "nginx config test failed: $(cat "$WORK/nginx/error.log")"

serves() { # serves PORT — the certificate verified by name, the 1 KiB body
  local body
  body=$(curl -s --max-time 5 --cacert "$WORK/bench.crt" --resolve "$NAME:$1:127.0.0.1" "https://$NAME:$1/") || return 1
  [[ $body == "$BODY" ]]
}
for s in "${SERVERS[@]}"; do
  wait_until 60 serves "${PORT[$s]}" || die "$s does not serve https://$NAME:${PORT[$s]}/ with the bench certificate and body"
done
log "all four serve the 1 KiB body with the certificate verified: ${SERVERS[*]}"

pids_of() { echo "${PID[$1]}"; [[ $1 == nginx ]] && ps -o pid= --ppid "${PID[$1]}" | tr -d ' '; return 0; }
cpu_ticks() { local t=0 p; for p in $(pids_of "$1"); do t=$((t + $(sed 's/.*) //' "/proc/$p/stat" | awk '{print $12 + $13}'))); done; echo $t; }
to_ms() { awk -v v="$1" 'BEGIN{ n=v; sub(/[a-z]+$/,"",n); u=v; sub(/^[0-9.]+/,"",u); if(u=="us") n/=1000; else if(u=="s") n*=1000; printf "%.3f", n }'; }
run_wrk() { # run_wrk SERVER SECONDS OUTFILE
  timeout $(($2 + 30)) wrk -t"$THREADS" -c"$CONNS" -d"$2"s --latency -s "$BENCH_DIR/wrk-loopback.lua" "https://$NAME:${PORT[$1]}/" >"$3" 2>&1 \
    || { cat "$3" >&2; die "wrk against $1 failed"; }
}
add() { local -n a=$1; a[$2]="${a[$2]:-}${a[$2]:+ }$3"; }

log "warm-up: ${WARMUP}s keep-alive + 3s handshakes per server (JIT tier-up, pools)"
for s in "${SERVERS[@]}"; do
  run_wrk "$s" "$WARMUP" "$WORK/warmup-$s.txt"
  python3 "$BENCH_DIR/handshakes.py" --port "${PORT[$s]}" --sni "$NAME" --seconds 3 --procs 1 --tls 1.3 >/dev/null
done

declare -A KA P50 HS ERRS ROUND_LOAD
for r in $(seq 1 "$ROUNDS"); do
  for s in "${SERVERS[@]}"; do
    f=$WORK/wrk-$s-$r.txt
    c0=$(cpu_ticks "$s"); run_wrk "$s" "$DURATION" "$f"; c1=$(cpu_ticks "$s")
    reqs=$(awk '/requests in/{print $1}' "$f")
    bad=$(awk '/Non-2xx or 3xx responses:/{n+=$NF} /Socket errors:/{gsub(",","");n+=$4+$6+$8+$10} END{print n+0}' "$f")
    add KA "$s" "$(awk -v n="$reqs" -v c=$((c1 - c0)) -v t="$CLK_TCK" 'BEGIN{printf "%.0f", (c > 0 ? n * t / c : 0)}')"
    add P50 "$s" "$(to_ms "$(awk '$1=="50%"{print $2}' "$f")")"
    add ERRS "$s" "$bad"
  done
  for s in "${SERVERS[@]}"; do
    c0=$(cpu_ticks "$s")
    out=$(timeout $((DURATION + 90)) python3 "$BENCH_DIR/handshakes.py" --port "${PORT[$s]}" --sni "$NAME" --seconds "$DURATION" --procs "$HS_PROCS" --tls 1.3) \
      || die "handshake client against $s failed"
    c1=$(cpu_ticks "$s")
    n=$(sed 's/.*handshakes=\([0-9]*\).*/\1/' <<<"$out")
    add HS "$s" "$(awk -v n="$n" -v c=$((c1 - c0)) -v t="$CLK_TCK" 'BEGIN{printf "%.0f", (c > 0 ? n * t / c : 0)}')"
    add ERRS "$s" "$(sed 's/.*errors=\([0-9]*\).*/\1/' <<<"$out")"
  done
  ROUND_LOAD[$r]=$(cut -d' ' -f1 /proc/loadavg)
  log "round $r done (load average ${ROUND_LOAD[$r]})"
done

mean() { awk '{s=0; for(i=1;i<=NF;i++) s+=$i; printf "%.3f", s/NF}' <<<"$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a/b; else print "n/a" }'; }
per_round() { paste -d' ' <(tr ' ' '\n' <<<"$1") <(tr ' ' '\n' <<<"$2") | awk '{printf "%s%.2f", (NR>1?" ":""), ($2>0? $1/$2 : 0)}'; }
table() { # table TITLE ARRAY DECIMALS — value, ratio of the means to nginx, per-round ratios
  local -n a=$2
  printf '%s\n' "$1"
  printf '  %-15s %12s %14s   %s\n' server mean "ratio/nginx" "per round: value (ratio/nginx)"
  for s in "${SERVERS[@]}"; do
    printf '  %-15s %12s %14s   %s (%s)\n' "$s" "$(awk -v v="$(mean "${a[$s]}")" -v d="$3" 'BEGIN{printf "%.*f", d, v}')" \
      "$(ratio "$(mean "${a[$s]}")" "$(mean "${a[nginx]}")")" "${a[$s]}" "$(per_round "${a[$s]}" "${a[nginx]}")"
  done
}
REPORT=$WORK/report.txt
{
  echo "Floor of the stack — $STARTED to $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(cd "$REPO" && git rev-parse --short HEAD)$(cd "$REPO" && git diff --quiet HEAD -- src bench/floor || echo ' (modified)')${GATEHOUSE_DLL:+, Gatehouse from $GATEHOUSE_DLL}"
  echo "CPU: $CORES cores ($(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)), shared by the load generator, the upstream and the server under test"
  echo "Versions: .NET runtime $(dotnet --list-runtimes | awk '/NETCore.App/{v=$2} END{print v}'), YARP 2.3.0; $(nginx -v 2>&1 | sed 's/nginx version: //'); $(openssl version | awk '{print $1 " " $2}')"
  echo "Servers (all TLS 1.3, EC P-256, one certificate; runtime settings of src/Gatehouse/Gatehouse.csproj for the three .NET ones):"
  echo "  kestrel-static  bench/floor static: Kestrel answers the 1 KiB body itself (no proxying, no logging)"
  echo "  kestrel-yarp    bench/floor forward: Kestrel + IHttpForwarder.SendAsync to the upstream (HttpTransformer.Default, no logging)"
  echo "  gatehouse       gatehouse up as shipped${GATEHOUSE_ARGS:+ ($GATEHOUSE_ARGS)}, access log to stdout (a file)"
  echo "  nginx           nginx reverse proxy, $CORES workers, access log to a file, upstream keepalive 64"
  echo "Load: wrk -t$THREADS -c$CONNS -d${DURATION}s (HTTP/1.1 keep-alive); handshakes.py --procs $HS_PROCS --tls 1.3 ${DURATION}s (full handshakes, no resumption);"
  echo "      $ROUNDS rounds, ${SERVERS[*]} interleaved within each round; ${WARMUP}s warm-up each. CPU = utime+stime of the server's processes."
  echo
  table "HTTP/1.1 keep-alive requests per server CPU-second (issue 12 target for gatehouse: >= 0.8 x nginx)" KA 0
  echo
  table "Full TLS 1.3 handshakes per server CPU-second (target: >= 0.85 x nginx)" HS 0
  echo
  table "HTTP/1.1 keep-alive p50 latency, ms (target: <= 1.2 x nginx; lower is better)" P50 3
  echo
  echo "Errors (non-2xx + socket errors + failed handshakes, all runs): $(for s in "${SERVERS[@]}"; do printf '%s=%s ' "$s" "$(awk '{s=0; for(i=1;i<=NF;i++) s+=$i; print s}' <<<"${ERRS[$s]}")"; done)"
  echo "Load average at start: $LOAD_START; after each round: $(for r in $(seq 1 "$ROUNDS"); do printf '%s ' "${ROUND_LOAD[$r]}"; done); at end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$REPORT"
mkdir -p "$BENCH_DIR/results"
OUT=$BENCH_DIR/results/floor-$(date -u +%Y-%m-%d-%H%M).txt
cp "$REPORT" "$OUT"
log "written $OUT"
