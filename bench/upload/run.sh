#!/usr/bin/env bash
# Upload benchmark: one 2 GiB file of random bytes sent to Framecast over loopback (1) with tus, 8 MiB PATCH chunks on
# one keep-alive connection (tus_upload.py), and (2) with the simple multipart upload (curl -F). For each: throughput
# and the server's resident memory growth while it receives. The reference is `cp` of the same file on the same disk,
# measured before and after the uploads in the same run: plain, and followed by an fsync of the copy (Framecast makes
# every chunk durable before it acknowledges it, so "cp + fsync" is the like-for-like ratio).
#
# Framecast runs with `--roles api`, so no transcoding starts: the finished upload's processing job stays queued. Each
# method gets a fresh server and data dir and a 16 MiB upload of the same kind (start-up is not measured), then the
# big file goes up twice: the first big upload on a server also pays for tiered JIT, the second is the steady state.
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

# One server per method: a 16 MiB warm-up upload, then the big file twice. The first big upload on a fresh server also
# pays for tiered JIT of the upload path (the runtime re-compiles hot methods on a background thread); the second shows
# the steady state. Both are reported.
measure_upload() { # method label
    local method=$1 data="$WORK/data-$1" pass
    start_framecast "$data" api
    register_user "bench$method"
    log "$method: warm-up upload of $WARMUP_BYTES bytes"
    "upload_$method" "$WORK/warmup.bin"
    sleep 2
    for pass in 1 2; do
        measure_pass "$method" "$pass" "$2, $( ((pass == 1)) && echo "1st upload on a fresh server" || echo "2nd upload, same server")"
    done
    stop_framecast
    rm -rf "$data"
    sync -f "$WORK"
}

measure_pass() { # method pass label
    local method=$1 key="$1-$2" data="$WORK/data-$1" rss0 hwm0 hwm1 peak user0 user1 sys0 sys1 jit busy seconds client staged video
    rss0=$(proc_status_kib "$FC_PID" VmRSS)
    hwm0=$(proc_status_kib "$FC_PID" VmHWM)
    rm -f "$WORK/stop-sampling"
    # VmRSS every 20 ms (peak), and the runtime's tiered-JIT thread's CPU.
    python3 "$LIB_DIR/proc_sampler.py" "$FC_PID" 0.02 "$WORK/stop-sampling" >"$WORK/sampler-$key" &
    local sampler=$!
    read -r user0 sys0 < <(sed 's/^.*) //' "/proc/$FC_PID/stat" | awk '{ print $12, $13 }')
    busy=$(machine_busy_ticks)
    log "$method: uploading $SIZE bytes (pass $2)"
    "upload_$method" "$BIG"
    busy=$(($(machine_busy_ticks) - busy))
    read -r user1 sys1 < <(sed 's/^.*) //' "/proc/$FC_PID/stat" | awk '{ print $12, $13 }')
    touch "$WORK/stop-sampling"
    wait "$sampler" || die "the sampler failed"
    hwm1=$(proc_status_kib "$FC_PID" VmHWM)
    peak=$(sed -n 's/.*peak_rss_kib=\([0-9]*\).*/\1/p' "$WORK/sampler-$key")
    jit=$(sed -n 's/.*jit_ticks=\([0-9]*\).*/\1/p' "$WORK/sampler-$key")
    seconds=$UPLOAD_SECONDS
    client=$UPLOAD_CLIENT_CPU

    # The processing job stays queued (--roles api): the video says so, and the staged bytes are the file's.
    video=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$FC_URL/api/v1/videos/$UPLOADED_VIDEO")
    grep -q '"status":"processing"' <<<"$video" || die "$method: video $UPLOADED_VIDEO is not processing: $video"
    staged=$(ls -t "$data"/uploads/*.part | head -n 1)
    [[ $(stat -c %s "$staged") == "$SIZE" ]] || die "$method: staged file $staged has $(stat -c %s "$staged") bytes"
    cmp -s "$BIG" "$staged" || die "$method: staged file differs from the uploaded one"
    rm -f "$staged" # the job never runs here; frees the disk for the next pass
    sync -f "$WORK"

    local server_cpu own_ticks other
    server_cpu=$(awk -v u=$((user1 - user0)) -v k=$((sys1 - sys0)) -v j="$jit" -v tck="$CLK_TCK" \
        'BEGIN { printf "%.2f (%.2f + %.2f) | %.2f", (u + k) / tck, u / tck, k / tck, j / tck }')
    own_ticks=$(awk -v s=$((user1 - user0 + sys1 - sys0)) -v c="$client" -v tck="$CLK_TCK" 'BEGIN { printf "%d", s + c * tck }')
    other=$(other_percent "$busy" "$own_ticks" "$seconds")
    ROW[$key]=$(printf '| %s | %s | %s | %s | %s | %s | **%s** | %s → %s | %s | %s | %s%% |' \
        "$3" "$(mbps "$SIZE" "$seconds")" "$seconds" "@RATIO@" "$(mib "$rss0")" "$(mib "$peak")" "$(mib $((peak - rss0)))" \
        "$(mib "$hwm0")" "$(mib "$hwm1")" "$server_cpu" "$client" "$other")
    SECONDS_OF[$key]=$seconds
    GROWTH_MIB[$key]=$(mib $((peak - rss0)))
    log "$method pass $2: $(mbps "$SIZE" "$seconds") MB/s in $seconds s, RSS $(mib "$rss0") → peak $(mib "$peak") MiB, server CPU (JIT) $server_cpu s"
}
declare -A SECONDS_OF GROWTH_MIB

measure_cp before
measure_upload tus "tus, $((CHUNK / 1048576)) MiB PATCHes"
measure_upload simple "simple (multipart, curl -F)"
measure_cp after
rm -f "$BIG" "$WORK/warmup.bin"

# --- report -------------------------------------------------------------------------------------------------------------------
CP_REF=$(awk -v a="${CP_FSYNC[before]}" -v b="${CP_FSYNC[after]}" 'BEGIN { printf "%.3f", (a + b) / 2 }')
ratio() { awk -v s="$1" -v ref="$CP_REF" 'BEGIN { printf "%.2f", ref / s }'; }
cp_row() { # label seconds key
    printf '| %s | %s | %s | %s | – | – | – | – | – | – | %s | %s%% |\n' "$1" "$(mbps "$SIZE" "$2")" "$2" "$(ratio "$2")" "${CP_CPU[$3]}" "${CP_OTHER[$3]}"
}
target() { # key
    awk -v mb="$(mbps "$SIZE" "${SECONDS_OF[$1]}")" -v g="${GROWTH_MIB[$1]}" -v m="$2" 'BEGIN {
        printf "%s: throughput %s (%d MB/s), RSS growth %s (%d MiB)", m, (mb >= 300 ? "met" : "NOT met"), mb, (g < 64 ? "met" : "NOT met"), g }'
}
TARGET="Targets (≥ 300 MB/s, RSS growth < 64 MiB): $(target tus-1 "tus 1st"); $(target tus-2 "tus 2nd"); $(target simple-1 "simple 1st"); $(target simple-2 "simple 2nd")."
DATE=$(date +%F)
OUT="$RESULTS_DIR/upload-$DATE.md"
mkdir -p "$RESULTS_DIR"
TABLE=$(
    echo "| method | MB/s | seconds | ratio to cp + fsync | server RSS before (MiB) | peak RSS (MiB) | RSS growth (MiB) | VmHWM before → after (MiB) | server CPU s (user + sys) | of which tiered-JIT thread s | client CPU s | other CPU % |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    cp_row "\`cp\` (reference, before the uploads)" "${CP_PLAIN[before]}" before
    cp_row "\`cp\` + fsync of the copy (reference, before)" "${CP_FSYNC[before]}" before
    for key in tus-1 tus-2 simple-1 simple-2; do printf '%s\n' "${ROW[$key]/@RATIO@/$(ratio "${SECONDS_OF[$key]}")}"; done
    cp_row "\`cp\` (reference, after the uploads)" "${CP_PLAIN[after]}" after
    cp_row "\`cp\` + fsync of the copy (reference, after)" "${CP_FSYNC[after]}" after
)
{
    echo "# Upload benchmark, $DATE"
    echo
    machine_lines
    echo "- File: $SIZE bytes ($(awk -v b="$SIZE" 'BEGIN { printf "%.1f GiB", b / 1073741824 }')) from /dev/urandom in the work dir under /tmp, on the same disk as"
    echo "  the checkout: $DISK_NOTE. It is in the page cache for every row (24 GiB RAM, nothing evicts it)."
    echo "- Framecast: \`serve --roles api\` on 127.0.0.1 (no worker, so the processing job stays queued), SQLite. Per method"
    echo "  a fresh server and data dir, one 16 MiB upload of the same kind, then the big file twice: the 1st big upload"
    echo "  also pays for the runtime re-JIT-ing the hot upload path at higher tiers (the \"tiered-JIT thread\" column: CPU"
    echo "  of the runtime's background compilation thread), the 2nd is the steady state. Each upload is checked after the"
    echo "  run: video \`processing\`, staged file byte-identical to the source (cmp)."
    echo "- tus: one creation POST, then $((SIZE / CHUNK)) PATCHes of $((CHUNK / 1048576)) MiB on one keep-alive connection (\`upload/tus_upload.py\`);"
    echo "  seconds from the POST to the last PATCH's answer. Simple: \`curl -F file=@… -F title=…\`, curl's \`time_total\`."
    echo "- MB/s is 10^6 bytes per second. Ratio = (mean of the two \`cp\` + fsync times) / upload time: Framecast fsyncs"
    echo "  each chunk before acknowledging it, so cp + fsync is the like-for-like reference; plain \`cp\` (page cache only)"
    echo "  is shown for scale. RSS: the server's VmRSS sampled every 20 ms during the upload (\`lib/proc_sampler.py\`); growth = peak − VmRSS just"
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
