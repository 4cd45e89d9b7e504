#!/usr/bin/env bash
# Split roles at scale: control plane + two gateways on a three-member etcd cluster with N objects (issue 11 item 6).
# See bench/README.md "Split roles at scale".
# Usage: SCALE_N=2000 bash bench/scale-split.sh                         (from scratch: generate, load through the API)
#        SCALE_N=100000 REUSE=<a kept n100000/ of bench/scale.sh> bash bench/scale-split.sh   (copy that store into etcd)
#        (env: SAMPLES=50 write -> served rotations, ROTATIONS=200, VERIFY=2000 hosts checked on both gateways,
#         LOAD_WORKERS=8, SKIP_BUILD=0, KEEP_WORK=0, GATEHOUSE_DLL=another build)
set -euo pipefail

SCALE_N=${SCALE_N:-2000}
SAMPLES=${SAMPLES:-50}
ROTATIONS=${ROTATIONS:-200}
VERIFY=${VERIFY:-2000}
LOAD_WORKERS=${LOAD_WORKERS:-8}
SKIP_BUILD=${SKIP_BUILD:-0}
KEEP_WORK=${KEEP_WORK:-0}
REUSE=${REUSE:-}

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
DLL=${GATEHOUSE_DLL:-$REPO/src/Gatehouse/bin/Release/net10.0/gatehouse.dll}

log() { printf '[scale-split %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- tools (Debian apt only)
need=()
command -v etcd >/dev/null 2>&1 || need+=(etcd-server)
command -v python3 >/dev/null 2>&1 || need+=(python3)
python3 -c 'import cryptography' 2>/dev/null || need+=(python3-cryptography)
if ((${#need[@]})); then
  [[ $EUID -eq 0 ]] || die "missing: ${need[*]} — run: sudo apt-get install -y ${need[*]}"
  log "installing from Debian apt: ${need[*]}"
  apt-get install -y "${need[@]}" >/dev/null || { apt-get update >/dev/null && apt-get install -y "${need[@]}" >/dev/null; }
fi

WORK=$(mktemp -d /tmp/gatehouse-scale-split.XXXXXX)
trap 'if [[ $KEEP_WORK == 1 ]]; then log "work dir kept: $WORK"; else rm -rf "$WORK"; fi' EXIT

if [[ $SKIP_BUILD != 1 && -z ${GATEHOUSE_DLL:-} ]]; then
  log "building Gatehouse (Release)"
  (cd "$REPO" && dotnet build src/Gatehouse -c Release -nologo -v q >"$WORK/build.log" 2>&1) || { tail -30 "$WORK/build.log"; die "build failed"; }
fi
[[ -f $DLL ]] || die "$DLL not found"

export PYTHONDONTWRITEBYTECODE=1   # bench/scale_split.py imports bench/scale.py: leave no __pycache__ behind
# The driver starts and stops the etcd members and the Gatehouse processes by their PIDs (bench/scale_split.py).
python3 "$BENCH_DIR/scale_split.py" --dll "$DLL" --work "$WORK" --results "$BENCH_DIR/results" --n "$SCALE_N" \
  --samples "$SAMPLES" --rotations "$ROTATIONS" --verify "$VERIFY" --load-workers "$LOAD_WORKERS" ${REUSE:+--reuse "$REUSE"}
