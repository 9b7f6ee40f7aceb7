#!/usr/bin/env bash
# Measures the jdbc method on PostgreSQL against pg_dump / pg_restore, in one run and on the same
# databases: backup time and size against `pg_dump -Fc`, restore time against `pg_restore -j2` from
# that dump into an empty database (indexes and constraints included), and the peak memory (RSS) of
# the backup on a small and a large database, to show whether it grows with the data.
#
# Usage: bench/jdbc-postgres.sh [SMALL_DB] [LARGE_DB] [RUNS]
#   SMALL_DB  default dbrunbooks_bench_small (bench/make-sample-db.sh 200 dbrunbooks_bench_small)
#   LARGE_DB  default dbrunbooks_bench       (bench/make-sample-db.sh 1024)
#   RUNS      measured runs per command, after one warm-up run (default 3)
#
# Environment:
#   PGHOST, PGPORT, PGUSER, PGPASSWORD  connection (defaults 127.0.0.1, 5432, postgres)
#   DBRUNBOOKS_JAR     the CLI jar (default cli/target/dbrunbooks.jar in this checkout)
#   DBRUNBOOKS_JAVA_OPTS  Java options for cli/dbrunbooks (default: the launcher's own)
#   BENCH_RESULTS_DIR  if set, the raw hyperfine JSON, timings and the summary are copied there
set -euo pipefail

SMALL=${1:-dbrunbooks_bench_small}
LARGE=${2:-dbrunbooks_bench}
RUNS=${3:-3}
WARMUP=1

BENCH_NAME=jdbc-postgres.sh
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_runs "$RUNS"
require_identifier "$SMALL"
require_identifier "$LARGE"

export PGHOST=${PGHOST:-127.0.0.1}
export PGPORT=${PGPORT:-5432}
export PGUSER=${PGUSER:-postgres}

require_common
for tool in psql pg_dump pg_restore createdb dropdb; do
    need "$tool" "Install the PostgreSQL client: apt-get install -y postgresql-client."
done
for db in "$SMALL" "$LARGE"; do
    [[ $(psql -X -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$db'") == 1 ]] ||
        die "database $db does not exist. Create it: bench/make-sample-db.sh SIZE_MB $db"
done

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dbrunbooks-jdbc-bench.XXXXXX")
TARGETS=()
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    for db in "${TARGETS[@]}"; do
        dropdb --if-exists --force "$db" 2>/dev/null || echo "jdbc-postgres.sh: could not drop $db" >&2
    done
    rm -rf "$TMP"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

CFG="$TMP/dbrunbooks.yaml"
{
    printf 'environments:\n  - name: bench\n    backupRoot: %s\n    databases:\n' "$TMP/backups"
    for db in "$SMALL" "$LARGE"; do
        printf '      - name: %s\n        url: jdbc:postgresql://%s:%s/%s\n        method: jdbc\n' \
            "$db" "$PGHOST" "$PGPORT" "$db"
        printf '        credentials:\n          backup: {user: %s}\n          restore: {user: %s}\n' \
            "$PGUSER" "$PGUSER"
    done
} >"$CFG"
OURS=("$ROOT/cli/dbrunbooks" --config "$CFG")

echo "== Machine"
echo "cores (nproc):   $(nproc)"
echo "CPU:             $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory:          $(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
echo "kernel:          $(uname -sr)"
echo "PostgreSQL:      $(psql -X -d postgres -Atc 'SHOW server_version')"
echo "pg_dump:         $(pg_dump --version)"
echo "Java:            $(java -version 2>&1 | head -n1), options: ${DBRUNBOOKS_JAVA_OPTS:-launcher default}"
echo "hyperfine:       $(hyperfine --version)"
echo "runs:            $RUNS measured after $WARMUP warm-up, per command"
echo

index_count() {
    psql -X -d "$1" -Atc "SELECT count(*) FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
}

sizes="$TMP/sizes.txt"
for db in "$SMALL" "$LARGE"; do
    db_size=$(psql -X -d "$db" -Atc "SELECT pg_database_size(current_database())")
    anchor="$TMP/$db.dump"
    ours_root="$TMP/backups/bench/$db"
    echo "== $db ($((db_size / 1048576)) MiB): backup"
    hyperfine --warmup "$WARMUP" --runs "$RUNS" --export-json "$TMP/backup-$db.json" \
        -n "pg_dump -Fc" --prepare "rm -f $(q "$anchor")" \
        "$(timed "backup-anchor-$db" pg_dump -Fc -f "$anchor" "$db")" \
        -n "dbrunbooks jdbc" --prepare "rm -rf $(q "$ours_root")" \
        "$(timed "backup-ours-$db" "${OURS[@]}" backup --environment bench --database "$db")"
    ours_size=$(find "$ours_root" -type f -name '*.dbrj.zst' -printf '%s\n' | head -n1)
    [[ -n $ours_size ]] || die "no *.dbrj.zst payload found under $ours_root"
    echo "$db $db_size $(stat -c %s "$anchor") $ours_size" >>"$sizes"

    anchor_db="${db}_jb_anchor_$$"
    ours_db="${db}_jb_ours_$$"
    TARGETS+=("$anchor_db" "$ours_db")
    echo "== $db: restore into an empty database"
    hyperfine --warmup "$WARMUP" --runs "$RUNS" --export-json "$TMP/restore-$db.json" \
        -n "pg_restore -j2" \
        --prepare "dropdb --if-exists --force $(q "$anchor_db") && createdb -T template0 $(q "$anchor_db")" \
        "$(timed "restore-anchor-$db" pg_restore -j2 -d "$anchor_db" "$anchor")" \
        -n "dbrunbooks jdbc" --prepare "dropdb --if-exists --force $(q "$ours_db")" \
        "$(timed "restore-ours-$db" "${OURS[@]}" restore --environment bench --database "$db" \
            --target-database "$ours_db" --backup latest)"
    # Both copies must have the same indexes, or the restore times compare different work.
    [[ $(index_count "$anchor_db") == $(index_count "$ours_db") ]] ||
        die "the restored copies of $db have different numbers of indexes"
    echo
done

python3 - "$TMP" "$WARMUP" "$sizes" <<'PY' | tee "$TMP/summary.txt"
import statistics, sys

import timings

tmp, warmup, sizes_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]

def medians(name):
    return timings.medians(tmp, name)

def gnu_time(label):
    """(peak RSS in MiB, median CPU seconds) over the measured runs"""
    cpu, rss = timings.gnu_time(tmp, label, warmup)
    return rss / 1024, statistics.median(cpu)

mib = lambda b: b / 1048576
peaks = []
print("== Summary (medians of the measured runs; ratio = dbrunbooks / anchor, below 1 is better)")
for line in open(sizes_file):
    db, db_size, anchor_size, ours_size = line.split()
    db_size, anchor_size, ours_size = int(db_size), int(anchor_size), int(ours_size)
    b_anchor, b_ours = medians("backup-" + db)
    r_anchor, r_ours = medians("restore-" + db)
    b_rss, b_cpu = gnu_time("backup-ours-" + db)
    r_rss, r_cpu = gnu_time("restore-ours-" + db)
    peaks.append((db, b_rss))
    print("%s (%d MiB)" % (db, round(mib(db_size))))
    print("  backup   %7.2f s   vs pg_dump -Fc    %7.2f s    ratio %.2fx (%.1fx as fast)"
          % (b_ours, b_anchor, b_ours / b_anchor, b_anchor / b_ours))
    print("  size     %7.1f MiB vs pg_dump -Fc    %7.1f MiB  ratio %.2fx"
          % (mib(ours_size), mib(anchor_size), ours_size / anchor_size))
    print("  restore  %7.2f s   vs pg_restore -j2 %7.2f s    ratio %.2fx (%.2fx as fast)"
          % (r_ours, r_anchor, r_ours / r_anchor, r_anchor / r_ours))
    print("  dbrunbooks peak RSS: backup %.0f MiB (CPU %.2f s), restore %.0f MiB (CPU %.2f s)"
          % (b_rss, b_cpu, r_rss, r_cpu))
if len(peaks) == 2:
    (small, s), (large, l) = peaks
    print("Backup peak RSS, %s against %s: %.0f against %.0f MiB = %.2fx (flat within 10%%: %s)"
          % (large, small, l, s, l / s, "yes" if abs(l / s - 1) <= 0.10 else "no"))
PY

if [[ -n ${BENCH_RESULTS_DIR:-} ]]; then
    mkdir -p "$BENCH_RESULTS_DIR"
    cp "$TMP"/*.json "$TMP"/time-*.txt "$TMP"/summary.txt "$BENCH_RESULTS_DIR"/
    echo "Raw results copied to $BENCH_RESULTS_DIR"
fi
