#!/usr/bin/env bash
# Compares dbrunbooks with plain pg_dump / pg_restore on one database, in one run:
# backup time, restore time, client CPU, peak memory (RSS) and backup size.
#
# Usage: bench/compare.sh [DBNAME] [RUNS]
#   DBNAME  database to back up (default dbrunbooks_bench, see make-sample-db.sh)
#   RUNS    measured runs per command, after one warm-up run (default 5)
#
# Environment:
#   PGHOST, PGPORT, PGUSER, PGPASSWORD  connection (defaults 127.0.0.1, 5432, postgres)
#   DBRUNBOOKS_JAR       the CLI jar (default cli/target/dbrunbooks.jar in this checkout)
#   DBRUNBOOKS_BASELINE_JAR  if set, a second jar (e.g. an earlier build) whose backup and restore take turns with
#                        the others
#   DBRUNBOOKS_BASELINE_LAUNCHER  the launcher script that runs the baseline jar (default: this checkout's), to
#                        measure a change of the launcher itself
#   BENCH_RESULTS_DIR    if set, the raw hyperfine JSON, timings and the summary are copied there
set -euo pipefail

DB=${1:-dbrunbooks_bench}
RUNS=${2:-5}
WARMUP=1

BENCH_NAME=compare.sh
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_runs "$RUNS"
require_identifier "$DB"

export PGHOST=${PGHOST:-127.0.0.1}
export PGPORT=${PGPORT:-5432}
export PGUSER=${PGUSER:-postgres}

require_common
for tool in psql pg_dump pg_restore createdb dropdb; do
    need "$tool" "Install the PostgreSQL client: apt-get install -y postgresql-client."
done
need zstd "Install it: apt-get install -y zstd (dbrunbooks compresses with zstd)."

db_exists() {
    [[ $(psql -X -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$1'") == 1 ]]
}
db_exists "$DB" || die "database $DB does not exist on $PGHOST:$PGPORT. Create a sample: bench/make-sample-db.sh 1024 $DB"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dbrunbooks-bench.XXXXXX")
ANCHOR_DB="${DB}_rs_anchor_$$"
OURS_DB="${DB}_rs_ours_$$"
BASE_DB="${DB}_rs_base_$$"

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    for db in "$ANCHOR_DB" "$OURS_DB" "$BASE_DB"; do
        dropdb --if-exists --force "$db" 2>/dev/null || echo "compare.sh: could not drop $db; drop it by hand" >&2
    done
    rm -rf "$TMP"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- configuration for dbrunbooks -------------------------------------------------
AGE_RECIPIENT=""
if command -v age-keygen >/dev/null; then
    age-keygen -o "$TMP/age-identity.txt" 2>/dev/null
    AGE_RECIPIENT=$(age-keygen -y "$TMP/age-identity.txt")
else
    echo "age-keygen not found: skipping the encrypted backup (apt-get install -y age to include it)." >&2
fi

CFG="$TMP/dbrunbooks.yaml"
URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB"
database_block() {
    cat <<EOF
    databases:
      - name: main
        url: $URL
        method: native
        credentials:
          backup: {user: $PGUSER}
          restore: {user: $PGUSER}
EOF
}
{
    echo "environments:"
    echo "  - name: bench"
    echo "    backupRoot: $TMP/backups"
    database_block
    echo "  - name: bench-base"
    echo "    backupRoot: $TMP/backups-base"
    database_block
    if [[ -n $AGE_RECIPIENT ]]; then
        echo "  - name: bench-age"
        echo "    backupRoot: $TMP/backups-age"
        echo "    ageRecipients: [$AGE_RECIPIENT]"
        database_block
    fi
} >"$CFG"
mkdir -p "$TMP/backups" "$TMP/backups-age" "$TMP/backups-base"

OURS=("$ROOT/cli/dbrunbooks" --config "$CFG")
BASE=("${DBRUNBOOKS_BASELINE_LAUNCHER:-$ROOT/cli/dbrunbooks}" --config "$CFG")
ANCHOR_DUMP="$TMP/anchor.dump"

# --- machine facts ---------------------------------------------------------------
cpu_model=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)
mem_total=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
db_size=$(psql -X -d "$DB" -Atc "SELECT pg_database_size(current_database())")
echo "== Machine"
echo "cores (nproc):   $(nproc)"
echo "CPU:             ${cpu_model:-unknown}"
echo "memory:          $mem_total"
echo "kernel:          $(uname -sr)"
echo "PostgreSQL:      $(psql -X -d postgres -Atc 'SELECT version()')"
echo "pg_dump:         $(pg_dump --version)"
echo "Java:            $(java -version 2>&1 | head -n1), options: ${DBRUNBOOKS_JAVA_OPTS:-launcher default}"
echo "hyperfine:       $(hyperfine --version)"
echo "zstd:            $(zstd --version)"
echo "database:        $DB on $PGHOST:$PGPORT, $db_size bytes ($((db_size / 1048576)) MiB)"
echo "runs:            $RUNS measured after $WARMUP warm-up, per command"
echo

# --- backup ----------------------------------------------------------------------
# Each run starts from an empty destination: the anchor file and our backup roots are removed
# in --prepare (not timed), so every run does the same work and the disk does not fill up.
backup_args=(
    -n "pg_dump -Fc" --prepare "rm -f $(q "$ANCHOR_DUMP")"
    "$(timed backup-anchor pg_dump -Fc -f "$ANCHOR_DUMP" "$DB")"
    -n "pg_dump -Fd -j2" --prepare "rm -rf $(q "$TMP/anchor.dir")"
    "$(timed backup-anchor-fd pg_dump -Fd -j2 -f "$TMP/anchor.dir" "$DB")"
    -n "dbrunbooks" --prepare "rm -rf $(q "$TMP/backups") && mkdir $(q "$TMP/backups")"
    "$(timed backup-ours "${OURS[@]}" backup --environment bench --database main)"
)
if [[ -n ${DBRUNBOOKS_BASELINE_JAR:-} ]]; then
    backup_args+=(
        -n "dbrunbooks (baseline)" --prepare "rm -rf $(q "$TMP/backups-base") && mkdir $(q "$TMP/backups-base")"
        "$(timed backup-base env DBRUNBOOKS_JAR="$DBRUNBOOKS_BASELINE_JAR" "${BASE[@]}" backup --environment bench-base \
            --database main)"
    )
fi
if [[ -n $AGE_RECIPIENT ]]; then
    backup_args+=(
        -n "dbrunbooks + age" --prepare "rm -rf $(q "$TMP/backups-age") && mkdir $(q "$TMP/backups-age")"
        "$(timed backup-ours-age "${OURS[@]}" backup --environment bench-age --database main)"
    )
fi
echo "== Backup"
interleaved backup "$RUNS" "$WARMUP" "${backup_args[@]}"
echo

# --- restore ---------------------------------------------------------------------
# Both restore into a new, empty database that is dropped before every run (not timed).
echo "== Restore"
restore_args=(
    -n "pg_restore -j2" \
    --prepare "dropdb --if-exists --force $(q "$ANCHOR_DB") && createdb -T template0 $(q "$ANCHOR_DB")" \
    "$(timed restore-anchor pg_restore -j2 -d "$ANCHOR_DB" "$ANCHOR_DUMP")" \
    -n "dbrunbooks" \
    --prepare "dropdb --if-exists --force $(q "$OURS_DB")" \
    "$(timed restore-ours "${OURS[@]}" restore --environment bench --database main \
        --target-database "$OURS_DB" --backup latest)"
)
if [[ -n ${DBRUNBOOKS_BASELINE_JAR:-} ]]; then
    restore_args+=(
        -n "dbrunbooks (baseline)" --prepare "dropdb --if-exists --force $(q "$BASE_DB")"
        "$(timed restore-base env DBRUNBOOKS_JAR="$DBRUNBOOKS_BASELINE_JAR" "${BASE[@]}" restore --environment bench \
            --database main --target-database "$BASE_DB" --backup latest)"
    )
fi
interleaved restore "$RUNS" "$WARMUP" "${restore_args[@]}"
echo

# --- sizes -----------------------------------------------------------------------
newest() {
    find "$1" -type f -name "$2" -printf '%T@ %s\n' 2>/dev/null | sort -n | tail -n1 | cut -d' ' -f2
}
anchor_size=$(stat -c %s "$ANCHOR_DUMP")
ours_size=$(newest "$TMP/backups" '*.dump.zst')
[[ -n $ours_size ]] || die "no *.dump.zst payload found under $TMP/backups"
ours_age_size=""
if [[ -n $AGE_RECIPIENT ]]; then
    ours_age_size=$(newest "$TMP/backups-age" '*.dump.zst.age')
    [[ -n $ours_age_size ]] || die "no *.dump.zst.age payload found under $TMP/backups-age"
fi

# --- summary ---------------------------------------------------------------------
python3 - "$TMP" "$WARMUP" "$db_size" "$anchor_size" "$ours_size" "$ours_age_size" <<'PY' | tee "$TMP/summary.txt"
import os, statistics, sys

import timings

tmp, warmup, db_size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sizes = {"backup-anchor": int(sys.argv[4]), "backup-ours": int(sys.argv[5])}
if sys.argv[6]:
    sizes["backup-ours-age"] = int(sys.argv[6])

def walls(section):
    return timings.walls(tmp, section)


def gnu_time(label):
    return timings.gnu_time(tmp, label, warmup)

rows = []
for section, labels, names in (
        ("backup", ["backup-anchor", "backup-anchor-fd", "backup-ours", "backup-base", "backup-ours-age"],
         ["pg_dump -Fc", "pg_dump -Fd -j2", "dbrunbooks", "dbrunbooks (baseline)", "dbrunbooks + age"]),
        ("restore", ["restore-anchor", "restore-ours", "restore-base"],
         ["pg_restore -j2", "dbrunbooks", "dbrunbooks (baseline)"])):
    # Only the commands that ran, in the order they ran: each has its file of GNU time lines.
    ran = [(l, n) for l, n in zip(labels, names) if os.path.exists(os.path.join(tmp, "time-" + l + ".txt"))]
    for times, (label, name) in zip(walls(section), ran):
        cpu, rss = gnu_time(label)
        rows.append(dict(op=section, label=label, tool=name, median=statistics.median(times),
                         min=min(times), max=max(times), cpu=statistics.median(cpu), rss=rss,
                         size=sizes.get(label)))
by = {r["label"]: r for r in rows}

mib = lambda b: b / 1048576
print("== Summary (database %d MiB; wall and CPU in seconds; CPU = user+sys of the client process tree)"
      % round(mib(db_size)))
head = "%-8s %-17s %9s %9s %9s %10s %10s %11s" % (
    "", "", "wall med", "min", "max", "CPU med", "peak RSS", "size")
print(head)
print("-" * len(head))
for r in rows:
    size = "%8.1f MiB" % mib(r["size"]) if r["size"] is not None else ""
    print("%-8s %-17s %9.2f %9.2f %9.2f %10.2f %6.0f MiB %11s" % (
        r["op"], r["tool"], r["median"], r["min"], r["max"], r["cpu"], r["rss"] / 1024, size))
print()
print("Ratios ours / anchor (below 1 is better for dbrunbooks):")
def ratio(what, ours, anchor, key, unit):
    if ours in by:
        a, o = by[anchor][key], by[ours][key]
        scale = {"s": 1, "MiB": 1048576, "MiB RSS": 1024}[unit]
        print("  %-24s %6.2fx  (%.2f vs %.2f %s)" % (what, o / a, o / scale, a / scale, unit.split()[0]))
ratio("backup time", "backup-ours", "backup-anchor", "median", "s")
ratio("backup time, baseline jar", "backup-base", "backup-anchor", "median", "s")
ratio("backup time vs -Fd -j2", "backup-ours", "backup-anchor-fd", "median", "s")
ratio("backup time, with age", "backup-ours-age", "backup-anchor", "median", "s")
ratio("restore time", "restore-ours", "restore-anchor", "median", "s")
ratio("restore time, baseline jar", "restore-base", "restore-anchor", "median", "s")
ratio("size", "backup-ours", "backup-anchor", "size", "MiB")
ratio("size, with age", "backup-ours-age", "backup-anchor", "size", "MiB")
ratio("peak RSS, backup", "backup-ours", "backup-anchor", "rss", "MiB RSS")
ratio("peak RSS, restore", "restore-ours", "restore-anchor", "rss", "MiB RSS")
PY

if [[ -n ${BENCH_RESULTS_DIR:-} ]]; then
    mkdir -p "$BENCH_RESULTS_DIR"
    cp "$TMP"/backup.json "$TMP"/restore.json "$TMP"/time-*.txt "$TMP"/summary.txt "$BENCH_RESULTS_DIR"/
    echo "Raw results copied to $BENCH_RESULTS_DIR"
fi
