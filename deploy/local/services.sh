# shellcheck shell=bash
# deploy/local/services.sh — starting, stopping and inspecting the services and the gateway (up, down, status, logs).
# Sourced by ./eoffice (never run on its own); uses the variables and helpers of common.sh.

start_component() {
  local name="$1" port dir dll pid url
  port="$(port_of "$name")"
  dir="$(bin_dir "$name")"
  dll="$dir/$(dll_name "$name")"
  if pid="$(running_pid "$name")"; then
    say "$name already running (pid $pid, port $port)"
    return 0
  fi
  rm -f "$(pid_file "$name")"
  [[ -f "$dll" ]] || die "$name: $dll not found (did the build produce it?)"
  if tcp_open 127.0.0.1 "$port"; then
    die "$name: port $port is already in use by another process; stop it first"
  fi

  local -a env=(
    "ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}"
    "Auth__Issuer=http://127.0.0.1:$GATEWAY_PORT"
    "Auth__MetadataAddress=http://127.0.0.1:${PORTS[directory]}/.well-known/openid-configuration"
    "Internal__Key=$(internal_key)"
    "Internal__DirectoryUrl=http://127.0.0.1:${PORTS[directory]}"
    "Internal__CorrespondenceUrl=http://127.0.0.1:${PORTS[correspondence]}"
    "Internal__DispositionUrl=http://127.0.0.1:${PORTS[disposition]}"
  )
  if [[ "$name" == gateway ]]; then
    if [[ -n "${EOFFICE_BIND:-}" ]]; then url="http://$EOFFICE_BIND:$port"; else url="http://127.0.0.1:$port"; fi
    mkdir -p "$STATE_DIR/gateway-keys"
    chmod 700 "$STATE_DIR/gateway-keys"
    env+=("WebApp__Root=$WEB_ROOT" "Session__KeysDirectory=$STATE_DIR/gateway-keys")
    local svc i=0
    for svc in "${SERVICES[@]}"; do
      env+=("ReverseProxy__Clusters__${svc}__Destinations__d1__Address=http://127.0.0.1:$(port_of "$svc")/")
      if component_exists "$svc"; then
        env+=("Gateway__RequiredClusters__${i}=${svc}")
        i=$((i + 1))
      fi
    done
  else
    url="http://127.0.0.1:$port"
    env+=(
      "ConnectionStrings__Postgres=Host=127.0.0.1;Port=$PG_PORT;Database=eoffice;Username=eoffice_${name};Password=$(db_password "$name")"
      "ConnectionStrings__RabbitMq=$(amqp_url "eoffice_${name}")"
      # The local demo delivers webhooks to listeners on this machine: loopback is allowed explicitly here
      # (never by default; see deploy/README.md for a city's own networks).
      "Webhooks__AllowedNetworks__0=127.0.0.0/8"
      "Webhooks__AllowedNetworks__1=::1/128"
    )
    if [[ "$name" == correspondence ]]; then
      env+=("Signing__Local__CertificatePath=$(signing_p12)" "Signing__Local__CertificatePassword=$(signing_password)")
    fi
  fi
  env+=("ASPNETCORE_URLS=$url")

  local log="$LOG_DIR/$name.log"
  printf '\n===== %s starting %s =====\n' "$(date -Is)" "$name" >>"$log"
  (cd "$dir" && exec env "${env[@]}" nohup dotnet "$dll" >>"$log" 2>&1 </dev/null) &
  pid=$!
  printf '%s\n' "$pid" >"$(pid_file "$name")"
  say "started $name (pid $pid, $url)"
}

print_log_tail() {
  local log="$LOG_DIR/$1.log"
  printf 'eoffice: ---- last 30 lines of .eoffice/logs/%s.log ----\n' "$1" >&2
  if [[ -f "$log" ]]; then tail -n 30 "$log" >&2; else echo "(no log)" >&2; fi
}

# wait_ready DEADLINE NAME... — until every NAME answers 200 on /health: the database and the broker, so that
# a fresh virtual host has every queue bound before the first event (/health/ready, the probe, leaves the broker out).
wait_ready() {
  local deadline="$1"
  shift
  local -a pending=("$@")
  local name
  say "waiting for ${pending[*]} to be ready"
  while ((${#pending[@]} > 0)); do
    local -a still=()
    for name in "${pending[@]}"; do
      if ! pid_alive "$name"; then
        warn "$name exited before it was ready"
        print_log_tail "$name"
        die "$name failed to start (./eoffice down stops the rest)"
      fi
      if [[ "$(http_code "$(url_of "$name")/health")" == 200 ]]; then
        say "$name is ready"
      else
        still+=("$name")
      fi
    done
    pending=("${still[@]+"${still[@]}"}")
    ((${#pending[@]} == 0)) && break
    if ((SECONDS >= deadline)); then
      for name in "${pending[@]}"; do
        warn "$name is not ready after ${READY_TIMEOUT} s"
        print_log_tail "$name"
      done
      die "timed out waiting for ${pending[*]} (./eoffice down stops everything)"
    fi
    sleep 1
  done
}

any_running() {
  local c
  for c in $(all_components); do running_pid "$c" >/dev/null && return 0; done
  return 1
}

# ---------------------------------------------------------------------------- commands

cmd_up() {
  local docker=0 rebuild=0 arg
  for arg in "$@"; do
    case "$arg" in
      --docker) docker=1 ;;
      --rebuild) rebuild=1 ;;
      *) die "up: unknown option $arg" ;;
    esac
  done
  if ((docker)); then
    up_docker
    return
  fi

  ensure_infra
  ensure_database

  if ((rebuild)); then
    stop_components
    build_solution
  elif any_running; then
    # Rebuilding under running processes would overwrite the assemblies they have loaded.
    say "some services already run: keeping them and skipping the build (use --rebuild to rebuild and restart)"
  else
    build_solution
  fi

  local deadline=$((SECONDS + READY_TIMEOUT))
  local -a started=() others=()
  local svc
  if component_exists directory; then
    start_component directory
    started+=(directory)
    wait_ready "$deadline" directory
  fi
  for svc in "${SERVICES[@]}"; do
    [[ "$svc" == directory ]] && continue
    component_exists "$svc" || continue
    start_component "$svc"
    others+=("$svc")
  done
  if component_exists gateway; then
    start_component gateway
    others+=(gateway)
  fi
  if ((${#others[@]} > 0)); then
    wait_ready "$deadline" "${others[@]}"
    started+=("${others[@]}")
  fi
  if ((${#started[@]} == 0)); then
    warn "no service projects exist yet (services/*/EOffice.*, gateway/EOffice.Gateway): nothing started"
  fi
  print_summary
}

up_docker() {
  if ! have docker || ! docker info >/dev/null 2>&1; then
    die "no Docker engine answers; use ./eoffice up without --docker"
  fi
  [[ -f deploy/docker-compose.yml ]] || die "deploy/docker-compose.yml not found"
  if docker compose version >/dev/null 2>&1; then
    docker compose -f deploy/docker-compose.yml up -d --build
  elif have docker-compose; then
    docker-compose -f deploy/docker-compose.yml up -d --build
  else
    die "neither 'docker compose' nor 'docker-compose' is available"
  fi
}

print_summary() {
  local gw
  gw="$(url_of gateway)"
  echo
  say "EOffice is up"
  if [[ -f "$WEB_ROOT/index.html" ]]; then
    echo "  web app:             $gw/   (sign in with a demo user's NIP or email below)"
  fi
  echo "  API:                 $gw   (API reference: $gw/api/docs)"
  echo "  RabbitMQ management: http://127.0.0.1:$RABBIT_MGMT_PORT   (user $RABBIT_ADMIN_USER, password in .eoffice/secrets/rabbitmq-$RABBIT_ADMIN_USER)"
  echo "  city systems:        bind to the public eoffice.* exchanges with $(amqp_url "$CITY_BROKER_USER" | sed 's#://\([^:]*\):[^@]*@#://\1:***@#')   (./eoffice status shows it in full)"
  echo "  webhooks:            loopback (127.0.0.0/8, ::1) allowed for this local demo only"
  echo "  secrets:             .eoffice/secrets/ (internal key, broker passwords; mode 600)"
  echo "  letter signatures:   ${EOFFICE_SIGNING_P12:-.eoffice/signing/signer.p12} (Local provider; development CA .eoffice/signing/ca.crt, password in .eoffice/secrets/signing-certificate)"
  echo "  logs:                .eoffice/logs/<name>.log   (./eoffice logs <name>)"
  echo "  demo logins:         password $DEMO_PASSWORD for every demo user; admin: $DEMO_ADMIN"
  echo
  if ! print_demo_users "$gw"; then
    echo "  demo users: see README.md"
  fi
}

print_demo_users() {
  local gw="$1" token body rows
  if ! have jq || ! have curl; then return 1; fi
  component_exists gateway || return 1
  token="$(curl -sf --max-time 10 -H 'Content-Type: application/json' \
    -d "{\"username\":\"$DEMO_ADMIN\",\"password\":\"$DEMO_PASSWORD\"}" \
    "$gw/api/auth/login" 2>/dev/null | jq -er '.accessToken' 2>/dev/null)" || return 1
  [[ -n "$token" ]] || return 1
  body="$(curl -sf --max-time 10 -H "Authorization: Bearer $token" "$gw/api/org/users?limit=200" 2>/dev/null)" || return 1
  rows="$(jq -r '
    (if type == "array" then . else (.items // []) end)[]
    | [ (.name // .fullName // ""), (.nip // ""), (.email // ""),
        ((.roles // []) | map(if type == "string" then . else (.name // .code // tostring) end) | join(",")),
        (.positionTitle // "") ]
    | map(tostring) | @tsv' <<<"$body" 2>/dev/null)" || return 1
  [[ -n "$rows" ]] || return 1
  echo "  demo users:"
  {
    printf 'NAME\tNIP\tEMAIL\tROLES\tPOSITION\n'
    printf '%s\n' "$rows"
  } | if have column; then column -t -s $'\t'; else cat; fi | sed 's/^/    /'
}

cmd_down() {
  local all=0 arg
  for arg in "$@"; do
    case "$arg" in
      --all) all=1 ;;
      *) die "down: unknown option $arg" ;;
    esac
  done
  stop_components
  ((all)) && stop_started_infra
  return 0
}

# Stops every component this script started (TERM, then KILL after 10 s).
stop_components() {
  mkdir -p "$PID_DIR"
  local f name pid
  local -a pids=()
  for f in "$PID_DIR"/*.pid; do
    [[ -e "$f" ]] || continue
    name="$(basename "$f" .pid)"
    if known_component "$name" && pid="$(running_pid "$name")"; then
      say "stopping $name (pid $pid)"
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
    fi
  done
  local start=$SECONDS alive
  while ((${#pids[@]} > 0)); do
    alive=()
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
    pids=("${alive[@]+"${alive[@]}"}")
    ((${#pids[@]} == 0)) && break
    if ((SECONDS - start >= 10)); then
      for pid in "${pids[@]}"; do
        warn "pid $pid did not stop after 10 s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
      done
      break
    fi
    sleep 0.5
  done
  rm -f "$PID_DIR"/*.pid
  say "services stopped"
}

# Stops PostgreSQL and RabbitMQ when this script started them.
stop_started_infra() {
  if [[ ! -s "$STARTED_INFRA_FILE" ]]; then
    say "PostgreSQL and RabbitMQ were not started by this script; leaving them running"
    return 0
  fi
  is_root || die "stopping PostgreSQL/RabbitMQ needs root"
  local kind ver cname
  while read -r kind ver cname; do
    case "$kind" in
      postgres)
        say "stopping PostgreSQL $ver/$cname"
        pg_ctlcluster "$ver" "$cname" stop || warn "could not stop PostgreSQL $ver/$cname"
        ;;
      rabbitmq)
        say "stopping RabbitMQ"
        timeout 60 rabbitmqctl stop >/dev/null 2>&1 || warn "could not stop RabbitMQ"
        ;;
    esac
  done <"$STARTED_INFRA_FILE"
  rm -f "$STARTED_INFRA_FILE"
}

cmd_status() {
  local name pid state port health line
  if have pg_lsclusters; then
    line="$(pg_cluster_line)"
    [[ -z "$line" ]] || PG_PORT="$(awk '{print $3}' <<<"$line")"
  fi
  printf '%-15s %-8s %-8s %-6s %s\n' NAME STATE PID PORT READY
  for name in $(all_components); do
    port="$(port_of "$name")"
    if pid="$(running_pid "$name")"; then
      state=running
      health="$(http_code "$(url_of "$name")/health/ready")"
    else
      pid=-
      if component_exists "$name"; then state=stopped; else state=absent; fi
      health=-
    fi
    printf '%-15s %-8s %-8s %-6s %s\n' "$name" "$state" "$pid" "$port" "$health"
  done
  echo
  if tcp_open 127.0.0.1 "$PG_PORT"; then
    echo "postgres:  answers on 127.0.0.1:$PG_PORT"
  else
    echo "postgres:  no answer on 127.0.0.1:$PG_PORT"
  fi
  if tcp_open 127.0.0.1 "$RABBIT_PORT"; then
    echo "rabbitmq:  answers on 127.0.0.1:$RABBIT_PORT (management: $(http_code "http://127.0.0.1:$RABBIT_MGMT_PORT/") on :$RABBIT_MGMT_PORT)"
    if [[ "$(rabbit_users_managed)" == 1 && -s "$SECRETS_DIR/rabbitmq-$CITY_BROKER_USER" ]]; then
      echo "city systems bind their queues (named city.*) to the public eoffice.* exchanges with:"
      echo "  $(amqp_url "$CITY_BROKER_USER")"
    fi
  else
    echo "rabbitmq:  no answer on 127.0.0.1:$RABBIT_PORT"
  fi
}

cmd_logs() {
  local name="" follow=1 arg
  for arg in "$@"; do
    case "$arg" in
      --no-follow) follow=0 ;;
      -*) die "logs: unknown option $arg" ;;
      *) name="$arg" ;;
    esac
  done
  [[ -n "$name" ]] || die "usage: ./eoffice logs <name> [--no-follow]  (names: $(all_components | tr '\n' ' ')build)"
  [[ "$name" =~ ^[a-z0-9_-]+$ ]] || die "logs: bad name '$name'"
  local log="$LOG_DIR/$name.log"
  [[ -f "$log" ]] || die "no log at .eoffice/logs/$name.log"
  if ((follow)); then
    exec tail -n 200 -f "$log"
  else
    tail -n 200 "$log"
  fi
}
