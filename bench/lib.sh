# Shared by the bench scripts (sourced): the processes a script started, stopped by PID on exit, and a free loopback port.
# The sourcing script sets WORK and KEEP_WORK and defines log() before calling anything here.
PIDS=()
cleanup() {
  local rc=$?
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [[ $KEEP_WORK == 1 || $rc -ne 0 ]]; then log "work dir kept: $WORK"; else rm -rf "$WORK"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# start_upstream PORT — the shared upstream: one nginx worker answering every request with 1 KiB, in $WORK/up.
start_upstream() {
  mkdir -p "$WORK/up"
  cat >"$WORK/up/nginx.conf" <<EOF
worker_processes 1; pid $WORK/up/nginx.pid; error_log $WORK/up/error.log warn;
events { worker_connections 4096; }
http { access_log off; keepalive_requests 1000000;
  client_body_temp_path $WORK/up/b; proxy_temp_path $WORK/up/p; fastcgi_temp_path $WORK/up/f; uwsgi_temp_path $WORK/up/u; scgi_temp_path $WORK/up/s;
  server { listen 127.0.0.1:$1; location / { default_type text/plain; return 200 "$(head -c 1024 /dev/zero | tr '\0' x)"; } } }
EOF
  nginx -p "$WORK/up" -e "$WORK/up/error.log" -c "$WORK/up/nginx.conf" -g 'daemon off;' & PIDS+=($!)
}
# wait_until SECONDS COMMAND... — runs COMMAND every 0.3 s until it succeeds; fails after SECONDS.
wait_until() { local deadline=$((SECONDS + $1)); shift; until "$@" >/dev/null 2>&1; do ((SECONDS < deadline)) || return 1; sleep 0.3; done; }
# start_variants — one self-signed certificate for $NAME, the shared upstream, and one `gatehouse up` per entry of
# $VARIANTS ("name[:ENV=V,...][@dll];..."; $DEFAULT_DLL otherwise, $EXTRA_ARGS for each), each serving $NAME once
# configured through its Admin API. Sets NAMES (in order), PID[name] and PORT[name] (its https port).
# The sourcing script defines die() as well as log().
start_variants() {
  NAMES=(); declare -gA PID PORT
  local spec dll name envs p_admin p_http token f SPECS
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 7 -subj "/CN=$NAME" \
    -addext "subjectAltName=DNS:$NAME" -keyout "$WORK/bench.key" -out "$WORK/bench.crt" 2>/dev/null
  jq -n --rawfile cert "$WORK/bench.crt" --rawfile key "$WORK/bench.key" '{certificate: $cert, private_key: $key}' >"$WORK/ssl.json"
  P_UP=$(free_port)
  start_upstream "$P_UP"
  jq -n --arg name "$NAME" --argjson port "$P_UP" '{name: "bench", hosts: [$name], path_prefix: "/", protocols: ["https"],
    upstream: {scheme: "http", targets: [{host: "127.0.0.1", port: $port, weight: 1}]}}' >"$WORK/svc.json"

  IFS=';' read -r -a SPECS <<<"$VARIANTS"
  for spec in "${SPECS[@]}"; do
    dll=$DEFAULT_DLL
    [[ $spec == *@* ]] && { dll=${spec#*@}; spec=${spec%%@*}; }
    name=${spec%%:*}; envs=(); [[ $spec == *:* ]] && IFS=',' read -r -a envs <<<"${spec#*:}"
    NAMES+=("$name")
    p_admin=$(free_port); p_http=$(free_port); PORT[$name]=$(free_port); token=$(openssl rand -hex 32)
    # shellcheck disable=SC2086
    env "${envs[@]}" GATEHOUSE_ADMIN_TOKEN="$token" dotnet "$dll" up --data "$WORK/data-$name" --admin-listen "127.0.0.1:$p_admin" \
      --http-listen "127.0.0.1:$p_http" --https-listen "127.0.0.1:${PORT[$name]}" $EXTRA_ARGS >"$WORK/$name.log" 2>&1 &
    PID[$name]=$!; PIDS+=($!)
    wait_until 90 curl -sf "http://127.0.0.1:$p_admin/readyz" || die "$name not ready: $(tail -5 "$WORK/$name.log")"
    for f in ssl.json:/api/v1/ssls svc.json:/api/v1/services; do
      curl -sf -o /dev/null -H "Authorization: Bearer $token" -H 'Content-Type: application/json' --data-binary @"$WORK/${f%%:*}" \
        "http://127.0.0.1:$p_admin${f#*:}" || die "$name: POST ${f#*:} failed"
    done
    wait_until 30 curl -sf --cacert "$WORK/bench.crt" --resolve "$NAME:${PORT[$name]}:127.0.0.1" "https://$NAME:${PORT[$name]}/" \
      || die "$name does not serve"
    log "$name up (pid ${PID[$name]}, ${envs[*]:-default environment}, $dll)"
  done
}
# start_nginx_proxy WORKERS PORT [EXTRA] — nginx in $WORK/nginx as bench/run.sh's TLS-terminating reverse proxy: $NAME with
# $WORK/bench.crt/.key on 127.0.0.1:PORT (HTTP/1.1 and h2), keep-alive to the shared upstream on $P_UP, access log on;
# EXTRA is more config inside http { } (more server blocks). Config-tested first; its master's PID in PID[nginx].
start_nginx_proxy() {
  local workers=$1 port=$2 extra=${3:-}
  mkdir -p "$WORK/nginx"
  cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes $workers; pid $WORK/nginx/nginx.pid; error_log $WORK/nginx/error.log warn;
events { worker_connections 8192; }
http {
  access_log $WORK/nginx/access.log;
  client_body_temp_path $WORK/nginx/b; proxy_temp_path $WORK/nginx/p; fastcgi_temp_path $WORK/nginx/f; uwsgi_temp_path $WORK/nginx/u; scgi_temp_path $WORK/nginx/s;
  server_names_hash_bucket_size 128;
  keepalive_requests 1000000;
  ssl_protocols TLSv1.2 TLSv1.3;
  upstream up { server 127.0.0.1:$P_UP; keepalive 64; }
  server {
    listen 127.0.0.1:$port ssl http2 default_server;
    server_name $NAME;
    ssl_certificate $WORK/bench.crt; ssl_certificate_key $WORK/bench.key;
    location / {
      proxy_pass http://up; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr; proxy_set_header X-Forwarded-Proto \$scheme; proxy_set_header X-Forwarded-Host \$host;
    }
  }
$extra
}
EOF
  nginx -t -q -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' || return 1
  nginx -p "$WORK/nginx" -e "$WORK/nginx/error.log" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' >"$WORK/nginx/stdout.log" 2>&1 &
  PID[nginx]=$!; PIDS+=($!)
}
