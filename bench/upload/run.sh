#!/usr/bin/env bash
# Upload benchmark: one 2 GiB file of random bytes sent to Framecast over loopback (1) with tus, 8 MiB PATCH chunks on
# one keep-alive connection (tus_upload.py), and (2) with the simple multipart upload (curl -F). For each: throughput
# and the server's resident memory growth while it receives. The reference is `cp` of the same file on the same disk,
# measured before and after the uploads in the same run: plain, and followed by an fsync of the copy (Framecast makes
# every chunk durable before it acknowledges it, so "cp + fsync" is the like-for-like ratio).
#
# Framecast runs with `--roles api`, so no transcoding starts: the finished upload's processing job stays queued. Each
# method gets a fresh server and data dir, warmed up with a 16 MiB upload of the same kind, so the memory reading
# covers receiving the big file, not start-up or JIT.
#
# Usage: bench/upload/run.sh
# Env:   BENCH_UPLOAD_BYTES (2147483648) BENCH_CHUNK_BYTES (8388608) FRAMECAST_DLL SKIP_BUILD KEEP_WORK
# Output: a table on stdout and bench/results/upload-YYYY-MM-DD.md. Takes about two minutes (plus the build).
set -euo pipefail
BENCH_NAME=upload
source "$(dirname "${BASH_SOURCE[0]}")/../lib/framecast.sh"
HERE="$ROOT/bench/upload"
SIZE=${BENCH_UPLOAD_BYTES:-2147483648}
CHUNK=${BENCH_CHUNK_BYTES:-8388608}
WARMUP_BYTES=$((16 * 1024 * 1024))
need dotnet curl python3 cmp ss

# The uploads land in the data dir under $WORK; the comparison with cp only holds on the disk the checkout is on.
WORK_DEV=$(df --output=source "$WORK" | tail -n 1)
ROOT_DEV=$(df --output=source "$ROOT" | tail -n 1)
[[ $WORK_DEV == "$ROOT_DEV" ]] || die "$WORK is on $WORK_DEV, not on $ROOT_DEV like $ROOT: the comparison with cp needs both on one disk"
DISK_NOTE="$WORK_DEV ($(df --output=fstype "$WORK" | tail -n 1)), $(df -h --output=avail "$WORK" | tail -n 1 | tr -d ' ') free"

build_framecast

log "writing $SIZE random bytes"
BIG="$WORK/big.bin"
head -c "$SIZE" /dev/urandom >"$BIG"
head -c "$WARMUP_BYTES" /dev/urandom >"$WORK/warmup.bin"
sync -f "$WORK"

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
mbps() { awk -v bytes="$1" -v s="$2" 'BEGIN { printf "%.0f", bytes / s / 1e6 }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

declare -A ROW
# Rows: | method | MB/s | seconds | ratio to cp+fsync | server RSS before MiB | peak MiB | growth MiB | VmHWM before → after | server CPU s (user + sys) | client CPU s | other CPU % |

# --- reference: cp ------------------------------------------------------------------------------------------------------------
measure_cp() { # label
    local t0 t1 t2 busy own
    rm -f "$WORK/copy.bin"
    busy=$(machine_busy_ticks)
    times >"$WORK/cp.times0"
    t0=$(now)
    cp "$BIG" "$WORK/copy.bin"
    t1=$(now)
    sync "$WORK/copy.bin" # fsync of the copy (coreutils sync FILE)
    t2=$(now)
    times >"$WORK/cp.times1"
    busy=$(($(machine_busy_ticks) - busy))
    own=$(($(children_ticks "$WORK/cp.times1") - $(children_ticks "$WORK/cp.times0")))
    CP_PLAIN[$1]=$(elapsed "$t0" "$t1")
    CP_FSYNC[$1]=$(elapsed "$t0" "$t2")
    CP_CPU[$1]=$(awk -v t="$own" -v tck="$CLK_TCK" 'BEGIN { printf "%.2f", t / tck }')
    CP_OTHER[$1]=$(other_percent "$busy" "$own" "${CP_FSYNC[$1]}")
    rm -f "$WORK/copy.bin"
    sync -f "$WORK"
    log "cp ($1): $(mbps "$SIZE" "${CP_PLAIN[$1]}") MB/s, with fsync $(mbps "$SIZE" "${CP_FSYNC[$1]}") MB/s"
}
# Children's CPU time in clock ticks from bash's `times` output (second line), which must run in this shell.
children_ticks() {
    awk -v tck="$CLK_TCK" 'NR == 2 {
        for (i = 1; i <= 2; i++) { f = $i; sub(/s$/, "", f); split(f, a, "m"); t += a[1] * 60 + a[2] }
        printf "%d\n", t * tck }' "$1"
}
declare -A CP_PLAIN CP_FSYNC CP_CPU CP_OTHER

# --- Framecast ----------------------------------------------------------------------------------------------------------------
# VmRSS of the server every 20 ms until $WORK/stop-sampling appears; the maximum goes to the file. Bash builtins only,
# so sampling does not start a process per reading.
sample_rss() { # pid out-file
    local max=0 key value _ tick
    exec {tick}<> <(:) # a pipe nothing writes to: `read -t` on it sleeps without starting a process
    while [[ ! -e $WORK/stop-sampling ]]; do
        while read -r key value _; do
            if [[ $key == VmRSS: ]]; then
                ((value > max)) && max=$value
                break
            fi
        done <"/proc/$1/status"
        read -rt 0.02 -u "$tick" _ || true
    done
    echo "$max" >"$2"
}

# The upload_* functions set UPLOAD_SECONDS, UPLOAD_CLIENT_CPU (s) and UPLOADED_VIDEO.
upload_tus() { # file
    local line
    line=$(python3 "$HERE/tus_upload.py" "$FC_URL" "$TOKEN" "$1" "$CHUNK") || die "tus upload failed"
    UPLOADED_VIDEO=$(sed -n 's/.* video_id=\([^ ]*\).*/\1/p' <<<"$line")
    UPLOAD_SECONDS=$(sed -n 's/.* seconds=\([^ ]*\).*/\1/p' <<<"$line")
    UPLOAD_CLIENT_CPU=$(sed -n 's/.* client_cpu_s=\([^ ]*\).*/\1/p' <<<"$line")
}

upload_simple() { # file
    local out code
    out=$(/usr/bin/time -f 'TIME %U %S' -o "$WORK/curl.time" curl -sS -o "$WORK/simple.json" -w '%{http_code} %{time_total}' \
        -H "Authorization: Bearer $TOKEN" -F "file=@$1;type=application/octet-stream" -F 'title=simple upload benchmark' \
        "$FC_URL/api/v1/videos") || die "simple upload failed"
    read -r code UPLOAD_SECONDS <<<"$out"
    UPLOAD_SECONDS=$(awk -v s="$UPLOAD_SECONDS" 'BEGIN { printf "%.3f", s }')
    [[ $code == 202 ]] || die "simple upload answered $code: $(head -c 300 "$WORK/simple.json")"
    UPLOADED_VIDEO=$(sed -n 's/^{"id":"\([^"]*\)".*/\1/p' "$WORK/simple.json")
    UPLOAD_CLIENT_CPU=$(awk '/^TIME/ { printf "%.2f", $2 + $3 }' "$WORK/curl.time")
}

measure_upload() { # method label
    local method=$1 data="$WORK/data-$1" rss0 hwm0 hwm1 peak ticks0 ticks1 user0 user1 sys0 sys1 busy seconds client staged video
    start_framecast "$data" api
    register_user "bench$method"
    log "$method: warm-up upload of $WARMUP_BYTES bytes"
    "upload_$method" "$WORK/warmup.bin"
    sleep 2
    rss0=$(proc_status_kib "$FC_PID" VmRSS)
    hwm0=$(proc_status_kib "$FC_PID" VmHWM)
    rm -f "$WORK/stop-sampling"
    sample_rss "$FC_PID" "$WORK/rss-$method" &
    local sampler=$!
    ticks0=$(proc_self_ticks "$FC_PID")
    read -r user0 sys0 < <(sed 's/^.*) //' "/proc/$FC_PID/stat" | awk '{ print $12, $13 }')
    busy=$(machine_busy_ticks)
    log "$method: uploading $SIZE bytes"
    "upload_$method" "$BIG"
    busy=$(($(machine_busy_ticks) - busy))
    ticks1=$(proc_self_ticks "$FC_PID")
    read -r user1 sys1 < <(sed 's/^.*) //' "/proc/$FC_PID/stat" | awk '{ print $12, $13 }')
    touch "$WORK/stop-sampling"
    wait "$sampler"
    hwm1=$(proc_status_kib "$FC_PID" VmHWM)
    peak=$(cat "$WORK/rss-$method")
    seconds=$UPLOAD_SECONDS
    client=$UPLOAD_CLIENT_CPU

    # The processing job stays queued (--roles api): the video says so, and the staged bytes are the file's.
    video=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$FC_URL/api/v1/videos/$UPLOADED_VIDEO")
    grep -q '"status":"processing"' <<<"$video" || die "$method: video $UPLOADED_VIDEO is not processing: $video"
    staged=$(ls -S "$data"/uploads/*.part | head -n 1)
    [[ $(stat -c %s "$staged") == "$SIZE" ]] || die "$method: staged file $staged has $(stat -c %s "$staged") bytes"
    cmp -s "$BIG" "$staged" || die "$method: staged file differs from the uploaded one"
    stop_framecast
    rm -rf "$data"
    sync -f "$WORK"

    local server_cpu own_ticks other
    server_cpu=$(awk -v t=$((ticks1 - ticks0)) -v u=$((user1 - user0)) -v k=$((sys1 - sys0)) -v tck="$CLK_TCK" \
        'BEGIN { printf "%.2f (%.2f + %.2f)", t / tck, u / tck, k / tck }')
    own_ticks=$(awk -v s=$((ticks1 - ticks0)) -v c="$client" -v tck="$CLK_TCK" 'BEGIN { printf "%d", s + c * tck }')
    other=$(other_percent "$busy" "$own_ticks" "$seconds")
    ROW[$method]=$(printf '| %s | %s | %s | %s | %s | %s | **%s** | %s → %s | %s | %s | %s%% |' \
        "$2" "$(mbps "$SIZE" "$seconds")" "$seconds" "@RATIO@" "$(mib "$rss0")" "$(mib "$peak")" "$(mib $((peak - rss0)))" \
        "$(mib "$hwm0")" "$(mib "$hwm1")" "$server_cpu" "$client" "$other")
    SECONDS_OF[$method]=$seconds
    GROWTH_MIB[$method]=$(mib $((peak - rss0)))
    log "$method: $(mbps "$SIZE" "$seconds") MB/s in $seconds s, RSS $(mib "$rss0") → peak $(mib "$peak") MiB, server CPU $server_cpu s"
}
declare -A SECONDS_OF GROWTH_MIB

measure_cp before
measure_upload tus "tus, $((CHUNK / 1048576)) MiB PATCH chunks (tus_upload.py, one connection)"
measure_upload simple "simple: multipart \`POST /api/v1/videos\` (curl -F)"
measure_cp after
rm -f "$BIG" "$WORK/warmup.bin"

# --- report -------------------------------------------------------------------------------------------------------------------
CP_REF=$(awk -v a="${CP_FSYNC[before]}" -v b="${CP_FSYNC[after]}" 'BEGIN { printf "%.3f", (a + b) / 2 }')
ratio() { awk -v s="$1" -v ref="$CP_REF" 'BEGIN { printf "%.2f", ref / s }'; }
cp_row() { # label seconds key
    printf '| %s | %s | %s | %s | – | – | – | – | – | %s | %s%% |\n' "$1" "$(mbps "$SIZE" "$2")" "$2" "$(ratio "$2")" "${CP_CPU[$3]}" "${CP_OTHER[$3]}"
}
target() { # method
    awk -v mb="$(mbps "$SIZE" "${SECONDS_OF[$1]}")" -v g="${GROWTH_MIB[$1]}" -v m="$1" 'BEGIN {
        printf "%s: throughput %s (%d MB/s), RSS growth %s (%d MiB)", m, (mb >= 300 ? "met" : "NOT met"), mb, (g < 64 ? "met" : "NOT met"), g }'
}
TARGET="Targets (≥ 300 MB/s, RSS growth < 64 MiB): $(target tus); $(target simple)."
DATE=$(date +%F)
OUT="$RESULTS_DIR/upload-$DATE.md"
mkdir -p "$RESULTS_DIR"
TABLE=$(
    echo "| method | MB/s | seconds | ratio to cp + fsync | server RSS before (MiB) | peak RSS (MiB) | RSS growth (MiB) | VmHWM before → after (MiB) | server CPU s (user + sys) | client CPU s | other CPU % |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    cp_row "\`cp\` (reference, before the uploads)" "${CP_PLAIN[before]}" before
    cp_row "\`cp\` + fsync of the copy (reference, before)" "${CP_FSYNC[before]}" before
    printf '%s\n' "${ROW[tus]/@RATIO@/$(ratio "${SECONDS_OF[tus]}")}"
    printf '%s\n' "${ROW[simple]/@RATIO@/$(ratio "${SECONDS_OF[simple]}")}"
    cp_row "\`cp\` (reference, after the uploads)" "${CP_PLAIN[after]}" after
    cp_row "\`cp\` + fsync of the copy (reference, after)" "${CP_FSYNC[after]}" after
)
{
    echo "# Upload benchmark, $DATE"
    echo
    machine_lines
    echo "- File: $SIZE bytes ($(awk -v b="$SIZE" 'BEGIN { printf "%.1f GiB", b / 1073741824 }')) from /dev/urandom in the work dir under /tmp, on the same disk as"
    echo "  the checkout: $DISK_NOTE. It is in the page cache for every row (24 GiB RAM, nothing evicts it)."
    echo "- Framecast: \`serve --roles api\` on 127.0.0.1 (no worker, so the processing job stays queued), SQLite, a fresh"
    echo "  server and data dir per method, warmed up with one 16 MiB upload of the same kind. Each upload is checked after"
    echo "  the run: video \`processing\`, staged file byte-identical to the source (cmp)."
    echo "- tus: one creation POST, then $((SIZE / CHUNK)) PATCHes of $((CHUNK / 1048576)) MiB on one keep-alive connection (\`upload/tus_upload.py\`);"
    echo "  seconds from the POST to the last PATCH's answer. Simple: \`curl -F file=@… -F title=…\`, curl's \`time_total\`."
    echo "- MB/s is 10^6 bytes per second. Ratio = (mean of the two \`cp\` + fsync times) / upload time: Framecast fsyncs"
    echo "  each chunk before acknowledging it, so cp + fsync is the like-for-like reference; plain \`cp\` (page cache only)"
    echo "  is shown for scale. RSS: the server's VmRSS sampled every 20 ms during the upload; growth = peak − VmRSS just"
    echo "  before. Server CPU s: the server's user + system time during the upload (reading, hashing SHA-256 and MD5,"
    echo "  writing, fsync). Client CPU s: the uploading process (python or curl); for cp the cp and sync processes."
    echo
    echo "$TABLE"
    echo
    echo "$TARGET"
} >"$OUT"

echo
echo "$TABLE"
echo
echo "$TARGET"
echo "Written to ${OUT#"$ROOT"/}"
