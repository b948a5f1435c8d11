#!/usr/bin/env bash
# Latency benchmark: how long after a simple upload a 60 s 720p30 H.264/AAC clip becomes playable (instant playback:
# probe, then a stream-copy remux to a fast-start MP4) and ready (thumbnail, storyboard and the HLS ladder done), with
# the default ladder (1080p…240p; only the rungs at or below the source's 720p are made). The clock starts when curl
# has the upload's 202 answer; GET /api/v1/videos/{id} is polled every 100 ms (lib/upload_and_watch.py). Two uploads
# one after the other on one server (`serve`, all roles, default settings): the first also pays for JIT and first use.
#
# There is no reference workload for a latency; the bare CPU cost of the same ffmpeg work is bench/ladder's. The table
# gives the moment each pipeline stage was first seen, so a slow step shows.
#
# Usage: bench/latency/run.sh
# Env:   BENCH_RUNS (2) FRAMECAST_DLL SKIP_BUILD KEEP_WORK BENCH_CLIP (reuse a clip made earlier)
# Output: a table on stdout and bench/results/latency-YYYY-MM-DD.md. Takes about three minutes on 2 busy cores.
set -euo pipefail
BENCH_NAME=latency
source "$(dirname "${BASH_SOURCE[0]}")/../lib/framecast.sh"
RUNS=${BENCH_RUNS:-2}
need dotnet curl python3 ffmpeg ss
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (Debian package time)"

build_framecast
make_clip "$WORK/clip.mp4"

start_framecast "$WORK/data" all
register_user benchlatency

STAGES=(probing remuxing thumbnails transcoding publishing)
ROWS=()
declare -a PLAYABLE READY
for run in $(seq 1 "$RUNS"); do
    log "run $run: uploading and polling"
    ticks0=$(($(proc_self_ticks "$FC_PID") + $(proc_children_ticks "$FC_PID")))
    busy=$(machine_busy_ticks)
    /usr/bin/time -f 'TIME %e %U %S' -o "$WORK/watch-$run.time" python3 "$LIB_DIR/upload_and_watch.py" --url "$FC_URL" \
        --token "$TOKEN" --file "$WORK/clip.mp4" --interval 0.1 >"$WORK/watch-$run.out" \
        || { cat "$WORK/watch-$run.out" >&2; die "run $run did not get ready"; }
    busy=$(($(machine_busy_ticks) - busy))
    ticks1=$(($(proc_self_ticks "$FC_PID") + $(proc_children_ticks "$FC_PID")))
    out="$WORK/watch-$run.out"
    field() { sed -n "s/^WATCH_RESULT.* $1=\([^ ]*\).*/\1/p" "$out"; }
    at() { awk -v s="$1" '$1 == "WATCH_STAGE" && $2 == "stage=" s { sub(/^at_s=/, "", $3); printf "%.1f", $3 }' "$out"; }
    watch_ticks=$(awk -v tck="$CLK_TCK" '/^TIME/ { printf "%d", ($3 + $4) * tck }' "$WORK/watch-$run.time")
    wall=$(awk '/^TIME/ { print $2 }' "$WORK/watch-$run.time")
    other=$(other_percent "$busy" $((ticks1 - ticks0 + watch_ticks)) "$wall")
    PLAYABLE[$run]=$(field playable_s)
    READY[$run]=$(field ready_s)
    row="| $run | $(field upload_s) | **${PLAYABLE[$run]}** | **${READY[$run]}** |"
    for s in "${STAGES[@]}"; do
        v=$(at "$s")
        row+=" ${v:-–} |"
    done
    row+=" $(awk -v t=$((ticks1 - ticks0)) -v tck="$CLK_TCK" 'BEGIN { printf "%.1f", t / tck }') | $other% |"
    ROWS+=("$row")
    log "run $run: playable after ${PLAYABLE[$run]} s, ready after ${READY[$run]} s"
done
stop_framecast

# --- report --------------------------------------------------------------------------------------------------------------------
TABLE=$(
    echo "| run | upload s (curl) | playable s | ready s | probing seen at | remuxing | thumbnails | transcoding | publishing | server CPU s (incl. ffmpeg) | other CPU % |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${ROWS[@]}"
)
verdicts() { # values-array-name limit
    local -n values=$1
    local r out=""
    for r in $(seq 1 "$RUNS"); do
        out+=$(awk -v v="${values[$r]}" -v lim="$2" -v r="$r" 'BEGIN { printf "%srun %d %s (%.1f s)", (r > 1 ? ", " : ""), r, (v <= lim ? "met" : "NOT met"), v }')
    done
    echo "$out"
}
TARGET="Targets: playable ≤ 5 s: $(verdicts PLAYABLE 5); ready ≤ 30 s: $(verdicts READY 30)."
DATE=$(date +%F)
OUT="$RESULTS_DIR/latency-$DATE.md"
mkdir -p "$RESULTS_DIR"
{
    echo "# Latency benchmark, $DATE"
    echo
    machine_lines
    echo "- Clip: $CLIP_DESCRIPTION ($CLIP_NOTE), $(stat -c %s "$WORK/clip.mp4") bytes: H.264 8-bit 4:2:0 + AAC in MP4, so"
    echo "  instant playback applies (probe, remux, \`playable\`)."
    echo "- Framecast: \`serve\` (all roles), SQLite, default settings: ladder 1080p…240p, of which 720p, 480p, 360p and"
    echo "  240p fit the source; job concurrency = CPUs. Both runs on one server, one after the other (run 1 includes"
    echo "  first-use costs such as JIT)."
    echo "- Times in seconds from the moment curl had the simple upload's 202 (the last byte accepted) to the first poll"
    echo "  (every 100 ms) that saw \`playable: true\` and \`status: ready\`; the stage columns give when each stage was first"
    echo "  seen (– when no poll caught it). Server CPU s: the server's user + system time plus its exited children's"
    echo "  (ffprobe, ffmpeg) over the run, upload included."
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
