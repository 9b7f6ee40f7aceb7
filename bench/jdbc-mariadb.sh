#!/usr/bin/env bash
# Compares the jdbc method of dbrunbooks with mariadb-dump and the mariadb client on one
# MariaDB database, in one run: backup time, restore time, client CPU, peak memory (RSS),
# backup size, and whether every restored table has the source's checksum.
#
# Usage: bench/jdbc-mariadb.sh [DBNAME] [RUNS]
#   DBNAME  database to back up (default dbrunbooks_bench, see make-sample-mariadb.sh)
#   RUNS    measured runs per command, after one warm-up run (default 5)
#
# Environment:
#   MARIADB_HOST, MARIADB_PORT, MARIADB_USER  connection (defaults 127.0.0.1, 3306, root)
#   MARIADB_PASSWORD     password, if the login has one (handed to both tools, never printed)
#   DBRUNBOOKS_JAR       the CLI jar (default cli/target/dbrunbooks.jar in this checkout)
#   BENCH_RESULTS_DIR    if set, the raw hyperfine JSON, timings and the summary are copied there
set -euo pipefail

DB=${1:-dbrunbooks_bench}
RUNS=${2:-5}
WARMUP=1

BENCH_NAME=jdbc-mariadb.sh
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_runs "$RUNS"
require_identifier "$DB"

HOST=${MARIADB_HOST:-127.0.0.1}
PORT=${MARIADB_PORT:-3306}
USER_NAME=${MARIADB_USER:-root}

require_common
need mariadb "Install the MariaDB client: apt-get install -y mariadb-client."
need mariadb-dump "Install the MariaDB client: apt-get install -y mariadb-client."

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dbrunbooks-bench-mariadb.XXXXXX")
ANCHOR_DB="${DB}_rs_anchor_$$"
OURS_DB="${DB}_rs_ours_$$"

# The client tools read the login from an option file, so no password shows in a process list.
CLIENT_CNF="$TMP/client.cnf"
{
    echo "[client]"
    echo "host=$HOST"
    echo "port=$PORT"
    echo "user=$USER_NAME"
    [[ -n ${MARIADB_PASSWORD:-} ]] && echo "password=$MARIADB_PASSWORD"
} >"$CLIENT_CNF"
chmod 600 "$CLIENT_CNF"
CLIENT=(--defaults-extra-file="$CLIENT_CNF")
sql() { mariadb "${CLIENT[@]}" --batch --skip-column-names "$@"; }

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    for db in "$ANCHOR_DB" "$OURS_DB"; do
        sql -e "DROP DATABASE IF EXISTS \`$db\`" 2>/dev/null \
            || echo "jdbc-mariadb.sh: could not drop $db; drop it by hand" >&2
    done
    rm -rf "$TMP"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[[ $(sql -e "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '$DB'") == 1 ]] \
    || die "database $DB does not exist on $HOST:$PORT. Create a sample: bench/make-sample-mariadb.sh 500 $DB"

# --- configuration for dbrunbooks -------------------------------------------------
CFG="$TMP/dbrunbooks.yaml"
password_line=""
if [[ -n ${MARIADB_PASSWORD:-} ]]; then
    password_line=", passwordEnv: MARIADB_PASSWORD"
    export MARIADB_PASSWORD
fi
cat >"$CFG" <<EOF
environments:
  - name: bench
    backupRoot: $TMP/backups
    databases:
      - name: main
        url: jdbc:mariadb://$HOST:$PORT/$DB
        method: jdbc
        credentials:
          backup: {user: $USER_NAME$password_line}
          restore: {user: $USER_NAME$password_line}
EOF
mkdir -p "$TMP/backups"

OURS=("$ROOT/cli/dbrunbooks" --config "$CFG")
ANCHOR_DUMP="$TMP/anchor.sql"

# --- machine facts ---------------------------------------------------------------
cpu_model=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)
mem_total=$(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
db_size=$(sql -e "SELECT SUM(DATA_LENGTH + INDEX_LENGTH) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$DB'")
tables=$(sql -e "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$DB'
    AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")
echo "== Machine"
echo "cores (nproc):   $(nproc)"
echo "CPU:             ${cpu_model:-unknown}"
echo "memory:          $mem_total"
echo "kernel:          $(uname -sr)"
echo "MariaDB:         $(sql -e 'SELECT VERSION()')"
echo "server settings: $(sql -e "SELECT CONCAT('innodb_buffer_pool_size=', @@innodb_buffer_pool_size DIV 1048576,
    ' MiB, innodb_log_file_size=', @@innodb_log_file_size DIV 1048576, ' MiB, innodb_flush_log_at_trx_commit=',
    @@innodb_flush_log_at_trx_commit, ', log_bin=', @@log_bin, ', local_infile=', @@local_infile)")"
echo "mariadb-dump:    $(mariadb-dump --version)"
echo "Java:            $(java -version 2>&1 | head -n1), options: ${DBRUNBOOKS_JAVA_OPTS:-launcher default}"
echo "hyperfine:       $(hyperfine --version)"
echo "database:        $DB on $HOST:$PORT, $db_size bytes of data and indexes ($((db_size / 1048576)) MiB)"
echo "runs:            $RUNS measured after $WARMUP warm-up, per command"
echo

# --- backup ----------------------------------------------------------------------
# Each run starts from an empty destination: the anchor file and our backup root are removed
# in --prepare (not timed).
echo "== Backup"
hyperfine --warmup "$WARMUP" --runs "$RUNS" --export-json "$TMP/backup.json" \
    -n "mariadb-dump --single-transaction" --prepare "rm -f $(q "$ANCHOR_DUMP")" \
    "$(timed backup-anchor mariadb-dump "${CLIENT[@]}" --single-transaction --result-file="$ANCHOR_DUMP" "$DB")" \
    -n "dbrunbooks jdbc" --prepare "rm -rf $(q "$TMP/backups") && mkdir $(q "$TMP/backups")" \
    "$(timed backup-ours "${OURS[@]}" backup --environment bench --database main)"
echo

# --- restore ---------------------------------------------------------------------
# Both restore into a new, empty database that is dropped (and for the client created) before
# every run, outside the timings. The client replays the dump as a user would: mariadb DB < dump.
echo "== Restore"
replay="mariadb $(q "${CLIENT[0]}") $(q "$ANCHOR_DB") < $(q "$ANCHOR_DUMP")"
hyperfine --warmup "$WARMUP" --runs "$RUNS" --export-json "$TMP/restore.json" \
    -n "mariadb < dump" \
    --prepare "mariadb $(q "${CLIENT[0]}") -e $(q "DROP DATABASE IF EXISTS \`$ANCHOR_DB\`; CREATE DATABASE \`$ANCHOR_DB\`")" \
    "$(timed restore-anchor sh -c "$replay")" \
    -n "dbrunbooks jdbc" \
    --prepare "mariadb $(q "${CLIENT[0]}") -e $(q "DROP DATABASE IF EXISTS \`$OURS_DB\`")" \
    "$(timed restore-ours "${OURS[@]}" restore --environment bench --database main \
        --target-database "$OURS_DB" --backup latest)"
echo

# --- same data? --------------------------------------------------------------------
# CHECKSUM TABLE reads every column of every row; the last restores of both tools must match
# the source table for table.
echo "== Checksums (source, mariadb < dump, dbrunbooks jdbc)"
mismatches=0
for t in $tables; do
    sums=()
    for db in "$DB" "$ANCHOR_DB" "$OURS_DB"; do
        sums+=("$(sql -e "CHECKSUM TABLE \`$db\`.\`$t\`" | cut -f2)")
    done
    status=same
    if [[ ${sums[0]} != "${sums[1]}" || ${sums[0]} != "${sums[2]}" ]]; then
        status=DIFFERENT
        mismatches=$((mismatches + 1))
    fi
    printf '  %-24s %12s %12s %12s  %s\n' "$t" "${sums[0]}" "${sums[1]}" "${sums[2]}" "$status"
done
echo

# --- sizes -----------------------------------------------------------------------
anchor_size=$(stat -c %s "$ANCHOR_DUMP")
# For a fair size comparison: the dump compressed as dbrunbooks compresses (zstd level 1), not timed.
anchor_zst_size=""
if command -v zstd >/dev/null; then
    anchor_zst_size=$(zstd -1 -q -c "$ANCHOR_DUMP" | wc -c)
fi
ours_size=$(find "$TMP/backups" -type f -name '*.dbrj.zst' -printf '%s\n' | tail -n1)
[[ -n $ours_size ]] || die "no *.dbrj.zst payload found under $TMP/backups"

# --- summary ---------------------------------------------------------------------
python3 - "$TMP" "$WARMUP" "$db_size" "$anchor_size" "$ours_size" "$anchor_zst_size" <<'PY' | tee "$TMP/summary.txt"
import statistics, sys

import timings

tmp, warmup, db_size = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sizes = {"backup-anchor": int(sys.argv[4]), "backup-ours": int(sys.argv[5])}
anchor_zst = int(sys.argv[6]) if sys.argv[6] else None

def walls(section):
    return timings.walls(tmp, section)


def gnu_time(label):
    return timings.gnu_time(tmp, label, warmup)

rows = []
for section, labels, names in (
        ("backup", ["backup-anchor", "backup-ours"], ["mariadb-dump", "dbrunbooks jdbc"]),
        ("restore", ["restore-anchor", "restore-ours"], ["mariadb < dump", "dbrunbooks jdbc"])):
    for times, label, name in zip(walls(section), labels, names):
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
if anchor_zst is not None:
    print("(the mariadb-dump file compressed with zstd -1 would be %.1f MiB)" % mib(anchor_zst))
print()
print("Ratios ours / anchor (below 1 is better for dbrunbooks):")
def ratio(what, ours, anchor, key, unit):
    a, o = by[anchor][key], by[ours][key]
    scale = {"s": 1, "MiB": 1048576, "MiB RSS": 1024}[unit]
    print("  %-24s %6.2fx  (%.2f vs %.2f %s)" % (what, o / a, o / scale, a / scale, unit.split()[0]))
ratio("backup time", "backup-ours", "backup-anchor", "median", "s")
ratio("restore time", "restore-ours", "restore-anchor", "median", "s")
ratio("size", "backup-ours", "backup-anchor", "size", "MiB")
ratio("peak RSS, backup", "backup-ours", "backup-anchor", "rss", "MiB RSS")
ratio("peak RSS, restore", "restore-ours", "restore-anchor", "rss", "MiB RSS")
speedup = by["restore-anchor"]["median"] / by["restore-ours"]["median"]
print()
print("Restore speed-up over replaying the dump with the client: %.2fx (goal: at least 2x)" % speedup)
PY

if ((mismatches > 0)); then
    echo "jdbc-mariadb.sh: $mismatches table(s) differ after a restore; see the checksums above" >&2
fi
if [[ -n ${BENCH_RESULTS_DIR:-} ]]; then
    mkdir -p "$BENCH_RESULTS_DIR"
    cp "$TMP"/backup.json "$TMP"/restore.json "$TMP"/time-*.txt "$TMP"/summary.txt "$BENCH_RESULTS_DIR"/
    echo "Raw results copied to $BENCH_RESULTS_DIR"
fi
((mismatches == 0))
