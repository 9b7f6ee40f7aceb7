#!/usr/bin/env bash
# Compares MariaDB backups, native and jdbc, with `mariadb-dump --single-transaction DB | zstd -1` in one run,
# rounds interleaved (see interleaved in lib.sh), data fingerprints on as a stored backup takes them.
#
# Usage: bench/backup-mariadb.sh [DBNAME] [RUNS]
#   DBNAME  database to back up (default dbrunbooks_bench, see make-sample-mariadb.sh)
#   RUNS    measured rounds, after one warm-up round (default 5)
#
# Environment:
#   MARIADB_HOST, MARIADB_PORT, MARIADB_USER  connection (defaults 127.0.0.1, 3306, root)
#   MARIADB_PASSWORD         password, if the login has one (handed to both tools, never printed)
#   DBRUNBOOKS_JAR           the CLI jar (default cli/target/dbrunbooks.jar in this checkout)
#   DBRUNBOOKS_BASELINE_JAR  if set, a second jar (e.g. an earlier build) whose backups take turns with the others
#   BENCH_RESULTS_DIR        if set, the raw results and the summary are copied there
set -euo pipefail

DB=${1:-dbrunbooks_bench}
RUNS=${2:-5}
WARMUP=1

BENCH_NAME=backup-mariadb.sh
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
require_runs "$RUNS"
require_identifier "$DB"

HOST=${MARIADB_HOST:-127.0.0.1}
PORT=${MARIADB_PORT:-3306}
USER_NAME=${MARIADB_USER:-root}
BASELINE=${DBRUNBOOKS_BASELINE_JAR:-}
[[ -z $BASELINE || -f $BASELINE ]] || die "DBRUNBOOKS_BASELINE_JAR $BASELINE does not exist"

require_common
need mariadb "Install the MariaDB client: apt-get install -y mariadb-client."
need mariadb-dump "Install the MariaDB client: apt-get install -y mariadb-client."
need zstd "Install it: apt-get install -y zstd."

TMP=$(mktemp -d "${TMPDIR:-/tmp}/dbrunbooks-bench-mariadb-backup.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

CLIENT_CNF="$TMP/client.cnf"
{
    echo "[client]"
    echo "host=$HOST"
    echo "port=$PORT"
    echo "user=$USER_NAME"
    [[ -n ${MARIADB_PASSWORD:-} ]] && echo "password=$MARIADB_PASSWORD"
} >"$CLIENT_CNF"
chmod 600 "$CLIENT_CNF"
sql() { mariadb --defaults-extra-file="$CLIENT_CNF" --batch --skip-column-names "$@"; }
[[ $(sql -e "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '$DB'") == 1 ]] \
    || die "database $DB does not exist on $HOST:$PORT. Create a sample: bench/make-sample-mariadb.sh 300 $DB"

password_line=""
if [[ -n ${MARIADB_PASSWORD:-} ]]; then
    password_line=", passwordEnv: MARIADB_PASSWORD"
    export MARIADB_PASSWORD
fi
# One configuration per jar, so each writes its own backup root; the same database once per method.
for who in ours base; do
    {
        echo "environments:"
        echo "  - name: bench"
        echo "    backupRoot: $TMP/$who"
        echo "    databases:"
        for method in native jdbc; do
            echo "      - name: $method"
            echo "        url: jdbc:mariadb://$HOST:$PORT/$DB"
            echo "        method: $method"
            echo "        credentials:"
            echo "          backup: {user: $USER_NAME$password_line}"
        done
    } >"$TMP/$who.yaml"
done

db_size=$(sql -e "SELECT SUM(DATA_LENGTH + INDEX_LENGTH) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$DB'")
echo "== Machine"
echo "cores (nproc):   $(nproc)"
echo "CPU:             $(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)"
echo "memory:          $(awk '/^MemTotal:/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
echo "MariaDB:         $(sql -e 'SELECT VERSION()')"
echo "mariadb-dump:    $(mariadb-dump --version)"
echo "Java:            $(java -version 2>&1 | head -n1)"
echo "database:        $DB, $((db_size / 1048576)) MiB of data and indexes"
echo "baseline jar:    ${BASELINE:-none}"
echo "load average:    $(cut -d' ' -f1-3 /proc/loadavg) (before)"
echo

run_ours() {
    printf 'DBRUNBOOKS_JAR=%q %s' "$1" "$(timed "$2" "$ROOT/cli/dbrunbooks" --config "$TMP/$3.yaml" "${@:4}")"
}

anchor="mariadb-dump --defaults-extra-file=$(q "$CLIENT_CNF") --single-transaction $DB | zstd -1 -q > $(q "$TMP/anchor.sql.zst")"
args=(-n "mariadb-dump | zstd -1" --prepare "rm -f $(q "$TMP/anchor.sql.zst")" "$(timed anchor sh -c "$anchor")")
labels=(anchor)
for who in ours base; do
    jar=$JAR
    if [[ $who == base ]]; then
        [[ -n $BASELINE ]] || continue
        jar=$BASELINE
    fi
    for method in native jdbc; do
        args+=(-n "$who $method" --prepare "rm -rf $(q "$TMP/$who")"
            "$(run_ours "$jar" "$who-$method" "$who" backup --environment bench --database "$method")")
        labels+=("$who-$method")
    done
done
echo "== backup"
interleaved backup "$RUNS" "$WARMUP" "${args[@]}"
echo "load average:    $(cut -d' ' -f1-3 /proc/loadavg) (after)"

python3 - "$TMP" "$WARMUP" "${labels[@]}" <<'PY' | tee "$TMP/summary.txt"
import statistics, sys

import timings

tmp, warmup, labels = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
walls = timings.medians(tmp, "backup")
print("== Summary (medians of the measured rounds; wall and client CPU user+sys in seconds, peak RSS)")
for label, wall in zip(labels, walls):
    cpu, rss = timings.gnu_time(tmp, label, warmup)
    speed = "" if label == "anchor" else "  %.2fx the anchor's speed" % (walls[0] / wall)
    print("  %-12s %6.2f s  CPU %6.2f s  RSS %5.0f MiB%s" % (label, wall, statistics.median(cpu), rss / 1024, speed))
PY

if [[ -n ${BENCH_RESULTS_DIR:-} ]]; then
    mkdir -p "$BENCH_RESULTS_DIR"
    cp "$TMP"/*.json "$TMP"/time-*.txt "$TMP"/summary.txt "$BENCH_RESULTS_DIR"/
    echo "Raw results copied to $BENCH_RESULTS_DIR"
fi
