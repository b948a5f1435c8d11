# Shared pieces of the upload, ladder and latency benchmarks; sourced by their run.sh after setting BENCH_NAME.
# (bench/api/run.sh predates this file and keeps its own copies.)
#
# Provides: log/die, a private work dir removed on exit (KEEP_WORK=1 keeps it), a Release build of a copy of the
# working tree (or FRAMECAST_DLL / SKIP_BUILD=1), starting and stopping `framecast serve`, registering a user, CPU and
# memory readings from /proc, the 60 s 720p30 test clip, and the machine description for the results file.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
RESULTS_DIR="$ROOT/bench/results"
LIB_DIR="$ROOT/bench/lib"
CLK_TCK=$(getconf CLK_TCK)
NPROC=$(nproc)

log() { printf '[bench/%s %s] %s\n' "$BENCH_NAME" "$(date +%T)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

need() { # command...
    local c
    for c in "$@"; do command -v "$c" >/dev/null 2>&1 || die "$c is missing"; done
}

# --- work dir and cleanup ----------------------------------------------------------------------------------------------
# Under /tmp, which must be the disk /work is on (the upload benchmark checks it, since it compares with cp).
WORK=$(mktemp -d "/tmp/framecast-bench-$BENCH_NAME.XXXXXX")
FC_PID=""
FC_PORT=""
CLEANUP_HOOKS=()

stop_framecast() {
    if [[ -n $FC_PID ]]; then
        kill "$FC_PID" 2>/dev/null || true
        wait "$FC_PID" 2>/dev/null || true
        FC_PID=""
    fi
}
bench_cleanup() {
    local status=$? hook
    stop_framecast
    for hook in "${CLEANUP_HOOKS[@]}"; do "$hook" || true; done
    if [[ ${KEEP_WORK:-0} == 1 || $status -ne 0 ]]; then
        # Never keep the big generated files, even for a failed run.
        find "$WORK" -maxdepth 1 -name '*.bin' -delete 2>/dev/null || true
        log "work dir kept: $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap bench_cleanup EXIT

# Below the ephemeral range (outgoing connections, e.g. tests running meanwhile, take ports from there unseen by ss -l).
free_port() {
    local port low
    low=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range)
    ((low > 11000)) || low=61000
    while :; do
        port=$((10000 + RANDOM % (low - 10000)))
        if [[ -z $(ss -Hltn "sport = :$port" 2>/dev/null) ]]; then
            echo "$port"
            return
        fi
    done
}


# --- build -------------------------------------------------------------------------------------------------------------
# A private copy of src/ built in Release into the work dir, so nothing is shared with a build or test run going on in
# the checkout. FRAMECAST_DLL=path uses an existing build instead; SKIP_BUILD=1 the checkout's own Release output.
build_framecast() {
    if [[ -n ${FRAMECAST_DLL:-} ]]; then
        DLL=$FRAMECAST_DLL
        BUILD_NOTE="FRAMECAST_DLL: an existing build ($DLL)"
    elif [[ ${SKIP_BUILD:-0} == 1 ]]; then
        DLL="$ROOT/src/Framecast/bin/Release/net10.0/framecast.dll"
        BUILD_NOTE="SKIP_BUILD=1: the existing src/Framecast/bin/Release build, as found"
    else
        log "building Framecast (Release) in $WORK/build"
        mkdir -p "$WORK/build/src"
        cp "$ROOT/Directory.Build.props" "$ROOT/Directory.Packages.props" "$ROOT/BannedSymbols.txt" "$WORK/build/src/"
        tar -C "$ROOT/src" --exclude=./Framecast/bin --exclude=./Framecast/obj -cf - ./Framecast | tar -C "$WORK/build/src" -xf -
        dotnet build "$WORK/build/src/Framecast" -c Release -nologo -v quiet -o "$WORK/build/bin" >"$WORK/build.log" 2>&1 \
            || { cat "$WORK/build.log" >&2; die "build failed"; }
        DLL="$WORK/build/bin/framecast.dll"
        BUILD_NOTE="built from a copy of the working tree into the bench's work dir"
    fi
    [[ -f $DLL ]] || die "$DLL not found"
}

# --- Framecast -----------------------------------------------------------------------------------------------------------
# Runs in the foreground of this shell's job table (FC_PID is the dotnet process that hosts the app), so its ffmpeg
# children are reaped by it and show up in its cutime/cstime.
start_framecast() { # data-dir roles
    local attempt deadline
    mkdir -p "$1"
    for attempt in 1 2 3; do
        FC_PORT=$(free_port)
        FC_URL="http://127.0.0.1:$FC_PORT"
        dotnet "$DLL" serve --urls "$FC_URL" --data "$1" --roles "$2" >"$1/serve.log" 2>&1 &
        FC_PID=$!
        deadline=$((SECONDS + 60))
        until curl -fsS -o /dev/null "$FC_URL/healthz" 2>/dev/null; do
            if ! kill -0 "$FC_PID" 2>/dev/null; then
                # Most likely the port was taken between the check and the bind: try another one.
                wait "$FC_PID" 2>/dev/null || true
                FC_PID=""
                log "Framecast exited on start (attempt $attempt): $(grep -m 1 -o 'address already in use' "$1/serve.log" || echo 'see serve.log')"
                continue 2
            fi
            ((SECONDS < deadline)) || break 2
            sleep 0.2
        done
        return 0
    done
    cat "$1/serve.log" >&2
    die "Framecast did not start"
}

register_user() { # username -> TOKEN
    local body
    body=$(curl -fsS -X POST -H 'Content-Type: application/json' \
        -d "{\"username\":\"$1\",\"password\":\"bench-password-$RANDOM-$RANDOM\"}" "$FC_URL/api/v1/users") \
        || die "registering $1 failed"
    TOKEN=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' <<<"$body")
    [[ -n $TOKEN ]] || die "no token in: $body"
}

# --- /proc readings ------------------------------------------------------------------------------------------------------
# Fields after the ")" that closes the command name: utime is the 12th, stime the 13th, cutime the 14th, cstime the
# 15th (clock ticks). cutime/cstime only grow when a child has exited and been waited for.
proc_self_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
proc_children_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $14 + $15 }'; }

# Busy CPU time of the whole machine (user, nice, system, irq, softirq), in clock ticks.
machine_busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }

proc_status_kib() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; } # pid VmRSS|VmHWM

# Share of the machine's CPU (all $NPROC CPUs) that processes outside the benchmark used during a window.
other_percent() { # machine-busy-ticks own-ticks seconds
    awk -v busy="$1" -v own="$2" -v s="$3" -v n="$NPROC" -v tck="$CLK_TCK" \
        'BEGIN { o = (busy - own) / (n * s * tck) * 100; printf "%.0f", o < 0 ? 0 : o }'
}

# --- test clip -------------------------------------------------------------------------------------------------------------
# 60 s of 1280x720 at 30 fps with a stereo 440 Hz tone: H.264 High (veryfast, CRF 20) and AAC in a fast-start MP4, so
# Framecast's instant-playback remux applies. BENCH_CLIP=path reuses a clip made earlier (ffmpeg takes ~35 s here).
make_clip() { # out-path
    if [[ -n ${BENCH_CLIP:-} ]]; then
        cp "$BENCH_CLIP" "$1"
        CLIP_NOTE="reused from BENCH_CLIP"
        return
    fi
    log "generating the 60 s 720p30 clip"
    ffmpeg -hide_banner -loglevel error -nostdin -y \
        -f lavfi -i testsrc2=size=1280x720:rate=30:duration=60 \
        -f lavfi -i sine=frequency=440:sample_rate=48000:duration=60 \
        -map 0:v -map 1:a -c:v libx264 -preset veryfast -crf 20 -pix_fmt yuv420p \
        -c:a aac -b:a 128k -ac 2 -movflags +faststart -shortest "$1" || die "ffmpeg could not generate the clip"
    CLIP_NOTE="generated by this run"
}
CLIP_DESCRIPTION="60 s, 1280x720, 30 fps, ffmpeg lavfi \`testsrc2\` + \`sine\` (440 Hz), libx264 High \`-preset veryfast -crf 20\`, AAC stereo 128k, fast-start MP4"

# --- report ------------------------------------------------------------------------------------------------------------------
# The machine lines every results file starts with.
machine_lines() {
    local commit cpu_model mem
    commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
    [[ -n $(git -C "$ROOT" status --porcelain -- src 2>/dev/null) ]] && commit="$commit (src/ has uncommitted changes)"
    cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
    mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
    echo "- Machine: $NPROC CPUs ($cpu_model), $mem RAM, $(uname -sr)"
    echo "- **Shared machine:** other work (another developer's builds and test runs) shares these CPUs, so absolute"
    echo "  numbers are noisy; compare the ratios to the reference measured in the same run. \"other CPU %\" is the share"
    echo "  of the machine's CPU that processes outside the benchmark used during each measured step. Load average when"
    echo "  the run started: $LOAD_AT_START."
    echo "- Date: $(date -u '+%F %T UTC'); Framecast commit $commit (Release build, $BUILD_NOTE)"
    echo "- Tools: .NET SDK $(dotnet --version), $(ffmpeg -version | head -n 1 | cut -d' ' -f1-3), $(curl --version | head -n 1 | cut -d' ' -f1-2)"
}
LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg)
