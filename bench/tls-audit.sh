#!/usr/bin/env bash
# TLS audit: runs Debian's testssl.sh against Gatehouse and against nginx (its default TLS settings) serving the
# same certificate and key on 127.0.0.1, then prints every finding of severity LOW or worse side by side, with the
# protocol, cipher-order and forward-secrecy lines. See bench/README.md.
# Usage: bash bench/tls-audit.sh   (env: KEY=rsa|ec|dual, SKIP_BUILD=1, KEEP_WORK=1, CHECKS="-p -s -P -f -U")
set -euo pipefail

KEY=${KEY:-rsa}                 # rsa: one RSA 2048 certificate; ec: one P-256; dual: RSA primary + ECDSA alt (nginx: both ssl_certificate)
SKIP_BUILD=${SKIP_BUILD:-0}
KEEP_WORK=${KEEP_WORK:-0}
CHECKS=${CHECKS:-"-p -s -P -f -U"}   # protocols, cipher categories, server preference, forward secrecy, vulnerabilities
NAME=audit.localhost

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
DLL=$REPO/src/Gatehouse/bin/Release/net10.0/gatehouse.dll

log() { printf '[tls-audit %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# ---------------------------------------------------------------- tools (Debian apt only)
need=()
for t in testssl:testssl.sh nginx:nginx openssl:openssl curl:curl jq:jq python3:python3; do
  command -v "${t%%:*}" >/dev/null 2>&1 || [[ ${t%%:*} == nginx && -x /usr/sbin/nginx ]] || need+=("${t#*:}")
done
if ((${#need[@]})); then
  [[ $EUID -eq 0 ]] || die "missing: ${need[*]} — run: sudo apt-get install -y ${need[*]}"
  log "installing from Debian apt: ${need[*]}"
  apt-get install -y "${need[@]}" >/dev/null || { apt-get update >/dev/null && apt-get install -y "${need[@]}" >/dev/null; }
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

# ---------------------------------------------------------------- process bookkeeping (stopped by PID only)
WORK=$(mktemp -d /tmp/gatehouse-tls-audit.XXXXXX)
chmod 755 "$WORK"
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
wait_until() { local deadline=$((SECONDS + $1)); shift; until "$@" >/dev/null 2>&1; do ((SECONDS < deadline)) || return 1; sleep 0.3; done; }

# ---------------------------------------------------------------- 1. build and certificates
if [[ $SKIP_BUILD != 1 ]]; then
  log "building Gatehouse (Release)"
  (cd "$REPO" && dotnet build src/Gatehouse -c Release -nologo -v q >"$WORK/build.log" 2>&1) || { tail -30 "$WORK/build.log"; die "build failed"; }
fi
[[ -f $DLL ]] || die "$DLL not found"

cert() { # cert NAME KEYSPEC...
  local name=$1; shift
  openssl req -x509 "$@" -nodes -days 30 -subj "/CN=$NAME" -addext "subjectAltName=DNS:$NAME" \
    -addext "extendedKeyUsage=serverAuth" -keyout "$WORK/$name.key" -out "$WORK/$name.crt" 2>/dev/null
}
case $KEY in
  rsa) cert primary -newkey rsa:2048 ;;
  ec) cert primary -newkey ec -pkeyopt ec_paramgen_curve:P-256 ;;
  dual) cert primary -newkey rsa:2048; cert alt -newkey ec -pkeyopt ec_paramgen_curve:P-256 ;;
  *) die "KEY must be rsa, ec or dual" ;;
esac

# ---------------------------------------------------------------- 2. Gatehouse
P_ADMIN=$(free_port); P_HTTP=$(free_port); P_GH=$(free_port)
TOKEN=$(openssl rand -hex 32)
ADMIN=http://127.0.0.1:$P_ADMIN
log "starting Gatehouse: admin $P_ADMIN, https $P_GH"
GATEHOUSE_ADMIN_TOKEN=$TOKEN dotnet "$DLL" up --data "$WORK/gatehouse-data" --admin-listen "127.0.0.1:$P_ADMIN" \
  --http-listen "127.0.0.1:$P_HTTP" --https-listen "127.0.0.1:$P_GH" >"$WORK/gatehouse.log" 2>&1 &
PIDS+=($!)
wait_until 90 curl -sf "$ADMIN/readyz" || { tail -20 "$WORK/gatehouse.log"; die "Gatehouse not ready"; }
if [[ $KEY == dual ]]; then
  jq -n --rawfile c "$WORK/primary.crt" --rawfile k "$WORK/primary.key" --rawfile ac "$WORK/alt.crt" --rawfile ak "$WORK/alt.key" \
    '{certificate:$c, private_key:$k, alt_certificate:$ac, alt_private_key:$ak}' >"$WORK/ssl.json"
else
  jq -n --rawfile c "$WORK/primary.crt" --rawfile k "$WORK/primary.key" '{certificate:$c, private_key:$k}' >"$WORK/ssl.json"
fi
code=$(curl -s -o "$WORK/ssl.out" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  --data-binary @"$WORK/ssl.json" "$ADMIN/api/v1/ssls")
[[ $code == 201 ]] || { jq -c '.error' "$WORK/ssl.out" >&2 || true; die "creating the SSL object: HTTP $code"; }
wait_until 30 bash -c "echo | openssl s_client -connect 127.0.0.1:$P_GH -servername $NAME 2>/dev/null | grep -q 'BEGIN CERTIFICATE'" \
  || die "Gatehouse does not serve $NAME"

# ---------------------------------------------------------------- 3. nginx, its defaults: only listen, certificate and key
P_NGX=$(free_port)
alt_lines=""
[[ $KEY == dual ]] && alt_lines="ssl_certificate $WORK/alt.crt; ssl_certificate_key $WORK/alt.key;"
cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
daemon off;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $WORK/ngx-body; proxy_temp_path $WORK/ngx-proxy; fastcgi_temp_path $WORK/ngx-fcgi;
  uwsgi_temp_path $WORK/ngx-uwsgi; scgi_temp_path $WORK/ngx-scgi;
  server {
    listen 127.0.0.1:$P_NGX ssl;
    server_name $NAME;
    ssl_certificate $WORK/primary.crt; ssl_certificate_key $WORK/primary.key;
    $alt_lines
    location / { return 404; }
  }
}
CONF
log "starting nginx: https $P_NGX"
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK" >"$WORK/nginx.out" 2>&1 &
PIDS+=($!)
wait_until 15 bash -c "echo | openssl s_client -connect 127.0.0.1:$P_NGX -servername $NAME 2>/dev/null | grep -q 'BEGIN CERTIFICATE'" \
  || { cat "$WORK/nginx-error.log" >&2; die "nginx did not start"; }

# ---------------------------------------------------------------- 4. testssl.sh, one target after the other
audit() { # audit LABEL PORT
  log "testssl.sh $CHECKS against $1 (127.0.0.1:$2)"
  # shellcheck disable=SC2086
  testssl --quiet --color 0 --warnings batch --ip 127.0.0.1 --jsonfile "$WORK/$1.json" $CHECKS "$NAME:$2" >"$WORK/$1.txt" 2>&1 || true
  [[ -s $WORK/$1.json ]] || { tail -20 "$WORK/$1.txt" >&2; die "testssl.sh wrote no findings for $1"; }
}
audit gatehouse "$P_GH"
audit nginx "$P_NGX"

# ---------------------------------------------------------------- 5. side by side
python3 - "$WORK/gatehouse.json" "$WORK/nginx.json" "$KEY" <<'PY'
import json, sys
rank = {"CRITICAL": 5, "HIGH": 4, "MEDIUM": 3, "LOW": 2, "WARN": 1}
def load(path):
    return {f["id"]: (f.get("severity", ""), " ".join(f.get("finding", "").split())) for f in json.load(open(path))}
gh, ngx = load(sys.argv[1]), load(sys.argv[2])
always = ["SSLv2", "SSLv3", "TLS1", "TLS1_1", "TLS1_2", "TLS1_3", "cipherlist_NULL", "cipherlist_aNULL", "cipherlist_EXPORT",
          "cipherlist_LOW", "cipherlist_3DES_IDEA", "cipherlist_AVERAGE", "cipherlist_GOOD", "cipherlist_STRONG",
          "cipher_order", "FS", "LUCKY13", "SWEET32", "BEAST", "ROBOT", "BREACH", "CRIME_TLS"]
bad = sorted({i for d in (gh, ngx) for i, (s, _) in d.items() if s in rank}, key=lambda i: (-max(rank.get(gh.get(i, ("",))[0], 0), rank.get(ngx.get(i, ("",))[0], 0)), i))
ids = [i for i in always if i in gh or i in ngx] + [i for i in bad if i not in always]
cell = lambda d, i: (f"{d[i][0]:<8} {d[i][1]}" if i in d else "-")[:58]
print(f"testssl.sh side by side (certificate: {sys.argv[3]}); every finding of severity LOW or worse, plus protocols and cipher lines")
print(f"{'finding':<22} | {'Gatehouse':<58} | nginx (default TLS settings)")
print("-" * 22 + "-+-" + "-" * 58 + "-+-" + "-" * 58)
for i in ids: print(f"{i:<22} | {cell(gh, i):<58} | {cell(ngx, i)}")
worse = [i for i in gh if rank.get(gh[i][0], 0) >= 2]
cipher_ids = [i for i in worse if i.startswith("cipher") or i in ("LUCKY13", "SWEET32", "BEAST", "FS")]
shared = [i for i in cipher_ids if rank.get(ngx.get(i, ("",))[0], 0) >= 2]
print()
print(f"Gatehouse findings LOW or worse: {len(worse)} ({', '.join(worse) or 'none'}); nginx: {sum(1 for i in ngx if rank.get(ngx[i][0], 0) >= 2)}")
print(f"Gatehouse cipher findings LOW or worse that nginx's default also has: {', '.join(shared) or 'none'}")
PY
log "full reports: $WORK/{gatehouse,nginx}.{txt,json} (KEEP_WORK=1 keeps them)"
