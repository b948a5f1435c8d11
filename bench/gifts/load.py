#!/usr/bin/env python3
"""Set-up and load generator of bench/gifts (standard library only: asyncio with hand-written HTTP/1.1 keep-alive).

  load.py setup --url URL --admin-user U --admin-password P --senders N --out setup.json [--clip FILE]
      Logs the admin in, adds the bench's gift to the catalogue (POST /api/v1/admin/gifts), registers the channel and N
      sender accounts (POST /api/v1/users, a few at a time), grants every sender RICH_COINS (POST
      /api/v1/admin/wallets/{username}/grants), the poor ones (every 10th: index % 10 == 9) only a top-up per step, and
      uploads the clip as the channel (POST /api/v1/videos), then waits until the video is ready.
  load.py topup --setup setup.json --senders N --coins C
      Grants each poor sender among the first N another C coins (each step starts with them able to send a little).
  load.py run --setup setup.json --senders N --concurrency C --warmup W --duration D --json out.json
      C workers, each on its own keep-alive connection and signed in as sender (worker % N), send POST
      /api/v1/videos/{id}/gifts {giftId, count 1..MAX_COUNT, idempotencyKey (new per send)} back to back (a 50 ms pause
      after a 402). Statuses and latencies of the answers that arrive within [W, W + D) make the step's figures; after W + D no new send starts
      and those in flight are awaited (never cancelled: a cancelled send may still commit), so the totals of 201s
      compare exactly with the gift transactions the database holds.
"""
import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
import http.client

RICH_COINS = 1_000_000  # Wallet:MaxCoinsPerMovement, the largest single grant
GIFT_PRICE = 10
MAX_COUNT = 3
REFUSED_PAUSE = 0.05  # after a 402 the worker waits this long (a viewer told "not enough coins" does not retry at once)


def poor(i):
    return i % 10 == 9


# --- blocking helpers for the set-up ------------------------------------------------------------------------------------
class Api:
    def __init__(self, url):
        u = urllib.parse.urlsplit(url)
        self.host, self.port = u.hostname, u.port
        self.local = threading.local()

    def conn(self):
        c = getattr(self.local, "c", None)
        if c is None:
            c = self.local.c = http.client.HTTPConnection(self.host, self.port, timeout=120)
        return c

    def call(self, method, path, body=None, token=None, expect=(200, 201, 202)):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        data = None if body is None else json.dumps(body).encode()
        for attempt in range(2):
            c = self.conn()
            try:
                c.request(method, path, body=data, headers=headers)
                r = c.getresponse()
                text = r.read().decode()
                break
            except (ConnectionError, http.client.HTTPException):
                c.close()
                self.local.c = None
                if attempt:
                    raise
        if r.status not in expect:
            raise SystemExit(f"{method} {path}: {r.status} {text[:400]}")
        return json.loads(text) if text else None


def setup(a):
    api = Api(a.url)
    admin = api.call("POST", "/api/v1/sessions", {"username": a.admin_user, "password": a.admin_password})["token"]
    gift = api.call("POST", "/api/v1/admin/gifts", {"name": "Bench", "priceCoins": GIFT_PRICE}, admin)
    password = f"bench-password-{random.randrange(10**9)}"
    channel = api.call("POST", "/api/v1/users", {"username": "benchchannel", "password": password})

    def register(i):
        name = f"benchsender{i:03d}"
        r = api.call("POST", "/api/v1/users", {"username": name, "password": password})
        if not poor(i):  # the poor ones get a small top-up before each step instead
            api.call("POST", f"/api/v1/admin/wallets/{name}/grants", {"coins": RICH_COINS, "reason": "bench/gifts"}, admin, expect=(201,))
        return {"username": name, "id": r["id"], "token": r["token"], "poor": poor(i)}

    t0 = time.monotonic()
    with ThreadPoolExecutor(4) as pool:
        senders = list(pool.map(register, range(a.senders)))
    print(f"registered {a.senders} senders and granted their coins in {time.monotonic() - t0:.1f} s", file=sys.stderr)

    # The video: the simple upload (multipart), as the channel; then wait for `ready`.
    up = subprocess.run(["curl", "-fsS", "-H", f"Authorization: Bearer {channel['token']}", "-F", f"file=@{a.clip}",
                         "-F", "title=bench gifts", "-F", "visibility=public", f"{a.url}/api/v1/videos"],
                        capture_output=True, text=True)
    if up.returncode != 0:
        raise SystemExit(f"upload failed: {up.stderr.strip()} {up.stdout[:300]}")
    video = json.loads(up.stdout)["id"]
    deadline = time.monotonic() + 120
    while True:
        v = api.call("GET", f"/api/v1/videos/{video}", token=channel["token"])
        if v.get("status") == "ready":
            break
        if v.get("status") in ("failed", "deleting") or time.monotonic() > deadline:
            raise SystemExit(f"the video did not become ready: {json.dumps(v)[:400]}")
        time.sleep(0.3)
    out = {"url": a.url, "admin_token": admin, "gift_id": gift["id"], "gift_price": GIFT_PRICE, "video_id": video,
           "channel": {"username": channel["username"], "id": channel["id"], "token": channel["token"]}, "senders": senders}
    with open(a.out, "w") as f:
        json.dump(out, f)
    print(f"gift {gift['id']}, video {video} (ready), channel {channel['username']}", file=sys.stderr)


def topup(a):
    s = json.load(open(a.setup))
    api = Api(s["url"])
    n = 0
    for p in s["senders"][:a.senders]:
        if p["poor"]:
            api.call("POST", f"/api/v1/admin/wallets/{p['username']}/grants", {"coins": a.coins, "reason": "bench/gifts: top-up"},
                     s["admin_token"], expect=(201,))
            n += 1
    print(n)


# --- the load ------------------------------------------------------------------------------------------------------------
async def read_response(reader):
    """Status and body of one HTTP/1.1 response (Content-Length or chunked)."""
    line = await reader.readline()
    if not line:
        raise ConnectionError("connection closed")
    status = int(line.split(b" ", 2)[1])
    length, chunked, close = None, False, False
    while True:
        h = await reader.readline()
        if h in (b"\r\n", b"\n", b""):
            break
        k, _, v = h.partition(b":")
        k = k.strip().lower()
        if k == b"content-length":
            length = int(v)
        elif k == b"transfer-encoding" and b"chunked" in v.lower():
            chunked = True
        elif k == b"connection" and b"close" in v.lower():
            close = True
    if chunked:
        parts = []
        while True:
            size = int((await reader.readline()).split(b";")[0], 16)
            if size == 0:
                await reader.readline()
                break
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)
        body = b"".join(parts)
    else:
        body = await reader.readexactly(length or 0)
    return status, body, close


def pct(sorted_values, p):
    if not sorted_values:
        return None
    k = min(len(sorted_values) - 1, max(0, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


async def run_load(a):
    s = json.load(open(a.setup))
    u = urllib.parse.urlsplit(s["url"])
    senders = s["senders"][:a.senders]
    path = f"/api/v1/videos/{s['video_id']}/gifts"
    gift = s["gift_id"]
    t0 = time.monotonic()
    start_measure, stop_at = t0 + a.warmup, t0 + a.warmup + a.duration
    window = {}           # status -> count, answers that arrived within the window
    latencies = {201: [], 402: [], "other": []}
    totals = {}           # status -> count, whole run (warm-up and drain included)
    per_second = [0] * (int(a.duration) + 1)
    errors, samples, negative = {}, [], 0
    inflight_at_stop = 0
    prefix = f"{a.label}-{os.getpid()}"
    rnd = random.Random(a.seed)

    async def worker(w):
        nonlocal negative, inflight_at_stop
        p = senders[w % len(senders)]
        head = (f"POST {path} HTTP/1.1\r\nHost: {u.hostname}:{u.port}\r\nAuthorization: Bearer {p['token']}\r\n"
                f"Content-Type: application/json\r\nAccept: application/json\r\n").encode()
        reader = writer = None
        seq = 0
        while time.monotonic() < stop_at:
            seq += 1
            body = json.dumps({"giftId": gift, "count": rnd.randint(1, MAX_COUNT), "idempotencyKey": f"{prefix}-{w}-{seq}"}).encode()
            req = head + f"Content-Length: {len(body)}\r\n\r\n".encode() + body
            started = time.monotonic()
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(u.hostname, u.port)
                writer.write(req)
                status, resp, close = await read_response(reader)
            except (OSError, ConnectionError, asyncio.IncompleteReadError, ValueError, IndexError) as e:
                key = f"{type(e).__name__}"
                errors[key] = errors.get(key, 0) + 1
                if writer is not None:
                    writer.close()
                reader = writer = None
                await asyncio.sleep(0.05)
                continue
            done = time.monotonic()
            if started < stop_at <= done:
                inflight_at_stop += 1
            totals[status] = totals.get(status, 0) + 1
            if status == 201:
                if json.loads(resp).get("balanceCoins", 0) < 0:
                    negative += 1
            elif status != 402 and len(samples) < 5:
                samples.append(f"{status} {resp[:300].decode(errors='replace')}")
            if start_measure <= done < stop_at:
                window[status] = window.get(status, 0) + 1
                (latencies[status] if status in (201, 402) else latencies["other"]).append(done - started)
                if status == 201:
                    per_second[int(done - start_measure)] += 1
            if close:
                writer.close()
                reader = writer = None
            if status == 402:
                await asyncio.sleep(REFUSED_PAUSE)
        if writer is not None:
            writer.close()

    cpu0 = time.process_time()
    await asyncio.gather(*(worker(w) for w in range(a.concurrency)))
    cpu = time.process_time() - cpu0
    wall = time.monotonic() - t0
    all_lat = sorted(latencies[201] + latencies[402] + latencies["other"])
    acc = sorted(latencies[201])
    ms = lambda v: None if v is None else v * 1000  # noqa: E731
    result = {
        "label": a.label, "senders": a.senders, "poor_senders": sum(1 for p in senders if p["poor"]), "concurrency": a.concurrency,
        "warmup_s": a.warmup, "duration_s": a.duration,
        "accepted_per_s": window.get(201, 0) / a.duration, "refused_402_per_s": window.get(402, 0) / a.duration,
        "other_per_s": sum(v for k, v in window.items() if k not in (201, 402)) / a.duration,
        "window_status": {str(k): v for k, v in sorted(window.items())},
        "total_status": {str(k): v for k, v in sorted(totals.items())}, "accepted_total": totals.get(201, 0),
        "errors": errors, "error_samples": samples, "negative_balance_answers": negative,
        "inflight_at_stop": inflight_at_stop, "drain_s": wall - a.warmup - a.duration,
        "p50_ms": ms(pct(all_lat, 50)), "p95_ms": ms(pct(all_lat, 95)), "p99_ms": ms(pct(all_lat, 99)), "max_ms": ms(all_lat[-1] if all_lat else None),
        "accepted_p50_ms": ms(pct(acc, 50)), "accepted_p99_ms": ms(pct(acc, 99)),
        "refused_p50_ms": ms(pct(sorted(latencies[402]), 50)),
        "min_second": min(per_second[:int(a.duration)]) if a.duration >= 1 else None,
        "max_second": max(per_second[:int(a.duration)]) if a.duration >= 1 else None,
        "client_cpu_pct": cpu / wall * 100,
    }
    with open(a.json, "w") as f:
        json.dump(result, f, indent=1)
    print(f"[{a.label}] {a.senders} senders, {a.concurrency} workers: {result['accepted_per_s']:.0f} sends/s, "
          f"{result['refused_402_per_s']:.0f} 402/s, other {result['other_per_s']:.1f}/s, errors {sum(errors.values())}, "
          f"p50 {result['p50_ms'] or 0:.1f} ms, p95 {result['p95_ms'] or 0:.1f} ms, p99 {result['p99_ms'] or 0:.1f} ms; "
          f"client CPU {result['client_cpu_pct']:.0f} %", file=sys.stderr)


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("setup")
    s.add_argument("--url", required=True)
    s.add_argument("--admin-user", required=True)
    s.add_argument("--admin-password", required=True)
    s.add_argument("--senders", type=int, required=True)
    s.add_argument("--clip", required=True)
    s.add_argument("--out", required=True)
    t = sub.add_parser("topup")
    t.add_argument("--setup", required=True)
    t.add_argument("--senders", type=int, required=True)
    t.add_argument("--coins", type=int, required=True)
    r = sub.add_parser("run")
    r.add_argument("--setup", required=True)
    r.add_argument("--senders", type=int, required=True)
    r.add_argument("--concurrency", type=int, required=True)
    r.add_argument("--warmup", type=float, default=3)
    r.add_argument("--duration", type=float, default=20)
    r.add_argument("--label", default="step")
    r.add_argument("--seed", type=int, default=1)
    r.add_argument("--json", required=True)
    a = p.parse_args()
    if a.cmd == "setup":
        setup(a)
    elif a.cmd == "topup":
        topup(a)
    else:
        asyncio.run(run_load(a))


if __name__ == "__main__":
    main()
