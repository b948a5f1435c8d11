#!/usr/bin/env python3
"""Counts a process's timed futex waits by their timeout, with strace, to see blocking sleeps such as
Microsoft.Data.Sqlite's Thread.Sleep(150) between retries of a statement that got SQLITE_BUSY (SqliteDataReader.NextResult).

  busy_sleeps.py --pid PID --seconds S --out FILE.json

.NET's Thread.Sleep(ms) on Linux is a futex wait with an absolute CLOCK_MONOTONIC deadline; the relative timeout is that
deadline − the monotonic time of the call (strace -ttt gives the wall time; the offset between the clocks is read here).
Thread-pool threads idling (20 s) and other timers show up too; the 150 ms bin is the one of interest. strace slows the
traced process down: run it only in an unmeasured window.
"""
import argparse
import collections
import json
import re
import subprocess
import tempfile
import time

LINE = re.compile(r"^\d+ +(\d+\.\d+) futex\(0x[0-9a-f]+, FUTEX_WAIT_BITSET_PRIVATE(\|FUTEX_CLOCK_REALTIME)?, \d+, \{tv_sec=(\d+), tv_nsec=(\d+)\}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pid", required=True)
    ap.add_argument("--seconds", type=float, default=15)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    offset = time.time() - time.monotonic()
    with tempfile.NamedTemporaryFile(suffix=".strace") as trace:
        subprocess.run(["timeout", "-s", "INT", str(a.seconds), "strace", "-f", "-ttt", "-e", "trace=futex", "-p", a.pid, "-o", trace.name],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        bins = collections.Counter()
        with open(trace.name) as f:
            for line in f:
                m = LINE.match(line)
                if not m:
                    continue
                deadline = int(m.group(3)) + int(m.group(4)) / 1e9
                if not m.group(2):
                    deadline += offset
                bins[int(round((deadline - float(m.group(1))) * 100)) * 10] += 1  # 10 ms bins
    near150 = sum(v for k, v in bins.items() if 140 <= k <= 150)
    result = {"seconds": a.seconds, "timed_waits": sum(bins.values()), "waits_150ms": near150,
              "bins_10ms": {str(k): v for k, v in sorted(bins.items()) if k < 5000}}
    with open(a.out, "w") as f:
        json.dump(result, f, indent=1)
    print(f"timed futex waits: {result['timed_waits']}, of them with a 140–150 ms timeout: {near150} in {a.seconds:g} s")


if __name__ == "__main__":
    main()
