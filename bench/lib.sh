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
