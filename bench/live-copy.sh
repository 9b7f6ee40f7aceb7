#!/usr/bin/env bash
# Measures `dbrunbooks copy --from-live` (a live PostgreSQL database streamed into a new one with the jdbc method,
# no file in between) against `pgcopydb clone` with the same number of jobs, in one run, on the same database,
# the two taking turns round by round. Reports wall time and the client's CPU time (user + sys of the command and
# the processes it waited for, from GNU time), the machine's load while it ran, and checks that both copies hold
# the same rows (count and a hash sum per table) and the same number of indexes as the source.
#
# Usage: bench/live-copy.sh [DB] [RUNS] [JOBS]
#   DB    default dbrunbooks_bench_big (bench/make-shape-db.sh big-table 1024 dbrunbooks_bench_big)
#   RUNS  measured rounds, after one warm-up round (default 3)
#   JOBS  pgcopydb's --table-jobs and --index-jobs (default 2); dbrunbooks uses as many connections as the
#         machine has cores, at most 4, so run it where that is the same number (the script says both)
#
# Prerequisites, besides those of the other scripts (README.md): pgcopydb, e.g. apt-get install -y pgcopydb
# (Debian 12 has 0.10, which supports PostgreSQL 10 to 15).
#
# Environment:
#   PGHOST, PGPORT, PGUSER, PGPASSWORD  connection (defaults 127.0.0.1, 5432, postgres)
#   DBRUNBOOKS_JAR     the CLI jar (default cli/target/dbrunbooks.jar in this checkout)
#   BENCH_RESULTS_DIR  if set, the raw hyperfine JSON, timings and the summary are copied there
set -euo pipefail

DB=${1:-dbrunbooks_bench_big}
RUNS=${2:-3}
JOBS=${3:-2}
WARMUP=1

BENCH_NAME=live-copy.sh
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_runs "$RUNS"
require_runs "$JOBS"
require_identifier "$DB"

export PGHOST=${PGHOST:-127.0.0.1}
export PGPORT=${PGPORT:-5432}
export PGUSER=${PGUSER:-postgres}

require_common
for tool in psql createdb dropdb; do
    need "$tool" "Install the PostgreSQL client: apt-get install -y postgresql-client."
done
need pgcopydb "Install it: apt-get install -y pgcopydb."
[[ $(psql -X -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$DB'") == 1 ]] ||
    die "database $DB does not exist. Create it: bench/make-shape-db.sh big-table 1024 $DB"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dbrunbooks-live-copy-bench.XXXXXX")
ANCHOR_DB="${DB}_lc_anchor_$$"
OURS_DB="${DB}_lc_ours_$$"
SAMPLER=
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    [[ -n $SAMPLER ]] && kill "$SAMPLER" 2>/dev/null
    for db in "$ANCHOR_DB" "$OURS_DB"; do
        dropdb --if-exists --force "$db" 2>/dev/null || echo "live-copy.sh: could not drop $db" >&2
    done
    rm -rf "$TMP"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

CFG="$TMP/dbrunbooks.yaml"
printf 'environments:\n  - name: bench\n    backupRoot: %s\n    databases:\n' "$TMP/backups" >"$CFG"
printf '      - name: main\n        url: jdbc:postgresql://%s:%s/%s\n        method: jdbc\n' \
    "$PGHOST" "$PGPORT" "$DB" >>"$CFG"
printf '        credentials:\n          backup: {user: %s}\n          restore: {user: %s}\n' \
    "$PGUSER" "$PGUSER" >>"$CFG"
OURS=("$ROOT/cli/dbrunbooks" --config "$CFG")

uri() {
    printf 'postgres://%s@%s:%s/%s' "$PGUSER" "$PGHOST" "$PGPORT" "$1"
}

echo "== Machine"
echo "cores (nproc):   $(nproc) (dbrunbooks jobs: $(( $(nproc) < 4 ? $(nproc) : 4 )), pgcopydb jobs: $JOBS)"
echo "CPU:             $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory:          $(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
echo "kernel:          $(uname -sr)"
echo "PostgreSQL:      $(psql -X -d postgres -Atc 'SHOW server_version')"
echo "pgcopydb:        $(pgcopydb --version 2>/dev/null | grep -m1 '^pgcopydb version')"
echo "Java:            $(java -version 2>&1 | head -n1)"
echo "hyperfine:       $(hyperfine --version)"
echo "load average:    $(cut -d' ' -f1-3 /proc/loadavg) at the start"
echo "database:        $DB, $(( $(psql -X -d "$DB" -Atc 'SELECT pg_database_size(current_database())') / 1048576 )) MiB"
echo "runs:            $RUNS measured rounds after $WARMUP warm-up, the commands alternating"
echo

# The machine's 1-minute load average every 5 seconds while the commands run: the machine may be shared.
(while sleep 5; do cut -d' ' -f1 /proc/loadavg; done >"$TMP/load.txt") &
SAMPLER=$!

interleaved copy "$RUNS" "$WARMUP" \
    -n "pgcopydb clone --table-jobs $JOBS --index-jobs $JOBS" \
    --prepare "dropdb --if-exists --force $(q "$ANCHOR_DB") && createdb -T template0 $(q "$ANCHOR_DB") && rm -rf $(q "$TMP/pgcopydb")" \
    "$(timed anchor pgcopydb clone --source "$(uri "$DB")" --target "$(uri "$ANCHOR_DB")" \
        --table-jobs "$JOBS" --index-jobs "$JOBS" --dir "$TMP/pgcopydb")" \
    -n "dbrunbooks copy --from-live" \
    --prepare "dropdb --if-exists --force $(q "$OURS_DB")" \
    "$(timed ours "${OURS[@]}" copy --environment bench --database main --from-live --target-database "$OURS_DB")"

kill "$SAMPLER" 2>/dev/null || true
SAMPLER=

# The same rows and indexes in the source and in both copies, or the times compare different work.
fingerprint() {
    local table
    for table in $(psql -X -d "$1" -Atc "SELECT format('%I.%I', schemaname, tablename) FROM pg_tables
            WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"); do
        echo "$table $(psql -X -d "$1" -Atc "SELECT count(*) || ':' || coalesce(sum(hashtext(x::text)::bigint), 0)
            FROM $table x")"
    done
    psql -X -d "$1" -Atc "SELECT 'indexes ' || count(*) FROM pg_indexes
        WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
}
fingerprint "$DB" >"$TMP/source.txt"
fingerprint "$ANCHOR_DB" >"$TMP/anchor.txt"
fingerprint "$OURS_DB" >"$TMP/ours.txt"
cmp -s "$TMP/source.txt" "$TMP/anchor.txt" || die "the pgcopydb copy differs from the source: $(diff "$TMP/source.txt" "$TMP/anchor.txt" | head -5)"
cmp -s "$TMP/source.txt" "$TMP/ours.txt" || die "the dbrunbooks copy differs from the source: $(diff "$TMP/source.txt" "$TMP/ours.txt" | head -5)"
echo "Both copies hold the source's rows (count and hash sum of every table) and its $(grep '^indexes' "$TMP/source.txt" | cut -d' ' -f2) indexes."

python3 - "$TMP" "$WARMUP" <<'PY' | tee "$TMP/summary.txt"
import statistics, sys

import timings

tmp, warmup = sys.argv[1], int(sys.argv[2])
(anchor_walls, ours_walls) = timings.walls(tmp, "copy")
a_cpu, a_rss = timings.gnu_time(tmp, "anchor", warmup)
o_cpu, o_rss = timings.gnu_time(tmp, "ours", warmup)
loads = [float(x) for x in open(tmp + "/load.txt") if x.strip()]
a, o = statistics.median(anchor_walls), statistics.median(ours_walls)
print("== Summary (medians of %d measured rounds)" % len(ours_walls))
print("  pgcopydb clone         wall %6.2f s (rounds: %s)  client CPU %6.2f s  peak RSS %4.0f MiB"
      % (a, ", ".join("%.2f" % t for t in anchor_walls), statistics.median(a_cpu), a_rss / 1024))
print("  dbrunbooks --from-live wall %6.2f s (rounds: %s)  client CPU %6.2f s  peak RSS %4.0f MiB"
      % (o, ", ".join("%.2f" % t for t in ours_walls), statistics.median(o_cpu), o_rss / 1024))
print("  ratio (anchor / dbrunbooks, above 1 is faster): %.2fx" % (a / o))
if loads:
    print("  load average while measuring: median %.1f, min %.1f, max %.1f (%d samples)"
          % (statistics.median(loads), min(loads), max(loads), len(loads)))
PY

if [[ -n ${BENCH_RESULTS_DIR:-} ]]; then
    mkdir -p "$BENCH_RESULTS_DIR"
    cp "$TMP"/*.json "$TMP"/time-*.txt "$TMP"/load.txt "$TMP"/summary.txt "$BENCH_RESULTS_DIR"/
    echo "Raw results copied to $BENCH_RESULTS_DIR"
fi
