#!/usr/bin/env python3
"""Holds many slow readers open against one media URL, then times what the next request gets.

Usage: slow_readers.py --port PORT --path /media/ID/original --pid SERVER_PID [--count 5000] [--hold 10]
                       [--probes 20] [--recover-wait 15] [--rcvbuf 4096] [--mss 1460] [--connect-concurrency 200]
                       [--timeout 150]

Phases, all on 127.0.0.1 and bounded (--timeout for the whole script):
 1. open: --count keep-alive connections (at most --connect-concurrency connecting at once). Each has a small
    SO_RCVBUF and advertises an Internet-sized MSS, sends `GET PATH`, reads until it has the status line, the headers
    and at least one body byte, and then never reads again: the server's write stalls once the socket buffers between
    them are full, and the response stays in flight.
 2. hold: --hold seconds, sampling every 0.5 s the server's VmRSS, its established connections on PORT and the
    kernel's TCP memory (/proc/net/sockstat, pages).
 3. over the limit: --probes more requests, one after the other, each on a new connection, timed from connect to the
    end of the response (for a 429, its whole problem body; for a 200, its headers). The first one is request
    count + 1.
 4. release: closes the held connections, then asks again every 0.1 s (each probe bounded by what is left of
    --recover-wait) until a request is admitted (200), reading the server's /proc/PID/io rchar (bytes it read) and its
    CPU time over that window.
Prints SLOW_OPEN, SLOW_SAMPLE, SLOW_PROBE, SLOW_AFTER_CLOSE and finally one SLOW_RESULT line of key=value pairs.
Exit status 0 even when the server misbehaves: run.sh judges the numbers; 2 on --timeout, 3 if --pid is gone.
"""
import argparse
import asyncio
import os
import socket
import statistics
import sys
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")


def status_kib(pid, key):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return -1


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def rchar(pid):
    with open(f"/proc/{pid}/io") as f:
        for line in f:
            if line.startswith("rchar:"):
                return int(line.split()[1])
    return -1


def tcp_mem_pages():
    with open("/proc/net/sockstat") as f:
        for line in f:
            if line.startswith("TCP:"):
                parts = line.split()
                return int(parts[parts.index("mem") + 1])
    return -1


def established(port):
    """Established TCP connections whose local port is PORT (the server's side)."""
    n = 0
    suffix = ":%04X" % port
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(name) as f:
                next(f)
                for line in f:
                    parts = line.split()
                    if parts[3] == "01" and parts[1].endswith(suffix):
                        n += 1
        except OSError:
            pass
    return n


def request_bytes(path):
    return f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: framecast-bench-slow-reader\r\n\r\n".encode()


async def open_reader(loop, port, path, rcvbuf, mss):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    if mss:
        # Advertise an Internet-sized MSS: over loopback (MTU 64 KiB) the server's kernel would otherwise grow each
        # stalled socket's send buffer towards tcp_wmem's maximum (~4 MiB each measured): gigabytes of kernel memory for
        # 5,000 readers on a shared machine, and nothing a real viewer's connection looks like.
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, mss)
    s.setblocking(False)
    try:
        await loop.sock_connect(s, ("127.0.0.1", port))
        await loop.sock_sendall(s, request_bytes(path))
        buf = b""
        while True:
            chunk = await loop.sock_recv(s, 2048)
            if not chunk:
                raise ConnectionError("closed before the first body byte")
            buf += chunk
            end = buf.find(b"\r\n\r\n")
            if end >= 0 and (len(buf) > end + 4 or not buf.startswith(b"HTTP/1.1 200")):
                break
        return s, int(buf.split(b" ", 2)[1])
    except BaseException:
        s.close()
        raise


async def probe(loop, port, path):
    """One request on a new connection: (status, seconds from connect to the end of a refusal's body, or to a 200's
    headers; the connection is closed then)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setblocking(False)
    t0 = time.perf_counter()
    try:
        await loop.sock_connect(s, ("127.0.0.1", port))
        await loop.sock_sendall(s, request_bytes(path))
        buf = b""
        while True:
            chunk = await loop.sock_recv(s, 65536)
            if not chunk:
                return -1, time.perf_counter() - t0
            buf += chunk
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                continue
            head = buf[:end].decode("latin-1").lower().split("\r\n")
            status = int(head[0].split(" ", 2)[1])
            if status == 200:
                return status, time.perf_counter() - t0
            length = 0
            for line in head[1:]:
                if line.startswith("content-length:"):
                    length = int(line.split(":", 1)[1])
            if len(buf) - end - 4 >= length:
                return status, time.perf_counter() - t0
    finally:
        s.close()


async def run(a):
    loop = asyncio.get_running_loop()
    pid = a.pid
    rss0 = status_kib(pid, "VmRSS")
    mem0 = tcp_mem_pages()
    mem_guard = a.tcp_mem_guard
    gate = asyncio.Semaphore(a.connect_concurrency)
    stopped = False

    async def one():
        nonlocal stopped
        async with gate:
            # Stop opening more if the kernel's TCP memory nears its pressure threshold: other people's connections
            # on this machine would feel it.
            if stopped or (mem_guard and tcp_mem_pages() > mem_guard):
                stopped = True
                raise RuntimeError("tcp_mem_guard")
            return await open_reader(loop, a.port, a.path, a.rcvbuf, a.mss)

    t0 = time.perf_counter()
    results = await asyncio.gather(*(one() for _ in range(a.count)), return_exceptions=True)
    open_s = time.perf_counter() - t0
    socks = [r[0] for r in results if not isinstance(r, BaseException)]
    statuses = {}
    for r in results:
        key = type(r).__name__ if isinstance(r, BaseException) else str(r[1])
        statuses[key] = statuses.get(key, 0) + 1
    print("SLOW_OPEN seconds=%.2f statuses=%s" % (open_s, ",".join(f"{k}:{v}" for k, v in sorted(statuses.items()))), flush=True)

    rss_max, mem_max, est_min = -1, -1, None
    ticks_hold0 = cpu_ticks(pid)
    t_hold = time.perf_counter()
    while True:
        rss = status_kib(pid, "VmRSS")
        est = established(a.port)
        mem = tcp_mem_pages()
        rss_max, mem_max = max(rss_max, rss), max(mem_max, mem)
        est_min = est if est_min is None else min(est_min, est)
        print("SLOW_SAMPLE t=%.1f rss_kib=%d server_established=%d tcp_mem_pages=%d" % (time.perf_counter() - t_hold, rss, est, mem), flush=True)
        if time.perf_counter() - t_hold >= a.hold:
            break
        await asyncio.sleep(0.5)
    hold_s = time.perf_counter() - t_hold
    hold_cpu_s = (cpu_ticks(pid) - ticks_hold0) / CLK_TCK

    probes = []
    for i in range(a.probes):
        status, seconds = await probe(loop, a.port, a.path)
        probes.append((status, seconds * 1000))
        print("SLOW_PROBE n=%d status=%d ms=%.2f" % (len(socks) + 1 + i, status, seconds * 1000), flush=True)
    est_after_probes = established(a.port)
    rss_end = status_kib(pid, "VmRSS")
    hwm = status_kib(pid, "VmHWM")

    rchar0, ticks0 = rchar(pid), cpu_ticks(pid)
    for s in socks:
        s.close()
    t_close = time.perf_counter()
    recovered_s, last_status, attempts = -1.0, -1, 0
    while True:
        left = a.recover_wait - (time.perf_counter() - t_close)
        if left <= 0:
            break
        attempts += 1
        try:
            status, took = await asyncio.wait_for(probe(loop, a.port, a.path), timeout=left)
        except asyncio.TimeoutError:
            status, took = 0, left
        last_status = status
        print("SLOW_AFTER_CLOSE t=%.2f status=%d ms=%.1f" % (time.perf_counter() - t_close, status, took * 1000), flush=True)
        if status == 200:
            recovered_s = time.perf_counter() - t_close
            break
        await asyncio.sleep(0.1)
    window_s = time.perf_counter() - t_close
    read_after = rchar(pid) - rchar0
    cpu_after = (cpu_ticks(pid) - ticks0) / CLK_TCK

    ms = [m for _, m in probes]
    print(("SLOW_RESULT held=%d ok200=%d not_opened=%d open_s=%.2f rss0_kib=%d rss_max_kib=%d rss_end_kib=%d hwm_kib=%d "
           "est_min=%d est_after_probes=%d tcp_mem0_pages=%d tcp_mem_max_pages=%d hold_s=%.1f hold_cpu_s=%.2f "
           "probes=%d refused429=%d first_status=%d first_ms=%.2f median_ms=%.2f max_ms=%.2f "
           "recovered_s=%.2f after_close_window_s=%.1f after_close_attempts=%d after_close_last_status=%d "
           "after_close_read_bytes=%d after_close_cpu_s=%.2f") % (
              len(socks), statuses.get("200", 0), a.count - len(socks), open_s, rss0, rss_max, rss_end, hwm,
              est_min or 0, est_after_probes, mem0, mem_max, hold_s, hold_cpu_s,
              len(probes), sum(1 for st, _ in probes if st == 429), probes[0][0] if probes else -1,
              ms[0] if ms else -1, statistics.median(ms) if ms else -1, max(ms) if ms else -1,
              recovered_s, window_s, attempts, last_status, read_after, cpu_after), flush=True)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--path", required=True)
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--count", type=int, default=5000)
    p.add_argument("--hold", type=float, default=10)
    p.add_argument("--probes", type=int, default=20)
    p.add_argument("--recover-wait", type=float, default=15)
    p.add_argument("--rcvbuf", type=int, default=4096)
    p.add_argument("--mss", type=int, default=1460)
    p.add_argument("--connect-concurrency", type=int, default=200)
    p.add_argument("--tcp-mem-guard", type=int, default=0, help="stop opening above this many pages of TCP memory")
    p.add_argument("--timeout", type=float, default=150)
    a = p.parse_args()
    if not os.path.exists(f"/proc/{a.pid}"):
        print(f"SLOW_ERROR no process {a.pid}", flush=True)
        return 3

    async def bounded():
        await asyncio.wait_for(run(a), timeout=a.timeout)

    try:
        asyncio.run(bounded())
    except asyncio.TimeoutError:
        print("SLOW_ERROR timed out after %.0f s" % a.timeout, flush=True)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
