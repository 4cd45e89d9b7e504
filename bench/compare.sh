#!/usr/bin/env bash
# A/B of Gatehouse runtime settings or builds: every variant runs at once behind one nginx upstream, and the
# load alternates between them (A, B, C, A, B, C, ...), so a busy machine skews them alike. Reports keep-alive
# requests and full handshakes per CPU-second of each variant, and its ratio to the first. See bench/README.md.
#
#   VARIANTS='shipped;gc-concurrent-off:DOTNET_gcConcurrent=0;server-gc:DOTNET_gcServer=1' bash bench/compare.sh
#
# A variant is NAME[:ENV=VALUE[,ENV=VALUE...]][@DLL]: environment for that process, and optionally another build.
set -euo pipefail

VARIANTS=${VARIANTS:-shipped}
ROUNDS=${ROUNDS:-4}
DURATION=${DURATION:-8}
WARMUP=${WARMUP:-10}
SKIP_BUILD=${SKIP_BUILD:-0}
EXTRA_ARGS=${EXTRA_ARGS:---access-log /dev/null}   # every variant: the access log written, to a sink
NAME=bench.localhost
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
DEFAULT_DLL=$REPO/src/Gatehouse/bin/Release/net10.0/gatehouse.dll

log() { printf '[compare %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
for t in nginx wrk openssl curl jq python3; do command -v "$t" >/dev/null || die "missing $t"; done

WORK=$(mktemp -d /tmp/gatehouse-compare.XXXXXX); chmod 755 "$WORK"
KEEP_WORK=${KEEP_WORK:-0}
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cpu_ticks() { sed 's/.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
CLK_TCK=$(getconf CLK_TCK)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

if [[ $SKIP_BUILD != 1 ]]; then (cd "$REPO" && dotnet build src/Gatehouse -c Release -nologo -v q >"$WORK/build.log" 2>&1) || die "build failed"; fi

start_variants

url() { echo "https://$NAME:${PORT[$1]}/"; }
for n in "${NAMES[@]}"; do
  wrk -t2 -c32 -d"${WARMUP}"s -s "$BENCH_DIR/wrk-loopback.lua" "$(url "$n")" >/dev/null
  python3 "$BENCH_DIR/handshakes.py" --port "${PORT[$n]}" --sni "$NAME" --seconds 3 --procs 1 >/dev/null
done
declare -A KA HS
for r in $(seq 1 "$ROUNDS"); do
  for n in "${NAMES[@]}"; do
    c0=$(cpu_ticks "${PID[$n]}")
    reqs=$(wrk -t2 -c32 -d"${DURATION}"s -s "$BENCH_DIR/wrk-loopback.lua" "$(url "$n")" | awk '/requests in/{print $1}')
    c1=$(cpu_ticks "${PID[$n]}")
    KA[$n]="${KA[$n]:-} $(awk -v n="$reqs" -v c=$((c1 - c0)) -v t="$CLK_TCK" 'BEGIN{printf "%.0f", (c > 0 ? n * t / c : 0)}')"
  done
  for n in "${NAMES[@]}"; do
    c0=$(cpu_ticks "${PID[$n]}")
    out=$(python3 "$BENCH_DIR/handshakes.py" --port "${PORT[$n]}" --sni "$NAME" --seconds "$DURATION" --procs 2 --tls 1.3)
    c1=$(cpu_ticks "${PID[$n]}")
    hs=$(sed 's/.*handshakes=\([0-9]*\).*/\1/' <<<"$out")
    HS[$n]="${HS[$n]:-} $(awk -v n="$hs" -v c=$((c1 - c0)) -v t="$CLK_TCK" 'BEGIN{printf "%.0f", (c > 0 ? n * t / c : 0)}')"
  done
  log "round $r done"
done
mean() { awk '{s=0; for(i=1;i<=NF;i++) s+=$i; printf "%.0f", s/NF}' <<<"$1"; }
echo "Gatehouse A/B — $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(cd "$REPO" && git rev-parse --short HEAD), $ROUNDS rounds x ${DURATION}s, args: $EXTRA_ARGS"
echo "load average at start: $LOAD_START; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %14s %8s %16s %8s   %s\n' variant "req/CPU-s" ratio "handshakes/CPU-s" ratio "per round (req | handshakes)"
base=${NAMES[0]}
for n in "${NAMES[@]}"; do
  printf '%-22s %14s %8s %16s %8s  %s |%s\n' "$n" "$(mean "${KA[$n]}")" \
    "$(awk -v a="$(mean "${KA[$n]}")" -v b="$(mean "${KA[$base]}")" 'BEGIN{printf "%.2f", a/b}')" "$(mean "${HS[$n]}")" \
    "$(awk -v a="$(mean "${HS[$n]}")" -v b="$(mean "${HS[$base]}")" 'BEGIN{printf "%.2f", a/b}')" "${KA[$n]}" "${HS[$n]}"
done
echo "idle-after-load RSS (MiB): $(for n in "${NAMES[@]}"; do printf '%s=%.1f ' "$n" "$(awk '/^VmRSS/{print $2/1024}' "/proc/${PID[$n]}/status")"; done)"
