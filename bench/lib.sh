# What the benchmark scripts share; sourced by them, never run. The caller sets BENCH_NAME (for messages) and
# TMP (before it calls timed).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DBRUNBOOKS_JAR=${DBRUNBOOKS_JAR:-$ROOT/cli/target/dbrunbooks.jar}
JAR=$DBRUNBOOKS_JAR
# The summaries import timings.py from here.
export PYTHONPATH="$ROOT/bench${PYTHONPATH:+:$PYTHONPATH}"

die() {
    echo "$BENCH_NAME: $*" >&2
    exit 1
}

need() {
    command -v "$1" >/dev/null || die "$1 not found. $2"
}

# Usage errors exit 2, before anything runs.
require_runs() {
    if ! [[ $1 =~ ^[0-9]+$ ]] || (($1 < 1)); then
        echo "RUNS must be a positive whole number" >&2
        exit 2
    fi
}

require_identifier() {
    if ! [[ $1 =~ ^[a-z_][a-z0-9_]*$ ]]; then
        echo "database names must be plain lower-case identifiers: $1" >&2
        exit 2
    fi
}

# The CLI jar and the tools every benchmark uses.
require_common() {
    [[ -f $JAR ]] || die "$JAR is missing. Build it first: mvn -Poffline -pl cli -am package -DskipTests"
    need java "Install a Java 17+ runtime (e.g. apt-get install -y openjdk-17-jre-headless)."
    need hyperfine "Install it: apt-get install -y hyperfine (or see https://github.com/sharkdp/hyperfine)."
    need python3 "Install it: apt-get install -y python3."
    [[ -x /usr/bin/time ]] || die "/usr/bin/time (GNU time) not found. Install it: apt-get install -y time."
}

q() { printf '%q' "$1"; }

# A command line for hyperfine that runs the command under GNU time, which appends
# "wall user sys maxRSS(KiB)" for each run (warm-up included) to $TMP/time-<label>.txt.
timed() {
    local label=$1 cmd word
    shift
    cmd="/usr/bin/time -a -o $(q "$TMP/time-$label.txt") -f '%e %U %S %M'"
    for word in "$@"; do
        cmd+=" $(q "$word")"
    done
    printf '%s' "$cmd"
}

# Runs hyperfine once per round, every command once a round, so that the commands take turns and a spell of load
# on a shared machine falls on all of them alike; the first WARMUP rounds are not counted. Writes the measured
# rounds' wall times to $TMP/SECTION.json in hyperfine's layout (one result per command, in order).
# Usage: interleaved SECTION RUNS WARMUP [hyperfine arguments: -n NAME --prepare CMD COMMAND ...]
interleaved() {
    local section=$1 runs=$2 warmup=$3 round
    shift 3
    for ((round = 1; round <= warmup + runs; round++)); do
        echo "-- $section, round $round of $((warmup + runs))$( ((round <= warmup)) && echo ' (warm-up)')"
        hyperfine --runs 1 --style basic --export-json "$TMP/$section-round-$round.json" "$@" | grep -E '^(Benchmark|  Time)'
    done
    python3 - "$TMP" "$section" "$warmup" "$runs" <<'PY'
import json, os, sys
tmp, section, warmup, runs = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
merged = None
for r in range(warmup + 1, warmup + runs + 1):
    with open(os.path.join(tmp, "%s-round-%d.json" % (section, r))) as f:
        results = json.load(f)["results"]
    if merged is None:
        merged = [{"command": x["command"], "times": []} for x in results]
    for m, x in zip(merged, results):
        m["times"].extend(x["times"])
with open(os.path.join(tmp, section + ".json"), "w") as f:
    json.dump({"results": merged}, f)
PY
}
