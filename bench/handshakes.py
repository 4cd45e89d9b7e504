#!/usr/bin/env python3
"""Full TLS handshakes per second against 127.0.0.1:PORT with a given SNI, never resuming.

Each worker process loops: TCP connect, TLS handshake (fresh SSLContext session, no ticket reuse),
close. Bounded by --seconds and --max per worker. Prints one line: 'handshakes=N errors=E seconds=S rate=R'.
The client does not verify the certificate (like `openssl s_time`), so both sides pay the same work
for every server measured.
"""
import argparse, multiprocessing, socket, ssl, time


def worker(port, sni, seconds, max_count, tls, out):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.options |= ssl.OP_NO_TICKET
    if tls == "1.2":
        ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    elif tls == "1.3":
        ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ok = err = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and ok + err < max_count:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5) as raw:
                raw.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                with ctx.wrap_socket(raw, server_hostname=sni) as s:  # handshake happens here; no session= passed
                    if s.session_reused:
                        raise RuntimeError("session reused")
            ok += 1
        except Exception:
            err += 1
    out.put((ok, err))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--sni", required=True)
    p.add_argument("--seconds", type=float, default=10)
    p.add_argument("--procs", type=int, default=2)
    p.add_argument("--max", type=int, default=200000, help="per worker")
    p.add_argument("--tls", choices=["1.2", "1.3", "any"], default="any")
    a = p.parse_args()
    q = multiprocessing.Queue()
    start = time.monotonic()
    ps = [multiprocessing.Process(target=worker, args=(a.port, a.sni, a.seconds, a.max, a.tls, q)) for _ in range(a.procs)]
    for x in ps:
        x.start()
    results = [q.get(timeout=a.seconds + 60) for _ in ps]
    for x in ps:
        x.join(timeout=10)
    elapsed = time.monotonic() - start
    ok = sum(r[0] for r in results)
    err = sum(r[1] for r in results)
    print(f"handshakes={ok} errors={err} seconds={elapsed:.2f} rate={ok / elapsed:.1f}")


if __name__ == "__main__":
    main()
