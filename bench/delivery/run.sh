#!/usr/bin/env bash
# Delivery benchmark: the stream role's media routes against nginx serving the very same files.
#
#   (a) random 1 MiB byte ranges (`Range: bytes=a-b`, any start) of a 128 MiB original (random bytes), range.lua;
#   (b) whole HLS segments (4 s fMP4, a 720p + 360p ladder made by ffmpeg from lavfi testsrc2), rotating over every
#       segment URL of both renditions' playlists, segments.lua;
#   both with wrk, 32 connections, BENCH_ROUNDS rounds of Framecast, nginx, Kestrel floor (10 s each) after warming Framecast
#   up (its JIT needs 15-20 s of load on 2 cores, see bench/api). nginx (`sendfile on`) is the reference: the
#   Framecast/nginx ratio is what to compare between runs.
#   Also the Kestrel floor (floor/Program.cs: Kestrel + Framecast's sendfile sender + one PhysicalFile endpoint, nothing
#   else) in the same alternation, for what any media path on Kestrel can reach here.
#   (c) 5,000 slow readers held open on the original (slow_readers.py), with the media limit at 5,000
#       (FRAMECAST__PLAYBACK__MAXCONNECTIONS): Framecast's resident memory while they are held, what request 5,001
#       gets and how fast, and how soon requests are admitted again once the readers have gone.
#
# Framecast runs `serve --roles stream` on a SQLite data dir holding one public ready video whose row is written with
# sqlite3 and whose files are put in DATA/media/<id>/ directly (no transcoding in the server). nginx's root is that
# same data dir, so both serve identical bytes from the same page cache, at the same URL paths.
#
# Usage: bench/delivery/run.sh    (as root it installs wrk, nginx-light, sqlite3, ffmpeg if missing)
# Env:   BENCH_DURATION (10s) BENCH_WARMUP (20s, Framecast before (a)) BENCH_SEGMENT_WARMUP (10s, before (b))
#        BENCH_CONNECTIONS (32) BENCH_THREADS (2) BENCH_ROUNDS (3) BENCH_READERS (5000) BENCH_HOLD (10, seconds)
#        BENCH_RECOVER_WAIT (15, seconds) BENCH_PROFILE (1: strace/perf sample of (a), when the tools exist)
#        BENCH_HLS (a ladder made earlier: a dir with master.m3u8 and 720p/, 360p/) FRAMECAST_DLL SKIP_BUILD KEEP_WORK
# Output: tables on stdout and bench/results/delivery-YYYY-MM-DD.md. Takes about three minutes plus the build.
set -euo pipefail
BENCH_NAME=delivery
source "$(dirname "${BASH_SOURCE[0]}")/../lib/framecast.sh"
# While this benchmark was written, /tmp/framecast-bench-delivery.* dirs vanished mid-run three times (something else
# on the shared machine clears that pattern), so the work dir lives under another name; the lib's cleanup uses $WORK.
rmdir "$WORK"
WORK=$(mktemp -d /tmp/fc-delivery-bench.XXXXXX)
HERE="$ROOT/bench/delivery"
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-20s}
SEGMENT_WARMUP=${BENCH_SEGMENT_WARMUP:-10s}
NGINX_WARMUP=3s
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
ROUNDS=${BENCH_ROUNDS:-3} # alternations: single runs here swing by ±15 % (nginx too), the sums far less
READERS=${BENCH_READERS:-5000}
HOLD=${BENCH_HOLD:-10}
RECOVER_WAIT=${BENCH_RECOVER_WAIT:-15}
PROFILE=${BENCH_PROFILE:-1}
ORIGINAL_BYTES=$((128 * 1024 * 1024))
RANGE_BYTES=1048576
VIDEO_ID=DlvBench001 # 11 base62 characters, like Ids.New()
OWNER_ID=DlvBenchUsr
STOP_GRACE=5 # seconds Framecast gets to stop on SIGTERM before SIGKILL

# --- tools -------------------------------------------------------------------------------------------------------------
APT_UPDATED=0
install_if_missing() { # command package
    command -v "$1" >/dev/null 2>&1 && return 0
    [[ $EUID -eq 0 ]] || die "$1 is missing; install the Debian package $2"
    log "installing $2"
    if [[ $APT_UPDATED -eq 0 ]]; then apt-get update -qq >/dev/null; APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
install_if_missing wrk wrk
install_if_missing nginx nginx-light
install_if_missing sqlite3 sqlite3
install_if_missing ffmpeg ffmpeg
install_if_missing curl curl
need dotnet python3 ss sha256sum

# Each of Framecast and the slow-reader client holds $READERS sockets at once.
NOFILE_WANT=$((READERS + 4096))
if (($(ulimit -n) < NOFILE_WANT)); then
    hard=$(ulimit -Hn)
    [[ $hard == unlimited ]] && hard=$NOFILE_WANT
    ulimit -n $((hard < NOFILE_WANT ? hard : NOFILE_WANT))
fi
(($(ulimit -n) >= READERS + 1024)) || die "ulimit -n is $(ulimit -n) (hard $(ulimit -Hn)); $READERS slow readers need $((READERS + 1024))"

# Stopping Framecast must be bounded too: after (c) it may still be busy with the readers' responses.
STOP_NOTE=""
stop_framecast() {
    [[ -n $FC_PID ]] || return 0
    local deadline=$((SECONDS + STOP_GRACE)) t0=$SECONDS
    kill "$FC_PID" 2>/dev/null || true
    while kill -0 "$FC_PID" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
    if kill -0 "$FC_PID" 2>/dev/null; then
        kill -KILL "$FC_PID" 2>/dev/null || true
        STOP_NOTE="did not exit within ${STOP_GRACE} s of SIGTERM; killed"
    else
        STOP_NOTE="exited $((SECONDS - t0)) s after SIGTERM"
    fi
    wait "$FC_PID" 2>/dev/null || true
    FC_PID=""
}
NGINX_PID=""
DATA="$WORK/data"
stop_nginx() { # graceful (QUIT), then TERM and KILL: a QUIT sent before nginx set its handlers is ignored
    [[ -n $NGINX_PID ]] || return 0
    local sig deadline
    for sig in QUIT TERM KILL; do
        kill -"$sig" "$NGINX_PID" 2>/dev/null || true
        deadline=$((SECONDS + 3))
        while kill -0 "$NGINX_PID" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
        kill -0 "$NGINX_PID" 2>/dev/null || break
    done
    wait "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=""
}
wait_url() { # url seconds
    local deadline=$((SECONDS + $2))
    until curl -fsS -o /dev/null "$1" 2>/dev/null; do
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
}
drop_original() { rm -f "$DATA/media/$VIDEO_ID/original"; } # never keep 128 MiB of random bytes, even with KEEP_WORK
CLEANUP_HOOKS+=(stop_nginx drop_original)
chmod 755 "$WORK" # nginx's workers (user nobody) read the files from here

build_framecast

# --- data: one ready public video -------------------------------------------------------------------------------------
log "data dir: migrate, one user, one ready video"
mkdir -p "$DATA"
dotnet "$DLL" migrate --data "$DATA" >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log" >&2; die "migrate failed"; }
NOW_US=$(($(date +%s) * 1000000))
RENDITIONS='[{"name":"720p","width":1280,"height":720,"bitrate":2800000},{"name":"360p","width":640,"height":360,"bitrate":800000}]'
sqlite3 "$DATA/framecast.db" <<SQL
INSERT INTO users (id, username, password_hash, is_admin, created_at)
VALUES ('$OWNER_ID', 'benchdelivery', 'bench-not-a-real-hash', 0, $NOW_US);
INSERT INTO videos (id, owner_id, title, description, tags, visibility, status, stage, progress, playable,
                    duration_seconds, width, height, has_thumbnail, renditions, created_at, updated_at)
VALUES ('$VIDEO_ID', '$OWNER_ID', 'Delivery benchmark', '', '[]', 'public', 'ready', NULL, 100, 1,
        60.0, 1280, 720, 0, '$RENDITIONS', $NOW_US, $NOW_US);
SQL
MEDIA="$DATA/media/$VIDEO_ID"
mkdir -p "$MEDIA/hls"
log "writing the $((ORIGINAL_BYTES / 1048576)) MiB original (random bytes)"
head -c "$ORIGINAL_BYTES" /dev/urandom >"$MEDIA/original"

# The ladder: what Framecast's pipeline writes (HlsLadderCommandBuilder: fMP4, 4 s segments, init_N.mp4, seg_NNNNN.m4s,
# index.m3u8 per rung, master.m3u8) for the 720p and 360p rungs at their default bitrates. x264 `ultrafast` keeps it
# to ~15 s here; the preset only changes the picture, not the segment sizes the bitrates set.
if [[ -n ${BENCH_HLS:-} ]]; then
    cp -r "$BENCH_HLS"/. "$MEDIA/hls/"
    HLS_NOTE="reused from BENCH_HLS"
else
    log "encoding the 60 s 720p + 360p HLS ladder"
    ffmpeg -hide_banner -loglevel error -nostdin -y \
        -f lavfi -i testsrc2=size=1280x720:rate=30:duration=60 -f lavfi -i sine=frequency=440:sample_rate=48000:duration=60 \
        -filter_complex "[0:v:0]split=2[s0][s1];[s0]setsar=1,format=yuv420p[v0];[s1]scale=w=640:h=360,setsar=1,format=yuv420p[v1]" \
        -map '[v0]' -map 1:a:0 -map '[v1]' -map 1:a:0 -fps_mode cfr \
        -c:v libx264 -preset ultrafast -g 120 -keyint_min 120 -sc_threshold 0 -force_key_frames 'expr:gte(t,n_forced*4)' \
        -b:v:0 2800k -maxrate:v:0 3080k -bufsize:v:0 5600k -b:v:1 800k -maxrate:v:1 880k -bufsize:v:1 1600k \
        -c:a aac -ac 2 -b:a:0 128k -b:a:1 96k \
        -f hls -hls_time 4 -hls_playlist_type vod -hls_flags independent_segments -hls_segment_type fmp4 \
        -hls_fmp4_init_filename init.mp4 -hls_segment_filename "$MEDIA/hls/%v/seg_%05d.m4s" -master_pl_name master.m3u8 \
        -var_stream_map 'v:0,a:0,name:720p v:1,a:1,name:360p' "$MEDIA/hls/%v/index.m3u8" || die "ffmpeg could not make the ladder"
    HLS_NOTE="made by this run"
fi
# Segment URLs as a player finds them: master playlist -> media playlists -> segment lines.
: >"$WORK/segments.txt"
while read -r rung; do
    grep -v '^#' "$MEDIA/hls/$rung" | grep 'seg_' | sed "s|^|/media/$VIDEO_ID/hls/${rung%/*}/|" >>"$WORK/segments.txt"
done < <(grep -v '^#' "$MEDIA/hls/master.m3u8" | grep . )
SEGMENTS=$(wc -l <"$WORK/segments.txt")
((SEGMENTS > 0)) || die "no segments listed in the playlists"
SEG_MEAN=$(sed "s|^/media/$VIDEO_ID|$MEDIA|" "$WORK/segments.txt" | xargs stat -c %s | awk '{ s += $1 } END { printf "%.0f", s / NR }')
SEG_RANGE=$(sed "s|^/media/$VIDEO_ID|$MEDIA|" "$WORK/segments.txt" | xargs stat -c %s | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%d–%d", lo, hi }')
SEG_SECONDS=$(grep -h '^#EXTINF' "$MEDIA"/hls/*/index.m3u8 | sed 's/#EXTINF:\([0-9.]*\).*/\1/' | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { if (lo == hi) printf "%g", lo; else printf "%g–%g", lo, hi }')
sync -f "$MEDIA/original"

# --- servers -----------------------------------------------------------------------------------------------------------
mkdir -p "$WORK/nginx"
NGINX_PORT=$(free_port)
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    types { application/vnd.apple.mpegurl m3u8; video/iso.segment m4s; video/mp4 mp4; }
    default_type application/octet-stream;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $DATA;
        location / { return 404; }
        location /media/ { }
    }
}
EOF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" -g 'daemon off;' &
NGINX_PID=$!
wait_url "$NGINX_URL/media/$VIDEO_ID/hls/master.m3u8" 10 || die "nginx did not start (see $WORK/nginx/error.log)"
nginx_pids() { echo "$NGINX_PID" $(pgrep -P "$NGINX_PID" || true); }

# The media limits: 5,000 responses in flight for (c); per address above that, since every request here comes from
# 127.0.0.1 (the default 64 per address would cap (c) at 64).
export FRAMECAST__PLAYBACK__MAXCONNECTIONS=$READERS
export FRAMECAST__PLAYBACK__MAXCONNECTIONSPERIP=100000
start_framecast "$DATA" stream
log "Framecast on $FC_URL (pid $FC_PID), nginx on $NGINX_URL"

# The floor: Kestrel with Framecast's sendfile sender and one PhysicalFile endpoint, nothing else (floor/Program.cs).
# What it reaches against nginx is the most any media path on Kestrel could reach here.
log "building and starting the Kestrel floor"
dotnet build "$HERE/floor" -c Release -o "$WORK/floor" -nologo -v quiet >"$WORK/floor-build.log" 2>&1 \
    || { cat "$WORK/floor-build.log" >&2; die "the floor did not build"; }
FLOOR_PORT=$(free_port)
FLOOR_URL="http://127.0.0.1:$FLOOR_PORT"
ASPNETCORE_URLS=$FLOOR_URL FLOOR_MODE=physical dotnet "$WORK/floor/floor.dll" "$DATA/media" >"$WORK/floor.log" 2>&1 &
FLOOR_PID=$!
stop_floor() { [[ -n ${FLOOR_PID:-} ]] && { kill "$FLOOR_PID" 2>/dev/null || true; wait "$FLOOR_PID" 2>/dev/null || true; FLOOR_PID=""; }; }
CLEANUP_HOOKS+=(stop_floor)
wait_url "$FLOOR_URL/media/$VIDEO_ID/hls/master.m3u8" 30 || { cat "$WORK/floor.log" >&2; die "the floor did not start"; }

# Both servers must answer the same bytes: one range and one segment, compared by digest.
same_bytes() { # label path [curl args...]
    local path=$2 a b
    shift 2
    a=$(curl -fsS "$@" "$FC_URL$path" | sha256sum) || die "Framecast: GET $path failed"
    b=$(curl -fsS "$@" "$NGINX_URL$path" | sha256sum) || die "nginx: GET $path failed"
    [[ $a == "$b" ]] || die "Framecast and nginx answer different bytes for $path $*"
}
range_status=$(curl -sS -o /dev/null -w '%{http_code} %{size_download}' -H 'Range: bytes=1000-1049575' "$FC_URL/media/$VIDEO_ID/original")
[[ $range_status == "206 1048576" ]] || die "Framecast answered a 1 MiB range with: $range_status"
same_bytes range "/media/$VIDEO_ID/original" -H 'Range: bytes=77777777-78826352'
same_bytes segment "$(sed -n 3p "$WORK/segments.txt")"

# --- measuring (a) and (b) ---------------------------------------------------------------------------------------------
children_ticks() { # file holding bash `times` output -> children's user+system CPU, clock ticks
    awk -v tck="$CLK_TCK" 'NR == 2 {
        for (i = 1; i <= 2; i++) { f = $i; sub(/s$/, "", f); split(f, a, "m"); t += a[1] * 60 + a[2] }
        printf "%d\n", t * tck }' "$1"
}
cpu_ticks() { # pids... -> user+system CPU ticks, summed
    local total=0 pid
    for pid in "$@"; do
        [[ -r /proc/$pid/stat ]] && total=$((total + $(proc_self_ticks "$pid")))
    done
    echo "$total"
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

declare -A SCRIPT ARGS_OF EXPECT TOLERANCE WL_LABEL
SCRIPT[a]="$HERE/range.lua"
ARGS_OF[a]="/media/$VIDEO_ID/original $ORIGINAL_BYTES $RANGE_BYTES"
EXPECT[a]=$RANGE_BYTES
WL_LABEL[a]="(a) random 1 MiB ranges of the 128 MiB original"
SCRIPT[b]="$HERE/segments.lua"
ARGS_OF[b]="$WORK/segments.txt"
EXPECT[b]=$SEG_MEAN
WL_LABEL[b]="(b) whole HLS segments ($SEGMENTS, 720p + 360p)"

server_url() { case $1 in fc) echo "$FC_URL/" ;; floor) echo "$FLOOR_URL/" ;; *) echo "$NGINX_URL/" ;; esac; }
server_pids() { case $1 in fc) echo "$FC_PID" ;; floor) echo "$FLOOR_PID" ;; *) nginx_pids ;; esac; }
server_name() { case $1 in fc) echo Framecast ;; floor) echo "Kestrel floor" ;; *) echo nginx ;; esac; }

wrk_run() { # label workload server duration -> sets R_LINE, R_WRK_TICKS
    local out="$WORK/wrk-$1.txt"
    times >"$out.t0"
    # shellcheck disable=SC2086 # ARGS_OF holds space-separated script arguments
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$4" --latency -s "${SCRIPT[$2]}" "$(server_url "$3")" -- ${ARGS_OF[$2]} >"$out" 2>&1 \
        || { cat "$out" >&2; die "wrk failed ($1)"; }
    times >"$out.t1"
    R_LINE=$(grep '^WRK_RESULT' "$out") || { cat "$out" >&2; die "no WRK_RESULT in $out"; }
    R_WRK_TICKS=$(($(children_ticks "$out.t1") - $(children_ticks "$out.t0")))
}

declare -A SUM_REQ SUM_BYTES SUM_US SUM_TICKS SUM_ERR RUN_RPS
ROWS=()
measure() { # workload server run-number
    local wl=$1 srv=$2 n=$3 busy ticks0 ticks seconds bpr
    log "${WL_LABEL[$wl]%% *} $(server_name "$srv") run $n: $DURATION"
    ticks0=$(cpu_ticks $(server_pids "$srv"))
    busy=$(machine_busy_ticks)
    wrk_run "$wl-$srv-$n" "$wl" "$srv" "$DURATION"
    busy=$(($(machine_busy_ticks) - busy))
    ticks=$(($(cpu_ticks $(server_pids "$srv")) - ticks0))
    local req bytes us err
    req=$(field "$R_LINE" requests) bytes=$(field "$R_LINE" bytes) us=$(field "$R_LINE" duration_us) err=$(field "$R_LINE" errors)
    seconds=$(awk -v us="$us" 'BEGIN { printf "%.3f", us / 1e6 }')
    # Bytes received per completed response: the body (1 MiB, or the mean segment) plus ~300 bytes of headers, plus
    # the share of the responses cut off when wrk stopped. Anything else means the wrong thing was served.
    bpr=$(awk -v b="$bytes" -v r="$req" 'BEGIN { printf "%.0f", r ? b / r : 0 }')
    awk -v v="$bpr" -v e="${EXPECT[$wl]}" 'BEGIN { exit !(v >= e * 0.97 && v <= e * 1.05 + 2048) }' \
        || die "$(server_name "$srv") run $wl-$n: $bpr bytes per response, expected about ${EXPECT[$wl]} ($R_LINE)"
    SUM_REQ[$wl-$srv]=$((${SUM_REQ[$wl-$srv]:-0} + req))
    SUM_BYTES[$wl-$srv]=$((${SUM_BYTES[$wl-$srv]:-0} + bytes))
    SUM_US[$wl-$srv]=$((${SUM_US[$wl-$srv]:-0} + us))
    SUM_TICKS[$wl-$srv]=$((${SUM_TICKS[$wl-$srv]:-0} + ticks))
    SUM_ERR[$wl-$srv]=$((${SUM_ERR[$wl-$srv]:-0} + err))
    RUN_RPS[$wl-$srv-$n]=$(awk -v r="$req" -v us="$us" 'BEGIN { printf "%.1f", r / (us / 1e6) }')
    ROWS+=("$(awk -v wl="${WL_LABEL[$wl]%% *}" -v srv="$(server_name "$srv")" -v n="$n" -v req="$req" -v bytes="$bytes" -v us="$us" \
        -v p50="$(field "$R_LINE" p50_us)" -v p99="$(field "$R_LINE" p99_us)" -v err="$err" -v ticks="$ticks" -v tck="$CLK_TCK" \
        -v other="$(other_percent "$busy" $((ticks + R_WRK_TICKS)) "$seconds")" 'BEGIN {
            printf "| %s | %s | %d | %.0f | %.0f | %.1f | %.1f | %d | %.2f | %s%% |",
                wl, srv, n, req / (us / 1e6), bytes / us, p50 / 1000, p99 / 1000, err, ticks / tck / (bytes / 1e9), other }')")
    printf '%s\n' "${ROWS[-1]}" >&2
}

run_workload() { # workload framecast-warm-up
    log "${WL_LABEL[$1]}: Framecast warm-up $2, nginx warm-up $NGINX_WARMUP"
    wrk_run "$1-fc-warmup" "$1" fc "$2"
    wrk_run "$1-nginx-warmup" "$1" nginx "$NGINX_WARMUP"
    wrk_run "$1-floor-warmup" "$1" floor "$2"
    local round
    for ((round = 1; round <= ROUNDS; round++)); do
        measure "$1" fc "$round"
        measure "$1" nginx "$round"
        measure "$1" floor "$round"
    done
}

# --- where Framecast's time goes: syscalls per request and a CPU profile, under (a)'s load ------------------------------
# Not part of any measured run (strace slows the server down while attached).
PROFILE_LINES=()
syscalls_per_request() { # strace -c output -> "name=calls/opens ..." for the syscalls that move bytes
    awk '$NF ~ /^(pread64|read|preadv|sendmsg|sendto|write|writev|sendfile|openat|flock|lstat|newfstatat|statx|readlink)$/ { c[$NF] = $4 }
        END { o = c["openat"]; if (!o) { print "no requests seen"; exit }
              printf "%d requests (file opens);", o
              for (k in c) if (k != "openat" && c[k] / o >= 0.05) printf " %s %.1f", k, c[k] / o
              printf " per request\n" }' "$1"
}
profile() {
    [[ $PROFILE == 1 ]] || { PROFILE_LINES+=("- Profile skipped (BENCH_PROFILE=0)."); return; }
    log "profile: (a) against Framecast with strace -c 2 s, then perf 3 s; nginx with strace -c 2 s"
    local tmp="$WORK/profile"
    mkdir -p "$tmp"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d9s -s "${SCRIPT[a]}" "$FC_URL/" -- ${ARGS_OF[a]} >"$tmp/wrk-fc.txt" 2>&1 &
    local wrk_pid=$!
    sleep 2
    if command -v strace >/dev/null; then
        timeout -s INT 2 strace -f -c -p "$FC_PID" -o "$tmp/strace-fc.txt" >/dev/null 2>&1 || true
        PROFILE_LINES+=("- Framecast syscalls (strace -c, 2 s): $(syscalls_per_request "$tmp/strace-fc.txt")")
    fi
    sleep 0.5
    if command -v perf >/dev/null && perf record -F 499 -p "$FC_PID" -o "$tmp/perf.data" -- sleep 3 >/dev/null 2>&1; then
        local dso sym
        dso=$(perf report -i "$tmp/perf.data" --no-children --sort dso --stdio 2>/dev/null | awk '
            /%/ && $1 ~ /%$/ { p = $1 + 0; d = $2 " " $3
                if (d ~ /kernel/) k += p; else if (d ~ /doublemapper|perf-|jitted/) j += p
                else if (d ~ /libcoreclr/) c += p; else if (d ~ /libc\.so/) l += p; else o += p }
            END { printf "kernel %.0f%%, JIT-compiled .NET code %.0f%%, CoreCLR runtime (GC, stubs) %.0f%%, libc (memmove) %.0f%%, other %.0f%%", k, j, c, l, o }')
        sym=$(perf report -i "$tmp/perf.data" --no-children --sort sym --stdio 2>/dev/null | awk '
            /%/ && $1 ~ /%$/ && ($3 == "_copy_to_iter" || $3 == "copy_user_enhanced_fast_string" || $3 == "_copy_from_iter" || $3 == "__memmove_avx512_unaligned_erms" || $3 ~ /^__memmove|^__memcpy/) { printf "%s%s %s", sep, $3, $1; sep = ", " }')
        PROFILE_LINES+=("- Framecast CPU samples (perf, 3 s): $dso. Copy routines: ${sym:-none found}.")
    else
        PROFILE_LINES+=("- perf unavailable or not permitted here; no CPU profile.")
    fi
    wait "$wrk_pid" || true
    if command -v strace >/dev/null; then
        wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s "${SCRIPT[a]}" "$NGINX_URL/" -- ${ARGS_OF[a]} >"$tmp/wrk-nginx.txt" 2>&1 &
        wrk_pid=$!
        sleep 2
        local strace_p=() pid
        for pid in $(pgrep -P "$NGINX_PID"); do strace_p+=(-p "$pid"); done
        timeout -s INT 2 strace -f -c "${strace_p[@]}" -o "$tmp/strace-nginx.txt" >/dev/null 2>&1 || true
        PROFILE_LINES+=("- nginx syscalls (strace -c, 2 s): $(syscalls_per_request "$tmp/strace-nginx.txt")")
        wait "$wrk_pid" || true
    fi
}

run_workload a "$WARMUP"
profile
run_workload b "$SEGMENT_WARMUP"

# --- (c) slow readers --------------------------------------------------------------------------------------------------
TCP_MEM_PRESSURE=$(awk '{ print $2 }' /proc/sys/net/ipv4/tcp_mem)
log "(c) $READERS slow readers on the original, held ${HOLD} s; then 20 requests over the limit"
python3 "$HERE/slow_readers.py" --port "$FC_PORT" --path "/media/$VIDEO_ID/original" --pid "$FC_PID" --count "$READERS" \
    --hold "$HOLD" --probes 20 --recover-wait "$RECOVER_WAIT" --tcp-mem-guard $((TCP_MEM_PRESSURE * 3 / 4)) \
    --timeout $((HOLD + RECOVER_WAIT + 90)) >"$WORK/slow.txt" 2>"$WORK/slow.err" \
    || { cat "$WORK/slow.txt" "$WORK/slow.err" >&2; die "slow_readers.py failed"; }
SLOW=$(grep '^SLOW_RESULT' "$WORK/slow.txt") || { cat "$WORK/slow.txt" "$WORK/slow.err" >&2; die "no SLOW_RESULT"; }
log "$(grep '^SLOW_OPEN' "$WORK/slow.txt")"
log "$SLOW"
log "stopping Framecast (SIGTERM, SIGKILL after ${STOP_GRACE} s)"
stop_framecast
stop_nginx
stop_floor

# --- report ------------------------------------------------------------------------------------------------------------
round_ratios() { # workload -> Framecast/nginx req/s of each round (each pair ran back to back), e.g. "0.91, 1.02, 0.97"
    local wl=$1 round out=""
    for ((round = 1; round <= ROUNDS; round++)); do
        out+=$(awk -v f="${RUN_RPS[$wl-fc-$round]}" -v n="${RUN_RPS[$wl-nginx-$round]}" 'BEGIN { printf "%s%.2f", "'"${out:+, }"'", f / n }')
    done
    echo "$out"
}
summary_row() { # workload
    local wl=$1
    awk -v label="${WL_LABEL[$wl]}" -v tck="$CLK_TCK" -v rounds="$(round_ratios "$wl")" \
        -v freq="${SUM_REQ[$wl-fc]}" -v fbytes="${SUM_BYTES[$wl-fc]}" -v fus="${SUM_US[$wl-fc]}" -v fticks="${SUM_TICKS[$wl-fc]}" -v ferr="${SUM_ERR[$wl-fc]}" \
        -v nreq="${SUM_REQ[$wl-nginx]}" -v nbytes="${SUM_BYTES[$wl-nginx]}" -v nus="${SUM_US[$wl-nginx]}" -v nticks="${SUM_TICKS[$wl-nginx]}" -v nerr="${SUM_ERR[$wl-nginx]}" 'BEGIN {
        frps = freq / (fus / 1e6); nrps = nreq / (nus / 1e6); fmb = fbytes / fus; nmb = nbytes / nus
        ratio = frps / nrps; mbratio = fmb / nmb
        verdict = (ratio >= 0.95 && mbratio >= 0.95 && ferr == 0) ? "met" : "**NOT met**"
        printf "| %s | %.0f | %.0f | %.0f | %.0f | **%.2f** / %.2f | %s | %.2f | %.2f | %d / %d | %s |",
            label, frps, nrps, fmb, nmb, ratio, mbratio, rounds, fticks / tck / (fbytes / 1e9), nticks / tck / (nbytes / 1e9), ferr, nerr, verdict }'
    echo
}
SUMMARY=$(
    echo "| workload | Framecast req/s | nginx req/s | Framecast MB/s | nginx MB/s | Framecast/nginx req/s / MB/s | req/s ratio per round | Framecast CPU s per GB | nginx CPU s per GB | errors (Framecast / nginx) | target ≥ 0.95 |"
    echo "|---|---:|---:|---:|---:|---:|---|---:|---:|---:|---|"
    summary_row a
    summary_row b
)
RUNS=$(
    echo "| workload | server | run | req/s | MB/s | p50 ms | p99 ms | errors | server CPU s per GB | other CPU % |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${ROWS[@]}"
)
s() { field " $SLOW" "$1"; }
MIB() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }
SLOW_TABLE=$(
    held=$(s held) ok=$(s ok200)
    echo "| (c) $READERS slow readers, media limit $READERS | result | target |"
    echo "|---|---|---|"
    echo "| readers admitted (200) and held | $ok of $READERS (opened in $(s open_s) s; $(s not_opened) not opened); server-side connections established through the ${HOLD} s hold: at least $(s est_min) | all |"
    rss_ok=$(awk -v k="$(s rss_max_kib)" 'BEGIN { print ((k > 0 && k < 1048576) ? "met" : "**NOT met**") }')
    echo "| Framecast VmRSS | before the readers (after (a) and (b)) $(MIB "$(s rss0_kib)"); **max while held $(MIB "$(s rss_max_kib)")** ($(awk -v a="$(s rss0_kib)" -v b="$(s rss_max_kib)" -v n="$held" 'BEGIN { printf "%.0f KiB", n ? (b - a) / n : 0 }') per reader); VmHWM $(MIB "$(s hwm_kib)") | < 1 GiB: $rss_ok |"
    echo "| Framecast CPU while the readers were held | $(s hold_cpu_s) s over $(s hold_s) s | |"
    echo "| kernel TCP memory (all sockets, /proc/net/sockstat) | $(awk -v p="$(s tcp_mem_max_pages)" 'BEGIN { printf "%.0f MiB", p * 4 / 1024 }') at most | |"
    first_ok=$(awk -v st="$(s first_status)" -v ms="$(s first_ms)" -v held="$held" -v n="$READERS" \
        'BEGIN { print ((held == n && st == 429 && ms < 100) ? "met" : "**NOT met**") }')
    echo "| request $((held + 1)) (new connection) | **$(s first_status) in $(s first_ms) ms** (the server's first 429 since start) | 429 at once (< 100 ms): $first_ok |"
    echo "| the 19 requests after it | $(($(s refused429) - ($(s first_status) == 429 ? 1 : 0))) of $(($(s probes) - 1)) refused with 429; all 20: median $(s median_ms) ms, max $(s max_ms) ms | |"
    if awk -v r="$(s recovered_s)" 'BEGIN { exit !(r >= 0) }'; then
        recovered="admitted again (200) $(s recovered_s) s after the readers closed their connections"
    else
        if [[ $(s after_close_last_status) == 0 ]]; then
            last="the last of the $(s after_close_attempts) request(s) tried got no answer at all"
        else
            last="the last of $(s after_close_attempts) requests was answered $(s after_close_last_status)"
        fi
        recovered="**no request admitted within $(s after_close_window_s) s** after the readers closed their connections ($last)"
    fi
    echo "| after the readers left | $recovered; meanwhile Framecast read $(awk -v b="$(s after_close_read_bytes)" -v w="$(s after_close_window_s)" 'BEGIN { printf "%.1f GB (%.1f GB/s)", b / 1e9, b / 1e9 / w }') from disk/page cache and used $(s after_close_cpu_s) s of CPU | |"
    echo "| stopping Framecast | $STOP_NOTE | |"
)
FINDINGS=()
ratio_of() { # workload [server [reference]] -> server/reference req/s (default Framecast/nginx)
    local a=${2:-fc} b=${3:-nginx}
    awk -v f="${SUM_REQ[$1-$a]}" -v fu="${SUM_US[$1-$a]}" -v n="${SUM_REQ[$1-$b]}" -v nu="${SUM_US[$1-$b]}" \
        'BEGIN { printf "%.2f", (f / fu) / (n / nu) }'
}
cpu_per_gb() { # workload server
    awk -v t="${SUM_TICKS[$1-$2]}" -v b="${SUM_BYTES[$1-$2]}" -v tck="$CLK_TCK" 'BEGIN { printf "%.2f", t / tck / (b / 1e9) }'
}
FLOOR_TABLE=$(
    echo "| workload | Kestrel floor/nginx req/s | Framecast/Kestrel floor req/s | floor CPU s per GB |"
    echo "|---|---:|---:|---:|"
    for wl in a b; do
        echo "| ${WL_LABEL[$wl]} | $(ratio_of "$wl" floor nginx) | $(ratio_of "$wl" fc floor) | $(cpu_per_gb "$wl" floor) |"
    done
)
if awk -v a="$(ratio_of a)" -v b="$(ratio_of b)" 'BEGIN { exit !(a < 0.95 || b < 0.95) }'; then
    FINDINGS+=("- **Throughput: Framecast/nginx $(ratio_of a) on ranges, $(ratio_of b) on segments.** Framecast spends
  $(cpu_per_gb a fc) CPU s per GB sent on ranges ($(cpu_per_gb b fc) on segments) against nginx's $(cpu_per_gb a nginx)
  ($(cpu_per_gb b nginx)): with both CPUs shared by the server and wrk, CPU per request is what sets the rate. Both
  send file bodies with \`sendfile\` (Framecast's connection-level sender, Infrastructure/Http/SendFile, since
  2026-11-22; before it Kestrel's send-file fallback copied files through 16 KiB managed buffers and the ratios were
  0.46 and 0.33). What remains is the cost of each request outside the kernel: Kestrel's parsing and thread hops,
  routing, the middleware pipeline (authentication, CORS, rate limiter, output cache), the playback access check and
  the result's stat/open calls. Whole segments (about 1 MB each) pay that cost more often per byte than 1 MiB ranges.
  The Kestrel floor, with none of Framecast's work, reaches $(ratio_of a floor nginx) and $(ratio_of b floor nginx) of nginx;
  Framecast reaches $(ratio_of a fc floor) and $(ratio_of b fc floor) of the floor.")
fi
if awk -v r="$(s recovered_s)" -v b="$(s after_close_read_bytes)" 'BEGIN { exit !(r < 0 || b > 1e9) }'; then
    FINDINGS+=("- **Responses outlive their clients.** After the $READERS readers closed their connections, Framecast kept
  reading the original (the bytes read above, from /proc/PID/io rchar: each abandoned response goes on to the end of
  its 128 MiB) and held the readers' media slots while doing it; the requests tried meanwhile were refused or not
  answered at all (see the table). PlaybackEndpoints returns \`TypedResults.PhysicalFile\`, whose ExecuteAsync calls
  \`response.SendFileAsync(path, offset, count)\` with no cancellation token; Kestrel has no kernel sendfile and copies the
  file through its response pipe, and once the client is gone its writes succeed silently (dotnet/aspnetcore#22156), so
  only \`RequestAborted\` would stop the copy. At the rate measured, the abandoned responses still had about
  $(awk -v n="$(s held)" -v size="$ORIGINAL_BYTES" -v b="$(s after_close_read_bytes)" -v w="$(s after_close_window_s)" \
      'BEGIN { r = b / w; left = n * size - b; printf "%.0f s", (r > 0 ? left / r : -1) }') of reading to do when Framecast was
  stopped. The same happens, one response at a time, whenever a player abandons a long (open-ended) range.")
fi
{
    echo "# Delivery benchmark, $(date +%F)"
    echo
    machine_lines
    echo "- Also: $(nginx -v 2>&1 | sed 's/^nginx version: //') (\`sendfile on\`, \`tcp_nopush on\`, $(nproc) workers, no open_file_cache),"
    echo "  $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), Python $(python3 -c 'import platform; print(platform.python_version())'), SQLite $(sqlite3 --version | cut -d' ' -f1)."
    echo "- Framecast: \`serve --roles stream\` (media fast path on, the default), SQLite, one public ready video; FRAMECAST__PLAYBACK__MAXCONNECTIONS=$READERS,"
    echo "  FRAMECAST__PLAYBACK__MAXCONNECTIONSPERIP=100000 (all traffic comes from 127.0.0.1). nginx's root is Framecast's data"
    echo "  dir: both serve the same files, at the same URL paths, from the page cache."
    echo "- Files: original = $ORIGINAL_BYTES random bytes. HLS ladder ($HLS_NOTE): 60 s of lavfi \`testsrc2\` + 440 Hz tone,"
    echo "  720p (2800k) and 360p (800k) H.264 (x264 ultrafast) + AAC, fMP4 segments of $SEG_SECONDS s, as Framecast's pipeline"
    echo "  names them; $SEGMENTS segment URLs taken from master.m3u8 → index.m3u8, $SEG_RANGE bytes (mean $SEG_MEAN)."
    echo "- Load: \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION\` on 127.0.0.1, $ROUNDS rounds of Framecast, nginx, Kestrel floor, after a"
    echo "  Framecast warm-up of $WARMUP before (a) and $SEGMENT_WARMUP before (b) (plus $NGINX_WARMUP for nginx). (a): \`range.lua\`, a new"
    echo "  random \`Range: bytes=a-(a+1048575)\` per request (206 responses); (b): \`segments.lua\`, every segment in turn (200"
    echo "  responses). MB/s = bytes wrk received (bodies + ~300 B of headers) / s, 1 MB = 10^6 B. The summary is the"
    echo "  sum of all $ROUNDS runs of each server; CPU s per GB is the server's user + system CPU time (nginx: master + workers)"
    echo "  over the GB it sent. wrk shares the $(nproc) CPUs with the server it measures."
    echo "- (c): \`slow_readers.py\`: $READERS connections, each sends \`GET /media/{id}/original\`, reads the headers and a"
    echo "  few body bytes, then stops reading (SO_RCVBUF 4 KiB, MSS 1460 as an Internet client would advertise; over"
    echo "  loopback's 64 KiB MSS the server's kernel would queue ~4 MiB per stalled socket). Held ${HOLD} s, sampling VmRSS of"
    echo "  the Framecast process every 0.5 s; then 20 more requests one after the other on new connections, each timed"
    echo "  from connect to the end of its response; then all readers close and a request is tried every 0.1 s for"
    echo "  ${RECOVER_WAIT} s. ulimit -n $(ulimit -n)."
    echo
    echo "## (a) and (b): Framecast against nginx"
    echo
    echo "$SUMMARY"
    echo
    echo "The Kestrel floor (floor/Program.cs: Kestrel, Framecast's sendfile sender and one PhysicalFile endpoint, no"
    echo "middleware, no access checks), measured in the same alternation: the most any media path on Kestrel reaches here."
    echo
    echo "$FLOOR_TABLE"
    echo
    echo "Per run:"
    echo
    echo "$RUNS"
    echo
    echo "Where Framecast's time goes during (a) (a separate, unmeasured run):"
    echo
    printf '%s\n' "${PROFILE_LINES[@]}"
    echo
    echo "## (c): slow readers"
    echo
    echo "$SLOW_TABLE"
    if ((${#FINDINGS[@]})); then
        echo
        echo "## Findings"
        echo
        printf '%s\n' "${FINDINGS[@]}"
    fi
} >"$WORK/report.md"
OUT="$RESULTS_DIR/delivery-$(date +%F).md"
mkdir -p "$RESULTS_DIR"
cp "$WORK/report.md" "$OUT"

echo
echo "$SUMMARY"
echo
echo "$FLOOR_TABLE"
echo
echo "$RUNS"
echo
printf '%s\n' "${PROFILE_LINES[@]}"
echo
echo "$SLOW_TABLE"
echo "Written to ${OUT#"$ROOT"/}"
