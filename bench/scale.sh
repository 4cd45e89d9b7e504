#!/usr/bin/env bash
# Many certificates: Gatehouse against nginx and HAProxy with N certificates each (issue 11). See bench/README.md.
# Usage: bash bench/scale.sh   (env: SCALE_N="1000,10000,100000", WITH_NGINX=1, WITH_HAPROXY=1, HANDSHAKES=10000,
#        SAMPLES=200, LOAD_WORKERS=8, SKIP_BUILD=0, KEEP_WORK=0, GATEHOUSE_DLL=another build's gatehouse.dll or the
#        published executable (scripts/publish.sh writes artifacts/gatehouse),
#        REUSE=a kept n<N> directory: that N skips generating and loading)
set -euo pipefail

SCALE_N=${SCALE_N:-1000,10000,100000}
WITH_NGINX=${WITH_NGINX:-1}
WITH_HAPROXY=${WITH_HAPROXY:-1}
HANDSHAKES=${HANDSHAKES:-10000}
SAMPLES=${SAMPLES:-200}
LOAD_WORKERS=${LOAD_WORKERS:-8}
SKIP_BUILD=${SKIP_BUILD:-0}
KEEP_WORK=${KEEP_WORK:-0}
REUSE=${REUSE:-}

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
DLL=${GATEHOUSE_DLL:-$REPO/src/Gatehouse/bin/Release/net10.0/gatehouse.dll}

log() { printf '[scale %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- tools (Debian apt only)
need=()
for t in nginx:nginx haproxy:haproxy openssl:openssl python3:python3; do
  command -v "${t%%:*}" >/dev/null 2>&1 || [[ -x /usr/sbin/${t%%:*} ]] || need+=("${t#*:}")
done
python3 -c 'import cryptography' 2>/dev/null || need+=(python3-cryptography)
if ((${#need[@]})); then
  [[ $EUID -eq 0 ]] || die "missing: ${need[*]} — run: sudo apt-get install -y ${need[*]}"
  log "installing from Debian apt: ${need[*]}"
  apt-get install -y "${need[@]}" >/dev/null || { apt-get update >/dev/null && apt-get install -y "${need[@]}" >/dev/null; }
fi
export PATH=$PATH:/usr/sbin

WORK=$(mktemp -d /tmp/gatehouse-scale.XXXXXX)
chmod 755 "$WORK"   # nginx workers may run as an unprivileged user and read the certificates
trap 'if [[ $KEEP_WORK == 1 ]]; then log "work dir kept: $WORK"; else rm -rf "$WORK"; fi' EXIT

if [[ $SKIP_BUILD != 1 && -z ${GATEHOUSE_DLL:-} ]]; then
  log "building Gatehouse (Release)"
  (cd "$REPO" && dotnet build src/Gatehouse -c Release -nologo -v q >"$WORK/build.log" 2>&1) || { tail -30 "$WORK/build.log"; die "build failed"; }
fi
[[ -f $DLL ]] || die "$DLL not found"

# The driver starts and stops every server it measures by its PID (bench/scale.py).
python3 "$BENCH_DIR/scale.py" --dll "$DLL" --work "$WORK" --results "$BENCH_DIR/results" --ns "$SCALE_N" \
  --nginx "$WITH_NGINX" --haproxy "$WITH_HAPROXY" --handshakes "$HANDSHAKES" --samples "$SAMPLES" --load-workers "$LOAD_WORKERS" ${REUSE:+--reuse "$REUSE"}
