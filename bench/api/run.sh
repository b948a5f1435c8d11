#!/usr/bin/env bash
# API benchmark: GET /api/v1/videos and GET /api/v1/videos/{id}/comments at 64 connections, on SQLite and PostgreSQL,
# with 10,000 videos and 100,000 comments seeded. nginx serving a static file of the same size as each response is
# measured next to every Framecast run; the Framecast/nginx req/s ratio is the number to compare between runs, since
# absolute req/s on a small shared machine moves with whatever else it is doing.
#
# The video list is output-cached (PublicVideoListCachePolicy: pages vary by q, limit and cursor, 2 s expiry), so it is
# measured twice: the plain first page, which nearly every request gets from the cache ("cache hit"), and pages at
# cursors that are never repeated (list-miss.lua), so every request runs the query ("cache miss").
#
# Usage: bench/api/run.sh   (as root, or as a user that can run initdb; installs wrk, sqlite3, nginx if missing)
# Env:   BENCH_DURATION (10s) BENCH_WARMUP (20s) BENCH_CONNECTIONS (64) BENCH_THREADS (2) SKIP_BUILD (0) PG_BIN
#        By default the working tree's src/ is copied into the work dir and built there (Release), so the benchmark
#        never shares bin/ or obj/ with a build running at the same time; SKIP_BUILD=1 uses src/Framecast/bin/Release
#        as it is instead.
# Output: a table on stdout and bench/results/api-YYYY-MM-DD.md; logs and wrk output stay in the printed work dir
# only when KEEP_WORK=1.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/bench/api"
RESULTS_DIR="$ROOT/bench/results"
DURATION=${BENCH_DURATION:-10s}
# Framecast needs 15-20 s of full load on 2 cores before its throughput settles (tiered JIT with dynamic PGO):
# a 5 s warm-up measured the list at half its steady rate.
WARMUP=${BENCH_WARMUP:-20s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
HOT_VIDEO=v0000010000 # the newest seeded video; seed-*.sql put 10,000 of the 100,000 comments on it
LIST_PATH=/api/v1/videos
COMMENTS_PATH=/api/v1/videos/$HOT_VIDEO/comments

log() { printf '[bench/api %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# --- tools -------------------------------------------------------------------------------------------------------
APT_UPDATED=0
install_if_missing() { # command package
    command -v "$1" >/dev/null 2>&1 && return 0
    [[ $EUID -eq 0 ]] || die "$1 is missing; install the Debian package $2"
    log "installing $2"
    if [[ $APT_UPDATED -eq 0 ]]; then apt-get update -qq >/dev/null; APT_UPDATED=1; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
install_if_missing wrk wrk
install_if_missing curl curl
install_if_missing sqlite3 sqlite3
install_if_missing nginx nginx-light
install_if_missing psql postgresql-client
if [[ -z ${PG_BIN:-} ]]; then
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if [[ -z $PG_BIN ]]; then
        install_if_missing /usr/lib/postgresql/15/bin/initdb postgresql
        PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
fi
[[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl ]] || die "no PostgreSQL server binaries in $PG_BIN"

# --- work dir and cleanup ------------------------------------------------------------------------------------------
WORK=$(mktemp -d /tmp/framecast-bench-api.XXXXXX)
chmod 755 "$WORK" # nginx workers (user nobody) read the payload files from here
FC_PID=""
NGINX_PID=""
PG_DATA=""
AS_PG=()
[[ $EUID -eq 0 ]] && AS_PG=(runuser -u postgres --)

stop_framecast() {
    if [[ -n $FC_PID ]]; then
        kill "$FC_PID" 2>/dev/null || true
        wait "$FC_PID" 2>/dev/null || true
        FC_PID=""
    fi
}
cleanup() {
    local status=$?
    stop_framecast
    if [[ -n $NGINX_PID ]]; then
        kill -QUIT "$NGINX_PID" 2>/dev/null || true
        wait "$NGINX_PID" 2>/dev/null || true
    fi
    if [[ -n $PG_DATA ]]; then
        "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    if [[ ${KEEP_WORK:-0} == 1 || $status -ne 0 ]]; then
        log "work dir kept: $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 30000))
        if [[ -z $(ss -Hltn "sport = :$port" 2>/dev/null) ]]; then
            echo "$port"
            return
        fi
    done
}

wait_http() { # url seconds
    local deadline=$((SECONDS + $2))
    until curl -fsS -o /dev/null "$1" 2>/dev/null; do
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
}

# CPU time (clock ticks, user + system, all threads) of a set of processes.
cpu_ticks() {
    local total=0 pid
    for pid in "$@"; do
        [[ -r /proc/$pid/stat ]] || continue
        # Fields after the ")" that closes the command name: utime is the 12th, stime the 13th.
        total=$((total + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
    done
    echo "$total"
}
CLK_TCK=$(getconf CLK_TCK)
NPROC=$(nproc)

# Busy CPU time of the whole machine (user, nice, system, irq, softirq), in clock ticks.
machine_busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }

# Children's CPU time, in clock ticks, from a file holding the output of bash's `times` (second line).
# `times` must run in the shell that waited for the children, not in a pipe or $(...), hence the file.
children_ticks() {
    awk -v tck="$CLK_TCK" 'NR == 2 {
        for (i = 1; i <= 2; i++) { f = $i; sub(/s$/, "", f); split(f, a, "m"); t += a[1] * 60 + a[2] }
        printf "%d\n", t * tck }' "$1"
}

# --- build -----------------------------------------------------------------------------------------------------------
# A private copy of the sources (without bin/ and obj/) built into the work dir: nothing is shared with whatever else
# builds or tests src/ meanwhile, and the binary is the working tree as it was at this moment.
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
    log "building Framecast (Release) in $WORK/build"
    mkdir -p "$WORK/build/src"
    cp "$ROOT/Directory.Build.props" "$ROOT/Directory.Packages.props" "$ROOT/BannedSymbols.txt" "$WORK/build/src/"
    tar -C "$ROOT/src" --exclude=./Framecast/bin --exclude=./Framecast/obj -cf - ./Framecast | tar -C "$WORK/build/src" -xf -
    dotnet build "$WORK/build/src/Framecast" -c Release -nologo -v quiet -o "$WORK/build/bin" >"$WORK/build.log" 2>&1 \
        || { cat "$WORK/build.log" >&2; die "build failed"; }
    DLL="$WORK/build/bin/framecast.dll"
    BUILD_NOTE="built from a copy of the working tree into the bench's work dir"
else
    DLL="$ROOT/src/Framecast/bin/Release/net10.0/framecast.dll"
    BUILD_NOTE="SKIP_BUILD=1: the existing src/Framecast/bin/Release build, as found"
fi
[[ -f $DLL ]] || die "$DLL not found"

# --- nginx reference ---------------------------------------------------------------------------------------------------
mkdir -p "$WORK/www" "$WORK/nginx"
NGINX_PORT=$(free_port)
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    types { }
    default_type application/json;
    charset utf-8;
    charset_types application/json;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        root $WORK/www;
    }
}
EOF
echo '{}' >"$WORK/www/ping.json"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" -g 'daemon off;' &
NGINX_PID=$!
wait_http "http://127.0.0.1:$NGINX_PORT/ping.json" 10 || die "nginx did not start (see $WORK/nginx/error.log)"
nginx_pids() { echo "$NGINX_PID" $(pgrep -P "$NGINX_PID" || true); }

# --- Framecast ---------------------------------------------------------------------------------------------------------
FC_PORT=""
start_framecast() { # data-dir
    FC_PORT=$(free_port)
    dotnet "$DLL" serve --urls "http://127.0.0.1:$FC_PORT" --data "$1" --roles api >"$1/serve.log" 2>&1 &
    FC_PID=$!
    wait_http "http://127.0.0.1:$FC_PORT/healthz" 60 || { cat "$1/serve.log" >&2; die "Framecast did not start"; }
}

# A list cursor as the server encodes it (PageCursor): base64url("<ticks>.<id>"), for r µs after seeded video i was
# created (seed-*.sql: unix second 1700000000 + 60 i). list-miss.lua builds the same cursors at random (i, r).
list_cursor() { # i r
    printf '%d.v%010d' $((638355968000000000 + $1 * 600000000 + $2 * 10)) "$1" | base64 -w0 | tr '+/' '-_' | tr -d '='
}

# Checks an endpoint answers 200 with a full page, and copies the body for nginx to serve at the same size.
snapshot() { # path out-file
    local code
    code=$(curl -sS -o "$WORK/www/$2" -w '%{http_code}' "http://127.0.0.1:$FC_PORT$1")
    [[ $code == 200 ]] || die "GET $1 answered $code: $(head -c 300 "$WORK/www/$2")"
    local items
    items=$(grep -o '"id":"[vc][0-9]*"' "$WORK/www/$2" | wc -l)
    [[ $items -eq 20 ]] || die "GET $1 returned $items items, expected 20"
}

# --- measuring -------------------------------------------------------------------------------------------------------------
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

wrk_run() { # label url duration [script [script-args...]] -> WRK_RESULT line, plus wrk's own CPU ticks
    local out="$WORK/wrk-$1.txt" line url=$2 duration=$3 script=${4:-$HERE/report.lua}
    shift $(($# < 4 ? $# : 4))
    times >"$out.times0"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$duration" --latency -s "$script" "$url" -- "$@" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed"; }
    times >"$out.times1"
    line=$(grep '^WRK_RESULT' "$out") || die "no result in $out"
    echo "$line wrk_ticks=$(($(children_ticks "$out.times1") - $(children_ticks "$out.times0")))"
}

# Share of the machine's CPU used during a run by anything but the benchmark's own processes (another developer's
# build, tests...): what makes absolute numbers on a shared machine move.
other_percent() { # machine-busy-ticks server-ticks wrk-result-line
    awk -v busy="$1" -v server="$2" -v wrk="$(field "$3" wrk_ticks)" -v us="$(field "$3" duration_us)" -v n="$NPROC" -v tck="$CLK_TCK" \
        'BEGIN { o = (busy - server - wrk) / (n * us / 1e6 * tck) * 100; printf "%.0f", o < 0 ? 0 : o }'
}

# The PostgreSQL server's processes (postmaster and backends); none while the SQLite run is on (it is in-process).
db_pids() {
    if [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]]; then
        local postmaster
        postmaster=$(head -n 1 "$PG_DATA/postmaster.pid")
        echo "$postmaster" $(pgrep -P "$postmaster" || true)
    fi
}

# For the cache-miss run: list-miss.lua's WRK_CHECK line (cache hits, non-200 answers, short pages); any non-200 or
# short page means the cursors no longer give full pages, which would make the row meaningless.
miss_check() { # label
    local line
    line=$(grep '^WRK_CHECK' "$WORK/wrk-$1.txt") || die "no WRK_CHECK line in $WORK/wrk-$1.txt"
    [[ $(field "$line" non200) == 0 && $(field "$line" short) == 0 ]] || die "cache-miss run $1 got bad pages: $line"
    echo "$line"
}

declare -A ROW MISS_CHECK
measure() { # key endpoint-label database path payload-file [wrk-script [script-args...]] (the script for Framecast runs)
    local key=$1 label=$2 db=$3 path=$4 payload=$5 tag="$3-$1"
    shift 5
    log "$db $label: warm-up $WARMUP"
    wrk_run "$tag-warmup" "http://127.0.0.1:$FC_PORT$path" "$WARMUP" "$@" >/dev/null
    [[ $key == list-miss ]] && miss_check "$tag-warmup" >/dev/null
    log "$db $label: nginx reference $DURATION"
    local before after busy nginx fc fc_cpu nginx_cpu db_before db_cpu=-1 nginx_other fc_other
    before=$(cpu_ticks $(nginx_pids))
    busy=$(machine_busy_ticks)
    nginx=$(wrk_run "$tag-nginx" "http://127.0.0.1:$NGINX_PORT/$payload" "$DURATION")
    busy=$(($(machine_busy_ticks) - busy))
    after=$(cpu_ticks $(nginx_pids))
    nginx_cpu=$((after - before))
    nginx_other=$(other_percent "$busy" "$nginx_cpu" "$nginx")
    log "$db $label: Framecast $DURATION"
    before=$(cpu_ticks "$FC_PID")
    db_before=$(cpu_ticks $(db_pids))
    busy=$(machine_busy_ticks)
    fc=$(wrk_run "$tag-framecast" "http://127.0.0.1:$FC_PORT$path" "$DURATION" "$@")
    [[ $key == list-miss ]] && MISS_CHECK[$db]=$(miss_check "$tag-framecast")
    busy=$(($(machine_busy_ticks) - busy))
    after=$(cpu_ticks "$FC_PID")
    fc_cpu=$((after - before))
    [[ -n $PG_DATA ]] && db_cpu=$(($(cpu_ticks $(db_pids)) - db_before))
    fc_other=$(other_percent "$busy" "$((fc_cpu + (db_cpu < 0 ? 0 : db_cpu)))" "$fc")
    ROW[$db-$key]=$(awk -v label="$label" -v db="$db" -v bytes="$(wc -c <"$WORK/www/$payload")" \
        -v rps="$(field "$fc" rps)" -v p50="$(field "$fc" p50_us)" -v p99="$(field "$fc" p99_us)" \
        -v req="$(field "$fc" requests)" -v err="$(field "$fc" errors)" -v cpu="$fc_cpu" -v dbcpu="$db_cpu" \
        -v nrps="$(field "$nginx" rps)" -v np99="$(field "$nginx" p99_us)" -v nreq="$(field "$nginx" requests)" -v ncpu="$nginx_cpu" \
        -v other="$nginx_other% / $fc_other%" -v tck="$CLK_TCK" 'BEGIN {
            dbcol = dbcpu < 0 ? "in-process" : sprintf("%.0f", dbcpu / tck * 1e6 / req)
            printf "| %s | %s | %d | %.0f | %.2f | %.2f | %d | %.0f | %s | %.0f | %.2f | %.1f | %.3f | %s |",
                label, db, bytes, rps, p50 / 1000, p99 / 1000, err, cpu / tck * 1e6 / req, dbcol,
                nrps, np99 / 1000, ncpu / tck * 1e6 / nreq, rps / nrps, other
        }')
    printf '%s\n' "${ROW[$db-$key]}" >&2
}

# Both databases: the cached first page, the comments, then the never-cached pages last (so the first two are measured
# exactly as before the cache existed, not after a run that filled the cache with thousands of pages).
measure_all() { # database
    local miss_path min_bytes
    miss_path="$LIST_PATH?cursor=$(list_cursor 5000 1)"
    snapshot "$LIST_PATH" videos.json
    # list-miss.lua hard-codes when each seeded video was created; the server's own cursor for page 1 must match it.
    [[ $(grep -o '"nextCursor":"[^"]*"' "$WORK/www/videos.json" | cut -d'"' -f4) == "$(list_cursor 9981 0)" ]] \
        || die "page 1's nextCursor is not the one list-miss.lua expects: did seed-*.sql or PageCursor change?"
    snapshot "$miss_path" videos-miss.json
    snapshot "$COMMENTS_PATH" comments.json
    # A page of 20 seeded videos is within ~1% of this size wherever it starts; one with 19 is ~5% smaller.
    min_bytes=$(($(wc -c <"$WORK/www/videos-miss.json") * 97 / 100))
    measure list "GET /api/v1/videos (cache hit)" "$1" "$LIST_PATH" videos.json
    measure comments "GET /api/v1/videos/{id}/comments" "$1" "$COMMENTS_PATH" comments.json
    measure list-miss "GET /api/v1/videos?cursor=… (cache miss)" "$1" "$miss_path" videos-miss.json "$HERE/list-miss.lua" "$min_bytes"
}

# --- SQLite ----------------------------------------------------------------------------------------------------------------
SQLITE_DIR="$WORK/sqlite"
mkdir -p "$SQLITE_DIR"
log "SQLite: migrate and seed"
dotnet "$DLL" migrate --data "$SQLITE_DIR" >"$SQLITE_DIR/migrate.log" 2>&1 || { cat "$SQLITE_DIR/migrate.log" >&2; die "migrate failed"; }
sqlite3 "$SQLITE_DIR/framecast.db" <"$HERE/seed-sqlite.sql"
start_framecast "$SQLITE_DIR"
measure_all sqlite
stop_framecast

# --- PostgreSQL ---------------------------------------------------------------------------------------------------------------
PG_DIR="$WORK/postgres"
mkdir -p "$PG_DIR"
[[ $EUID -eq 0 ]] && chown postgres: "$PG_DIR"
PG_PORT=$(free_port)
log "PostgreSQL: throwaway cluster on 127.0.0.1:$PG_PORT"
"${AS_PG[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --no-sync >"$WORK/initdb.log" 2>&1 \
    || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
PG_DATA="$PG_DIR/data"
# fsync off only speeds up seeding a cluster that is thrown away; the measured requests only read.
"${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DIR/server.log" -w \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres)
"${PSQL[@]}" -d postgres -c 'CREATE DATABASE framecast_bench'
export FRAMECAST__DATABASE__PROVIDER=postgres
export FRAMECAST__DATABASE__CONNECTIONSTRING="Host=127.0.0.1;Port=$PG_PORT;Database=framecast_bench;Username=postgres"
PGSQL_DIR="$WORK/pgdata" # media folder for the postgres run; the database lives in the cluster
mkdir -p "$PGSQL_DIR"
log "PostgreSQL: migrate and seed"
dotnet "$DLL" migrate --data "$PGSQL_DIR" >"$PGSQL_DIR/migrate.log" 2>&1 || { cat "$PGSQL_DIR/migrate.log" >&2; die "migrate failed"; }
"${PSQL[@]}" -d framecast_bench -f "$HERE/seed-postgres.sql"
start_framecast "$PGSQL_DIR"
measure_all postgres
stop_framecast
unset FRAMECAST__DATABASE__PROVIDER FRAMECAST__DATABASE__CONNECTIONSTRING

# --- report --------------------------------------------------------------------------------------------------------------------
target() { # table-row
    awk -F'|' '{ rps = $5 + 0; p99 = $7 + 0;
        printf "%s (%.0f req/s, p99 %.2f ms)", (rps >= 10000 && p99 < 20) ? "met" : "NOT met", rps, p99 }' <<<"$1"
}
TARGET="target >= 10,000 req/s and p99 < 20 ms: cache hit $(target "${ROW[sqlite-list]}"); cache miss $(target "${ROW[sqlite-list-miss]}")"
hit_share() { # WRK_CHECK line
    awk -v r="$(field "$1" responses)" -v h="$(field "$1" cache_hits)" 'BEGIN { printf "%d of %d (%.3f%%)", h, r, r ? h / r * 100 : 0 }'
}
DATE=$(date +%F)
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -n $(git -C "$ROOT" status --porcelain -- src 2>/dev/null) ]] && COMMIT="$COMMIT (src/ has uncommitted changes)"
CPU_MODEL=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
OUT="$RESULTS_DIR/api-$DATE.md"
mkdir -p "$RESULTS_DIR"

TABLE=$(
    echo "| endpoint | database | body bytes | req/s | p50 ms | p99 ms | errors | Framecast CPU µs/req | DB server CPU µs/req | nginx req/s | nginx p99 ms | nginx CPU µs/req | Framecast/nginx req/s | other CPU % (nginx / Framecast run) |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for db in sqlite postgres; do
        for key in list list-miss comments; do printf '%s\n' "${ROW[$db-$key]}"; done
    done
)

{
    echo "# API benchmark, $DATE"
    echo
    echo "- Machine: $(nproc) CPUs ($CPU_MODEL), $MEM RAM, $(uname -sr)"
    echo "- **Shared machine:** other work (another developer's builds and test runs) shares these CPUs, so absolute numbers"
    echo "  are noisy; compare the Framecast/nginx ratio and CPU per request. The last column is the share of the machine's"
    echo "  CPU that processes outside the benchmark used during each measured run."
    echo "- Date: $(date -u '+%F %T UTC'); Framecast commit $COMMIT (Release build, $BUILD_NOTE; \`serve --roles api\`)"
    echo "- Tools: $(dotnet --version | sed 's/^/.NET SDK /'), SQLite $(sqlite3 --version | cut -d' ' -f1) (CLI used for seeding),"
    echo "  $("$PG_BIN/postgres" --version), $(nginx -v 2>&1 | sed 's/^nginx version: //'), $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
    echo "- Data: 100 users, 10,000 public ready videos, 100,000 comments (10,000 on the video read by the comments run)."
    echo "- Load: \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency\` on 127.0.0.1 after a $WARMUP warm-up of Framecast; default page size (20)."
    echo "  The nginx reference serves a static copy of the same response body, measured just before each Framecast run."
    echo "  CPU µs/req is a server's user+system CPU time during the run divided by the requests served (for PostgreSQL"
    echo "  the postmaster and its backends). wrk runs on the same $(nproc) CPUs as the servers."
    echo "- The video list is output-cached (pages vary by q, limit and cursor; 2 s expiry). **Cache hit**: the plain first"
    echo "  page, the same URL every time, so all but about one request per 2 s are answered from the cache. **Cache miss**:"
    echo "  \`?cursor=\` pages from \`api/list-miss.lua\`: each cursor points at a random microsecond within the minute after a"
    echo "  random seeded video (the 21st to the 10,000th), encoded as the server encodes its own nextCursor (\`run.sh\` checks"
    echo "  this against a real one), so every request runs the same keyset query as any next page and gets a full page of"
    echo "  20 videos, but no cursor string repeats and the cache cannot answer. Each miss also stores its page in the cache."
    echo "  Cache hits counted by wrk (responses with an \`Age\` header) during the measured miss runs: SQLite"
    echo "  $(hit_share "${MISS_CHECK[sqlite]}"), PostgreSQL $(hit_share "${MISS_CHECK[postgres]}"); no non-200 answers or short pages."
    echo "  Run order per database: cache hit, comments, cache miss (the miss run's nginx reference serves one such page)."
    echo
    echo "$TABLE"
    echo
    echo "Video list on SQLite, $TARGET."
} >"$OUT"

echo
echo "$TABLE"
echo
echo "Video list on SQLite, $TARGET."
echo "Written to ${OUT#"$ROOT"/}"
