#!/usr/bin/env python3
"""Restarts `gatehouse up` on a kept store, RUNS times, and prints each start as bench/scale.sh measures it.

    python3 bench/restart.py <kept work dir> <gatehouse.dll or published executable> [RUNS]

The work directory is one that `KEEP_WORK=1 bash bench/scale.sh` left behind (its gatehouse-data/ and meta.txt: the
admin token and the last object's host name). Per run: seconds from the process start until a handshake for the last
object completes (every 50 ms, as scale.sh), the process's CPU and RSS at that moment, and when /readyz answered
(polled beside it every 50 ms). Each process is stopped with SIGTERM (SIGKILL after 60 s) before the next starts, so the
store's lock is free again. scale.sh measures one restart among much other work; this repeats only the restart, for
alternated comparisons of two builds on one store.

It also prints what fresh memory costs on this machine (CPU per 4 KiB page first touched, from 256 MiB touched here)
and the start's minor page faults, with what they would cost at that price (an upper bound: a fault on a file's pages
already in the page cache costs less). On some virtual machines first touch is expensive enough to be a large part of
a start that builds a heap of several hundred MiB.
"""
import http.client
import mmap
import os
import resource
import signal
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scale  # noqa: E402  (the probe, process and port helpers)


def minor_faults(pid):
    with open(f"/proc/{pid}/stat") as f:
        return int(f.read().rsplit(")", 1)[1].split()[7])


def restart(work, gatehouse):
    with open(os.path.join(work, "meta.txt")) as f:
        token, last = f.read().split()[:2]
    https, admin, http_port = scale.free_port(), scale.free_port(), scale.free_port()
    env = dict(os.environ, GATEHOUSE_ADMIN_TOKEN=token, DOTNET_NOLOGO="1")
    command = [*scale.gatehouse_command(gatehouse), "up", "--data", os.path.join(work, "gatehouse-data"),
               "--access-log", "off", "--admin-listen", f"127.0.0.1:{admin}",
               "--http-listen", f"127.0.0.1:{http_port}", "--https-listen", f"127.0.0.1:{https}"]
    with open(os.path.join(work, "restart.log"), "a") as log:
        started = time.monotonic()
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
        ready = {}

        def poll_ready():
            while proc.poll() is None and time.monotonic() - started < 600:
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", admin, timeout=5)
                    conn.request("GET", "/readyz")
                    response = conn.getresponse()
                    response.read()
                    if response.status == 200:
                        ready["s"] = time.monotonic() - started
                        return
                except (OSError, http.client.HTTPException):
                    pass
                time.sleep(0.05)

        poller = threading.Thread(target=poll_ready, daemon=True)
        poller.start()
        try:
            served = scale.wait_served(https, last, limit=600, step=0.05)
            served_s = None if served is None else time.monotonic() - started
            row = {"served_s": served_s, "cpu_s": scale.cpu_seconds(proc.pid), "rss_mib": scale.rss_mib(proc.pid),
                   "minflt": minor_faults(proc.pid)}
            poller.join(60)
            row["ready_s"] = ready.get("s")
            return row
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def fresh_page_cost_us(mib=256):
    """CPU microseconds per 4 KiB page the first time this process touches fresh anonymous memory."""
    size = mib << 20
    area = mmap.mmap(-1, size)
    before = resource.getrusage(resource.RUSAGE_SELF)
    for offset in range(0, size, 4096):
        area[offset] = 1
    after = resource.getrusage(resource.RUSAGE_SELF)
    area.close()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu * 1e6 / max(1, after.ru_minflt - before.ru_minflt)


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    work, gatehouse = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    page_us = fresh_page_cost_us()
    print(f"fresh memory on this machine: {page_us:.1f} us of CPU per 4 KiB page first touched", flush=True)
    rows = []
    for i in range(runs):
        row = restart(work, gatehouse)
        rows.append(row)
        fmt = lambda v, spec: "-" if v is None else format(v, spec)  # noqa: E731
        print(f"run {i + 1}: last object served {fmt(row['served_s'], '.2f')} s, CPU {row['cpu_s']:.2f} s, "
              f"RSS {row['rss_mib']:.0f} MiB, {row['minflt']} minor faults (at most {row['minflt'] * page_us / 1e6:.1f} s at that cost); "
              f"/readyz {fmt(row['ready_s'], '.2f')} s", flush=True)
    served = [r["served_s"] for r in rows if r["served_s"] is not None]
    if served:
        print(f"median of {len(served)}: served {statistics.median(served):.2f} s, "
              f"CPU {statistics.median(r['cpu_s'] for r in rows):.2f} s")


if __name__ == "__main__":
    main()
