# What the scripts that build PostgreSQL benchmark databases share; sourced by them, never run. Sourcing it sets
# the libpq defaults and checks the PostgreSQL client tools.

# shellcheck source=bench/size-and-name.sh
source "$(dirname "${BASH_SOURCE[0]}")/size-and-name.sh"

export PGHOST=${PGHOST:-127.0.0.1}
export PGPORT=${PGPORT:-5432}
export PGUSER=${PGUSER:-postgres}

for tool in psql createdb dropdb; do
    command -v "$tool" >/dev/null || {
        echo "$tool not found: install the PostgreSQL client (e.g. apt-get install -y postgresql-client)" >&2
        exit 1
    }
done

psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }

# Creates DBNAME anew, commented MARKER. An existing database of that name is replaced only if its comment matches
# OURS (a glob: what these scripts write), so a database they did not make is never dropped.
new_marked_database() {
    local dbname=$1 marker=$2 ours=$3 exists comment
    exists=$(psql_admin -Atc "SELECT 1 FROM pg_database WHERE datname = '$dbname'")
    if [[ $exists == 1 ]]; then
        comment=$(psql_admin -Atc "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '$dbname'")
        # shellcheck disable=SC2053 # OURS is a pattern on purpose
        if [[ $comment != $ours ]]; then
            echo "Database $dbname exists and was not made by this script; choose another name." >&2
            exit 1
        fi
        echo "Replacing the earlier $dbname"
        dropdb --force "$dbname"
    fi
    createdb "$dbname"
    psql_admin -c "COMMENT ON DATABASE $dbname IS '$marker'"
}
