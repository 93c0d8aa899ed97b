#!/usr/bin/env bash
# backup.sh — logical backup of EOffice, one pg_dump custom-format file per service schema.
#
#   deploy/backup.sh [--local | --compose | --exec PREFIX] [-d DATABASE] [-o DIR] [SCHEMA...]
#
# Writes DIR/eoffice-<UTC time>/<schema>.dump (default DIR: deploy/backups), a SHA256SUMS
# file and backup.info, and prints the folder. SCHEMA defaults to every service schema present
# (directory correspondence disposition archive notification). All files come from ONE
# exported snapshot, so they are consistent with each other: restoring all of them together
# brings back a state the platform really was in. Attachments are rows (bytea), so they are
# in the dumps; so are the generated signing and seal keys: keep backups as secret as the keys.
# How the tools are reached (--local, --compose, --exec): see deploy/pg-common.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=pg-common.sh source-path=SCRIPTDIR
. "$here/pg-common.sh"

db="${PGDATABASE:-eoffice}"
out="$here/backups"
schemas=()
while (($# > 0)); do
  case "$1" in
    --local | --compose) pg_set_mode "$1" ;;
    --exec) pg_set_mode "$1" "${2:-}"; shift ;;
    -d | --dbname) db="${2:?-d needs a database}"; shift ;;
    -o | --output) out="${2:?-o needs a folder}"; shift ;;
    -h | --help) sed -n '2,13p' "$0"; exit 0 ;;
    -*) pg_die "unknown option $1" ;;
    *) schemas+=("$1") ;;
  esac
  shift
done

all=(directory correspondence disposition archive notification)
present="$(pg psql -X -qAt -v ON_ERROR_STOP=1 -d "$db" -c "select string_agg(nspname, ' ') from pg_namespace where nspname = any('{$(IFS=,; echo "${all[*]}")}')")" \
  || pg_die "cannot connect to database $db"
if ((${#schemas[@]} == 0)); then
  for s in "${all[@]}"; do [[ " $present " == *" $s "* ]] && schemas+=("$s"); done
  ((${#schemas[@]} > 0)) || pg_die "database $db has none of the schemas ${all[*]}"
else
  for s in "${schemas[@]}"; do
    [[ "$s" =~ ^[a-z_][a-z0-9_]*$ ]] || pg_die "bad schema name '$s'"
    [[ " $present " == *" $s "* ]] || pg_die "database $db has no schema $s"
  done
fi

mkdir -p "$out"
out="$(cd "$out" && pwd)"
folder="$out/eoffice-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir "$folder" || pg_die "$folder already exists"
chmod 0700 "$folder"

# Hold one repeatable-read transaction open and dump every schema from its snapshot.
coproc SNAP { pg psql -X -qAt -v ON_ERROR_STOP=1 -d "$db"; }
# shellcheck disable=SC2153 # SNAP_PID is set by coproc
snap_pid=$SNAP_PID
snap_in=${SNAP[1]}
printf 'begin transaction isolation level repeatable read, read only;\nselect pg_export_snapshot();\n' >&"${SNAP[1]}"
snapshot=""
IFS= read -r -t 60 snapshot <&"${SNAP[0]}" || true
[[ "$snapshot" =~ ^[0-9A-F-]+$ ]] || { kill "$snap_pid" 2>/dev/null || true; pg_die "could not export a snapshot (got '$snapshot')"; }

status=0
for s in "${schemas[@]}"; do
  pg_say "dumping schema $s"
  if ! pg pg_dump --format=custom --snapshot="$snapshot" --schema="$s" --dbname="$db" >"$folder/$s.dump"; then
    status=1
    pg_say "pg_dump of schema $s failed"
    break
  fi
done
printf 'commit;\n' >&"${SNAP[1]}"
exec {snap_in}>&-
wait "$snap_pid" || true
((status == 0)) || { rm -rf "$folder"; pg_die "backup failed; nothing kept"; }

(cd "$folder" && sha256sum -- *.dump >SHA256SUMS)
{
  echo "database: $db"
  echo "taken_at: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "snapshot: $snapshot"
  echo "schemas: ${schemas[*]}"
  echo "server: $(pg psql -X -qAt -d "$db" -c 'show server_version')"
  echo "pg_dump: $(pg pg_dump --version)"
} >"$folder/backup.info"
pg_say "backup of ${schemas[*]} in $folder"
echo "$folder"
