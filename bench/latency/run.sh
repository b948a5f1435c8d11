#!/usr/bin/env bash
# Latency benchmark, before and after the copied top rung (Processing:CopyTopRung): how long after a simple upload a 60 s 720p30 H.264/AAC clip becomes playable (instant playback:
# probe, then a stream-copy remux to a fast-start MP4) and ready (thumbnail, storyboard and the HLS ladder done), with
# the default ladder (1080p…240p; only the rungs at or below the source's 720p are made). The clock starts when curl
# has the upload's 202 answer; GET /api/v1/videos/{id} is polled every 100 ms (lib/upload_and_watch.py). Two uploads
# one after the other on one server (`serve`, all roles, default settings): the first also pays for JIT and first use.
#
# There is no reference workload for a latency; the bare CPU cost of the same ffmpeg work is bench/ladder's. The table
# gives the moment each pipeline stage was first seen, so a slow step shows.
#
# Usage: bench/latency/run.sh
# Env:   BENCH_RUNS (2, per configuration) FRAMECAST_DLL SKIP_BUILD KEEP_WORK BENCH_CLIP (reuse a clip made earlier)
# Output: tables on stdout and bench/results/latency-YYYY-MM-DD.md. Takes about six minutes on 2 busy cores.
set -euo pipefail
BENCH_NAME=latency
source "$(dirname "${BASH_SOURCE[0]}")/../lib/framecast.sh"
RUNS=${BENCH_RUNS:-2}
need dotnet curl python3 ffmpeg ss
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (Debian package time)"

build_framecast
make_clip "$WORK/clip.mp4"

STAGES=(probing remuxing thumbnails transcoding publishing)
ROWS=()
QUALITY_ROWS=()
declare -A PLAYABLE READY LAST_VIDEO
# Two configurations on fresh servers, one after the other in this run: "before" encodes every rung
# (Processing:CopyTopRung=false, as until 2026-11-24), "after" is the default (a source that already is the top
# rendition is copied into the ladder).
measure_config() { # label copy-top-rung
    local label=$1 run
    export FRAMECAST__PROCESSING__COPYTOPRUNG=$2
    start_framecast "$WORK/data-$label" all
    register_user "bench$label"
    for run in $(seq 1 "$RUNS"); do
        log "$label run $run: uploading and polling"
        ticks0=$(($(proc_self_ticks "$FC_PID") + $(proc_children_ticks "$FC_PID")))
        busy=$(machine_busy_ticks)
        /usr/bin/time -f 'TIME %e %U %S' -o "$WORK/watch-$label-$run.time" python3 "$LIB_DIR/upload_and_watch.py" --url "$FC_URL" \
            --token "$TOKEN" --file "$WORK/clip.mp4" --interval 0.1 >"$WORK/watch-$label-$run.out" \
            || { cat "$WORK/watch-$label-$run.out" >&2; die "$label run $run did not get ready"; }
        busy=$(($(machine_busy_ticks) - busy))
        ticks1=$(($(proc_self_ticks "$FC_PID") + $(proc_children_ticks "$FC_PID")))
        out="$WORK/watch-$label-$run.out"
        field() { sed -n "s/^WATCH_RESULT.* $1=\([^ ]*\).*/\1/p" "$out"; }
        at() { awk -v s="$1" '$1 == "WATCH_STAGE" && $2 == "stage=" s { sub(/^at_s=/, "", $3); printf "%.1f", $3 }' "$out"; }
        watch_ticks=$(awk -v tck="$CLK_TCK" '/^TIME/ { printf "%d", ($3 + $4) * tck }' "$WORK/watch-$label-$run.time")
        wall=$(awk '/^TIME/ { print $2 }' "$WORK/watch-$label-$run.time")
        other=$(other_percent "$busy" $((ticks1 - ticks0 + watch_ticks)) "$wall")
        PLAYABLE[$label-$run]=$(field playable_s)
        READY[$label-$run]=$(field ready_s)
        LAST_VIDEO[$label]=$(field video_id)
        row="| $label | $run | $(field upload_s) | **${PLAYABLE[$label-$run]}** | **${READY[$label-$run]}** |"
        for s in "${STAGES[@]}"; do
            v=$(at "$s")
            row+=" ${v:-–} |"
        done
        row+=" $(awk -v t=$((ticks1 - ticks0)) -v tck="$CLK_TCK" 'BEGIN { printf "%.1f", t / tck }') | $other% |"
        ROWS+=("$row")
        log "$label run $run: playable after ${PLAYABLE[$label-$run]} s, ready after ${READY[$label-$run]} s"
    done
    stop_framecast
    unset FRAMECAST__PROCESSING__COPYTOPRUNG
}

# SSIM of each rung of the last video against the source scaled to the rung's size (1 = identical), and whether the
# rung was copied (its video packets are the source's).
quality() { # label
    local label=$1 hls master rung size ssim copied
    hls="$WORK/data-$label/media/${LAST_VIDEO[$label]}/hls"
    master="$hls/master.m3u8"
    while read -r rung size; do
        ssim=$(ffmpeg -hide_banner -nostdin -i "$hls/$rung/index.m3u8" -i "$WORK/clip.mp4" \
            -lavfi "[1:v]scale=${size/x/:}:flags=bicubic,setsar=1[ref];[0:v]setsar=1[dist];[dist][ref]ssim" -f null - 2>&1 \
            | sed -n 's/.*SSIM .* All:\([0-9.]*\).*/\1/p' | tail -n 1)
        copied=no
        if cmp -s <(ffprobe -v error -select_streams v:0 -show_entries packet=size -of csv=p=0 "$hls/$rung/index.m3u8") \
                  <(ffprobe -v error -select_streams v:0 -show_entries packet=size -of csv=p=0 "$WORK/clip.mp4"); then
            copied=yes
        fi
        QUALITY_ROWS+=("| $label | $rung | $size | ${ssim:-?} | $copied |")
    done < <(awk -F'RESOLUTION=' '/^#EXT-X-STREAM-INF/ { split($2, r, ","); size = r[1]; getline uri; split(uri, p, "/"); print p[1], size }' "$master")
}

measure_config before false
measure_config after true
log "quality: SSIM of every rung against the source"
quality before
quality after

# --- report --------------------------------------------------------------------------------------------------------------------
TABLE=$(
    echo "| config | run | upload s (curl) | playable s | ready s | probing seen at | remuxing | thumbnails | transcoding | publishing | server CPU s (incl. ffmpeg) | other CPU % |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    printf '%s\n' "${ROWS[@]}"
)
QUALITY=$(
    echo "| config | rung | size | SSIM against the source | copied |"
    echo "|---|---|---|---:|---|"
    printf '%s\n' "${QUALITY_ROWS[@]}"
)
verdicts() { # values-array-name limit label
    local -n values=$1
    local r out=""
    for r in $(seq 1 "$RUNS"); do
        out+=$(awk -v v="${values[$3-$r]}" -v lim="$2" -v r="$r" 'BEGIN { printf "%srun %d %s (%.1f s)", (r > 1 ? ", " : ""), r, (v <= lim ? "met" : "NOT met"), v }')
    done
    echo "$out"
}
TARGET="Targets: playable ≤ 5 s: after: $(verdicts PLAYABLE 5 after); ready ≤ 30 s: before: $(verdicts READY 30 before); after: $(verdicts READY 30 after)."
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
    echo "  240p fit the source; job concurrency = CPUs. Two configurations on fresh servers, one after the other:"
    echo "  **before** with \`Processing:CopyTopRung=false\` (every rung encoded, as until 2026-11-24) and **after** with the"
    echo "  default (this clip already is a well-formed 720p H.264 stream, so the 720p rung is copied). $RUNS runs each on one"
    echo "  server, one after the other (run 1 includes first-use costs such as JIT)."
    echo "- Times in seconds from the moment curl had the simple upload's 202 (the last byte accepted) to the first poll"
    echo "  (every 100 ms) that saw \`playable: true\` and \`status: ready\`; the stage columns give when each stage was first"
    echo "  seen (– when no poll caught it). Server CPU s: the server's user + system time plus its exited children's"
    echo "  (ffprobe, ffmpeg) over the run, upload included."
    echo
    echo "$TABLE"
    echo
    echo "$TARGET"
    echo
    echo "Quality of the last video of each configuration: SSIM (ffmpeg \`ssim\`, the source scaled to the rung with"
    echo "bicubic) over all frames; \"copied\" when the rung's video packets are the source's, byte for byte."
    echo
    echo "$QUALITY"
} >"$OUT"

echo
echo "$TABLE"
echo
echo "$TARGET"
echo
echo "$QUALITY"
echo "Written to ${OUT#"$ROOT"/}"
