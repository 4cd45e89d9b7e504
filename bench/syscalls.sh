#!/usr/bin/env bash
# Syscalls and context switches per proxied request and per full handshake: Gatehouse against nginx on the same
# load, counted by the kernel's syscall tracepoints (perf stat, every event, no sampling). See bench/README.md,
# "Syscalls per request".
#
#   bash bench/syscalls.sh                                  # shipped build
#   GATEHOUSE_ENV='DOTNET_X=1 Y=2' bash bench/syscalls.sh   # environment for the Gatehouse process
#   VARIANTS='shipped;x:DOTNET_X=1' bash bench/syscalls.sh  # several Gatehouse variants (compare.sh syntax) and nginx
set -euo pipefail

VARIANTS=${VARIANTS:-shipped${GATEHOUSE_ENV:+:${GATEHOUSE_ENV// /,}}}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-15}
CONNS=${CONNS:-32}
SKIP_BUILD=${SKIP_BUILD:-0}
EXTRA_ARGS=${EXTRA_ARGS:---access-log /dev/null}
NAME=bench.localhost
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
DEFAULT_DLL=${GATEHOUSE_DLL:-$REPO/src/Gatehouse/bin/Release/net10.0/gatehouse.dll}
# Counted one by one; everything else is in "other" (raw_syscalls:sys_enter minus these).
CALLS=(read write readv writev recvfrom sendto recvmsg sendmsg epoll_wait epoll_pwait epoll_ctl futex sched_yield
  accept4 close shutdown ioctl getsockopt setsockopt getsockname getpeername mprotect madvise mmap munmap openat)

log() { printf '[syscalls %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
for t in nginx wrk openssl curl jq python3 perf; do command -v "$t" >/dev/null || die "missing $t"; done
WORK=$(mktemp -d /tmp/gatehouse-syscalls.XXXXXX); chmod 755 "$WORK"
KEEP_WORK=${KEEP_WORK:-0}
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

if [[ $SKIP_BUILD != 1 ]]; then (cd "$REPO" && dotnet build src/Gatehouse -c Release -nologo -v q >"$WORK/build.log" 2>&1) || die "build failed"; fi
start_variants

# nginx as the TLS proxy, as in bench/run.sh (one certificate here): workers = cores, upstream keep-alive, access log to a file.
mkdir -p "$WORK/nginx"; PORT[nginx]=$(free_port)
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes $(nproc); pid $WORK/nginx/nginx.pid; error_log $WORK/nginx/error.log warn;
events { worker_connections 8192; }
http { access_log $WORK/nginx/access.log; keepalive_requests 1000000; ssl_protocols TLSv1.2 TLSv1.3;
  client_body_temp_path $WORK/nginx/b; proxy_temp_path $WORK/nginx/p; fastcgi_temp_path $WORK/nginx/f; uwsgi_temp_path $WORK/nginx/u; scgi_temp_path $WORK/nginx/s;
  upstream up { server 127.0.0.1:$P_UP; keepalive 64; }
  server { listen 127.0.0.1:${PORT[nginx]} ssl http2; server_name $NAME; ssl_certificate $WORK/bench.crt; ssl_certificate_key $WORK/bench.key;
    location / { proxy_pass http://up; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr; proxy_set_header X-Forwarded-Proto \$scheme; proxy_set_header X-Forwarded-Host \$host; } } }
EOF
nginx -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' & PID[nginx]=$!; PIDS+=($!)
wait_until 30 curl -sf --cacert "$WORK/bench.crt" --resolve "$NAME:${PORT[nginx]}:127.0.0.1" "https://$NAME:${PORT[nginx]}/" || die "nginx does not serve"
NAMES+=(nginx)

url() { echo "https://$NAME:${PORT[$1]}/"; }
pids_of() { echo "${PID[$1]}"; [[ $1 == nginx ]] && ps -o pid= --ppid "${PID[$1]}" | tr -d ' '; return 0; }
events() { local e=(-e raw_syscalls:sys_enter -e context-switches) c; for c in "${CALLS[@]}"; do e+=(-e "syscalls:sys_enter_$c"); done; printf "%s " "${e[@]}"; }
cpu_ticks() { local u=0 s=0 p; for p in $(pids_of "$1"); do read -r a b < <(sed 's/.*) //' "/proc/$p/stat" | awk '{print $12, $13}'); u=$((u + a)); s=$((s + b)); done; echo "$u $s"; }
CLK_TCK=$(getconf CLK_TCK)
# measure NAME KIND — perf stat over every thread of the proxy while the load runs ("count<TAB>event" lines in $WORK/NAME.KIND.perf),
# the units done in $WORK/NAME.KIND.n, the proxy's user and system CPU ticks in $WORK/NAME.KIND.cpu.
measure() {
  local pids c0 c1; pids=$(pids_of "$1" | paste -sd,); c0=$(cpu_ticks "$1")
  # shellcheck disable=SC2046
  if [[ $2 == ka ]]; then
    perf stat -x $'\t' -o "$WORK/$1.$2.perf" $(events) -p "$pids" -- \
      wrk -t2 -c"$CONNS" -d"${DURATION}"s -s "$BENCH_DIR/wrk-loopback.lua" "$(url "$1")" >"$WORK/$1.$2.out"
    awk '/requests in/{print $1}' "$WORK/$1.$2.out" >"$WORK/$1.$2.n"
  else
    perf stat -x $'\t' -o "$WORK/$1.$2.perf" $(events) -p "$pids" -- \
      python3 "$BENCH_DIR/handshakes.py" --port "${PORT[$1]}" --sni "$NAME" --seconds "$DURATION" --procs 2 --tls 1.3 >"$WORK/$1.$2.out"
    sed 's/.*handshakes=\([0-9]*\).*/\1/' "$WORK/$1.$2.out" >"$WORK/$1.$2.n"
  fi
  c1=$(cpu_ticks "$1")
  echo "$c0 $c1" | awk '{print $3 - $1, $4 - $2}' >"$WORK/$1.$2.cpu"
}
for n in "${NAMES[@]}"; do
  wrk -t2 -c"$CONNS" -d"${WARMUP}"s -s "$BENCH_DIR/wrk-loopback.lua" "$(url "$n")" >/dev/null
  python3 "$BENCH_DIR/handshakes.py" --port "${PORT[$n]}" --sni "$NAME" --seconds 3 --procs 1 >/dev/null
done
declare -A THREADS0
for n in "${NAMES[@]}"; do
  THREADS0[$n]=$(for p in $(pids_of "$n"); do ls "/proc/$p/task"; done | wc -l)
  measure "$n" ka
  measure "$n" hs
  [[ $(for p in $(pids_of "$n"); do ls "/proc/$p/task"; done | wc -l) == "${THREADS0[$n]}" ]] \
    || log "WARNING: $n started threads during the measurement; perf stat -p counts only the threads present at its start"
done

report() { # report KIND TITLE
  echo; echo "$2 ($(for n in "${NAMES[@]}"; do printf '%s: %s ' "$n" "$(cat "$WORK/$n.$1.n")"; done))"
  printf '%-16s' per-unit; for n in "${NAMES[@]}"; do printf '%12s' "$n"; done; echo
  local rows=(raw_syscalls:sys_enter) c; for c in "${CALLS[@]}"; do rows+=("syscalls:sys_enter_$c"); done; rows+=(other context-switches)
  for r in "${rows[@]}"; do
    local line label=${r#syscalls:sys_enter_} any=0 n v
    [[ $r == raw_syscalls:sys_enter ]] && label="all syscalls"
    line=$(printf '%-16s' "$label")
    for n in "${NAMES[@]}"; do
      if [[ $r == other ]]; then
        v=$(awk -F'\t' '$3=="raw_syscalls:sys_enter"{t=$1} $3 ~ /^syscalls:sys_enter_/{s+=$1} END{print t-s}' "$WORK/$n.$1.perf")
      else
        v=$(awk -F'\t' -v e="$r" '$3==e{print $1+0}' "$WORK/$n.$1.perf")
      fi
      v=$(awk -v v="${v:-0}" -v d="$(cat "$WORK/$n.$1.n")" 'BEGIN{printf "%.2f", (d > 0 ? v / d : 0)}')
      [[ $v != 0.00 ]] && any=1
      line+=$(printf '%12s' "$v")
    done
    ((any)) && echo "$line"
  done
  for r in user sys; do
    printf '%-16s' "CPU $r µs"
    for n in "${NAMES[@]}"; do
      printf '%12s' "$(awk -v r=$r -v d="$(cat "$WORK/$n.$1.n")" -v t="$CLK_TCK" '{v = (r == "user" ? $1 : $2)} END{printf "%.1f", (d > 0 ? v * 1e6 / t / d : 0)}' "$WORK/$n.$1.cpu")"
    done
    echo
  done
  return 0
}
echo "Syscalls per unit — $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(cd "$REPO" && git rev-parse --short HEAD), ${DURATION}s each, load average $(cut -d' ' -f1-3 /proc/loadavg)"
report ka "HTTP/1.1 keep-alive request, TLS 1.3, wrk -t2 -c$CONNS, per request"
report hs "full TLS 1.3 handshake (connect, handshake, close; bench/handshakes.py --procs 2), per handshake"
