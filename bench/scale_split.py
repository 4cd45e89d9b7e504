#!/usr/bin/env python3
"""Split roles at scale and under faults (issue 11 item 6, bench/README.md "Split roles at scale").

`gatehouse control-plane` and two `gatehouse gateway` processes on a three-member etcd cluster (loopback ports) holding
N SSL objects. Measures each process's start (control plane: to /readyz; gateways: to serving the last object), CPU and
RSS after start; checks that both gateways serve what the control plane holds; write (PUT rotation) -> served by BOTH
gateways p50/p99; GET /ssls?limit=100 on the control plane; a stream of rotations during which one etcd member (the
leader) is killed with SIGKILL, counting lost writes and failed handshakes on both gateways; and a compaction past one
gateway's revision, timing until it serves a change made after it. Writes scale-split-<date>.txt and .json.

Filling: from scratch, N certificates are generated and loaded through the Admin API (as bench/scale.py does); with
--reuse, a kept store of bench/scale.sh (KEEP_WORK=1 leaves n<N>/) is copied key by key into etcd (values unchanged, same
keyring: the values are encrypted with the storage key as associated data, so keys stay identical).
Driven by bench/scale-split.sh, which installs etcd-server and builds Gatehouse.
"""
import argparse, base64, concurrent.futures as futures, errno, hashlib, json, os, random, signal, socket, sqlite3, ssl
import subprocess, threading, time, urllib.request

from scale import Admin, Pki, cpu_seconds, free_port, gatehouse_command, log, pct, rss_mib, wait_served


# ------------------------------------------------------------------------------------------- etcd
class Etcd:
    """A three-member etcd cluster on free loopback ports; data under WORK/etcd; members stopped by PID."""

    def __init__(self, work, size=3):
        self.work = work
        self.members = [{"name": f"m{i}", "client": free_port(), "peer": free_port(), "proc": None,
                         "dir": os.path.join(work, "etcd", f"m{i}")} for i in range(size)]
        self.store = "etcd://" + ",".join(f"127.0.0.1:{m['client']}" for m in self.members)

    def start(self):
        initial = ",".join(f"{m['name']}=http://127.0.0.1:{m['peer']}" for m in self.members)
        token = f"gatehouse-scale-{os.getpid()}"
        for m in self.members:
            url, peer = f"http://127.0.0.1:{m['client']}", f"http://127.0.0.1:{m['peer']}"
            # Server keepalive pings every 2 s: a gateway that is stopped (SIGSTOP) loses its connections, so the
            # compaction phase can compact past its revision and see it resume into a compacted history.
            m["proc"] = subprocess.Popen(
                ["etcd", "--name", m["name"], "--data-dir", m["dir"], "--listen-client-urls", url, "--advertise-client-urls", url,
                 "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer, "--initial-cluster", initial,
                 "--initial-cluster-token", token, "--initial-cluster-state", "new", "--quota-backend-bytes", str(8 << 30),
                 "--grpc-keepalive-interval", "2s", "--grpc-keepalive-timeout", "2s",
                 "--max-txn-ops", "512", "--max-request-bytes", str(4 << 20)],   # for copy_store's batches
                stdout=open(os.path.join(self.work, f"etcd-{m['name']}.log"), "w"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if all(self.healthy(m) for m in self.members):
                return
            time.sleep(0.2)
        raise RuntimeError("etcd cluster not healthy; see etcd-*.log in " + self.work)

    def running(self):
        return [m for m in self.members if m["proc"] is not None and m["proc"].poll() is None]

    @staticmethod
    def call(m, path, body, timeout=60):
        request = urllib.request.Request(f"http://127.0.0.1:{m['client']}{path}", data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.loads(response.read())

    @staticmethod
    def healthy(m):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{m['client']}/health", timeout=2) as response:
                return json.loads(response.read()).get("health") == "true"
        except (OSError, ValueError):
            return False

    def leader(self):
        for m in self.running():
            status = self.call(m, "/v3/maintenance/status", {})
            if status["header"]["member_id"] == status["leader"]:
                return m
        raise RuntimeError("no running etcd member says it is the leader")

    def revision(self):
        answer = self.call(self.running()[0], "/v3/kv/range", {"key": b64(b"/gatehouse/"), "count_only": True})
        return int(answer["header"]["revision"])

    def compact(self, revision):
        self.call(self.running()[0], "/v3/kv/compaction", {"revision": revision, "physical": True})

    def kill(self, m):
        m["proc"].kill()
        m["proc"].wait()

    def stop(self):
        for m in self.running():
            m["proc"].terminate()
            try:
                m["proc"].wait(30)
            except subprocess.TimeoutExpired:
                self.kill(m)


def b64(data):
    return base64.b64encode(data).decode()


def copy_store(db, etcd, batch=512, workers=4):
    """Every /gatehouse/ key of a kept SQLite store into etcd, values unchanged: batched txn puts (512 operations,
    ≈ 1.6 MiB, within the limits Etcd.start raises) through etcd's JSON gateway. Returns (keys, bytes)."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT key, value FROM kv WHERE key LIKE '/gatehouse/%' ORDER BY key").fetchall()
    batches = [rows[i:i + batch] for i in range(0, len(rows), batch)]
    leader = etcd.leader()

    def put(chunk):
        ops = [{"request_put": {"key": b64(k.encode()), "value": b64(v.encode())}} for k, v in chunk]
        answer = Etcd.call(leader, "/v3/kv/txn", {"success": ops})
        if not answer.get("succeeded"):
            raise RuntimeError(f"etcd txn refused: {str(answer)[:300]}")

    with futures.ThreadPoolExecutor(workers) as pool:
        list(pool.map(put, batches))
    return len(rows), sum(len(k) + len(v) for k, v in rows)


# ------------------------------------------------------------------------------------------- roles
class Role:
    """One `gatehouse control-plane` or `gatehouse gateway` process on the cluster, started and stopped by PID."""

    def __init__(self, dll, work, kind, name, store, env):
        self.dll, self.work, self.kind, self.name, self.store, self.env = dll, work, kind, name, store, env
        self.proc = None
        if kind == "gateway":
            self.port, self.http_port, self.status_port = free_port(), free_port(), free_port()
            self.listeners = ["--https-listen", f"127.0.0.1:{self.port}", "--http-listen", f"127.0.0.1:{self.http_port}",
                              "--status-listen", f"127.0.0.1:{self.status_port}", "--access-log", "off"]
        else:
            self.status_port = free_port()
            self.listeners = ["--admin-listen", f"127.0.0.1:{self.status_port}"]
        self.log_path = os.path.join(work, f"{name}.log")

    def start(self):
        self.started = time.monotonic()
        self.proc = subprocess.Popen([*gatehouse_command(self.dll), self.kind, *self.listeners, "--store", self.store],
                                     stdout=open(self.log_path, "a"), stderr=subprocess.STDOUT, env=self.env)

    def status(self, path):
        with urllib.request.urlopen(f"http://127.0.0.1:{self.status_port}{path}", timeout=10) as response:
            return json.loads(response.read())

    def wait_ready(self, limit=900):
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.status_port}/readyz", timeout=5) as response:
                    if response.status == 200:
                        return time.monotonic() - self.started
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"{self.name} exited; see {self.log_path}")
            time.sleep(0.1)
        raise RuntimeError(f"{self.name} not ready; see {self.log_path}")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGCONT)
            self.proc.terminate()
            try:
                self.proc.wait(60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def probe(port, host):
    """('served', fingerprint), ('failed', why) when the gateway refused, reset, timed out or failed the handshake, or
    ('not_run', why) when this client could not even attempt it (no socket, no local port)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname, ctx.verify_mode = False, ssl.CERT_NONE
    try:
        raw = socket.socket()
    except OSError as e:
        return "not_run", f"socket: {e}"
    with raw:
        raw.settimeout(5)
        try:
            raw.connect(("127.0.0.1", port))
        except OSError as e:
            if e.errno in (errno.EADDRNOTAVAIL, errno.EMFILE, errno.ENFILE, errno.ENOBUFS):
                return "not_run", f"connect: {e}"
            return "failed", f"connect: {e}"
        try:
            with ctx.wrap_socket(raw, server_hostname=host) as s:
                return "served", hashlib.sha256(s.getpeercert(binary_form=True)).hexdigest()
        except (OSError, ssl.SSLError) as e:
            return "failed", f"handshake: {e}"


def fingerprint(view):
    return view["fingerprint_sha256"].replace(":", "").lower()


def body(pki, pem):
    return {"certificate": pem + pki.ca_pem, "private_key": pki.key_pem}


def lookup(admin, host):
    """(id, fingerprint) of the object the control plane holds for HOST."""
    _, listing = admin.request("GET", f"/api/v1/ssls?sni={host}")
    items = listing["items"] if isinstance(listing, dict) else listing
    return items[0]["id"], fingerprint(items[0])


def rotate(admin, pki, oid, host):
    """PUT a renewed certificate; (seconds, new fingerprint)."""
    pem, fp = pki.leaf(host, days=random.randrange(300, 365))
    elapsed, _ = admin.request("PUT", f"/api/v1/ssls/{oid}", body(pki, pem))
    return elapsed, fp


# ------------------------------------------------------------------------------------------- phases
def fill(args, etcd, work, env):
    """Fills the cluster; returns (pki, hosts, token, row)."""
    row = {}
    if args.reuse:
        with open(os.path.join(args.reuse, "meta.txt")) as f:
            token, last = f.read().split()[:2]
        with open(os.path.join(args.reuse, "gatehouse-data", "keyring")) as f:
            env["GATEHOUSE_KEYRING"] = f.read().strip()
        pki = Pki(os.path.join(args.reuse, "pki"), reuse=True)   # writes nothing there; new leaves get a new CA
        hosts = [f"o{i}.scale.test" for i in range(args.n)]
        if hosts[-1] != last:
            raise SystemExit(f"{args.reuse} holds objects up to {last}, not N={args.n}")
        log(f"copying the kept store {args.reuse} into etcd")
        start = time.monotonic()
        keys, size = copy_store(os.path.join(args.reuse, "gatehouse-data", "gatehouse.db"), etcd)
        row.update(fill="copy of a kept store", fill_s=time.monotonic() - start, fill_keys=keys, fill_mib=size / 2**20)
        return pki, hosts, token, row
    token = os.urandom(24).hex()
    env["GATEHOUSE_ADMIN_TOKEN"] = token
    env["GATEHOUSE_KEYRING"] = b64(os.urandom(32))
    log(f"generating {args.n} certificates")
    pki = Pki(os.path.join(work, "pki"))
    hosts = pki.write(args.n)
    cp = Role(args.dll, work, "control-plane", "control-plane-load", etcd.store, env)
    cp.start()
    try:
        cp.wait_ready()
        admin = Admin(cp.status_port, token)
        log(f"loading {args.n} objects through the Admin API with {args.load_workers} concurrent writers")
        start = time.monotonic()

        def create(host):
            with open(os.path.join(pki.dir, "crt", f"{host}.crt")) as f:
                admin.request("POST", "/api/v1/ssls", {"certificate": f.read(), "private_key": pki.key_pem})
        with futures.ThreadPoolExecutor(args.load_workers) as pool:
            list(pool.map(create, hosts))
        row.update(fill="Admin API", fill_s=time.monotonic() - start, fill_keys=args.n)
    finally:
        cp.stop()
    return pki, hosts, token, row


def started(role, last_host, limit):
    """Start -> ready (control plane) or -> serving LAST_HOST (gateway), then CPU and RSS."""
    role.start()
    if role.kind == "gateway":
        waited = wait_served(role.port, last_host, limit=limit, step=0.05)
        secs = None if waited is None else time.monotonic() - role.started
    else:
        secs = role.wait_ready(limit)
    return {"start_s": secs, "cpu_s": cpu_seconds(role.proc.pid), "rss_mib": rss_mib(role.proc.pid)}


def verify_served(admin, gateways, hosts, count):
    """Both gateways serve, for COUNT hosts (all when COUNT >= N), the certificate the control plane holds."""
    sample = hosts if count >= len(hosts) else random.sample(hosts, count)
    wrong = []

    def check(host):
        _, fp = lookup(admin, host)
        for gw in gateways:
            outcome, served = probe(gw.port, host)
            if outcome != "served" or served != fp:
                wrong.append(f"{gw.name} {host}: {outcome} {served}")
    with futures.ThreadPoolExecutor(4) as pool:
        list(pool.map(check, sample))
    return len(sample), wrong


def write_to_served(admin, pki, gateways, targets, warmup=5):
    """Per PUT rotation: seconds from sending it until each gateway serves the new fingerprint (inf: not within 30 s).
    The first WARMUP rotations are not counted (the first changes JIT-compile the write and apply paths)."""
    out = {gw.name: [] for gw in gateways}
    out["PUT answered"] = []
    with futures.ThreadPoolExecutor(len(gateways)) as pool:
        for i, (oid, host) in enumerate(targets):
            pem, fp = pki.leaf(host, days=random.randrange(300, 365))
            start = time.monotonic()
            answered, _ = admin.request("PUT", f"/api/v1/ssls/{oid}", body(pki, pem))
            waits = pool.map(lambda gw: (wait_served(gw.port, host, fp, limit=30, step=0.002), time.monotonic()), gateways)
            for gw, (waited, at) in zip(gateways, waits):
                if i >= warmup:
                    out[gw.name].append(float("inf") if waited is None else at - start)
            if i >= warmup:
                out["PUT answered"].append(answered)
    return out


class HandshakeLoop(threading.Thread):
    """Sequential handshakes with random SNIs against one gateway until stopped; each answer must be an allowed certificate."""

    def __init__(self, gw, allowed, killed):
        super().__init__(daemon=True)
        self.gw, self.allowed, self.killed, self.stop = gw, allowed, killed, threading.Event()
        self.before = self.after = 0
        self.failures, self.not_run = [], []

    def run(self):
        hosts = list(self.allowed)
        while not self.stop.is_set():
            host = random.choice(hosts)
            outcome, detail = probe(self.gw.port, host)
            if outcome == "not_run":
                self.not_run.append(detail)
                continue
            if outcome != "served" or detail not in self.allowed[host]:
                self.failures.append(f"{time.strftime('%H:%M:%S')} {self.gw.name} {host}: {outcome} {detail}")
            if self.killed.is_set():
                self.after += 1
            else:
                self.before += 1


def rotations_under_kill(admin, pki, etcd, gateways, targets, kill_after):
    """Sequential PUT rotations; the etcd leader is SIGKILLed after KILL_AFTER acknowledged ones."""
    allowed = {host: {fp} for _, host, fp in targets}
    renewed = [(oid, host, *pki.leaf(host, days=random.randrange(300, 365))) for oid, host, _ in targets]
    for _, host, _, fp in renewed:
        allowed[host].add(fp)
    killed = threading.Event()
    loops = [HandshakeLoop(gw, allowed, killed) for gw in gateways]
    for loop in loops:
        loop.start()
    acknowledged, refused, latencies, victim = [], [], [], None
    for i, (oid, host, pem, fp) in enumerate(renewed):
        if len(acknowledged) == kill_after and victim is None:
            member = etcd.leader()
            etcd.kill(member)
            killed.set()
            victim = f"{member['name']} (the Raft leader, 127.0.0.1:{member['client']}) after {kill_after} acknowledged rotations"
            log(f"killed etcd {victim}")
        start = time.monotonic()
        try:
            admin.request("PUT", f"/api/v1/ssls/{oid}", body(pki, pem))
            acknowledged.append((oid, host, fp))
        except Exception as e:  # a refusal (5xx) or a broken connection: not acknowledged, so not a lost write
            refused.append(f"rotation {i} {host}: {str(e)[:200]}")
        latencies.append(time.monotonic() - start)
    # Every acknowledged write is read back from the control plane and served by both gateways.
    lost = []
    for oid, host, fp in acknowledged:
        _, view = admin.request("GET", f"/api/v1/ssls/{oid}")
        if fingerprint(view) != fp:
            lost.append(f"control plane {host}: {fingerprint(view)} != {fp}")
        for gw in gateways:
            if wait_served(gw.port, host, fp, limit=30, step=0.01) is None:
                lost.append(f"{gw.name} {host}: not serving {fp} after 30 s")
    time.sleep(1)  # the loops keep probing the settled state a moment
    for loop in loops:
        loop.stop.set()
    for loop in loops:
        loop.join()
    return {"rotations": len(targets), "acknowledged": len(acknowledged), "refused": len(refused), "lost_writes": len(lost),
            "rotation_p50_ms": pct(latencies, 50) * 1000, "rotation_p99_ms": pct(latencies, 99) * 1000,
            "rotation_max_ms": max(latencies) * 1000, "killed": victim,
            "handshakes": {l.gw.name: {"before_kill": l.before, "after_kill": l.after, "failed": len(l.failures),
                                       "not_run": len(l.not_run)} for l in loops},
            "failed_handshakes": sum(len(l.failures) for l in loops),
            "details": refused[:20] + lost[:20] + [f for l in loops for f in l.failures[:20]] + [n for l in loops for n in l.not_run[:5]]}


def compaction(admin, pki, etcd, gw, other, targets, after):
    """SIGSTOP GW until etcd's keepalive drops its connections, rotate TARGETS, compact past GW's revision, SIGCONT it,
    rotate AFTER: seconds until GW serves that last change (and the earlier ones), and whether it logged a resync."""
    revision = gw.status("/healthz")["revision"]
    with open(gw.log_path) as f:
        resyncs_before = f.read().count("Watch history compacted")
    gw.proc.send_signal(signal.SIGSTOP)
    try:
        time.sleep(6)  # > etcd's keepalive interval + timeout (2 s + 2 s)
        changes = []
        for oid, host in targets:
            _, fp = rotate(admin, pki, oid, host)
            changes.append((host, fp))
        for host, fp in changes:
            if wait_served(other.port, host, fp, limit=30) is None:
                raise RuntimeError(f"{other.name} does not serve {host}'s rotation")
        compacted = etcd.revision()
        etcd.compact(compacted)
    finally:
        resumed = time.monotonic()
        gw.proc.send_signal(signal.SIGCONT)
    oid, host = after
    _, fp = rotate(admin, pki, oid, host)
    waited = wait_served(gw.port, host, fp, limit=120, step=0.01)
    served_s = None if waited is None else time.monotonic() - resumed
    stale = [h for h, f in changes if wait_served(gw.port, h, f, limit=10) is None]
    time.sleep(0.5)
    with open(gw.log_path) as f:
        resynced = f.read().count("Watch history compacted") > resyncs_before
    return {"gateway": gw.name, "gateway_revision": revision, "compacted_at": compacted, "resynced": resynced,
            "resume_to_served_s": served_s, "stale_after_resync": len(stale)}


# ------------------------------------------------------------------------------------------- report
def table(n, result):
    lines = [f"N = {n} ({result['fill']}: {result['fill_s']:.1f} s)", "",
             f"{'process':16}{'start (s)':>12}{'to':>22}{'CPU (s)':>10}{'RSS (MiB)':>11}"]
    for name, row in result["processes"].items():
        to = "/readyz" if name == "control-plane" else "serving the last object"
        start = "-" if row["start_s"] is None else f"{row['start_s']:.2f}"
        lines.append(f"{name:16}{start:>12}{to:>24}{row['cpu_s']:>8.2f}{row['rss_mib']:>11.0f}")
    v = result["verify"]
    lines += ["", f"both gateways serve what the control plane holds: {v['checked'] - v['wrong']} of {v['checked']} hosts checked"
                  f"{' (all N)' if v['checked'] == n else ' (random sample)'}, {v['wrong']} wrong"]
    for name, values in result["write_served_ms"].items():
        if name == "PUT answered":
            lines.append(f"write (PUT) answered (control plane)  p50 {pct(values, 50):7.1f} ms  p99 {pct(values, 99):7.1f} ms")
            continue
        lines.append(f"write (PUT) -> served by {name:10} p50 {pct(values, 50):7.1f} ms  p99 {pct(values, 99):7.1f} ms  ({len(values)} rotations)")
    served = {k: v for k, v in result["write_served_ms"].items() if k != "PUT answered"}
    both = [max(a, b) for a, b in zip(*served.values())]
    lines.append(f"write (PUT) -> served by both       p50 {pct(both, 50):7.1f} ms  p99 {pct(both, 99):7.1f} ms")
    for name, values in served.items():   # the gateway's part: watch delivery, apply, first handshake on the new context
        after = [s - a for s, a in zip(values, result["write_served_ms"]["PUT answered"])]
        lines.append(f"PUT answered -> served by {name:9} p50 {pct(after, 50):7.1f} ms  p99 {pct(after, 99):7.1f} ms")
    lines.append(f"GET /ssls?limit=100 (control plane) p50 {result['list100_p50_ms']:7.1f} ms  p99 {result['list100_p99_ms']:7.1f} ms")
    k = result["kill"]
    lines += ["", f"rotations with an etcd member killed: {k['rotations']} sequential PUTs, killed {k['killed']}",
              f"  acknowledged {k['acknowledged']}, refused {k['refused']}, LOST {k['lost_writes']}; "
              f"PUT p50 {k['rotation_p50_ms']:.1f} ms, p99 {k['rotation_p99_ms']:.1f} ms, max {k['rotation_max_ms']:.0f} ms"]
    for name, h in k["handshakes"].items():
        lines.append(f"  {name}: {h['before_kill']} handshakes before the kill, {h['after_kill']} after, "
                     f"FAILED {h['failed']}, probes that could not run {h['not_run']}")
    lines += [f"  {d}" for d in k["details"][:10]]
    c = result["compaction"]
    served = "not within 120 s" if c["resume_to_served_s"] is None else f"{c['resume_to_served_s']:.2f} s"
    lines += ["", f"compaction at revision {c['compacted_at']} past {c['gateway']}'s revision {c['gateway_revision']} "
                  f"(stopped with SIGSTOP meanwhile): resynced by itself: {'yes' if c['resynced'] else 'NO'}; "
                  f"SIGCONT -> serving a change made after it: {served}; earlier changes stale after it: {c['stale_after_resync']}"]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dll", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--results", required=True)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--reuse", help="a kept n<N>/ directory of bench/scale.sh (KEEP_WORK=1): its store is copied into etcd")
    parser.add_argument("--load-workers", type=int, default=8)
    parser.add_argument("--samples", type=int, default=50, help="write -> served rotations")
    parser.add_argument("--lists", type=int, default=200)
    parser.add_argument("--rotations", type=int, default=200)
    parser.add_argument("--verify", type=int, default=2000, help="hosts checked on both gateways (all when >= N)")
    parser.add_argument("--start-limit", type=float, default=900)
    args = parser.parse_args()

    stamp = time.strftime("%Y-%m-%d-%H%M")
    header = (f"bench/scale_split.py {stamp}  cores={os.cpu_count()}  load at start={' '.join(open('/proc/loadavg').read().split()[:3])}"
              f"  N={args.n}")
    env = dict(os.environ, DOTNET_NOLOGO="1")
    etcd = Etcd(args.work)
    roles = []
    try:
        etcd.start()
        pki, hosts, token, result = fill(args, etcd, args.work, env)
        env["GATEHOUSE_ADMIN_TOKEN"] = token
        cp = Role(args.dll, args.work, "control-plane", "control-plane", etcd.store, env)
        gateways = [Role(args.dll, args.work, "gateway", f"gateway-{c}", etcd.store, env) for c in "ab"]
        roles = [cp, *gateways]
        result["processes"] = {}
        for role in roles:   # one after the other, so each start is measured without the others' CPU
            log(f"starting {role.name}")
            result["processes"][role.name] = started(role, hosts[-1], args.start_limit)
        admin = Admin(cp.status_port, token)

        log("checking that both gateways serve what the control plane holds")
        checked, wrong = verify_served(admin, gateways, hosts, args.verify)
        result["verify"] = {"checked": checked, "wrong": len(wrong), "examples": wrong[:10]}

        samples = args.samples + 5   # 5 warm-up rotations first
        picked = random.sample(hosts[:-1], samples + args.rotations + 6)
        ids = {host: lookup(admin, host) for host in picked}
        log(f"write -> served on both gateways ({args.samples} rotations)")
        served = write_to_served(admin, pki, gateways, [(ids[h][0], h) for h in picked[:samples]])
        result["write_served_ms"] = {name: [v * 1000 for v in values] for name, values in served.items()}
        lists = [admin.request("GET", "/api/v1/ssls?limit=100")[0] for _ in range(args.lists)]
        result["list100_p50_ms"], result["list100_p99_ms"] = pct(lists, 50) * 1000, pct(lists, 99) * 1000

        log(f"{args.rotations} rotations; the etcd leader is killed after {args.rotations // 4}")
        stream = [(ids[h][0], h, ids[h][1]) for h in picked[samples:samples + args.rotations]]
        result["kill"] = rotations_under_kill(admin, pki, etcd, gateways, stream, args.rotations // 4)

        log("compaction past gateway-b's revision")
        rest = [(ids[h][0], h) for h in picked[samples + args.rotations:]]
        result["compaction"] = compaction(admin, pki, etcd, gateways[1], gateways[0], rest[:5], rest[5])
    finally:
        for role in reversed(roles):
            role.stop()
        etcd.stop()

    text = table(args.n, result)
    footer = f"load at end={' '.join(open('/proc/loadavg').read().split()[:3])}  finished {time.strftime('%Y-%m-%d %H:%M')}"
    print(text, flush=True)
    os.makedirs(args.results, exist_ok=True)
    with open(os.path.join(args.results, f"scale-split-{stamp}.txt"), "w") as f:
        f.write(header + "\n\n" + text + "\n\n" + footer + "\n")
    with open(os.path.join(args.results, f"scale-split-{stamp}.json"), "w") as f:
        json.dump({str(args.n): result}, f, indent=1, default=str)
    log(f"wrote {args.results}/scale-split-{stamp}.txt, .json")


if __name__ == "__main__":
    main()
