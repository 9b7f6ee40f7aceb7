#!/usr/bin/env bash
# The quick start: builds the dbrunbooks command, creates an embedded H2 sample database, backs it up,
# verifies the backup, restores it into a new database and shows that both hold the same rows.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=cli/target/dbrunbooks.jar
work=quickstart
say() { printf '\n\033[1m%s\033[0m\n' "$*"; }

say "Building the dbrunbooks command"
mvn -q -B -Poffline -pl cli -am package -DskipTests
rm -rf "$work" && mkdir -p "$work"

say "Creating the sample H2 database $work/data/shop"
java -cp "$jar" org.h2.tools.RunScript -url "jdbc:h2:./$work/data/shop" -user sa -script examples/sample-shop.sql

cat > "$work/dbrunbooks.yaml" <<YAML
auditLog: audit.jsonl
environments:
  - name: dev
    backupRoot: backups
    retention: {keepLast: 5}
    databases:
      - name: shop
        url: jdbc:h2:./$work/data/shop
        method: native
        credentials:
          backup: {user: sa}
          restore: {user: sa}
YAML
run() { java -jar "$jar" --config "$work/dbrunbooks.yaml" "$@"; }

say "Backing up dev/shop"
id=$(run backup --environment dev --database shop --label quickstart)
echo "New backup: $id"

say "Listing and verifying"
run list --environment dev --database shop
run verify --environment dev --database shop --backup "$id"

say "Restoring it into a new database, shop_copy"
run restore --environment dev --database shop --backup "$id" --target-database shop_copy

say "Comparing the two databases"
count() {
  java -cp "$jar" org.h2.tools.Shell -url "jdbc:h2:./$work/data/$1;IFEXISTS=TRUE" -user sa \
    -sql "SELECT (SELECT COUNT(*) FROM sales.customers) || ' customers, ' || (SELECT COUNT(*) FROM sales.orders) || ' orders, total ' || (SELECT SUM(total) FROM sales.orders) AS summary" \
    | sed -n 2p
}
original=$(count shop)
copy=$(count shop_copy)
echo "shop:      $original"
echo "shop_copy: $copy"
[ "$original" = "$copy" ] || { echo "The copy differs from the original" >&2; exit 1; }

say "Checking the audit trail"
run audit-verify "$work/audit.jsonl"
echo
echo "Done: the backup is in $work/backups/dev/shop/, its manifest beside it."
