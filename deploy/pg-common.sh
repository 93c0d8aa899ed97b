# shellcheck shell=bash
# Shared by backup.sh and restore.sh (sourced, not run). Decides how the PostgreSQL client
# tools are reached:
#   (default)        the tools on this machine, connection from the libpq environment
#                    (PGHOST, PGPORT, PGUSER, PGPASSWORD or ~/.pgpass)
#   --local          the tools on this machine as the OS user postgres over the local socket
#                    (the PostgreSQL that ./eoffice runs; needs root)
#   --compose        inside the postgres container of deploy/docker-compose.yml
#   --exec "PREFIX"  any command prefix that runs a tool where PostgreSQL is, e.g.
#                    --exec "kubectl exec -i -n eoffice eoffice-db-1 --" (CloudNativePG primary)
# The dump files always stay on this machine: tools write to stdout and read from stdin.

PG=()

pg_die() { printf '%s: error: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }
pg_say() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }

# pg_set_mode OPTION [PREFIX] — selects --local, --compose or --exec PREFIX.
pg_set_mode() {
  case "$1" in
    --local)
      [[ "$(id -u)" == 0 ]] || pg_die "--local needs root (it runs the tools as the postgres user)"
      PG=(runuser -u postgres --)
      ;;
    --compose)
      local file
      file="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/docker-compose.yml"
      if docker compose version >/dev/null 2>&1; then
        PG=(docker compose -f "$file" exec -T -u postgres postgres)
      elif command -v docker-compose >/dev/null 2>&1; then
        PG=(docker-compose -f "$file" exec -T -u postgres postgres)
      else
        pg_die "--compose needs docker compose or docker-compose"
      fi
      ;;
    --exec)
      [[ -n "${2:-}" ]] || pg_die "--exec needs a command prefix"
      read -r -a PG <<<"$2"
      ;;
  esac
}

# pg TOOL ARGS... — runs a PostgreSQL client tool the chosen way (from / so that runuser can).
pg() { (cd / && "${PG[@]}" "$@"); }
