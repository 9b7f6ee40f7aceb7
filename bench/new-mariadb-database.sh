# What the scripts that build MariaDB benchmark databases share; sourced by them, never run. Sourcing it reads the
# client's options from MARIADB_OPTS (default "-h127.0.0.1 -P3306 -uroot"; a password is best kept in ~/.my.cnf)
# and checks the client.

# shellcheck source=bench/size-and-name.sh
source "$(dirname "${BASH_SOURCE[0]}")/size-and-name.sh"

read -r -a OPTS <<<"${MARIADB_OPTS:--h127.0.0.1 -P3306 -uroot}"
command -v mariadb >/dev/null || {
    echo "mariadb not found: install the MariaDB client (e.g. apt-get install -y mariadb-client)" >&2
    exit 1
}
sql() { mariadb "${OPTS[@]}" --batch --skip-column-names "$@"; }

# Creates DBNAME anew, with a table bench_marker commented MARKER that names MADE_BY. An existing database of that
# name is replaced only if its bench_marker's comment is LIKE OURS (what these scripts write), so a database they
# did not make is never dropped.
new_marked_database() {
    local dbname=$1 marker=$2 ours=$3 made_by=$4 exists
    exists=$(sql -e "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '$dbname'")
    if [[ $exists == 1 ]]; then
        exists=$(sql -e "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$dbname'
            AND TABLE_NAME = 'bench_marker' AND TABLE_COMMENT LIKE '$ours'")
        if [[ $exists != 1 ]]; then
            echo "Database $dbname exists and was not made by this script; choose another name." >&2
            exit 1
        fi
        echo "Replacing the earlier $dbname"
        sql -e "DROP DATABASE \`$dbname\`"
    fi
    sql -e "CREATE DATABASE \`$dbname\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci"
    sql "$dbname" -e "CREATE TABLE bench_marker (made_by VARCHAR(64) NOT NULL) COMMENT '$marker';
        INSERT INTO bench_marker VALUES ('$made_by')"
}

# Says how big DBNAME came out against SIZE_MB, built in the seconds since START, and each table's share (of the
# LIMIT biggest only, if given).
report_size() {
    local dbname=$1 size_mb=$2 start=$3 limit=${4:+LIMIT $4} size_bytes
    size_bytes=$(sql -e "SELECT SUM(DATA_LENGTH + INDEX_LENGTH) FROM information_schema.TABLES
        WHERE TABLE_SCHEMA = '$dbname'")
    echo "Built $dbname in $((SECONDS - start)) s: data and indexes = $size_bytes bytes" \
        "($((size_bytes / 1048576)) MiB), $((size_bytes * 100 / (size_mb * 1048576)))% of the ${size_mb} MiB target"
    sql --column-names -e "SELECT TABLE_NAME AS table_name, TABLE_ROWS AS approx_rows,
        ROUND((DATA_LENGTH + INDEX_LENGTH) / 1048576, 1) AS total_mib,
        ROUND(100 * (DATA_LENGTH + INDEX_LENGTH) / SUM(DATA_LENGTH + INDEX_LENGTH) OVER (), 1) AS pct
        FROM information_schema.TABLES WHERE TABLE_SCHEMA = '$dbname' AND TABLE_TYPE = 'BASE TABLE'
        ORDER BY DATA_LENGTH + INDEX_LENGTH DESC $limit" "$dbname"
}
