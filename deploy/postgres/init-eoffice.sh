#!/usr/bin/env bash
# Creates the eoffice database, one login role per service (eoffice_<service>) and one schema
# per service owned by that role, with the role's search path set to its schema — the same
# layout ./eoffice makes locally. Idempotent: run again after adding a service or to reset a
# password from the environment.
#
# The postgres image runs it once, on an empty data volume (/docker-entrypoint-initdb.d). Later:
#   docker compose -f deploy/docker-compose.yml exec postgres /docker-entrypoint-initdb.d/10-eoffice.sh
# Elsewhere: PGHOST=... PGUSER=<superuser> deploy/postgres/init-eoffice.sh
#
# Passwords: EOFFICE_<SERVICE>_DB_PASSWORD (e.g. EOFFICE_DIRECTORY_DB_PASSWORD).
set -euo pipefail

services=(directory correspondence disposition archive notification)
database="${EOFFICE_DATABASE:-eoffice}"
admin=(psql -X -v ON_ERROR_STOP=1 -q --username "${POSTGRES_USER:-${PGUSER:-postgres}}")

vars=()
for svc in "${services[@]}"; do
  var="EOFFICE_${svc^^}_DB_PASSWORD"
  vars+=(-v "pw_${svc}=${!var:-eoffice_${svc}_dev}")
done

{
  echo "set client_min_messages = warning;"
  echo "select format('create database %I', :'db') where not exists (select 1 from pg_database where datname = :'db') \\gexec"
  for svc in "${services[@]}"; do
    cat <<SQL
do \$\$ begin
  if not exists (select 1 from pg_roles where rolname = 'eoffice_${svc}') then
    create role eoffice_${svc} login;
  end if;
end \$\$;
alter role eoffice_${svc} with login password :'pw_${svc}';
SQL
  done
} | "${admin[@]}" --dbname postgres -v "db=${database}" "${vars[@]}"

{
  echo "set client_min_messages = warning;"
  echo "revoke all on database :\"db\" from public;"
  echo "revoke create on schema public from public;"
  for svc in "${services[@]}"; do
    cat <<SQL
grant connect on database :"db" to eoffice_${svc};
create schema if not exists ${svc} authorization eoffice_${svc};
alter role eoffice_${svc} in database :"db" set search_path = ${svc}, public;
SQL
  done
  # Archive's trigram indexes need pg_trgm; creating an extension needs more rights than the service role has.
  echo "create extension if not exists pg_trgm with schema archive;"
} | "${admin[@]}" --dbname "$database" -v "db=${database}"

echo "eoffice: database ${database} with roles and schemas for ${services[*]} is ready"
