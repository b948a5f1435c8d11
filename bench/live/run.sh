#!/usr/bin/env bash
# Live benchmark: a 720p30 RTMP broadcast into Framecast (LL-HLS) and, fed by the very same publisher in the same run,
# into nginx-rtmp (plain HLS, 1 s fragments), the reference.
#
#   1. CPU: Framecast's CPU seconds per minute of the broadcast with the default ladder (the server process plus its
#      ffmpeg child, from /proc), no viewers, against the same ffmpeg command line (read from /proc/PID/cmdline of
#      that child) run bare in the same window on the same publisher's stream (read back from nginx-rtmp), its
#      outputs to files. Ratio Framecast / bare (target ≤ 1.1).
#   2. Glass-to-glass latency: headless Chromium plays each stream alone in a fresh page with hls.js (lowLatencyMode),
#      Framecast's then nginx-rtmp's, and reads for every third frame it presents the wall-clock time the publisher
#      stamped into the picture (page.html, player.mjs). Median and p95 over BENCH_DURATION (60 s) in all, split over
#      BENCH_JOINS (3) page loads, each recorded from BENCH_WARMUP (5 s) after its first frame. Targets for Framecast:
#      median ≤ 1.5 s, p95 ≤ 2 s, both below nginx-rtmp's.
#   2b. The relay: a second Framecast (node B: `serve --roles api,web,stream`, no `live` role, on the same data dir and
#      database) relays the broadcast that the first (A) holds. Both players in one fresh page, on A's and on B's
#      master playlist, the same method and hls.js settings, BENCH_RELAY_DURATION (40 s) over BENCH_RELAY_JOINS (10)
#      page loads: median and p95 for each and B − A, the relay's extra latency (the issue expects ≤ 100 ms), and
#      B − A of glass-to-glass − hls.js's own latency (the live edge's age on arrival: free of where each settled). Then
#      relay_probe.py: BENCH_RELAY_ROUNDS (30) rounds of the same blocking playlist request, part and preload-hinted
#      part sent to A and B at the same moment, B − A per pair.
#   3. BENCH_VIEWERS (1,000) low-latency viewers of one rendition (viewers.py: blocking playlist reloads plus the new
#      parts, like hls.js): p99 from a part landing to the held playlist answered (target < 50 ms), and Framecast's
#      resident memory idle and with the viewers held.
#
# If Framecast cannot be built, does not start, or its live stream does not play, the nginx-rtmp side is still
# measured and Framecast's rows say "not measured" and why.
#
# Usage: bench/live/run.sh
# Env:   BENCH_DURATION (60) BENCH_WARMUP (5) BENCH_JOINS (3) BENCH_VIEWERS (1000) BENCH_VIEWER_SECONDS (20)
#        BENCH_VIEWER_RENDITION (the lowest) BENCH_QUIET_WAIT (30) BENCH_QUIET_PERCENT (30)
#        BENCH_RELAY=0 (no node B) BENCH_RELAY_DURATION (40) BENCH_RELAY_JOINS (10) BENCH_RELAY_ROUNDS (30)
#        BENCH_CHROMIUM (/usr/bin/chromium) BENCH_NODE_MODULES (reuse a node_modules dir with playwright-core and
#        hls.js) BENCH_FRAMECAST=0 (nginx-rtmp only) BENCH_COMMIT=rev (build that commit, not the working tree)
#        FRAMECAST_DLL SKIP_BUILD KEEP_WORK (see bench/README.md)
# Output: tables on stdout and bench/results/live-YYYY-MM-DD.md. About 7 minutes plus the build.
set -euo pipefail
BENCH_NAME=live
source "$(dirname "${BASH_SOURCE[0]}")/../lib/framecast.sh"
LIVE_DIR="$ROOT/bench/live"
DURATION=${BENCH_DURATION:-60}
WARMUP=${BENCH_WARMUP:-5}
JOINS=${BENCH_JOINS:-3}
VIEWERS=${BENCH_VIEWERS:-1000}
VIEWER_SECONDS=${BENCH_VIEWER_SECONDS:-20}
RELAY_DURATION=${BENCH_RELAY_DURATION:-40}
RELAY_JOINS=${BENCH_RELAY_JOINS:-10}
RELAY_ROUNDS=${BENCH_RELAY_ROUNDS:-30}
CHROMIUM=${BENCH_CHROMIUM:-/usr/bin/chromium}
PLAYWRIGHT_VERSION=1.65.1
HLSJS_VERSION=1.7.4
USERNAME=benchlive
RTMP_MODULE=/usr/lib/nginx/modules/ngx_rtmp_module.so

APT_UPDATED=0
install_if_missing() { # path-or-command package
    if [[ $1 == /* ]]; then [[ -e $1 ]] && return 0; else command -v "$1" >/dev/null 2>&1 && return 0; fi
    [[ $EUID -eq 0 ]] || die "$1 is missing; install the Debian package $2"
    log "installing $2"
    if [[ $APT_UPDATED -eq 0 ]]; then apt-get update -qq >/dev/null; APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
install_if_missing nginx nginx
install_if_missing "$RTMP_MODULE" libnginx-mod-rtmp
install_if_missing ffmpeg ffmpeg
install_if_missing node nodejs
install_if_missing npm npm
need curl python3 ss
[[ -x $CHROMIUM ]] || die "$CHROMIUM is missing (Debian package chromium, or set BENCH_CHROMIUM)"
(($(ulimit -Hn) >= 4 * VIEWERS)) || die "the hard limit of open files ($(ulimit -Hn)) is too low for $VIEWERS viewers"
ulimit -n $((4 * VIEWERS > 4096 ? 4 * VIEWERS : 4096))

# A signal ends the run at once (the EXIT trap of lib/framecast.sh stops everything); waits are interruptible.
trap 'exit 143' TERM
trap 'exit 130' INT HUP
nap() { sleep "$1" & wait $!; }
proc_tree_ticks() { python3 "$LIVE_DIR/proctree.py" ticks "$@"; }
ticks_to_s() { awk -v t="$1" -v tck="$CLK_TCK" 'BEGIN { printf "%.1f", t / tck }'; }
per_minute() { awk -v t="$1" -v s="$2" -v tck="$CLK_TCK" 'BEGIN { printf "%.1f", t / tck * 60 / s }'; }

# --- state for the report ----------------------------------------------------------------------------------------------
FC_STATE="" # empty while Framecast works; otherwise why its rows are not measured
declare -A R  # named figures for the report
fc_fail() { [[ -n $FC_STATE ]] || FC_STATE=$1; log "Framecast: $1 — its rows will be marked not measured"; }

# --- the player's modules ------------------------------------------------------------------------------------------------
if [[ -n ${BENCH_NODE_MODULES:-} ]]; then
    NODE_MODULES=$BENCH_NODE_MODULES
else
    log "installing playwright-core@$PLAYWRIGHT_VERSION and hls.js@$HLSJS_VERSION from npm into the work dir"
    mkdir -p "$WORK/node"
    npm install --prefix "$WORK/node" --no-audit --no-fund --no-package-lock --loglevel=error \
        "playwright-core@$PLAYWRIGHT_VERSION" "hls.js@$HLSJS_VERSION" >"$WORK/npm.log" 2>&1 \
        || { cat "$WORK/npm.log" >&2; die "npm install failed"; }
    NODE_MODULES="$WORK/node/node_modules"
fi
[[ -f $NODE_MODULES/hls.js/dist/hls.min.js && -d $NODE_MODULES/playwright-core ]] || die "no hls.js or playwright-core in $NODE_MODULES"
HLSJS_VERSION=$(node -p "require(process.argv[1]).version" "$NODE_MODULES/hls.js/package.json")

# --- the player's hls.js settings: those of Framecast's own live player -------------------------------------------------
# Read from the `new Hls({...})` in its script (of BENCH_COMMIT when given), so the benchmark follows the product.
LIVE_PLAYER_JS=src/Framecast/wwwroot/js/live/live-hls.js
if [[ -n ${BENCH_COMMIT:-} ]]; then
    player_js=$(git -C "$ROOT" show "$BENCH_COMMIT:$LIVE_PLAYER_JS" 2>/dev/null || true)
else
    player_js=$(cat "$ROOT/$LIVE_PLAYER_JS" 2>/dev/null || true)
fi
HLS_CONFIG=$(grep -o 'new Hls({[^}]*})' <<<"$player_js" | head -n 1 | sed 's/^new Hls(//; s/)$//' || true)
if [[ -n $HLS_CONFIG ]]; then
    HLS_CONFIG_NOTE="as Framecast's own live player sets it up ("'`'"$LIVE_PLAYER_JS"'`)'
else
    HLS_CONFIG='{ lowLatencyMode: true }'
    HLS_CONFIG_NOTE="with hls.js's defaults and low-latency mode (no "'`new Hls({...})` found in `'"$LIVE_PLAYER_JS"'`)'
    log "no hls.js settings found in $LIVE_PLAYER_JS; using $HLS_CONFIG"
fi

# --- Framecast: build, start, a user and their stream key ------------------------------------------------------------------
# Like lib/framecast.sh's build_framecast and start_framecast, but a failure only marks Framecast's rows.
if [[ ${BENCH_FRAMECAST:-1} == 0 ]]; then
    fc_fail "BENCH_FRAMECAST=0 (nginx-rtmp only)"
    BUILD_NOTE="not used"
elif [[ -n ${BENCH_COMMIT:-} ]]; then
    # A commit instead of the working tree (git archive), for when the tree is in the middle of an edit.
    BENCH_COMMIT_SHORT=$(git -C "$ROOT" rev-parse --short "$BENCH_COMMIT^{commit}") || die "no commit $BENCH_COMMIT"
    log "building Framecast (Release) from commit $BENCH_COMMIT_SHORT in $WORK/build"
    mkdir -p "$WORK/build/src"
    git -C "$ROOT" archive "$BENCH_COMMIT_SHORT" Directory.Build.props Directory.Packages.props BannedSymbols.txt | tar -C "$WORK/build/src" -xf -
    git -C "$ROOT" archive "$BENCH_COMMIT_SHORT:src" Framecast | tar -C "$WORK/build/src" -xf -
    BUILD_NOTE="built from commit $BENCH_COMMIT_SHORT (git archive) into the bench's work dir"
    DLL="$WORK/build/bin/framecast.dll"
    if ! dotnet build "$WORK/build/src/Framecast" -c Release -nologo -v quiet -o "$WORK/build/bin" >"$WORK/build.log" 2>&1; then
        fc_fail "the build of $BENCH_COMMIT_SHORT failed (first error: $(grep -m 1 -o 'error [A-Z]*[0-9]*:.*' "$WORK/build.log" | cut -c1-200))"
    fi
elif (build_framecast); then
    if [[ -n ${FRAMECAST_DLL:-} ]]; then
        DLL=$FRAMECAST_DLL; BUILD_NOTE="FRAMECAST_DLL: an existing build ($DLL)"
    elif [[ ${SKIP_BUILD:-0} == 1 ]]; then
        DLL="$ROOT/src/Framecast/bin/Release/net10.0/framecast.dll"; BUILD_NOTE="SKIP_BUILD=1: the existing src/Framecast/bin/Release build, as found"
    else
        DLL="$WORK/build/bin/framecast.dll"; BUILD_NOTE="built from a copy of the working tree into the bench's work dir"
    fi
else
    BUILD_NOTE="the build of the working tree failed"
    fc_fail "the build failed (first error: $(grep -m 1 -o 'error [A-Z]*[0-9]*:.*' "$WORK/build.log" 2>/dev/null | cut -c1-200 || echo 'see build.log'))"
fi

start_framecast_soft() { # data-dir; sets FC_PID, FC_URL, FC_RTMP_PORT or returns 1
    local attempt deadline
    mkdir -p "$1"
    for attempt in 1 2 3; do
        FC_PORT=$(free_port)
        FC_RTMP_PORT=$(free_port)
        [[ $FC_RTMP_PORT != "$FC_PORT" ]] || continue
        FC_URL="http://127.0.0.1:$FC_PORT"
        FRAMECAST__LIVE__RTMPLISTEN="127.0.0.1:$FC_RTMP_PORT" \
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
            ((SECONDS < deadline)) || { stop_framecast; return 1; }
            sleep 0.2
        done
        # The RTMP listener: up within 10 s of /healthz.
        deadline=$((SECONDS + 10))
        until [[ -n $(ss -Hltn "sport = :$FC_RTMP_PORT" 2>/dev/null) ]]; do
            ((SECONDS < deadline)) || { FC_STATE="no RTMP listener on 127.0.0.1:$FC_RTMP_PORT (Live:RtmpListen) 10 s after /healthz answered"; return 1; }
            sleep 0.2
        done
        return 0
    done
    return 1
}

STREAM_KEY=""
if [[ -z $FC_STATE ]]; then
    log "starting Framecast"
    if start_framecast_soft "$WORK/data"; then
        body=$(curl -sS -X POST -H 'Content-Type: application/json' \
            -d "{\"username\":\"$USERNAME\",\"password\":\"bench-password-$RANDOM-$RANDOM\"}" "$FC_URL/api/v1/users" 2>&1 || true)
        TOKEN=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$body")
        if [[ -z $TOKEN ]]; then
            fc_fail "registering a user failed: ${body:0:200}"
        else
            body=$(curl -sS -H "Authorization: Bearer $TOKEN" "$FC_URL/api/v1/me/live" 2>&1 || true)
            STREAM_KEY=$(sed -n 's/.*"streamKey":"\([^"]*\)".*/\1/p' <<<"$body")
            [[ -n $STREAM_KEY ]] || fc_fail "GET /api/v1/me/live gave no streamKey: ${body:0:200}"
        fi
    else
        fc_fail "${FC_STATE:-Framecast did not start (see serve.log)}"
        [[ -f $WORK/data/serve.log ]] && tail -n 20 "$WORK/data/serve.log" >&2
    fi
fi

# --- node B: a second Framecast that relays the broadcast ---------------------------------------------------------------------
# `serve --roles api,web,stream` (no `live` role, so no RTMP port) on the same data dir and database (SQLite; two
# processes may share it). The broadcast is held by the node above (A), whose session row carries its HTTP address
# (node_url, Kestrel's first address here); B answers /live/{username}/... by passing each request to A. A failure
# here only marks the relay's rows (RELAY_STATE).
RELAY_STATE=""
B_PID=""
B_URL=""
stop_node_b() {
    [[ -n $B_PID ]] || return 0
    kill "$B_PID" 2>/dev/null || true
    wait "$B_PID" 2>/dev/null || true
    B_PID=""
}
CLEANUP_HOOKS+=(stop_node_b)
b_ticks() { local t; t=$(proc_self_ticks "$B_PID" 2>/dev/null) || t=0; echo "${t:-0}"; } # 0 once B is gone
PROBE_PID=""
stop_probe() { [[ -n $PROBE_PID ]] && { kill "$PROBE_PID" 2>/dev/null || true; wait "$PROBE_PID" 2>/dev/null || true; PROBE_PID=""; }; return 0; }
CLEANUP_HOOKS+=(stop_probe)
if [[ ${BENCH_RELAY:-1} == 0 ]]; then
    RELAY_STATE="BENCH_RELAY=0"
elif [[ -n $FC_STATE ]]; then
    RELAY_STATE="Framecast is not measured"
else
    log "starting node B (serve --roles api,web,stream on the same data dir)"
    for attempt in 1 2 3; do
        B_PORT=$(free_port)
        [[ $B_PORT != "$FC_PORT" && $B_PORT != "$FC_RTMP_PORT" ]] || continue
        B_URL="http://127.0.0.1:$B_PORT"
        dotnet "$DLL" serve --urls "$B_URL" --data "$WORK/data" --roles api,web,stream >"$WORK/serve-b.log" 2>&1 &
        B_PID=$!
        deadline=$((SECONDS + 60))
        until curl -fsS -o /dev/null "$B_URL/healthz" 2>/dev/null; do
            if ! kill -0 "$B_PID" 2>/dev/null; then
                wait "$B_PID" 2>/dev/null || true
                B_PID=""
                log "node B exited on start (attempt $attempt)"
                continue 2
            fi
            ((SECONDS < deadline)) || { stop_node_b; break 2; }
            sleep 0.2
        done
        break
    done
    if [[ -z $B_PID ]]; then
        RELAY_STATE="node B (serve --roles api,web,stream on the same data dir) did not start: $(tail -n 1 "$WORK/serve-b.log" 2>/dev/null | cut -c1-200 || true)"
        log "$RELAY_STATE"
        tail -n 20 "$WORK/serve-b.log" >&2 || true
    fi
fi

# --- nginx-rtmp ----------------------------------------------------------------------------------------------------------------
NG_PID=""
stop_nginx() {
    [[ -n $NG_PID ]] || return 0
    kill -QUIT "$NG_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$NG_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$NG_PID" 2>/dev/null || true
    wait "$NG_PID" 2>/dev/null || true
    NG_PID=""
}
CLEANUP_HOOKS+=(stop_nginx)
NG_RTMP_PORT=$(free_port)
NG_HTTP_PORT=$(free_port)
[[ $NG_HTTP_PORT != "$NG_RTMP_PORT" ]] || NG_HTTP_PORT=$(free_port)
NG_URL="http://127.0.0.1:$NG_HTTP_PORT"
mkdir -p "$WORK/nginx/hls" "$WORK/nginx/tmp"
# The reference set-up: live + HLS with 1 s fragments (the publisher's GOP is 1 s) and a 4 s playlist; wait_key and
# wait_video so that the bare transcode (which reads the stream back from here) starts on a keyframe with video in its
# first packets, as Framecast's ffmpeg does (its probe is half a second).
cat >"$WORK/nginx/nginx.conf" <<EOF
load_module $RTMP_MODULE;
user root;
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
rtmp {
    server {
        listen 127.0.0.1:$NG_RTMP_PORT;
        application live {
            live on;
            record off;
            wait_key on;
            wait_video on;
            hls on;
            hls_path $WORK/nginx/hls;
            hls_fragment 1s;
            hls_playlist_length 4s;
        }
    }
}
http {
    access_log off;
    client_body_temp_path $WORK/nginx/tmp;
    proxy_temp_path $WORK/nginx/tmp;
    fastcgi_temp_path $WORK/nginx/tmp;
    uwsgi_temp_path $WORK/nginx/tmp;
    scgi_temp_path $WORK/nginx/tmp;
    types { application/vnd.apple.mpegurl m3u8; video/mp2t ts; }
    server {
        listen 127.0.0.1:$NG_HTTP_PORT;
        location /hls/ {
            alias $WORK/nginx/hls/;
            add_header Cache-Control no-cache;
            add_header Access-Control-Allow-Origin *;
        }
    }
}
EOF
log "starting nginx-rtmp (RTMP :$NG_RTMP_PORT, HTTP :$NG_HTTP_PORT)"
nginx -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" &
NG_PID=$!
for _ in $(seq 1 50); do [[ -n $(ss -Hltn "sport = :$NG_RTMP_PORT") ]] && break; sleep 0.1; done
[[ -n $(ss -Hltn "sport = :$NG_RTMP_PORT") ]] || { cat "$WORK/nginx/error.log" >&2; die "nginx-rtmp did not start"; }

# --- the publisher ---------------------------------------------------------------------------------------------------------------
# 1280x720 testsrc2 at 30 fps + a 440 Hz tone, one lavfi input paced by -re. Every frame carries the wall-clock time
# (ms, modulo 2^24) at which the filter graph made it: setpts=RTCTIME on a microsecond time base, then geq draws the
# 24 bits of floor(T*1000) on a 24x2 grey picture (row 2 = row 1 inverted, so a misread shows), scaled without
# interpolation to 768x64 (32x32 blocks) and laid over the picture at 32,32; then the frames get their ordinary
# timestamps back (N/30). One x264 encode (veryfast, zerolatency, GOP 30 = 1 s, 2.5 Mbit/s CBR like OBS's default)
# and AAC, sent by the tee muxer to both servers; a leg that fails (Framecast stopped) is dropped, the other goes on.
BITS="mod(floor(mod(floor(T*1000)\,16777216)/pow(2\,X))\,2)"
PUB_GRAPH="testsrc2=size=1280x720:rate=30,settb=AVTB,setpts=RTCTIME,split[main][s];"
PUB_GRAPH+="[s]crop=24:2:0:0,format=gray,geq=lum='255*($BITS*(1-Y)+(1-$BITS)*Y)',scale=768:64:flags=neighbor[strip];"
PUB_GRAPH+="[main][strip]overlay=32:32:format=yuv420,setpts=N/30/TB,settb=1/30,format=yuv420p[out0];"
PUB_GRAPH+="sine=frequency=440:sample_rate=48000[out1]"
TEE="[f=flv:onfail=ignore]rtmp://127.0.0.1:$NG_RTMP_PORT/live/bench"
[[ -n $STREAM_KEY ]] && TEE+="|[f=flv:onfail=ignore]rtmp://127.0.0.1:$FC_RTMP_PORT/live/$STREAM_KEY"
PUB_ARGS=(-hide_banner -loglevel warning -nostdin -re -f lavfi -i "$PUB_GRAPH" -map 0:v -map 0:a
    -c:v libx264 -preset veryfast -tune zerolatency -g 30 -pix_fmt yuv420p -b:v 2500k -maxrate 2500k -bufsize 2500k
    -c:a aac -b:a 128k -ac 2 -flags +global_header -f tee "$TEE")
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
log "starting the publisher (one encode, to nginx-rtmp${STREAM_KEY:+ and Framecast})"
ffmpeg "${PUB_ARGS[@]}" >"$WORK/publisher.log" 2>&1 &
PUB_PID=$!

# Both streams playable: nginx's playlist with 3 fragments; Framecast's master and a media playlist with parts.
NG_PLAYLIST="$NG_URL/hls/bench.m3u8"
FC_MASTER=""
deadline=$((SECONDS + 30))
until [[ $(curl -fsS "$NG_PLAYLIST" 2>/dev/null | grep -c '^#EXTINF') -ge 3 ]]; do
    kill -0 "$PUB_PID" 2>/dev/null || { cat "$WORK/publisher.log" >&2; die "the publisher stopped"; }
    ((SECONDS < deadline)) || { cat "$WORK/nginx/error.log" "$WORK/publisher.log" >&2; die "nginx-rtmp's playlist did not appear"; }
    sleep 0.5
done
if [[ -z $FC_STATE ]]; then
    FC_MASTER="$FC_URL/live/$USERNAME/master.m3u8"
    deadline=$((SECONDS + 30))
    while :; do
        code=$(curl -sS -o "$WORK/master.m3u8" -w '%{http_code}' "$FC_MASTER" 2>/dev/null || echo 000)
        if [[ $code == 200 ]] && grep -q '^#EXT-X-STREAM-INF' "$WORK/master.m3u8"; then
            first=$(grep -v '^#' "$WORK/master.m3u8" | grep -m 1 .)
            [[ $first == http* ]] || first="$FC_URL/live/$USERNAME/$first"
            curl -fsS -o "$WORK/media.m3u8" "$first" 2>/dev/null && grep -q '^#EXT-X-PART:' "$WORK/media.m3u8" && break
        fi
        if ((SECONDS >= deadline)); then
            fc_fail "the live stream did not play within 30 s of publishing: GET /live/$USERNAME/master.m3u8 answered $code$(
                [[ -f $WORK/media.m3u8 ]] && echo ', its first media playlist has no EXT-X-PART')"
            tail -n 20 "$WORK/data/serve.log" >&2 || true
            break
        fi
        sleep 0.5
    done
fi
if [[ -z $FC_STATE ]]; then log "streams up: nginx-rtmp and Framecast"; else log "stream up: nginx-rtmp (Framecast: $FC_STATE)"; fi

# The relay plays: B's master playlist is A's (the same session and renditions) and a media playlist through B has parts.
B_MASTER=""
if [[ -z $RELAY_STATE && -n $FC_STATE ]]; then
    RELAY_STATE="Framecast is not measured"
elif [[ -z $RELAY_STATE ]]; then
    deadline=$((SECONDS + 15))
    while :; do
        code=$(curl -sS -o "$WORK/master-b.m3u8" -w '%{http_code}' "$B_URL/live/$USERNAME/master.m3u8" 2>/dev/null || echo 000)
        if [[ $code == 200 ]] && cmp -s "$WORK/master.m3u8" "$WORK/master-b.m3u8"; then
            first=$(grep -v '^#' "$WORK/master-b.m3u8" | grep -m 1 .)
            curl -fsS -o "$WORK/media-b.m3u8" "$B_URL/live/$USERNAME/$first" 2>/dev/null && grep -q '^#EXT-X-PART:' "$WORK/media-b.m3u8" && break
        fi
        if ((SECONDS >= deadline)); then
            RELAY_STATE="node B did not relay the broadcast within 15 s: GET /live/$USERNAME/master.m3u8 answered $code$(
                [[ $code == 200 ]] && ! cmp -s "$WORK/master.m3u8" "$WORK/master-b.m3u8" && echo ', not the same master playlist as A' || true)"
            log "$RELAY_STATE"
            tail -n 20 "$WORK/serve-b.log" >&2 || true
            break
        fi
        sleep 0.5
    done
    if [[ -z $RELAY_STATE ]]; then
        B_MASTER="$B_URL/live/$USERNAME/master.m3u8"
        # Where the session row says the broadcast is (what B relays to).
        R[relay_row]=$(python3 -c '
import sqlite3, sys
try:
    db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=5)
    row = db.execute("SELECT s.node, s.node_url FROM live_sessions s JOIN users u ON u.id = s.user_id"
                     " WHERE u.username = ? AND s.status <> ? ORDER BY s.started_at DESC LIMIT 1", (sys.argv[2], "ended")).fetchone()
    print(f"node `{row[0]}`, node_url `{row[1]}`" if row else "")
except Exception as e:
    print(f"(not read: {e})")' "$WORK/data/framecast.db" "$USERNAME" 2>/dev/null || true)
        log "relay up: node B ($B_URL) relays the broadcast; session row: ${R[relay_row]:-?}"
    fi
fi

# Waits (at most BENCH_QUIET_WAIT s, 30) until processes outside the benchmark use less than BENCH_QUIET_PERCENT (30) %
# of the machine over 2 s, so that a measured step does not start in the middle of someone else's build.
wait_quiet() { # step-name
    local deadline=$((SECONDS + ${BENCH_QUIET_WAIT:-30})) busy own other said=0
    while :; do
        busy=$(machine_busy_ticks); own=$(proc_tree_ticks $$)
        nap 2
        other=$(other_percent $(($(machine_busy_ticks) - busy)) $(($(proc_tree_ticks $$) - own)) 2)
        ((other < ${BENCH_QUIET_PERCENT:-30})) && return 0
        if ((SECONDS >= deadline)); then
            log "$1: other processes still use $other% of the machine; measuring anyway"
            return 0
        fi
        ((said)) || log "$1: other processes use $other% of the machine; waiting (at most ${BENCH_QUIET_WAIT:-30} s) for less than ${BENCH_QUIET_PERCENT:-30}%"
        said=1
    done
}

# --- 1. CPU per minute of broadcast: Framecast and, at the same time, the same transcode bare ----------------------------------
# The bare run is Framecast's transcoder's own command line (read from /proc while the broadcast plays) with its input
# (FLV on stdin) replaced by the same publisher's stream read back from nginx-rtmp and each output (a Unix socket) by a
# file. Both run in the same window, so the other load on this shared machine weighs on both alike.
FC_FFMPEG_ARGS=()
BARE_ARGS=()
BARE_PID=""
stop_bare() {
    [[ -n $BARE_PID ]] || return 0
    kill -INT "$BARE_PID" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$BARE_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$BARE_PID" 2>/dev/null || true
    wait "$BARE_PID" 2>/dev/null || true
    BARE_PID=""
}
CLEANUP_HOOKS+=(stop_bare)
if [[ -z $FC_STATE ]]; then
    nap 3 # past the start-up of the ladder
    FC_FFMPEG_PID=$(python3 "$LIVE_DIR/proctree.py" find "$FC_PID" ffmpeg)
    if [[ -z $FC_FFMPEG_PID ]]; then
        fc_fail "no ffmpeg child of Framecast while the broadcast plays"
    else
        mapfile -d '' -t FC_FFMPEG_ARGS <"/proc/$FC_FFMPEG_PID/cmdline"
        mkdir -p "$WORK/bare"
        prev=""
        for arg in "${FC_FFMPEG_ARGS[@]:1}"; do
            if [[ $prev == -protocol_whitelist ]]; then arg="$arg,file,rtmp,tcp"
            elif [[ $prev == -i && $arg == pipe:0 ]]; then arg="rtmp://127.0.0.1:$NG_RTMP_PORT/live/bench"
            elif [[ $arg == unix:* ]]; then arg="file:$WORK/bare/$(basename "${arg%.sock}").mp4"
            fi
            BARE_ARGS+=("$arg")
            prev=$arg
        done
        for attempt in 1 2 3; do
            ffmpeg "${BARE_ARGS[@]}" </dev/null >"$WORK/bare.log" 2>&1 &
            BARE_PID=$!
            nap 5 # the bare run's start-up (probe, first keyframe)
            kill -0 "$BARE_PID" 2>/dev/null && break
            wait "$BARE_PID" || true
            BARE_PID=""
            R[bare_fail]="the bare ffmpeg exited at once, 3 times: $(tail -n 3 "$WORK/bare.log" | tr '\n' ' ' | cut -c1-300)"
            log "the bare ffmpeg exited at once (attempt $attempt): $(tail -n 1 "$WORK/bare.log" | cut -c1-200)"
        done
        [[ -z $BARE_PID ]] || unset 'R[bare_fail]'
        wait_quiet "CPU"
        log "CPU: $DURATION s of the broadcast without viewers: Framecast (transcoder pid $FC_FFMPEG_PID) and the bare ffmpeg"
        busy0=$(machine_busy_ticks); own0=$(proc_tree_ticks $$)
        fc0=$(proc_self_ticks "$FC_PID"); ff0=$(proc_tree_ticks "$FC_FFMPEG_PID"); tree0=$(proc_tree_ticks "$FC_PID")
        pub0=$(proc_self_ticks "$PUB_PID"); ng0=$(proc_tree_ticks "$NG_PID"); b0=0; [[ -z $BARE_PID ]] || b0=$(proc_tree_ticks "$BARE_PID")
        nap "$DURATION"
        busy1=$(machine_busy_ticks); own1=$(proc_tree_ticks $$)
        fc1=$(proc_self_ticks "$FC_PID"); ff1=$(proc_tree_ticks "$FC_FFMPEG_PID"); tree1=$(proc_tree_ticks "$FC_PID")
        pub1=$(proc_self_ticks "$PUB_PID"); ng1=$(proc_tree_ticks "$NG_PID"); b1=0; [[ -z $BARE_PID ]] || b1=$(proc_tree_ticks "$BARE_PID")
        now_ff=$(python3 "$LIVE_DIR/proctree.py" find "$FC_PID" ffmpeg)
        [[ $now_ff == "$FC_FFMPEG_PID" ]] || R[cpu_note]="the transcoder was restarted during the window (pid $FC_FFMPEG_PID, then ${now_ff:-none})"
        R[fc_server]=$(per_minute $((fc1 - fc0)) "$DURATION")
        R[fc_ffmpeg]=$(per_minute $((ff1 - ff0)) "$DURATION")
        R[fc_total]=$(per_minute $((tree1 - tree0)) "$DURATION")
        R[pub_cpu]=$(per_minute $((pub1 - pub0)) "$DURATION")
        R[ng_cpu]=$(per_minute $((ng1 - ng0)) "$DURATION")
        R[cpu_other]=$(other_percent $((busy1 - busy0)) $((own1 - own0)) "$DURATION")
        if [[ -n $BARE_PID ]] && kill -0 "$BARE_PID" 2>/dev/null; then
            R[bare]=$(per_minute $((b1 - b0)) "$DURATION")
            stop_bare
            R[bare_outputs]=$(cd "$WORK/bare" && for f in *.mp4; do printf '%s %s MB, ' "${f%.mp4}" "$(awk -v b="$(stat -c %s "$f")" 'BEGIN { printf "%.1f", b / 1e6 }')"; done)
            R[bare_outputs]=${R[bare_outputs]%, }
        elif [[ -z ${R[bare_fail]:-} ]]; then
            R[bare_fail]="the bare ffmpeg stopped during the window: $(tail -n 3 "$WORK/bare.log" | tr '\n' ' ' | cut -c1-300)"
            stop_bare
        fi
        log "CPU s/min: Framecast ${R[fc_total]} (server ${R[fc_server]}, ffmpeg ${R[fc_ffmpeg]}), bare ${R[bare]:-not measured}"
    fi
fi

# --- 2. glass-to-glass latency: each stream alone in a fresh page, one after the other ---------------------------------------------
PLAYER_PID=""
stop_player() { [[ -n $PLAYER_PID ]] && { kill "$PLAYER_PID" 2>/dev/null || true; wait "$PLAYER_PID" 2>/dev/null || true; PLAYER_PID=""; }; return 0; }
CLEANUP_HOOKS+=(stop_player)
for name in framecast nginx; do
    if [[ $name == framecast ]]; then
        [[ -z $FC_STATE ]] || continue
        url=$FC_MASTER
    else
        url=$NG_PLAYLIST
    fi
    wait_quiet "latency ($name)"
    log "latency ($name): headless Chromium + hls.js $HLSJS_VERSION, $JOINS page loads, each ${WARMUP} s after its first frame, $DURATION s recorded in all"
    busy0=$(machine_busy_ticks); own0=$(proc_tree_ticks $$); t0=$SECONDS
    node "$LIVE_DIR/player.mjs" --modules "$NODE_MODULES" --chromium "$CHROMIUM" --warmup "$WARMUP" --duration "$DURATION" \
        --joins "$JOINS" --hls-config "$HLS_CONFIG" --out "$WORK/player-$name.json" "$name=$url" 2>"$WORK/player-$name.log" &
    PLAYER_PID=$!
    wait "$PLAYER_PID" || { PLAYER_PID=""; cat "$WORK/player-$name.log" >&2; die "the player failed"; }
    PLAYER_PID=""
    grep -v 'Chromium: ' "$WORK/player-$name.log" >&2 || true
    R[lat_other_$name]=$(other_percent $(($(machine_busy_ticks) - busy0)) $(($(proc_tree_ticks $$) - own0)) $((SECONDS - t0)))
done
python3 -c '
import json, sys
merged = None
for path in sys.argv[1:]:
    d = json.load(open(path))
    if merged is None:
        merged = d
    else:
        merged["streams"].update(d["streams"])
print(json.dumps(merged))' "$WORK"/player-*.json >"$WORK/player.json"

# --- 2b. the relay: the same broadcast through A (ingesting) and B (relaying) at once, in one page ------------------------------
# Both players in each fresh page, set up a moment apart (the order swapped on every second join), so both join at
# the same moment and are recorded over the same seconds. Each hls.js still settles at its own distance from the live
# edge (up to ~0.2 s apart), so besides B − A of the latency the page records glass-to-glass − hls.js's own latency
# (the live edge's age on arrival), which the relay adds to and where a player settled does not. Then relay_probe.py
# sends the same blocking playlist request, part and preload-hinted part to A and B at the same moment.
if [[ -z $RELAY_STATE ]]; then
    wait_quiet "latency (relay)"
    log "latency (relay): A and B in one page, $RELAY_JOINS page loads, each ${WARMUP} s after its first frame, $RELAY_DURATION s recorded in all"
    busy0=$(machine_busy_ticks); own0=$(proc_tree_ticks $$); b0=$(b_ticks); t0=$SECONDS
    node "$LIVE_DIR/player.mjs" --modules "$NODE_MODULES" --chromium "$CHROMIUM" --warmup "$WARMUP" --duration "$RELAY_DURATION" \
        --joins "$RELAY_JOINS" --alternate yes --hls-config "$HLS_CONFIG" --out "$WORK/relay-player.json" \
        "ingest=$FC_MASTER" "relay=$B_MASTER" 2>"$WORK/relay-player.log" &
    PLAYER_PID=$!
    if wait "$PLAYER_PID"; then
        grep -v 'Chromium: ' "$WORK/relay-player.log" >&2 || true
    else
        cat "$WORK/relay-player.log" >&2
        RELAY_STATE="the player failed on the relay step: $(grep -m 1 'failed' "$WORK/relay-player.log" | cut -c1-200 || true)"
        log "$RELAY_STATE"
    fi
    PLAYER_PID=""
    R[lat_other_relay]=$(other_percent $(($(machine_busy_ticks) - busy0)) $(($(proc_tree_ticks $$) - own0)) $((SECONDS - t0)))
    R[relay_b_cpu]=$(awk -v t=$(($(b_ticks) - b0)) -v s=$((SECONDS - t0)) -v tck="$CLK_TCK" 'BEGIN { printf "%.1f", t / tck / s * 100 }')
fi
if [[ -z $RELAY_STATE ]]; then
    # The probe's rendition: the highest in the master playlist (the one the players settle on here).
    probe_path=$(awk -F'BANDWIDTH=' '/^#EXT-X-STREAM-INF/ { split($2, b, ","); bw = b[1]; getline; print bw, $0 }' "$WORK/master.m3u8" \
        | sort -rn | awk 'NR == 1 { print $2 }')
    R[relay_probe_url]="/live/$USERNAME/$probe_path"
    wait_quiet "relay probe"
    log "relay probe: $RELAY_ROUNDS rounds on ${R[relay_probe_url]} through A and B at the same moment"
    busy0=$(machine_busy_ticks); own0=$(proc_tree_ticks $$); b0=$(b_ticks); t0=$SECONDS
    python3 "$LIVE_DIR/relay_probe.py" --a "$FC_URL" --b "$B_URL" --path "${R[relay_probe_url]}" --rounds "$RELAY_ROUNDS" \
        --json "$WORK/relay-probe.json" >"$WORK/relay-probe.out" 2>&1 &
    PROBE_PID=$!
    wait "$PROBE_PID" || { cat "$WORK/relay-probe.out" >&2; R[relay_probe_fail]="relay_probe.py failed: $(tail -n 1 "$WORK/relay-probe.out" | cut -c1-200 || true)"; }
    PROBE_PID=""
    R[relay_probe_other]=$(other_percent $(($(machine_busy_ticks) - busy0)) $(($(proc_tree_ticks $$) - own0)) $((SECONDS - t0)))
    R[relay_probe_b_cpu]=$(awk -v t=$(($(b_ticks) - b0)) -v s=$((SECONDS - t0)) -v tck="$CLK_TCK" 'BEGIN { printf "%.1f", t / tck / s * 100 }')
    cat "$WORK/relay-probe.out" >&2
fi
stop_node_b

# --- 3. many low-latency viewers -------------------------------------------------------------------------------------------------
VIEWERS_PID=""
SAMPLER_PID=""
stop_viewers() {
    local pid
    for pid in $VIEWERS_PID $SAMPLER_PID; do
        pkill -TERM -P "$pid" 2>/dev/null || true # viewers.py under /usr/bin/time
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    VIEWERS_PID=""
    SAMPLER_PID=""
}
CLEANUP_HOOKS+=(stop_viewers)
if [[ -z $FC_STATE ]]; then
    # The lowest rendition unless BENCH_VIEWER_RENDITION names one (its directory in the master's URIs).
    rendition=$(awk -F'BANDWIDTH=' '/^#EXT-X-STREAM-INF/ { split($2, b, ","); bw = b[1]; getline; print bw, $0 }' "$WORK/master.m3u8" \
        | sort -n | awk -v want="${BENCH_VIEWER_RENDITION:-}" 'want == "" || index($2, want "/") { print $2 }' | head -n 1)
    if [[ -z $rendition ]]; then
        fc_fail "no rendition ${BENCH_VIEWER_RENDITION:-} in the master playlist"
    else
        [[ $rendition == http* ]] || rendition="$FC_URL/live/$USERNAME/$rendition"
        R[viewer_url]=${rendition#"$FC_URL"}
        # Two runs on the same broadcast: "parts" (like hls.js: held playlist requests and the new parts; the figure
        # for the target) and "playlists" (held playlist requests only), which tells the answer fan-out from the
        # cost of sending the parts.
        for mode in parts playlists; do
            nap 2
            wait_quiet "viewers ($mode)"
            R[rss_idle_$mode]=$(proc_status_kib "$FC_PID" VmRSS)
            ff=$(python3 "$LIVE_DIR/proctree.py" find "$FC_PID" ffmpeg)
            [[ -z $ff ]] || R[ffmpeg_rss]=$(proc_status_kib "$ff" VmRSS)
            log "viewers ($mode): $VIEWERS on ${R[viewer_url]} for $VIEWER_SECONDS s (after a 3 s ramp and 5 s warm-up); idle VmRSS ${R[rss_idle_$mode]} KiB"
            rm -f "$WORK/sampler.stop"
            python3 "$LIB_DIR/proc_sampler.py" "$FC_PID" 0.1 "$WORK/sampler.stop" >"$WORK/sampler-$mode.out" &
            SAMPLER_PID=$!
            busy0=$(machine_busy_ticks); own0=$(proc_tree_ticks $$); fc0=$(proc_self_ticks "$FC_PID"); t0=$SECONDS
            extra=()
            [[ $mode == parts ]] || extra=(--no-parts)
            /usr/bin/time -f 'TIME %e %U %S' -o "$WORK/viewers-$mode.time" python3 "$LIVE_DIR/viewers.py" --url "$rendition" \
                --viewers "$VIEWERS" --ramp 3 --warmup 5 --duration "$VIEWER_SECONDS" --json "$WORK/viewers-$mode.json" \
                "${extra[@]}" >"$WORK/viewers-$mode.out" 2>&1 &
            VIEWERS_PID=$!
            wait "$VIEWERS_PID" || { cat "$WORK/viewers-$mode.out" >&2; log "viewers ($mode): the load tool failed"; }
            VIEWERS_PID=""
            fc1=$(proc_self_ticks "$FC_PID")
            R[viewers_other_$mode]=$(other_percent $(($(machine_busy_ticks) - busy0)) $(($(proc_tree_ticks $$) - own0)) $((SECONDS - t0)))
            touch "$WORK/sampler.stop"
            wait "$SAMPLER_PID" || true
            SAMPLER_PID=""
            R[rss_peak_$mode]=$(sed -n 's/.*peak_rss_kib=\([0-9]*\).*/\1/p' "$WORK/sampler-$mode.out")
            R[viewers_fc_cpu_$mode]=$(awk -v t=$((fc1 - fc0)) -v s=$((SECONDS - t0)) -v tck="$CLK_TCK" 'BEGIN { printf "%.0f", t / tck / s * 100 }')
            R[viewers_client_cpu_$mode]=$(awk '/^TIME/ { printf "%.0f", ($3 + $4) / $2 * 100 }' "$WORK/viewers-$mode.time")
            nap 3
            R[rss_after_$mode]=$(proc_status_kib "$FC_PID" VmRSS)
            grep -v '^TIME' "$WORK/viewers-$mode.out" >&2 || true
        done
    fi
fi

stop_publisher
stop_nginx
stop_framecast

# --- report -----------------------------------------------------------------------------------------------------------------------
QUIET_WAIT=${BENCH_QUIET_WAIT:-30}
export FC_STATE DURATION WARMUP JOINS VIEWERS VIEWER_SECONDS HLSJS_VERSION CLK_TCK QUIET_WAIT HLS_CONFIG HLS_CONFIG_NOTE
export RELAY_STATE RELAY_DURATION RELAY_JOINS RELAY_ROUNDS
for k in "${!R[@]}"; do export "R_$k=${R[$k]}"; done
mkdir -p "$RESULTS_DIR"
OUT="$RESULTS_DIR/live-$(date -u +%F).md"
{
    echo "# Live benchmark, $(date -u +%F)"
    echo
    if [[ -n ${BENCH_COMMIT_SHORT:-} ]]; then
        machine_lines | sed "s/; Framecast commit .*/; Framecast commit $BENCH_COMMIT_SHORT (Release build, $BUILD_NOTE)/"
    else
        machine_lines
    fi
    echo "- Browser: $("$CHROMIUM" --version 2>/dev/null | head -n 1), headless, driven by playwright-core $PLAYWRIGHT_VERSION; hls.js $HLSJS_VERSION; nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') + libnginx-mod-rtmp $(dpkg-query -W -f '${Version}' libnginx-mod-rtmp 2>/dev/null || echo '?')"
    echo
    python3 "$LIVE_DIR/report.py" "$WORK/player.json" "$WORK/viewers-parts.json" "$WORK/viewers-playlists.json" \
        <(printf '%s\0' "${PUB_ARGS[@]}") <(printf '%s\0' "${FC_FFMPEG_ARGS[@]}") <(printf '%s\0' "${BARE_ARGS[@]}") \
        "$WORK/relay-player.json" "$WORK/relay-probe.json"
} >"$OUT.tmp"
# The work dir's name and the throwaway user's stream key are of no use in the results.
sed -e "s#$WORK#\$WORK#g" ${STREAM_KEY:+-e "s#$STREAM_KEY#STREAM_KEY#g"} "$OUT.tmp" >"$OUT"
rm -f "$OUT.tmp"
cat "$OUT"
log "written to ${OUT#"$ROOT/"}"
