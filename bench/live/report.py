#!/usr/bin/env python3
"""Markdown tables of bench/live from the player's and the viewers' JSON and the figures run.sh exports (R_*).

Usage: report.py player.json viewers-parts.json viewers-playlists.json publisher-args framecast-ffmpeg-args bare-args
       (the args files: NUL-separated)
"""
import json
import os
import shlex
import sys

env = os.environ
R = {k[2:]: v for k, v in env.items() if k.startswith("R_")}
fc_state = env.get("FC_STATE", "")
duration, warmup = env.get("DURATION", "60"), env.get("WARMUP", "10")


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def args(path):
    with open(path, "rb") as f:
        return [a.decode() for a in f.read().split(b"\0") if a]


def s(ms):
    return "–" if ms is None else f"{ms / 1000:.2f}"


def not_measured():
    return f"not measured ({fc_state})"


player = load(sys.argv[1]) or {"streams": {}}
viewers_parts, viewers_playlists = load(sys.argv[2]), load(sys.argv[3])
pub_args, fc_args, bare_args = args(sys.argv[4]), args(sys.argv[5]), args(sys.argv[6])
streams = player.get("streams", {})
fc, ng = streams.get("framecast"), streams.get("nginx")
out = []
p = out.append

# --- latency ------------------------------------------------------------------------------------------------------------
p("## Glass-to-glass latency")
p("")
p(f"- How: one publisher (ffmpeg, `-re`, lavfi `testsrc2` 1280x720 at 30 fps + a sine tone; x264 `veryfast`"
  " `zerolatency`, GOP 30 = 1 s, 2.5 Mbit/s CBR; AAC; the tee muxer sends the one encode to both servers) stamps each"
  " frame with the wall-clock time (ms) at which its filter graph made it: 24 bits drawn as 32x32-pixel blocks at"
  " 720p, with an inverted copy of the row below as a check. Headless Chromium plays each stream alone in a fresh"
  f" page, Framecast's first, then nginx-rtmp's (the same publisher still running), with hls.js {player.get('hlsJs', '?')}"
  f" {env.get('HLS_CONFIG_NOTE', '')}: `new Hls({env.get('HLS_CONFIG', '?')})`, the same for both streams; ABR on."
  " For every third frame Chromium presents (`requestVideoFrameCallback`; ten a second), the page draws"
  " the strip to a canvas, reads the stamp and takes latency = presentation time (the callback's"
  " `expectedDisplayTime`, turned into the wall clock with `Date.now()`) − stamp. The"
  f" {duration} s of recording are split over {player.get('joins', env.get('JOINS', '1'))} page loads (joins), each"
  f" recorded from {warmup} s after its first frame: where in the GOP a viewer joins moves where hls.js settles and"
  " stays, so several joins show better than one what viewers get. The median and p95 are over every frame read"
  " in all joins.")
p("- What it includes: the publisher's encode, RTMP, each server's packaging (Framecast: the transcode too, for the"
  " renditions below the source), HTTP, hls.js's buffer (its hold-back from the live edge), decode and presentation."
  " Errors common to both streams: the stamp is taken when lavfi makes the frame, which under `-re` can be up to one"
  " frame (33 ms) before ffmpeg releases it to the encoder; the presentation time is the compositor's expected one"
  " (headless, no physical display: up to one 16.7 ms vsync).")
p("- Chromium runs with `--disable-web-security` so that the page may read both servers' playlists across origins"
  " whatever CORS headers they send.")
p("")
p("| | Framecast (LL-HLS, hls.js low-latency) | nginx-rtmp (HLS, 1 s fragments) |")
p("|---|---:|---:|")


def cell(st, f, ours):
    if st is None:
        return "not measured"
    return f(st)


def levels(st):
    lv = st.get("levels") or []
    per = st.get("framesPerLevel") or {}
    total = sum(per.values()) or 1
    parts = []
    for k, n in sorted(per.items(), key=lambda kv: -kv[1]):
        name = lv[int(k)] if k.lstrip("-").isdigit() and 0 <= int(k) < len(lv) else f"level {k}"
        if name.startswith("0x0@"):
            name = "the one rendition"
        parts.append(f"{name} {n * 100 // total}%")
    return ", ".join(parts) or "–"


def row(label, f):
    p(f"| {label} | {cell(fc, f, True)} | {cell(ng, f, False)} |")


row("**median latency, s**", lambda x: f"**{s(x['median'])}**")
row("**p95 latency, s**", lambda x: f"**{s(x['p95'])}**")
row("min – max, s", lambda x: f"{s(x['min'])} – {s(x['max'])}")
row("frames read (unreadable)", lambda x: f"{x['samples']} ({x['unreadable']})")
row("stalls (`waiting`), dropped frames", lambda x: f"{x['waiting']}, {x['dropped']}")
row("hls.js target latency / its own latency estimate (median), s",
    lambda x: f"{x['targetLatency'] or 0:.2f} / {s(x['hlsLatencyMedian'])}")
row("renditions played (share of frames)", levels)
row("hls.js errors", lambda x: str(len(x["errors"])))
row("median per join, s", lambda x: " / ".join(s(j["median"]) for j in x.get("perJoin", [])) or "–")
row("hls.js's own latency estimate per join, s", lambda x: " / ".join(s(j["hlsLatencyMedian"]) for j in x.get("perJoin", [])) or "–")
p("")
if fc is None:
    p(f"Framecast {not_measured()}.")
    p("")
p(f"Other CPU % while each stream played: Framecast {R.get('lat_other_framecast', '–')}%, nginx-rtmp"
  f" {R.get('lat_other_nginx', '?')}% (each step waited up to {env.get('QUIET_WAIT', '30')} s for a quieter machine"
  " first). A player starved of CPU falls behind, and stays behind unless `maxLiveSyncPlaybackRate` above 1 lets"
  " hls.js catch up.")
p("")
if fc is not None and fc.get("median") is not None and ng is not None and ng.get("median") is not None:
    checks = [
        f"median ≤ 1.5 s: {'met' if fc['median'] <= 1500 else 'NOT met'} ({s(fc['median'])} s)",
        f"p95 ≤ 2 s: {'met' if fc['p95'] <= 2000 else 'NOT met'} ({s(fc['p95'])} s)",
        f"below nginx-rtmp's: {'met' if fc['median'] < ng['median'] and fc['p95'] < ng['p95'] else 'NOT met'}"
        f" (median {s(fc['median'])} against {s(ng['median'])} s, p95 {s(fc['p95'])} against {s(ng['p95'])} s)",
    ]
    p("Targets: " + "; ".join(checks) + ".")
else:
    p(f"Targets (median ≤ 1.5 s, p95 ≤ 2 s, below nginx-rtmp's): {not_measured() if fc is None else 'no frames read'}.")
errors = [(n, e) for n, st in streams.items() for e in st.get("errors", [])]
if errors:
    p("")
    p("hls.js errors (first 10):")
    p("")
    for n, e in errors[:10]:
        p(f"- {n}, join {e.get('join', 1)}, {e['at'] / 1000:.1f} s after load: {e['type']} / {e['details']}{' (fatal)' if e['fatal'] else ''}"
          f"{': ' + e['reason'] if e.get('reason') else ''}{' — ' + e['url'] if e.get('url') else ''}"
          f"{' — HTTP ' + str(e['status']) if e.get('status') else ''}")
p("")

# --- CPU --------------------------------------------------------------------------------------------------------------------
p("## CPU per minute of broadcast")
p("")
p(f"- Framecast: `serve` (all roles, default settings: the default live ladder), the publisher above, no viewers;"
  f" CPU (user + system) over {duration} s, from `/proc`: the server process and its ffmpeg child (the transcoder)."
  " Bare: the transcoder's own command line (read from `/proc/PID/cmdline` of that child) with its input (`-i"
  " pipe:0`, FLV from Framecast) replaced by the same publisher's stream read back from nginx-rtmp and its outputs"
  " (Unix sockets) by files, started 5 s before the window and measured in the **same window** as Framecast, so that"
  " the other load on this shared machine weighs on both alike.")
p("")
if "fc_total" in R:
    ratio = None
    if "bare" in R and float(R["bare"]) > 0:
        ratio = float(R["fc_total"]) / float(R["bare"])
    p("| | CPU s per minute | other CPU % |")
    p("|---|---:|---:|")
    p(f"| Framecast server process | {R['fc_server']} | |")
    p(f"| Framecast's ffmpeg (transcoder) | {R['fc_ffmpeg']} | |")
    p(f"| **Framecast total** | **{R['fc_total']}** | {R.get('cpu_other', '?')}% |")
    p(f"| **bare ffmpeg, same command** | **{R.get('bare', 'not measured: ' + R.get('bare_fail', '?'))}** | (same window) |")
    p(f"| **ratio Framecast / bare** | **{f'{ratio:.2f}' if ratio else '–'}** | |")
    p(f"| (the publisher: x264 720p30 + AAC, for scale) | {R.get('pub_cpu', '?')} | |")
    p(f"| (nginx-rtmp: ingest, HLS, the bare run's stream) | {R.get('ng_cpu', '?')} | |")
    p("")
    if R.get("cpu_note"):
        p(f"Note: {R['cpu_note']}.")
        p("")
    p(f"Target: Framecast / bare ≤ 1.1: {('met' if ratio <= 1.1 else 'NOT met') + f' ({ratio:.2f})' if ratio else 'not measured'}."
      + (f" Bare outputs: {R['bare_outputs']}." if R.get("bare_outputs") else ""))
else:
    p(f"{not_measured()}.")
p("")
if fc_args:
    p("Framecast's transcoder, as read from `/proc`:")
    p("")
    p("```")
    p(shlex.join(fc_args))
    p("```")
    p("")
if bare_args:
    p("The bare run:")
    p("")
    p("```")
    p(shlex.join(["ffmpeg", *bare_args]))
    p("```")
    p("")
p("The publisher:")
p("")
p("```")
p(shlex.join(["ffmpeg", *pub_args]))
p("```")
p("")

# --- viewers ----------------------------------------------------------------------------------------------------------------
n = env.get("VIEWERS", "1000")
p(f"## {int(n):,} low-latency viewers on one node")
p("")
runs = [(mode, v) for mode, v in (("parts", viewers_parts), ("playlists", viewers_playlists)) if v]
if runs:
    p(f"- `viewers.py`: {int(n):,} viewers in one Python process (opened over 3 s, then 5 s of warm-up, then"
      f" {env.get('VIEWER_SECONDS', '20')} s recorded) of `{R.get('viewer_url', '?')}`, each looping like hls.js on"
      " keep-alive HTTP/1.1 connections: a blocking playlist request for the next part (`_HLS_msn`/`_HLS_part`), the"
      " next one as soon as it is answered, and (**parts** run) on a second connection a GET of the part each answer"
      " added, queued behind the viewer's previous part if that is still downloading; the **playlists** run, on the"
      " same broadcast right after, leaves the parts out, to tell the answers' fan-out from the cost of sending parts.")
    p("- Framecast does not say when a part landed, so the **earliest answer** of each part's round stands for it, and"
      " each held request's delay is its answer minus that first answer (kernel receive timestamps, `SO_TIMESTAMPNS`,"
      " so the client's own CPU does not count). Requests sent after the round's first answer were not held and are"
      " counted apart (late). VmRSS of the Framecast process: idle (the broadcast running, no viewers), peak while the"
      " viewers were held (sampled every 100 ms), and 3 s after they left. The transcoder, the publisher and the load"
      " tool share the machine's CPUs with it.")
    p("")
    p("| run | viewers | parts (rounds) | held answers | late | p50 ms | p90 ms | **p99 ms** | max ms | HTTP statuses | errors | Framecast VmRSS idle → held (peak) → after, MiB | Framecast CPU % | load tool CPU % | other CPU % |")
    p("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|---:|---:|---:|")

    def mib(k):
        return f"{int(R[k]) / 1024:.0f}" if R.get(k, "").isdigit() else "?"
    for mode, v in runs:
        p(f"| {mode} | {v['viewers']:,} | {v['rounds']} | {v['held']:,} | {v['late']:,} | {v['p50_ms']} |"
          f" {v['p90_ms']} | **{v['p99_ms']}** | {v['max_ms']} |"
          f" {', '.join(f'{k}: {c:,}' for k, c in sorted(v['statuses'].items()))} |"
          f" {', '.join(f'{k}: {c}' for k, c in v['errors'].items()) or '–'} |"
          f" {mib('rss_idle_' + mode)} → {mib('rss_peak_' + mode)} → {mib('rss_after_' + mode)} |"
          f" {R.get('viewers_fc_cpu_' + mode, '?')} | {R.get('viewers_client_cpu_' + mode, '?')} |"
          f" {R.get('viewers_other_' + mode, '?')}% |")
    p("")
    if viewers_parts:
        v = viewers_parts
        p(f"Parts downloaded in the parts run: {v['parts']:,} ({v['part_mb']} MB; {v.get('part_backlog', 0):,} waited for"
          f" the viewer's previous part); median interval between rounds {v['median_part_interval_ms']} ms.")
        p("")
    if R.get("ffmpeg_rss", "").isdigit():
        p(f"The transcoder (Framecast's ffmpeg child, which viewers do not touch) had {int(R['ffmpeg_rss']) / 1024:.0f} MiB"
          " resident besides.")
        p("")
    main = viewers_parts or viewers_playlists
    p99 = main.get("p99_ms")
    p(f"Target: p99 < 50 ms ({'parts' if viewers_parts else 'playlists'} run):"
      f" {('met' if p99 < 50 else 'NOT met') + f' ({p99} ms)' if p99 is not None else 'no held answers'}.")
else:
    p(f"{not_measured()}.")
p("")
print("\n".join(out))
