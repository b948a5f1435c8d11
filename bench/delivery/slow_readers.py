#!/usr/bin/env python3
"""Holds many slow readers open against one media URL, then times what the next request gets.

Usage: slow_readers.py --port PORT --path /media/ID/video.mp4 --pid [LABEL=]PID [--pid [LABEL=]PID ...] [--tls]
                       [--count 5000] [--hold 10] [--probes 20] [--recover-wait 15] [--rcvbuf 4096] [--mss 1460]
                       [--connect-concurrency 200] [--timeout 150]

--pid names the server's processes; repeat it with the same LABEL for one server made of several processes (nginx's
master and workers), with another LABEL for another process (the Framecast behind it): memory, CPU and bytes read
are reported per label, each the sum over the label's processes. A bare PID is labelled "server".
--tls speaks TLS (asyncio streams over the same pre-configured socket, certificate not verified: the benchmark's
certificate is self-signed), HTTP/1.1 either way.

Phases, all on 127.0.0.1 and bounded (--timeout for the whole script):
 1. open: --count keep-alive connections (at most --connect-concurrency connecting at once). Each has a small
    SO_RCVBUF and advertises an Internet-sized MSS, sends `GET PATH`, reads until it has the status line, the headers
    and at least one body byte, and then never reads again: the server's write stalls once the socket buffers between
    them are full, and the response stays in flight. (With --tls, the client's own buffers are capped as well, so it
    stops taking bytes off the socket after a few KiB.)
 2. hold: --hold seconds, sampling every 0.5 s each label's VmRSS (summed over its processes), the server's
    established connections on PORT and the kernel's TCP memory (/proc/net/sockstat, pages).
 3. over the limit: --probes more requests, one after the other, each on a new connection, timed from connect to the
    end of the response (for a refusal, its whole body; for a 200, its headers). The first one is request count + 1.
 4. release: closes the held connections at once (RST, unread data), then asks again every 0.1 s (each probe bounded
    by what is left of --recover-wait) until a request is admitted (200), reading each label's /proc/PID/io rchar
    (bytes read, sendfile included) and CPU time over that window.
Prints SLOW_OPEN, SLOW_SAMPLE, SLOW_PROBE, SLOW_AFTER_CLOSE and finally one SLOW_RESULT line of key=value pairs (the
per-label ones end in _LABEL). Exit status 0 even when the server misbehaves: run.sh judges the numbers; 2 on
--timeout, 3 if a --pid is gone at the start.
"""
import argparse
import asyncio
import os
import socket
import ssl
import statistics
import sys
import time

CLK_TCK = os.sysconf("SC_CLK_TCK")
TLS_BUFFER = 8192  # bytes the TLS client buffers (decrypted, and still encrypted) before it stops reading the socket


def _read_proc(pid, name):
    try:
        with open(f"/proc/{pid}/{name}") as f:
            return f.read()
    except (FileNotFoundError, ProcessLookupError):
        return None


def status_kib(pid, key):
    text = _read_proc(pid, "status")
    for line in (text or "").splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def cpu_ticks(pid):
    text = _read_proc(pid, "stat")
    if text is None:
        return 0
    fields = text.rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def rchar(pid):
    text = _read_proc(pid, "io")
    for line in (text or "").splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    return 0


class Groups:
    """Labelled sets of processes; every reading is summed over a label's processes."""

    def __init__(self, specs):
        self.pids = {}
        for spec in specs:
            label, _, pid = spec.rpartition("=")
            self.pids.setdefault(label or "server", []).append(int(pid))

    def labels(self):
        return list(self.pids)

    def all_pids(self):
        return [p for pids in self.pids.values() for p in pids]

    def sum(self, fn, *args):
        return {label: sum(fn(pid, *args) for pid in pids) for label, pids in self.pids.items()}


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


class Conn:
    """One client connection, plain (loop.sock_* on the socket) or TLS (asyncio streams over the same socket)."""

    def __init__(self, loop, sock, reader=None, writer=None):
        self.loop, self.sock, self.reader, self.writer = loop, sock, reader, writer

    @classmethod
    async def open(cls, loop, port, tls, rcvbuf=0, mss=0):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if rcvbuf:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        if mss:
            # Advertise an Internet-sized MSS: over loopback (MTU 64 KiB) the server's kernel would otherwise grow each
            # stalled socket's send buffer towards tcp_wmem's maximum (~4 MiB each measured): gigabytes of kernel memory
            # for 5,000 readers on a shared machine, and nothing a real viewer's connection looks like.
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, mss)
        s.setblocking(False)
        try:
            await loop.sock_connect(s, ("127.0.0.1", port))
            if tls is None:
                return cls(loop, s)
            reader, writer = await asyncio.open_connection(sock=s, ssl=tls, server_hostname="localhost", limit=TLS_BUFFER)
            # Encrypted bytes kept before the socket is no longer read (asyncio's default is 256 KiB per connection).
            writer.transport.set_read_buffer_limits(high=TLS_BUFFER)
            return cls(loop, s, reader, writer)
        except BaseException:
            s.close()
            raise

    async def send(self, data):
        if self.writer is None:
            await self.loop.sock_sendall(self.sock, data)
        else:
            self.writer.write(data)
            await self.writer.drain()

    async def recv(self, n):
        if self.reader is None:
            return await self.loop.sock_recv(self.sock, n)
        return await self.reader.read(n)

    def stop_reading(self):
        if self.writer is not None:
            self.writer.transport.pause_reading()

    def close(self):
        """At once: unread data makes the kernel answer with a reset, as a closed player tab does."""
        if self.writer is None:
            self.sock.close()
        else:
            self.writer.transport.abort()


async def open_reader(loop, port, path, tls, rcvbuf, mss):
    c = await Conn.open(loop, port, tls, rcvbuf, mss)
    try:
        await c.send(request_bytes(path))
        buf = b""
        while True:
            chunk = await c.recv(2048)
            if not chunk:
                raise ConnectionError("closed before the first body byte")
            buf += chunk
            end = buf.find(b"\r\n\r\n")
            if end >= 0 and (len(buf) > end + 4 or not buf.startswith(b"HTTP/1.1 200")):
                break
        c.stop_reading()
        return c, int(buf.split(b" ", 2)[1])
    except BaseException:
        c.close()
        raise


async def probe(loop, port, path, tls):
    """One request on a new connection: (status, seconds from connect to the end of a refusal's body, or to a 200's
    headers; the connection is closed then)."""
    t0 = time.perf_counter()
    c = await Conn.open(loop, port, tls)
    try:
        await c.send(request_bytes(path))
        buf = b""
        while True:
            chunk = await c.recv(65536)
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
        c.close()


def per_label(name, fmt, values):
    return " ".join(("%s_%s=" + fmt) % (name, label, v) for label, v in values.items())


async def run(a, groups, tls):
    loop = asyncio.get_running_loop()
    rss0 = groups.sum(status_kib, "VmRSS")
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
            return await open_reader(loop, a.port, a.path, tls, a.rcvbuf, a.mss)

    t0 = time.perf_counter()
    results = await asyncio.gather(*(one() for _ in range(a.count)), return_exceptions=True)
    open_s = time.perf_counter() - t0
    conns = [r[0] for r in results if not isinstance(r, BaseException)]
    statuses = {}
    for r in results:
        key = type(r).__name__ if isinstance(r, BaseException) else str(r[1])
        statuses[key] = statuses.get(key, 0) + 1
    print("SLOW_OPEN seconds=%.2f statuses=%s" % (open_s, ",".join(f"{k}:{v}" for k, v in sorted(statuses.items()))), flush=True)

    rss_max = {label: 0 for label in groups.labels()}
    mem_max, est_min = -1, None
    ticks_hold0 = groups.sum(cpu_ticks)
    t_hold = time.perf_counter()
    while True:
        rss = groups.sum(status_kib, "VmRSS")
        est = established(a.port)
        mem = tcp_mem_pages()
        rss_max = {label: max(rss_max[label], v) for label, v in rss.items()}
        mem_max = max(mem_max, mem)
        est_min = est if est_min is None else min(est_min, est)
        print("SLOW_SAMPLE t=%.1f %s server_established=%d tcp_mem_pages=%d" % (
            time.perf_counter() - t_hold, per_label("rss_kib", "%d", rss), est, mem), flush=True)
        if time.perf_counter() - t_hold >= a.hold:
            break
        await asyncio.sleep(0.5)
    hold_s = time.perf_counter() - t_hold
    ticks_hold1 = groups.sum(cpu_ticks)
    hold_cpu = {label: (ticks_hold1[label] - ticks_hold0[label]) / CLK_TCK for label in ticks_hold0}

    probes = []
    for i in range(a.probes):
        try:
            status, seconds = await probe(loop, a.port, a.path, tls)
        except (OSError, ssl.SSLError) as e:
            print("SLOW_PROBE_ERROR %s" % e, flush=True)
            status, seconds = -2, 0.0
        probes.append((status, seconds * 1000))
        print("SLOW_PROBE n=%d status=%d ms=%.2f" % (len(conns) + 1 + i, status, seconds * 1000), flush=True)
    est_after_probes = established(a.port)
    rss_end = groups.sum(status_kib, "VmRSS")
    hwm = groups.sum(status_kib, "VmHWM")

    rchar0, ticks0 = groups.sum(rchar), groups.sum(cpu_ticks)
    for c in conns:
        c.close()
    t_close = time.perf_counter()
    recovered_s, last_status, attempts = -1.0, -1, 0
    while True:
        left = a.recover_wait - (time.perf_counter() - t_close)
        if left <= 0:
            break
        attempts += 1
        try:
            status, took = await asyncio.wait_for(probe(loop, a.port, a.path, tls), timeout=left)
        except asyncio.TimeoutError:
            status, took = 0, left
        except (OSError, ssl.SSLError):
            status, took = -2, 0.0
        last_status = status
        print("SLOW_AFTER_CLOSE t=%.2f status=%d ms=%.1f" % (time.perf_counter() - t_close, status, took * 1000), flush=True)
        if status == 200:
            recovered_s = time.perf_counter() - t_close
            break
        await asyncio.sleep(0.1)
    window_s = time.perf_counter() - t_close
    rchar1, ticks1 = groups.sum(rchar), groups.sum(cpu_ticks)
    read_after = {label: rchar1[label] - rchar0[label] for label in rchar0}
    cpu_after = {label: (ticks1[label] - ticks0[label]) / CLK_TCK for label in ticks0}
    # Let asyncio finish the aborted transports' bookkeeping before the loop closes.
    await asyncio.sleep(0.2)

    ms = [m for _, m in probes]
    print(("SLOW_RESULT held=%d ok200=%d not_opened=%d open_s=%.2f %s %s %s %s "
           "est_min=%d est_after_probes=%d tcp_mem0_pages=%d tcp_mem_max_pages=%d hold_s=%.1f %s "
           "probes=%d refused429=%d first_status=%d first_ms=%.2f median_ms=%.2f max_ms=%.2f "
           "recovered_s=%.2f after_close_window_s=%.1f after_close_attempts=%d after_close_last_status=%d %s %s") % (
              len(conns), statuses.get("200", 0), a.count - len(conns), open_s,
              per_label("rss0_kib", "%d", rss0), per_label("rss_max_kib", "%d", rss_max),
              per_label("rss_end_kib", "%d", rss_end), per_label("hwm_kib", "%d", hwm),
              est_min or 0, est_after_probes, mem0, mem_max, hold_s, per_label("hold_cpu_s", "%.2f", hold_cpu),
              len(probes), sum(1 for st, _ in probes if st == 429), probes[0][0] if probes else -1,
              ms[0] if ms else -1, statistics.median(ms) if ms else -1, max(ms) if ms else -1,
              recovered_s, window_s, attempts, last_status,
              per_label("after_close_read_bytes", "%d", read_after), per_label("after_close_cpu_s", "%.2f", cpu_after)),
          flush=True)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--path", required=True)
    p.add_argument("--pid", action="append", required=True, help="[LABEL=]PID; repeat, a label's processes are summed")
    p.add_argument("--tls", action="store_true", help="TLS (certificate not verified), HTTP/1.1")
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
    groups = Groups(a.pid)
    for pid in groups.all_pids():
        if not os.path.exists(f"/proc/{pid}"):
            print(f"SLOW_ERROR no process {pid}", flush=True)
            return 3
    tls = None
    if a.tls:
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        tls.check_hostname = False
        tls.verify_mode = ssl.CERT_NONE
        tls.set_alpn_protocols(["http/1.1"])

    async def bounded():
        await asyncio.wait_for(run(a, groups, tls), timeout=a.timeout)

    try:
        asyncio.run(bounded())
    except asyncio.TimeoutError:
        print("SLOW_ERROR timed out after %.0f s" % a.timeout, flush=True)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
