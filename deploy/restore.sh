#!/usr/bin/env bash
# restore.sh — put service schemas back from files written by backup.sh.
#
#   deploy/restore.sh [--local | --compose | --exec PREFIX] [-d DATABASE] [--no-owner] [--yes] DUMP...
#
# For each DUMP (e.g. backups/eoffice-20260101T020000Z/correspondence.dump), in ONE transaction:
# drop the schema it holds (with everything in it), then recreate it from the file. Either the
# whole schema is restored or nothing changes. The files are checked against the SHA256SUMS
# beside them first. Stop the service that owns the schema before (its migrations run again
# at start, and replay nothing twice: see deploy/README.md, "Backup and restore").
#   -d DATABASE   target database (default $PGDATABASE or eoffice); it must exist. The roles
#                 (eoffice_<service>) must exist too, unless --no-owner is given.
#   --no-owner    restore objects owned by the connecting user instead of the dumped owners
#   --yes         do not ask before replacing a schema
# How the tools are reached (--local, --compose, --exec): see deploy/pg-common.sh.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=pg-common.sh source-path=SCRIPTDIR
. "$here/pg-common.sh"

db="${PGDATABASE:-eoffice}"
yes=0
owner_args=()
dumps=()
while (($# > 0)); do
  case "$1" in
    --local | --compose) pg_set_mode "$1" ;;
    --exec) pg_set_mode "$1" "${2:-}"; shift ;;
    -d | --dbname) db="${2:?-d needs a database}"; shift ;;
    --no-owner) owner_args=(--no-owner --no-privileges) ;;
    --yes | -y) yes=1 ;;
    -h | --help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) pg_die "unknown option $1" ;;
    *) dumps+=("$1") ;;
  esac
  shift
done
((${#dumps[@]} > 0)) || pg_die "no dump file given (deploy/restore.sh --help)"

# Check every file before touching the database.
declare -A schema_of=()
for f in "${dumps[@]}"; do
  [[ -f "$f" && -r "$f" ]] || pg_die "cannot read $f"
  sums="$(dirname "$f")/SHA256SUMS"
  if [[ -f "$sums" ]]; then
    expected="$(awk -v n="$(basename "$f")" '$2 == n || $2 == "*" n {print $1}' "$sums")"
    if [[ -n "$expected" ]]; then
      actual="$(sha256sum <"$f" | awk '{print $1}')"
      [[ "$actual" == "$expected" ]] || pg_die "$f does not match its SHA256SUMS entry: damaged or altered"
    fi
  fi
  toc="$(pg pg_restore --list <"$f")" || pg_die "$f is not a pg_dump custom-format file"
  schema="$(awk '$4 == "SCHEMA" && $5 == "-" {print $6}' <<<"$toc" | sort -u)"
  [[ -n "$schema" && "$schema" != *$'\n'* ]] || pg_die "$f must hold exactly one schema (found: ${schema:-none})"
  [[ "$schema" =~ ^[a-z_][a-z0-9_]*$ ]] || pg_die "unexpected schema name '$schema' in $f"
  schema_of["$f"]="$schema"
done

pg psql -X -qAt -d "$db" -c 'select 1' >/dev/null || pg_die "cannot connect to database $db"

if ((!yes)); then
  [[ -t 0 ]] || pg_die "not a terminal: pass --yes to replace schemas without asking"
  printf 'Replace schema(s) %s in database %s? Everything now in them is lost. [y/N] ' \
    "$(printf '%s ' "${schema_of[@]}")" "$db" >&2
  read -r answer
  [[ "$answer" == [yY]* ]] || pg_die "nothing restored"
fi

for f in "${dumps[@]}"; do
  schema="${schema_of[$f]}"
  pg_say "restoring schema $schema of database $db from $f"
  # COMMIT is sent only when pg_restore produced the whole script; otherwise psql ends with
  # the transaction open and PostgreSQL rolls it back.
  if ! {
    printf 'begin;\nset local client_min_messages = warning;\ndrop schema if exists "%s" cascade;\n' "$schema"
    pg pg_restore "${owner_args[@]}" --file=- <"$f" && printf 'commit;\n'
  } | pg psql -X -q -v ON_ERROR_STOP=1 -d "$db" >/dev/null; then
    pg_die "restoring $schema failed; the schema is as it was before"
  fi
  rows="$(pg psql -X -qAt -d "$db" -c "select count(*) from pg_tables where schemaname = '$schema'")"
  pg_say "schema $schema restored ($rows tables)"
done
