#!/usr/bin/env python3
"""Uploads a clip with Framecast's simple upload (curl -F) and polls GET /api/v1/videos/{id} until it is ready.

Usage: upload_and_watch.py --url URL --token TOKEN --file CLIP [--interval 0.1] [--timeout 600]
                           [--pid PID] [--work-dir DATA/work --capture-log FILE]

Prints key=value lines (times in seconds from the moment curl had the upload's 202 response):
  WATCH_RESULT video_id=… upload_s=… playable_s=… ready_s=… status=… polls=…
  WATCH_STAGE stage=… at_s=… self_ticks=… children_ticks=… jit_ticks=…  (first poll that saw each stage; ticks of --pid,
                                                                        jit_ticks: its tiered-JIT thread, procstat.py)
With --pid, the server's /proc/PID/stat CPU ticks are also read just before the upload (stage "start"), right after
it ("uploaded") and at the first poll that saw the video ready ("ready"). cutime/cstime (children_ticks) only count
children that have exited, so the ticks at the first "transcoding" poll hold every step before the ladder.
With --capture-log, DATA/work/{id}/*/ffmpeg.log is copied to FILE at every poll while the video is transcoding: the
job deletes its workspace at the end, and the copy keeps the command lines the pipeline ran.
"""
import argparse
import glob
import http.client
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import procstat  # noqa: E402


def ticks(pid, jit):
    if pid is None:
        return None, None, None
    own, children = procstat.ticks(pid)
    return own, children, jit.sample()


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--url", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--file", required=True)
    p.add_argument("--interval", type=float, default=0.1)
    p.add_argument("--timeout", type=float, default=600)
    p.add_argument("--pid", type=int)
    p.add_argument("--work-dir")
    p.add_argument("--capture-log")
    a = p.parse_args()
    url = urllib.parse.urlsplit(a.url)
    auth = {"Authorization": f"Bearer {a.token}"}
    stages = []
    jit = procstat.JitTracker(a.pid) if a.pid else None

    def stage(name, at):
        stages.append((name, at, *ticks(a.pid, jit)))

    stage("start", None)
    started = time.monotonic()
    upload = subprocess.run(
        ["curl", "-sS", "-w", "\n%{http_code}", "-H", f"Authorization: Bearer {a.token}",
         "-F", f"file=@{a.file};type=video/mp4", "-F", "title=benchmark clip", f"{a.url}/api/v1/videos"],
        capture_output=True, text=True)
    t0 = time.monotonic()
    stage("uploaded", 0.0)
    body, _, code = upload.stdout.rpartition("\n")
    if upload.returncode != 0 or code != "202":
        print(f"upload failed ({upload.returncode}, HTTP {code}): {body[:300]} {upload.stderr[:300]}", file=sys.stderr)
        return 1
    video_id = json.loads(body)["id"]

    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    seen, playable_at, ready_at, status, polls = set(), None, None, "processing", 0
    next_poll = t0
    while True:
        now = time.monotonic()
        if now - t0 > a.timeout:
            status = "timeout"
            break
        conn.request("GET", f"/api/v1/videos/{video_id}", headers=auth)
        response = conn.getresponse()
        video = json.loads(response.read())
        at = time.monotonic() - t0
        polls += 1
        status = video["status"]
        name = video["stage"] or status
        if name not in seen:
            seen.add(name)
            stage(name, at)
        if jit:
            jit.sample()  # keeps the ticks of a JIT thread that ends before the next stage change
        if video["playable"] and playable_at is None:
            playable_at = at
        if a.capture_log and name == "transcoding":
            for log in glob.glob(f"{a.work_dir}/{video_id}/*/ffmpeg.log"):
                shutil.copyfile(log, a.capture_log)
        if status == "ready":
            ready_at = at
            break
        if status == "failed":
            print(f"video failed: {video.get('error')}", file=sys.stderr)
            break
        next_poll += a.interval
        time.sleep(max(0.0, next_poll - time.monotonic()))

    for name, at, s, c, j in stages:
        print(f"WATCH_STAGE stage={name} at_s={'' if at is None else f'{at:.3f}'} self_ticks={s} children_ticks={c} jit_ticks={j}")
    fmt = lambda v: "" if v is None else f"{v:.3f}"
    print(f"WATCH_RESULT video_id={video_id} upload_s={t0 - started:.3f} playable_s={fmt(playable_at)} "
          f"ready_s={fmt(ready_at)} status={status} polls={polls}")
    return 0 if status == "ready" else 1


if __name__ == "__main__":
    sys.exit(main())
