# shellcheck shell=bash
# deploy/local/build.sh — building the solution and publishing the web app.
# Sourced by ./eoffice (never run on its own); uses the variables and helpers of common.sh.

build_solution() {
  have dotnet || die "dotnet not found; install the .NET 10 SDK"
  mkdir -p "$LOG_DIR"
  local log="$LOG_DIR/build.log"
  say "building $SOLUTION (Release)"
  dotnet build "$SOLUTION" -c Release -nologo -v q >"$log" 2>&1 || build_failed "$log" build
  say "build ok"
  publish_web
}

# The staff web app (Blazor WebAssembly) is static files the gateway serves at /.
WEB_PROJECT="web/EOffice.Web"
WEB_ROOT="$STATE_DIR/web/wwwroot"

publish_web() {
  [[ -d "$WEB_PROJECT" ]] || return 0
  local log="$LOG_DIR/web-publish.log"
  say "publishing the web app ($WEB_PROJECT)"
  dotnet publish "$WEB_PROJECT" -c Release -nologo -v q -o "$STATE_DIR/web" >"$log" 2>&1 || build_failed "$log" "web app publish"
  say "web app ok ($WEB_ROOT)"
}

# build_failed LOG WHAT — prints the distinct compiler errors of LOG (or its tail) and stops.
build_failed() {
  local log="$1" what="$2"
  printf 'eoffice: %s failed:\n' "$what" >&2
  if grep -qE '(error|Error) ' "$log"; then
    grep -E '(error|Error) ' "$log" | sort -u | head -n 60 >&2
  else
    tail -n 40 "$log" >&2
  fi
  die "$what failed (full output: ${log#"$ROOT/"})"
}
