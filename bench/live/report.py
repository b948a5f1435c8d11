#!/usr/bin/env python3
"""Markdown tables of bench/live from the player's and the viewers' JSON and the figures run.sh exports (R_*).

Usage: report.py player.json viewers-parts.json viewers-playlists.json publisher-args framecast-ffmpeg-args bare-args
                 relay-player.json relay-probe.json
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
relay_player = load(sys.argv[7]) if len(sys.argv) > 7 else None
relay_probe = load(sys.argv[8]) if len(sys.argv) > 8 else None
relay_state = env.get("RELAY_STATE", "")
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

# --- relay ------------------------------------------------------------------------------------------------------------------
def ms(v):
    return "–" if v is None else f"{v:+.0f} ms"


p("## Relay: the extra latency of watching through a relaying node")
p("")
rs = (relay_player or {}).get("streams", {})
ra, rb = rs.get("ingest"), rs.get("relay")
relay_measured = (ra is not None and rb is not None) or bool(relay_probe)
if not relay_measured:
    p(f"Not measured ({relay_state or R.get('relay_probe_fail') or 'no results from the relay step'}).")
    p("")
if relay_measured:
    p("- Nodes: **A** is the Framecast above (`serve`, all roles), which takes the publisher's RTMP and holds the"
      " broadcast; **B** is a second `serve --roles api,web,stream` (no `live` role, no RTMP port) on the same data dir"
      " and database (SQLite), started in the same run. The broadcast's session row"
      f"{' (' + R['relay_row'] + ')' if R.get('relay_row') else ''} names A's HTTP address, Kestrel's first address as"
      " no `Live:InternalUrl` is set; B passes every `/live/{username}/…` request (master and media playlists, blocking"
      " ones included, parts, segments) to it and streams A's answer back. Before measuring, the run checks that B"
      " answers A's very master playlist and a media playlist with parts.")
    p(f"- Glass-to-glass, the method above, the same publisher still running: **both players in one fresh page**, one on"
      f" A's `master.m3u8` and one on B's, set up one right after the other (the order swapped on every second page"
      f" load), so they join at the same point of the stream and are recorded over the same seconds; the same hls.js"
      f" settings; {env.get('RELAY_DURATION', '?')} s recorded in all over {env.get('RELAY_JOINS', '?')} page loads, each"
      f" from {warmup} s after its first frame. Even joining together, each hls.js settles at its own distance from the"
      " live edge and stays there (within a join a player's latency moves by a few tens of ms, from one join to the next"
      " by up to about one part, 0.2 s: hls.js only speeds up to catch up with more than 1 s buffered, which a player this"
      " close to the edge rarely has), so B − A per join scatters either way by more than the relay can add, and the"
      " median over all frames of each follows whichever distance more of its joins landed on: the mean of the per-join"
      " differences with its 95 % interval says how closely the step bounds the relay's share, and the live edge's age"
      " on arrival (below the table) takes the scatter out; the per-request probe after it measures the relay itself.")
    p("")
    if ra is not None and rb is not None and ra.get("median") is not None and rb.get("median") is not None:
        def both(label, f, diff=None):
            p(f"| {label} | {f(ra)} | {f(rb)} | {diff(ra, rb) if diff else ''} |")

        def dm(key):
            return lambda a, b: f"**{ms(b[key] - a[key])}**" if a.get(key) is not None and b.get(key) is not None else "–"
        per_a = {j["join"]: j for j in ra.get("perJoin", [])}
        per_b = {j["join"]: j for j in rb.get("perJoin", [])}
        join_diffs = [per_b[k]["median"] - per_a[k]["median"] for k in sorted(per_a)
                      if k in per_b and per_a[k]["median"] is not None and per_b[k]["median"] is not None]
        p("| | via A (ingesting node) | via B (relaying node) | B − A |")
        p("|---|---:|---:|---:|")
        both("**median latency, s**", lambda x: f"**{s(x['median'])}**", dm("median"))
        both("**p95 latency, s**", lambda x: f"**{s(x['p95'])}**", dm("p95"))
        both("min – max, s", lambda x: f"{s(x['min'])} – {s(x['max'])}")
        both("frames read (unreadable)", lambda x: f"{x['samples']} ({x['unreadable']})")
        both("stalls (`waiting`), dropped frames", lambda x: f"{x['waiting']}, {x['dropped']}")
        both("hls.js target latency / its own latency estimate (median), s",
             lambda x: f"{x['targetLatency'] or 0:.2f} / {s(x['hlsLatencyMedian'])}",
             lambda a, b: ms(b["hlsLatencyMedian"] - a["hlsLatencyMedian"]) if a.get("hlsLatencyMedian") is not None and b.get("hlsLatencyMedian") is not None else "–")
        both("renditions played (share of frames)", levels)
        both("hls.js errors", lambda x: str(len(x["errors"])))
        both("median per join, s", lambda x: " / ".join(s(j["median"]) for j in x.get("perJoin", [])) or "–",
             lambda a, b: " / ".join(f"{d:+.0f}" for d in join_diffs) + " ms" if join_diffs else "–")
        age_diffs = [per_b[k]["edgeAgeMedian"] - per_a[k]["edgeAgeMedian"] for k in sorted(per_a)
                     if k in per_b and per_a[k].get("edgeAgeMedian") is not None and per_b[k].get("edgeAgeMedian") is not None]
        both("the live edge's age on arrival (glass-to-glass − hls.js's own estimate), median / p95, s",
             lambda x: f"{s(x.get('edgeAgeMedian'))} / {s(x.get('edgeAgeP95'))}",
             lambda a, b: f"{ms(b['edgeAgeMedian'] - a['edgeAgeMedian'])} / {ms(b['edgeAgeP95'] - a['edgeAgeP95'])}"
             if a.get("edgeAgeMedian") is not None and b.get("edgeAgeMedian") is not None else "–")
        both("the same, median per join, s", lambda x: " / ".join(s(j.get("edgeAgeMedian")) for j in x.get("perJoin", [])) or "–",
             lambda a, b: " / ".join(f"{d:+.0f}" for d in age_diffs) + " ms" if age_diffs else "–")
        p("")

        def interval(diffs):
            """Mean and 95 % interval (Student's t, n − 1 degrees of freedom) of per-join differences; None if n < 2."""
            if len(diffs) < 2:
                return None
            t95 = [12.71, 4.30, 3.18, 2.78, 2.57, 2.45, 2.36, 2.31, 2.26, 2.23, 2.20, 2.18, 2.16, 2.14, 2.13, 2.12,
                   2.11, 2.10, 2.09, 2.09, 2.08, 2.07, 2.07, 2.06, 2.06, 2.06, 2.05, 2.05, 2.05, 2.04]
            n_j = len(diffs)
            mean = sum(diffs) / n_j
            sd = (sum((d - mean) ** 2 for d in diffs) / (n_j - 1)) ** 0.5
            half = (t95[n_j - 2] if n_j - 2 < len(t95) else 1.96) * sd / n_j ** 0.5
            return mean, mean - half, mean + half

        def spread(diffs):
            """'median M; mean X, 95 % interval L … H' of per-join differences."""
            if not diffs:
                return "no joins"
            out = f"median {ms(sorted(diffs)[(len(diffs) - 1) // 2])}"
            if (ci := interval(diffs)) is not None:
                out += f"; mean {ms(ci[0])}, 95 % interval {ms(ci[1])} … {ms(ci[2])}"
            return out
        p(f"**Extra latency of the relay (B − A): median {ms(rb['median'] - ra['median'])}, p95"
          f" {ms(rb['p95'] - ra['p95'])}** (the {len(join_diffs)} per-join differences of the medians: {spread(join_diffs)}).")
        p("")
        if age_diffs:
            p("Glass-to-glass latency is where hls.js settled behind the live edge (its own latency estimate: the edge + the"
              " time since the playlist that brought it began to arrive − the playing position), which scatters from join to"
              " join as above, plus how old the edge already was when that playlist reached the player. A relay delays every"
              " playlist, which adds to the latter; the **live edge's age on arrival** (glass-to-glass − hls.js's estimate,"
              " per frame read) is therefore the relay's share free of where each player settled (where it settles, the"
              " relay moves only by its delay on the few requests before the first frame, each timed by the probe below)."
              f" B − A of it: **{ms(rb['edgeAgeMedian'] - ra['edgeAgeMedian'])}** over all frames; per join {spread(age_diffs)}."
              " It may overstate the relay's share: hls.js stamps a playlist's arrival on the page's main thread, which both"
              " players share, and B's answers come in just after A's (the probe's B − A), so they wait for A's to be"
              " handled first.")
            p("")
        if fc is not None and fc.get("median") is not None:
            p(f"A alone earlier in the run (the table above): median {s(fc['median'])} s, p95 {s(fc['p95'])} s; here"
              f" {s(ra['median'])} / {s(ra['p95'])} s with the second player beside it.")
        p(f"Other CPU % during this step: {R.get('lat_other_relay', '?')}%; node B's own CPU while it relayed the one"
          f" player: {R.get('relay_b_cpu', '?')}% of one CPU (B had started shortly before: this includes the JIT"
          " compilation of its first relayed requests).")
        p("")
        ok = rb["median"] - ra["median"] <= 100 and rb["p95"] - ra["p95"] <= 100
        verdict = (f"Expectation (the issue): the relay adds no more than 100 ms. Glass-to-glass, B − A of the median and"
                   f" of the p95 ≤ 100 ms: {'met' if ok else 'NOT met'} ({ms(rb['median'] - ra['median'])},"
                   f" {ms(rb['p95'] - ra['p95'])}; these include where each player settled).")
        if age_diffs:
            ci = interval(age_diffs)
            upper = ci[2] if ci is not None else None
            share = rb["edgeAgeMedian"] - ra["edgeAgeMedian"]
            ok_share = share <= 100 and (upper is None or upper <= 100)
            verdict += (f" The relay's share free of that (the live edge's age on arrival), B − A ≤ 100 ms and so is"
                        f" the upper end of its per-join 95 % interval: {'met' if ok_share else 'NOT met'} ({ms(share)}"
                        f"{f', upper end {ms(upper)}' if upper is not None else ''}).")
        p(verdict)
        relay_errors = [(n, e) for n, st in rs.items() for e in st.get("errors", [])]
        if relay_errors:
            p("")
            p("hls.js errors (first 10):")
            p("")
            for n, e in relay_errors[:10]:
                p(f"- {n}, join {e.get('join', 1)}, {e['at'] / 1000:.1f} s after load: {e['type']} / {e['details']}{' (fatal)' if e['fatal'] else ''}"
                  f"{': ' + e['reason'] if e.get('reason') else ''}{' — ' + e['url'] if e.get('url') else ''}"
                  f"{' — HTTP ' + str(e['status']) if e.get('status') else ''}")
    else:
        p(f"Glass-to-glass through B: not measured ({relay_state or 'no frames from the relay step'}).")
    p("")
    if relay_probe:
        p(f"Per request (`relay_probe.py`), on `{R.get('relay_probe_url', '?')}`: {relay_probe['rounds']} rounds, each sending"
          " the same request on one keep-alive connection to A and one to B at the same moment (which goes first"
          " alternates): a **blocking playlist** request for the next part (both held on A until it lands), a GET of"
          " the **last part** that answer lists (in A's memory: not held) and a GET of the **preload-hinted part**"
          " (held until it exists); then a plain reload, not recorded. Times from sending to the answer's last byte"
          " (kernel receive timestamps); B − A per pair, then its median/p95/max.")
        p("")
        p("| request (A and B at the same moment) | pairs | bytes | via A median / p95, ms | via B median / p95, ms | **B − A median** / p95 / max, ms |")
        p("|---|---:|---:|---:|---:|---:|")
        names = {"playlist": "blocking playlist (held)", "part": "last part (not held)", "hint": "preload-hinted part (held)"}
        for kind in ("playlist", "part", "hint"):
            k = relay_probe.get(kind) or {}
            if not k.get("n"):
                p(f"| {names[kind]} | 0 | | | | |")
                continue
            p(f"| {names[kind]} | {k['n']} | {k['bytes']:,} | {k['a_median']} / {k['a_p95']} | {k['b_median']} / {k['b_p95']} |"
              f" **{k['diff_median']:+.1f}** / {k['diff_p95']:+.1f} / {k['diff_max']:+.1f} |")
        p("")
        errs = relay_probe.get("errors") or {}
        p(f"Errors: {', '.join(f'{k}: {v}' for k, v in errs.items()) or 'none'}. Other CPU % during the probe:"
          f" {R.get('relay_probe_other', '?')}%; node B's CPU: {R.get('relay_probe_b_cpu', '?')}% of one CPU.")
        p("")
    elif R.get("relay_probe_fail"):
        p(f"Per request: not measured ({R['relay_probe_fail']}).")
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
