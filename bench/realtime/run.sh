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
#   - Then, on the same server and session, the same steps with all 100 messages/s from ONE sender: a hub client's
#     invocations run one at a time, so its messages are never stored concurrently; this tells the fan-out's own
#     cost from that of storing concurrent messages (see the results: SQLite write contention).
#   - The reference, same client, same steps, same run: `realtime-load bare`, Kestrel + plain WebSockets that speak
#     just enough of the protocol (the message serialized once, queued to every member's bounded queue; no auth, no
#     storage, no rate limit): the floor of a fan-out on this machine, so Framecast / bare is comparable between runs.
#
# Usage: bench/realtime/run.sh
# Env:   BENCH_STEPS (500,1000,2000,5000) BENCH_RATE (100) BENCH_SENDERS (10) BENCH_WARMUP (5) BENCH_DURATION (30)
#        BENCH_IDLE (5) BENCH_RAMP_RATE (250 connections/s) BENCH_STOP_P99_MS (1000) BENCH_REFERENCE=0 (no bare run)
#        BENCH_CHAT_RATE (200) BENCH_CHAT_BURST (200) BENCH_ONE_SENDER=0 (skip the one-sender run) BENCH_QUIET_WAIT (30) BENCH_QUIET_PERCENT (30)
#        FRAMECAST_DLL SKIP_BUILD KEEP_WORK (see bench/README.md)
# Output: tables on stdout and bench/results/realtime-YYYY-MM-DD.md. About 8 minutes plus the build.
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
STOP_P99_MS=${BENCH_STOP_P99_MS:-1000}
CHAT_RATE=${BENCH_CHAT_RATE:-200}
CHAT_BURST=${BENCH_CHAT_BURST:-200}
OWNER=benchrt
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
log "starting Framecast (Chat:RatePerSecond=$CHAT_RATE, Chat:RateBurst=$CHAT_BURST)"
start_framecast_live "$WORK/data"

register() { # username -> prints the bearer token
    local body token
    body=$(curl -sS -X POST -H 'Content-Type: application/json' \
        -d "{\"username\":\"$1\",\"password\":\"bench-password-$RANDOM-$RANDOM\"}" "$FC_URL/api/v1/users") || die "registering $1 failed"
    token=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$body")
    [[ -n $token ]] || die "registering $1: no token in ${body:0:300}"
    echo "$token"
}
OWNER_TOKEN=$(register "$OWNER")
: >"$WORK/tokens"
for i in $(seq 1 "$SENDERS"); do register "benchsender$i" >>"$WORK/tokens"; done
body=$(curl -sS -H "Authorization: Bearer $OWNER_TOKEN" "$FC_URL/api/v1/me/live")
STREAM_KEY=$(sed -n 's/.*"streamKey":"\([^"]*\)".*/\1/p' <<<"$body")
[[ -n $STREAM_KEY ]] || die "GET /api/v1/me/live gave no streamKey: ${body:0:300}"

# The broadcast: 320x180 at 10 fps, 1 s GOPs, x264 ultrafast; Framecast passes a source this small through (no rung
# is under it), so its ffmpeg only remuxes.
PUB_ARGS=(-hide_banner -loglevel warning -nostdin -re -f lavfi -i "testsrc2=size=320x180:rate=10" -f lavfi -i "sine=frequency=440:sample_rate=48000"
    -c:v libx264 -preset ultrafast -tune zerolatency -g 10 -pix_fmt yuv420p -b:v 200k -c:a aac -b:a 32k -ac 1
    -f flv "rtmp://127.0.0.1:$FC_RTMP_PORT/live/$STREAM_KEY")
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
log "publishing a 320x180 test stream to Framecast over RTMP"
ffmpeg "${PUB_ARGS[@]}" >"$WORK/publisher.log" 2>&1 &
PUB_PID=$!
SESSION=""
deadline=$((SECONDS + 30))
until [[ -n $SESSION ]]; do
    kill -0 "$PUB_PID" 2>/dev/null || { cat "$WORK/publisher.log" >&2; die "the publisher stopped"; }
    ((SECONDS < deadline)) || { tail -n 20 "$WORK/data/serve.log" >&2; die "no live session for $OWNER within 30 s of publishing"; }
    sleep 0.5
    SESSION=$(curl -fsS "$FC_URL/api/v1/channels/$OWNER/live" 2>/dev/null | sed -n 's/.*"sessionId":"\([^"]*\)".*/\1/p' || true)
done
log "live session $SESSION"
FF_PID=$(python3 "$ROOT/bench/live/proctree.py" find "$FC_PID" ffmpeg || true)

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
        --stop-p99-ms "$STOP_P99_MS" --json "$4" 2>&1 | tee "$WORK/$1.log" >&2 &
    LOAD_PID=$!
    wait "$LOAD_PID" || log "$1: the load generator exited with an error (see above)"
    LOAD_PID=""
    R_OTHER[$1]=$(other_percent $(($(machine_busy_ticks) - busy0)) $(($(proc_tree_ticks $$) - own0)) $((SECONDS - t0)))
}
declare -A R_OTHER
ff0=0; [[ -z $FF_PID ]] || ff0=$(proc_tree_ticks "$FF_PID"); tff0=$SECONDS
pub0=$(proc_tree_ticks "$PUB_PID")
run_load framecast "$FC_URL" "$FC_PID" "$WORK/framecast.json" "$WORK/tokens"
FF_CPU=$(awk -v t=$(( $( [[ -z $FF_PID ]] && echo 0 || proc_tree_ticks "$FF_PID") - ff0)) -v s=$((SECONDS - tff0)) -v tck="$CLK_TCK" 'BEGIN { printf "%.1f", t / tck / s * 100 }')
PUB_CPU=$(awk -v t=$(($(proc_tree_ticks "$PUB_PID") - pub0)) -v s=$((SECONDS - tff0)) -v tck="$CLK_TCK" 'BEGIN { printf "%.1f", t / tck / s * 100 }')
if [[ ${BENCH_ONE_SENDER:-1} != 0 ]]; then
    head -n 1 "$WORK/tokens" >"$WORK/tokens-1"
    SENDERS_SAVED=$SENDERS; SENDERS=1
    run_load framecast-1sender "$FC_URL" "$FC_PID" "$WORK/framecast-1sender.json" "$WORK/tokens-1"
    SENDERS=$SENDERS_SAVED
fi
stop_publisher
stop_framecast

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
    python3 "$RT_DIR/report.py" --framecast "$WORK/framecast.json" --one-sender "$WORK/framecast-1sender.json" --bare "$WORK/bare.json" \
        --other-framecast "${R_OTHER[framecast]:-?}" --other-one-sender "${R_OTHER[framecast-1sender]:-?}" --other-bare "${R_OTHER[bare]:-?}" --ffmpeg-cpu "$FF_CPU" --publisher-cpu "$PUB_CPU" \
        --chat-rate "$CHAT_RATE" --chat-burst "$CHAT_BURST" --steps "$STEPS"
} >"$OUT.tmp"
sed -e "s#$WORK#\$WORK#g" -e "s#$STREAM_KEY#STREAM_KEY#g" "$OUT.tmp" >"$OUT"
rm -f "$OUT.tmp"
cat "$OUT"
log "written to ${OUT#"$ROOT/"}"
