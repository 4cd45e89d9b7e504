#!/usr/bin/env bash
# Configuration as files at scale (issue 15 item 5): applying N new SSL objects from files with `gatehouse apply`,
# against validating the same files (`gatehouse diff`, a dry run on the same empty store), against single POSTs.
# Needs python3 with the cryptography module (Debian: python3-cryptography) to make the certificates quickly.
#   bash bench/apply.sh            # N=10000 objects, POSTS=50 single POSTs (extrapolated to N)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${N:-10000}
POSTS=${POSTS:-50}
WORK=$(mktemp -d /tmp/gatehouse-apply-bench.XXXXXX)
KEEP_WORK=${KEEP_WORK:-0}
log() { echo "[apply-bench] $*" >&2; }
# shellcheck source=bench/lib.sh
source bench/lib.sh

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
log "building gatehouse (Release)"
dotnet build src/Gatehouse -c Release -nologo -clp:ErrorsOnly >/dev/null
GATEHOUSE=(dotnet src/Gatehouse/bin/Release/net10.0/gatehouse.dll)

log "making $N certificates and keys (EC P-256) and $POSTS for single POSTs"
python3 - "$WORK" "$N" "$POSTS" <<'PY'
import datetime, json, os, sys
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
work, n, posts = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
now = datetime.datetime.now(datetime.timezone.utc)
def issue(host):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=90))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
            .sign(key, hashes.SHA256()))
    return (cert.public_bytes(serialization.Encoding.PEM).decode(),
            key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode())
os.makedirs(f"{work}/config/keys")
with open(f"{work}/config/gatehouse.yaml", "w") as doc:
    doc.write("ssls:\n")
    for i in range(n):
        cert, key = issue(f"o{i}.apply-bench.test")
        with open(f"{work}/config/keys/bulk-{i}.key", "w") as k:
            k.write(key)
        doc.write(f"- name: bulk-{i}\n  certificate: |\n" + "".join("    " + line + "\n" for line in cert.splitlines())
                  + f"  private_key_file: keys/bulk-{i}.key\n")
    doc.write("services: []\n")
with open(f"{work}/posts.jsonl", "w") as out:
    for i in range(posts):
        cert, key = issue(f"p{i}.apply-bench.test")
        out.write(json.dumps({"certificate": cert, "private_key": key, "name": f"post-{i}"}) + "\n")
PY

export GATEHOUSE_ADMIN_TOKEN=$(openssl rand -hex 32)
admin=$(free_port)
"${GATEHOUSE[@]}" up --data "$WORK/data" --admin-listen "127.0.0.1:$admin" --http-listen "127.0.0.1:$(free_port)" \
  --https-listen "127.0.0.1:$(free_port)" --access-log off >"$WORK/gatehouse.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$admin/readyz" >/dev/null && break; sleep 0.2; done
export GATEHOUSE_URL="http://127.0.0.1:$admin" GATEHOUSE_TOKEN=$GATEHOUSE_ADMIN_TOKEN

# Wall time of one CLI run in seconds; exit 1 (diff: changes found) is success here.
timed() {
  python3 -c 'import subprocess,sys,time
t = time.monotonic()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL)
print(f"{time.monotonic() - t:.2f}")
sys.exit(0 if r.returncode in (0, 1) else r.returncode)' "$@" 2>>"$WORK/cli.log"
}

log "diff (validation only) of $N new objects"
validate=$(timed "${GATEHOUSE[@]}" diff -f "$WORK/config")
log "  $validate s"
log "apply of $N new objects"
apply=$(timed "${GATEHOUSE[@]}" apply -f "$WORK/config")
log "  $apply s"
log "apply again (nothing to change)"
again=$(timed "${GATEHOUSE[@]}" apply -f "$WORK/config")
log "  $again s"
count=$(curl -s -H "Authorization: Bearer $GATEHOUSE_TOKEN" "$GATEHOUSE_URL/api/v1/ssls?limit=1000" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')
[[ $count == $(( N < 1000 ? N : 1000 )) ]] || { log "expected objects to be stored, listed $count"; exit 1; }

log "$POSTS single POSTs (one keep-alive connection)"
posts=$(python3 - "$admin" "$GATEHOUSE_TOKEN" "$WORK/posts.jsonl" <<'PY'
import http.client, sys, time
conn = http.client.HTTPConnection("127.0.0.1", int(sys.argv[1]))
headers = {"Authorization": "Bearer " + sys.argv[2], "Content-Type": "application/json"}
bodies = open(sys.argv[3]).read().splitlines()
start = time.monotonic()
for body in bodies:
    conn.request("POST", "/api/v1/ssls", body, headers)
    response = conn.getresponse(); response.read()
    if response.status != 201: sys.exit(f"POST answered {response.status}")
print(f"{time.monotonic() - start:.2f}")
PY
)
python3 - "$N" "$validate" "$apply" "$again" "$POSTS" "$posts" <<'PY' | tee "$WORK/result.txt"
import sys
n, validate, apply, again, posts, post_s = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
single = post_s / posts * n
print(f"objects                           {n}")
print(f"gatehouse diff   (validate)       {validate:8.2f} s")
print(f"gatehouse apply  (new objects)    {apply:8.2f} s   = {apply / validate:.2f} x validate (target <= 2)")
print(f"gatehouse apply  (again, no-op)   {again:8.2f} s")
print(f"single POSTs     ({posts} measured)   {single:8.2f} s   for {n} (extrapolated) = {single / apply:.1f} x apply")
PY
