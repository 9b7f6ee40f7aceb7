#!/usr/bin/env bash
# Measures the jdbc method on PostgreSQL on one database of any shape (bench/make-shape-db.sh), in alternating
# rounds, against every anchor of the same run: backup against `pg_dump -Fc`, `pg_dump -Fd -j2` and the floor
# (the largest tables copied out at once, `psql \copy ... to stdout binary | zstd -1`), size against the -Fc dump,
# restore against `pg_restore -j2` of that dump. With DBRUNBOOKS_BASELINE_JAR set, that jar's backup and restore
# are measured in the same rounds too (its restore from its own backup, whose format it reads).
#
# Usage: bench/jdbc-shape.sh DBNAME [RUNS]
#   RUNS  measured rounds after one warm-up round (default 3)
#
# Environment:
#   PGHOST, PGPORT, PGUSER, PGPASSWORD  connection (defaults 127.0.0.1, 5432, postgres)
#   FLOOR_TABLES            the tables the floor copies at once (default: the database's two largest)
#   DBRUNBOOKS_JAR          the CLI jar (default cli/target/dbrunbooks.jar in this checkout)
#   DBRUNBOOKS_BASELINE_JAR a second jar (e.g. a build of an earlier commit) to measure beside it
#   BENCH_RESULTS_DIR       if set, the raw results and the summary are copied there
set -euo pipefail

[[ $# -ge 1 && $# -le 2 ]] || { echo "Usage: $0 DBNAME [RUNS]" >&2; exit 2; }
DB=$1
RUNS=${2:-3}
WARMUP=1

BENCH_NAME=jdbc-shape.sh
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_runs "$RUNS"
require_identifier "$DB"

export PGHOST=${PGHOST:-127.0.0.1}
export PGPORT=${PGPORT:-5432}
export PGUSER=${PGUSER:-postgres}

require_common
for tool in psql pg_dump pg_restore createdb dropdb zstd; do
    need "$tool" "Install it: apt-get install -y postgresql-client zstd."
done
[[ $(psql -X -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$DB'") == 1 ]] ||
    die "database $DB does not exist. Create it: bench/make-shape-db.sh big-table 1024 $DB"
BASELINE=${DBRUNBOOKS_BASELINE_JAR:-}
[[ -z $BASELINE || -f $BASELINE ]] || die "DBRUNBOOKS_BASELINE_JAR $BASELINE does not exist"

if [[ -z ${FLOOR_TABLES:-} ]]; then
    FLOOR_TABLES=$(psql -X -d "$DB" -Atc "SELECT string_agg(t, ' ') FROM (SELECT format('%I.%I', n.nspname,
        c.relname) AS t FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'
        AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY pg_total_relation_size(c.oid) DESC
        LIMIT 2) x")
fi

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dbrunbooks-shape-bench.XXXXXX")
TARGETS=()
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    for db in "${TARGETS[@]}"; do
        dropdb --if-exists --force "$db" 2>/dev/null || echo "jdbc-shape.sh: could not drop $db" >&2
    done
    rm -rf "$TMP"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

config() {
    printf 'environments:\n  - name: bench\n    backupRoot: %s\n    databases:\n' "$2"
    printf '      - name: main\n        url: jdbc:postgresql://%s:%s/%s\n        method: jdbc\n' \
        "$PGHOST" "$PGPORT" "$DB"
    printf '        credentials:\n          backup: {user: %s}\n          restore: {user: %s}\n' "$PGUSER" "$PGUSER"
}
config ours "$TMP/ours" >"$TMP/ours.yaml"
config base "$TMP/base" >"$TMP/base.yaml"

# The floor: each table copied out in its binary form and compressed, all at once, as one command.
FLOOR="$TMP/floor.sh"
{
    echo 'set -e'
    for t in $FLOOR_TABLES; do
        printf 'psql -X -q -d %q -c %q | zstd -1 -q -f -o %q &\n' "$DB" "\\copy $t to stdout binary" "$TMP/floor-$t.zst"
    done
    echo 'wait'
} >"$FLOOR"

echo "== Machine"
echo "cores (nproc):   $(nproc)"
echo "CPU:             $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
echo "memory:          $(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
echo "PostgreSQL:      $(psql -X -d postgres -Atc 'SHOW server_version')"
echo "pg_dump:         $(pg_dump --version)"
echo "Java:            $(java -version 2>&1 | head -n1)"
echo "database:        $DB, $(($(psql -X -d "$DB" -Atc 'SELECT pg_database_size(current_database())') / 1048576)) MiB"
echo "floor tables:    $FLOOR_TABLES"
echo "baseline jar:    ${BASELINE:-none}"
echo "load average:    $(cut -d' ' -f1-3 /proc/loadavg) (before)"
echo

run_ours() {
    # hyperfine runs each command through a shell; the jar is chosen by the environment.
    printf 'DBRUNBOOKS_JAR=%q %s' "$1" "$(timed "$2" "$ROOT/cli/dbrunbooks" --config "$TMP/$3.yaml" "${@:4}")"
}

backup_args=(
    -n "pg_dump -Fc" --prepare "rm -f $(q "$TMP/anchor.dump")"
    "$(timed backup-fc pg_dump -Fc -f "$TMP/anchor.dump" "$DB")"
    -n "pg_dump -Fd -j2" --prepare "rm -rf $(q "$TMP/anchor.dir")"
    "$(timed backup-fd pg_dump -Fd -j2 -f "$TMP/anchor.dir" "$DB")"
    -n "floor" --prepare "rm -f $(q "$TMP")/floor-*.zst"
    "$(timed backup-floor bash "$FLOOR")"
    -n "dbrunbooks jdbc" --prepare "rm -rf $(q "$TMP/ours")"
    "$(run_ours "$JAR" backup-ours ours backup --environment bench --database main)"
)
if [[ -n $BASELINE ]]; then
    backup_args+=(-n "baseline jdbc" --prepare "rm -rf $(q "$TMP/base")"
        "$(run_ours "$BASELINE" backup-base base backup --environment bench --database main)")
fi
echo "== backup"
interleaved backup "$RUNS" "$WARMUP" "${backup_args[@]}"
echo "load average:    $(cut -d' ' -f1-3 /proc/loadavg) (after the backups)"

anchor_db="${DB}_shape_anchor_$$"
ours_db="${DB}_shape_ours_$$"
base_db="${DB}_shape_base_$$"
TARGETS+=("$anchor_db" "$ours_db" "$base_db")
restore_args=(
    -n "pg_restore -j2"
    --prepare "dropdb --if-exists --force $(q "$anchor_db") && createdb -T template0 $(q "$anchor_db")"
    "$(timed restore-anchor pg_restore -j2 -d "$anchor_db" "$TMP/anchor.dump")"
    -n "dbrunbooks jdbc" --prepare "dropdb --if-exists --force $(q "$ours_db")"
    "$(run_ours "$JAR" restore-ours ours restore --environment bench --database main --target-database "$ours_db" \
        --backup latest)"
)
if [[ -n $BASELINE ]]; then
    restore_args+=(-n "baseline jdbc" --prepare "dropdb --if-exists --force $(q "$base_db")"
        "$(run_ours "$BASELINE" restore-base base restore --environment bench --database main \
            --target-database "$base_db" --backup latest)")
fi
echo "== restore into an empty database"
interleaved restore "$RUNS" "$WARMUP" "${restore_args[@]}"
echo "load average:    $(cut -d' ' -f1-3 /proc/loadavg) (after the restores)"

index_count() {
    psql -X -d "$1" -Atc "SELECT count(*) FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
}
[[ $(index_count "$anchor_db") == $(index_count "$ours_db") ]] ||
    die "the restored copies have different numbers of indexes"

sizes="$TMP/sizes.txt"
{
    echo "fc $(stat -c %s "$TMP/anchor.dump")"
    echo "fd $(du -sb "$TMP/anchor.dir" | cut -f1)"
    echo "floor $(cat "$TMP"/floor-*.zst | wc -c)"
    echo "ours $(find "$TMP/ours" -type f -name '*.dbrj.zst' -printf '%s\n' | head -n1)"
    [[ -z $BASELINE ]] || echo "base $(find "$TMP/base" -type f -name '*.dbrj.zst' -printf '%s\n' | head -n1)"
} >"$sizes"

python3 - "$TMP" "$WARMUP" "$sizes" <<'PY' | tee "$TMP/summary.txt"
import statistics, sys

import timings

tmp, warmup, sizes_file = sys.argv[1], int(sys.argv[2]), sys.argv[3]
sizes = dict((k, int(v)) for k, v in (line.split() for line in open(sizes_file)))

def cpu(label):
    c, rss = timings.gnu_time(tmp, label, warmup)
    return statistics.median(c), rss / 1024

print("== Summary (medians of the measured rounds; wall, client CPU user+sys, peak RSS)")
b = timings.medians(tmp, "backup")
labels = ["backup-fc", "backup-fd", "backup-floor", "backup-ours", "backup-base"][:len(b)]
names = ["pg_dump -Fc", "pg_dump -Fd -j2", "floor", "dbrunbooks jdbc", "baseline jdbc"]
size_keys = ["fc", "fd", "floor", "ours", "base"]
for name, label, wall, key in zip(names, labels, b, size_keys):
    c, rss = cpu(label)
    print("  backup  %-16s %6.2f s  CPU %6.2f s  RSS %5.0f MiB  size %7.1f MiB" % (name, wall, c, rss,
          sizes[key] / 1048576))
fc, fd, floor = b[0], b[1], b[2]
for name, wall, key in zip(names[3:], b[3:], size_keys[3:]):
    print("  %s backup: %.2fx pg_dump -Fc, %.2fx pg_dump -Fd -j2, %.2fx the floor's time, size %.2fx -Fc"
          % (name, fc / wall, fd / wall, wall / floor, sizes[key] / sizes["fc"]))
r = timings.medians(tmp, "restore")
rlabels = ["restore-anchor", "restore-ours", "restore-base"][:len(r)]
rnames = ["pg_restore -j2", "dbrunbooks jdbc", "baseline jdbc"]
for name, label, wall in zip(rnames, rlabels, r):
    c, rss = cpu(label)
    print("  restore %-16s %6.2f s  CPU %6.2f s  RSS %5.0f MiB" % (name, wall, c, rss))
for name, wall in zip(rnames[1:], r[1:]):
    print("  %s restore: %.2fx pg_restore -j2" % (name, r[0] / wall))
PY

if [[ -n ${BENCH_RESULTS_DIR:-} ]]; then
    mkdir -p "$BENCH_RESULTS_DIR"
    cp "$TMP"/*.json "$TMP"/time-*.txt "$TMP"/summary.txt "$BENCH_RESULTS_DIR"/
    echo "Raw results copied to $BENCH_RESULTS_DIR"
fi
