#!/usr/bin/env python3
"""Many certificates: Gatehouse against nginx and HAProxy loading the same N certificates (issue 11, bench/README.md).

For each N: generate N leaf certificates (one name each, signed by one CA, one shared P-256 leaf key), then
  Gatehouse  load them through the Admin API (concurrently, as an operator's script would), measure admin write
             latency (create, update, delete; guards on), write -> served latency, GET /ssls?limit=100 and
             GET /sni/{host} latency, restart -> serving the last object, RSS, CPU per cold vs warm handshake;
  nginx      one server block per certificate: start -> serving the last one, RSS, cold/warm CPU, one change by reload;
  HAProxy    one crt-list: the same, and one change through the runtime API (set ssl cert + commit ssl cert).
Prints one table per N and writes scale-<date>.txt and scale-<date>.svg (each figure against N) to bench/results.
Driven by bench/scale.sh, which installs the tools and builds Gatehouse.
"""
import argparse, concurrent.futures as futures, datetime, hashlib, http.client, json, os, random, signal, socket, ssl
import statistics, subprocess, sys, threading, time

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


def log(msg):
    print(f"[scale {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def gatehouse_command(path):
    """How to start Gatehouse from path: a build's gatehouse.dll through dotnet, or the published executable itself."""
    return ["dotnet", path] if path.endswith(".dll") else [path]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


# ------------------------------------------------------------------------------------------- certificates
class Pki:
    def __init__(self, directory, reuse=False):
        self.dir = directory
        os.makedirs(directory, exist_ok=True)
        self.ca_key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Gatehouse scale bench CA")])
        now = datetime.datetime.now(datetime.timezone.utc)
        self.ca = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(self.ca_key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
                   .not_valid_after(now + datetime.timedelta(days=800))
                   .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
                   .sign(self.ca_key, hashes.SHA256()))
        self.key_path = os.path.join(directory, "leaf.key")
        if reuse:
            # A kept run: the leaves on disk share this key; new leaves (writes, changes) are signed by a new CA.
            with open(self.key_path) as f:
                self.key_pem = f.read()
            self.key = serialization.load_pem_private_key(self.key_pem.encode(), password=None)
        else:
            self.key = ec.generate_private_key(ec.SECP256R1())
            self.key_pem = self.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                  serialization.NoEncryption()).decode()
            with open(self.key_path, "w") as f:
                f.write(self.key_pem)
        self.ca_pem = self.ca.public_bytes(serialization.Encoding.PEM).decode()

    # A year, like most operators' certificates: a certificate within the lifecycle's expiry thresholds (30 days and
    # less) makes the control plane record one ssl.expiring event per object at start, which is not what this measures.
    def leaf(self, host, days=365):
        now = datetime.datetime.now(datetime.timezone.utc)
        cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)]))
                .issuer_name(self.ca.subject).public_key(self.key.public_key()).serial_number(x509.random_serial_number())
                .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=days))
                .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
                .sign(self.ca_key, hashes.SHA256()))
        pem = cert.public_bytes(serialization.Encoding.PEM).decode()
        return pem, hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()

    def write(self, n):
        """N certificate files (chain = leaf + CA) and HAProxy's combined files; returns the host names."""
        hosts = [f"o{i}.scale.test" for i in range(n)]
        os.makedirs(os.path.join(self.dir, "crt"), exist_ok=True)
        os.makedirs(os.path.join(self.dir, "pem"), exist_ok=True)
        self.fingerprints = {}
        for i, host in enumerate(hosts):
            pem, fp = self.leaf(host)
            self.fingerprints[host] = fp
            with open(os.path.join(self.dir, "crt", f"{host}.crt"), "w") as f:
                f.write(pem + self.ca_pem)
            with open(os.path.join(self.dir, "pem", f"{host}.pem"), "w") as f:
                f.write(pem + self.ca_pem + self.key_pem)
        return hosts


# ------------------------------------------------------------------------------------------- probes
def handshake(port, host, timeout=5):
    """The served leaf's SHA-256, or None when the handshake did not complete."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.options |= ssl.OP_NO_TICKET
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as raw:
            with ctx.wrap_socket(raw, server_hostname=host) as s:
                return hashlib.sha256(s.getpeercert(binary_form=True)).hexdigest()
    except (OSError, ssl.SSLError):
        return None


def wait_served(port, host, fingerprint=None, limit=600.0, step=0.005):
    """Seconds until HOST is served (with FINGERPRINT when given), polling; None past the limit."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        fp = handshake(port, host, timeout=2)
        if fp is not None and (fingerprint is None or fp == fingerprint):
            return time.monotonic() - start
        time.sleep(step)
    return None


def tree_pids(root):
    pids, children = {root}, {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(ppid, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    todo = [root]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in pids:
                pids.add(child)
                todo.append(child)
    return pids


def rss_mib(root):
    total = 0
    for pid in tree_pids(root):
        try:
            with open(f"/proc/{pid}/status") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("VmRSS"))
        except (OSError, StopIteration):
            pass
    return total / 1024


def cpu_seconds(root):
    total, tck = 0, os.sysconf("SC_CLK_TCK")
    for pid in tree_pids(root):
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError):
            pass
    return total / tck


def handshake_cpu_ms(root, port, hosts):
    """Server CPU per handshake over the given SNI sequence (sequential, one client)."""
    before = cpu_seconds(root)
    ok = sum(1 for h in hosts if handshake(port, h) is not None)
    return (cpu_seconds(root) - before) * 1000 / max(ok, 1)


def random_handshakes(port, hosts, count, workers=4):
    with futures.ThreadPoolExecutor(workers) as pool:
        return sum(1 for fp in pool.map(lambda h: handshake(port, h), random.choices(hosts, k=count)) if fp)


# ------------------------------------------------------------------------------------------- Gatehouse
class Admin:
    def __init__(self, port, token):
        self.port, self.token, self.local = port, token, threading.local()

    def request(self, method, path, body=None):
        conn = getattr(self.local, "conn", None)
        # Kestrel closes a keep-alive connection idle for 130 s (the load phase leaves the main thread's idle that long):
        # open a new one rather than write into a closed socket.
        if conn is not None and time.monotonic() - getattr(self.local, "used", 0) > 60:
            conn.close()
            conn = None
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        headers = {"Authorization": f"Bearer {self.token}"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        start = time.monotonic()
        try:
            conn.request(method, path, body=data, headers=headers)
            response = conn.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException):
            self.local.conn = None
            raise
        elapsed = time.monotonic() - start
        self.local.used = time.monotonic()
        if response.status >= 300:
            raise RuntimeError(f"{method} {path} -> {response.status}: {payload[:300]!r}")
        return elapsed, (json.loads(payload) if payload else None)


class Gatehouse:
    name = "gatehouse"

    def __init__(self, dll, work, pki, token=None):
        self.dll, self.work, self.pki = dll, work, pki
        self.token = token or os.urandom(24).hex()
        self.data = os.path.join(work, "gatehouse-data")
        self.admin_port, self.http_port, self.port = free_port(), free_port(), free_port()
        self.proc = None
        self.admin = Admin(self.admin_port, self.token)

    def start(self, wait_ready=True):
        """Starts `gatehouse up`; with WAIT_READY, returns once the Admin API answers /readyz."""
        env = dict(os.environ, GATEHOUSE_ADMIN_TOKEN=self.token, DOTNET_NOLOGO="1")
        self.log = open(os.path.join(self.work, "gatehouse.log"), "a")
        self.started = time.monotonic()
        self.proc = subprocess.Popen([*gatehouse_command(self.dll), "up", "--data", self.data, "--access-log", "off",
                                      "--admin-listen", f"127.0.0.1:{self.admin_port}",
                                      "--http-listen", f"127.0.0.1:{self.http_port}",
                                      "--https-listen", f"127.0.0.1:{self.port}"],
                                     stdout=self.log, stderr=subprocess.STDOUT, env=env)
        if wait_ready:
            self.wait_ready()

    def wait_ready(self, step=0.2):
        """Seconds from the process start until the Admin API answered /readyz."""
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            try:
                self.admin.request("GET", "/readyz")
                return time.monotonic() - self.started
            except Exception:
                if self.proc.poll() is not None:
                    raise RuntimeError("gatehouse exited; see " + self.log.name)
                time.sleep(step)
        raise RuntimeError("gatehouse not ready")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def body(self, host, pem=None):
        if pem is None:
            with open(os.path.join(self.pki.dir, "crt", f"{host}.crt")) as f:
                pem = f.read()
        return {"certificate": pem, "private_key": self.pki.key_pem}

    def load(self, hosts, workers):
        def create(host):
            elapsed, created = self.admin.request("POST", "/api/v1/ssls", self.body(host))
            return elapsed
        start = time.monotonic()
        with futures.ThreadPoolExecutor(workers) as pool:
            latencies = list(pool.map(create, hosts))
        return time.monotonic() - start, latencies

    def writes(self, samples):
        """Create, update (a renewed certificate), delete: sequential latencies with guards on."""
        hosts = [f"w{i}-{random.randrange(1 << 30)}.scale.test" for i in range(samples)]
        creates, updates, deletes, ids = [], [], [], []
        for host in hosts:
            pem, _ = self.pki.leaf(host)
            elapsed, created = self.admin.request("POST", "/api/v1/ssls", self.body(host, pem + self.pki.ca_pem))
            creates.append(elapsed)
            ids.append((created["id"], host))
        for oid, host in ids:
            pem, _ = self.pki.leaf(host, days=364)
            elapsed, _ = self.admin.request("PUT", f"/api/v1/ssls/{oid}", self.body(host, pem + self.pki.ca_pem))
            updates.append(elapsed)
        for oid, _ in ids:
            elapsed, _ = self.admin.request("DELETE", f"/api/v1/ssls/{oid}?confirm={oid}")
            deletes.append(elapsed)
        return creates, updates, deletes

    def write_to_served(self, samples):
        out = []
        for i in range(samples):
            host = f"s{i}-{random.randrange(1 << 30)}.scale.test"
            pem, fp = self.pki.leaf(host)
            start = time.monotonic()
            self.admin.request("POST", "/api/v1/ssls", self.body(host, pem + self.pki.ca_pem))
            waited = wait_served(self.port, host, fp, limit=30, step=0.002)
            out.append(time.monotonic() - start if waited is not None else float("inf"))
        return out

    def change(self, host):
        """One certificate replaced through the API (PUT); seconds until the new one is served."""
        _, listing = self.admin.request("GET", f"/api/v1/ssls?sni={host}")
        items = listing["items"] if isinstance(listing, dict) else listing
        oid = items[0]["id"]
        pem, fp = self.pki.leaf(host, days=363)
        start = time.monotonic()
        self.admin.request("PUT", f"/api/v1/ssls/{oid}", self.body(host, pem + self.pki.ca_pem))
        waited = wait_served(self.port, host, fp, limit=30, step=0.002)
        return None if waited is None else time.monotonic() - start

    def reads(self, hosts, samples):
        lists = [self.admin.request("GET", "/api/v1/ssls?limit=100")[0] for _ in range(samples)]
        sni = [self.admin.request("GET", f"/api/v1/sni/{random.choice(hosts)}")[0] for _ in range(samples)]
        return lists, sni


# ------------------------------------------------------------------------------------------- nginx and HAProxy
class Nginx:
    name = "nginx"

    def __init__(self, work, pki, hosts):
        self.dir = os.path.join(work, "nginx")
        os.makedirs(self.dir, exist_ok=True)
        self.port, self.pki = free_port(), pki
        with open(os.path.join(self.dir, "nginx.conf"), "w") as f:
            f.write(f"""worker_processes {os.cpu_count()};
pid {self.dir}/nginx.pid;
error_log {self.dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {self.dir}/tmp-body; proxy_temp_path {self.dir}/tmp-proxy;
  fastcgi_temp_path {self.dir}/tmp-fcgi; uwsgi_temp_path {self.dir}/tmp-uwsgi; scgi_temp_path {self.dir}/tmp-scgi;
  server_names_hash_bucket_size 128;
  server_names_hash_max_size {max(512, 2 * len(hosts))};
  ssl_protocols TLSv1.2 TLSv1.3;
""")
            for host in hosts:
                f.write(f"  server {{ listen 127.0.0.1:{self.port} ssl; server_name {host}; "
                        f"ssl_certificate {pki.dir}/crt/{host}.crt; ssl_certificate_key {pki.key_path}; return 404; }}\n")
            f.write("}\n")

    def start(self, wait_ready=False):
        self.started = time.monotonic()
        self.proc = subprocess.Popen(["nginx", "-p", self.dir, "-e", f"{self.dir}/error.log", "-c", f"{self.dir}/nginx.conf",
                                      "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(120)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def change(self, host):
        """One certificate replaced, then a reload; seconds until the new one is served."""
        pem, fp = self.pki.leaf(host, days=363)
        with open(os.path.join(self.pki.dir, "crt", f"{host}.crt"), "w") as f:
            f.write(pem + self.pki.ca_pem)
        start = time.monotonic()
        self.proc.send_signal(signal.SIGHUP)
        waited = wait_served(self.port, host, fp)
        return None if waited is None else time.monotonic() - start


class HaProxy:
    name = "haproxy"

    def __init__(self, work, pki, hosts):
        self.dir = os.path.join(work, "haproxy")
        os.makedirs(self.dir, exist_ok=True)
        self.port, self.pki, self.hosts = free_port(), pki, hosts
        self.socket = os.path.join(self.dir, "admin.sock")
        with open(os.path.join(self.dir, "crt-list"), "w") as f:
            for host in hosts:
                f.write(f"{pki.dir}/pem/{host}.pem {host}\n")
        with open(os.path.join(self.dir, "haproxy.cfg"), "w") as f:
            f.write(f"""global
  nbthread {os.cpu_count()}
  stats socket {self.socket} mode 600 level admin
  tune.ssl.default-dh-param 2048
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
frontend tls
  bind 127.0.0.1:{self.port} ssl crt-list {self.dir}/crt-list
  http-request return status 404
""")

    def start(self, wait_ready=False):
        self.started = time.monotonic()
        self.proc = subprocess.Popen(["haproxy", "-db", "-f", f"{self.dir}/haproxy.cfg"],
                                     stdout=subprocess.DEVNULL, stderr=open(f"{self.dir}/haproxy.log", "w"))

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGUSR1)
            try:
                self.proc.wait(120)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def runtime(self, command, payload=None):
        with socket.socket(socket.AF_UNIX) as s:
            s.connect(self.socket)
            text = command if payload is None else f"{command} <<\n{payload}\n"
            s.sendall((text + "\n").encode())
            chunks = []
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
            return b"".join(chunks).decode(errors="replace")

    def change(self, host):
        """One certificate replaced through the runtime API; seconds until it is served (None if refused)."""
        pem, fp = self.pki.leaf(host, days=363)
        path = f"{self.pki.dir}/pem/{host}.pem"
        start = time.monotonic()
        answer = self.runtime(f"set ssl cert {path}", pem + self.pki.ca_pem + self.pki.key_pem)
        answer += self.runtime(f"commit ssl cert {path}")
        if "Success" not in answer:
            log(f"haproxy runtime API: {answer.strip()[:200]}")
            return None
        waited = wait_served(self.port, host, fp, limit=30)
        return None if waited is None else time.monotonic() - start


# ------------------------------------------------------------------------------------------- one N
def measure_static(server, hosts, args):
    """Start -> last object served, RSS, cold/warm handshake CPU, RSS after random handshakes, one change."""
    # Every server is probed from its process start, the same way: a handshake for the last object every 50 ms.
    # Gatehouse's gateway listens before its Admin API opens (README.md), so the API's readiness is its own row.
    server.start(wait_ready=False)
    served = wait_served(server.port, hosts[-1], limit=args.start_limit, step=0.05)
    start_secs = None if served is None else time.monotonic() - server.started
    # CPU time is what a busy machine does not inflate much (the wall time above is also everyone else's load).
    row = {"start_to_last_s": start_secs, "start_cpu_s": cpu_seconds(server.proc.pid), "rss_start_mib": rss_mib(server.proc.pid)}
    if start_secs is None:
        return row
    if hasattr(server, "wait_ready"):
        # Gatehouse's RSS "after start" is taken once its Admin API is up too (the whole process started), not at the
        # moment the gateway served, which is before the admin host exists.
        row["admin_ready_s"] = server.wait_ready(step=0.05)
        row["rss_start_mib"] = rss_mib(server.proc.pid)
    # Warm the process up first (JIT, tiering, thread pool, OpenSSL's tables): handshakes to one object, then first
    # handshakes to a separate set of objects (so the context-build path is compiled too). "Cold" then measures what a
    # never-used object costs (its TLS context built on demand), not the process's own first handshakes.
    handshake_cpu_ms(server.proc.pid, server.port, [hosts[0]] * args.cpu_samples)
    sample = random.sample(hosts[1:-1], min(2 * args.cpu_samples, len(hosts) - 2))
    warmup_hosts, cold_hosts = sample[:len(sample) // 2], sample[len(sample) // 2:]
    handshake_cpu_ms(server.proc.pid, server.port, warmup_hosts)
    row["cold_hs_ms"] = handshake_cpu_ms(server.proc.pid, server.port, cold_hosts)
    row["warm_hs_ms"] = handshake_cpu_ms(server.proc.pid, server.port, [hosts[0]] * args.cpu_samples)
    random_handshakes(server.port, hosts, args.handshakes)
    row["rss_after_hs_mib"] = rss_mib(server.proc.pid)
    row["change_s"] = server.change(hosts[len(hosts) // 2])
    return row


def run_n(n, args, results):
    reuse = reused_work(args.reuse, n)
    work = reuse or os.path.join(args.work, f"n{n}")
    os.makedirs(work, exist_ok=True)
    rows = {}
    if reuse:
        log(f"N={n}: reusing the certificates and the loaded Gatehouse data in {reuse}")
        pki = Pki(os.path.join(work, "pki"), reuse=True)
        hosts = [f"o{i}.scale.test" for i in range(n)]
        with open(os.path.join(work, "meta.txt")) as f:
            gh = Gatehouse(args.dll, work, pki, token=f.read().split()[0])
    else:
        log(f"N={n}: generating certificates")
        pki = Pki(os.path.join(work, "pki"))
        hosts = pki.write(n)
        gh = Gatehouse(args.dll, work, pki)
    try:
        gh.start()
        if reuse:
            row = {}
        else:
            log(f"N={n}: loading {n} objects into Gatehouse with {args.load_workers} concurrent writers")
            load_s, load_lat = gh.load(hosts, args.load_workers)
            row = {"load_s": load_s, "load_create_p50_ms": pct(load_lat, 50) * 1000, "load_create_p99_ms": pct(load_lat, 99) * 1000}
            with open(os.path.join(work, "meta.txt"), "w") as f:
                f.write(gh.token + "\n" + hosts[-1] + "\n")
        wait_served(gh.port, hosts[-1], limit=120)
        creates, updates, deletes = gh.writes(args.samples)
        for name, values in (("create", creates), ("update", updates), ("delete", deletes)):
            row[f"{name}_p50_ms"], row[f"{name}_p99_ms"] = pct(values, 50) * 1000, pct(values, 99) * 1000
        served = gh.write_to_served(args.served_samples)
        row["write_served_p50_ms"], row["write_served_p99_ms"] = pct(served, 50) * 1000, pct(served, 99) * 1000
        lists, sni = gh.reads(hosts, args.samples)
        row["list100_p50_ms"], row["list100_p99_ms"] = pct(lists, 50) * 1000, pct(lists, 99) * 1000
        row["sni_p50_ms"], row["sni_p99_ms"] = pct(sni, 50) * 1000, pct(sni, 99) * 1000
        gh.stop()
        log(f"N={n}: restarting Gatehouse")
        row.update(measure_static(gh, hosts, args))
        rows["gatehouse"] = row
    finally:
        gh.stop()

    for cls in ([Nginx] if args.nginx else []) + ([HaProxy] if args.haproxy else []):
        server = cls(work, pki, hosts)
        log(f"N={n}: {server.name}")
        try:
            rows[server.name] = measure_static(server, hosts, args)
        finally:
            server.stop()
    results[n] = rows
    return rows


def reused_work(directory, n):
    """DIRECTORY when it holds a kept run of exactly N objects (KEEP_WORK=1 leaves one behind: pki/, gatehouse-data/, meta.txt)."""
    if not directory:
        return None
    crt = os.path.join(directory, "pki", "crt")
    if os.path.isdir(crt) and os.path.exists(os.path.join(directory, "meta.txt")) and len(os.listdir(crt)) == n:
        return directory
    return None


# ------------------------------------------------------------------------------------------- report
COLUMNS = [
    ("start_to_last_s", "start -> last object served (s)", "{:.2f}"),
    ("start_cpu_s", "CPU used from start to last served (s)", "{:.2f}"),
    ("admin_ready_s", "start -> Admin API ready (s)", "{:.2f}"),
    ("rss_start_mib", "RSS after start (MiB)", "{:.0f}"),
    ("rss_after_hs_mib", "RSS after random-SNI handshakes (MiB)", "{:.0f}"),
    ("cold_hs_ms", "CPU per cold handshake (ms)", "{:.2f}"),
    ("warm_hs_ms", "CPU per warm handshake (ms)", "{:.2f}"),
    ("change_s", "one certificate change -> served (s)", "{:.3f}"),
    ("load_s", "load N through the API (s)", "{:.1f}"),
    ("create_p50_ms", "admin create p50 (ms)", "{:.1f}"), ("create_p99_ms", "admin create p99 (ms)", "{:.1f}"),
    ("update_p50_ms", "admin update p50 (ms)", "{:.1f}"), ("update_p99_ms", "admin update p99 (ms)", "{:.1f}"),
    ("delete_p50_ms", "admin delete p50 (ms)", "{:.1f}"), ("delete_p99_ms", "admin delete p99 (ms)", "{:.1f}"),
    ("write_served_p50_ms", "write -> served p50 (ms)", "{:.1f}"), ("write_served_p99_ms", "write -> served p99 (ms)", "{:.1f}"),
    ("list100_p50_ms", "GET /ssls?limit=100 p50 (ms)", "{:.1f}"), ("list100_p99_ms", "GET /ssls?limit=100 p99 (ms)", "{:.1f}"),
    ("sni_p50_ms", "GET /sni/{host} p50 (ms)", "{:.1f}"), ("sni_p99_ms", "GET /sni/{host} p99 (ms)", "{:.1f}"),
]


def fmt(value, spec):
    return "-" if value is None or value != value else (spec.format(value) if value != float("inf") else "timeout")


def table(n, rows):
    servers = list(rows)
    lines = [f"N = {n}", f"{'':44}" + "".join(f"{s:>12}" for s in servers)]
    for key, label, spec in COLUMNS:
        if any(key in rows[s] for s in servers):
            lines.append(f"{label:44}" + "".join(f"{fmt(rows[s].get(key), spec):>12}" for s in servers))
    gh = rows.get("gatehouse", {})
    if gh.get("cold_hs_ms") and gh.get("warm_hs_ms"):
        lines.append(f"{'gatehouse cold/warm handshake CPU':44}{gh['cold_hs_ms'] / gh['warm_hs_ms']:>12.2f}x")
    for peer in ("nginx", "haproxy"):
        if peer in rows and gh.get("start_to_last_s") and rows[peer].get("start_to_last_s"):
            lines.append(f"{'start time, gatehouse / ' + peer:44}{gh['start_to_last_s'] / rows[peer]['start_to_last_s']:>12.2f}x")
        if peer in rows and gh.get("rss_start_mib") and rows[peer].get("rss_start_mib"):
            lines.append(f"{'RSS after start, gatehouse / ' + peer:44}{gh['rss_start_mib'] / rows[peer]['rss_start_mib']:>12.2f}x")
    return "\n".join(lines)


def svg(results):
    """Small multiples: one figure per metric against N (log x), one line per server. Written by hand (no plotting
    library on Debian's minimal Python)."""
    ns = sorted(results)
    keys = [c for c in COLUMNS if any(c[0] in results[n].get(s, {}) for n in ns for s in results[n])]
    colors = {"gatehouse": "#1f6feb", "nginx": "#2da44e", "haproxy": "#cf222e"}
    w, h, cols = 300, 190, 3
    rows_ = (len(keys) + cols - 1) // cols
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{cols * w}" height="{rows_ * h + 30}" font-family="sans-serif" font-size="10">',
           '<rect width="100%" height="100%" fill="white"/>']
    x = 10
    for server, color in colors.items():
        out.append(f'<rect x="{x}" y="8" width="10" height="10" fill="{color}"/><text x="{x + 14}" y="17">{server}</text>')
        x += 90
    import math
    for index, (key, label, _) in enumerate(keys):
        ox, oy = (index % cols) * w, 30 + (index // cols) * h
        px, py, pw, ph = ox + 45, oy + 20, w - 60, h - 55
        values = [results[n][s][key] for n in ns for s in results[n]
                  if results[n][s].get(key) is not None and results[n][s][key] == results[n][s][key] and results[n][s][key] != float("inf")]
        top = max(values) * 1.1 if values and max(values) > 0 else 1
        out.append(f'<text x="{ox + 10}" y="{oy + 12}" font-weight="bold">{label}</text>')
        out.append(f'<rect x="{px}" y="{py}" width="{pw}" height="{ph}" fill="none" stroke="#999"/>')
        out.append(f'<text x="{px - 4}" y="{py + 8}" text-anchor="end">{top:.3g}</text><text x="{px - 4}" y="{py + ph}" text-anchor="end">0</text>')
        lo, hi = math.log10(ns[0]), math.log10(ns[-1]) if len(ns) > 1 else math.log10(ns[0]) + 1
        def xpos(n):
            return px + (pw * (math.log10(n) - lo) / (hi - lo) if hi > lo else pw / 2)
        for n in ns:
            out.append(f'<text x="{xpos(n)}" y="{py + ph + 12}" text-anchor="middle">{n}</text>')
        for server, color in colors.items():
            pts = [(xpos(n), py + ph - ph * results[n][server][key] / top) for n in ns
                   if server in results[n] and results[n][server].get(key) is not None
                   and results[n][server][key] == results[n][server][key] and results[n][server][key] != float("inf")]
            if pts:
                out.append(f'<polyline fill="none" stroke="{color}" stroke-width="2" points="{" ".join(f"{a:.1f},{b:.1f}" for a, b in pts)}"/>')
                out.extend(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{color}"/>' for a, b in pts)
    out.append("</svg>")
    return "\n".join(out)


def merge(args):
    results, headers = {}, []
    for path in args.merge:
        with open(path) as f:
            results.update({int(n): rows for n, rows in json.load(f).items()})
        text = path[:-len(".json")] + ".txt"
        if os.path.exists(text):
            with open(text) as f:
                lines = f.read().splitlines()
            headers += [f"{os.path.basename(text)}: {lines[0]}"] + [f"{os.path.basename(text)}: {l}" for l in lines if l.startswith("load at end")]
    stamp = time.strftime("%Y-%m-%d-%H%M")
    texts = [table(n, results[n]) for n in sorted(results)]
    os.makedirs(args.results, exist_ok=True)
    with open(os.path.join(args.results, f"scale-{stamp}-merged.txt"), "w") as f:
        f.write("bench/scale.py --merge\n" + "\n".join(headers) + "\n\n" + "\n\n".join(texts) + "\n")
    with open(os.path.join(args.results, f"scale-{stamp}-merged.svg"), "w") as f:
        f.write(svg(results))
    with open(os.path.join(args.results, f"scale-{stamp}-merged.json"), "w") as f:
        json.dump({str(k): v for k, v in results.items()}, f, indent=1, default=str)
    print("\n\n".join(texts))
    log(f"wrote {args.results}/scale-{stamp}-merged.txt, .svg, .json")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dll")
    parser.add_argument("--work")
    parser.add_argument("--results", required=True)
    parser.add_argument("--ns", default="1000,10000,100000")
    parser.add_argument("--load-workers", type=int, default=8)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--served-samples", type=int, default=50)
    parser.add_argument("--cpu-samples", type=int, default=500)
    parser.add_argument("--handshakes", type=int, default=10000)
    parser.add_argument("--start-limit", type=float, default=900)
    parser.add_argument("--nginx", type=int, default=1)
    parser.add_argument("--haproxy", type=int, default=1)
    parser.add_argument("--reuse", help="a kept work directory of one N (n<N>/ of a KEEP_WORK=1 run): that N skips generating and "
                                        "loading its objects through the API (the load row stays empty)")
    parser.add_argument("--merge", nargs="+", metavar="JSON",
                        help="measure nothing: join earlier runs' scale-*.json (one N each, e.g. run one N at a time on a busy "
                             "machine) into one table and one figure")
    args = parser.parse_args()
    if args.merge:
        merge(args)
        return
    if not args.dll or not args.work:
        parser.error("--dll and --work are required to measure")

    results, texts = {}, []
    stamp = time.strftime("%Y-%m-%d-%H%M")
    load = open("/proc/loadavg").read().split()[:3]
    header = f"bench/scale.py {stamp}  cores={os.cpu_count()}  load at start={' '.join(load)}  Ns={args.ns}"
    for n in [int(v) for v in args.ns.split(",")]:
        rows = run_n(n, args, results)
        texts.append(table(n, rows))
        print(texts[-1] + "\n", flush=True)
    os.makedirs(args.results, exist_ok=True)
    end = open("/proc/loadavg").read().split()[:3]
    footer = f"load at end={' '.join(end)}  finished {time.strftime('%Y-%m-%d %H:%M')}"
    with open(os.path.join(args.results, f"scale-{stamp}.txt"), "w") as f:
        f.write(header + "\n\n" + "\n\n".join(texts) + "\n\n" + footer + "\n")
    with open(os.path.join(args.results, f"scale-{stamp}.svg"), "w") as f:
        f.write(svg(results))
    with open(os.path.join(args.results, f"scale-{stamp}.json"), "w") as f:
        json.dump({str(k): v for k, v in results.items()}, f, indent=1, default=str)
    log(f"wrote {args.results}/scale-{stamp}.txt, .svg, .json")


if __name__ == "__main__":
    main()
