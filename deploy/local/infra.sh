# shellcheck shell=bash
# deploy/local/infra.sh — PostgreSQL and RabbitMQ from the machine's packages, the database, schemas and roles.
# Sourced by ./eoffice (never run on its own); uses the variables and helpers of common.sh.

apt_install() {
  say "installing $* with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

ensure_packages() {
  local -a pkgs=()
  if ! have psql || ! have pg_ctlcluster || ! have pg_lsclusters || ! compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null; then
    pkgs+=(postgresql postgresql-contrib)
  fi
  have rabbitmq-server || pkgs+=(rabbitmq-server)
  have jq || pkgs+=(jq)
  # The AsyncAPI check of the tests runs the reference parser on Node.js.
  have node || pkgs+=(nodejs)
  have npm || pkgs+=(npm)
  have curl || pkgs+=(curl)
  # Correspondence embeds DejaVu fonts in the letters it renders, and the development signing certificate is made with openssl.
  [[ -d /usr/share/fonts/truetype/dejavu ]] || pkgs+=(fonts-dejavu-core)
  have openssl || pkgs+=(openssl)
  ((${#pkgs[@]} == 0)) && return 0
  if ! is_root; then
    # Without root only the clients matter; the servers must already answer.
    local -a missing=()
    have psql || missing+=(postgresql-client)
    have jq || missing+=(jq)
    have curl || missing+=(curl)
    ((${#missing[@]} == 0)) && return 0
    die "missing: ${missing[*]}; install them (e.g. sudo apt-get install ${missing[*]}) and run again"
  fi
  if ! can_apt; then
    die "missing: ${pkgs[*]}; install these packages (PostgreSQL 15+, RabbitMQ with the management plugin, jq, curl) and run again"
  fi
  apt_install "${pkgs[@]}"
}

pg_cluster_line() { pg_lsclusters -h 2>/dev/null | head -n 1; }

start_postgres() {
  local line ver name port status datadir
  line="$(pg_cluster_line)"
  if [[ -z "$line" ]]; then
    ver="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -n | tail -n 1)"
    [[ -n "$ver" ]] || die "no PostgreSQL server found under /usr/lib/postgresql"
    say "no PostgreSQL cluster exists; creating $ver/main"
    pg_createcluster "$ver" main >/dev/null
    line="$(pg_cluster_line)"
  fi
  read -r ver name port status _ datadir _ <<<"$line"
  PG_PORT="$port"
  if [[ "$status" != online* ]]; then
    say "starting PostgreSQL $ver/$name"
    if ! pg_ctlcluster "$ver" "$name" start; then
      # A killed server can leave a stale postmaster.pid behind; drop it once and retry.
      local pidf="$datadir/postmaster.pid" stale
      if [[ -f "$pidf" ]]; then
        stale="$(head -n 1 "$pidf" | tr -dc '0-9')"
        if [[ -z "$stale" ]] || ! grep -q postgres "/proc/$stale/comm" 2>/dev/null; then
          warn "removing stale $pidf"
          rm -f "$pidf"
        fi
      fi
      pg_ctlcluster "$ver" "$name" start || die "could not start PostgreSQL $ver/$name (see /var/log/postgresql/postgresql-$ver-$name.log)"
    fi
    record_started_infra "postgres $ver $name"
  fi
  wait_for_postgres "$ver" "$name"
  # Every service keeps a bounded pool per replica and the tests run several platforms at once:
  # Debian's default of 100 connections is too few for that.
  local max
  max="$(runuser -u postgres -- psql -qAt -p "$PG_PORT" -c 'show max_connections' 2>/dev/null || echo 0)"
  if [[ "$max" =~ ^[0-9]+$ ]] && ((max > 0 && max < 300)); then
    say "raising PostgreSQL max_connections from $max to 300 (restarts $ver/$name)"
    runuser -u postgres -- psql -qAt -p "$PG_PORT" -c 'alter system set max_connections = 300' >/dev/null
    pg_ctlcluster "$ver" "$name" restart
    wait_for_postgres "$ver" "$name"
  fi
}

wait_for_postgres() {
  local i
  for ((i = 0; i < 60; i++)); do
    pg_isready -q -h 127.0.0.1 -p "$PG_PORT" && return 0
    sleep 1
  done
  die "PostgreSQL $1/$2 does not answer on 127.0.0.1:$PG_PORT"
}

rabbit_up() { timeout 30 rabbitmqctl status -q >/dev/null 2>&1; }

# RabbitMQ on loopback only: AMQP, management, the Erlang distribution port and epmd. The node is
# named rabbit@localhost so the CLI reaches it through loopback whatever the host name resolves to.
RABBIT_ENV_FILE=/etc/rabbitmq/rabbitmq-env.conf
RABBIT_CONF_FILE=/etc/rabbitmq/rabbitmq.conf
RABBIT_MARK='# eoffice: loopback only'

configure_rabbitmq_loopback() {
  local changed=0
  mkdir -p /etc/rabbitmq
  if ! grep -qsF "$RABBIT_MARK" "$RABBIT_ENV_FILE"; then
    {
      echo "$RABBIT_MARK"
      echo 'NODENAME=rabbit@localhost'
      echo 'NODE_IP_ADDRESS=127.0.0.1'
      echo 'ERL_EPMD_ADDRESS=127.0.0.1'
      echo 'SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"'
    } >>"$RABBIT_ENV_FILE"
    changed=1
  fi
  if ! grep -qsF "$RABBIT_MARK" "$RABBIT_CONF_FILE"; then
    {
      echo "$RABBIT_MARK"
      echo "listeners.tcp.default = 127.0.0.1:$RABBIT_PORT"
      echo 'management.tcp.ip = 127.0.0.1'
      echo "management.tcp.port = $RABBIT_MGMT_PORT"
    } >>"$RABBIT_CONF_FILE"
    changed=1
  fi
  echo "$changed"
}

# Whether something of RabbitMQ's (AMQP, management, distribution, epmd) listens beyond loopback.
rabbit_listens_wide() {
  have ss || return 1
  ss -ltnH 2>/dev/null | awk '{print $4}' | grep -E ":($RABBIT_PORT|$RABBIT_MGMT_PORT|25672|4369)\$" | grep -vqE '^(127\.|\[::1\]|::1)'
}

stop_rabbitmq_everywhere() {
  timeout 60 rabbitmqctl stop >/dev/null 2>&1 || true
  # A node started under the old name answers only to it.
  timeout 60 rabbitmqctl -n "rabbit@$(hostname -s 2>/dev/null || hostname)" stop >/dev/null 2>&1 || true
  local i
  for ((i = 0; i < 30; i++)); do
    pgrep -f beam.smp >/dev/null 2>&1 || break
    sleep 1
  done
  pkill -f beam.smp >/dev/null 2>&1 || true
  epmd -kill >/dev/null 2>&1 || pkill -x epmd >/dev/null 2>&1 || true
  sleep 1
}

# A broker user per service, an administrator for the tests and ./eoffice itself, and the read-only
# city user; guest (administrator on loopback) is removed.
ensure_rabbit_users() {
  local user pw
  for user in "${SERVICES[@]/#/eoffice_}" "$RABBIT_ADMIN_USER" "$CITY_BROKER_USER"; do
    pw="$(secret "rabbitmq-$user")"
    if timeout 30 rabbitmqctl -q list_users 2>/dev/null | awk '{print $1}' | grep -qx "$user"; then
      timeout 30 rabbitmqctl -q change_password "$user" "$pw" >/dev/null 2>&1 || die "could not set the password of broker user $user"
    else
      timeout 30 rabbitmqctl -q add_user "$user" "$pw" >/dev/null 2>&1 || die "could not create broker user $user"
    fi
  done
  for user in "${SERVICES[@]/#/eoffice_}"; do
    timeout 30 rabbitmqctl -q set_permissions -p / "$user" '.*' '.*' '.*' >/dev/null
    timeout 30 rabbitmqctl -q set_user_tags "$user" >/dev/null
  done
  timeout 30 rabbitmqctl -q set_user_tags "$RABBIT_ADMIN_USER" administrator >/dev/null
  timeout 30 rabbitmqctl -q set_permissions -p / "$RABBIT_ADMIN_USER" '.*' '.*' '.*' >/dev/null
  # City systems: own queues city.*, bind them to the public exchanges only.
  timeout 30 rabbitmqctl -q set_user_tags "$CITY_BROKER_USER" >/dev/null
  timeout 30 rabbitmqctl -q set_permissions -p / "$CITY_BROKER_USER" '^city\..*' '^city\..*' '^(city\..*|eoffice\.(?!internal\.).*)$' >/dev/null
  if timeout 30 rabbitmqctl -q list_users 2>/dev/null | awk '{print $1}' | grep -qx guest; then
    timeout 30 rabbitmqctl -q delete_user guest >/dev/null 2>&1 || warn "could not remove the guest broker user"
  fi
}

start_rabbitmq() {
  local running=0 reconfigured
  reconfigured="$(configure_rabbitmq_loopback)"
  if { [[ "$reconfigured" == 1 ]] || rabbit_listens_wide; } && { tcp_open 127.0.0.1 "$RABBIT_PORT" || pgrep -f beam.smp >/dev/null 2>&1; }; then
    say "restarting RabbitMQ to listen on 127.0.0.1 only"
    stop_rabbitmq_everywhere
  fi
  rabbit_up && running=1
  if ! grep -qs rabbitmq_management /etc/rabbitmq/enabled_plugins; then
    if ((running)); then
      rabbitmq-plugins enable rabbitmq_management >/dev/null 2>&1 || warn "could not enable rabbitmq_management"
    else
      rabbitmq-plugins enable --offline rabbitmq_management >/dev/null 2>&1 || warn "could not enable rabbitmq_management"
    fi
  fi
  if ((!running)); then
    say "starting RabbitMQ"
    rabbitmq-server -detached >/dev/null 2>&1 || true
    record_started_infra "rabbitmq"
  fi
  local start=$SECONDS
  until timeout 10 rabbitmqctl await_startup >/dev/null 2>&1; do
    ((SECONDS - start < 60)) || die "RabbitMQ did not start within 60 s (see /var/log/rabbitmq/)"
    sleep 2
  done
  for ((start = SECONDS; SECONDS - start < 30; )); do
    if tcp_open 127.0.0.1 "$RABBIT_PORT"; then
      ensure_rabbit_users
      return 0
    fi
    sleep 1
  done
  die "RabbitMQ runs but does not answer on 127.0.0.1:$RABBIT_PORT"
}

ensure_infra() {
  mkdir -p "$LOG_DIR" "$PID_DIR"
  ensure_packages
  if is_root; then
    start_postgres
    start_rabbitmq
  else
    PG_PORT="${PGPORT:-5432}"
    local bad=0
    if ! tcp_open 127.0.0.1 "$PG_PORT"; then
      warn "PostgreSQL does not answer on 127.0.0.1:$PG_PORT; start it (as root: pg_ctlcluster <version> main start, or run ./eoffice infra as root)"
      bad=1
    fi
    if ! tcp_open 127.0.0.1 "$RABBIT_PORT"; then
      warn "RabbitMQ does not answer on 127.0.0.1:$RABBIT_PORT; start it (as root: rabbitmq-server -detached, or run ./eoffice infra as root)"
      bad=1
    fi
    ((bad == 0)) || die "infrastructure is not running"
  fi
  say "PostgreSQL on 127.0.0.1:$PG_PORT and RabbitMQ on 127.0.0.1:$RABBIT_PORT are up"
}

# Runs psql as the database superuser; SQL comes on stdin. Extra args are passed to psql.
pg_admin() {
  if is_root; then
    (cd / && runuser -u postgres -- psql -X -v ON_ERROR_STOP=1 -qAt -p "$PG_PORT" "$@")
  else
    PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-$PG_PORT}" PGUSER="${PGUSER:-postgres}" \
      psql -X -v ON_ERROR_STOP=1 -qAt "$@"
  fi
}

ensure_database() {
  local svc
  local -a vars=()
  for svc in "${SERVICES[@]}"; do vars+=(-v "pw_${svc}=$(db_password "$svc")"); done

  # Cluster-wide objects: the database and the roles. Passwords travel as psql variables
  # (quoted by psql as literals); everything else is static text.
  {
    echo "set client_min_messages = warning;"
    echo "select 'create database eoffice' where not exists (select 1 from pg_database where datname = 'eoffice') \\gexec"
    for svc in "${SERVICES[@]}"; do
      cat <<SQL
do \$\$ begin
  if not exists (select 1 from pg_roles where rolname = 'eoffice_${svc}') then
    create role eoffice_${svc} login;
  end if;
end \$\$;
alter role eoffice_${svc} with login password :'pw_${svc}';
SQL
    done
    cat <<'SQL'
do $$ begin
  if not exists (select 1 from pg_roles where rolname = 'eoffice_test') then
    create role eoffice_test login createdb;
  end if;
end $$;
alter role eoffice_test with login createdb password 'eoffice_test';
SQL
  } | pg_admin -d postgres "${vars[@]}" || die "could not create the eoffice database and roles"

  # Inside the eoffice database: one schema per service, owned by its role.
  {
    echo "set client_min_messages = warning;"
    echo "revoke all on database eoffice from public;"
    echo "revoke create on schema public from public;"
    for svc in "${SERVICES[@]}"; do
      cat <<SQL
grant connect on database eoffice to eoffice_${svc};
create schema if not exists ${svc} authorization eoffice_${svc};
alter role eoffice_${svc} in database eoffice set search_path = ${svc}, public;
SQL
    done
    # Archive's trigram indexes (numbers, names); an extension needs more rights than the service role has.
    echo "create extension if not exists pg_trgm with schema archive;"
  } | pg_admin -d eoffice || die "could not set up the schemas in database eoffice"
  say "database eoffice, roles eoffice_{$(IFS=,; echo "${SERVICES[*]}")} and eoffice_test are ready"
}
