# shellcheck shell=bash
# deploy/local/test.sh — the test suite, the benchmarks and the infra command.
# Sourced by ./eoffice (never run on its own); uses the variables and helpers of common.sh.

# Reads attribute $2 from the <Counters .../> element text in $1 (0 when absent).
counter() {
  local v
  v="$(printf '%s' "$1" | sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p")"
  printf '%s' "${v:-0}"
}

# The tests create throwaway virtual hosts: they use the broker's administrator.
test_amqp_url() {
  if [[ "$(rabbit_users_managed)" == 1 ]]; then amqp_url "$RABBIT_ADMIN_USER"; else printf 'amqp://guest:guest@127.0.0.1:%s/' "$RABBIT_PORT"; fi
}

test_management_url() {
  if [[ "$(rabbit_users_managed)" == 1 ]]; then
    printf 'http://%s:%s@127.0.0.1:%s/' "$RABBIT_ADMIN_USER" "$(secret "rabbitmq-$RABBIT_ADMIN_USER")" "$RABBIT_MGMT_PORT"
  else
    printf 'http://guest:guest@127.0.0.1:%s/' "$RABBIT_MGMT_PORT"
  fi
}

# with_test_env CMD... — runs CMD with the variables the tests (and the benchmark) read to reach
# PostgreSQL and RabbitMQ (tests/EOffice.Testing/TestEnvironment.cs).
with_test_env() {
  EOFFICE_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=eoffice_test;Password=eoffice_test;Database=postgres" \
    EOFFICE_TEST_RABBITMQ="$(test_amqp_url)" \
    EOFFICE_TEST_RABBITMQ_MANAGEMENT="$(test_management_url)" \
    "$@"
}

# What the tests use as a user would: Debian's Chromium for the web app (never a downloaded browser), and the PDF
# tools (pdftotext, pdfsig, pdftoppm; zbarimg for the QR code) for the letter document.
ensure_test_tools() {
  local -a pkgs=()
  have chromium || pkgs+=(chromium)
  [[ -d /usr/share/fonts/truetype/dejavu ]] || pkgs+=(fonts-dejavu-core)
  have pdftotext || pkgs+=(poppler-utils)
  have zbarimg || pkgs+=(zbar-tools)
  # The Kubernetes manifests are built with the real tool (kubectl kustomize) in tests/EOffice.Deploy.Tests.
  have kubectl || pkgs+=(kubernetes-client)
  ((${#pkgs[@]} == 0)) && return 0
  can_apt || die "missing: ${pkgs[*]}; install them (the tests need Chromium and the PDF tools) and run again"
  apt_install "${pkgs[@]}"
}

cmd_test() {
  TEST_LINE_PENDING=1
  ensure_infra
  ensure_test_tools
  ensure_database
  build_solution

  mkdir -p "$TEST_RESULTS_DIR"
  find "$TEST_RESULTS_DIR" -name '*.trx' -type f -delete

  local rc=0
  say "running dotnet test"
  with_test_env dotnet test "$SOLUTION" -c Release --no-build --logger "trx" --results-directory "$TEST_RESULTS_DIR" "$@" || rc=$?

  local trx counters project total passed failed skipped
  local sum_passed=0 sum_failed=0 sum_skipped=0 files=0
  echo
  while IFS= read -r -d '' trx; do
    counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)"
    [[ -n "$counters" ]] || continue
    files=$((files + 1))
    total="$(counter "$counters" total)"
    passed="$(counter "$counters" passed)"
    failed=$(($(counter "$counters" failed) + $(counter "$counters" error) + $(counter "$counters" timeout) + $(counter "$counters" aborted)))
    skipped=$((total - passed - failed))
    ((skipped >= 0)) || skipped=0
    project="$(grep -o 'storage="[^"]*"' "$trx" | head -n 1 | sed 's/^storage="//; s/"$//' || true)"
    project="$(basename "${project:-$trx}")"
    project="${project%.dll}"
    project="${project%.trx}"
    printf '%s: %d passed, %d failed, %d skipped\n' "$project" "$passed" "$failed" "$skipped"
    sum_passed=$((sum_passed + passed))
    sum_failed=$((sum_failed + failed))
    sum_skipped=$((sum_skipped + skipped))
  done < <(find "$TEST_RESULTS_DIR" -name '*.trx' -type f -print0 | sort -z)

  local status=0
  if ((files == 0)); then
    warn "no test results (.trx) were produced"
    status=1
  fi
  if ((rc != 0)); then
    warn "dotnet test exited with $rc"
    status=1
  fi
  if ((status != 0 && sum_failed == 0)); then sum_failed=1; fi
  ((sum_failed == 0)) || status=1
  # shellcheck disable=SC2034 # read by on_exit (common.sh)
  TEST_LINE_PENDING=0
  printf '%d passed, %d failed, %d skipped\n' "$sum_passed" "$sum_failed" "$sum_skipped"
  return "$status"
}

# The performance and resilience suite (tests/EOffice.Bench): each part starts every service and the gateway
# itself from the Release build (PlatformFixture, a throwaway database and virtual host), on the same
# PostgreSQL/RabbitMQ variables as the tests; `archive` runs tests/EOffice.Archive.Bench. Reports: .eoffice/bench/.
BENCH_PARTS=(api pipeline latency footprint faults soak archive all)

bench_usage() {
  cat <<EOF
usage: ./eoffice bench <part> [options]     (./eoffice bench <part> --help for the options)

  api        a light endpoint, the inbox and one letter, directly and through the gateway (wrk): req/s, p50/p99, ratio
  pipeline   N letters, C at a time, draft to inbox + archive + notification; per step; against pgbench's ceiling
  latency    send -> the recipient's live event (SSE), against the floor (outbox commit + one broker hop)
  footprint  memory of every service and the gateway idle and after a pipeline run; Postgres and RabbitMQ
  faults     letters flowing through a broker outage, kill -9 of each service, a Postgres outage, redelivery
  soak       a steady mixed load for 10 minutes: memory growth, p99 drift, errors
  archive    Archive search and lifecycle at 100,000 and 1,000,000 records (its options after --)
  all        every part, in that order
EOF
}

cmd_bench() {
  local part="${1:-}"
  if [[ -z "$part" || "$part" == help || "$part" == -h || "$part" == --help ]]; then
    bench_usage
    return 0
  fi
  [[ " ${BENCH_PARTS[*]} " == *" $part "* ]] || {
    bench_usage >&2
    die "unknown bench part: $part"
  }
  local project="tests/EOffice.Bench/EOffice.Bench.csproj"
  [[ -f "$project" ]] || die "$project not found"
  have dotnet || die "dotnet not found; install the .NET 10 SDK"
  if any_running; then
    # The Release build would replace assemblies the running services have loaded, and they would share the CPU.
    die "services started by ./eoffice up are running; stop them first (./eoffice down) for a clean build and clean figures"
  fi
  if [[ "$part" == api || "$part" == all ]] && ! have wrk; then
    can_apt || die "wrk is missing; install it (apt-get install wrk) and run again"
    apt_install wrk
  fi
  ensure_infra
  ensure_database

  mkdir -p "$LOG_DIR" "$STATE_DIR/bench"
  local log="$LOG_DIR/bench-build.log"
  say "building the services, the gateway and the benchmarks (Release)"
  dotnet build "$project" -c Release -nologo -v q >"$log" 2>&1 || build_failed "$log" "bench build"

  say "running bench $part (reports in .eoffice/bench/)"
  EOFFICE_BENCH_DIR="$STATE_DIR/bench" with_test_env dotnet "tests/EOffice.Bench/bin/Release/net10.0/EOffice.Bench.dll" "$@"
}

cmd_infra() {
  ensure_infra
  ensure_database
}
