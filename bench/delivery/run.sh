#!/usr/bin/env bash
# Delivery benchmark: Framecast behind the shipped nginx configuration against plain nginx serving the same files.
#
# Three servers, all over the same files (one data dir, one page cache), measured in the same alternation:
#   nginx  plain nginx serving DATA/media statically (the reference): TLS with the same certificate and the same
#          listener and TLS settings as the shipped file, `sendfile on` and the shipped /media/ location's other file
#          settings (tcp_nopush, open_file_cache, types), worker_processes auto;
#   front  Framecast behind deploy/nginx/framecast.conf, rendered as tests/…/Support/NginxServer.cs does (only the lines
#          marked SET changed: upstream, access-cache folder, listeners on 127.0.0.1, certificate, media folder) and
#          included by a small main nginx.conf (worker_processes auto): for each request nginx asks Framecast
#          (auth_request to /_framecast/media-access; a public video's answer is cached for Framecast:LocalCacheLifetime)
#          and then sends the file itself;
#   fc     Framecast alone (Kestrel, plain HTTP, the framework's PhysicalFile results), reported beside.
# Workloads:
#   (a) random 1 MiB byte ranges (`Range: bytes=a-b`, any start) of /media/{id}/video.mp4, 128 MiB of random bytes,
#       range.lua (anonymous viewers may no longer read `original`: it is the owner's);
#   (b) whole HLS segments (4 s fMP4, a 720p + 360p ladder made by ffmpeg from lavfi testsrc2), rotating over every
#       segment URL of both renditions' playlists, segments.lua;
#   both with wrk (HTTP/1.1; over TLS for nginx and front), 32 connections, BENCH_ROUNDS rounds of front, nginx, fc
#   (10 s each) after warm-ups (Framecast's JIT needs 15-20 s of load on 2 cores, see bench/api). The front/nginx
#   ratio is the number to compare between runs; server CPU per GB counts, for front, nginx (master, workers, cache
#   processes) and Framecast together, and each apart.
#   Each run also counts responses that took 400 ms or more; then one diagnostic run of (a) and (b) against front with
#   `proxy_cache_lock off` in the rendered copy (BENCH_LOCK_DIAG) shows how much of front's tail is nginx's cache lock.
#   (c) 5,000 slow readers through the front nginx (TLS) on video.mp4 (slow_readers.py --tls): the resident memory of
#       nginx (its processes summed) and of Framecast while they are held, what request 5,001 gets and how fast, and how
#       soon requests are admitted again once the readers have gone. All readers come from 127.0.0.1, so for (c) only
#       the rendered copy's `limit_conn framecast_media 64;` becomes `… $BENCH_READERS;` (nginx restarted with it).
#
# Framecast runs `serve --roles stream` with Network:KnownProxies = 127.0.0.1 on a SQLite data dir holding one public
# ready, playable video whose row is written with sqlite3 and whose files are put in DATA/media/<id>/ directly (no
# transcoding in the server).
#
# Usage: bench/delivery/run.sh    (as root it installs wrk, nginx, sqlite3, ffmpeg, curl, openssl if missing)
# Env:   BENCH_DURATION (10s) BENCH_WARMUP (20s, Framecast alone before (a)) BENCH_SEGMENT_WARMUP (10s, before (b))
#        BENCH_CONNECTIONS (32) BENCH_THREADS (2) BENCH_ROUNDS (3) BENCH_READERS (5000) BENCH_HOLD (10, seconds)
#        BENCH_RECOVER_WAIT (15, seconds) BENCH_PROFILE (1: perf samples of front and nginx under (a), when perf works)
#        BENCH_LOCK_DIAG (1: one run of (a) and (b) against front with `proxy_cache_lock off` in the rendered copy)
#        BENCH_HLS (a ladder made earlier: a dir with master.m3u8 and 720p/, 360p/) FRAMECAST_DLL SKIP_BUILD KEEP_WORK
# Output: tables on stdout and bench/results/delivery-YYYY-MM-DD.md. Takes about six minutes plus the build.
set -euo pipefail
BENCH_NAME=delivery
source "$(dirname "${BASH_SOURCE[0]}")/../lib/framecast.sh"
# While this benchmark was written, /tmp/framecast-bench-delivery.* dirs vanished mid-run three times (something else
# on the shared machine clears that pattern), so the work dir lives under another name; the lib's cleanup uses $WORK.
rmdir "$WORK"
WORK=$(mktemp -d /tmp/fc-delivery-bench.XXXXXX)
HERE="$ROOT/bench/delivery"
SHIPPED="$ROOT/deploy/nginx/framecast.conf"
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-20s}
SEGMENT_WARMUP=${BENCH_SEGMENT_WARMUP:-10s}
FRONT_WARMUP=5s
NGINX_WARMUP=3s
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
ROUNDS=${BENCH_ROUNDS:-3} # alternations: single runs here swing by ±15 % (nginx too), the sums far less
READERS=${BENCH_READERS:-5000}
HOLD=${BENCH_HOLD:-10}
RECOVER_WAIT=${BENCH_RECOVER_WAIT:-15}
PROFILE=${BENCH_PROFILE:-1}
LOCK_DIAG=${BENCH_LOCK_DIAG:-1}
VIDEO_BYTES=$((128 * 1024 * 1024))
RANGE_BYTES=1048576
TARGET=0.9 # front ≥ 0.9 of plain nginx in req/s, on both workloads
VIDEO_ID=DlvBench001 # 11 base62 characters, like Ids.New()
OWNER_ID=DlvBenchUsr
STOP_GRACE=5 # seconds Framecast gets to stop on SIGTERM before SIGKILL
SHIPPED_LIMIT="limit_conn framecast_media 64;"

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
install_if_missing nginx nginx # Debian's: ssl, http2 and auth_request, which the shipped file needs
install_if_missing sqlite3 sqlite3
install_if_missing ffmpeg ffmpeg
install_if_missing curl curl
install_if_missing openssl openssl
need dotnet python3 ss sha256sum sed grep
nginx -V 2>&1 | grep -q -- --with-http_auth_request_module || die "this nginx has no auth_request module (Debian's 'nginx' package has)"

# The front nginx and the slow-reader client each hold $READERS sockets at once.
NOFILE_WANT=$((READERS + 4096))
if (($(ulimit -n) < NOFILE_WANT)); then
    hard=$(ulimit -Hn)
    [[ $hard == unlimited ]] && hard=$NOFILE_WANT
    ulimit -n $((hard < NOFILE_WANT ? hard : NOFILE_WANT))
fi
(($(ulimit -n) >= READERS + 1024)) || die "ulimit -n is $(ulimit -n) (hard $(ulimit -Hn)); $READERS slow readers need $((READERS + 1024))"

# Stopping Framecast must be bounded too.
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

# Two nginx instances, each in its own folder of the work dir: "nginx" (plain) and "front" (the shipped file).
declare -A NGX_PID=([nginx]="" [front]="") URL
stop_nginx() { # name: graceful (QUIT), then TERM and KILL (a QUIT sent before nginx set its handlers is ignored)
    local pid=${NGX_PID[$1]} sig deadline
    [[ -n $pid ]] || return 0
    for sig in QUIT TERM KILL; do
        kill -"$sig" "$pid" 2>/dev/null || true
        deadline=$((SECONDS + 3))
        while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
        kill -0 "$pid" 2>/dev/null || break
    done
    wait "$pid" 2>/dev/null || true
    NGX_PID[$1]=""
}
stop_all_nginx() { stop_nginx front; stop_nginx nginx; }
nginx_pids() { # name -> the master and its children (workers, cache manager and loader)
    [[ -n ${NGX_PID[$1]} ]] || return 0
    echo "${NGX_PID[$1]}" $(pgrep -P "${NGX_PID[$1]}" || true)
}
http_code() { curl -ks --http1.1 -o /dev/null -w '%{http_code}' "$@" 2>/dev/null || true; }
wait_listening() { # url seconds: any HTTP answer will do
    local deadline=$((SECONDS + $2))
    until [[ $(http_code "$1") =~ ^[1-5][0-9][0-9]$ ]]; do
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
}
start_nginx() { # name
    local dir="$WORK/$1"
    nginx -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" -g 'daemon off;' &
    NGX_PID[$1]=$!
    wait_listening "${URL[$1]}/" 15 || { cat "$dir/error.log" >&2; die "nginx ($1) did not start (see $dir/error.log)"; }
}
DATA="$WORK/data"
MEDIA="$DATA/media/$VIDEO_ID"
drop_video() { rm -f "$MEDIA/video.mp4"; } # never keep 128 MiB of random bytes, even with KEEP_WORK
CLEANUP_HOOKS+=(stop_all_nginx drop_video)

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
mkdir -p "$MEDIA/hls"
log "writing the $((VIDEO_BYTES / 1048576)) MiB video.mp4 (random bytes) and a 4 KiB original"
head -c "$VIDEO_BYTES" /dev/urandom >"$MEDIA/video.mp4"
head -c 4096 /dev/urandom >"$MEDIA/original" # only there to check that anonymous viewers get 404 for it

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
sync -f "$MEDIA/video.mp4"

# --- Framecast ---------------------------------------------------------------------------------------------------------
# nginx's requests come from 127.0.0.1: Framecast takes the client address from X-Forwarded-For only from a known proxy.
export FRAMECAST__NETWORK__KNOWNPROXIES__0=127.0.0.1
start_framecast "$DATA" stream
URL[fc]=$FC_URL
# Framecast's count of access checks answered (its /metrics, loopback only), and their summed duration in seconds.
auth_metric() { # count|sum
    curl -fsS "$FC_URL/metrics" 2>/dev/null | awk -v want="http_server_request_duration_seconds_$1" '
        index($0, want "{") == 1 && index($0, "http_route=\"/_framecast/media-access\"") { s += $NF }
        END { printf "%.6f\n", s }'
}

# --- TLS certificate and the two nginx configurations ------------------------------------------------------------------
mkdir -p "$WORK/tls" "$WORK/nginx" "$WORK/front"
openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 2 \
    -keyout "$WORK/tls/privkey.pem" -out "$WORK/tls/fullchain.pem" >"$WORK/tls/openssl.log" 2>&1 \
    || { cat "$WORK/tls/openssl.log" >&2; die "openssl could not make the certificate"; }
# Three distinct free ports: plain nginx (TLS), front (TLS; the shipped 443) and front's redirect listener (the shipped 80).
PLAIN_PORT=$(free_port)
FRONT_PORT=$(free_port)
while [[ $FRONT_PORT == "$PLAIN_PORT" || $FRONT_PORT == "$FC_PORT" ]]; do FRONT_PORT=$(free_port); done
FRONT_HTTP_PORT=$(free_port)
while [[ $FRONT_HTTP_PORT == "$PLAIN_PORT" || $FRONT_HTTP_PORT == "$FRONT_PORT" || $FRONT_HTTP_PORT == "$FC_PORT" ]]; do FRONT_HTTP_PORT=$(free_port); done
URL[nginx]="https://127.0.0.1:$PLAIN_PORT"
URL[front]="https://127.0.0.1:$FRONT_PORT"

# The main nginx.conf of both: the same process, event and http settings; each includes its own site file.
WORKER_CONNECTIONS=$((READERS + 1024)) # one worker may get nearly all of (c)'s readers
main_conf() { # name
    local dir="$WORK/$1"
    {
        [[ $EUID -eq 0 ]] && echo "user root root;" # the data dir is this user's, like NginxServer.cs
        cat <<EOF
worker_processes auto;
worker_rlimit_nofile $(ulimit -n);
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections $WORKER_CONNECTIONS; }
http {
    access_log off;
    client_body_temp_path $dir/client_temp;
    proxy_temp_path $dir/proxy_temp;
    fastcgi_temp_path $dir/fastcgi_temp;
    uwsgi_temp_path $dir/uwsgi_temp;
    scgi_temp_path $dir/scgi_temp;
    include $dir/site.conf;
}
EOF
    } >"$dir/nginx.conf"
}
# Plain nginx: the shipped file's listener and TLS settings and its /media/ location's file settings, nothing else.
main_conf nginx
cat >"$WORK/nginx/site.conf" <<EOF
server {
    listen 127.0.0.1:$PLAIN_PORT ssl http2;
    ssl_certificate     $WORK/tls/fullchain.pem;
    ssl_certificate_key $WORK/tls/privkey.pem;
    ssl_protocols TLSv1.2 TLSv1.3;
    ssl_session_cache shared:plain_tls:10m;
    ssl_session_timeout 1d;
    root $DATA;
    location / { return 404; }
    location /media/ {
        sendfile on;
        tcp_nopush on;
        open_file_cache max=10000 inactive=30s;
        default_type application/octet-stream;
        types {
            application/vnd.apple.mpegurl m3u8;
            video/iso.segment m4s;
            video/mp4 mp4;
            image/jpeg jpg;
            text/vtt vtt;
        }
    }
}
EOF
# Front: deploy/nginx/framecast.conf with the lines marked SET pointed at this run, as tests/…/Support/NginxServer.cs
# does; a string that is no longer in the shipped file stops the run.
sed_pattern() { printf '%s' "$1" | sed 's/[][\/.*^$]/\\&/g'; }
sed_replacement() { printf '%s' "$1" | sed 's/[\/&]/\\&/g'; }
substitute() { # file from to
    grep -qF -- "$2" "$1" || die "deploy/nginx/framecast.conf no longer contains '$2': update bench/delivery/run.sh"
    sed -i "s/$(sed_pattern "$2")/$(sed_replacement "$3")/g" "$1"
    ! grep -qF -- "$2" "$1" || [[ $3 == *"$2"* ]] || die "could not replace '$2' in $1"
}
render_front() { # [from to]...: bench-only changes after the SET lines ((c)'s limit, the diagnostic's cache lock)
    local site="$WORK/front/site.conf"
    cp "$SHIPPED" "$site"
    substitute "$site" "server 127.0.0.1:8080;" "server 127.0.0.1:$FC_PORT;"
    substitute "$site" "/var/cache/nginx/framecast-access" "$WORK/front/access-cache"
    substitute "$site" "listen 80;" "listen 127.0.0.1:$FRONT_HTTP_PORT;"
    substitute "$site" "listen [::]:80;" ""
    substitute "$site" "listen 443 ssl http2;" "listen 127.0.0.1:$FRONT_PORT ssl http2;"
    substitute "$site" "listen [::]:443 ssl http2;" ""
    substitute "$site" "/etc/ssl/framecast/fullchain.pem" "$WORK/tls/fullchain.pem"
    substitute "$site" "/etc/ssl/framecast/privkey.pem" "$WORK/tls/privkey.pem"
    substitute "$site" "/var/lib/framecast/media/" "$DATA/media/"
    while (($# >= 2)); do
        substitute "$site" "$1" "$2"
        shift 2
    done
    # Nothing of the shipped file may still listen beyond loopback.
    if grep -E '^\s*listen ' "$site" | grep -vqE "listen 127\.0\.0\.1:[0-9]+( ssl http2)?;"; then
        die "the rendered front config listens beyond 127.0.0.1: $(grep -E '^\s*listen ' "$site" | tr -s ' ')"
    fi
}
main_conf front
render_front
start_nginx nginx
start_nginx front
log "Framecast on $FC_URL (pid $FC_PID), plain nginx on ${URL[nginx]}, front nginx on ${URL[front]}"

# --- checks before measuring -------------------------------------------------------------------------------------------
headers() { curl -ksS --http1.1 -o /dev/null -D - "$@" | tr -d '\r'; }
header() { awk -v k="$(tr 'A-Z' 'a-z' <<<"$1"):" 'tolower($1) == k { $1 = ""; sub(/^ /, ""); print; exit }'; }
RANGE_HDR='Range: bytes=1000-1049575'
# front must send the file itself (nginx's own ETag, as plain nginx's) with the Cache-Control Framecast gave, after an
# access check that reached Framecast (front's first media request: nothing is cached yet); a refusal would have been
# proxied to Framecast, which answers with its own ETag.
AUTH0=$(auth_metric count)
FRONT_HEADERS=$(headers -H "$RANGE_HDR" "${URL[front]}/media/$VIDEO_ID/video.mp4")
AUTH1=$(auth_metric count)
PLAIN_HEADERS=$(headers -H "$RANGE_HDR" "${URL[nginx]}/media/$VIDEO_ID/video.mp4")
FC_HEADERS=$(headers -H "$RANGE_HDR" "${URL[fc]}/media/$VIDEO_ID/video.mp4")
for srv in front nginx fc; do
    case $srv in front) got=$FRONT_HEADERS ;; nginx) got=$PLAIN_HEADERS ;; *) got=$FC_HEADERS ;; esac
    got=$(head -n 1 <<<"$got" | cut -d' ' -f2)
    [[ $got == 206 ]] || die "$srv answered a 1 MiB range of video.mp4 with '$got'"
done
FRONT_ETAG=$(header ETag <<<"$FRONT_HEADERS")
[[ -n $FRONT_ETAG && $FRONT_ETAG == "$(header ETag <<<"$PLAIN_HEADERS")" && $FRONT_ETAG != "$(header ETag <<<"$FC_HEADERS")" ]] \
    || die "front did not send video.mp4 itself: ETag '$FRONT_ETAG', plain nginx '$(header ETag <<<"$PLAIN_HEADERS")', Framecast '$(header ETag <<<"$FC_HEADERS")'"
FRONT_CACHE_CONTROL=$(header Cache-Control <<<"$FRONT_HEADERS")
[[ $FRONT_CACHE_CONTROL == public* ]] || die "front sent video.mp4 with Cache-Control '$FRONT_CACHE_CONTROL' (Framecast's answer missing)"
awk -v a="$AUTH0" -v b="$AUTH1" 'BEGIN { exit !(b - a >= 1) }' || die "front's request did not reach /_framecast/media-access (count $AUTH0 -> $AUTH1)"
# The original is the owner's: anonymous viewers get 404 from Framecast and, through Framecast's refusal, from front.
for srv in fc front; do
    got=$(http_code "${URL[$srv]}/media/$VIDEO_ID/original")
    [[ $got == 404 ]] || die "$srv answered an anonymous GET of the original with $got (expected 404)"
done
# The three must answer the same bytes: one range and one segment, compared by digest.
same_bytes() { # path [curl args...]
    local path=$1 srv digest first=""
    shift
    for srv in front nginx fc; do
        digest=$(curl -fksS --http1.1 "$@" "${URL[$srv]}$path" | sha256sum) || die "$srv: GET $path failed"
        [[ -z $first || $digest == "$first" ]] || die "$srv answers different bytes from front for $path $*"
        first=$digest
    done
}
same_bytes "/media/$VIDEO_ID/video.mp4" -H 'Range: bytes=77777777-78826352'
same_bytes "$(sed -n 3p "$WORK/segments.txt")"
CHECKS="front and plain nginx answer a 1 MiB range of video.mp4 with 206 and the same ETag (nginx's: front sent the file itself; Framecast's own differs), front with \`Cache-Control: $FRONT_CACHE_CONTROL\` from Framecast's answer after an access check Framecast counted; front, nginx and fc answer identical bytes (SHA-256) for a range (bytes=77777777-78826352) and a segment; anonymous GET of \`original\` (a 4 KiB file exists): 404 from fc and from front."

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

declare -A SCRIPT ARGS_OF EXPECT WL_LABEL
SCRIPT[a]="$HERE/range.lua"
ARGS_OF[a]="/media/$VIDEO_ID/video.mp4 $VIDEO_BYTES $RANGE_BYTES"
EXPECT[a]=$RANGE_BYTES
WL_LABEL[a]="(a) random 1 MiB ranges of the 128 MiB video.mp4"
SCRIPT[b]="$HERE/segments.lua"
ARGS_OF[b]="$WORK/segments.txt"
EXPECT[b]=$SEG_MEAN
WL_LABEL[b]="(b) whole HLS segments ($SEGMENTS, 720p + 360p)"

server_name() {
    case $1 in
        fc) echo "fc (Framecast alone)" ;;
        front) echo "front (nginx + Framecast)" ;;
        nolock) echo "front with proxy_cache_lock on (diagnostic)" ;;
        *) echo "nginx (plain)" ;;
    esac
}
# The processes whose CPU counts for a server: its nginx part and its Framecast part.
nginx_part() { case $1 in nginx) nginx_pids nginx ;; front | nolock) nginx_pids front ;; esac; }
fc_part() { case $1 in fc | front | nolock) echo "$FC_PID" ;; esac; }
URL[nolock]=${URL[front]} # the front nginx, restarted with one line changed

wrk_run() { # label workload server duration -> sets R_LINE, R_WRK_TICKS
    local out="$WORK/wrk-$1.txt"
    times >"$out.t0"
    # shellcheck disable=SC2086 # ARGS_OF holds space-separated script arguments
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$4" --latency -s "${SCRIPT[$2]}" "${URL[$3]}/" -- ${ARGS_OF[$2]} >"$out" 2>&1 \
        || { cat "$out" >&2; die "wrk failed ($1)"; }
    times >"$out.t1"
    R_LINE=$(grep '^WRK_RESULT' "$out") || { cat "$out" >&2; die "no WRK_RESULT in $out"; }
    R_WRK_TICKS=$(($(children_ticks "$out.t1") - $(children_ticks "$out.t0")))
}

declare -A SUM_REQ SUM_BYTES SUM_US SUM_TICKS SUM_NTICKS SUM_FTICKS SUM_ERR SUM_AUTH SUM_AUTH_S SUM_SLOW RUN_RPS OTHER_MAX
ROWS=()
measure() { # workload server run-number
    local wl=$1 srv=$2 n=$3 busy nticks0 fticks0 nticks fticks ticks seconds bpr auth0=0 auth_s0=0 auth=0 auth_s=0
    log "${WL_LABEL[$wl]%% *} $(server_name "$srv") run $n: $DURATION"
    if [[ $srv == front || $srv == nolock ]]; then auth0=$(auth_metric count) auth_s0=$(auth_metric sum); fi
    nticks0=$(cpu_ticks $(nginx_part "$srv")) fticks0=$(cpu_ticks $(fc_part "$srv"))
    busy=$(machine_busy_ticks)
    wrk_run "$wl-$srv-$n" "$wl" "$srv" "$DURATION"
    busy=$(($(machine_busy_ticks) - busy))
    nticks=$(($(cpu_ticks $(nginx_part "$srv")) - nticks0)) fticks=$(($(cpu_ticks $(fc_part "$srv")) - fticks0))
    ticks=$((nticks + fticks))
    if [[ $srv == front || $srv == nolock ]]; then
        auth=$(awk -v a="$auth0" -v b="$(auth_metric count)" 'BEGIN { printf "%d", b - a }')
        auth_s=$(awk -v a="$auth_s0" -v b="$(auth_metric sum)" 'BEGIN { printf "%.6f", b - a }')
    fi
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
    SUM_NTICKS[$wl-$srv]=$((${SUM_NTICKS[$wl-$srv]:-0} + nticks))
    SUM_FTICKS[$wl-$srv]=$((${SUM_FTICKS[$wl-$srv]:-0} + fticks))
    SUM_ERR[$wl-$srv]=$((${SUM_ERR[$wl-$srv]:-0} + err))
    SUM_SLOW[$wl-$srv]=$((${SUM_SLOW[$wl-$srv]:-0} + $(field "$R_LINE" slow400)))
    SUM_AUTH[$wl-$srv]=$((${SUM_AUTH[$wl-$srv]:-0} + auth))
    SUM_AUTH_S[$wl-$srv]=$(awk -v a="${SUM_AUTH_S[$wl-$srv]:-0}" -v b="$auth_s" 'BEGIN { printf "%.6f", a + b }')
    RUN_RPS[$wl-$srv-$n]=$(awk -v r="$req" -v us="$us" 'BEGIN { printf "%.1f", r / (us / 1e6) }')
    local other
    other=$(other_percent "$busy" $((ticks + R_WRK_TICKS)) "$seconds")
    if [[ $srv != nolock ]] && ((other > ${OTHER_MAX[$wl]:-0})); then OTHER_MAX[$wl]=$other; fi
    ROWS+=("$(awk -v wl="${WL_LABEL[$wl]%% *}" -v srv="$srv" -v n="$n" -v req="$req" -v bytes="$bytes" -v us="$us" \
        -v p50="$(field "$R_LINE" p50_us)" -v p99="$(field "$R_LINE" p99_us)" -v p999="$(field "$R_LINE" p999_us)" \
        -v max="$(field "$R_LINE" max_us)" -v slow="$(field "$R_LINE" slow400)" -v err="$err" -v tck="$CLK_TCK" \
        -v ticks="$ticks" -v nticks="$nticks" -v fticks="$fticks" -v auth="$auth" -v front="$([[ $srv == front || $srv == nolock ]] && echo 1 || echo 0)" \
        -v other="$other" 'BEGIN {
            gb = bytes / 1e9
            split_cpu = front ? sprintf("%.2f + %.2f", nticks / tck / gb, fticks / tck / gb) : ""
            printf "| %s | %s | %d | %.0f | %.0f | %.1f | %.1f | %.1f | %.0f | %d | %d | %.2f | %s | %s | %s%% |",
                wl, srv, n, req / (us / 1e6), bytes / us, p50 / 1000, p99 / 1000, p999 / 1000, max / 1000, slow, err, ticks / tck / gb, split_cpu,
                front ? sprintf("%d", auth) : "", other }')")
    printf '%s\n' "${ROWS[-1]}" >&2
}

run_workload() { # workload framecast-warm-up
    log "${WL_LABEL[$1]}: warm-up fc $2, front $FRONT_WARMUP, nginx $NGINX_WARMUP"
    wrk_run "$1-fc-warmup" "$1" fc "$2"
    wrk_run "$1-front-warmup" "$1" front "$FRONT_WARMUP"
    wrk_run "$1-nginx-warmup" "$1" nginx "$NGINX_WARMUP"
    local round
    for ((round = 1; round <= ROUNDS; round++)); do
        measure "$1" front "$round"
        measure "$1" nginx "$round"
        measure "$1" fc "$round"
    done
}

# --- where front's time goes: perf samples of its processes against plain nginx's, under (a)'s load --------------------
# Not part of any measured run. perf samples each server's own processes at 999 Hz for 3 s in the middle of a 9 s wrk
# run; samples / 999 is CPU seconds, divided by the requests wrk counted in those 3 s (its rate over the 9 s).
PROFILE_LINES=()
perf_split() { # perf.data requests -> "X µs per request: nginx kernel …, TLS …; Framecast …"
    perf report -i "$1" --sort comm,dso --stdio -n -t '|' 2>/dev/null | awk -F'|' -v req="$2" '
        /^#/ || NF < 4 { next }
        { n = $2 + 0; comm = $3; dso = $4; gsub(/^ +| +$/, "", comm); gsub(/^ +| +$/, "", dso)
          if (comm == "nginx") {
              if (dso ~ /kernel/) nk += n; else if (dso ~ /libcrypto|libssl/) nt += n; else nu += n
          } else if (comm ~ /^\.NET Tiered/) fj += n; else if (dso ~ /kernel/) fk += n; else fu += n }
        END {
            us = 1e6 / 999 / req; total = nk + nt + nu + fk + fu + fj
            printf "%.0f µs of CPU per request: nginx %.0f (kernel %.0f, OpenSSL %.0f, nginx + libc %.0f)", total * us, (nk + nt + nu) * us, nk * us, nt * us, nu * us
            if (fk + fu + fj > 0) printf "; Framecast %.1f (kernel %.1f, user %.1f, background tiered JIT %.1f)", (fk + fu + fj) * us, fk * us, fu * us, fj * us
            printf "\n" }'
}
profile() {
    [[ $PROFILE == 1 ]] || { PROFILE_LINES+=("- Profile skipped (BENCH_PROFILE=0)."); return; }
    command -v perf >/dev/null && perf record -q -o "$WORK/perf-probe.data" -- true >/dev/null 2>&1 \
        || { PROFILE_LINES+=("- perf unavailable or not permitted here; no CPU profile."); return; }
    log "profile: (a) against front, then nginx, perf 3 s each (unmeasured)"
    local tmp="$WORK/profile" srv pids wrk_pid rps
    mkdir -p "$tmp"
    for srv in front nginx; do
        pids=$(nginx_part "$srv" | tr ' ' '\n'; fc_part "$srv")
        # shellcheck disable=SC2086
        wrk -t"$THREADS" -c"$CONNECTIONS" -d9s -s "${SCRIPT[a]}" "${URL[$srv]}/" -- ${ARGS_OF[a]} >"$tmp/wrk-$srv.txt" 2>&1 &
        wrk_pid=$!
        sleep 3
        perf record -q -F 999 -p "$(tr -s '\n ' ',' <<<"$pids" | sed 's/^,//; s/,$//')" -o "$tmp/perf-$srv.data" -- sleep 3 >/dev/null 2>&1 || true
        wait "$wrk_pid" || true
        rps=$(field "$(grep '^WRK_RESULT' "$tmp/wrk-$srv.txt" || true)" rps)
        if [[ -n $rps && -s $tmp/perf-$srv.data ]]; then
            PROFILE_LINES+=("- $(server_name "$srv"), $rps req/s: $(perf_split "$tmp/perf-$srv.data" "$(awk -v r="$rps" 'BEGIN { print r * 3 }')")")
        else
            PROFILE_LINES+=("- $(server_name "$srv"): no profile (wrk or perf failed, see $tmp)")
        fi
    done
}

run_workload a "$WARMUP"
profile
run_workload b "$SEGMENT_WARMUP"

# --- diagnostic: front's slow responses and nginx's cache lock ---------------------------------------------------------
# With `proxy_cache_lock on` for the access check, when a URL's cached answer expires one request asks Framecast and
# the others for that URL wait for it, and nginx's waiters look again on a timer (at most every 500 ms,
# ngx_http_file_cache_lock in ngx_http_file_cache.c), not when the answer arrives. The shipped file leaves the lock off
# since 2026-11-24 (this diagnostic saw the tail); one run of each workload with the lock turned on in the rendered
# copy (not the shipped set-up; not in the summary) shows what it would cost or save.
if [[ $LOCK_DIAG == 1 ]]; then
    log "diagnostic: front restarted with 'proxy_cache_lock on;' in the rendered copy, one run of (a) and (b)"
    stop_nginx front
    render_front 'proxy_cache_key $request_uri;' 'proxy_cache_key $request_uri; proxy_cache_lock on;'
    start_nginx front
    for wl in a b; do
        wrk_run "$wl-nolock-warmup" "$wl" nolock "$NGINX_WARMUP"
        measure "$wl" nolock 1
    done
fi

# --- (c) slow readers through the front nginx --------------------------------------------------------------------------
# Every reader comes from 127.0.0.1: the shipped per-address limit (64) would refuse all but 64 of them, so the rendered
# copy, and only it, gets $READERS; nginx is restarted with it.
# First the shipped limit itself, as rendered for (a) and (b): 64 readers from 127.0.0.1 held, then one request more.
log "(c) shipped limit: 64 slow readers (TLS) on video.mp4 through front, then one request more"
SHIPPED_PID_ARGS=()
for pid in $(nginx_pids front); do SHIPPED_PID_ARGS+=(--pid "nginx=$pid"); done
python3 "$HERE/slow_readers.py" --tls --port "$FRONT_PORT" --path "/media/$VIDEO_ID/video.mp4" "${SHIPPED_PID_ARGS[@]}" \
    --count 64 --hold 1 --probes 1 --recover-wait 5 --timeout 60 >"$WORK/slow-shipped.txt" 2>"$WORK/slow-shipped.err" \
    || { cat "$WORK/slow-shipped.txt" "$WORK/slow-shipped.err" >&2; die "slow_readers.py (shipped limit) failed"; }
SHIPPED_SLOW=$(grep '^SLOW_RESULT' "$WORK/slow-shipped.txt") || { cat "$WORK/slow-shipped.txt" "$WORK/slow-shipped.err" >&2; die "no SLOW_RESULT (shipped limit)"; }
log "$SHIPPED_SLOW"
READERS_LIMIT="limit_conn framecast_media $READERS;"
log "(c) front nginx restarted with '$READERS_LIMIT' in the rendered copy"
stop_nginx front
render_front "$SHIPPED_LIMIT" "$READERS_LIMIT"
start_nginx front
grep -qF -- "$READERS_LIMIT" "$WORK/front/site.conf" || die "the limit for (c) is not in the rendered config"
# The readers stop coming if the kernel's TCP memory nears its pressure threshold (tcp_mem's 2nd value): measured here,
# each stalled TLS reader costs ~50 pages (the server socket's autotuned send buffer, ~200 KiB queued), so 5,000 of them
# need ~1 GiB; 7/8 of the threshold leaves that room on this machine and still keeps the kernel out of pressure mode.
TCP_MEM_PRESSURE=$(awk '{ print $2 }' /proc/sys/net/ipv4/tcp_mem)
PID_ARGS=()
for pid in $(nginx_pids front); do PID_ARGS+=(--pid "nginx=$pid"); done
PID_ARGS+=(--pid "framecast=$FC_PID")
NGINX_PROCS=$(nginx_pids front | wc -w)
log "(c) $READERS slow readers (TLS) on video.mp4 through front, held ${HOLD} s; then 20 requests over the limit"
AUTH_C0=$(auth_metric count)
python3 "$HERE/slow_readers.py" --tls --port "$FRONT_PORT" --path "/media/$VIDEO_ID/video.mp4" "${PID_ARGS[@]}" \
    --count "$READERS" --hold "$HOLD" --probes 20 --recover-wait "$RECOVER_WAIT" --tcp-mem-guard $((TCP_MEM_PRESSURE * 7 / 8)) \
    --timeout $((HOLD + RECOVER_WAIT + 150)) >"$WORK/slow.txt" 2>"$WORK/slow.err" \
    || { cat "$WORK/slow.txt" "$WORK/slow.err" >&2; die "slow_readers.py failed"; }
AUTH_C=$(awk -v a="$AUTH_C0" -v b="$(auth_metric count)" 'BEGIN { printf "%d", b - a }')
SLOW=$(grep '^SLOW_RESULT' "$WORK/slow.txt") || { cat "$WORK/slow.txt" "$WORK/slow.err" >&2; die "no SLOW_RESULT"; }
log "$(grep '^SLOW_OPEN' "$WORK/slow.txt")"
log "$SLOW"
log "stopping Framecast (SIGTERM, SIGKILL after ${STOP_GRACE} s) and both nginx"
stop_framecast
stop_all_nginx

# --- report ------------------------------------------------------------------------------------------------------------
ratio_of() { # workload server reference -> server/reference req/s over all runs
    awk -v f="${SUM_REQ[$1-$2]}" -v fu="${SUM_US[$1-$2]}" -v n="${SUM_REQ[$1-$3]}" -v nu="${SUM_US[$1-$3]}" \
        'BEGIN { printf "%.2f", (f / fu) / (n / nu) }'
}
mb_ratio_of() { # workload server reference -> server/reference MB/s over all runs
    awk -v f="${SUM_BYTES[$1-$2]}" -v fu="${SUM_US[$1-$2]}" -v n="${SUM_BYTES[$1-$3]}" -v nu="${SUM_US[$1-$3]}" \
        'BEGIN { printf "%.2f", (f / fu) / (n / nu) }'
}
rps_of() { awk -v r="${SUM_REQ[$1-$2]}" -v us="${SUM_US[$1-$2]}" 'BEGIN { printf "%.0f", r / (us / 1e6) }'; }
mbs_of() { awk -v b="${SUM_BYTES[$1-$2]}" -v us="${SUM_US[$1-$2]}" 'BEGIN { printf "%.0f", b / us }'; }
cpu_per_gb() { # workload server [ticks-array: SUM_TICKS | SUM_NTICKS | SUM_FTICKS]
    local -n t=${3:-SUM_TICKS}
    awk -v t="${t[$1-$2]}" -v b="${SUM_BYTES[$1-$2]}" -v tck="$CLK_TCK" 'BEGIN { printf "%.2f", t / tck / (b / 1e9) }'
}
cpu_ratio() { # workload -> front/nginx CPU s per GB
    awk -v f="$(cpu_per_gb "$1" front)" -v n="$(cpu_per_gb "$1" nginx)" 'BEGIN { printf "%.2f", f / n }'
}
round_ratios() { # workload -> front/nginx req/s of each round (each pair ran back to back), e.g. "0.91, 1.02, 0.97"
    local wl=$1 round out=""
    for ((round = 1; round <= ROUNDS; round++)); do
        out+=$(awk -v f="${RUN_RPS[$wl-front-$round]}" -v n="${RUN_RPS[$wl-nginx-$round]}" 'BEGIN { printf "%s%.2f", "'"${out:+, }"'", f / n }')
    done
    echo "$out"
}
auth_per_k() { awk -v a="${SUM_AUTH[$1-front]}" -v r="${SUM_REQ[$1-front]}" 'BEGIN { printf "%.2f", a / r * 1000 }'; }
auth_ms() { awk -v a="${SUM_AUTH[$1-front]}" -v s="${SUM_AUTH_S[$1-front]}" 'BEGIN { if (a > 0) printf "%.2f", s / a * 1000; else printf "–" }'; }
verdict() { # workload
    awk -v r="$(ratio_of "$1" front nginx)" -v e="${SUM_ERR[$1-front]}" -v t="$TARGET" \
        'BEGIN { print ((r >= t && e == 0) ? "met" : "**NOT met**") }'
}
SUMMARY=$(
    echo "| workload | nginx req/s | front req/s | fc req/s | **front/nginx** req/s (MB/s) | front/nginx per round | fc/nginx req/s | CPU s per GB: nginx | front: nginx + Framecast (× nginx's) | fc | access checks reaching Framecast per 1,000 front requests (mean ms) | errors nginx / front / fc | front ≥ $TARGET × nginx |"
    echo "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|"
    for wl in a b; do
        echo "| ${WL_LABEL[$wl]} | $(rps_of "$wl" nginx) | $(rps_of "$wl" front) | $(rps_of "$wl" fc) | **$(ratio_of "$wl" front nginx)** ($(mb_ratio_of "$wl" front nginx)) | $(round_ratios "$wl") | $(ratio_of "$wl" fc nginx) | $(cpu_per_gb "$wl" nginx) | $(cpu_per_gb "$wl" front) = $(cpu_per_gb "$wl" front SUM_NTICKS) + $(cpu_per_gb "$wl" front SUM_FTICKS) (×$(cpu_ratio "$wl")) | $(cpu_per_gb "$wl" fc) | $(auth_per_k "$wl") ($(auth_ms "$wl")) | ${SUM_ERR[$wl-nginx]} / ${SUM_ERR[$wl-front]} / ${SUM_ERR[$wl-fc]} | $(verdict "$wl") |"
    done
)
slow_per_10k() { # workload server -> responses that took ≥ 400 ms per 10,000
    awk -v n="${SUM_SLOW[$1-$2]:-0}" -v r="${SUM_REQ[$1-$2]:-0}" 'BEGIN { if (r > 0) printf "%.1f", n / r * 10000; else printf "–" }'
}
TAIL=$(
    echo "| workload | responses ≥ 400 ms per 10,000: nginx | front | fc | front with \`proxy_cache_lock on\` (1 run, diagnostic) | access checks reaching Framecast per 1,000: front | lock on | req/s: front | lock on |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    for wl in a b; do
        if [[ -n ${SUM_REQ[$wl-nolock]:-} ]]; then
            nolock="$(slow_per_10k "$wl" nolock) | $(awk -v a="${SUM_AUTH[$wl-nolock]}" -v r="${SUM_REQ[$wl-nolock]}" 'BEGIN { printf "%.2f", a / r * 1000 }')"
            nolock_rps=$(rps_of "$wl" nolock)
        else
            nolock="not run (BENCH_LOCK_DIAG=0) | –" nolock_rps="–"
        fi
        echo "| ${WL_LABEL[$wl]} | $(slow_per_10k "$wl" nginx) | $(slow_per_10k "$wl" front) | $(slow_per_10k "$wl" fc) | ${nolock%% |*} | $(auth_per_k "$wl") | ${nolock#* | } | $(rps_of "$wl" front) | $nolock_rps |"
    done
)
RUNS=$(
    echo "| workload | server | run | req/s | MB/s | p50 ms | p99 ms | p99.9 ms | max ms | responses ≥ 400 ms | errors | server CPU s per GB | front: nginx + Framecast | access checks reaching Framecast | other CPU % |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${ROWS[@]}"
)
s() { field " $SLOW" "$1"; }
MIB() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }
per_reader() { awk -v a="$1" -v b="$2" -v n="$(s held)" 'BEGIN { printf "%.1f KiB", n ? (b - a) / n : 0 }'; }
SLOW_TABLE=$(
    held=$(s held) ok=$(s ok200)
    echo "| (c) $READERS slow readers through front (TLS), \`limit_conn framecast_media $READERS\` in the rendered copy | result | target |"
    echo "|---|---|---|"
    echo "| readers admitted (200) and held | $ok of $READERS (opened in $(s open_s) s, TLS handshakes included; $(s not_opened) not opened); connections established on front's port through the ${HOLD} s hold: at least $(s est_min) | all |"
    echo "| nginx VmRSS ($NGINX_PROCS processes summed: master, workers, cache manager/loader) | before $(MIB "$(s rss0_kib_nginx)"); **max while held $(MIB "$(s rss_max_kib_nginx)")** ($(per_reader "$(s rss0_kib_nginx)" "$(s rss_max_kib_nginx)") per reader); VmHWM summed $(MIB "$(s hwm_kib_nginx)") | |"
    echo "| Framecast VmRSS | before $(MIB "$(s rss0_kib_framecast)") (after (a) and (b)); **max while held $(MIB "$(s rss_max_kib_framecast)")**; VmHWM $(MIB "$(s hwm_kib_framecast)") | |"
    both_ok=$(awk -v n="$(s rss_max_kib_nginx)" -v f="$(s rss_max_kib_framecast)" 'BEGIN { print ((n > 0 && f > 0 && n + f < 1048576) ? "met" : "**NOT met**") }')
    echo "| memory of both processes while held (nginx + Framecast) | **$(MIB $(($(s rss_max_kib_nginx) + $(s rss_max_kib_framecast))))** | < 1 GiB (Framecast alone's target before, now for both): $both_ok |"
    echo "| access checks reaching Framecast during (c) | $AUTH_C (for $READERS readers and the probes: the answer is cached, and \`proxy_cache_lock\` holds concurrent misses back) | |"
    echo "| CPU while the readers were held | nginx $(s hold_cpu_s_nginx) s, Framecast $(s hold_cpu_s_framecast) s over $(s hold_s) s | |"
    echo "| kernel TCP memory (all sockets, /proc/net/sockstat) | $(awk -v p="$(s tcp_mem_max_pages)" 'BEGIN { printf "%.0f MiB", p * 4 / 1024 }') at most | |"
    first_ok=$(awk -v st="$(s first_status)" -v ms="$(s first_ms)" -v held="$held" -v n="$READERS" \
        'BEGIN { print ((held == n && st == 429 && ms < 100) ? "met" : "**NOT met**") }')
    echo "| request $((held + 1)) (new TLS connection) | **$(s first_status) in $(s first_ms) ms** (connect and handshake included) | 429 at once (< 100 ms): $first_ok |"
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
    echo "| after the readers left | $recovered; meanwhile nginx read $(awk -v b="$(s after_close_read_bytes_nginx)" 'BEGIN { printf "%.1f MB", b / 1e6 }') and used $(s after_close_cpu_s_nginx) s of CPU, Framecast $(s after_close_cpu_s_framecast) s | admitted again |"
    s64() { field " $SHIPPED_SLOW" "$1"; }
    shipped_ok=$(awk -v h="$(s64 held)" -v st="$(s64 first_status)" 'BEGIN { print ((h == 64 && st == 429) ? "met" : "**NOT met**") }')
    echo "| before raising it, with the shipped \`limit_conn framecast_media 64\` | $(s64 ok200) of 64 readers from 127.0.0.1 admitted and held; request 65: **$(s64 first_status) in $(s64 first_ms) ms**; admitted again $(s64 recovered_s) s after they closed | 64 admitted, the 65th 429: $shipped_ok |"
    echo "| stopping Framecast | $STOP_NOTE | |"
)
FINDINGS=()
if awk -v a="$(ratio_of a front nginx)" -v b="$(ratio_of b front nginx)" -v t="$TARGET" 'BEGIN { exit !(a >= t && b >= t) }'; then
    FRONT_VERDICT="**Target met: front reaches $(ratio_of a front nginx) of plain nginx on ranges and $(ratio_of b front nginx) on segments (≥ $TARGET wanted).**"
else
    FRONT_VERDICT="**Target NOT met: front reaches $(ratio_of a front nginx) of plain nginx on ranges and $(ratio_of b front nginx) on segments (≥ $TARGET wanted).**"
fi
FINDINGS+=("- $FRONT_VERDICT What front adds: its nginx spends $(cpu_per_gb a front SUM_NTICKS) CPU s per GB on ranges and
  $(cpu_per_gb b front SUM_NTICKS) on segments against plain nginx's $(cpu_per_gb a nginx) and $(cpu_per_gb b nginx) (the auth_request subrequest, a lookup in
  the access cache, limit_conn and two add_header per request), and Framecast $(cpu_per_gb a front SUM_FTICKS) and $(cpu_per_gb b front SUM_FTICKS). The access check
  reached Framecast only $(auth_per_k a) and $(auth_per_k b) times per 1,000 requests (mean $(auth_ms a) and $(auth_ms b) ms inside Framecast): a public
  video's answer is reused from nginx's cache for Framecast:LocalCacheLifetime, so the upstream round trip is rare and
  Framecast's share of the CPU is small. Both nginx pay the same for TLS: without kernel TLS nginx cannot use sendfile
  over TLS, so it reads each file into user space and encrypts it (OpenSSL's share in the profile above).")
round_span() { # workload -> "lo–hi" of the per-round front/nginx ratios
    round_ratios "$1" | tr ',' '\n' | sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f–%.2f", lo, hi }'
}
NOISE_LIMIT=15 # other CPU % above which a run's req/s says more about the machine than about the servers
for wl in a b; do
    ((${OTHER_MAX[$wl]:-0} > NOISE_LIMIT)) || continue
    FINDINGS+=("- **Noise in ${WL_LABEL[$wl]%% *}: read its req/s ratio with care.** Processes outside the benchmark took up to ${OTHER_MAX[$wl]} % of
  the machine's CPU during at least one of ${WL_LABEL[$wl]%% *}'s measured runs (the per-run \"other CPU %\" column), and its per-round
  front/nginx ratios range over $(round_span "$wl"); which server the scheduler favoured in a given 10 s moves them. CPU
  per GB, counted per process, is the steadier comparison there: front/nginx ×$(cpu_ratio "$wl") (front's nginx alone
  ×$(awk -v f="$(cpu_per_gb "$wl" front SUM_NTICKS)" -v n="$(cpu_per_gb "$wl" nginx)" 'BEGIN { printf "%.2f", f / n }')).")
done
slow_sum() { echo $((${SUM_SLOW[a-$1]:-0} + ${SUM_SLOW[b-$1]:-0})); }
if (($(slow_sum front) > $(slow_sum nginx))); then
    if [[ -n ${SUM_REQ[a-nolock]:-} ]]; then
        lock_note="With that one line turned off (the diagnostic above, one run each), front had $(slow_per_10k a nolock) and $(slow_per_10k b nolock)
  such responses per 10,000, while $(awk -v a="${SUM_AUTH[a-nolock]}" -v r="${SUM_REQ[a-nolock]}" 'BEGIN { printf "%.2f", a / r * 1000 }') and $(awk -v a="${SUM_AUTH[b-nolock]}" -v r="${SUM_REQ[b-nolock]}" 'BEGIN { printf "%.2f", a / r * 1000 }') access checks per 1,000 requests reached Framecast (every request
  that finds the answer expired then asks Framecast itself)."
    else
        lock_note="(BENCH_LOCK_DIAG=0: not checked with the lock off in this run.)"
    fi
    FINDINGS+=("- **front's slow tail: $(slow_per_10k a front) and $(slow_per_10k b front) responses per 10,000 took 400 ms or more on ranges and segments
  (plain nginx $(slow_per_10k a nginx) and $(slow_per_10k b nginx)).** The shipped file's \`proxy_cache_lock on\`: each time a URL's cached
  access answer expires (every Framecast:LocalCacheLifetime), one request asks Framecast and every other request for
  that URL arriving meanwhile waits on the lock, and nginx's waiters look again on a timer of up to 500 ms
  (ngx_http_file_cache_lock), not when the answer comes: a viewer's segment or range stalls ~0.5 s (or 1 s) for an
  access check that took Framecast $(auth_ms a) ms. $lock_note Not changed here (deploy/ is not
  this benchmark's). One possible change, \`proxy_cache_use_stale updating\` with \`proxy_cache_background_update on\`,
  would serve the expiring answer while one request renews it, but needs checking against the promise that a video
  made private stops being served within that lifetime (not measured).")
fi
FINDINGS+=("- **fc/nginx: $(ratio_of a fc nginx) on ranges, $(ratio_of b fc nginx) on segments, not like for like:** Framecast alone answers plain HTTP
  (Kestrel's PhysicalFile results, $(cpu_per_gb a fc) and $(cpu_per_gb b fc) CPU s per GB), nginx and front answer over TLS; and wrk's own
  decryption takes CPU from the same $(nproc) cores during the TLS runs.")
FINDINGS+=("- **(c): memory per slow reader.** nginx's resident memory grows by
  $(per_reader "$(s rss0_kib_nginx)" "$(s rss_max_kib_nginx)") per stalled TLS reader (per-connection buffers: over TLS nginx reads the file through its output_buffers and
  encrypts into its ssl_buffer, where plain-HTTP sendfile would keep nothing in user space), Framecast's by
  $(per_reader "$(s rss0_kib_framecast)" "$(s rss_max_kib_framecast)") (it answered $AUTH_C access check(s) for them); the kernel's TCP memory peaked at
  $(awk -v p="$(s tcp_mem_max_pages)" -v n="$(s held)" 'BEGIN { printf "%.0f KiB", n ? p * 4 / n : 0 }') per reader. Request $(($(s held) + 1)) is refused by nginx's limit_conn (429, the shipped problem body) without
  reaching Framecast; with the shipped limit the 65th request from one address got $(field " $SHIPPED_SLOW" first_status).")
{
    echo "# Delivery benchmark, $(date +%F)"
    echo
    machine_lines
    echo "- Also: $(nginx -v 2>&1 | sed 's/^nginx version: //') (Debian, $(nginx -V 2>&1 | sed -n 's/.*running with \(OpenSSL [^ ]*\).*/\1/p'), no kernel TLS: nginx encrypts in user space and"
    echo "  cannot use sendfile over TLS), $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), Python $(python3 -c 'import platform; print(platform.python_version())'), SQLite $(sqlite3 --version | cut -d' ' -f1)."
    echo "- Servers, all on 127.0.0.1 over the same files: **nginx** = plain nginx serving the data dir statically (the"
    echo "  reference): TLS with the same self-signed RSA-2048 certificate and the shipped file's listener (\`ssl http2\`)"
    echo "  and TLS settings, the shipped /media/ location's file settings (\`sendfile on\`, \`tcp_nopush on\`,"
    echo "  \`open_file_cache\`, types); **front** = Framecast behind \`deploy/nginx/framecast.conf\`, rendered as"
    echo "  tests/…/Support/NginxServer.cs does (the lines marked SET: upstream, access-cache folder, listeners on"
    echo "  127.0.0.1, certificate, media folder), over TLS to its 443 listener: an \`auth_request\` to"
    echo "  /_framecast/media-access per request (a public answer cached for Framecast:LocalCacheLifetime), then nginx sends"
    echo "  the file; **fc** = Framecast alone, plain HTTP on Kestrel (no TLS: not like for like with the other two)."
    echo "  Both nginx: the same main nginx.conf (\`worker_processes auto\` = $(nproc) workers, worker_connections $WORKER_CONNECTIONS,"
    echo "  access_log off$([[ $EUID -eq 0 ]] && echo ', user root'))."
    echo "- Framecast: \`serve --roles stream\`, SQLite, one public ready playable video, Network:KnownProxies = 127.0.0.1,"
    echo "  Playback limits at their defaults."
    echo "- Checks before measuring: $CHECKS"
    echo "- Files: video.mp4 = $VIDEO_BYTES random bytes. HLS ladder ($HLS_NOTE): 60 s of lavfi \`testsrc2\` + 440 Hz tone,"
    echo "  720p (2800k) and 360p (800k) H.264 (x264 ultrafast) + AAC, fMP4 segments of $SEG_SECONDS s, as Framecast's pipeline"
    echo "  names them; $SEGMENTS segment URLs taken from master.m3u8 → index.m3u8, $SEG_RANGE bytes (mean $SEG_MEAN)."
    echo "- Load: \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION\` (HTTP/1.1; TLS to nginx and front), $ROUNDS rounds of front, nginx, fc,"
    echo "  after warm-ups (fc $WARMUP before (a) and $SEGMENT_WARMUP before (b), front $FRONT_WARMUP, nginx $NGINX_WARMUP). (a): \`range.lua\`, a new"
    echo "  random \`Range: bytes=a-(a+1048575)\` per request (206 responses); (b): \`segments.lua\`, every segment in turn (200"
    echo "  responses). MB/s = bytes wrk received (bodies + ~300 B of headers, decrypted) / s, 1 MB = 10^6 B. The summary"
    echo "  is the sum of all $ROUNDS runs of each server; CPU s per GB is the server's user + system CPU time over the GB"
    echo "  it sent: nginx = its master and workers (and cache processes for front), front = front's nginx + Framecast (shown"
    echo "  apart too). \"Access checks reaching Framecast\" = the change in Framecast's /metrics count of"
    echo "  /_framecast/media-access during the run (the others were answered from nginx's access cache). wrk shares the"
    echo "  $(nproc) CPUs with the server it measures."
    echo "- (c): \`slow_readers.py --tls\`: $READERS TLS connections to front, each sends \`GET /media/{id}/video.mp4\`, reads the headers"
    echo "  and a few body bytes, then stops reading (SO_RCVBUF 4 KiB, MSS 1460 as an Internet client would advertise; the"
    echo "  client buffers at most 8 KiB per connection). **Bench-only change to the rendered copy:** every reader comes"
    echo "  from 127.0.0.1, so \`limit_conn framecast_media 64;\` becomes \`limit_conn framecast_media $READERS;\` (front nginx"
    echo "  restarted with it; the shipped file is untouched). Held ${HOLD} s, sampling VmRSS of nginx's processes (summed)"
    echo "  and of Framecast every 0.5 s; then 20 more requests one after the other on new TLS connections, each timed"
    echo "  from connect to the end of its response; then all readers close (reset) and a request is tried every 0.1 s for"
    echo "  ${RECOVER_WAIT} s. ulimit -n $(ulimit -n)."
    echo
    echo "## (a) and (b): front and Framecast alone against plain nginx"
    echo
    echo "$SUMMARY"
    echo
    echo "Slow responses (the tail), and front with its access cache's lock off:"
    echo
    echo "$TAIL"
    echo
    echo "Per run:"
    echo
    echo "$RUNS"
    echo
    echo "Where the CPU goes under (a) (perf, a separate, unmeasured run of each):"
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
echo "$TAIL"
echo
echo "$RUNS"
echo
printf '%s\n' "${PROFILE_LINES[@]}"
echo
echo "$SLOW_TABLE"
echo "Written to ${OUT#"$ROOT"/}"
