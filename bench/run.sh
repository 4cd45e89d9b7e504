#!/usr/bin/env bash
# Gatehouse proxy benchmark: Gatehouse vs nginx (and HAProxy) as TLS-terminating reverse proxies in front
# of one shared nginx upstream, all on 127.0.0.1, measured in the same run and reported as ratios.
# See bench/README.md. Usage: bash bench/run.sh   (env knobs below)
set -euo pipefail

DURATION=${DURATION:-10}          # seconds per measured wrk / handshake run
ROUNDS=${ROUNDS:-3}               # A,B,(C),A,B,(C),... rounds per metric
WARMUP=${WARMUP:-5}               # seconds of unmeasured keep-alive load per proxy before measuring
THREADS=${THREADS:-2}             # wrk threads
CONNS=${CONNS:-32}                # wrk connections
HS_PROCS=${HS_PROCS:-2}           # handshake client processes
EXTRA_CERTS=${EXTRA_CERTS:-200}   # other SSL objects / server names loaded into every proxy
WITH_HAPROXY=${WITH_HAPROXY:-1}   # 0 to skip HAProxy
SKIP_BUILD=${SKIP_BUILD:-0}
KEEP_WORK=${KEEP_WORK:-0}         # 1 keeps the temp dir (configs, logs) for inspection
H2_STREAMS=${H2_STREAMS:-10}      # h2load concurrent streams per connection
GATEHOUSE_ARGS=${GATEHOUSE_ARGS:-}  # extra `gatehouse up` arguments (e.g. --access-log off)
NAME=bench.localhost              # EC P-256 certificate, TLS 1.3 rows
RSA_NAME=rsa.bench.localhost      # RSA 2048 certificate, TLS 1.2 handshake row

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
DLL=${GATEHOUSE_DLL:-$REPO/src/Gatehouse/bin/Release/net10.0/gatehouse.dll}   # GATEHOUSE_DLL: another build, e.g. a before/after
RESULTS_DIR=$BENCH_DIR/results
CORES=$(nproc)

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- tools (Debian apt only)
need=()
for t in nginx:nginx wrk:wrk h2load:nghttp2-client openssl:openssl curl:curl jq:jq python3:python3; do
  command -v "${t%%:*}" >/dev/null 2>&1 || need+=("${t#*:}")
done
[[ $WITH_HAPROXY == 1 ]] && ! command -v haproxy >/dev/null 2>&1 && need+=(haproxy)
if ((${#need[@]})); then
  if [[ $EUID -eq 0 ]]; then
    log "installing from Debian apt: ${need[*]}"
    apt-get install -y "${need[@]}" >/dev/null || { apt-get update >/dev/null && apt-get install -y "${need[@]}" >/dev/null; }
  else
    die "missing: ${need[*]} — run: sudo apt-get install -y ${need[*]}"
  fi
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
HAPROXY=$(command -v haproxy || echo /usr/sbin/haproxy)

# ---------------------------------------------------------------- process bookkeeping
WORK=$(mktemp -d /tmp/gatehouse-bench.XXXXXX)
chmod 755 "$WORK"   # nginx workers may run as an unprivileged user
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

wait_until() { # wait_until SECONDS CMD... — bounded poll
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < deadline)) || return 1
    sleep 0.3
  done
}

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- 1. build
if [[ $SKIP_BUILD != 1 && -z ${GATEHOUSE_DLL:-} ]]; then
  log "building Gatehouse (Release)"
  (cd "$REPO" && dotnet build src/Gatehouse -c Release -nologo -v q >"$WORK/build.log" 2>&1) || { tail -30 "$WORK/build.log"; die "build failed"; }
fi
[[ -f $DLL ]] || die "$DLL not found"

# ---------------------------------------------------------------- 2. certificates
log "making certificates: $NAME (EC P-256), $RSA_NAME (RSA 2048) + $EXTRA_CERTS others (EC P-256)"
mkdir -p "$WORK/certs" "$WORK/haproxy-certs"
mkcert() { # mkcert FILEBASE CN SAN-LIST
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 7 -subj "/CN=$2" \
    -addext "subjectAltName=$3" -keyout "$1.key" -out "$1.crt" 2>/dev/null
  cat "$1.crt" "$1.key" >"$WORK/haproxy-certs/$(basename "$1").pem"
}
mkcert "$WORK/certs/bench" "$NAME" "DNS:$NAME"
openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=$RSA_NAME" -addext "subjectAltName=DNS:$RSA_NAME" \
  -keyout "$WORK/certs/rsa.key" -out "$WORK/certs/rsa.crt" 2>/dev/null
cat "$WORK/certs/rsa.crt" "$WORK/certs/rsa.key" >"$WORK/haproxy-certs/rsa.pem"
EXTRA_NAMES=()   # server_name entries for nginx, one per extra certificate
for i in $(seq 1 "$EXTRA_CERTS"); do
  if ((i % 4 == 0)); then   # a quarter are wildcards, so the index has both steps
    mkcert "$WORK/certs/x$i" "*.zone$i.localhost" "DNS:*.zone$i.localhost"; EXTRA_NAMES+=("*.zone$i.localhost")
  else
    mkcert "$WORK/certs/x$i" "svc$i.extra.localhost" "DNS:svc$i.extra.localhost,DNS:alt$i.extra.localhost"
    EXTRA_NAMES+=("svc$i.extra.localhost alt$i.extra.localhost")
  fi
done

P_UP=$(free_port); P_GH_ADMIN=$(free_port); P_GH_HTTP=$(free_port); P_GH=$(free_port); P_NGX=$(free_port); P_HAP=$(free_port)

# ---------------------------------------------------------------- 3. upstream (nginx, 1 worker, 1 KiB body)
BODY=$(head -c 1024 /dev/zero | tr '\0' 'x')
mkdir -p "$WORK/upstream"
cat >"$WORK/upstream/nginx.conf" <<EOF
worker_processes 1;
pid $WORK/upstream/nginx.pid;
error_log $WORK/upstream/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/upstream/tmp-body; proxy_temp_path $WORK/upstream/tmp-proxy;
  fastcgi_temp_path $WORK/upstream/tmp-fcgi; uwsgi_temp_path $WORK/upstream/tmp-uwsgi; scgi_temp_path $WORK/upstream/tmp-scgi;
  keepalive_requests 1000000;
  keepalive_timeout 120s;
  server {
    listen 127.0.0.1:$P_UP;
    location / { default_type text/plain; return 200 "$BODY"; }
  }
}
EOF

start_nginx() { # start_nginx DIR — foreground master (daemon off); its PID in STARTED_PID
  "$NGINX" -t -q -p "$1" -e "$1/error.log" -c "$1/nginx.conf" -g 'daemon off;' || die "nginx config test failed in $1"
  "$NGINX" -p "$1" -e "$1/error.log" -c "$1/nginx.conf" -g 'daemon off;' >"$1/stdout.log" 2>&1 &
  STARTED_PID=$!; PIDS+=($STARTED_PID)
}
log "starting upstream nginx on 127.0.0.1:$P_UP"
start_nginx "$WORK/upstream"; PID_UP=$STARTED_PID
wait_until 15 curl -sf "http://127.0.0.1:$P_UP/" || die "upstream did not start"

# ---------------------------------------------------------------- 4a. Gatehouse
TOKEN=$(openssl rand -hex 32)
log "starting Gatehouse: admin 127.0.0.1:$P_GH_ADMIN, https 127.0.0.1:$P_GH"
GATEHOUSE_ADMIN_TOKEN=$TOKEN dotnet "$DLL" up --data "$WORK/gatehouse-data" \
  --admin-listen "127.0.0.1:$P_GH_ADMIN" --http-listen "127.0.0.1:$P_GH_HTTP" --https-listen "127.0.0.1:$P_GH" $GATEHOUSE_ARGS \
  >"$WORK/gatehouse.log" 2>&1 &
PID_GH=$!; PIDS+=($PID_GH)
ADMIN=http://127.0.0.1:$P_GH_ADMIN
wait_until 60 curl -sf "$ADMIN/readyz" || { tail -20 "$WORK/gatehouse.log"; die "Gatehouse not ready"; }
RSS_GH_START=$(awk '/VmRSS/{print $2}' "/proc/$PID_GH/status")

api_post() { # api_post PATH JSON-FILE — fails loudly with the API's error body
  local out code
  out=$(curl -s -o "$WORK/api.out" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        --data-binary @"$2" "$ADMIN$1")
  code=$out
  [[ $code == 201 || $code == 200 ]] || { cat "$WORK/api.out" >&2; die "POST $1 -> $code"; }
}
log "uploading $((EXTRA_CERTS + 2)) SSL objects to Gatehouse"
upload_ssl() {
  jq -n --rawfile cert "$1.crt" --rawfile key "$1.key" '{certificate: $cert, private_key: $key}' >"$WORK/ssl.json"
  api_post /api/v1/ssls "$WORK/ssl.json"
}
t0=$SECONDS
for i in $(seq 1 "$EXTRA_CERTS"); do upload_ssl "$WORK/certs/x$i"; done
upload_ssl "$WORK/certs/bench"
upload_ssl "$WORK/certs/rsa"
UPLOAD_SECS=$((SECONDS - t0))
jq -n --arg name "$NAME" --arg rsa "$RSA_NAME" --argjson port "$P_UP" \
  '{name: "bench", hosts: [$name, $rsa], path_prefix: "/", protocols: ["https"],
    upstream: {scheme: "http", targets: [{host: "127.0.0.1", port: $port, weight: 1}]}}' >"$WORK/service.json"
api_post /api/v1/services "$WORK/service.json"

# ---------------------------------------------------------------- 4b. nginx TLS reverse proxy
NGX_WORKERS=$CORES
mkdir -p "$WORK/nginx"
{
cat <<EOF
worker_processes $NGX_WORKERS;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 8192; }
http {
  access_log $WORK/nginx/access.log;   # Gatehouse and HAProxy write one line per request too
  client_body_temp_path $WORK/nginx/tmp-body; proxy_temp_path $WORK/nginx/tmp-proxy;
  fastcgi_temp_path $WORK/nginx/tmp-fcgi; uwsgi_temp_path $WORK/nginx/tmp-uwsgi; scgi_temp_path $WORK/nginx/tmp-scgi;
  server_names_hash_bucket_size 128;
  keepalive_requests 1000000;
  ssl_protocols TLSv1.2 TLSv1.3;
  upstream up { server 127.0.0.1:$P_UP; keepalive 64; }
  server {
    listen 127.0.0.1:$P_NGX ssl http2 default_server;   # nginx 1.22: http2 for every server on this address
    server_name $NAME;
    ssl_certificate $WORK/certs/bench.crt; ssl_certificate_key $WORK/certs/bench.key;
    location / {
      proxy_pass http://up;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_set_header X-Forwarded-Host \$host;
    }
  }
EOF
cat <<EOF
  server {
    listen 127.0.0.1:$P_NGX ssl;
    server_name $RSA_NAME;
    ssl_certificate $WORK/certs/rsa.crt; ssl_certificate_key $WORK/certs/rsa.key;
    location / { proxy_pass http://up; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr; proxy_set_header X-Forwarded-Proto \$scheme; proxy_set_header X-Forwarded-Host \$host; }
  }
EOF
for i in $(seq 1 "$EXTRA_CERTS"); do
  printf '  server { listen 127.0.0.1:%s ssl; server_name %s; ssl_certificate %s; ssl_certificate_key %s; return 404; }\n' \
    "$P_NGX" "${EXTRA_NAMES[$((i - 1))]}" "$WORK/certs/x$i.crt" "$WORK/certs/x$i.key"
done
echo "}"
} >"$WORK/nginx/nginx.conf"
log "starting nginx proxy on 127.0.0.1:$P_NGX ($NGX_WORKERS workers)"
start_nginx "$WORK/nginx"; PID_NGX=$STARTED_PID

# ---------------------------------------------------------------- 4c. HAProxy (optional)
HAP_THREADS=$CORES
if [[ $WITH_HAPROXY == 1 ]]; then
  mkdir -p "$WORK/haproxy"
  cat >"$WORK/haproxy/haproxy.cfg" <<EOF
global
  nbthread $HAP_THREADS
  maxconn 4096
  log stdout format raw local0 info
  ssl-default-bind-options ssl-min-ver TLSv1.2
defaults
  mode http
  log global
  option httplog
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  timeout http-keep-alive 60s
frontend fe
  bind 127.0.0.1:$P_HAP ssl crt $WORK/haproxy-certs/ alpn h2,http/1.1
  option forwardfor
  http-request set-header X-Forwarded-Proto https
  http-request set-header X-Forwarded-Host %[req.hdr(host)]
  default_backend be
backend be
  http-reuse always
  server up 127.0.0.1:$P_UP
EOF
  "$HAPROXY" -c -q -f "$WORK/haproxy/haproxy.cfg" || die "haproxy config check failed"
  log "starting HAProxy on 127.0.0.1:$P_HAP ($HAP_THREADS threads)"
  "$HAPROXY" -db -f "$WORK/haproxy/haproxy.cfg" >"$WORK/haproxy/access.log" 2>"$WORK/haproxy/stderr.log" &
  PID_HAP=$!; PIDS+=($PID_HAP)
fi

# ---------------------------------------------------------------- correctness: each proxy serves the right cert and body
PROXIES=(gatehouse nginx); [[ $WITH_HAPROXY == 1 ]] && PROXIES+=(haproxy)
declare -A PORT=([gatehouse]=$P_GH [nginx]=$P_NGX [haproxy]=$P_HAP)
declare -A PID=([gatehouse]=$PID_GH [nginx]=$PID_NGX [haproxy]=${PID_HAP:-0})
check_proxy() { # verifies the certificate by name (not -k) and the upstream body
  local body
  body=$(curl -s --max-time 5 --cacert "$WORK/certs/bench.crt" --resolve "$NAME:$1:127.0.0.1" "https://$NAME:$1/") || return 1
  [[ $body == "$BODY" ]]
}
for p in "${PROXIES[@]}"; do
  # Gatehouse learns of the new objects through the store watch; give every proxy a bounded wait
  wait_until 30 check_proxy "${PORT[$p]}" || die "$p does not serve https://$NAME:${PORT[$p]}/ with the bench certificate and upstream body"
done
check_rsa() { # the RSA certificate over TLS 1.2, verified by name
  local body
  body=$(curl -s --max-time 5 --tlsv1.2 --tls-max 1.2 --cacert "$WORK/certs/rsa.crt" --resolve "$RSA_NAME:$1:127.0.0.1" "https://$RSA_NAME:$1/") || return 1
  [[ $body == "$BODY" ]]
}
for p in "${PROXIES[@]}"; do
  wait_until 30 check_rsa "${PORT[$p]}" || die "$p does not serve https://$RSA_NAME:${PORT[$p]}/ over TLS 1.2 with the RSA certificate"
done
log "all proxies answer correctly (certificates verified for $NAME and, over TLS 1.2, $RSA_NAME; upstream body)"
declare -A RSS_IDLE

# ---------------------------------------------------------------- measurement helpers
# process set of a proxy: nginx = master + workers; Gatehouse and HAProxy = one process
pids_of() {
  local pid=${PID[$1]}
  echo "$pid"
  [[ $1 == nginx ]] && ps -o pid= --ppid "$pid" | tr -d ' '
  return 0
}
rss_kib() { local s=0 p; for p in $(pids_of "$1"); do s=$((s + $(awk '/^VmRSS/{print $2}' "/proc/$p/status"))); done; echo $s; }
hwm_kib() { local s=0 p; for p in $(pids_of "$1"); do s=$((s + $(awk '/^VmHWM/{print $2}' "/proc/$p/status"))); done; echo $s; }
cpu_ticks() { local s=0 p; for p in $(pids_of "$1"); do s=$((s + $(sed 's/.*) //' "/proc/$p/stat" | awk '{print $12 + $13}'))); done; echo $s; }
CLK_TCK=$(getconf CLK_TCK)
for p in "${PROXIES[@]}"; do RSS_IDLE[$p]=$(rss_kib "$p"); done

to_ms() { # wrk latency like 812.00us / 1.23ms / 1.02s -> ms
  awk -v v="$1" 'BEGIN{ n=v; sub(/[a-z]+$/,"",n); u=v; sub(/^[0-9.]+/,"",u);
    if(u=="us") n/=1000; else if(u=="s") n*=1000; else if(u=="m") n*=60000; printf "%.3f", n }'
}

run_wrk() { # run_wrk PROXY SECONDS OUTFILE [script]
  local script=${4:-$BENCH_DIR/wrk-loopback.lua}
  timeout $(($2 + 30)) wrk -t"$THREADS" -c"$CONNS" -d"$2"s --latency -s "$script" "https://$NAME:${PORT[$1]}/" >"$3" 2>&1 \
    || { cat "$3" >&2; die "wrk against $1 failed"; }
}

run_h2load() { # run_h2load PROXY SECONDS OUTFILE — HTTP/2 over TLS 1.3, CONNS connections x H2_STREAMS streams
  timeout $(($2 + 30)) h2load -t"$THREADS" -c"$CONNS" -m"$H2_STREAMS" -D"$2" --connect-to="127.0.0.1:${PORT[$1]}" \
    "https://$NAME:${PORT[$1]}/" >"$3" 2>&1 || { cat "$3" >&2; die "h2load against $1 failed"; }
  grep -qi "application protocol: h2" "$3" || { cat "$3" >&2; die "h2load against $1 did not negotiate h2"; }
}

declare -A RPS P50 P99 CPU_RPS H2RPS H2MEAN H2CPU HS HS_CPU HS12 HS12_CPU ERRS
add() { # add ARRAYNAME KEY VALUE — appends to a space-separated list
  local -n a=$1; a[$2]="${a[$2]:-}${a[$2]:+ }$3"
}

# ---------------------------------------------------------------- 5. measure
log "warm-up: ${WARMUP}s keep-alive load per proxy (not measured; JIT, pools)"
for p in "${PROXIES[@]}"; do run_wrk "$p" "$WARMUP" "$WORK/warmup-$p.txt"; run_h2load "$p" "$WARMUP" "$WORK/warmup-h2-$p.txt"; done
for p in "${PROXIES[@]}"; do python3 "$BENCH_DIR/handshakes.py" --port "${PORT[$p]}" --sni "$NAME" --seconds 2 --procs 1 >/dev/null; done

log "keep-alive HTTPS: $ROUNDS rounds x ${PROXIES[*]}, wrk -t$THREADS -c$CONNS -d${DURATION}s"
for r in $(seq 1 "$ROUNDS"); do
  for p in "${PROXIES[@]}"; do
    f=$WORK/wrk-$p-$r.txt
    c0=$(cpu_ticks "$p"); run_wrk "$p" "$DURATION" "$f"; c1=$(cpu_ticks "$p")
    rps=$(awk '/^Requests\/sec:/{print $2}' "$f")
    p50=$(to_ms "$(awk '$1=="50%"{print $2}' "$f")"); p99=$(to_ms "$(awk '$1=="99%"{print $2}' "$f")")
    bad=$(awk '/Non-2xx or 3xx responses:/{n+=$NF} /Socket errors:/{gsub(",","");n+=$4+$6+$8+$10} END{print n+0}' "$f")
    cpu_s=$(awk -v a="$c0" -v b="$c1" -v t="$CLK_TCK" 'BEGIN{printf "%.2f", (b-a)/t}')
    reqs=$(awk '/requests in/{print $1}' "$f")
    add RPS "$p" "$rps"; add P50 "$p" "$p50"; add P99 "$p" "$p99"; add ERRS "$p" "$bad"
    add CPU_RPS "$p" "$(awk -v n="$reqs" -v c="$cpu_s" 'BEGIN{printf "%.0f", (c>0? n/c : 0)}')"
    log "  round $r $p: ${rps} req/s, p50 ${p50} ms, p99 ${p99} ms, proxy CPU ${cpu_s}s, errors $bad"
  done
done

log "keep-alive HTTP/2: $ROUNDS rounds x ${PROXIES[*]}, h2load -t$THREADS -c$CONNS -m$H2_STREAMS -D${DURATION}"
for r in $(seq 1 "$ROUNDS"); do
  for p in "${PROXIES[@]}"; do
    f=$WORK/h2-$p-$r.txt
    c0=$(cpu_ticks "$p"); run_h2load "$p" "$DURATION" "$f"; c1=$(cpu_ticks "$p")
    rps=$(awk '/^finished in/{gsub(",","",$4); print $4}' "$f")
    done_n=$(awk '/^requests:/{print $8}' "$f")
    ok=$(awk '/^status codes:/{print $3}' "$f")
    mean=$(to_ms "$(awk '/^time for request:/{print $6}' "$f")")
    cpu_s=$(awk -v a="$c0" -v b="$c1" -v t="$CLK_TCK" 'BEGIN{printf "%.2f", (b-a)/t}')
    add H2RPS "$p" "$rps"; add H2MEAN "$p" "$mean"; add ERRS "$p" "$((done_n - ok))"
    add H2CPU "$p" "$(awk -v n="$done_n" -v c="$cpu_s" 'BEGIN{printf "%.0f", (c>0? n/c : 0)}')"
    log "  round $r $p: ${rps} req/s, mean ${mean} ms, proxy CPU ${cpu_s}s, non-2xx $((done_n - ok))"
  done
done

handshake_rounds() { # handshake_rounds RATE_ROW CPU_ROW SNI TLS — full handshakes per second and per proxy CPU-second
  local rate_row=$1 cpu_row=$2 sni=$3 tls=$4 r p c0 c1 out n e rate cpu_s
  for r in $(seq 1 "$ROUNDS"); do
    for p in "${PROXIES[@]}"; do
      c0=$(cpu_ticks "$p")
      out=$(timeout $((DURATION + 90)) python3 "$BENCH_DIR/handshakes.py" --port "${PORT[$p]}" --sni "$sni" --seconds "$DURATION" --procs "$HS_PROCS" --tls "$tls") \
        || die "TLS $tls handshake client against $p failed"
      c1=$(cpu_ticks "$p")
      n=$(sed 's/.*handshakes=\([0-9]*\).*/\1/' <<<"$out"); e=$(sed 's/.*errors=\([0-9]*\).*/\1/' <<<"$out")
      rate=$(sed 's/.*rate=\([0-9.]*\).*/\1/' <<<"$out")
      cpu_s=$(awk -v a="$c0" -v b="$c1" -v t="$CLK_TCK" 'BEGIN{printf "%.2f", (b-a)/t}')
      add "$rate_row" "$p" "$rate"; add ERRS "$p" "$e"
      add "$cpu_row" "$p" "$(awk -v n="$n" -v c="$cpu_s" 'BEGIN{printf "%.0f", (c>0? n/c : 0)}')"
      log "  round $r $p: $out, proxy CPU ${cpu_s}s"
    done
  done
}

log "new TLS handshakes (no resumption, no tickets): $ROUNDS rounds x ${PROXIES[*]}, $HS_PROCS client processes x ${DURATION}s"
handshake_rounds HS HS_CPU "$NAME" 1.3

log "new TLS 1.2 handshakes, RSA 2048 ($RSA_NAME, ECDHE-RSA, no resumption): $ROUNDS rounds x ${PROXIES[*]}"
handshake_rounds HS12 HS12_CPU "$RSA_NAME" 1.2

declare -A RSS HWM
for p in "${PROXIES[@]}"; do RSS[$p]=$(rss_kib "$p"); HWM[$p]=$(hwm_kib "$p"); done

# ---------------------------------------------------------------- 6. report
mean() { awk '{s=0; for(i=1;i<=NF;i++) s+=$i; printf "%.3f", s/NF}' <<<"$1"; }
fmt() { awk -v v="$1" -v d="$2" 'BEGIN{printf "%.*f", d, v}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b>0) printf "%.2f", a/b; else print "n/a" }'; }
mib() { awk -v k="$1" 'BEGIN{printf "%.1f", k/1024}'; }

REPORT=$WORK/report.txt
{
  echo "Gatehouse proxy benchmark — $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit $(cd "$REPO" && git rev-parse --short HEAD)$(cd "$REPO" && git diff --quiet HEAD -- src || echo ' (src modified)')${GATEHOUSE_DLL:+, Gatehouse from $GATEHOUSE_DLL}, $(uname -srm)"
  echo "CPU: $CORES cores ($(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo)), SHARED by the load generator, the upstream and the proxy under test"
  echo "Versions: .NET $(dotnet --version 2>/dev/null) runtime via $(dotnet --list-runtimes | awk '/NETCore.App/{v=$2} END{print "Microsoft.NETCore.App " v}'); $("$NGINX" -v 2>&1 | sed 's/nginx version: //'); $([[ $WITH_HAPROXY == 1 ]] && "$HAPROXY" -v | head -1 | awk '{print "HAProxy " $3}'); $(wrk -v 2>&1 | head -1 | awk '{print "wrk " $2}'); $(h2load --version | awk '{print "h2load " $2}'); $(openssl version | awk '{print $1 " " $2}')"
  echo "Topology: client -> proxy (TLS, SNI $NAME, EC P-256, $((EXTRA_CERTS + 2)) certificates loaded) -> upstream nginx (1 worker, HTTP/1.1 keep-alive, 1 KiB body), all on 127.0.0.1"
  echo "Fairness: nginx worker_processes $NGX_WORKERS; HAProxy nbthread $HAP_THREADS; Gatehouse = one .NET process, thread pool over $CORES cores (runtime settings as shipped${GATEHOUSE_ARGS:+; args: $GATEHOUSE_ARGS})."
  echo "          Every proxy writes one access-log line per request to a file; every proxy keeps upstream connections alive."
  echo "Load: HTTP/1.1 = wrk -t$THREADS -c$CONNS -d${DURATION}s (TLS 1.3); HTTP/2 = h2load -t$THREADS -c$CONNS -m$H2_STREAMS -D$DURATION (TLS 1.3, ALPN h2);"
  echo "      handshakes = $HS_PROCS python ssl clients, full handshake then close, no session reuse: TLS 1.3 (X25519 + ECDSA P-256, $NAME)"
  echo "      and TLS 1.2 (ECDHE-RSA, RSA 2048, $RSA_NAME); $ROUNDS rounds alternating ${PROXIES[*]}; values are the mean of rounds."
  echo
  hdr="%-34s %12s %12s"; [[ $WITH_HAPROXY == 1 ]] && hdr+=" %12s"; hdr+=" %10s"; [[ $WITH_HAPROXY == 1 ]] && hdr+=" %10s"; hdr+="  %s\n"
  if [[ $WITH_HAPROXY == 1 ]]; then
    printf "$hdr" metric gatehouse nginx haproxy "GH/nginx" "HAP/nginx" "better"
  else
    printf "$hdr" metric gatehouse nginx "GH/nginx" "better"
  fi
  row() { # row LABEL DECIMALS BETTER v_gh v_ngx [v_hap]
    local label=$1 d=$2 better=$3 gh=$4 ngx=$5 hap=${6:-}
    if [[ $WITH_HAPROXY == 1 ]]; then
      printf "$hdr" "$label" "$(fmt "$gh" "$d")" "$(fmt "$ngx" "$d")" "$(fmt "$hap" "$d")" "$(ratio "$gh" "$ngx")" "$(ratio "$hap" "$ngx")" "$better"
    else
      printf "$hdr" "$label" "$(fmt "$gh" "$d")" "$(fmt "$ngx" "$d")" "$(ratio "$gh" "$ngx")" "$better"
    fi
  }
  m() { local -n a=$1; mean "${a[$2]}"; }
  row "HTTP/1.1 keep-alive requests/s"   0 higher "$(m RPS gatehouse)" "$(m RPS nginx)" "$(m RPS haproxy 2>/dev/null || true)"
  row "  latency p50 (ms)"               3 lower  "$(m P50 gatehouse)" "$(m P50 nginx)" "$(m P50 haproxy 2>/dev/null || true)"
  row "  latency p99 (ms)"               3 lower  "$(m P99 gatehouse)" "$(m P99 nginx)" "$(m P99 haproxy 2>/dev/null || true)"
  row "  requests per proxy CPU-second"  0 higher "$(m CPU_RPS gatehouse)" "$(m CPU_RPS nginx)" "$(m CPU_RPS haproxy 2>/dev/null || true)"
  row "HTTP/2 keep-alive requests/s"     0 higher "$(m H2RPS gatehouse)" "$(m H2RPS nginx)" "$(m H2RPS haproxy 2>/dev/null || true)"
  row "  latency mean (ms)"              3 lower  "$(m H2MEAN gatehouse)" "$(m H2MEAN nginx)" "$(m H2MEAN haproxy 2>/dev/null || true)"
  row "  requests per proxy CPU-second"  0 higher "$(m H2CPU gatehouse)" "$(m H2CPU nginx)" "$(m H2CPU haproxy 2>/dev/null || true)"
  row "TLS 1.3 EC P-256 handshakes/s"    0 higher "$(m HS gatehouse)" "$(m HS nginx)" "$(m HS haproxy 2>/dev/null || true)"
  row "  handshakes per proxy CPU-second" 0 higher "$(m HS_CPU gatehouse)" "$(m HS_CPU nginx)" "$(m HS_CPU haproxy 2>/dev/null || true)"
  row "TLS 1.2 RSA 2048 handshakes/s"    0 higher "$(m HS12 gatehouse)" "$(m HS12 nginx)" "$(m HS12 haproxy 2>/dev/null || true)"
  row "  handshakes per proxy CPU-second" 0 higher "$(m HS12_CPU gatehouse)" "$(m HS12_CPU nginx)" "$(m HS12_CPU haproxy 2>/dev/null || true)"
  row "RSS idle, after config (MiB)"     1 lower  "$(mib "${RSS_IDLE[gatehouse]}")" "$(mib "${RSS_IDLE[nginx]}")" "$(mib "${RSS_IDLE[haproxy]:-0}")"
  row "RSS after load (MiB)"             1 lower  "$(mib "${RSS[gatehouse]}")" "$(mib "${RSS[nginx]}")" "$(mib "${RSS[haproxy]:-0}")"
  row "peak RSS, VmHWM (MiB)"            1 lower  "$(mib "${HWM[gatehouse]}")" "$(mib "${HWM[nginx]}")" "$(mib "${HWM[haproxy]:-0}")"
  echo
  echo "Per round, per proxy CPU-second (HTTP/1.1 requests | HTTP/2 requests | TLS 1.3 handshakes | TLS 1.2 RSA handshakes),"
  echo "and the per-round Gatehouse/nginx ratio, to see the noise:"
  for p in "${PROXIES[@]}"; do printf "  %-10s %s | %s | %s | %s\n" "$p" "${CPU_RPS[$p]}" "${H2CPU[$p]}" "${HS_CPU[$p]}" "${HS12_CPU[$p]}"; done
  pr() { paste -d' ' <(tr ' ' '\n' <<<"$1") <(tr ' ' '\n' <<<"$2") | awk '{printf "%s%.2f", (NR>1?" ":""), $1/$2}'; }
  printf "  %-10s %s | %s | %s | %s\n" "GH/nginx" "$(pr "${CPU_RPS[gatehouse]}" "${CPU_RPS[nginx]}")" "$(pr "${H2CPU[gatehouse]}" "${H2CPU[nginx]}")" \
    "$(pr "${HS_CPU[gatehouse]}" "${HS_CPU[nginx]}")" "$(pr "${HS12_CPU[gatehouse]}" "${HS12_CPU[nginx]}")"
  echo "Errors (non-2xx + socket errors + failed handshakes, all runs): $(for p in "${PROXIES[@]}"; do printf '%s=%s ' "$p" "$(awk '{s=0; for(i=1;i<=NF;i++) s+=$i; print s}' <<<"${ERRS[$p]}")"; done)"
  echo "nginx RSS is the sum of master + $NGX_WORKERS workers (shared pages counted once per process, so its figure is an upper bound). Gatehouse RSS at start (before any SSL object): $(mib "$RSS_GH_START") MiB; uploading $((EXTRA_CERTS + 2)) SSL objects took ${UPLOAD_SECS}s."
  echo "Load average at start: $LOAD_START; at end: $(cut -d' ' -f1-3 /proc/loadavg) (anything else running on the $CORES cores skews absolute numbers)."
  echo "The handshake client is Python and costs more CPU per handshake than the servers: handshakes/s is largely client-bound on"
  echo "$CORES shared cores; 'handshakes per proxy CPU-second' (proxy utime+stime from /proc) is the steadier comparison."
  echo "Ratios compare proxies measured minutes apart on the same machine; treat differences under ~10% as noise."
} | tee "$REPORT"

mkdir -p "$RESULTS_DIR"
cp "$REPORT" "$RESULTS_DIR/latest.txt"
log "written $RESULTS_DIR/latest.txt"
