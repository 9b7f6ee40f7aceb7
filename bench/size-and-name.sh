# The arguments every script that builds a benchmark database takes; sourced, never run.

# Usage errors exit 2, before anything is touched.
require_size_and_name() {
    if ! [[ $1 =~ ^[0-9]+$ ]] || (($1 < 20)); then
        echo "SIZE_MB must be a whole number of megabytes, at least 20" >&2
        exit 2
    fi
    if ! [[ $2 =~ ^[a-z_][a-z0-9_]*$ ]]; then
        echo "DBNAME must be a plain lower-case identifier" >&2
        exit 2
    fi
}
