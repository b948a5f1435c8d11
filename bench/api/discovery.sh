#!/usr/bin/env bash
# Discovery benchmark (issue 17): search, uncached list pages and channel pages at 100,000 videos, on SQLite and
# PostgreSQL, with nginx serving a static file of the same size as each response measured in the same run (the
# Framecast/nginx ratio is what compares between runs on this small shared machine).
#
# Per database, seeded by seed-discovery-{sqlite,postgres}.sql (BENCH_VIDEOS videos over BENCH_USERS owners, English
# and CJK titles, descriptions and tags; the inserts go through migration 0014's triggers, which fill the search index):
#   search   GET /api/v1/search?q=…, cycling through the 50 queries of discovery-queries.txt (25 CJK: 2- and
#            3-character substrings; 25 English: words, two-word phrases, prefixes, one-edit typos)
#   search1  the same at 1 connection (latency of one query with the machine otherwise idle, to set beside the scan)
#   list     GET /api/v1/videos?cursor=… with never-repeated cursors (the output cache cannot answer), full pages
#   channel  GET /api/v1/users/{username}/videos for a random seeded user (not output-cached)
#   scan     the old ?q= (a lowercase substring scan, before commit f9282d5) run as SQL by sqlite3 / psql, one
#            connection, each of the same 50 terms BENCH_SCAN_REPEAT times: per-query time (median of the repeats)
#
# Usage: bench/api/discovery.sh   (as root, or as a user that can run initdb)
# Env:   BENCH_VIDEOS (100000) BENCH_USERS (10000) BENCH_DURATION (10s) BENCH_WARMUP (10s, the first endpoint of each
#        database; later ones BENCH_WARMUP2, 5s) BENCH_CONNECTIONS (64) BENCH_THREADS (2) BENCH_SCAN_REPEAT (3)
#        BENCH_POSTGRES (1; 0 skips PostgreSQL) FRAMECAST_DLL (reuse a build) SKIP_BUILD KEEP_WORK PG_BIN BENCH_OUT
# Output: a table on stdout and bench/results/discovery-YYYY-MM-DD.md (BENCH_OUT overrides the file).
#
# The helpers below are those of run.sh (which runs top to bottom, so it cannot be sourced), trimmed.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE="$ROOT/bench/api"
RESULTS_DIR="$ROOT/bench/results"
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-10s}
WARMUP2=${BENCH_WARMUP2:-5s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
VIDEOS=${BENCH_VIDEOS:-100000}
USERS=${BENCH_USERS:-10000}
SCAN_REPEAT=${BENCH_SCAN_REPEAT:-3}
QUERIES="$HERE/discovery-queries.txt"
SCRIPT="$HERE/discovery.lua"

log() { printf '[bench/api/discovery %s] %s\n' "$(date +%T)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

for c in wrk curl sqlite3 nginx psql awk; do command -v $c >/dev/null || die "$c is missing (bench/api/run.sh installs it as root)"; done
if [[ -z ${PG_BIN:-} ]]; then PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true); fi
[[ ${BENCH_POSTGRES:-1} == 0 || -x $PG_BIN/initdb ]] || die "no PostgreSQL server binaries (PG_BIN)"
[[ $(grep -c . "$QUERIES") == 50 ]] || die "$QUERIES should hold 50 queries"

LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
WORK=$(mktemp -d /tmp/framecast-bench-discovery.XXXXXX)
chmod 755 "$WORK"
FC_PID="" NGINX_PID="" PG_DATA=""
AS_PG=()
[[ $EUID -eq 0 ]] && AS_PG=(runuser -u postgres --)
stop_framecast() { if [[ -n $FC_PID ]]; then kill "$FC_PID" 2>/dev/null || true; wait "$FC_PID" 2>/dev/null || true; FC_PID=""; fi; }
cleanup() {
    local status=$?
    stop_framecast
    if [[ -n $NGINX_PID ]]; then kill -QUIT "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; fi
    [[ -n $PG_DATA ]] && { "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true; }
    if [[ ${KEEP_WORK:-0} == 1 || $status -ne 0 ]]; then log "work dir kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

free_port() {
    local port
    while :; do
        port=$((20000 + RANDOM % 30000))
        [[ -z $(ss -Hltn "sport = :$port" 2>/dev/null) ]] && { echo "$port"; return; }
    done
}
wait_http() { local deadline=$((SECONDS + $2)); until curl -fsS -o /dev/null "$1" 2>/dev/null; do ((SECONDS < deadline)) || return 1; sleep 0.2; done; }
cpu_ticks() {
    local total=0 pid
    for pid in "$@"; do
        [[ -r /proc/$pid/stat ]] || continue
        total=$((total + $(sed 's/^.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
    done
    echo "$total"
}
CLK_TCK=$(getconf CLK_TCK)
NPROC=$(nproc)
machine_busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
children_ticks() {
    awk -v tck="$CLK_TCK" 'NR == 2 { for (i = 1; i <= 2; i++) { f = $i; sub(/s$/, "", f); split(f, a, "m"); t += a[1] * 60 + a[2] }
        printf "%d\n", t * tck }' "$1"
}
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }

# --- build -----------------------------------------------------------------------------------------------------------
if [[ -n ${FRAMECAST_DLL:-} ]]; then
    DLL=$FRAMECAST_DLL
    BUILD_NOTE="FRAMECAST_DLL=$FRAMECAST_DLL"
elif [[ ${SKIP_BUILD:-0} != 1 ]]; then
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
    BUILD_NOTE="SKIP_BUILD=1: the existing src/Framecast/bin/Release build"
fi
[[ -f $DLL ]] || die "$DLL not found"

# --- nginx reference -------------------------------------------------------------------------------------------------
mkdir -p "$WORK/www" "$WORK/nginx"
NGINX_PORT=$(free_port)
cat >"$WORK/nginx/nginx.conf" <<EOF
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off; sendfile on; tcp_nopush on; keepalive_requests 1000000;
    types { } default_type application/json; charset utf-8; charset_types application/json;
    client_body_temp_path $WORK/nginx/body; proxy_temp_path $WORK/nginx/proxy; fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi; scgi_temp_path $WORK/nginx/scgi;
    server { listen 127.0.0.1:$NGINX_PORT; root $WORK/www; }
}
EOF
echo '{}' >"$WORK/www/ping.json"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -e "$WORK/nginx/error.log" -g 'daemon off;' &
NGINX_PID=$!
wait_http "http://127.0.0.1:$NGINX_PORT/ping.json" 10 || die "nginx did not start"
nginx_pids() { echo "$NGINX_PID" $(pgrep -P "$NGINX_PID" || true); }

FC_PORT=""
start_framecast() { # data-dir
    FC_PORT=$(free_port)
    dotnet "$DLL" serve --urls "http://127.0.0.1:$FC_PORT" --data "$1" --roles api >"$1/serve.log" 2>&1 &
    FC_PID=$!
    wait_http "http://127.0.0.1:$FC_PORT/healthz" 60 || { cat "$1/serve.log" >&2; die "Framecast did not start"; }
}
db_pids() {
    if [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]]; then
        local postmaster; postmaster=$(head -n 1 "$PG_DATA/postmaster.pid")
        echo "$postmaster" $(pgrep -P "$postmaster" || true)
    fi
}

# A body of the endpoint's typical size for nginx: the mean of a few real responses, padded/cut to that size.
snapshot() { # out-file url...
    local out=$1 total=0 n=0 u code
    shift
    for u in "$@"; do
        code=$(curl -sS -o "$WORK/snap.json" -w '%{http_code}' "http://127.0.0.1:$FC_PORT$u")
        [[ $code == 200 ]] || die "GET $u answered $code: $(head -c 300 "$WORK/snap.json")"
        total=$((total + $(wc -c <"$WORK/snap.json"))); n=$((n + 1))
    done
    head -c $((total / n)) /dev/zero | tr '\0' ' ' >"$WORK/www/$out"
    cp "$WORK/snap.json" "$WORK/www/$out.sample"
}

wrk_run() { # label url duration connections threads script args...
    local out="$WORK/wrk-$1.txt" url=$2 duration=$3 c=$4 t=$5 script=$6 line
    shift 6
    times >"$out.times0"
    wrk -t"$t" -c"$c" -d"$duration" --latency -s "$script" "$url" -- "$@" >"$out" 2>&1 || { cat "$out" >&2; die "wrk failed"; }
    times >"$out.times1"
    line=$(grep '^WRK_RESULT' "$out") || die "no result in $out"
    echo "$line wrk_ticks=$(($(children_ticks "$out.times1") - $(children_ticks "$out.times0"))) $(grep '^WRK_CHECK' "$out" | cut -d' ' -f2- || true)"
}
other_percent() { # machine-busy-ticks server-ticks wrk-result-line
    awk -v busy="$1" -v server="$2" -v wrk="$(field "$3" wrk_ticks)" -v us="$(field "$3" duration_us)" -v n="$NPROC" -v tck="$CLK_TCK" \
        'BEGIN { o = (busy - server - wrk) / (n * us / 1e6 * tck) * 100; printf "%.0f", o < 0 ? 0 : o }'
}

declare -A ROW RPS P99
# measure key label db payload warmup connections threads wrk-args...   (payload: the nginx file; "-" for none)
measure() {
    local key=$1 label=$2 db=$3 payload=$4 warm=$5 c=$6 t=$7 tag="$3-$1"
    shift 7
    local url="http://127.0.0.1:$FC_PORT/"
    if [[ $warm != 0 ]]; then
        log "$db $label: warm-up $warm"
        wrk_run "$tag-warmup" "$url" "$warm" "$c" "$t" "$SCRIPT" "$@" >/dev/null
    fi
    local nginx="" nginx_cpu=0 nginx_other="-" before busy
    if [[ $payload != - ]]; then
        log "$db $label: nginx reference $DURATION"
        before=$(cpu_ticks $(nginx_pids)); busy=$(machine_busy_ticks)
        nginx=$(wrk_run "$tag-nginx" "http://127.0.0.1:$NGINX_PORT/$payload" "$DURATION" "$c" "$t" "$HERE/report.lua")
        busy=$(($(machine_busy_ticks) - busy)); nginx_cpu=$(($(cpu_ticks $(nginx_pids)) - before))
        nginx_other=$(other_percent "$busy" "$nginx_cpu" "$nginx")
    fi
    log "$db $label: Framecast $DURATION"
    local fc fc_cpu db_before db_cpu=-1 fc_other
    before=$(cpu_ticks "$FC_PID"); db_before=$(cpu_ticks $(db_pids)); busy=$(machine_busy_ticks)
    fc=$(wrk_run "$tag-framecast" "$url" "$DURATION" "$c" "$t" "$SCRIPT" "$@")
    busy=$(($(machine_busy_ticks) - busy)); fc_cpu=$(($(cpu_ticks "$FC_PID") - before))
    [[ -n $PG_DATA ]] && db_cpu=$(($(cpu_ticks $(db_pids)) - db_before))
    fc_other=$(other_percent "$busy" "$((fc_cpu + (db_cpu < 0 ? 0 : db_cpu)))" "$fc")
    [[ $(field "$fc" non200) == 0 ]] || die "$tag: non-200 answers: $fc"
    RPS[$db-$key]=$(field "$fc" rps); P99[$db-$key]=$(awk -v p="$(field "$fc" p99_us)" 'BEGIN { printf "%.2f", p / 1000 }')
    ROW[$db-$key]=$(awk -v label="$label" -v db="$db" -v c="$c" -v bytes="$([[ $payload != - ]] && wc -c <"$WORK/www/$payload" || echo -)" \
        -v rps="$(field "$fc" rps)" -v p50="$(field "$fc" p50_us)" -v p99="$(field "$fc" p99_us)" \
        -v req="$(field "$fc" requests)" -v err="$(field "$fc" errors)" -v cpu="$fc_cpu" -v dbcpu="$db_cpu" \
        -v hits="$(field "$fc" cache_hits)" -v empty="$(field "$fc" empty)" -v short="$(field "$fc" short)" \
        -v nrps="$(field "$nginx" rps)" -v np99="$(field "$nginx" p99_us)" -v nreq="$(field "$nginx" requests)" -v ncpu="$nginx_cpu" \
        -v other="$nginx_other$([[ $nginx_other != - ]] && echo %) / $fc_other%" -v tck="$CLK_TCK" 'BEGIN {
            dbcol = dbcpu < 0 ? "in-process" : req > 0 ? sprintf("%.0f", dbcpu / tck * 1e6 / req) : "-"
            fccol = req > 0 ? sprintf("%.0f", cpu / tck * 1e6 / req) : "-"
            ng = nreq > 0
            printf "| %s | %s | %d | %s | %.0f | %.2f | %.2f | %d | %d / %d / %d | %s | %s | %s | %s | %s | %s |",
                label, db, c, bytes, rps, p50 / 1000, p99 / 1000, err, hits, empty, short, fccol, dbcol,
                ng ? sprintf("%.0f", nrps) : "-", ng ? sprintf("%.2f", np99 / 1000) : "-",
                ng ? sprintf("%.3f", rps / nrps) : "-", other
        }')
    printf '%s\n' "${ROW[$db-$key]}" >&2
}

# The old ?q= as SQL: each of the 50 terms SCAN_REPEAT times on one connection; per term the median of its repeats.
OLD_SQL_SELECT="SELECT v.id, v.owner_id, u.username, v.title, v.description, v.tags, v.visibility, v.status, v.playable, v.duration_seconds, v.width, v.height, v.has_thumbnail, v.renditions, v.views, v.created_at, v.updated_at FROM videos v JOIN users u ON u.id = v.owner_id WHERE v.status = 'ready' AND v.visibility = 'public' AND (lower(v.title) LIKE '%TERM%' OR lower(v.description) LIKE '%TERM%') ORDER BY v.created_at DESC, v.id DESC LIMIT 21"
declare -A SCAN
scan_old() { # db
    local db=$1 sqlfile="$WORK/scan-$1.sql" times="$WORK/scan-$1.times" term r
    : >"$sqlfile"
    [[ $db == postgres ]] && printf '\\timing on\n\\o /dev/null\n' >>"$sqlfile"
    while IFS= read -r term; do
        [[ -n $term ]] || continue
        term=$(tr '[:upper:]' '[:lower:]' <<<"$term")
        for ((r = 0; r < SCAN_REPEAT; r++)); do printf '%s;\n' "${OLD_SQL_SELECT//TERM/$term}" >>"$sqlfile"; done
    done <"$QUERIES"
    log "$db: old substring scan as SQL, 50 terms x $SCAN_REPEAT"
    if [[ $db == sqlite ]]; then
        python3 "$HERE/scan_sqlite.py" "$SQLITE_DIR/framecast.db" "$OLD_SQL_SELECT" "$QUERIES" "$SCAN_REPEAT" >"$times"
    else
        "${PSQL[@]}" -d framecast_bench -f "$sqlfile" | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' >"$times"
    fi
    [[ $(wc -l <"$times") == $((50 * SCAN_REPEAT)) ]] || die "scan: expected $((50 * SCAN_REPEAT)) timings, got $(wc -l <"$times")"
    # per term: median of its repeats; then over the 50 terms: mean, p50, p90, max (ms)
    paste -d' ' <(grep . "$QUERIES") <(awk -v r="$SCAN_REPEAT" '{ v[NR % r] = $1 } NR % r == 0 { print median(v, r) }
        function median(a, n,   i, j, t, s) { for (i = 0; i < n; i++) s[i] = a[i]
            for (i = 1; i < n; i++) for (j = i; j > 0 && s[j - 1] > s[j]; j--) { t = s[j]; s[j] = s[j - 1]; s[j - 1] = t }
            return s[int((n - 1) / 2)] }' "$times") >"$WORK/scan-$db.per-term"
    SCAN[$db]=$(awk '{ print $NF }' "$WORK/scan-$db.per-term" | stats)
    log "$db scan: mean/p50/p90/max ms ${SCAN[$db]}"
}

# Per-query search latency at 1 connection, one query at a time in sequence (curl), for the per-term table.
search_per_term() { # db
    local db=$1 q t
    : >"$WORK/search-$db.per-term"
    while IFS= read -r q; do
        [[ -n $q ]] || continue
        t=$(for r in 1 2 3; do curl -sS -o /dev/null -w '%{time_total}\n' -G "http://127.0.0.1:$FC_PORT/api/v1/search" --data-urlencode "q=$q"; done \
            | sort -n | sed -n 2p)
        hits=$(curl -sS -G "http://127.0.0.1:$FC_PORT/api/v1/search" --data-urlencode "q=$q" | grep -o '"id":"v' | wc -l)
        printf '%s %.2f %s\n' "$q" "$(awk -v t="$t" 'BEGIN { print t * 1000 }')" "$hits" >>"$WORK/search-$db.per-term"
    done <"$QUERIES"
}

stats() { # numbers on stdin -> "mean / p50 / p90 / max"
    sort -n | awk '{ v[NR] = $1; sum += $1 } END { printf "%.2f / %.2f / %.2f / %.2f", sum / NR, v[int(NR * 0.5 + 0.5)], v[int(NR * 0.9 + 0.5)], v[NR] }'
}
cursor() { printf '%d.v%010d' $((638355968000000000 + $1 * 600000000 + $2 * 10)) "$1" | base64 -w0 | tr '+/' '-_' | tr -d '='; }

declare -A SEED_S INDEX_COUNTS
measure_all() { # db
    local db=$1 first=$WARMUP
    snapshot search.json "/api/v1/search?q=%E6%97%85%E8%A1%8C" "/api/v1/search?q=travel" "/api/v1/search?q=%E5%94%B1%E4%BC%9A" "/api/v1/search?q=guitr" "/api/v1/search?q=kitch"
    snapshot list.json "/api/v1/videos?cursor=$(cursor $((VIDEOS / 2)) 7)" "/api/v1/videos?cursor=$(cursor $((VIDEOS - 1)) 3)"
    snapshot channel.json "/api/v1/users/creator00001/videos" "/api/v1/users/$(printf creator%05d $((USERS / 2)))/videos" "/api/v1/users/$(printf creator%05d "$USERS")/videos"
    search_per_term "$db"
    measure search "GET /api/v1/search?q= (50 queries)" "$db" search.json "$first" "$CONNECTIONS" "$THREADS" search "$QUERIES"
    measure search1 "GET /api/v1/search?q= (50 queries), 1 connection" "$db" - 0 1 1 search "$QUERIES"
    measure list "GET /api/v1/videos?cursor= (uncached)" "$db" list.json "$WARMUP2" "$CONNECTIONS" "$THREADS" list "$VIDEOS"
    measure channel "GET /api/v1/users/{username}/videos (random user)" "$db" channel.json "$WARMUP2" "$CONNECTIONS" "$THREADS" channel "$USERS"
}

seed_file() { sed "s/@USERS@/$USERS/g; s/@VIDEOS@/$VIDEOS/g" "$HERE/seed-discovery-$1.sql"; }

# --- SQLite ----------------------------------------------------------------------------------------------------------
SQLITE_DIR="$WORK/sqlite"
mkdir -p "$SQLITE_DIR"
log "SQLite: migrate and seed $VIDEOS videos / $USERS users"
dotnet "$DLL" migrate --data "$SQLITE_DIR" >"$SQLITE_DIR/migrate.log" 2>&1 || { cat "$SQLITE_DIR/migrate.log" >&2; die "migrate failed"; }
t0=$(date +%s.%N)
seed_file sqlite | sqlite3 "$SQLITE_DIR/framecast.db"
SEED_S[sqlite]=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
INDEX_COUNTS[sqlite]=$(sqlite3 "$SQLITE_DIR/framecast.db" "SELECT 'videos ' || (SELECT count(*) FROM videos) || ', search_video_docs ' || (SELECT count(*) FROM search_video_docs)
    || ', search_videos ' || (SELECT count(*) FROM search_videos) || ', search_videos_tri ' || (SELECT count(*) FROM search_videos_tri)
    || ', search_video_tags ' || (SELECT count(*) FROM search_video_tags) || ', search_channels ' || (SELECT count(*) FROM search_channels)")
log "SQLite seeded in ${SEED_S[sqlite]} s: ${INDEX_COUNTS[sqlite]}"
[[ $(sqlite3 "$SQLITE_DIR/framecast.db" "SELECT count(*) FROM search_videos_tri") == "$VIDEOS" ]] || die "search index not filled"
scan_old sqlite
start_framecast "$SQLITE_DIR"
measure_all sqlite
stop_framecast

# --- PostgreSQL ------------------------------------------------------------------------------------------------------
DBS=(sqlite)
if [[ ${BENCH_POSTGRES:-1} != 0 ]]; then
    DBS+=(postgres)
    PG_DIR="$WORK/postgres"
    mkdir -p "$PG_DIR"
    [[ $EUID -eq 0 ]] && chown postgres: "$PG_DIR"
    PG_PORT=$(free_port)
    log "PostgreSQL: throwaway cluster on 127.0.0.1:$PG_PORT"
    "${AS_PG[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres -A trust -E UTF8 --no-sync >"$WORK/initdb.log" 2>&1 \
        || { cat "$WORK/initdb.log" >&2; die "initdb failed"; }
    PG_DATA="$PG_DIR/data"
    "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_DIR/server.log" -w \
        -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
    PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres)
    "${PSQL[@]}" -d postgres -c 'CREATE DATABASE framecast_bench'
    export FRAMECAST__DATABASE__PROVIDER=postgres
    export FRAMECAST__DATABASE__CONNECTIONSTRING="Host=127.0.0.1;Port=$PG_PORT;Database=framecast_bench;Username=postgres"
    PGSQL_DIR="$WORK/pgdata"
    mkdir -p "$PGSQL_DIR"
    log "PostgreSQL: migrate and seed $VIDEOS videos / $USERS users"
    dotnet "$DLL" migrate --data "$PGSQL_DIR" >"$PGSQL_DIR/migrate.log" 2>&1 || { cat "$PGSQL_DIR/migrate.log" >&2; die "migrate failed"; }
    t0=$(date +%s.%N)
    seed_file postgres | "${PSQL[@]}" -d framecast_bench -f -
    SEED_S[postgres]=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    INDEX_COUNTS[postgres]=$("${PSQL[@]}" -d framecast_bench -At -c "SELECT 'videos ' || (SELECT count(*) FROM videos) || ', search_documents ' || (SELECT count(*) FROM search_documents)
        || ', search_terms ' || (SELECT count(*) FROM search_terms) || ', search_video_tags ' || (SELECT count(*) FROM search_video_tags)")
    log "PostgreSQL seeded in ${SEED_S[postgres]} s: ${INDEX_COUNTS[postgres]}"
    [[ $("${PSQL[@]}" -d framecast_bench -At -c "SELECT count(*) FROM search_documents") == "$VIDEOS" ]] || die "search index not filled"
    scan_old postgres
    start_framecast "$PGSQL_DIR"
    measure_all postgres
    stop_framecast
    unset FRAMECAST__DATABASE__PROVIDER FRAMECAST__DATABASE__CONNECTIONSTRING
fi

# --- report ----------------------------------------------------------------------------------------------------------
verdict() { # key rps-min p99-max
    local db
    for db in "${DBS[@]}"; do
        awk -v db="$db" -v r="${RPS[$db-$1]}" -v p="${P99[$db-$1]}" -v rmin="$2" -v pmax="$3" \
            'BEGIN { if (r == 0) printf "%s NOT met (no request completed in the run); ", db
                     else printf "%s %s (%.0f req/s, p99 %.2f ms); ", db, (r >= rmin && p < pmax) ? "met" : "NOT met", r, p }'
    done
}
DATE=$(date +%F)
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -n $(git -C "$ROOT" status --porcelain -- src 2>/dev/null) ]] && COMMIT="$COMMIT (src/ has uncommitted changes)"
OUT=${BENCH_OUT:-$RESULTS_DIR/discovery-$DATE.md}
mkdir -p "$(dirname "$OUT")"
TABLE=$(
    echo "| endpoint | database | conns | body bytes | req/s | p50 ms | p99 ms | errors | cache hits / empty / <20 items | Framecast CPU µs/req | DB server CPU µs/req | nginx req/s | nginx p99 ms | Framecast/nginx req/s | other CPU % (nginx / Framecast run) |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    for db in "${DBS[@]}"; do for key in search search1 list channel; do printf '%s\n' "${ROW[$db-$key]}"; done; done
)
SCAN_TABLE=$(
    echo "| database | old substring scan (SQL, 1 connection; SQLite: python3 sqlite3, PostgreSQL: psql \\timing): mean / p50 / p90 / max ms per query | search over HTTP (curl, 1 connection, median of 3): mean / p50 / p90 / max ms per query |"
    echo "|---|---:|---:|"
    for db in "${DBS[@]}"; do
        s=$(awk '{ print $(NF - 1) }' "$WORK/search-$db.per-term" | stats)
        echo "| $db | ${SCAN[$db]} | $s |"
    done
)
PER_TERM=$(
    printf '| query |'; for db in "${DBS[@]}"; do printf ' %s scan ms | %s search ms | %s search hits (page) |' "$db" "$db" "$db"; done; echo
    printf '|---|'; for db in "${DBS[@]}"; do printf -- '---:|---:|---:|'; done; echo
    n=$(grep -c . "$QUERIES")
    for ((i = 1; i <= n; i++)); do
        printf '| %s |' "$(sed -n "${i}p" "$QUERIES")"
        for db in "${DBS[@]}"; do
            printf ' %s | %s | %s |' "$(sed -n "${i}p" "$WORK/scan-$db.per-term" | awk '{ print $NF }')" \
                "$(sed -n "${i}p" "$WORK/search-$db.per-term" | awk '{ print $(NF - 1) }')" "$(sed -n "${i}p" "$WORK/search-$db.per-term" | awk '{ print $NF }')"
        done
        echo
    done
)
TARGETS="- Search (64 connections): target ≥ 2,000 req/s and p99 < 25 ms: $(verdict search 2000 25)
- Uncached list pages: target ≥ 5,000 req/s and p99 < 20 ms on SQLite: $(verdict list 5000 20)
- Channel pages: target ≥ 5,000 req/s and p99 < 20 ms on SQLite: $(verdict channel 5000 20)"
{
    echo "# Discovery benchmark (search, uncached list, channel pages), $DATE"
    echo
    echo "- Machine: $NPROC CPUs ($(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM, $(uname -sr)"
    echo "- **Shared machine:** load average at the start $LOAD_START, at the end $(cut -d' ' -f1-3 /proc/loadavg); the last column is"
    echo "  the share of the machine's CPU used by processes outside the benchmark during each run. Compare ratios."
    echo "- Date: $(date -u '+%F %T UTC'); Framecast commit $COMMIT (Release, $BUILD_NOTE; \`serve --roles api\`)"
    echo "- Tools: $(dotnet --version | sed 's/^/.NET SDK /'), SQLite CLI $(sqlite3 --version | cut -d' ' -f1), $("$PG_BIN/postgres" --version 2>/dev/null || true), $(nginx -v 2>&1 | sed 's/^nginx version: //'), $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)"
    echo "- Data: $VIDEOS public ready videos over $USERS users (\`bench/api/seed-discovery-*.sql\`): titles, descriptions and tags mix"
    echo "  60 English and 60 CJK words (Chinese, Japanese, Korean), two of them skewed; seeded by plain INSERTs, so"
    echo "  migration 0014's triggers built the search index. Seed time (with the triggers, plus ANALYZE): SQLite ${SEED_S[sqlite]} s"
    echo "  (${INDEX_COUNTS[sqlite]})$([[ -n ${SEED_S[postgres]:-} ]] && echo "; PostgreSQL ${SEED_S[postgres]} s (${INDEX_COUNTS[postgres]})")."
    echo "- Load: \`wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s bench/api/discovery.lua\`; warm-up $WARMUP before search (the first"
    echo "  endpoint after start), $WARMUP2 before list and channel; the 1-connection search row follows the 64-connection one with no warm-up."
    echo "  Queries: \`bench/api/discovery-queries.txt\` (25 CJK: 2- and 3-character substrings, some across word boundaries;"
    echo "  25 English: words, two two-word phrases, prefixes, five one-edit typos). Uncached list: never-repeated \`?cursor=\`"
    echo "  (as list-miss.lua). Channel: \`/api/v1/users/creatorNNNNN/videos\`, random user. nginx serves a static file of the"
    echo "  mean size of a few real responses of the endpoint, measured right before each Framecast run."
    echo
    echo "$TABLE"
    echo
    echo "## Targets"
    echo
    echo "$TARGETS"
    echo
    echo "## Search against the old substring scan"
    echo
    echo "The old \`?q=\` (before f9282d5) was a lowercase substring scan; the list's \`?q=\` now reads the index too, so the"
    echo "scan is run directly as SQL on the same database, one connection (SQLite: python3's sqlite3 module, system libsqlite3, perf_counter; PostgreSQL: psql \`\\timing\`), each term"
    echo "$SCAN_REPEAT times, median per term; not over HTTP, so it leaves out the serialization the search figures include:"
    echo
    echo '```sql'
    echo "$OLD_SQL_SELECT"
    echo '```'
    echo
    echo "$SCAN_TABLE"
    echo
    echo "<details><summary>Per query</summary>"
    echo
    echo "$PER_TERM"
    echo
    echo "</details>"
} >"$OUT"
echo
echo "$TABLE"
echo
echo "$SCAN_TABLE"
echo
echo "$TARGETS"
echo "Written to ${OUT#"$ROOT"/}"
