#!/usr/bin/env python3
"""Many low-latency HLS viewers of one rendition, for bench/live. Each loops like hls.js in low-latency mode on two
keep-alive HTTP/1.1 connections: on one, a blocking playlist request for the next part
(`index.m3u8?_HLS_msn=M&_HLS_part=N`), and as soon as it is answered the next one; on the other (unless --no-parts),
a GET of the part each answer added (queued behind the previous part's download if that is still going on).

What it measures, per part (a "round": every viewer asking for the same M/N): the server never says when a part
landed, so the earliest answer of the round stands for it, and each held request's delay is its answer's time minus
that first answer's. Only requests sent before that first answer count as held (a viewer that came late got its
answer at once and is counted apart). Answer times are the kernel's receive timestamps of the answer's first bytes
(SO_TIMESTAMPNS), so this client's own CPU time does not add to them while it works through a burst of 1,000 answers.

Standard library only. Usage:
  viewers.py --url http://127.0.0.1:PORT/live/USER/RENDITION/index.m3u8 --viewers 1000 --warmup 5 --duration 20
Prints one line "VIEWERS key=value ..." and writes --json if given.
"""
import argparse
import json
import os
import selectors
import socket
import struct
import sys
import time
from urllib.parse import urlsplit

SO_TIMESTAMPNS = 35  # asm-generic (x86_64, arm64): SO_TIMESTAMPNS_OLD; the control message has the same number
CMSG_SPACE = socket.CMSG_SPACE(16)


def next_part(body):
    """(msn, part) of the next part after the last one a media playlist lists, and that last part's URI."""
    seq_at = body.find(b"#EXT-X-MEDIA-SEQUENCE:")
    if seq_at < 0:
        return None, None
    seq = int(body[seq_at + 22:body.index(b"\n", seq_at)])
    complete = body.count(b"#EXTINF:")
    last_inf = body.rfind(b"#EXTINF:")
    tail = body[last_inf:] if last_inf >= 0 else body
    parts = tail.count(b"#EXT-X-PART:")
    uri = None
    last_part = body.rfind(b"#EXT-X-PART:")
    if last_part >= 0:
        line = body[last_part:body.index(b"\n", last_part)]
        at = line.find(b'URI="')
        if at >= 0:
            uri = line[at + 5:line.index(b'"', at + 5)].decode()
    return (seq + complete, parts), uri


class Conn:
    """One keep-alive connection: a viewer's playlist connection or its part connection."""
    __slots__ = ("viewer", "role", "sock", "state", "buf", "out", "kind", "key", "sent_at", "first_at", "status",
                 "chunked", "body_len", "headers_done", "busy")

    def __init__(self, viewer, role):
        self.viewer, self.role = viewer, role
        self.sock = None
        self.buf = bytearray()
        self.busy = False


class Viewer:
    __slots__ = ("playlist", "part", "queue")

    def __init__(self):
        self.playlist = Conn(self, "playlist")
        self.part = Conn(self, "part")
        self.queue = []  # part URIs waiting for the part connection


class Load:
    def __init__(self, args):
        u = urlsplit(args.url)
        self.host, self.port = u.hostname, u.port or 80
        self.path = u.path
        self.base = self.path.rsplit("/", 1)[0] + "/"
        self.args = args
        self.sel = selectors.DefaultSelector()
        self.rounds = {}        # (msn, part) -> list of (sent_at, answered_at, status)
        self.late = 0           # answers to requests sent after the round's first answer (not held)
        self.statuses = {}
        self.errors = {}
        self.part_bytes = 0
        self.parts = 0
        self.part_backlog = 0   # parts that had to wait for the previous part's download on their viewer
        self.recording_from = None
        self.stop_at = None

    def request(self, c, target, kind, key=None):
        c.out = (f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                 f"User-Agent: bench-live-viewers\r\n\r\n").encode()
        c.kind, c.key, c.busy = kind, key, True
        c.headers_done, c.first_at, c.status, c.chunked, c.body_len = False, None, 0, False, -1
        c.buf.clear()
        if c.state != "open":
            return  # sent once connected
        c.sent_at = time.time()
        try:
            n = c.sock.send(c.out)
        except (BlockingIOError, InterruptedError):
            n = 0
        except OSError as e:
            self.fail(c, type(e).__name__)
            return
        c.out = c.out[n:]
        self.sel.modify(c.sock, selectors.EVENT_READ | (selectors.EVENT_WRITE if c.out else 0), c)

    def playlist_request(self, c, key):
        if key is None:
            self.request(c, self.path, "first")
        else:
            self.request(c, f"{self.path}?_HLS_msn={key[0]}&_HLS_part={key[1]}", "held", key)

    def connect(self, c):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        s.setblocking(False)
        try:
            s.connect((self.host, self.port))
        except BlockingIOError:
            pass
        c.sock = s
        c.state = "connecting"
        self.sel.register(s, selectors.EVENT_WRITE, c)

    def fail(self, c, why):
        self.errors[why] = self.errors.get(why, 0) + 1
        try:
            self.sel.unregister(c.sock)
        except (KeyError, ValueError):
            pass
        c.sock.close()
        c.sock, c.busy = None, False
        if time.time() < self.stop_at - 1:
            # Come back like a player would: a playlist connection starts over, a part connection goes on with
            # the parts still queued.
            self.connect(c)
            if c.role == "playlist":
                self.playlist_request(c, None)
            elif c.viewer.queue:
                self.request(c, c.viewer.queue.pop(0), "part")

    def on_writable(self, c):
        if c.state == "connecting":
            err = c.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if err:
                self.fail(c, os.strerror(err))
                return
            c.state = "open"
            if c.busy:
                c.sent_at = time.time()
            else:
                self.sel.modify(c.sock, selectors.EVENT_READ, c)
                return
        try:
            n = c.sock.send(c.out)
        except (BlockingIOError, InterruptedError):
            return
        except OSError as e:
            self.fail(c, type(e).__name__)
            return
        c.out = c.out[n:]
        if not c.out:
            self.sel.modify(c.sock, selectors.EVENT_READ, c)

    def on_readable(self, c):
        try:
            data, anc, _, _ = c.sock.recvmsg(262144, CMSG_SPACE)
        except (BlockingIOError, InterruptedError):
            return
        except OSError as e:
            self.fail(c, type(e).__name__)
            return
        if not data:
            self.fail(c, "closed by server")
            return
        if c.first_at is None:
            c.first_at = time.time()
            for level, kind, payload in anc:
                if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(payload) >= 16:
                    sec, nsec = struct.unpack("qq", payload[:16])
                    c.first_at = sec + nsec / 1e9
        c.buf += data
        self.parse(c)

    def parse(self, c):
        if not c.headers_done:
            end = c.buf.find(b"\r\n\r\n")
            if end < 0:
                return
            head = bytes(c.buf[:end]).decode("latin-1").split("\r\n")
            c.status = int(head[0].split()[1])
            for line in head[1:]:
                name, _, value = line.partition(":")
                name = name.strip().lower()
                if name == "content-length":
                    c.body_len = int(value)
                elif name == "transfer-encoding" and "chunked" in value.lower():
                    c.chunked = True
            del c.buf[:end + 4]
            c.headers_done = True
            if not c.chunked and c.body_len < 0:
                c.body_len = 0
        if c.chunked:
            body = self.dechunk(c.buf)
            if body is None:
                return
        else:
            if len(c.buf) < c.body_len:
                return
            body = bytes(c.buf[:c.body_len])
        c.busy = False
        self.done(c, body)

    @staticmethod
    def dechunk(buf):
        out, at = bytearray(), 0
        while True:
            eol = buf.find(b"\r\n", at)
            if eol < 0:
                return None
            size = int(bytes(buf[at:eol]).split(b";")[0], 16)
            if size == 0:
                return bytes(out) if buf.find(b"\r\n", eol + 2) >= 0 else None
            if len(buf) < eol + 2 + size + 2:
                return None
            out += buf[eol + 2:eol + 2 + size]
            at = eol + 2 + size + 2

    def done(self, c, body):
        self.statuses[c.status] = self.statuses.get(c.status, 0) + 1
        if time.time() >= self.stop_at:
            self.sel.unregister(c.sock)
            c.sock.close()
            c.sock = None
            return
        v = c.viewer
        if c.role == "part":
            self.parts += 1
            self.part_bytes += len(body)
            if v.queue:
                self.request(c, v.queue.pop(0), "part")
            return
        if c.kind == "held" and self.recording_from is not None and c.sent_at >= self.recording_from:
            self.rounds.setdefault(c.key, []).append((c.sent_at, c.first_at, c.status))
        if c.status != 200:
            # 503 (held too long) or 400: start again from a plain playlist request.
            self.playlist_request(c, None)
            return
        key, uri = next_part(body)
        if key is None:
            self.playlist_request(c, None)
            return
        # Like hls.js: the next blocking reload at once, and the part this answer added on the other connection.
        self.playlist_request(c, key)
        if self.args.parts and uri is not None and c.kind == "held":
            if v.part.sock is None:
                self.connect(v.part)
            if v.part.busy:
                v.queue.append(self.base + uri)
                self.part_backlog += 1
            else:
                self.request(v.part, self.base + uri, "part")

    def run(self):
        a = self.args
        viewers = [Viewer() for _ in range(a.viewers)]
        start = time.time()
        self.recording_from = start + a.ramp + a.warmup
        self.stop_at = self.recording_from + a.duration
        opened = 0
        while True:
            now = time.time()
            if now >= self.stop_at + 3 or (now >= self.stop_at and not self.sel.get_map()):
                break
            # Open the viewers evenly over the ramp.
            due = a.viewers if a.ramp <= 0 else min(a.viewers, int((now - start) / a.ramp * a.viewers) + 1)
            while opened < due:
                c = viewers[opened].playlist
                self.connect(c)
                self.playlist_request(c, None)
                opened += 1
            for key, events in self.sel.select(timeout=0.05):
                c = key.data
                if events & selectors.EVENT_WRITE:
                    self.on_writable(c)
                elif events & selectors.EVENT_READ:
                    self.on_readable(c)
        for v in viewers:
            for c in (v.playlist, v.part):
                if c.sock is not None:
                    c.sock.close()
        return self.report()

    def report(self):
        delays, held, first = [], 0, []
        for key, answers in self.rounds.items():
            ok = [(s, t) for s, t, status in answers if status == 200]
            if not ok:
                continue
            landing = min(t for _, t in ok)
            for sent, answered in ok:
                if sent < landing:
                    delays.append((answered - landing) * 1000)
                    held += 1
                else:
                    self.late += 1
            first.append(landing)
        delays.sort()

        def q(p):
            return round(delays[min(len(delays) - 1, max(0, int(p * len(delays) + 0.5) - 1))], 1) if delays else None
        gaps = sorted(b - a for a, b in zip(sorted(first), sorted(first)[1:]))
        return {
            "viewers": self.args.viewers, "rounds": len(self.rounds), "held": held, "late": self.late,
            "p50_ms": q(0.50), "p90_ms": q(0.90), "p99_ms": q(0.99), "max_ms": round(delays[-1], 1) if delays else None,
            "statuses": self.statuses, "errors": self.errors, "parts": self.parts,
            "part_mb": round(self.part_bytes / 1e6, 1), "part_backlog": self.part_backlog,
            "median_part_interval_ms": round(gaps[len(gaps) // 2] * 1000, 1) if gaps else None,
        }


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--viewers", type=int, default=1000)
    p.add_argument("--ramp", type=float, default=3.0, help="seconds over which the connections are opened")
    p.add_argument("--warmup", type=float, default=5.0, help="seconds after the ramp before recording")
    p.add_argument("--duration", type=float, default=20.0)
    p.add_argument("--no-parts", dest="parts", action="store_false", help="playlists only, no part downloads")
    p.add_argument("--json")
    args = p.parse_args()
    result = Load(args).run()
    result["parts_fetched"] = args.parts
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f)
    print("VIEWERS " + " ".join(f"{k}={json.dumps(v, separators=(',', ':'))}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
