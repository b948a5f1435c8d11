#!/usr/bin/env bash
# Ladder benchmark: CPU seconds (user + system) to turn a 60 s 720p30 H.264/AAC clip into the 720p/480p/360p/240p HLS
# ladder, three ways:
#   1. Framecast's pipeline (`serve`, all roles): simple upload, wait for `ready`. CPU = the server process's own time
#      plus its reaped children's (cutime/cstime: ffprobe and every ffmpeg it ran), from just before the upload to the
#      first poll that sees `ready`. The pipeline also probes, remuxes for instant playback and makes a thumbnail and a
#      storyboard; the ticks read when the video enters `transcoding` split that part from the ladder run.
#      The server first runs one warm-up job (a 2 s cut of the clip), so the measured job is not its first.
#   2. The reference: the pipeline's ladder command run bare, one ffmpeg process with split (`/usr/bin/time`). The extra
#      steps are also run bare, so the pipeline's overhead beyond the ffmpeg work itself shows.
#   3. One ffmpeg process per rung (the same builder with a single rung), four runs summed.
# The bare commands are written out below from HlsLadderCommandBuilder, SoftwareEncoder, RemuxCommandBuilder,
# ThumbnailCommandBuilder and StoryboardCommandBuilder (their golden tests); the run checks them against the command
# lines the pipeline itself logged in DATA/work/{id}/{run}/ffmpeg.log (copied while it transcodes) and stops if they
# differ, so the comparison stays like for like when the builders change.
#
# Usage: bench/ladder/run.sh
# Env:   FRAMECAST_DLL SKIP_BUILD KEEP_WORK BENCH_CLIP (reuse a clip made earlier)
# Output: a table on stdout and bench/results/ladder-YYYY-MM-DD.md. Takes about five minutes on 2 busy cores.
set -euo pipefail
BENCH_NAME=ladder
source "$(dirname "${BASH_SOURCE[0]}")/../lib/framecast.sh"
need dotnet curl python3 ffmpeg ffprobe ss
[[ -x /usr/bin/time ]] || die "/usr/bin/time is missing (Debian package time)"

# name width height video-kbps audio-kbps level: LadderRung.Known sized by LadderPlanner for a 1280x720 source,
# with SoftwareEncoder.Level's H.264 levels.
RUNGS=("720p 1280 720 2800 128 3.1" "480p 854 480 1400 96 3.1" "360p 640 360 800 96 3.0" "240p 426 240 400 64 3.0")
FPS=30      # OutputFrameRate of a 30 fps source
SEGMENT=4   # ProcessingOptions.SegmentSeconds
DURATION=60 # the clip's probed duration: thumbnail seek 6 s, storyboard 60 tiles of 1 s in 10x6
PROGRESS=(-hide_banner -nostats -progress pipe:1) # FfmpegCommand.Ffmpeg puts these first on every ffmpeg run
# MediaInput: every upload is opened with the file protocol and plain container demuxers only.
INPUT=(-protocol_whitelist file -format_whitelist mov,matroska,avi,flv,mpegts,mpeg,asf,ogg,ivf,nut,dv,mxf,gif,yuv4mpegpipe,h264,hevc,m4v)
NO_METADATA=(-map_metadata -1 -map_chapters -1) # VideoFilters.NoUploadMetadata
LIMIT=76    # SourceLimits.OutputLimitSeconds: the claimed 60 s + 10 % + 10 s

# Each *_args sets ARGS (without the tool name).
ladder_args() { # input out-dir rung...
    local in=$1 out=$2 i=0 split="" branches="" r name w h vk ak level
    shift 2
    local maps=() video=() audio=() names=()
    for r in "$@"; do
        read -r name w h vk ak level <<<"$r"
        split+="[s$i]"
        branches+=";[s$i]scale=w=$w:h=$h,setsar=1,format=yuv420p[v$i]"
        maps+=(-map "[v$i]" -map 0:a:0)
        video+=("-b:v:$i" "${vk}k" "-maxrate:v:$i" "$((vk * 11 / 10))k" "-bufsize:v:$i" "$((vk * 2))k" "-level:v:$i" "$level")
        audio+=("-b:a:$i" "${ak}k")
        names+=("v:$i,a:$i,name:$name")
        i=$((i + 1))
    done
    local gop=$((FPS * SEGMENT))
    ARGS=("${PROGRESS[@]}" -y "${INPUT[@]}" -i "file:$in" -filter_complex "[0:v:0]fps=$FPS,split=$#$split$branches" "${maps[@]}" -fps_mode cfr
        -c:v libx264 -preset veryfast -profile:v high -pix_fmt yuv420p -g "$gop" -keyint_min "$gop" -sc_threshold 0
        -force_key_frames "expr:gte(t,n_forced*$SEGMENT)" "${video[@]}" -c:a aac -ac 2 "${audio[@]}" "${NO_METADATA[@]}" -t "$LIMIT"
        -f hls -hls_time "$SEGMENT" -hls_playlist_type vod -hls_flags independent_segments -hls_segment_type fmp4
        -hls_fmp4_init_filename init.mp4 -hls_segment_filename "$out/%v/seg_%05d.m4s" -master_pl_name master.m3u8
        -var_stream_map "${names[*]}" "$out/%v/index.m3u8")
}
remux_args() {
    ARGS=("${PROGRESS[@]}" -y "${INPUT[@]}" -i "file:$1" -map 0:v:0 -map 0:a:0 -c copy "${NO_METADATA[@]}" -fflags +bitexact
        -movflags +faststart -f mp4 "$2/video.mp4")
}
thumbnail_args() {
    ARGS=("${PROGRESS[@]}" -y -ss $((DURATION / 10)) "${INPUT[@]}" -i "file:$1" -an -sn -vf "scale=w=1280:h=720,setsar=1,thumbnail=n=50"
        -frames:v 1 -q:v 3 -update 1 -f image2 "$2/thumbnail.jpg")
}
storyboard_args() {
    ARGS=("${PROGRESS[@]}" -y "${INPUT[@]}" -i "file:$1" -an -sn
        -vf "fps=1/1,scale=w=160:h=90:force_original_aspect_ratio=decrease:force_divisible_by=2,pad=160:90:(ow-iw)/2:(oh-ih)/2,setsar=1,tile=10x6"
        -frames:v 1 -q:v 4 -update 1 -f image2 "$2/storyboard.jpg")
}

# FfmpegCommand.ToDisplayString: arguments with whitespace or quotes in double quotes, inner quotes escaped.
display() { # tool args...
    local out=$1 a
    shift
    for a in "$@"; do
        if [[ -n $a && $a != *[[:space:]]* && $a != *\"* ]]; then out+=" $a"; else out+=" \"${a//\"/\\\"}\""; fi
    done
    printf '%s\n' "$out"
}

build_framecast
make_clip "$WORK/clip.mp4"
CLIP="$WORK/clip.mp4"

# --- bare runs ------------------------------------------------------------------------------------------------------------------
declare -A CPU WALL OTHER
bare() { # key tool args... (stdout, stdin discarded like the pipeline's pipes)
    local key=$1 busy own
    shift
    busy=$(machine_busy_ticks)
    /usr/bin/time -f 'TIME %e %U %S' -o "$WORK/$key.time" "$@" >/dev/null 2>"$WORK/$key.err" </dev/null \
        || { cat "$WORK/$key.err" >&2; die "$key failed"; }
    busy=$(($(machine_busy_ticks) - busy))
    CPU[$key]=$(awk '/^TIME/ { printf "%.2f", $3 + $4 }' "$WORK/$key.time")
    WALL[$key]=$(awk '/^TIME/ { printf "%.1f", $2 }' "$WORK/$key.time")
    own=$(awk -v c="${CPU[$key]}" -v tck="$CLK_TCK" 'BEGIN { printf "%d", c * tck }')
    OTHER[$key]=$(other_percent "$busy" "$own" "${WALL[$key]}")
    log "bare $key: ${CPU[$key]} CPU s in ${WALL[$key]} s"
}
BARE="$WORK/bare"
mkdir -p "$BARE/hls"

# --- 2. the reference, before the pipeline ------------------------------------------------------------------------------------
# The bare ladder runs before and after the pipeline, and the reference is their mean: on this shared VM the CPU time
# of the same ffmpeg run moves by ±15 % with the other load (81 and 62 CPU s in two trials minutes apart).
ladder_args "$CLIP" "$BARE/hls" "${RUNGS[@]}" && bare ladder1 ffmpeg "${ARGS[@]}"
[[ -s $BARE/hls/master.m3u8 ]] || die "the bare ladder wrote no master playlist"
rm -rf "$BARE/hls"

# --- 1. the pipeline ------------------------------------------------------------------------------------------------------
DATA="$WORK/data"
export FRAMECAST__PROCESSING__LADDER__0=720p FRAMECAST__PROCESSING__LADDER__1=480p \
    FRAMECAST__PROCESSING__LADDER__2=360p FRAMECAST__PROCESSING__LADDER__3=240p
# Every rung encoded, like the bare reference: the copied top rung (Processing:CopyTopRung, on by default) would skip the
# most expensive encode; bench/latency measures what that saves.
export FRAMECAST__PROCESSING__COPYTOPRUNG=false
start_framecast "$DATA" all
register_user benchladder
# A first job on a fresh server also pays for JIT and first use (about 6 CPU s more of the server's own time in a trial):
# a 2 s cut of the clip goes through the whole pipeline first, so the measured run is the steady state.
log "pipeline: warm-up job (2 s of the clip)"
ffmpeg -hide_banner -loglevel error -nostdin -y -i "$CLIP" -t 2 -c copy "$WORK/warmup.mp4"
python3 "$LIB_DIR/upload_and_watch.py" --url "$FC_URL" --token "$TOKEN" --file "$WORK/warmup.mp4" --interval 0.2 \
    >"$WORK/warmup.out" || { cat "$WORK/warmup.out" >&2; die "the warm-up job did not finish"; }
log "pipeline: uploading the clip and waiting for ready"
BUSY0=$(machine_busy_ticks)
# Polls every 0.5 s: the CPU split only needs the stage changes, and fewer polls cost the server less.
/usr/bin/time -f 'TIME %e %U %S' -o "$WORK/watch.time" python3 "$LIB_DIR/upload_and_watch.py" --url "$FC_URL" \
    --token "$TOKEN" --file "$CLIP" --interval 0.5 --pid "$FC_PID" --work-dir "$DATA/work" \
    --capture-log "$WORK/pipeline-ffmpeg.log" >"$WORK/watch.out" || { cat "$WORK/watch.out" >&2; die "the pipeline did not finish"; }
PIPE_BUSY=$(($(machine_busy_ticks) - BUSY0))
stop_framecast
unset FRAMECAST__PROCESSING__LADDER__0 FRAMECAST__PROCESSING__LADDER__1 FRAMECAST__PROCESSING__LADDER__2 FRAMECAST__PROCESSING__LADDER__3

stage_field() { awk -v s="$1" -v f="$2" '$1 == "WATCH_STAGE" && $2 == "stage=" s {
    for (i = 3; i <= NF; i++) { split($i, kv, "="); if (kv[1] == f) print kv[2] } }' "$WORK/watch.out"; }
result_field() { sed -n "s/^WATCH_RESULT.* $1=\([^ ]*\).*/\1/p" "$WORK/watch.out"; }
grep -q 'stage=transcoding' "$WORK/watch.out" || die "no poll saw the transcoding stage: $(cat "$WORK/watch.out")"
VIDEO_ID=$(result_field video_id)
READY_S=$(result_field ready_s)
S0=$(stage_field start self_ticks)
C0=$(stage_field start children_ticks)
ST=$(stage_field transcoding self_ticks)
CT=$(stage_field transcoding children_ticks)
S1=$(stage_field ready self_ticks)
C1=$(stage_field ready children_ticks)
WATCH_CPU_TICKS=$(awk -v tck="$CLK_TCK" '/^TIME/ { printf "%d", ($3 + $4) * tck }' "$WORK/watch.time")
secs() { awk -v t="$1" -v tck="$CLK_TCK" 'BEGIN { printf "%.2f", t / tck }'; }
PIPE_TOTAL=$(secs $((S1 - S0 + C1 - C0)))
PIPE_SELF=$(secs $((S1 - S0)))
SU=$(stage_field uploaded self_ticks)
JIT=$(secs $(($(stage_field ready jit_ticks) - $(stage_field start jit_ticks))))
SELF_SPLIT="upload $(secs $((SU - S0))), until \`transcoding\` $(secs $((ST - SU))), during the ladder $(secs $((S1 - ST)));"
SELF_SPLIT+=" of the total, $JIT on the runtime's background tiered-JIT thread"
PIPE_EXTRAS=$(secs $((CT - C0)))
PIPE_LADDER=$(secs $((C1 - CT)))
PIPE_OTHER=$(other_percent "$PIPE_BUSY" $((S1 - S0 + C1 - C0 + WATCH_CPU_TICKS)) "$(awk '/^TIME/ { print $2 }' "$WORK/watch.time")")
log "pipeline: ready after $READY_S s; CPU $PIPE_TOTAL s (own $PIPE_SELF, steps before the ladder $PIPE_EXTRAS, ladder $PIPE_LADDER)"

# --- the bare commands match the pipeline's --------------------------------------------------------------------------------
[[ -s $WORK/pipeline-ffmpeg.log ]] || die "the pipeline's ffmpeg.log was not captured"
grep '^ffmpeg ' "$WORK/pipeline-ffmpeg.log" \
    | sed "s|$DATA/media/$VIDEO_ID/original|@IN@|g; s|$DATA/work/$VIDEO_ID/[^/ \"]*|@OUT@|g" >"$WORK/commands.pipeline"
{
    remux_args @IN@ @OUT@ && display ffmpeg "${ARGS[@]}"
    thumbnail_args @IN@ @OUT@ && display ffmpeg "${ARGS[@]}"
    storyboard_args @IN@ @OUT@ && display ffmpeg "${ARGS[@]}"
    ladder_args @IN@ @OUT@/hls "${RUNGS[@]}" && display ffmpeg "${ARGS[@]}"
} >"$WORK/commands.bare"
diff "$WORK/commands.pipeline" "$WORK/commands.bare" >&2 || die "the bare commands differ from the pipeline's (above: < pipeline, > bare)"
log "the bare commands are the pipeline's, argument for argument"

# --- 2. the reference again, then the steps before the ladder, and 3. one process per rung --------------------------------------
bare probe ffprobe -v error -count_packets -print_format json -show_format -show_streams "${INPUT[@]}" "file:$CLIP"
remux_args "$CLIP" "$BARE" && bare remux ffmpeg "${ARGS[@]}"
thumbnail_args "$CLIP" "$BARE" && bare thumbnail ffmpeg "${ARGS[@]}"
storyboard_args "$CLIP" "$BARE" && bare storyboard ffmpeg "${ARGS[@]}"
mkdir -p "$BARE/hls"
ladder_args "$CLIP" "$BARE/hls" "${RUNGS[@]}" && bare ladder2 ffmpeg "${ARGS[@]}"
for r in "${RUNGS[@]}"; do
    name=${r%% *}
    mkdir -p "$BARE/$name"
    ladder_args "$CLIP" "$BARE/$name" "$r" && bare "rung-$name" ffmpeg "${ARGS[@]}"
done

# --- report --------------------------------------------------------------------------------------------------------------------
sum() { printf '%s\n' "$@" | awk '{ s += $1 } END { printf "%.2f", s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
EXTRAS_BARE=$(sum "${CPU[probe]}" "${CPU[remux]}" "${CPU[thumbnail]}" "${CPU[storyboard]}")
EXTRAS_WALL=$(sum "${WALL[probe]}" "${WALL[remux]}" "${WALL[thumbnail]}" "${WALL[storyboard]}")
RUNG_KEYS=()
for r in "${RUNGS[@]}"; do RUNG_KEYS+=("rung-${r%% *}"); done
PER_RUNG=$(sum $(for k in "${RUNG_KEYS[@]}"; do echo "${CPU[$k]}"; done))
PER_RUNG_WALL=$(sum $(for k in "${RUNG_KEYS[@]}"; do echo "${WALL[$k]}"; done))
REF=$(awk -v a="${CPU[ladder1]}" -v b="${CPU[ladder2]}" 'BEGIN { printf "%.2f", (a + b) / 2 }')
REF_WALL=$(awk -v a="${WALL[ladder1]}" -v b="${WALL[ladder2]}" 'BEGIN { printf "%.1f", (a + b) / 2 }')
BARE_ALL=$(sum "$REF" "$EXTRAS_BARE")
row() { printf '| %s | %s | %s | %s | %s |\n' "$@"; }
TABLE=$(
    echo "| run | CPU s (user + sys) | wall s | ratio to the bare ladder | other CPU % |"
    echo "|---|---:|---:|---:|---:|"
    row "**Framecast pipeline**, upload to \`ready\` (server process + its ffprobe/ffmpeg children)" "**$PIPE_TOTAL**" "$READY_S" "**$(ratio "$PIPE_TOTAL" "$REF")**" "$PIPE_OTHER%"
    row "· ladder ffmpeg run (child, \`transcoding\` → \`ready\`)" "$PIPE_LADDER" "" "$(ratio "$PIPE_LADDER" "$REF")" ""
    row "· probe, remux, thumbnail, storyboard (children before \`transcoding\`)" "$PIPE_EXTRAS" "" "$(ratio "$PIPE_EXTRAS" "$REF")" ""
    row "· Framecast's own process (HTTP, SQLite, job, progress parsing, polls every 0.5 s): $SELF_SPLIT" "$PIPE_SELF" "" "$(ratio "$PIPE_SELF" "$REF")" ""
    row "**bare ladder**, one ffmpeg with split (reference: mean of the runs before and after the pipeline)" "**$REF**" "$REF_WALL" "1.000" ""
    row "· before the pipeline" "${CPU[ladder1]}" "${WALL[ladder1]}" "$(ratio "${CPU[ladder1]}" "$REF")" "${OTHER[ladder1]}%"
    row "· after the pipeline" "${CPU[ladder2]}" "${WALL[ladder2]}" "$(ratio "${CPU[ladder2]}" "$REF")" "${OTHER[ladder2]}%"
    row "bare probe + remux + thumbnail + storyboard" "$EXTRAS_BARE" "$EXTRAS_WALL" "$(ratio "$EXTRAS_BARE" "$REF")" ""
    row "· ffprobe" "${CPU[probe]}" "${WALL[probe]}" "" "${OTHER[probe]}%"
    row "· remux (stream copy, faststart)" "${CPU[remux]}" "${WALL[remux]}" "" "${OTHER[remux]}%"
    row "· thumbnail (\`thumbnail=n=50\` from 6 s)" "${CPU[thumbnail]}" "${WALL[thumbnail]}" "" "${OTHER[thumbnail]}%"
    row "· storyboard (whole clip decoded, 1 fps tiles)" "${CPU[storyboard]}" "${WALL[storyboard]}" "" "${OTHER[storyboard]}%"
    row "bare, everything the pipeline runs (ladder + the four above)" "$BARE_ALL" "" "$(ratio "$BARE_ALL" "$REF")" ""
    row "**one ffmpeg per rung**, 4 runs summed" "**$PER_RUNG**" "$PER_RUNG_WALL" "**$(ratio "$PER_RUNG" "$REF")**" ""
    for k in "${RUNG_KEYS[@]}"; do row "· ${k#rung-}" "${CPU[$k]}" "${WALL[$k]}" "$(ratio "${CPU[$k]}" "$REF")" "${OTHER[$k]}%"; done
)
verdict() { awk -v r="$1" 'BEGIN { printf "%s (%.3f)", (r <= 1.05 ? "met" : "NOT met"), r }'; }
TARGET="Target pipeline/bare ≤ 1.05: whole pipeline $(verdict "$(ratio "$PIPE_TOTAL" "$REF")"); its ladder run alone"
TARGET+=" $(verdict "$(ratio "$PIPE_LADDER" "$REF")"); whole pipeline against everything it runs, bare"
TARGET+=" $(verdict "$(ratio "$PIPE_TOTAL" "$BARE_ALL")"). One process per rung costs $(ratio "$PER_RUNG" "$REF")× the split ladder."
DATE=$(date +%F)
OUT="$RESULTS_DIR/ladder-$DATE.md"
mkdir -p "$RESULTS_DIR"
{
    echo "# Ladder benchmark, $DATE"
    echo
    machine_lines
    echo "- Clip: $CLIP_DESCRIPTION ($CLIP_NOTE)."
    echo "- Ladder: 720p, 480p, 360p, 240p (\`FRAMECAST__PROCESSING__LADDER__0..3\`; 1280x720, 854x480, 640x360, 426x240),"
    echo "  libx264 veryfast, 4 s segments, fMP4 HLS; AAC per rung."
    echo "- Pipeline: \`serve\` (all roles, SQLite), warmed up by one job (a 2 s cut of the clip, same ladder), then the"
    echo "  clip: simple upload, polls every 0.5 s. CPU = utime + stime + cutime + cstime"
    echo "  of the server process from just before the upload to the first poll that saw \`ready\`; cutime/cstime are its"
    echo "  exited, reaped children (ffprobe, the remux, thumbnail, storyboard and ladder ffmpeg runs). The children's ticks"
    echo "  at the first poll that saw \`transcoding\` split the steps before the ladder from the ladder run. Wall s: upload"
    echo "  answered to \`ready\`."
    echo "- Bare: the same command lines run directly (\`/usr/bin/time\`), stdout and stdin discarded; checked argument for"
    echo "  argument against the command lines the pipeline logged during this run. One ffmpeg per rung is the same"
    echo "  builder with a single rung (\`split=1\`, its own audio encode). Ratios are CPU s over the bare ladder's."
    echo "- Order: bare ladder, pipeline, bare ladder again, bare probe/remux/thumbnail/storyboard, one ffmpeg per rung. The"
    echo "  reference is the mean of the two bare ladder runs: on this VM the CPU time of one and the same ffmpeg run moves"
    echo "  by ±15 % with the other load (caches and cores shared), so ratios within about 0.15 of 1 are noise. Wall"
    echo "  seconds depend on the load even more (2 CPUs for everything)."
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
