#!/usr/bin/env python3
"""The markdown body of bench/results/realtime-*.md from the load generator's JSON (Framecast's run and the reference's)."""
import argparse
import json
import math
import os


def load(path):
    if not path or not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def num(v, fmt="{:.0f}"):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return fmt.format(v)


def ms(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return f"{v:.1f}" if v < 100 else f"{v:.0f}"


def thousands(v):
    return "–" if v is None else f"{v:,.0f}"


def cpu_us_per_delivery(s):
    d = s.get("delivered_per_s")
    c = s.get("server_cpu_pct")
    if not d or c is None:
        return None
    return c / 100 * 1e6 / d


def expected_window(s):
    """Messages of the window the server did not refuse × receivers still open (accepted alone misses those whose
    completion had not come back by the end of the drain)."""
    return (s["sent"] - s["refused"]) * s["receivers_open"]


def lost(s):
    return max(0, expected_window(s) - s["delivered_window"])


def table(run, name):
    lines = [
        f"| {name}: clients | joined (failed) | delivered msg/s (of expected) | lost | dropped | p50 ms | p99 ms | max ms | fan-out p50 / p99 ms | server CPU % | CPU µs/delivery | load gen CPU % | machine busy % |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for s in run.get("steps", []):
        if "p50_ms" not in s:
            lines.append(f"| {s['clients']:,} | {s.get('connected', '–')} ({s.get('connect_failed', '–')}) | not measured | | | | | | | | | | |")
            continue
        lines.append(
            f"| {s['clients']:,} | {s['connected']:,} ({s['connect_failed']}) | {thousands(s['delivered_per_s'])} ({thousands(expected_window(s) / s['measure_s'])}) | "
            f"{lost(s):,} | {s['dropped_during']} | {ms(s['p50_ms'])} | **{ms(s['p99_ms'])}** | {ms(s['max_ms'])} | "
            f"{ms(s['from_server_p50_ms'])} / {ms(s['from_server_p99_ms'])} | "
            f"{num(s.get('server_cpu_pct'))} | {num(cpu_us_per_delivery(s), '{:.1f}')} | "
            f"{num(s.get('load_cpu_pct'))} | {num(s.get('machine_busy_pct'))} |")
    return "\n".join(lines)


def breaks(run, p99_target=100.0):
    for s in run.get("steps", []):
        why = []
        if "p50_ms" not in s:
            why.append("not measured")
        else:
            if s.get("connect_failed"):
                why.append(f"{s['connect_failed']} clients failed to join")
            if s["p99_ms"] >= p99_target:
                why.append(f"p99 {ms(s['p99_ms'])} ms")
            if expected_window(s) and lost(s) > 0.001 * expected_window(s):
                why.append(f"{lost(s):,} deliveries missing 5 s after the last send")
            if s["dropped_during"]:
                why.append(f"{s['dropped_during']} clients dropped")
        if why:
            return s["clients"], "; ".join(why)
    return None, None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--framecast")
    ap.add_argument("--bare")
    ap.add_argument("--pg")
    ap.add_argument("--pg-state", default="")
    ap.add_argument("--pg-cpu", default="?")
    ap.add_argument("--sleeps-10")
    ap.add_argument("--sleeps-1")
    ap.add_argument("--stall")
    ap.add_argument("--stall-sendq")
    ap.add_argument("--other-pg", default="?")
    ap.add_argument("--other-framecast", default="?")
    ap.add_argument("--other-bare", default="?")
    ap.add_argument("--ffmpeg-cpu", default="?")
    ap.add_argument("--publisher-cpu", default="?")
    ap.add_argument("--chat-rate")
    ap.add_argument("--chat-burst")
    ap.add_argument("--steps")
    a = ap.parse_args()
    fc, bare, pg = load(a.framecast), load(a.bare), load(a.pg)
    first = fc or bare or {}
    print("## N clients in one live chat room, 100 messages/s from 10 senders")
    print()
    print(f"- **Framecast**: `serve` (all roles) with one live session, a 320x180 10 fps RTMP test broadcast (ffmpeg, passed "
          f"through, nothing encoded); **the per-account chat rate raised to {a.chat_rate}/s, burst {a.chat_burst} "
          f"(`Chat:RatePerSecond`, `Chat:RateBurst`; shipped: 1/s after a burst of 5)** so each sender may send its "
          f"{first.get('rate', 100) / max(first.get('senders', 10), 1):.0f}/s; every other setting as shipped (`Realtime:MaxBufferBytes` 32 KiB, "
          f"`Realtime:SendTimeout` 10 s, JSON protocol, SQLite).")
    print(f"- **Clients** (`bench/realtime/Load`, one .NET process on the same machine): raw WebSockets speaking SignalR's JSON hub protocol "
          f"straight to `ws://…/hubs/live` (no negotiate), `JoinLive(sessionId)`; N anonymous receivers plus {first.get('senders', 10)} "
          f"signed-in senders (bearer tokens, also in the room) that invoke `SendMessage` round robin at {first.get('rate', 100):g} messages/s in all. "
          f"A message's text carries its send time (`{first.get('text_example', '')}`) and every receiver takes receipt − send on the same clock "
          f"(receipt = when the client's receive loop got the WebSocket frame: the client's own queueing counts, see its CPU). "
          f"Steps of N ({a.steps}; a step adds clients at ≤ {first.get('ramp_rate', 250):g}/s to those of the step before); per step: join, "
          f"{first.get('idle_s', 5):g} s idle, the server's VmRSS, then {first.get('warmup_s', 5):g} s of messages as warm-up and "
          f"{first.get('duration_s', 30):g} s measured, then up to 5 s for the last messages to arrive. The run stops after a step whose median "
          f"is over 1 s, or in which over 1 % of the clients failed to join or were dropped, or under 90 % of the messages arrived.")
    print("- **delivered msg/s**: `message` events received by the receivers per second of the measured window (expected: the messages "
          "sent and not refused × receivers). **lost**: deliveries of the window's messages still missing 5 s after the last send. **dropped**: receivers "
          "the server closed during the step. **Memory per client** is below each table: on the fresh server, before any message is sent, the largest step's "
          "number of receivers join, rest 10 s and leave again; (VmRSS after − before) / N. Per-step VmRSS differences (in the JSON) "
          "are not shown: the GC heap grown by the message load of the steps before swamps them (they came out negative). "
          "**server CPU %**: the server process's own user + system time over the measured window (100 % = one core); "
          "**CPU µs/delivery** = that / delivered msg/s. **machine busy %**: all CPUs, everything (the server, the clients, other work).")
    print("- **Framecast on PostgreSQL**: then a fresh Framecast, the same set-up, on a throwaway PostgreSQL cluster "
          f"(`Database:Provider=postgres`; defaults but the listener, fsync on; it used {a.pg_cpu} % of a core during the steps, "
          "not in \"server CPU\"). SQLite serializes writers and Microsoft.Data.Sqlite sleeps 150 ms before retrying a busy "
          "statement (see the diagnostic below); PostgreSQL does not, so this run tells the fan-out's cost from that of storing "
          "messages from several senders at once." + (f" **Not measured: {a.pg_state}.**" if a.pg_state else ""))
    print(f"- **Reference** (same client, same steps, run right after): `realtime-load bare`, Kestrel + plain WebSockets speaking just "
          "enough of the protocol: the message serialized once and queued to every member's bounded queue (1,024 frames; a member "
          "whose queue is full is dropped), each member's writer sending what has queued as one WebSocket message; no auth, no "
          "database, no rate limit, no pings from the server. It is the floor of a fan-out on this machine and client; compare "
          "Framecast / bare between runs rather than absolute figures.")
    print(f"- Other work on the machine: processes outside the benchmark used {a.other_framecast} % of the machine during Framecast's steps, "
          f"{a.other_pg} % during the PostgreSQL run and {a.other_bare} % during the reference's. Framecast's ffmpeg child (the broadcast's remux) used {a.ffmpeg_cpu} % of a core, "
          f"the test publisher {a.publisher_cpu} %; neither is in \"server CPU\".")
    print()
    for run, name in ((fc, "Framecast (SQLite)"), (pg, "Framecast (PostgreSQL)"), (bare, "bare WebSockets")):
        if run is None and name.endswith("(PostgreSQL)") and a.pg_state:
            continue
        if run is None:
            print(f"{name}: not measured.")
            print()
            continue
        if run.get("error"):
            print(f"{name}: the run failed: {run['error']}")
            print()
        print(table(run, name))
        print()
        extra = []
        im = run.get("idle_memory")
        if im:
            extra.append(f"**memory per idle client on the fresh server: {num(im['kib_per_client'], '{:.1f}')} KiB** ({im['clients']:,} receivers joined "
                         f"before any message, {im['failed']} failed; VmRSS {im['rss_before_kib'] / 1024:.0f} → {im['rss_after_kib'] / 1024:.0f} MiB; then they left)")
        if run.get("rss_base_kib"):
            extra.append(f"server VmRSS before any receiver {run['rss_base_kib'] / 1024:.0f} MiB")
        for s in run.get("steps", []):
            if "p50_ms" not in s:
                continue
            parts = [f"{s['clients']:,}: p90 {ms(s['p90_ms'])} / p99.9 {ms(s['p999_ms'])} ms",
                     f"join p50/p99 {ms(s['connect_p50_ms'])}/{ms(s['connect_p99_ms'])} ms",
                     f"sent {s['sent_per_s']:.1f}/s (accepted {s['accepted']:,}, refused {s['refused']}{' ' + json.dumps(s['refusals']) if s['refusals'] else ''}, unanswered {s['unanswered']})",
                     f"sender's SendMessage completion p50/p99 {ms(s['ack_p50_ms'])}/{ms(s['ack_p99_ms'])} ms",
                     f"send → the server's `sentAt` (validation, channel rules, rate limit: before the message is stored) p50/p99 {ms(s['to_server_p50_ms'])}/{ms(s['to_server_p99_ms'])} ms",
                     f"VmRSS idle/peak/after {s.get('rss_idle_kib', 0) / 1024:.0f}/{s.get('rss_peak_kib', 0) / 1024:.0f}/{s.get('rss_after_kib', 0) / 1024:.0f} MiB",
                     f"server CPU idle with N joined {num(s.get('server_cpu_idle_pct'))} %"]
            if s.get("closed_reasons"):
                parts.append("closed: " + "; ".join(f"{v}× {k}" for k, v in s["closed_reasons"].items()))
            if s.get("connect_failures"):
                parts.append("join failures: " + "; ".join(f"{v}× {k}" for k, v in s["connect_failures"].items()))
            if s.get("stopped_here"):
                parts.append("**the run stopped here: " + s["stopped_here"] + "**")
            extra.append("; ".join(parts))
        if run.get("targets_seen"):
            extra.append("other events received: " + ", ".join(f"`{k}` {v:,}" for k, v in run["targets_seen"].items()))
        for e in extra:
            print(f"- {e}")
        print()

    for run, name in ((fc, "Framecast (SQLite)"), (pg, "Framecast (PostgreSQL)")):
        if not run or not bare:
            continue
        print(f"### {name} / bare, per step")
        print()
        print("| clients | p99 ms Framecast / bare | delivered msg/s Framecast / bare | server CPU µs per delivery Framecast / bare (ratio) |")
        print("|---:|---:|---:|---:|")
        bsteps = {s["clients"]: s for s in bare.get("steps", []) if "p50_ms" in s}
        for s in run.get("steps", []):
            b = bsteps.get(s["clients"])
            if "p50_ms" not in s or b is None:
                continue
            cf, cb = cpu_us_per_delivery(s), cpu_us_per_delivery(b)
            ratio = f"{cf / cb:.2f}" if cf and cb else "–"
            print(f"| {s['clients']:,} | {ms(s['p99_ms'])} / {ms(b['p99_ms'])} | {thousands(s['delivered_per_s'])} / {thousands(b['delivered_per_s'])} | "
                  f"{num(cf, '{:.1f}')} / {num(cb, '{:.1f}')} ({ratio}) |")
        print()

    s10, s1 = load(a.sleeps_10), load(a.sleeps_1)
    if s10 or s1:
        print("### Diagnostic: the server's blocking 150 ms sleeps")
        print()
        print("Not measured above: for 10 s, with 20 receivers and 100 messages/s, `busy_sleeps.py` counts the server's timed futex "
              "waits by timeout with strace (which slows the server; the latencies of these runs are not reported). "
              "Microsoft.Data.Sqlite retries a statement that got `SQLITE_BUSY` after `Thread.Sleep(150)` "
              "(`SqliteDataReader.NextResult`), a synchronous sleep of a thread-pool thread; .NET's `Thread.Sleep` is such a futex wait.")
        print()
        for name, d in (("10 senders", s10), ("1 sender", s1)):
            if d:
                print(f"- {name}: {d['waits_150ms']:,} waits with a 140–150 ms timeout in {d['seconds']:g} s "
                      f"({d['waits_150ms'] / d['seconds']:.1f}/s), of {d['timed_waits']:,} timed waits in all.")
        print()

    stall = load(a.stall)
    if stall and stall.get("steps"):
        st = stall["steps"][0]
        print("### Diagnostic: a receiver that stops reading")
        print()
        print(f"Not in the tables above: on the PostgreSQL server, {st['clients']:,} receivers and **one stalled receiver** (its socket's "
              "receive buffer 4 KiB, set before connecting; after its join it stops reading but keeps pinging, like a client on a "
              "link too slow for the room) while 10 senders send 100 messages/s for "
              f"{stall.get('duration_s', 150):g} s. `Realtime:SendTimeout` (10 s) should drop it and `Realtime:MaxBufferBytes` (32 KiB) "
              "bound what it holds; what matters is whether the others notice. Per second of the window, the largest send → receipt "
              "of 100 sampled (reading) receivers and the largest `SendMessage` completion time of the senders, ms:")
        print()
        lat = st.get("max_latency_ms_per_s", [])
        ack = st.get("max_ack_ms_per_s", [])
        n = min(len(lat), len(ack), int(stall.get("duration_s", 60)) + 3)
        print("| second | " + " | ".join(str(i) for i in range(n)) + " |")
        print("|---|" + "---:|" * n)
        print("| max latency | " + " | ".join(f"{v:.0f}" for v in lat[:n]) + " |")
        print("| max completion | " + " | ".join(f"{v:.0f}" for v in ack[:n]) + " |")
        print()
        print(f"- Over the window: p50 {ms(st['p50_ms'])} ms, p99 {ms(st['p99_ms'])} ms, max {ms(st['max_ms'])} ms; "
              f"SendMessage completion p50/p99 {ms(st['ack_p50_ms'])}/{ms(st['ack_p99_ms'])} ms; delivered {thousands(st['delivered_per_s'])} of "
              f"{thousands(expected_window(st) / st['measure_s'])} msg/s; {lost(st):,} lost; {st['dropped_during']} reading receivers dropped.")
        if a.stall_sendq and os.path.exists(a.stall_sendq):
            rows = [l.split() for l in open(a.stall_sendq) if len(l.split()) == 2]
            if rows:
                peak = max(int(r[1]) for r in rows)
                print(f"- The largest Send-Q of the server's sockets (`ss`, every 5 s; the stalled receiver's, as the others read): "
                      + ", ".join(f"{int(r[0])} s: {int(r[1]) / 1024:,.0f} KiB" for r in rows)
                      + f"; peak {peak / 1024:,.0f} KiB. Bytes queued in the kernel's send buffer (which grows by itself up to "
                      f"`net.ipv4.tcp_wmem`'s maximum, {open('/proc/sys/net/ipv4/tcp_wmem').read().split()[2]} B here) are outside "
                      "`Realtime:MaxBufferBytes`, and no send waits while they fit, so `Realtime:SendTimeout` does not start counting.")
        for i, c in enumerate(stall.get("stalled", [])):
            print(f"- The stalled receiver: {'closed' if c['closed'] else 'still open'} after it read again for {stall.get('stalled_resume_wait_s', 15):g} s"
                  f"{' (' + c['reason'] + ')' if c.get('reason') else ''}; it had read {c['messages_before_resume']:,} messages before it stalled "
                  f"and got {c['messages_after_resume']:,} more once it read again (the server had {thousands(st['accepted'])} accepted in the window).")
        print()

    if fc:
        print("### Targets")
        print()
        for run, name in ((fc, "SQLite"), (pg, "PostgreSQL")):
            if not run:
                continue
            top = [s for s in run.get("steps", []) if s["clients"] >= 5000 and "p50_ms" in s]
            if top:
                s = top[0]
                ok = s["p99_ms"] < 100 and s["connect_failed"] == 0 and s["dropped_during"] == 0 and lost(s) <= 0.001 * max(expected_window(s), 1)
                print(f"- 5,000 clients with p99 < 100 ms ({name}): **{'met' if ok else 'not met'}** (p99 {ms(s['p99_ms'])} ms, "
                      f"{s['connect_failed']} failed to join, {s['dropped_during']} dropped, {lost(s):,} lost).")
            else:
                last = run.get("steps", [])[-1] if run.get("steps") else None
                print(f"- 5,000 clients with p99 < 100 ms ({name}): **not met** (the run did not reach a measured 5,000-client step"
                      f"{'; it stopped at ' + format(last['clients'], ',') + ': ' + last.get('stopped_here', '') if last else ''}).")
        for run, name in ((fc, "SQLite"), (pg, "PostgreSQL"), (bare, "bare")):
            im = run.get("idle_memory") if run else None
            if im:
                k = im["kib_per_client"]
                print(f"- < 20 KiB per client ({name + (' (the reference)' if name == 'bare' else '')}, {im['clients']:,} idle clients on the fresh server): "
                      f"**{'met' if k is not None and k < 20 else 'not met'}** ({num(k, '{:.1f}')} KiB).")
        n, why = breaks(fc)
        print(f"- Where it breaks (first step with p99 ≥ 100 ms, a join failure, a drop or > 0.1 % lost): "
              f"{'**' + format(n, ',') + ' clients** (' + why + ')' if n else 'not within the steps run'}.")
        if pg:
            n, why = breaks(pg)
            print(f"- On PostgreSQL it breaks at: {'**' + format(n, ',') + ' clients** (' + why + ')' if n else 'not within the steps run'}.")
        if bare:
            n, why = breaks(bare)
            print(f"- The reference breaks at: {'**' + format(n, ',') + ' clients** (' + why + ')' if n else 'not within the steps run'}.")
        print()


if __name__ == "__main__":
    main()
