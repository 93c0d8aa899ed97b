# shellcheck shell=bash
# shellcheck disable=SC2034 # the settings here are read by the other parts of deploy/local
# deploy/local/common.sh — settings, small helpers, secrets and URLs shared by every ./eoffice command.
# Sourced by ./eoffice first (never run on its own); ROOT is set by ./eoffice.

STATE_DIR="$ROOT/.eoffice"
LOG_DIR="$STATE_DIR/logs"
PID_DIR="$STATE_DIR/pids"
STARTED_INFRA_FILE="$STATE_DIR/started-infra"
SECRETS_DIR="$STATE_DIR/secrets"
TEST_RESULTS_DIR="$STATE_DIR/test-results"

SOLUTION="EOffice.sln"
SERVICES=(directory correspondence disposition archive notification)
GATEWAY_PORT="${EOFFICE_PORT:-8080}"
PG_PORT=5432
RABBIT_PORT=5672
RABBIT_MGMT_PORT=15672
READY_TIMEOUT=180
DEMO_PASSWORD='Demo#2026'
DEMO_ADMIN='admin@eoffice.local'
# The broker user a city system on this machine binds its queues with: it may read the public
# eoffice.* exchanges (never eoffice.internal.*) and own queues named city.*.
CITY_BROKER_USER='eoffice_city'
RABBIT_ADMIN_USER='eoffice_admin'

# Set while `test` runs, so that an early failure still ends with an honest closing line.
TEST_LINE_PENDING=0

# ---------------------------------------------------------------------------- helpers

say() { printf 'eoffice: %s\n' "$*"; }
warn() { printf 'eoffice: warning: %s\n' "$*" >&2; }
die() { printf 'eoffice: error: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }
is_root() { [[ "$(id -u)" == 0 ]]; }
can_apt() { is_root && [[ -f /etc/debian_version ]] && have apt-get; }

on_exit() {
  local rc=$?
  if [[ "$TEST_LINE_PENDING" == 1 && "$rc" != 0 ]]; then
    printf '0 passed, 1 failed, 0 skipped\n'
  fi
}
trap on_exit EXIT

# Title-cased project name of a component: directory -> Directory.
pascal() { printf '%s%s' "$(printf '%s' "${1:0:1}" | tr '[:lower:]' '[:upper:]')" "${1:1}"; }

project_dir() {
  if [[ "$1" == gateway ]]; then
    printf 'gateway/EOffice.Gateway'
  else
    printf 'services/%s/EOffice.%s' "$(pascal "$1")" "$(pascal "$1")"
  fi
}

dll_name() {
  if [[ "$1" == gateway ]]; then printf 'EOffice.Gateway.dll'; else printf 'EOffice.%s.dll' "$(pascal "$1")"; fi
}

bin_dir() { printf '%s/%s/bin/Release/net10.0' "$ROOT" "$(project_dir "$1")"; }

# The one table of ports: each component's loopback port (the gateway's can be moved with EOFFICE_PORT).
declare -A PORTS=(
  [directory]=5101
  [correspondence]=5102
  [disposition]=5103
  [archive]=5104
  [notification]=5105
  [gateway]="$GATEWAY_PORT"
)

port_of() {
  [[ -n "${PORTS[$1]:-}" ]] || return 1
  printf '%s\n' "${PORTS[$1]}"
}

# Host that clients on this machine use to reach a component.
host_of() {
  local bind="${EOFFICE_BIND:-}"
  if [[ "$1" != gateway || -z "$bind" || "$bind" == 0.0.0.0 || "$bind" == "::" || "$bind" == "[::]" || "$bind" == "*" || "$bind" == "+" ]]; then
    printf '127.0.0.1'
  elif [[ "$bind" == *:* && "$bind" != \[* ]]; then
    printf '[%s]' "$bind"
  else
    printf '%s' "$bind"
  fi
}

url_of() { printf 'http://%s:%s' "$(host_of "$1")" "$(port_of "$1")"; }

db_password() {
  local var
  var="EOFFICE_$(printf '%s' "$1" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  printf '%s' "${!var:-eoffice_${1}_dev}"
}

all_components() { printf '%s\n' "${SERVICES[@]}" gateway; }

component_exists() { [[ -d "$ROOT/$(project_dir "$1")" ]]; }

known_component() {
  local c
  for c in "${SERVICES[@]}" gateway; do [[ "$c" == "$1" ]] && return 0; done
  return 1
}

tcp_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" >/dev/null 2>&1; }

http_code() {
  local code
  code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "$1" 2>/dev/null || true)"
  printf '%s' "${code:-000}"
}

pid_file() { printf '%s/%s.pid' "$PID_DIR" "$1"; }

# Prints the pid of a component if it runs (and is really ours), else returns 1.
running_pid() {
  local f pid
  f="$(pid_file "$1")"
  [[ -f "$f" ]] || return 1
  pid="$(tr -dc '0-9' <"$f")"
  [[ -n "$pid" ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -r "/proc/$pid/cmdline" ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$(dll_name "$1")" || return 1
  fi
  printf '%s' "$pid"
}

# Like running_pid, but without the command-line check: right after the fork the child is
# still a copy of this script until it execs dotnet.
pid_alive() {
  local f pid
  f="$(pid_file "$1")"
  [[ -f "$f" ]] || return 1
  pid="$(tr -dc '0-9' <"$f")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null
}

record_started_infra() {
  mkdir -p "$STATE_DIR"
  touch "$STARTED_INFRA_FILE"
  grep -qxF "$1" "$STARTED_INFRA_FILE" || printf '%s\n' "$1" >>"$STARTED_INFRA_FILE"
}

# ---------------------------------------------------------------------------- secrets

# Prints the installation's secret NAME, generating it (random, mode 600 under .eoffice/secrets)
# the first time. An environment variable EOFFICE_<NAME> (upper case, - as _) wins.
secret() {
  local name="$1" var file
  var="EOFFICE_$(printf '%s' "$name" | tr '[:lower:]-' '[:upper:]_')"
  if [[ -n "${!var:-}" ]]; then
    printf '%s' "${!var}"
    return 0
  fi
  file="$SECRETS_DIR/$name"
  if [[ ! -s "$file" ]]; then
    (umask 077 && mkdir -p "$SECRETS_DIR")
    chmod 700 "$SECRETS_DIR"
    (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$file.tmp" && mv "$file.tmp" "$file")
  fi
  chmod 600 "$file"
  cat "$file"
}

internal_key() { secret internal-key; }

SIGNING_DIR="$STATE_DIR/signing"

# The Local signature provider's development CA and signer certificate (PKCS#12), made once with openssl
# under .eoffice/signing/ (never committed); the PKCS#12 password is the installation's secret
# signing-certificate. A city brings its own certificate: set EOFFICE_SIGNING_P12 (and EOFFICE_SIGNING_CERTIFICATE).
signing_p12() {
  if [[ -n "${EOFFICE_SIGNING_P12:-}" ]]; then
    printf '%s' "$EOFFICE_SIGNING_P12"
    return 0
  fi
  local p12="$SIGNING_DIR/signer.p12" pass
  if [[ ! -s "$p12" ]]; then
    have openssl || die "openssl is needed to make the development signing certificate (apt-get install openssl)"
    pass="$(secret signing-certificate)"
    (umask 077 && mkdir -p "$SIGNING_DIR")
    local log="$LOG_DIR/signing-certificate.log"
    mkdir -p "$LOG_DIR"
    {
      openssl req -x509 -newkey rsa:3072 -sha256 -days 3650 -nodes -keyout "$SIGNING_DIR/ca.key" -out "$SIGNING_DIR/ca.crt" \
        -subj "/C=ID/O=EOffice Development/CN=EOffice Development CA" \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" &&
      openssl req -newkey rsa:3072 -sha256 -nodes -keyout "$SIGNING_DIR/signer.key" -out "$SIGNING_DIR/signer.csr" \
        -subj "/C=ID/O=Pemerintah Kota Depok (pengembangan)/CN=EOffice Penanda Tangan Pengembangan" &&
      printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nextendedKeyUsage=emailProtection\n' >"$SIGNING_DIR/signer.ext" &&
      openssl x509 -req -in "$SIGNING_DIR/signer.csr" -CA "$SIGNING_DIR/ca.crt" -CAkey "$SIGNING_DIR/ca.key" -CAcreateserial \
        -days 1825 -sha256 -extfile "$SIGNING_DIR/signer.ext" -out "$SIGNING_DIR/signer.crt" &&
      openssl pkcs12 -export -inkey "$SIGNING_DIR/signer.key" -in "$SIGNING_DIR/signer.crt" -certfile "$SIGNING_DIR/ca.crt" \
        -name "EOffice signer" -passout "pass:$pass" -out "$p12.tmp" && mv "$p12.tmp" "$p12"
    } >"$log" 2>&1 || die "could not make the development signing certificate (see .eoffice/logs/signing-certificate.log)"
    rm -f "$SIGNING_DIR/signer.csr" "$SIGNING_DIR/signer.ext"
    chmod 600 "$SIGNING_DIR"/*.key "$p12"
    say "made a development signing CA and signer certificate under .eoffice/signing/" >&2
  fi
  printf '%s' "$p12"
}

signing_password() {
  if [[ -n "${EOFFICE_SIGNING_P12:-}" ]]; then printf '%s' "${EOFFICE_SIGNING_CERTIFICATE:-}"; else secret signing-certificate; fi
}

# The AMQP URL of a broker user (user names are eoffice_*; the password is the installation's secret).
amqp_url() {
  local user="$1"
  if [[ "$(rabbit_users_managed)" == 1 ]]; then
    printf 'amqp://%s:%s@127.0.0.1:%s/' "$user" "$(secret "rabbitmq-$user")" "$RABBIT_PORT"
  else
    printf '%s' "${EOFFICE_RABBITMQ_URL:-amqp://guest:guest@127.0.0.1:$RABBIT_PORT/}"
  fi
}

# 1 when this script manages RabbitMQ's users (as root, on the local broker), else 0 (guest or EOFFICE_RABBITMQ_URL).
rabbit_users_managed() {
  if [[ -n "${EOFFICE_RABBITMQ_URL:-}" ]] || ! is_root; then echo 0; else echo 1; fi
}
