#!/usr/bin/env bash
# Gifts benchmark: gift sends per second on one Framecast node (`serve`, all roles, Release) on a throwaway PostgreSQL
# cluster, against the same ledger transaction run bare on the same cluster by pgbench, in the same invocation.
#
#   - Set-up through the API: an admin (`framecast users create --admin`), a gift of 10 coins added to the catalogue, a
#     channel with one tiny ready video, and the senders (BENCH_SENDERS' largest, 200): every 10th is "poor" (a 25-coin
#     top-up before each step, so its workers soon get 402s while the others still send); the rest get one grant of
#     1,000,000 coins (the largest single grant) at set-up.
#   - Framecast steps (load.py, asyncio, standard library): for each number of senders (50, 200) and of workers (16,
#     64, 128), the workers send POST /api/v1/videos/{id}/gifts {giftId, count 1–3, a new idempotencyKey} back to back
#     on keep-alive connections for BENCH_WARMUP + BENCH_DURATION s (worker w signs in as sender w % senders; after a
#     402 a worker pauses 50 ms). Accepted sends/s, 402s/s, other answers and errors, p50/p95/p99 over the answers of
#     the measured window. After each step, once the step's jobs are no longer queued: `framecast wallet verify` (exit
#     code), no balance below zero, all entries summing to 0, and the client's count of 201s equal to the new gift
#     transactions (and gift_sends rows) in the database.
#   - Reference steps, right after each Framecast step, same senders and concurrency: pgbench (prepared statements,
#     -j 2) running send.sql, the statements of one accepted send as GiftSender/WalletLedger issue them, on the same
#     tables, hot rows included (the channel's earnings account and the platform's revenue account, which every send
#     credits). Framecast is paused (SIGSTOP) meanwhile. Reported as Framecast sends/s ÷ pgbench transactions/s and
#     Framecast p99 ÷ pgbench p99.
#   - During every step, pg_stat_activity is sampled every 0.25 s (one psql, \watch): what the database's client
#     backends are doing or waiting for; pg_stat_wal and pg_stat_database give WAL flushes and commits per send.
#   - One probe send with log_statement=all records the statements one send costs (the results file lists them).
#
# Usage: bench/gifts/run.sh
# Env:   BENCH_SENDERS (50,200) BENCH_CONCURRENCY (16,64,128) BENCH_DURATION (20) BENCH_WARMUP (3, per step)
#        BENCH_FIRST_WARMUP (10, unmeasured, before the first step) BENCH_TOPUP (25 coins per poor sender per step)
#        BENCH_QUIET_WAIT (2 s at most before each step) BENCH_QUIET_PERCENT (30) BENCH_DRAIN_WAIT (20 s at most for the
#        worker to take a step's gift.received jobs) BENCH_NO_WORKER=0 (skip the no-worker diagnostic) FRAMECAST_DLL SKIP_BUILD KEEP_WORK (see bench/README.md)
#   - Then a diagnostic: the node restarted without its job worker (roles api,web,stream), one short step.
# Output: tables on stdout and bench/results/gifts-YYYY-MM-DD.md. About 8 minutes plus the build.
set -euo pipefail
BENCH_NAME=gifts
source "$(dirname "${BASH_SOURCE[0]}")/../lib/framecast.sh"
GD="$ROOT/bench/gifts"
SENDER_STEPS=${BENCH_SENDERS:-50,200}
CONC_STEPS=${BENCH_CONCURRENCY:-16,64,128}
DURATION=${BENCH_DURATION:-20}
WARMUP=${BENCH_WARMUP:-3}
FIRST_WARMUP=${BENCH_FIRST_WARMUP:-10}
TOPUP=${BENCH_TOPUP:-25}
need curl python3 ss ffmpeg dotnet psql
MAX_SENDERS=$(tr ',' '\n' <<<"$SENDER_STEPS" | sort -n | tail -n 1)
MAX_CONC=$(tr ',' '\n' <<<"$CONC_STEPS" | sort -n | tail -n 1)
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[[ -n $PG_BIN && -x $PG_BIN/initdb && -x $PG_BIN/pgbench ]] || die "no PostgreSQL server binaries and pgbench in /usr/lib/postgresql/*/bin"

# Framecast is paused (SIGSTOP) during each reference step, so that its job listener does not wake for pgbench's
# NOTIFYs (see pgbench_step); whatever stops it here lets it run again first. (lib's stop_framecast, plus SIGCONT.)
stop_framecast() {
    if [[ -n $FC_PID ]]; then
        kill -CONT "$FC_PID" 2>/dev/null || true
        kill "$FC_PID" 2>/dev/null || true
        wait "$FC_PID" 2>/dev/null || true
        FC_PID=""
    fi
}
trap 'exit 143' TERM
trap 'exit 130' INT HUP
nap() { sleep "$1" & wait $!; }

build_framecast

# --- PostgreSQL ------------------------------------------------------------------------------------------------------------
# Defaults (fsync and synchronous_commit on, 128 MB shared buffers) but the listener, the connection limit and
# track_wal_io_timing (for the WAL flush times per step).
PG_DATA=""
AS_PG=()
[[ $EUID -eq 0 ]] && AS_PG=(runuser -u postgres --)
stop_pg() {
    [[ -n $PG_DATA ]] || return 0
    "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 20 stop >/dev/null 2>&1 || true
    PG_DATA=""
}
WAITS_PID=""
stop_waits() {
    [[ -n $WAITS_PID ]] || return 0
    kill "$WAITS_PID" 2>/dev/null || true
    wait "$WAITS_PID" 2>/dev/null || true
    WAITS_PID=""
}
CLEANUP_HOOKS+=(stop_waits stop_pg)
mkdir -p "$WORK/postgres"
chmod 755 "$WORK" # the postgres user must reach its data dir in here
[[ $EUID -eq 0 ]] && chown postgres: "$WORK/postgres"
PG_PORT=$(free_port)
PG_VERSION=$("$PG_BIN/postgres" --version | awk '{ print $3 }')
log "PostgreSQL $PG_VERSION: throwaway cluster on 127.0.0.1:$PG_PORT"
"${AS_PG[@]}" "$PG_BIN/initdb" -D "$WORK/postgres/data" -U postgres -A trust -E UTF8 >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
PG_DATA="$WORK/postgres/data"
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/postgres/server.log" -w \
    -o "-p $PG_PORT -k $WORK/postgres -c listen_addresses=127.0.0.1 -c max_connections=$((MAX_CONC + 150)) -c track_wal_io_timing=on" start >/dev/null
PG_MASTER=$(head -n 1 "$PG_DATA/postmaster.pid")
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres)
"${PSQL[@]}" -d postgres -c 'CREATE DATABASE framecast_bench'
Q() { "${PSQL[@]}" -d framecast_bench -At -F'|' -c "$1"; }
export FRAMECAST__DATABASE__PROVIDER=postgres
export FRAMECAST__DATABASE__CONNECTIONSTRING="Host=127.0.0.1;Port=$PG_PORT;Database=framecast_bench;Username=postgres"

# --- Framecast and the set-up ---------------------------------------------------------------------------------------------------
DATA="$WORK/data"
mkdir -p "$DATA"
dotnet "$DLL" migrate --data "$DATA" >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log" >&2; die "migrate failed"; }
ADMIN_PASSWORD="bench-admin-$RANDOM$RANDOM$RANDOM"
echo "$ADMIN_PASSWORD" | dotnet "$DLL" users create benchadmin --password-stdin --admin --data "$DATA" >"$WORK/admin.log" 2>&1 \
    || { cat "$WORK/admin.log" >&2; die "framecast users create --admin failed"; }
log "starting Framecast (serve, all roles) on PostgreSQL"
start_framecast "$DATA" all
log "Framecast on $FC_URL (pid $FC_PID)"
ffmpeg -hide_banner -loglevel error -nostdin -y -f lavfi -i testsrc2=size=320x180:rate=10:duration=2 \
    -f lavfi -i sine=frequency=440:sample_rate=48000:duration=2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p \
    -c:a aac -b:a 32k -shortest -movflags +faststart "$WORK/clip.mp4" || die "ffmpeg could not make the clip"
log "set-up: admin, gift, channel + video, $MAX_SENDERS senders and their grants"
python3 "$GD/load.py" setup --url "$FC_URL" --admin-user benchadmin --admin-password "$ADMIN_PASSWORD" --senders "$MAX_SENDERS" \
    --clip "$WORK/clip.mp4" --out "$WORK/setup.json"
jget() { python3 -c "import json, sys; d = json.load(open('$WORK/setup.json')); print(eval(sys.argv[1]))" "$1"; }
CHANNEL_ID=$(jget "d['channel']['id']")
GIFT_ID=$(jget "d['gift_id']")
VIDEO_ID=$(jget "d['video_id']")
SENDER0_TOKEN=$(jget "d['senders'][0]['token']")
ADMIN_TOKEN=$(jget "d['admin_token']")

# One probe send with every statement logged: what one send costs the database, as PostgreSQL saw it.
Q "ALTER SYSTEM SET log_statement = 'all'" >/dev/null
Q "ALTER SYSTEM SET log_line_prefix = '%m [%p] '" >/dev/null
Q "SELECT pg_reload_conf()" >/dev/null
nap 0.5
log_lines0=$(wc -l <"$WORK/postgres/server.log")
curl -fsS -o "$WORK/probe.json" -H "Authorization: Bearer $SENDER0_TOKEN" -H 'Content-Type: application/json' \
    -d "{\"giftId\":\"$GIFT_ID\",\"count\":2,\"idempotencyKey\":\"bench-probe-1\"}" "$FC_URL/api/v1/videos/$VIDEO_ID/gifts" || die "the probe send failed"
nap 1.5
Q "ALTER SYSTEM RESET log_statement" >/dev/null
Q "ALTER SYSTEM RESET log_line_prefix" >/dev/null
Q "SELECT pg_reload_conf()" >/dev/null
tail -n +"$((log_lines0 + 1))" "$WORK/postgres/server.log" | grep -v 'ALTER SYSTEM\|pg_reload_conf\|SIGHUP\|configuration file\|cannot be changed' >"$WORK/probe-statements.log" || true

# The reference's senders (pgbench-setup.sql) and the data pgbench needs.
"${PSQL[@]}" -d framecast_bench -f "$GD/pgbench-setup.sql"
PGB_ARGS=(-n -M prepared -h 127.0.0.1 -p "$PG_PORT" -U postgres -j 2 -f "$GD/send.sql" -D price=10 -D "earnacct=user:$CHANNEL_ID:earnings"
    -D "chanuid=$CHANNEL_ID" -D "gift=$GIFT_ID" -D "video=$VIDEO_ID")

# --- measuring ---------------------------------------------------------------------------------------------------------------------
proc_tree_ticks() { python3 "$ROOT/bench/live/proctree.py" ticks "$@"; }
wait_quiet() { # step-name
    local deadline=$((SECONDS + ${BENCH_QUIET_WAIT:-2})) busy own other
    while :; do
        busy=$(machine_busy_ticks); own=$(proc_tree_ticks $$ "$PG_MASTER")
        nap 2
        other=$(other_percent $(($(machine_busy_ticks) - busy)) $(($(proc_tree_ticks $$ "$PG_MASTER") - own)) 2)
        ((other < ${BENCH_QUIET_PERCENT:-30})) && { log "$1: other processes use $other % of the machine"; return 0; }
        ((SECONDS < deadline)) || { log "$1: other processes still use $other % of the machine; going ahead"; return 0; }
    done
}
# pg_stat_activity every 0.25 s on one connection: sample time, wait event (or CPU), state, statement.
start_waits() { # out-file
    printf '%s\n' "SELECT s.t, coalesce(a.wait_event_type || ':' || a.wait_event, 'CPU'), coalesce(a.state, ''), left(regexp_replace(coalesce(a.query, ''), '\\s+', ' ', 'g'), 64)
        FROM (SELECT extract(epoch FROM clock_timestamp())::numeric(16,3) AS t) s
        LEFT JOIN pg_stat_activity a ON a.datname = 'framecast_bench' AND a.backend_type = 'client backend' AND a.pid <> pg_backend_pid() AND a.state <> 'idle'" \
        '\watch 0.25' | "${PSQL[@]}" -d framecast_bench -At -F'|' >"$1" 2>/dev/null &
    WAITS_PID=$!
}
db_counters() { # -> "commits rollbacks wal_sync wal_sync_ms wal_bytes"
    Q "SELECT d.xact_commit, d.xact_rollback, w.wal_sync, round(w.wal_sync_time::numeric, 1), w.wal_bytes
       FROM pg_stat_database d, pg_stat_wal w WHERE d.datname = 'framecast_bench'" | tr '|' ' '
}
# Framecast's gift transactions and gift_sends rows. The reference's ids start with "pgb-" / "pgs-": a hyphen, which
# Framecast's base62 ids never contain (with a bare "pgb" prefix, 1 in 238,328 of Framecast's own ids matched).
gift_counts() {
    Q "SELECT (SELECT count(*) FROM wallet_transactions WHERE kind = 'gift' AND id NOT LIKE 'pgb-%'),
              (SELECT count(*) FROM gift_sends WHERE id NOT LIKE 'pgs-%'),
              (SELECT count(*) FROM wallet_transactions WHERE kind = 'gift' AND result IS NULL)" | tr '|' ' '
}
# The invariants, straight from SQL: lowest balance of any account but issuance, sum of all entries, accounts whose kept
# balance differs from their entries.
sql_invariants() {
    Q "SELECT (SELECT coalesce(min(balance_coins), 0) FROM wallet_accounts WHERE kind <> 'issued'),
              (SELECT coalesce(sum(amount_coins), 0) FROM wallet_entries),
              (SELECT count(*) FROM wallet_accounts a LEFT JOIN (SELECT account_id, sum(amount_coins) s FROM wallet_entries GROUP BY account_id) e
                 ON e.account_id = a.id WHERE a.balance_coins <> coalesce(e.s, 0))" | tr '|' ' '
}
queued_gift_jobs() { Q "SELECT count(*) FROM jobs WHERE type = 'gift.received' AND status IN ('queued', 'running') AND not_before <= now()"; }
# Waits until the worker has taken every gift.received job the step queued (at most BENCH_DRAIN_WAIT s, 20); prints
# the backlog when the load stopped, the seconds waited and what was still queued then.
drain_jobs() {
    local backlog t0=$SECONDS n
    backlog=$(queued_gift_jobs)
    n=$backlog
    while ((n > 0 && SECONDS - t0 < ${BENCH_DRAIN_WAIT:-20})); do nap 0.5; n=$(queued_gift_jobs); done
    echo "$backlog $((SECONDS - t0)) $n"
}
wallet_verify() { # -> exit code; output in $WORK/verify-$1.txt
    local rc=0
    dotnet "$DLL" wallet verify --data "$DATA" >"$WORK/verify-$1.txt" 2>&1 || rc=$?
    echo "$rc"
}

# SIGSTOP, but never in the middle of a statement or transaction: a transaction left open for the whole reference step
# would hold back the xmin horizon, and every update of the hot rows would leave a version that cannot be pruned.
pause_framecast() {
    local try
    for try in $(seq 1 20); do
        kill -STOP "$FC_PID"
        (($(Q "SELECT count(*) FROM pg_stat_activity WHERE datname = 'framecast_bench' AND state <> 'idle' AND pid <> pg_backend_pid()") == 0)) && return 0
        kill -CONT "$FC_PID"
        nap 0.2
    done
    die "Framecast kept a transaction open; could not pause it cleanly"
}

cpu_pct() { awk -v t="$1" -v s="$2" -v tck="$CLK_TCK" 'BEGIN { printf "%.0f", t / tck / s * 100 }'; }

STEPS_JSON="$WORK/steps.jsonl"
: >"$STEPS_JSON"
emit() { python3 -c 'import json, sys; print(json.dumps(dict(zip(sys.argv[1::2], sys.argv[2::2]))))' "$@" >>"$STEPS_JSON"; }

framecast_step() { # senders workers warmup duration label [kind]
    local n=$1 c=$2 w=$3 d=$4 label=$5 kind=${6:-framecast} before after busy own fc0 pg0 t0 secs c0 c1 inv rc drain
    python3 "$GD/load.py" topup --setup "$WORK/setup.json" --senders "$n" --coins "$TOPUP" >/dev/null
    wait_quiet "$label"
    read -r g0 s0 _ <<<"$(gift_counts)"
    c0=$(db_counters)
    busy=$(machine_busy_ticks); own=$(proc_tree_ticks $$); fc0=$(proc_tree_ticks "$FC_PID"); pg0=$(proc_tree_ticks "$PG_MASTER"); t0=$(date +%s.%N)
    start_waits "$WORK/waits-$label.txt"
    python3 "$GD/load.py" run --setup "$WORK/setup.json" --senders "$n" --concurrency "$c" --warmup "$w" --duration "$d" \
        --label "$label" --json "$WORK/$label.json" || die "$label: the load generator failed"
    stop_waits
    secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
    local fc_ticks=$(($(proc_tree_ticks "$FC_PID") - fc0)) pg_ticks=$(($(proc_tree_ticks "$PG_MASTER") - pg0))
    local other
    other=$(other_percent $(($(machine_busy_ticks) - busy)) $(($(proc_tree_ticks $$) - own + pg_ticks)) "${secs%.*}")
    c1=$(db_counters)
    if [[ $kind == noworker ]]; then drain="$(queued_gift_jobs) 0 -"; else drain=$(drain_jobs); fi
    read -r g1 s1 nullres <<<"$(gift_counts)"
    rc=$(wallet_verify "$label")
    inv=$(sql_invariants)
    emit kind "$kind" label "$label" senders "$n" workers "$c" load "$WORK/$label.json" waits "$WORK/waits-$label.txt" \
        fc_cpu "$(cpu_pct "$fc_ticks" "$secs")" pg_cpu "$(cpu_pct "$pg_ticks" "$secs")" other "$other" \
        counters0 "$c0" counters1 "$c1" db_gift_tx "$((g1 - g0))" db_gift_sends "$((s1 - s0))" null_results "$nullres" \
        verify_rc "$rc" verify_out "$(head -c 600 "$WORK/verify-$label.txt")" invariants "$inv" drain "$drain"
}

pgbench_step() { # senders workers warmup duration label
    local n=$1 c=$2 w=$3 d=$4 label=$5 busy own fc0 pg0 t0 secs ch0 ch1 c0 c1 rc=0
    wait_quiet "$label"
    mkdir -p "$WORK/pgblog-$label"
    c0=$(db_counters)
    busy=$(machine_busy_ticks); own=$(proc_tree_ticks $$); fc0=$(proc_tree_ticks "$FC_PID"); pg0=$(proc_tree_ticks "$PG_MASTER"); t0=$(date +%s.%N)
    ch0=$(proc_children_ticks $$)
    # Framecast paused: its LISTEN connection stays open (each COMMIT still queues a notification and signals it, as
    # during Framecast's steps), but the node does not run a job claim for every one of pgbench's NOTIFYs.
    pause_framecast
    start_waits "$WORK/waits-$label.txt"
    log "$label: pgbench, $c clients, $n senders, ${w}+${d} s (Framecast paused)"
    "$PG_BIN/pgbench" "${PGB_ARGS[@]}" -c "$c" -T "$(awk -v a="$w" -v b="$d" 'BEGIN { print int(a + b + 0.5) }')" -D "nsenders=$n" \
        -l --log-prefix="$WORK/pgblog-$label/log" framecast_bench >"$WORK/$label.out" 2>&1 || rc=$?
    ch1=$(proc_children_ticks $$)
    stop_waits
    kill -CONT "$FC_PID"
    secs=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
    local fc_ticks=$(($(proc_tree_ticks "$FC_PID") - fc0)) pg_ticks=$(($(proc_tree_ticks "$PG_MASTER") - pg0))
    local other
    other=$(other_percent $(($(machine_busy_ticks) - busy)) $(($(proc_tree_ticks $$) - own + pg_ticks)) "${secs%.*}")
    c1=$(db_counters)
    ((rc == 0)) || { tail -n 20 "$WORK/$label.out" >&2; die "$label: pgbench failed"; }
    python3 "$GD/report.py" pgbench-log --dir "$WORK/pgblog-$label" --warmup "$w" --duration "$d" --out "$WORK/$label.json" \
        --client-cpu "$(cpu_pct $((ch1 - ch0)) "$secs")" --stdout "$WORK/$label.out" --label "$label"
    emit kind pgbench label "$label" senders "$n" workers "$c" load "$WORK/$label.json" waits "$WORK/waits-$label.txt" \
        fc_cpu "$(cpu_pct "$fc_ticks" "$secs")" pg_cpu "$(cpu_pct "$pg_ticks" "$secs")" other "$other" \
        counters0 "$c0" counters1 "$c1" invariants "$(sql_invariants)"
}

log "warm-up (not measured): Framecast ${FIRST_WARMUP} s at 16 workers, pgbench 5 s"
python3 "$GD/load.py" run --setup "$WORK/setup.json" --senders "$(tr ',' '\n' <<<"$SENDER_STEPS" | head -n 1)" --concurrency 16 \
    --warmup 0 --duration "$FIRST_WARMUP" --label warmup --json "$WORK/warmup.json" || die "the warm-up failed"
pause_framecast
"$PG_BIN/pgbench" "${PGB_ARGS[@]}" -c 16 -T 5 -D nsenders=50 framecast_bench >"$WORK/pgbench-warmup.out" 2>&1 \
    || { cat "$WORK/pgbench-warmup.out" >&2; die "pgbench failed (warm-up)"; }
kill -CONT "$FC_PID"
drain_jobs >/dev/null

for n in ${SENDER_STEPS//,/ }; do
    for c in ${CONC_STEPS//,/ }; do
        framecast_step "$n" "$c" "$WARMUP" "$DURATION" "framecast-$n-$c"
        pgbench_step "$n" "$c" "$WARMUP" "$DURATION" "pgbench-$n-$c"
    done
done

# --- diagnostic: the same node without its job worker ---------------------------------------------------------------------------
# Not in the table: Framecast restarted as `serve --roles api,web,stream` (no worker: nobody claims the gift.received
# jobs, which stay queued), after the same unmeasured warm-up as the first node, 50 senders x 16 workers, 3 + 10 s. Tells how much of the gap to pgbench is the worker
# claiming and failing a job per send (two more write transactions, each a WAL flush) next to the sends themselves.
if [[ ${BENCH_NO_WORKER:-1} != 0 ]]; then
    stop_framecast
    log "diagnostic: Framecast without the worker role (api,web,stream)"
    start_framecast "$DATA" api,web,stream
    python3 -c 'import json, sys; p = sys.argv[1]; d = json.load(open(p)); d["url"] = sys.argv[2]; json.dump(d, open(p, "w"))' "$WORK/setup.json" "$FC_URL"
    # A fresh process: the same unmeasured warm-up as the first node had (tiered JIT), then the step.
    python3 "$GD/load.py" run --setup "$WORK/setup.json" --senders "$(tr ',' '\n' <<<"$SENDER_STEPS" | head -n 1)" --concurrency 16 \
        --warmup 0 --duration "$FIRST_WARMUP" --label warmup-noworker --json "$WORK/warmup-noworker.json" || die "the warm-up failed"
    framecast_step "$(tr ',' '\n' <<<"$SENDER_STEPS" | head -n 1)" 16 "$WARMUP" 10 framecast-noworker noworker
fi

# --- after the steps ---------------------------------------------------------------------------------------------------------------
FINAL_VERIFY_RC=$(wallet_verify final)
curl -fsS -X POST -H "Authorization: Bearer $ADMIN_TOKEN" "$FC_URL/api/v1/admin/wallet/verify" >"$WORK/admin-verify.json" \
    || echo '{"error": "POST /api/v1/admin/wallet/verify failed"}' >"$WORK/admin-verify.json"
Q "SELECT CASE WHEN status = 'reference' THEN 'the reference''s' ELSE 'Framecast''s' END, status, coalesce(last_error, ''), count(*)
   FROM jobs WHERE type = 'gift.received' GROUP BY 1, 2, 3 ORDER BY 1, 4 DESC" >"$WORK/jobs.txt"
Q "SELECT id, kind, balance_coins FROM wallet_accounts WHERE kind IN ('revenue', 'earnings', 'issued') ORDER BY id" >"$WORK/hot-accounts.txt"
stop_framecast
stop_pg

mkdir -p "$RESULTS_DIR"
OUT="$RESULTS_DIR/gifts-$(date -u +%F).md"
{
    echo "# Gifts benchmark, $(date -u +%F)"
    echo
    machine_lines
    echo "- PostgreSQL $PG_VERSION (throwaway cluster, defaults: fsync and synchronous_commit on, shared_buffers 128 MB; max_connections $((MAX_CONC + 150)), track_wal_io_timing on), pgbench $PG_VERSION, Python $(python3 -c 'import platform; print(platform.python_version())')"
    echo
    python3 "$GD/report.py" markdown --steps "$STEPS_JSON" --probe "$WORK/probe-statements.log" --final-verify-rc "$FINAL_VERIFY_RC" \
        --final-verify "$WORK/verify-final.txt" --admin-verify "$WORK/admin-verify.json" --jobs "$WORK/jobs.txt" \
        --hot-accounts "$WORK/hot-accounts.txt" --duration "$DURATION" --warmup "$WARMUP" --topup "$TOPUP"
} >"$OUT.tmp"
sed -e "s#$WORK#\$WORK#g" "$OUT.tmp" >"$OUT"
rm -f "$OUT.tmp"
cat "$OUT"
log "written to ${OUT#"$ROOT/"}"
