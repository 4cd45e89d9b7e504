#!/usr/bin/env python3
"""Restarts `gatehouse up` on a kept store, RUNS times, and prints each start as bench/scale.sh measures it.

    python3 bench/restart.py <kept work dir> <gatehouse.dll or published executable> [RUNS]

The work directory is one that `KEEP_WORK=1 bash bench/scale.sh` left behind (its gatehouse-data/ and meta.txt: the
admin token and the last object's host name). Per run: seconds from the process start until a handshake for the last
object completes (every 50 ms, as scale.sh), the process's CPU, RSS and minor page faults at that moment, and when
/readyz answered (polled every 50 ms after that). It starts and stops Gatehouse with scale.py's own driver (its log
appends to gatehouse.log in the work directory); each process is stopped with SIGTERM before the next starts, so the
store's lock is free again. scale.sh measures one restart among much other work; this repeats only the restart, for
alternated comparisons of two builds on one store.

It also prints what fresh memory costs on this machine (CPU per 4 KiB page first touched, from 256 MiB touched here)
and the start's minor page faults, with what they would cost at that price (an upper bound: a fault on a file's pages
already in the page cache costs less). On some virtual machines first touch is expensive enough to be a large part of
a start that builds a heap of several hundred MiB.
"""
import mmap
import os
import resource
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scale  # noqa: E402  (the probe, process and port helpers)


def minor_faults(pid):
    with open(f"/proc/{pid}/stat") as f:
        return int(f.read().rsplit(")", 1)[1].split()[7])


def restart(work, gatehouse):
    """One start of `gatehouse up` on the kept store, measured as scale.sh's measure_static does."""
    with open(os.path.join(work, "meta.txt")) as f:
        token, last = f.read().split()[:2]
    server = scale.Gatehouse(gatehouse, work, pki=None, token=token)
    server.start(wait_ready=False)
    try:
        served = scale.wait_served(server.port, last, limit=600, step=0.05)
        pid = server.proc.pid
        row = {"served_s": None if served is None else time.monotonic() - server.started, "cpu_s": scale.cpu_seconds(pid),
               "rss_mib": scale.rss_mib(pid), "minflt": minor_faults(pid)}
        row["ready_s"] = None if served is None else server.wait_ready(step=0.05)
        return row
    finally:
        server.stop()


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
