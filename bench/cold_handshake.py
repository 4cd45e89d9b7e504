#!/usr/bin/env python3
"""CPU of a cold object's first handshake against a warm one's, on a kept bench/scale.py work directory (issue 11).

Usage: python3 bench/cold_handshake.py WORK_DIR [GATEHOUSE_DLL]
WORK_DIR is one N's directory that bench/scale.py kept (KEEP_WORK=1; it holds gatehouse-data/, pki/ and meta.txt).
Gatehouse writes to its data: point this at a copy (cp -r) when the directory must stay as it was.

Prints two measures, server CPU per handshake from /proc (utime+stime of the process tree):
- A (as bench/scale.py measure_static): 200 handshakes to one object, then 200 to never-used objects ("cold"), then 200
  to the first object again ("warm"). The cold figure also holds the JIT tiering of the build path, done then.
- B (steady): after COLD_WARMUP (default 2000) cold handshakes to other objects and a pause, CHUNKS (15) rounds of 20
  cold then 20 warm handshakes, interleaved so that both see the same machine load.
"""
import os
import random
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scale  # noqa: E402


def main():
    work = sys.argv[1]
    dll = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src",
                                                               "Gatehouse", "bin", "Release", "net10.0", "gatehouse.dll")
    warmup, chunks = int(os.environ.get("COLD_WARMUP", "2000")), int(os.environ.get("CHUNKS", "15"))
    with open(os.path.join(work, "meta.txt")) as f:
        token, last = f.read().split()
    n = int(last.split(".")[0][1:]) + 1
    first = "o0.scale.test"
    hosts = [f"o{i}.scale.test" for i in range(1, n)]
    random.seed(int(os.environ.get("SEED", "1")))
    random.shuffle(hosts)
    if len(hosts) < 200 + warmup + 20 * chunks:
        sys.exit(f"{n} objects are too few for COLD_WARMUP={warmup} and CHUNKS={chunks}")
    port, admin, http = scale.free_port(), scale.free_port(), scale.free_port()
    env = dict(os.environ, GATEHOUSE_ADMIN_TOKEN=token, DOTNET_NOLOGO="1")
    cmd = [*scale.gatehouse_command(dll), "up", "--data", os.path.join(work, "gatehouse-data"), "--access-log", "off",
           "--admin-listen", f"127.0.0.1:{admin}", "--http-listen", f"127.0.0.1:{http}", "--https-listen", f"127.0.0.1:{port}"]
    with open(os.path.join(work, "cold_handshake.log"), "w") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        if scale.wait_served(port, last, limit=600, step=0.05) is None:
            sys.exit("Gatehouse did not serve the last object")
        cpu = lambda names: scale.handshake_cpu_ms(proc.pid, port, names)  # noqa: E731
        cpu([first] * 200)
        a_cold, a_warm = cpu(hosts[:200]), cpu([first] * 200)
        cpu(hosts[200:200 + warmup])
        time.sleep(3)
        cold = warm = 0.0
        k = 200 + warmup
        for _ in range(chunks):
            cold += cpu(hosts[k:k + 20])
            warm += cpu([first] * 20)
            k += 20
        print(f"A (bench): cold {a_cold:.2f} ms, warm {a_warm:.2f} ms, ratio {a_cold / a_warm:.2f} | "
              f"B (steady): cold {cold / chunks:.2f} ms, warm {warm / chunks:.2f} ms, ratio {cold / warm:.2f}", flush=True)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(60)


if __name__ == "__main__":
    main()
