#!/usr/bin/env bash
# Builds PostgreSQL's own regression database on the local server: the `regression` database that PostgreSQL's
# upgrade test dumps and restores, holding nearly every kind of object the server knows. The engine's
# RegressionDatabase tests back it up and restore it.
#
# Source: Debian's `postgresql-15` source package of exactly the installed server's version, fetched through a
# deb-src entry in a separate source list that is removed again afterwards, so the machine's package lists end as
# they began. pg_regress comes from the configured source tree; regress.so and the two contrib/spi modules the
# tests load are compiled against the server's own headers (postgresql-server-dev-15), so the running server
# accepts them.
#
# A re-run on the same machine is fast: when `regression` exists and this script made it from the same server
# version (recorded with the database's oid in the work directory), nothing is rebuilt.
#
# Environment: REGRESSION_WORK_DIR (default /var/tmp/dbrunbooks-regression; must be readable by the server's
# operating-system user, which loads the modules from there), PGHOST/PGPORT/PGUSER (default 127.0.0.1, 5432,
# postgres).
set -euo pipefail

work=${REGRESSION_WORK_DIR:-/var/tmp/dbrunbooks-regression}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
source_list=/etc/apt/sources.list.d/dbrunbooks-regression-src.list

step() { printf '\n--> %s (at %ss)\n' "$*" "$SECONDS"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_quiet() { as_root env DEBIAN_FRONTEND=noninteractive apt-get -y -qq "$@"; }

# The server's version as Debian packages it (15.20-0+deb12u1) and as it reports itself (150020).
package_version=$(dpkg-query -W -f='${Version}' postgresql-15)
server_num=$(psql -X -At -d postgres -c 'SHOW server_version_num')
upstream_version=${package_version%%-*}
expected_num=$(printf '%d%04d' "${upstream_version%%.*}" "${upstream_version#*.}")
if [ "$server_num" != "$expected_num" ]; then
  echo "The server at $PGHOST:$PGPORT reports $server_num but postgresql-15 $package_version is installed;" \
       "restart the server on the installed version first" >&2
  exit 1
fi
marker=$work/regression-made-by

regression_oid() {
  psql -X -At -d postgres -c "SELECT oid FROM pg_database WHERE datname = 'regression'"
}

# The database's C functions load the modules from the work directory, so they must still be there too.
if [ -f "$marker" ] && [ -n "$(regression_oid)" ] && [ "$(cat "$marker")" = "$package_version $(regression_oid)" ] \
    && compgen -G "$work/postgresql-15-*/src/test/regress/regress.so" >/dev/null; then
  echo "The regression database was made from postgresql-15 $package_version already; nothing to do"
  exit 0
fi

mkdir -p "$work"
cd "$work"

step "Source of postgresql-15 (bookworm main)"
src_dir=$(find "$work" -maxdepth 1 -type d -name 'postgresql-15-15.*' | sort -V | tail -n 1)
if [ -z "$src_dir" ]; then
  command -v dpkg-source >/dev/null 2>&1 || apt_quiet install dpkg-dev >/dev/null
  restore_lists() {
    as_root rm -f "$source_list"
    as_root apt-get update -qq || true
  }
  trap restore_lists EXIT
  echo 'deb-src http://deb.debian.org/debian bookworm main' | as_root tee "$source_list" >/dev/null
  as_root apt-get update -qq
  apt-get source --download-only -qq postgresql-15 2>&1 | grep -v 'unsandboxed' || true
  restore_lists
  trap - EXIT
  dsc=$(find . -maxdepth 1 -name 'postgresql-15_*.dsc' | sort -V | tail -n 1)
  if [ -z "$dsc" ]; then
    echo "apt-get source postgresql-15 fetched nothing from bookworm main" >&2
    exit 1
  fi
  # Extracted under a temporary name, so an interrupted run leaves no tree that looks complete.
  rm -rf "$work/extracting"
  dpkg-source --no-check -x "$dsc" "$work/extracting" >/dev/null
  version=${dsc#./postgresql-15_}
  src_dir=$work/postgresql-15-${version%%-*}
  mv "$work/extracting" "$src_dir"
fi
source_version=${src_dir##*/postgresql-15-}
# bookworm main can trail the installed server (bookworm-security) by a minor release. The tests' objects rarely
# change within a major release, the modules are built against the server's own headers below, and the tests run
# with this source's psql, whose output they expect.
if [ "$source_version" != "$upstream_version" ]; then
  echo "Source $source_version, server $upstream_version: same major release"
fi

step "Build tools and the server's headers"
need=()
for pkg in gcc make perl "postgresql-server-dev-15=$package_version"; do
  name=${pkg%%=*}
  dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q 'ok installed' || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]}"
  as_root apt-get update -qq
  apt_quiet install "${need[@]}" >/dev/null
fi

step "pg_regress and psql"
cd "$src_dir"
if [ ! -f config.status ]; then
  # Only the client side of pg_regress is built from this tree: no optional library is needed.
  ./configure -q --without-icu --without-readline --without-zlib --without-openssl --without-llvm \
    --prefix=/usr/lib/postgresql/15 >"$work/configure.log" 2>&1 || { tail -n 20 "$work/configure.log"; exit 1; }
fi
make -s -C src/backend generated-headers >/dev/null 2>&1
make -s -C src/test/regress pg_regress >/dev/null
# The tests' expected output is that of this source's psql; a newer minor release's psql reads COPY FROM STDIN
# after an error differently.
make -s -C src/bin/psql >/dev/null

step "regress.so, refint.so, autoinc.so against the server's headers"
server_include=$(pg_config --includedir-server)
server_cflags=$(pg_config --cflags)
server_cflags_sl=$(pg_config --cflags_sl)
module() {
  local name=$1 source=$2
  # shellcheck disable=SC2086  # pg_config gives several flags in one string
  gcc $server_cflags $server_cflags_sl -I "$server_include" -shared -o "src/test/regress/$name.so" "$source"
}
module regress src/test/regress/regress.c
module refint contrib/spi/refint.c
module autoinc contrib/spi/autoinc.c
chmod -R a+rX "$work"

step "installcheck (leaves the regression database)"
# The make target would rebuild the modules from this tree; pg_regress is run the way installcheck runs it.
cd src/test/regress
# The server writes and reads files of the tests' COPY statements in the output directory, as its own user.
server_user=$(stat -c %U "$(psql -X -At -d postgres -c 'SHOW data_directory')")
output=$work/output
rm -rf "$output"
install -d -o "$server_user" "$output" "$output/results"
# Twenty tests of the schedule run at once, on at most ten connections: other work shares this server.
if ! ./pg_regress --inputdir=. --outputdir="$output" --bindir="$src_dir/src/bin/psql" --dlpath=. \
    --max-concurrent-tests=20 --max-connections=10 --host="$PGHOST" --port="$PGPORT" --user="$PGUSER" \
    --schedule=parallel_schedule >"$work/installcheck.log" 2>&1; then
  # A test whose output differs under this server's locale or minor version still leaves its objects; a run that
  # stopped before its summary did not.
  if ! grep -q -E 'tests? (passed|failed)' "$work/installcheck.log"; then
    tail -n 30 "$work/installcheck.log"
    echo "installcheck stopped before it finished" >&2
    exit 1
  fi
  grep -E 'FAILED|failed \(ignored\)' "$work/installcheck.log" || true
  echo "Output differences are in $output/regression.diffs"
fi
grep -E 'tests? (passed|failed)' "$work/installcheck.log"
oid=$(regression_oid)
if [ -z "$oid" ]; then
  echo "installcheck left no regression database" >&2
  exit 1
fi
echo "$package_version $oid" >"$marker"
psql -X -At -d regression -c "SELECT 'regression database: ' || pg_size_pretty(pg_database_size('regression'))"
