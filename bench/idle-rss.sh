#!/usr/bin/env bash
# Idle memory of the stand-alone gateway (issue 12: idle RSS ≤ 2× nginx's master + workers).
# One etcd member, `gatehouse control-plane` and one `gatehouse gateway` on it (the data-plane process, no admin token),
# `gatehouse up` (all roles in one process, as bench/run.sh measures) and nginx as the TLS proxy (2 workers, as run.sh),
# each configured with the same EC P-256 certificate and one service to the shared 1 KiB upstream. Prints RSS in MiB
# after configuration (run.sh's "RSS idle, after config") and after a warm-up of WARMUP_REQUESTS HTTPS requests.
# See bench/README.md "Idle memory of the stand-alone gateway".
# Usage: bash bench/idle-rss.sh   (env: SKIP_BUILD=0, KEEP_WORK=0, WARMUP_REQUESTS=200, READINGS=3, EXTRA_CERTS=0,
#        GATEHOUSE_DLL=another build)
set -euo pipefail

SKIP_BUILD=${SKIP_BUILD:-0}
KEEP_WORK=${KEEP_WORK:-0}
WARMUP_REQUESTS=${WARMUP_REQUESTS:-200}
READINGS=${READINGS:-3}   # RSS readings 5 s apart; the maximum is reported
EXTRA_CERTS=${EXTRA_CERTS:-0}   # other EC P-256 SSL objects loaded into every proxy (bench/run.sh loads 200 + 2)
NAME=bench.localhost

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
DLL=${GATEHOUSE_DLL:-$REPO/src/Gatehouse/bin/Release/net10.0/gatehouse.dll}

log() { printf '[idle-rss %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

need=()
for t in etcd:etcd-server nginx:nginx openssl:openssl curl:curl jq:jq python3:python3; do
  command -v "${t%%:*}" >/dev/null 2>&1 || need+=("${t#*:}")
done
if ((${#need[@]})); then
  [[ $EUID -eq 0 ]] || die "missing: ${need[*]} — run: sudo apt-get install -y ${need[*]}"
  log "installing from Debian apt: ${need[*]}"
  apt-get install -y "${need[@]}" >/dev/null || { apt-get update >/dev/null && apt-get install -y "${need[@]}" >/dev/null; }
fi

WORK=$(mktemp -d /tmp/gatehouse-idle-rss.XXXXXX)
chmod 755 "$WORK"   # nginx workers may run as an unprivileged user
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

if [[ $SKIP_BUILD != 1 && -z ${GATEHOUSE_DLL:-} ]]; then
  log "building Gatehouse (Release)"
  (cd "$REPO" && dotnet build src/Gatehouse -c Release -nologo -v q >"$WORK/build.log" 2>&1) || { tail -30 "$WORK/build.log"; die "build failed"; }
fi
[[ -f $DLL ]] || die "$DLL not found"

# ---------------------------------------------------------------- certificate, upstream, Admin API bodies
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 7 -subj "/CN=$NAME" \
  -addext "subjectAltName=DNS:$NAME" -keyout "$WORK/bench.key" -out "$WORK/bench.crt" 2>/dev/null
jq -n --rawfile cert "$WORK/bench.crt" --rawfile key "$WORK/bench.key" '{certificate: $cert, private_key: $key}' >"$WORK/ssl.json"
P_UP=$(free_port)
start_upstream "$P_UP"
wait_until 15 curl -sf "http://127.0.0.1:$P_UP/" || die "upstream did not start"
BODY=$(curl -s "http://127.0.0.1:$P_UP/")
mkdir -p "$WORK/extra"
for i in $(seq 1 "$EXTRA_CERTS"); do   # as bench/run.sh: svcN.extra.localhost + altN, served by nothing but loaded
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 7 -subj "/CN=svc$i.extra.localhost" \
    -addext "subjectAltName=DNS:svc$i.extra.localhost,DNS:alt$i.extra.localhost" -keyout "$WORK/extra/x$i.key" -out "$WORK/extra/x$i.crt" 2>/dev/null
  jq -n --rawfile cert "$WORK/extra/x$i.crt" --rawfile key "$WORK/extra/x$i.key" '{certificate: $cert, private_key: $key}' >"$WORK/extra/x$i.json"
done
jq -n --arg name "$NAME" --argjson port "$P_UP" '{name: "bench", hosts: [$name], path_prefix: "/", protocols: ["https"],
  upstream: {scheme: "http", targets: [{host: "127.0.0.1", port: $port, weight: 1}]}}' >"$WORK/svc.json"

declare -A PID PORT
configure() { # configure NAME ADMIN-URL TOKEN — the certificate and the service through the Admin API
  local f i
  for i in $(seq 1 "$EXTRA_CERTS"); do
    curl -sf -o /dev/null -H "Authorization: Bearer $3" -H 'Content-Type: application/json' --data-binary @"$WORK/extra/x$i.json" \
      "$2/api/v1/ssls" || die "$1: POST /api/v1/ssls (extra $i) failed"
  done
  for f in ssl.json:/api/v1/ssls svc.json:/api/v1/services; do
    curl -sf -o /dev/null -H "Authorization: Bearer $3" -H 'Content-Type: application/json' --data-binary @"$WORK/${f%%:*}" \
      "$2${f#*:}" || die "$1: POST ${f#*:} failed"
  done
}
serves() { # serves PORT — the bench certificate verified by name and the upstream body
  [[ $(curl -s --max-time 5 --cacert "$WORK/bench.crt" --resolve "$NAME:$1:127.0.0.1" "https://$NAME:$1/") == "$BODY" ]]
}

# ---------------------------------------------------------------- etcd (one member), control plane, gateway
P_ETCD=$(free_port); P_PEER=$(free_port)
etcd --name idle --data-dir "$WORK/etcd" --listen-client-urls "http://127.0.0.1:$P_ETCD" --advertise-client-urls "http://127.0.0.1:$P_ETCD" \
  --listen-peer-urls "http://127.0.0.1:$P_PEER" --initial-advertise-peer-urls "http://127.0.0.1:$P_PEER" \
  --initial-cluster "idle=http://127.0.0.1:$P_PEER" >"$WORK/etcd.log" 2>&1 & PIDS+=($!)
wait_until 30 curl -sf "http://127.0.0.1:$P_ETCD/health" || die "etcd not healthy: $(tail -5 "$WORK/etcd.log")"
STORE=etcd://127.0.0.1:$P_ETCD
KEYRING=$(openssl rand -base64 32)

TOKEN=$(openssl rand -hex 32); P_CP=$(free_port)
GATEHOUSE_KEYRING=$KEYRING GATEHOUSE_ADMIN_TOKEN=$TOKEN dotnet "$DLL" control-plane --admin-listen "127.0.0.1:$P_CP" \
  --store "$STORE" >"$WORK/control-plane.log" 2>&1 & PID[control-plane]=$!; PIDS+=($!)
wait_until 90 curl -sf "http://127.0.0.1:$P_CP/readyz" || die "control plane not ready: $(tail -5 "$WORK/control-plane.log")"
configure control-plane "http://127.0.0.1:$P_CP" "$TOKEN"

PORT[gateway]=$(free_port); P_GW_HTTP=$(free_port); P_GW_STATUS=$(free_port)
env -u GATEHOUSE_ADMIN_TOKEN GATEHOUSE_KEYRING="$KEYRING" dotnet "$DLL" gateway --https-listen "127.0.0.1:${PORT[gateway]}" \
  --http-listen "127.0.0.1:$P_GW_HTTP" --status-listen "127.0.0.1:$P_GW_STATUS" --store "$STORE" >"$WORK/gateway.log" 2>&1 &
PID[gateway]=$!; PIDS+=($!)
tr '\0' '\n' <"/proc/${PID[gateway]}/environ" | grep -q '^GATEHOUSE_ADMIN_TOKEN=' && die "the gateway was given an admin token"
wait_until 90 serves "${PORT[gateway]}" || die "gateway does not serve: $(tail -5 "$WORK/gateway.log")"
log "etcd, control plane (pid ${PID[control-plane]}) and gateway (pid ${PID[gateway]}) up; the gateway serves $NAME"

# ---------------------------------------------------------------- gatehouse up (as bench/run.sh)
TOKEN_UP=$(openssl rand -hex 32); P_UP_ADMIN=$(free_port); P_UP_HTTP=$(free_port); PORT[up]=$(free_port)
GATEHOUSE_ADMIN_TOKEN=$TOKEN_UP dotnet "$DLL" up --data "$WORK/up-data" --admin-listen "127.0.0.1:$P_UP_ADMIN" \
  --http-listen "127.0.0.1:$P_UP_HTTP" --https-listen "127.0.0.1:${PORT[up]}" >"$WORK/up.log" 2>&1 & PID[up]=$!; PIDS+=($!)
wait_until 90 curl -sf "http://127.0.0.1:$P_UP_ADMIN/readyz" || die "gatehouse up not ready: $(tail -5 "$WORK/up.log")"
configure up "http://127.0.0.1:$P_UP_ADMIN" "$TOKEN_UP"
wait_until 30 serves "${PORT[up]}" || die "gatehouse up does not serve"
log "gatehouse up (pid ${PID[up]}) serves $NAME"

# ---------------------------------------------------------------- nginx TLS proxy (as bench/run.sh: one worker per core)
NGX_WORKERS=$(nproc); PORT[nginx]=$(free_port)
extra=$(for i in $(seq 1 "$EXTRA_CERTS"); do
  printf '  server { listen 127.0.0.1:%s ssl; server_name svc%s.extra.localhost alt%s.extra.localhost; ssl_certificate %s; ssl_certificate_key %s; return 404; }\n' \
    "${PORT[nginx]}" "$i" "$i" "$WORK/extra/x$i.crt" "$WORK/extra/x$i.key"
done)
start_nginx_proxy "$NGX_WORKERS" "${PORT[nginx]}" "$extra" || die "nginx config test failed"
wait_until 15 serves "${PORT[nginx]}" || die "nginx does not serve"

# ---------------------------------------------------------------- RSS
rss_kib() { # rss_kib NAME — VmRSS of the process; nginx: master + workers
  local s=0 p pids=${PID[$1]}
  [[ $1 == nginx ]] && pids+=" $(ps -o pid= --ppid "${PID[nginx]}" | tr -d ' ')"
  for p in $pids; do s=$((s + $(awk '/^VmRSS/{print $2}' "/proc/$p/status"))); done
  echo $s
}
mib() { awk -v k="$1" 'BEGIN{printf "%.1f", k/1024}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }
ROLES=(gateway control-plane up nginx)
declare -A MAX
measure() { # measure LABEL — READINGS readings 5 s apart (after a 5 s pause); prints each and the maximum per process
  local r n v
  for n in "${ROLES[@]}"; do MAX[$n]=0; done
  echo "$1 — RSS (MiB), $READINGS readings 5 s apart:"
  for r in $(seq 1 "$READINGS"); do
    sleep 5
    printf '  reading %d:' "$r"
    for n in "${ROLES[@]}"; do v=$(rss_kib "$n"); ((v > MAX[$n])) && MAX[$n]=$v; printf ' %s %s' "$n" "$(mib "$v")"; done
    echo
  done
  printf '  max: gateway %s, control-plane %s (information), gatehouse up %s, nginx master+%d workers %s\n' \
    "$(mib "${MAX[gateway]}")" "$(mib "${MAX[control-plane]}")" "$(mib "${MAX[up]}")" "$NGX_WORKERS" "$(mib "${MAX[nginx]}")"
  printf '  ratios: gateway/nginx %s, up/nginx %s (target ≤ 2.00)\n' "$(ratio "${MAX[gateway]}" "${MAX[nginx]}")" "$(ratio "${MAX[up]}" "${MAX[nginx]}")"
}

{
  echo "Idle RSS of the stand-alone gateway — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit $(cd "$REPO" && git rev-parse --short HEAD)$(cd "$REPO" && git diff --quiet HEAD -- src || echo ' (src modified)')${GATEHOUSE_DLL:+, Gatehouse from $GATEHOUSE_DLL}, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "$(etcd --version | head -1); $(nginx -v 2>&1 | sed 's/nginx version: //'); .NET $(dotnet --list-runtimes | awk '/NETCore.App/{v=$2} END{print v}')"
  echo "Each proxy: one EC P-256 certificate ($NAME) + $EXTRA_CERTS other loaded ones, one service -> the shared 1 KiB upstream; gateway and up with default access logging, nginx with an access log."
  echo
  measure "after configuration (bench/run.sh's 'RSS idle, after config': configured, a few verifying requests)"
  for n in gateway up nginx; do
    urls=(); for _ in $(seq 1 "$WARMUP_REQUESTS"); do urls+=(-o /dev/null "https://$NAME:${PORT[$n]}/"); done
    curl -s --cacert "$WORK/bench.crt" --resolve "$NAME:${PORT[$n]}:127.0.0.1" -w '%{http_code}\n' "${urls[@]}" >"$WORK/warmup-$n.txt"
    ok=$(grep -c '^200$' "$WORK/warmup-$n.txt" || true)
    ((ok == WARMUP_REQUESTS)) || die "$n answered $ok of $WARMUP_REQUESTS warm-up requests with 200"
  done
  echo
  measure "after a warm-up of $WARMUP_REQUESTS HTTPS requests each (one curl: one connection, HTTP/2 by ALPN), then idle"
} | tee "$WORK/report.txt"

mkdir -p "$BENCH_DIR/results"
OUT=$BENCH_DIR/results/idle-rss-$(date -u +%Y-%m-%d)$( ((EXTRA_CERTS == 0)) || echo "-extra$EXTRA_CERTS").txt
cp "$WORK/report.txt" "$OUT"
log "written $OUT"
