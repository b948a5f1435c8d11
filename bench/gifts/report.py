#!/usr/bin/env python3
"""bench/gifts: pgbench's per-transaction log to step figures, and the markdown body of bench/results/gifts-*.md.

  report.py pgbench-log --dir DIR --warmup W --duration D --out step.json --client-cpu PCT --stdout pgbench.out --label L
      pgbench -l writes one line per transaction: client, transaction no., latency µs, script, epoch s, epoch µs (when
      it ended). The window is [first start + W, first start + W + D) by end time, as for Framecast's client.
  report.py markdown --steps steps.jsonl ...
"""
import argparse
import glob
import json
import os
import re
import sys
from collections import defaultdict


def pct(sorted_values, p):
    if not sorted_values:
        return None
    k = min(len(sorted_values) - 1, max(0, int(round(p / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def pgbench_log(a):
    rows = []
    for path in glob.glob(os.path.join(a.dir, "log*")):
        with open(path) as f:
            for line in f:
                parts = line.split()
                if len(parts) < 6:
                    continue
                lat_us = int(parts[2])
                end = int(parts[4]) + int(parts[5]) / 1e6
                rows.append((end, lat_us / 1000))
    if not rows:
        raise SystemExit(f"{a.label}: no pgbench log lines in {a.dir}")
    first_start = min(end - lat / 1000 for end, lat in rows)
    lo, hi = first_start + a.warmup, first_start + a.warmup + a.duration
    window = sorted(lat for end, lat in rows if lo <= end < hi)
    per_second = defaultdict(int)
    for end, _ in rows:
        if lo <= end < hi:
            per_second[int(end - lo)] += 1
    text = open(a.stdout).read() if a.stdout and os.path.exists(a.stdout) else ""
    failed = re.search(r"number of failed transactions: (\d+)", text)
    out = {
        "label": a.label, "tx_per_s": len(window) / a.duration, "transactions_total": len(rows),
        "failed": int(failed.group(1)) if failed else None,
        "p50_ms": pct(window, 50), "p95_ms": pct(window, 95), "p99_ms": pct(window, 99), "max_ms": window[-1] if window else None,
        "min_second": min(per_second.get(i, 0) for i in range(int(a.duration))),
        "max_second": max(per_second.get(i, 0) for i in range(int(a.duration))),
        "client_cpu_pct": a.client_cpu,
    }
    with open(a.out, "w") as f:
        json.dump(out, f, indent=1)
    print(f"[{a.label}] {out['tx_per_s']:.0f} tx/s, p50 {out['p50_ms']:.1f} ms, p95 {out['p95_ms']:.1f} ms, p99 {out['p99_ms']:.1f} ms, "
          f"failed {out['failed']}", file=sys.stderr)


# --- markdown --------------------------------------------------------------------------------------------------------------
def ms(v):
    if v is None:
        return "–"
    return f"{v:.1f}" if v < 100 else f"{v:,.0f}"


def waits(path, top=5):
    """Mean number of client backends per (wait event, statement) over the samples, busiest first; and the mean total."""
    if not os.path.exists(path):
        return [], 0, 0
    samples, counts = set(), defaultdict(int)
    with open(path) as f:
        for line in f:
            parts = line.rstrip("\n").split("|", 3)
            if len(parts) < 4:
                continue
            t, event, state, query = parts
            samples.add(t)
            if not state:
                continue
            q = query.strip()
            q = re.sub(r"\(.*", "(…", q) if q.startswith("INSERT") else q
            q = q[:48]
            if state == "idle in transaction":
                event = "idle in transaction (waiting for the client)"
            counts[(event, q)] += 1
    n = max(1, len(samples))
    total = sum(counts.values()) / n
    ranked = sorted(((c / n, e, q) for (e, q), c in counts.items()), reverse=True)
    return ranked[:top], total, len(samples)


def counters(s):
    return [float(x) for x in s.split()]


def markdown(a):
    steps = [json.loads(l) for l in open(a.steps) if l.strip()]
    pairs = []
    for s in steps:
        s["data"] = json.load(open(s["load"])) if os.path.exists(s["load"]) else {}
        if s["kind"] == "framecast":
            pairs.append([s, None])
        elif pairs and pairs[-1][1] is None:
            pairs[-1][1] = s
    print("## Gift sends per second, one node, PostgreSQL")
    print()
    print(f"- **Framecast**: `serve` (all roles, as shipped) on a throwaway PostgreSQL cluster; the senders send the catalogue's "
          f"10-coin bench gift, count 1–3, to one channel's video. `bench/gifts/load.py` (Python asyncio, standard library, one "
          f"process): per step, W workers on keep-alive connections; worker w signs in as sender w % N and sends `POST "
          f"/api/v1/videos/{{id}}/gifts` with a new idempotency key back to back ({a.warmup} s warm-up, then {a.duration} s "
          f"measured; after a 402 the worker waits 50 ms). Every 10th sender is poor: topped up with {a.topup} coins before "
          f"each step, so it runs dry in a few sends and its workers get 402s (`wallet.insufficient_funds`) while the others, "
          f"granted 1,000,000 coins once, keep sending. Latencies are over all answers of the window (201s and 402s), "
          f"measured by the client from request written to answer read.")
    print("- **Reference** (`pgbench`, right after each Framecast step, same N and W as clients, `-M prepared -j 2`): "
          "`bench/gifts/send.sql`, the statements one accepted send runs (GiftSender + WalletLedger: claim the idempotency "
          "key, conditional debit, entry, credit of the channel's earnings, entry, credit of the platform's revenue, entry, "
          "gift_sends row, job row (its NOTIFY trigger fires), stored result, COMMIT) on the same tables and the same two "
          "hot rows, plus one indexed lookup standing for the request's reads. pgbench's senders spend from their own "
          "accounts (never short: no 402s in the reference). Its job rows get the status `reference`: never claimed, and not among the queued jobs whose count drives the plan of the worker's claim query. "
          "Framecast is paused (SIGSTOP) during the reference: its LISTEN connection stays open, so every COMMIT still "
          "queues and signals a notification as during Framecast's steps, but the node does not run a job claim per NOTIFY.")
    print("- **sends/s ÷ tx/s** is the figure to compare between runs; **p99 ÷ pgbench p99** compares Framecast's p99 over "
          "its accepted sends (201s only) with pgbench's p99 per transaction.")
    print()
    print("| senders | workers | Framecast sends/s (201) | 402/s | other answers / errors | p50 / p95 / p99 ms (all answers) | "
          "pgbench tx/s | pgbench p50 / p95 / p99 ms | **sends/s ÷ tx/s** | p99 (201s) ÷ pgbench p99 |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for f, p in pairs:
        d, r = f["data"], (p or {}).get("data", {})
        other = sum(v for k, v in d.get("window_status", {}).items() if k not in ("201", "402"))
        errs = sum(d.get("errors", {}).values())
        ratio = d["accepted_per_s"] / r["tx_per_s"] if r.get("tx_per_s") else None
        lat_ratio = d["accepted_p99_ms"] / r["p99_ms"] if r.get("p99_ms") and d.get("accepted_p99_ms") else None
        lat_txt = "–" if lat_ratio is None else f"{lat_ratio:.1f}× ({ms(d['accepted_p99_ms'])} / {ms(r['p99_ms'])})"
        print(f"| {f['senders']} | {f['workers']} | {d['accepted_per_s']:,.0f} | {d['refused_402_per_s']:,.0f} | {other} / {errs} | "
              f"{ms(d['p50_ms'])} / {ms(d['p95_ms'])} / {ms(d['p99_ms'])} | {r.get('tx_per_s', 0):,.0f} | "
              f"{ms(r.get('p50_ms'))} / {ms(r.get('p95_ms'))} / {ms(r.get('p99_ms'))} | "
              f"**{'–' if ratio is None else f'{ratio:.2f}'}** | "
              f"{lat_txt} |")
    print()
    for f, p in pairs:
        d, r = f["data"], (p or {}).get("data", {})
        extra = []
        if d.get("error_samples"):
            extra.append("other answers: " + "; ".join(x.replace("|", "/")[:160] for x in d["error_samples"][:2]))
        if d.get("errors"):
            extra.append("errors: " + ", ".join(f"{k} {v}" for k, v in d["errors"].items()))
        print(f"- {f['senders']} senders, {f['workers']} workers: 201 p50/p99 {ms(d.get('accepted_p50_ms'))}/{ms(d.get('accepted_p99_ms'))} ms, "
              f"402 p50 {ms(d.get('refused_p50_ms'))} ms, max {ms(d.get('max_ms'))} ms; slowest/fastest second "
              f"{d.get('min_second')}/{d.get('max_second')} sends (pgbench {r.get('min_second')}/{r.get('max_second')} tx, max "
              f"{ms(r.get('max_ms'))} ms, failed {r.get('failed')}); {d.get('inflight_at_stop')} sends in flight at the end, "
              f"answered within {d.get('drain_s', 0):.1f} s" + ("; " + "; ".join(extra) if extra else ""))
    print()

    print("### Invariants after each Framecast step")
    print()
    print("Checked once the step's last answer was in and the worker had taken the step's `gift.received` jobs. "
          "**verify**: exit code of `framecast wallet verify` (same environment and database as the node; 0 = every balance "
          "equals its entries, every transaction's entries sum to 0, none below zero). **lowest balance**: of any account "
          "but issuance. **Σ entries**: all entries together. **201s counted / gift transactions**: the client's 201s over the "
          "whole step (warm-up and the sends in flight at the end included) against the new gift transactions (and gift_sends "
          "rows) in the database. **unfinished**: gift transactions without a stored result (a claimed key that never "
          "committed its answer).")
    print()
    print("| senders | workers | verify | lowest balance | Σ entries | accounts ≠ entries | 201s counted | gift transactions | gift_sends rows | unfinished | 201s with balance < 0 | jobs queued at the end (drained in s) |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    all_ok = True
    for f, _ in pairs:
        d = f["data"]
        low, total, mismatched = f["invariants"].split()
        backlog, drain_s, left = f["drain"].split()
        ok = (f["verify_rc"] == "0" and int(low) >= 0 and int(total) == 0 and int(mismatched) == 0
              and int(f["db_gift_tx"]) == d.get("accepted_total") == int(f["db_gift_sends"]) and int(f["null_results"]) == 0
              and d.get("negative_balance_answers") == 0)
        all_ok &= ok
        print(f"| {f['senders']} | {f['workers']} | {f['verify_rc']} | {int(low):,} | {int(total)} | {mismatched} | {d.get('accepted_total', 0):,} | "
              f"{int(f['db_gift_tx']):,} | {int(f['db_gift_sends']):,} | {f['null_results']} | {d.get('negative_balance_answers')} | "
              f"{backlog} ({drain_s}{'' if left == '0' else f', {left} still queued'}) |")
    print()
    print(f"- **All invariants held after every step: {'yes' if all_ok else 'NO'}.** The same SQL checks after each reference step: "
          + ", ".join(f"{p['label'].split('-', 1)[1]}: lowest {p['invariants'].split()[0]}, Σ {p['invariants'].split()[1]}, "
                      f"≠ {p['invariants'].split()[2]}" for _, p in pairs if p))
    print(f"- After all steps: `framecast wallet verify` exit {a.final_verify_rc}: "
          f"{open(a.final_verify).read().strip()[:400] if os.path.exists(a.final_verify) else '?'}")
    try:
        av = json.load(open(a.admin_verify))
        print(f"- `POST /api/v1/admin/wallet/verify`: ok {str(av.get('ok')).lower()}, {av.get('accounts')} accounts, "
              f"{av.get('transactions')} transactions, {av.get('coinsInCirculation'):,} coins in circulation, problems {av.get('problems')}")
    except (OSError, ValueError, TypeError):
        print("- `POST /api/v1/admin/wallet/verify`: no answer")
    if os.path.exists(a.hot_accounts):
        rows = [l.split("|") for l in open(a.hot_accounts).read().split("\n") if l]
        print("- The shared accounts at the end: " + ", ".join(f"`{i}` ({k}) {int(b):,}" for i, k, b in rows))
    if os.path.exists(a.jobs):
        rows = [l.split("|") for l in open(a.jobs).read().split("\n") if l]
        print("- `gift.received` jobs at the end (the reference's have the status `reference`; the no-worker diagnostic's stay queued): "
              + "; ".join(f"{who} {int(c):,} {st}" + (f" (\"{e}\")" if e else "") for who, st, e, c in rows))
    print()

    print("### Where the time goes")
    print()
    print("Per step: CPU of the Framecast process, of PostgreSQL (postmaster and every backend) and of the load generator "
          "(100 % = one core; the machine has 2), and the share of the machine other processes used; from `pg_stat_wal` "
          "and `pg_stat_database`, WAL flushes (fsyncs of the WAL) and committed transactions (read-only ones included) per "
          "accepted send, and the mean time of one WAL flush (`track_wal_io_timing`).")
    print()
    print("| step | sends or tx /s | Framecast CPU % | PostgreSQL CPU % | client CPU % | other % | WAL flushes / send | ms per flush | commits / send | WAL KiB / send |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for f, p in pairs:
        for s in (f, p):
            if not s:
                continue
            d = s["data"]
            c0, c1 = counters(s["counters0"]), counters(s["counters1"])
            commits, _, syncs, sync_ms, wal_bytes = (c1[i] - c0[i] for i in range(5))
            n = d.get("accepted_total") if s["kind"] == "framecast" else d.get("transactions_total")
            rate = d.get("accepted_per_s") if s["kind"] == "framecast" else d.get("tx_per_s")
            name = f"{'Framecast' if s['kind'] == 'framecast' else 'pgbench'} {s['senders']}/{s['workers']}"
            n = n or 1
            print(f"| {name} | {rate:,.0f} | {s['fc_cpu']} | {s['pg_cpu']} | {d.get('client_cpu_pct', 0):.0f} | {s['other']} | "
                  f"{syncs / n:.2f} | {sync_ms / syncs if syncs else 0:.2f} | {commits / n:.1f} | {wal_bytes / n / 1024:.1f} |")
    print()
    print("What PostgreSQL's client backends were doing, sampled every 0.25 s from `pg_stat_activity` (mean number of "
          "backends in each state over the samples; `Lock:transactionid` = waiting for another transaction's row lock, "
          "`idle in transaction` = inside a transaction, waiting for the client's next statement; `CPU` = running):")
    print()
    print("| step | samples | busy backends (mean) | top waits: mean backends, event, statement |")
    print("|---|---:|---:|---|")
    for f, p in pairs:
        for s in (f, p):
            if not s:
                continue
            ranked, total, n = waits(s["waits"])
            name = f"{'Framecast' if s['kind'] == 'framecast' else 'pgbench'} {s['senders']}/{s['workers']}"
            top = "; ".join(f"{v:.1f} {e} `{q}`" for v, e, q in ranked)
            print(f"| {name} | {n} | {total:.1f} | {top.replace('|', '/')} |")
    print()

    diag = [s for s in steps if s["kind"] == "noworker"]
    ref = next((p for f, p in pairs if p and f["senders"] == (diag[0]["senders"] if diag else None) and f["workers"] == (diag[0]["workers"] if diag else None)), None)
    with_worker = next((f for f, p in pairs if diag and f["senders"] == diag[0]["senders"] and f["workers"] == diag[0]["workers"]), None)
    if diag:
        print("### Diagnostic: the same node without its job worker")
        print()
        print("Not in the table above: after the steps, Framecast restarted as `serve --roles api,web,stream` (no worker role: "
              "nobody claims the `gift.received` jobs, which stay queued), same database, the same unmeasured warm-up as the first "
              "node, then one step of "
              f"{diag[0]['senders']} senders × {diag[0]['workers']} workers, {a.warmup:.0f} + 10 s. Against the same step with the "
              "worker and the reference's step of the same size (both earlier in this run, so other load differs):")
        print()
        print("| node | sends/s | ÷ pgbench tx/s | p50 / p99 ms | Framecast CPU % | PostgreSQL CPU % | other % | WAL flushes / send | ms per flush | commits / send | verify | 201s = gift transactions |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for name, s in (("all roles (the step above)", with_worker), ("no worker", diag[0])):
            if not s:
                continue
            d = s["data"]
            c0, c1 = counters(s["counters0"]), counters(s["counters1"])
            commits, _, syncs, sync_ms, _ = (c1[i] - c0[i] for i in range(5))
            n = d.get("accepted_total") or 1
            r = (ref or {}).get("data", {}).get("tx_per_s")
            print(f"| {name} | {d['accepted_per_s']:,.0f} | {d['accepted_per_s'] / r if r else float('nan'):.2f} | {ms(d['p50_ms'])} / {ms(d['p99_ms'])} | "
                  f"{s['fc_cpu']} | {s['pg_cpu']} | {s['other']} | {syncs / n:.2f} | {sync_ms / syncs if syncs else 0:.2f} | {commits / n:.1f} | "
                  f"{s['verify_rc']} | {'yes' if int(s['db_gift_tx']) == d.get('accepted_total') == int(s['db_gift_sends']) else 'NO'} "
                  f"({d.get('accepted_total'):,} / {int(s['db_gift_tx']):,}) |")
        print()

    if a.probe and os.path.exists(a.probe):
        print("### One send, as PostgreSQL saw it")
        print()
        print("The probe send before the steps (2 × the bench gift), with `log_statement = all`: every statement in the order "
              "logged, by backend (Npgsql's pool hands each `OpenAsync` its own connection; the reset line is Npgsql's, sent "
              "with the first statement after a connection comes back from the pool). The job worker's statements are "
              "the same node reacting to the send's job.")
        print()
        print("```")
        current = None
        for line in open(a.probe):
            m = re.match(r"\S+ \S+ UTC \[(\d+)\] LOG:  (?:statement|execute [^:]+): (.*)", line)
            if not m:
                continue
            pid, sql = m.groups()
            sql = re.sub(r"\s+", " ", sql)
            if sql.startswith("SET SESSION AUTHORIZATION DEFAULT"):
                sql = "(pool reset: SET SESSION AUTHORIZATION DEFAULT; RESET ALL; CLOSE ALL; UNLISTEN *; pg_advisory_unlock_all(); DISCARD SEQUENCES; DISCARD TEMP)"
            print(f"[{pid}] {sql[:150]}")
        print("```")
        print()


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("pgbench-log")
    g.add_argument("--dir", required=True)
    g.add_argument("--warmup", type=float, required=True)
    g.add_argument("--duration", type=float, required=True)
    g.add_argument("--out", required=True)
    g.add_argument("--client-cpu", type=float, default=0)
    g.add_argument("--stdout")
    g.add_argument("--label", default="pgbench")
    m = sub.add_parser("markdown")
    m.add_argument("--steps", required=True)
    m.add_argument("--probe")
    m.add_argument("--final-verify-rc", default="?")
    m.add_argument("--final-verify", default="")
    m.add_argument("--admin-verify", default="")
    m.add_argument("--jobs", default="")
    m.add_argument("--hot-accounts", default="")
    m.add_argument("--duration", type=float)
    m.add_argument("--warmup", type=float)
    m.add_argument("--topup", type=int)
    a = p.parse_args()
    pgbench_log(a) if a.cmd == "pgbench-log" else markdown(a)


if __name__ == "__main__":
    main()
