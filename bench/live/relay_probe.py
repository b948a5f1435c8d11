#!/usr/bin/env python3
"""The relay's own delay per request, for bench/live: the same request sent at the same moment to the ingesting node
(A, which holds the broadcast) and to a relaying node (B, which passes it to A and streams A's answer back), on one
keep-alive HTTP/1.1 connection to each, like a player's. Per round, three pairs, one after the other:

  playlist  a blocking media playlist request for the next part (`_HLS_msn`/`_HLS_part`): both held until it lands
  part      the last part that answer lists, already in A's memory: not held (the relay's per-request cost alone)
  hint      the part that answer's EXT-X-PRELOAD-HINT names: both held until it exists
then a plain reload of the playlist (not recorded), so that the next round's blocking request is held again.

For each request: from sending it to the answer's first and last byte, with the answer's times taken from the kernel's
receive timestamps (SO_TIMESTAMPNS), so this script's own CPU does not add to them. A held pair waits for the same
event on A, so B − A of the pair is what the relay adds. Which node is sent to first alternates by round.

Standard library only. Usage:
  relay_probe.py --a http://127.0.0.1:PORT_A --b http://127.0.0.1:PORT_B --path /live/USER/SESSION/REND/index.m3u8
                 --rounds 50 [--json FILE]
Prints one line "RELAY key=value ..." and writes --json if given.
"""
import argparse
import json
import math
import re
import selectors
import socket
import struct
import sys
import time
from urllib.parse import urlsplit

SO_TIMESTAMPNS = 35  # asm-generic (x86_64, arm64), as in viewers.py
CMSG_SPACE = socket.CMSG_SPACE(16)
KINDS = ("playlist", "part", "hint")


class Conn:
    """One keep-alive connection to one node; one request at a time."""

    def __init__(self, url):
        u = urlsplit(url)
        self.host, self.port = u.hostname, u.port or 80
        self.sock = None

    def open(self):
        s = socket.create_connection((self.host, self.port), timeout=10)
        s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        s.setblocking(False)
        self.sock = s

    def send(self, target):
        if self.sock is None:
            self.open()
        self.buf = bytearray()
        self.status, self.body_len, self.chunked, self.head_end = 0, -1, False, -1
        self.first_at = self.last_at = None
        self.done = False
        self.sock.setblocking(True)
        self.sent_at = time.time()
        self.sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nUser-Agent: bench-live-relay-probe\r\n\r\n".encode())
        self.sock.setblocking(False)

    def on_readable(self):
        try:
            data, anc, _, _ = self.sock.recvmsg(262144, CMSG_SPACE)
        except (BlockingIOError, InterruptedError):
            return
        if not data:
            raise ConnectionError("closed by the server")
        at = time.time()
        for level, kind, payload in anc:
            if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(payload) >= 16:
                sec, nsec = struct.unpack("qq", payload[:16])
                at = sec + nsec / 1e9
        if self.first_at is None:
            self.first_at = at
        self.last_at = at
        self.buf += data
        if self.head_end < 0:
            end = self.buf.find(b"\r\n\r\n")
            if end < 0:
                return
            self.head_end = end + 4
            head = bytes(self.buf[:end]).decode("latin-1").split("\r\n")
            self.status = int(head[0].split()[1])
            for line in head[1:]:
                name, _, value = line.partition(":")
                name = name.strip().lower()
                if name == "content-length":
                    self.body_len = int(value)
                elif name == "transfer-encoding" and "chunked" in value.lower():
                    self.chunked = True
        body = self.buf[self.head_end:]
        if self.chunked:
            if body.endswith(b"0\r\n\r\n"):
                self.done = True
        elif self.body_len >= 0 and len(body) >= self.body_len:
            self.done = True

    def body(self):
        raw = bytes(self.buf[self.head_end:])
        if not self.chunked:
            return raw
        out, at = bytearray(), 0
        while True:
            eol = raw.index(b"\r\n", at)
            size = int(raw[at:eol].split(b";")[0], 16)
            if size == 0:
                return bytes(out)
            out += raw[eol + 2:eol + 2 + size]
            at = eol + 2 + size + 2


def exchange(pair, target, a_first, timeout=10.0):
    """Sends target on both connections (A first or B first) and waits for both answers."""
    order = pair if a_first else pair[::-1]
    for c in order:
        c.send(target)
    sel = selectors.DefaultSelector()
    for c in pair:
        sel.register(c.sock, selectors.EVENT_READ, c)
    deadline = time.time() + timeout
    try:
        while not all(c.done for c in pair):
            if time.time() > deadline:
                raise TimeoutError(f"no complete answer to {target} within {timeout} s")
            for key, _ in sel.select(timeout=0.5):
                c = key.data
                if not c.done:
                    c.on_readable()
    finally:
        sel.close()
    return [{"status": c.status, "first_ms": (c.first_at - c.sent_at) * 1000, "last_ms": (c.last_at - c.sent_at) * 1000,
             "bytes": len(c.buf) - c.head_end} for c in pair]


def next_part(text):
    """(msn, part) of the part after the last one listed, the last part's URI and the preload hint's URI."""
    seq = int(re.search(r"#EXT-X-MEDIA-SEQUENCE:(\d+)", text).group(1))
    complete = text.count("#EXTINF:")
    tail = text[text.rfind("#EXTINF:"):] if "#EXTINF:" in text else text
    parts = tail.count("#EXT-X-PART:")
    last = re.findall(r'#EXT-X-PART:[^\n]*URI="([^"]+)"', text)
    hint = re.search(r'#EXT-X-PRELOAD-HINT:[^\n]*TYPE=PART[^\n]*URI="([^"]+)"', text)
    return (seq + complete, parts), (last[-1] if last else None), (hint.group(1) if hint else None)


def pct(values, p):
    v = sorted(values)
    return round(v[max(0, min(len(v) - 1, math.ceil(p * len(v)) - 1))], 1) if v else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--a", required=True, help="the ingesting node's base URL")
    ap.add_argument("--b", required=True, help="the relaying node's base URL")
    ap.add_argument("--path", required=True, help="a media playlist's path, e.g. /live/USER/SESSION/source/index.m3u8")
    ap.add_argument("--rounds", type=int, default=50)
    ap.add_argument("--json")
    args = ap.parse_args()
    base = args.path.rsplit("/", 1)[0] + "/"
    pair = [Conn(args.a), Conn(args.b)]
    samples = {k: [] for k in KINDS}  # kind -> [(a, b)] of answer records
    errors = {}
    # A plain playlist first (also opens both connections and lets B look the broadcast up before the rounds).
    answers = exchange(pair, args.path, True)
    text = None
    for c in pair:
        if c.status == 200:
            text = c.body().decode()
    if text is None or "#EXT-X-PART:" not in text:
        print(f"RELAY error: the playlist answered {[c.status for c in pair]}", file=sys.stderr)
        return 1
    started = time.time()
    for r in range(args.rounds):
        a_first = r % 2 == 0
        try:
            key, _, _ = next_part(text)
            target = f"{args.path}?_HLS_msn={key[0]}&_HLS_part={key[1]}"
            answers = exchange(pair, target, a_first)
            if not all(x["status"] == 200 for x in answers):
                errors[f"playlist {answers[0]['status']}/{answers[1]['status']}"] = errors.get(f"playlist {answers[0]['status']}/{answers[1]['status']}", 0) + 1
                answers = exchange(pair, args.path, a_first)
                text = pair[0].body().decode()
                continue
            samples["playlist"].append(answers)
            text = pair[0].body().decode()
            _, last, hint = next_part(text)
            for kind, uri in (("part", last), ("hint", hint)):
                if uri is None:
                    continue
                answers = exchange(pair, base + uri, a_first)
                if all(x["status"] == 200 for x in answers):
                    samples[kind].append(answers)
                else:
                    name = f"{kind} {answers[0]['status']}/{answers[1]['status']}"
                    errors[name] = errors.get(name, 0) + 1
            # The hinted part now exists: a plain reload (not recorded), so the next round's blocking request asks
            # for the part after it and is held again.
            exchange(pair, args.path, a_first)
            text = pair[0].body().decode()
        except (OSError, TimeoutError, ValueError, AttributeError) as e:
            errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1
            for c in pair:
                if c.sock is not None:
                    c.sock.close()
                    c.sock = None
            exchange(pair, args.path, True)
            text = pair[0].body().decode()
    result = {"rounds": args.rounds, "seconds": round(time.time() - started, 1), "errors": errors}
    for kind in KINDS:
        s = samples[kind]
        a = [x[0]["last_ms"] for x in s]
        b = [x[1]["last_ms"] for x in s]
        d = [x[1]["last_ms"] - x[0]["last_ms"] for x in s]
        d_first = [x[1]["first_ms"] - x[0]["first_ms"] for x in s]
        result[kind] = {
            "n": len(s), "bytes": round(sum(x[0]["bytes"] for x in s) / len(s)) if s else None,
            "a_median": pct(a, 0.5), "a_p95": pct(a, 0.95), "b_median": pct(b, 0.5), "b_p95": pct(b, 0.95),
            "diff_median": pct(d, 0.5), "diff_p95": pct(d, 0.95), "diff_max": pct(d, 1.0),
            "diff_first_median": pct(d_first, 0.5),
        }
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f)
    print("RELAY " + " ".join(f"{k}={json.dumps(v, separators=(',', ':'))}" for k, v in result.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
