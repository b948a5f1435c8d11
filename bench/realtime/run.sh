#!/usr/bin/env bash
# Real-time benchmark (issue 15): N WebSocket clients in one live chat room on one node, 100 messages per second from
# 10 senders. Per step of N: delivered messages per second, p50/p99 from send to receipt, memory per client (the
# server's VmRSS with N idle clients over its VmRSS before any), the node's CPU. Targets: 5,000 clients with p99 <
# 100 ms and < 20 KiB per client on a 2-core machine; the run reports where it breaks.
#
#   - Framecast (`serve`, all roles) with a live session to chat in: a tiny RTMP broadcast (ffmpeg, 320x180 at 10 fps,
#     passed through by the server, nothing encoded), published with the stream key of a throwaway channel account.
#     The per-account chat rate is raised for the run (Chat:RatePerSecond, Chat:RateBurst; default 1/s after a burst
#     of 5) so that each sender may send its 10 per second; everything else is as shipped.
#   - Load/ (realtime-load, one .NET process): raw WebSockets speaking SignalR's JSON hub protocol straight to
#     ws://…/hubs/live (no negotiate), JoinLive(sessionId); N anonymous receivers plus 10 signed-in senders (bearer
#     tokens) that invoke SendMessage round robin. Each message's text carries its send time; receivers take receipt −
#     send on the same clock.
#   - An unmeasured strace diagnostic on the same server (busy_sleeps.py): its 150 ms sleeps (Microsoft.Data.Sqlite's
#     retry after SQLITE_BUSY) with 10 senders and with 1.
#   - Then the same steps on a fresh Framecast whose database is a throwaway PostgreSQL cluster (no SQLite write lock),
#     and on it an unmeasured diagnostic: one receiver that stops reading among 200 (is it dropped; do others notice?).
#   - Each run first joins BENCH_IDLE_MEMORY idle receivers to the fresh server (no message sent yet) for the memory per
#     client, then lets them go.
#   - The reference, same client, same steps, same run: `realtime-load bare`, Kestrel + plain WebSockets that speak
#     just enough of the protocol (the message serialized once, queued to every member's bounded queue; no auth, no
#     storage, no rate limit): the floor of a fan-out on this machine, so Framecast / bare is comparable between runs.
#
# Usage: bench/realtime/run.sh
# Env:   BENCH_STEPS (500,1000,2000,5000) BENCH_RATE (100) BENCH_SENDERS (10) BENCH_WARMUP (5) BENCH_DURATION (30)
#        BENCH_IDLE (5) BENCH_RAMP_RATE (250 connections/s) BENCH_STOP_P50_MS (1000) BENCH_REFERENCE=0 (no bare run)
#        BENCH_CHAT_RATE (200) BENCH_CHAT_BURST (200) BENCH_POSTGRES=0 (skip the PostgreSQL run)
#        BENCH_STRACE=0 (skip the strace diagnostic of the server's 150 ms sleeps) BENCH_STALL=0 (skip the stalled-receiver
#        diagnostic) BENCH_STALL_SECONDS (150) BENCH_IDLE_MEMORY (the largest step: idle receivers joined to a fresh server for memory per client) BENCH_QUIET_WAIT (30) BENCH_QUIET_PERCENT (30)
#        FRAMECAST_DLL SKIP_BUILD KEEP_WORK (see bench/README.md)
# Output: tables on stdout and bench/results/realtime-YYYY-MM-DD.md. About 20 minutes plus the build.
set -euo pipefail
BENCH_NAME=realtime
source "$(dirname "${BASH_SOURCE[0]}")/../lib/framecast.sh"
RT_DIR="$ROOT/bench/realtime"
STEPS=${BENCH_STEPS:-500,1000,2000,5000}
RATE=${BENCH_RATE:-100}
SENDERS=${BENCH_SENDERS:-10}
WARMUP=${BENCH_WARMUP:-5}
DURATION=${BENCH_DURATION:-30}
IDLE=${BENCH_IDLE:-5}
RAMP_RATE=${BENCH_RAMP_RATE:-250}
STOP_P50_MS=${BENCH_STOP_P50_MS:-1000}
CHAT_RATE=${BENCH_CHAT_RATE:-200}
CHAT_BURST=${BENCH_CHAT_BURST:-200}
OWNER=benchrt
STALL_SECONDS=${BENCH_STALL_SECONDS:-150}
IDLE_MEMORY=${BENCH_IDLE_MEMORY:-$(tr ',' '\n' <<<"$STEPS" | sort -n | tail -n 1)}
need curl python3 ss ffmpeg dotnet

max_clients=$(tr ',' '\n' <<<"$STEPS" | sort -n | tail -n 1)
want_files=$((2 * max_clients + 1024))
(($(ulimit -Hn) >= want_files)) || die "the hard limit of open files ($(ulimit -Hn)) is too low for $max_clients clients"
ulimit -n "$want_files"

trap 'exit 143' TERM
trap 'exit 130' INT HUP
nap() { sleep "$1" & wait $!; }

# --- builds ------------------------------------------------------------------------------------------------------------
build_framecast
log "building the load generator (bench/realtime/Load) in $WORK/load"
mkdir -p "$WORK/load/src"
tar -C "$RT_DIR/Load" --exclude=./bin --exclude=./obj -cf - . | tar -C "$WORK/load/src" -xf -
dotnet build "$WORK/load/src" -c Release -nologo -v quiet -o "$WORK/load/bin" >"$WORK/load/build.log" 2>&1 \
    || { cat "$WORK/load/build.log" >&2; die "the load generator did not build"; }
LOAD_DLL="$WORK/load/bin/realtime-load.dll"

# --- Framecast with a live session ------------------------------------------------------------------------------------------
start_framecast_live() { # data-dir; like start_framecast, with the RTMP listener and the raised chat rate
    local attempt deadline
    mkdir -p "$1"
    for attempt in 1 2 3; do
        FC_PORT=$(free_port)
        FC_RTMP_PORT=$(free_port)
        [[ $FC_RTMP_PORT != "$FC_PORT" ]] || continue
        FC_URL="http://127.0.0.1:$FC_PORT"
        FRAMECAST__LIVE__RTMPLISTEN="127.0.0.1:$FC_RTMP_PORT" FRAMECAST__CHAT__RATEPERSECOND="$CHAT_RATE" FRAMECAST__CHAT__RATEBURST="$CHAT_BURST" \
            dotnet "$DLL" serve --urls "$FC_URL" --data "$1" --roles all >"$1/serve.log" 2>&1 &
        FC_PID=$!
        deadline=$((SECONDS + 60))
        until curl -fsS -o /dev/null "$FC_URL/healthz" 2>/dev/null; do
            if ! kill -0 "$FC_PID" 2>/dev/null; then
                wait "$FC_PID" 2>/dev/null || true
                FC_PID=""
                log "Framecast exited on start (attempt $attempt)"
                continue 2
            fi
            ((SECONDS < deadline)) || { cat "$1/serve.log" >&2; die "Framecast did not answer /healthz within 60 s"; }
            sleep 0.2
        done
        deadline=$((SECONDS + 10))
        until [[ -n $(ss -Hltn "sport = :$FC_RTMP_PORT" 2>/dev/null) ]]; do
            ((SECONDS < deadline)) || die "no RTMP listener on 127.0.0.1:$FC_RTMP_PORT 10 s after /healthz answered"
            sleep 0.2
        done
        return 0
    done
    tail -n 30 "$1/serve.log" >&2
    die "Framecast did not start"
}
PUB_PID=""
stop_publisher() {
    [[ -n $PUB_PID ]] || return 0
    kill -INT "$PUB_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$PUB_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$PUB_PID" 2>/dev/null || true
    wait "$PUB_PID" 2>/dev/null || true
    PUB_PID=""
}
CLEANUP_HOOKS+=(stop_publisher)
LOAD_PID=""
BARE_PID=""
stop_load() {
    local pid
    for pid in $LOAD_PID $BARE_PID; do
        kill "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    LOAD_PID=""
    BARE_PID=""
}
CLEANUP_HOOKS+=(stop_load)

# Framecast on a fresh data dir (the database as the environment says), the channel account, SENDERS sender accounts
# (their tokens in DIR/tokens), and the broadcast: 320x180 at 10 fps, 1 s GOPs, x264 ultrafast, which Framecast passes
# through (no rung is under it), so its ffmpeg only remuxes. Sets FC_PID, FC_URL, SESSION, PUB_PID, FF_PID, STREAM_KEY.
setup_framecast() { # data-dir
    local body owner_token deadline
    log "starting Framecast on $1 (Chat:RatePerSecond=$CHAT_RATE, Chat:RateBurst=$CHAT_BURST)"
    start_framecast_live "$1"
    register_user "$OWNER"; owner_token=$TOKEN
    : >"$1/tokens"
    for i in $(seq 1 "$SENDERS"); do register_user "benchsender$i"; echo "$TOKEN" >>"$1/tokens"; done
    body=$(curl -sS -H "Authorization: Bearer $owner_token" "$FC_URL/api/v1/me/live")
    STREAM_KEY=$(sed -n 's/.*"streamKey":"\([^"]*\)".*/\1/p' <<<"$body")
    [[ -n $STREAM_KEY ]] || die "GET /api/v1/me/live gave no streamKey: ${body:0:300}"
    STREAM_KEYS+=("$STREAM_KEY")
    PUB_ARGS=(-hide_banner -loglevel warning -nostdin -re -f lavfi -i "testsrc2=size=320x180:rate=10" -f lavfi -i "sine=frequency=440:sample_rate=48000"
        -c:v libx264 -preset ultrafast -tune zerolatency -g 10 -pix_fmt yuv420p -b:v 200k -c:a aac -b:a 32k -ac 1
        -f flv "rtmp://127.0.0.1:$FC_RTMP_PORT/live/$STREAM_KEY")
    log "publishing a 320x180 test stream to Framecast over RTMP"
    ffmpeg "${PUB_ARGS[@]}" >"$1/publisher.log" 2>&1 &
    PUB_PID=$!
    SESSION=""
    deadline=$((SECONDS + 30))
    until [[ -n $SESSION ]]; do
        kill -0 "$PUB_PID" 2>/dev/null || { cat "$1/publisher.log" >&2; die "the publisher stopped"; }
        ((SECONDS < deadline)) || { tail -n 20 "$1/serve.log" >&2; die "no live session for $OWNER within 30 s of publishing"; }
        sleep 0.5
        SESSION=$(curl -fsS "$FC_URL/api/v1/channels/$OWNER/live" 2>/dev/null | sed -n 's/.*"sessionId":"\([^"]*\)".*/\1/p' || true)
    done
    log "live session $SESSION"
    FF_PID=$(python3 "$ROOT/bench/live/proctree.py" find "$FC_PID" ffmpeg || true)
}
STREAM_KEYS=()

# Waits (at most BENCH_QUIET_WAIT s, 30) until processes outside the benchmark use less than BENCH_QUIET_PERCENT (30) %.
proc_tree_ticks() { python3 "$ROOT/bench/live/proctree.py" ticks "$@"; }
wait_quiet() { # step-name
    local deadline=$((SECONDS + ${BENCH_QUIET_WAIT:-30})) busy own other
    while :; do
        busy=$(machine_busy_ticks); own=$(proc_tree_ticks $$)
        nap 2
        other=$(other_percent $(($(machine_busy_ticks) - busy)) $(($(proc_tree_ticks $$) - own)) 2)
        ((other < ${BENCH_QUIET_PERCENT:-30})) && { log "$1: other processes use $other % of the machine"; return 0; }
        ((SECONDS < deadline)) || { log "$1: other processes still use $other % of the machine; going ahead"; return 0; }
    done
}

run_load() { # label server-url server-pid json tokens-file
    local t0 busy0 own0
    wait_quiet "$1"
    log "$1: steps $STEPS, $RATE messages/s from $SENDERS senders, ${WARMUP}+${DURATION} s per step"
    busy0=$(machine_busy_ticks); own0=$(proc_tree_ticks $$); t0=$SECONDS
    dotnet "$LOAD_DLL" load --label "$1" --url "$2" --session "$SESSION" --tokens "$5" --server-pid "$3" --steps "$STEPS" \
        --rate "$RATE" --senders "$SENDERS" --warmup "$WARMUP" --duration "$DURATION" --idle "$IDLE" --ramp-rate "$RAMP_RATE" \
        --stop-p50-ms "$STOP_P50_MS" --idle-memory "$IDLE_MEMORY" --json "$4" >"$WORK/$1.log" 2>&1 &
    LOAD_PID=$!
    tail -n +1 -f --pid="$LOAD_PID" "$WORK/$1.log" >&2 &
    wait "$LOAD_PID" || log "$1: the load generator exited with an error (see above)"
    LOAD_PID=""
    R_OTHER[$1]=$(other_percent $(($(machine_busy_ticks) - busy0)) $(($(proc_tree_ticks $$) - own0)) $((SECONDS - t0)))
}
declare -A R_OTHER

# --- 1. SQLite (the default) ------------------------------------------------------------------------------------------------------
setup_framecast "$WORK/data"
ff0=0; [[ -z $FF_PID ]] || ff0=$(proc_tree_ticks "$FF_PID"); tff0=$SECONDS
pub0=$(proc_tree_ticks "$PUB_PID")
run_load framecast "$FC_URL" "$FC_PID" "$WORK/framecast.json" "$WORK/data/tokens"
FF_CPU=$(awk -v t=$(( $( [[ -z $FF_PID ]] && echo 0 || proc_tree_ticks "$FF_PID") - ff0)) -v s=$((SECONDS - tff0)) -v tck="$CLK_TCK" 'BEGIN { printf "%.1f", t / tck / s * 100 }')
PUB_CPU=$(awk -v t=$(($(proc_tree_ticks "$PUB_PID") - pub0)) -v s=$((SECONDS - tff0)) -v tck="$CLK_TCK" 'BEGIN { printf "%.1f", t / tck / s * 100 }')

# Unmeasured diagnostic: the server's blocking 150 ms sleeps (Microsoft.Data.Sqlite's retry after SQLITE_BUSY) counted
# with strace (busy_sleeps.py) for 10 s while 20 receivers get 100 messages/s from 10 senders, then from 1 sender.
strace_diag() { # label senders tokens-file
    dotnet "$LOAD_DLL" load --label "$1" --url "$FC_URL" --session "$SESSION" --tokens "$3" --server-pid "$FC_PID" --steps 20 \
        --rate "$RATE" --senders "$2" --warmup 3 --duration 20 --idle 1 --json "$WORK/$1.json" >"$WORK/$1.log" 2>&1 &
    LOAD_PID=$!
    nap 12 # the senders' warm-up (5 s), joins, idle, the step's warm-up
    python3 "$RT_DIR/busy_sleeps.py" --pid "$FC_PID" --seconds 10 --out "$WORK/$1-sleeps.json" >&2 || true
    wait "$LOAD_PID" || true
    LOAD_PID=""
}
if [[ ${BENCH_STRACE:-1} != 0 ]] && command -v strace >/dev/null; then
    log "diagnostic (not measured): the server's 150 ms sleeps under strace, 10 senders then 1 sender"
    head -n 1 "$WORK/data/tokens" >"$WORK/tokens-1"
    strace_diag strace-10senders "$SENDERS" "$WORK/data/tokens"
    strace_diag strace-1sender 1 "$WORK/tokens-1"
fi
stop_publisher
stop_framecast

# --- 2. PostgreSQL -----------------------------------------------------------------------------------------------------------------
# The same on a throwaway PostgreSQL cluster (defaults but the listener; fsync on), as a fleet would run: no SQLite write
# lock, so this tells what the fan-out does once storing a message no longer waits 150 ms.
PG_DATA=""
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
AS_PG=()
[[ $EUID -eq 0 ]] && AS_PG=(runuser -u postgres --)
stop_pg() {
    [[ -n $PG_DATA ]] || return 0
    "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 20 stop >/dev/null 2>&1 || true
    PG_DATA=""
}
CLEANUP_HOOKS+=(stop_pg)
PG_STATE=""
if [[ ${BENCH_POSTGRES:-1} == 0 ]]; then
    PG_STATE="BENCH_POSTGRES=0"
elif [[ -z $PG_BIN || ! -x $PG_BIN/initdb ]] || ! command -v psql >/dev/null; then
    PG_STATE="no PostgreSQL server binaries (/usr/lib/postgresql/*/bin) or psql"
else
    mkdir -p "$WORK/postgres"
    chmod 755 "$WORK" # the postgres user must reach its data dir in here
    [[ $EUID -eq 0 ]] && chown postgres: "$WORK/postgres"
    PG_PORT=$(free_port)
    log "PostgreSQL: throwaway cluster on 127.0.0.1:$PG_PORT"
    if "${AS_PG[@]}" "$PG_BIN/initdb" -D "$WORK/postgres/data" -U postgres -A trust -E UTF8 >"$WORK/initdb.log" 2>&1; then
        PG_DATA="$WORK/postgres/data"
        "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/postgres/server.log" -w \
            -o "-p $PG_PORT -k $WORK/postgres -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
        psql -X -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c 'CREATE DATABASE framecast_bench'
    else
        PG_STATE="initdb failed: $(tail -n 1 "$WORK/initdb.log")"
    fi
fi
PG_CPU="?"
if [[ -z $PG_STATE ]]; then
    export FRAMECAST__DATABASE__PROVIDER=postgres
    export FRAMECAST__DATABASE__CONNECTIONSTRING="Host=127.0.0.1;Port=$PG_PORT;Database=framecast_bench;Username=postgres"
    mkdir -p "$WORK/pgdata"
    dotnet "$DLL" migrate --data "$WORK/pgdata" >"$WORK/pgdata/migrate.log" 2>&1 || { cat "$WORK/pgdata/migrate.log" >&2; die "migrate (PostgreSQL) failed"; }
    setup_framecast "$WORK/pgdata"
    PG_MASTER=$(head -n 1 "$PG_DATA/postmaster.pid")
    pg0=$(proc_tree_ticks "$PG_MASTER"); tpg0=$SECONDS
    run_load framecast-pg "$FC_URL" "$FC_PID" "$WORK/framecast-pg.json" "$WORK/pgdata/tokens"
    PG_CPU=$(awk -v t=$(($(proc_tree_ticks "$PG_MASTER") - pg0)) -v s=$((SECONDS - tpg0)) -v tck="$CLK_TCK" 'BEGIN { printf "%.1f", t / tck / s * 100 }')
    # Unmeasured diagnostic: one receiver that stops reading (4 KiB receive buffer) among 200, for 60 s; does anyone
    # else notice, and is it dropped?
    if [[ ${BENCH_STALL:-1} != 0 ]]; then
        wait_quiet "stalled receiver"
        log "diagnostic: one stalled receiver among 200 for $STALL_SECONDS s"
        dotnet "$LOAD_DLL" load --label stall --url "$FC_URL" --session "$SESSION" --tokens "$WORK/pgdata/tokens" --server-pid "$FC_PID" \
            --steps 200 --rate "$RATE" --senders "$SENDERS" --warmup 3 --duration "$STALL_SECONDS" --idle 2 --stalled 1 --resume-wait 15 \
            --stop-p50-ms 100000 --json "$WORK/stall.json" >"$WORK/stall.log" 2>&1 &
        LOAD_PID=$!
        tail -n +1 -f --pid="$LOAD_PID" "$WORK/stall.log" >&2 &
        # What the kernel holds for it: the largest Send-Q of the server's sockets, every 5 s.
        : >"$WORK/stall-sendq.txt"
        t0=$SECONDS
        while kill -0 "$LOAD_PID" 2>/dev/null; do
            ss -Htn state established "( sport = :$FC_PORT )" 2>/dev/null \
                | awk -v t=$((SECONDS - t0)) 'BEGIN { m = 0 } { if ($2 > m) m = $2 } END { print t, m }' >>"$WORK/stall-sendq.txt"
            nap 5
        done
        wait "$LOAD_PID" || true
        LOAD_PID=""
    fi
    stop_publisher
    stop_framecast
    unset FRAMECAST__DATABASE__PROVIDER FRAMECAST__DATABASE__CONNECTIONSTRING
    stop_pg
fi

# --- the reference ---------------------------------------------------------------------------------------------------------------
if [[ ${BENCH_REFERENCE:-1} != 0 ]]; then
    BARE_PORT=$(free_port)
    log "starting the reference (plain WebSockets) on :$BARE_PORT"
    dotnet "$LOAD_DLL" bare --urls "http://127.0.0.1:$BARE_PORT" >"$WORK/bare.log" 2>&1 &
    BARE_PID=$!
    deadline=$((SECONDS + 30))
    until curl -fsS -o /dev/null "http://127.0.0.1:$BARE_PORT/healthz" 2>/dev/null; do
        kill -0 "$BARE_PID" 2>/dev/null || { cat "$WORK/bare.log" >&2; die "the reference server exited"; }
        ((SECONDS < deadline)) || die "the reference server did not start"
        sleep 0.2
    done
    : >"$WORK/no-tokens"
    pid=$BARE_PID
    run_load bare "http://127.0.0.1:$BARE_PORT" "$pid" "$WORK/bare.json" "$WORK/no-tokens"
    stop_load
fi

# --- report -------------------------------------------------------------------------------------------------------------------------
mkdir -p "$RESULTS_DIR"
OUT="$RESULTS_DIR/realtime-$(date -u +%F).md"
{
    echo "# Real-time benchmark, $(date -u +%F)"
    echo
    machine_lines
    echo
    python3 "$RT_DIR/report.py" --framecast "$WORK/framecast.json" --pg "$WORK/framecast-pg.json" --bare "$WORK/bare.json" \
        --other-framecast "${R_OTHER[framecast]:-?}" --other-pg "${R_OTHER[framecast-pg]:-?}" --other-bare "${R_OTHER[bare]:-?}" --pg-state "$PG_STATE" --pg-cpu "$PG_CPU" --ffmpeg-cpu "$FF_CPU" --publisher-cpu "$PUB_CPU" \
        --stall "$WORK/stall.json" --stall-sendq "$WORK/stall-sendq.txt" --sleeps-10 "$WORK/strace-10senders-sleeps.json" --sleeps-1 "$WORK/strace-1sender-sleeps.json" \
        --chat-rate "$CHAT_RATE" --chat-burst "$CHAT_BURST" --steps "$STEPS"
} >"$OUT.tmp"
sed_args=(-e "s#$WORK#\$WORK#g")
for k in "${STREAM_KEYS[@]}"; do sed_args+=(-e "s#$k#STREAM_KEY#g"); done
sed "${sed_args[@]}" "$OUT.tmp" >"$OUT"
rm -f "$OUT.tmp"
cat "$OUT"
log "written to ${OUT#"$ROOT/"}"
