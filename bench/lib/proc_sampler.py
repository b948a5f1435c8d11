#!/usr/bin/env python3
"""Samples a process until STOP_FILE appears: the peak VmRSS (every INTERVAL seconds) and the CPU of the .NET runtime's
tiered-JIT thread (every 10th sample; see procstat.JitTracker).

Usage: proc_sampler.py PID INTERVAL STOP_FILE
Prints: SAMPLER peak_rss_kib=… jit_ticks=… samples=…
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procstat  # noqa: E402


def main() -> int:
    pid, interval, stop = int(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
    jit = procstat.JitTracker(pid)
    peak, samples, jit_ticks = 0, 0, 0
    while True:
        done = os.path.exists(stop)  # checked first, so one more sample follows the upload's end
        peak = max(peak, procstat.vmrss_kib(pid))
        if samples % 10 == 0 or done:
            jit_ticks = jit.sample()
        samples += 1
        if done:
            break
        time.sleep(interval)
    print(f"SAMPLER peak_rss_kib={peak} jit_ticks={jit_ticks} samples={samples}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
