#!/usr/bin/env bash
# The test command: installs what the tests need, builds, runs every test project, and ends with
# one line "N passed, N failed" summed over all test projects.
set -uo pipefail
cd "$(dirname "$0")"

say() { printf '\n== %s\n' "$*"; }
need_apt=()
apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing: $* — install it with: sudo apt-get install -y $*" >&2
    return 1
  fi
  if [ -z "${_apt_updated:-}" ]; then
    apt-get update -qq >/dev/null && _apt_updated=1
  fi
  # Packages install without starting system services (redis, postgresql): the tests start their own servers,
  # and a service that cannot start in a container must not fail the install.
  local guard=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && guard=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  local status=$?
  [ -n "$guard" ] && rm -f /usr/sbin/policy-rc.d
  return $status
}

say "prerequisites"
command -v dotnet >/dev/null || { echo "the .NET 10 SDK is required (see global.json): https://dotnet.microsoft.com/download" >&2; exit 1; }
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then need_apt+=(nodejs npm); fi
if [ -d tests/Factory.Browser.Tests ] && [ ! -x /usr/bin/chromium ]; then need_apt+=(chromium); fi
# The cluster tests start their own redis-server and PostgreSQL on loopback (the package may also start a system
# service of its own; the tests do not use it).
if [ -d tests/Factory.Cluster.Tests ]; then
  command -v redis-server >/dev/null || need_apt+=(redis-server)
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need_apt+=(postgresql)
fi
# The MQTT tests start their own mosquitto broker on loopback.
if [ -d tests/Factory.Mqtt.Tests ] && [ ! -x /usr/sbin/mosquitto ] && ! command -v mosquitto >/dev/null; then need_apt+=(mosquitto); fi
# The notification tests start their own SMTP server (aiosmtpd) on loopback, with Debian's python3.
if [ -d tests/Factory.Host.Tests ] && ! /usr/bin/python3 -c "import aiosmtpd" 2>/dev/null; then need_apt+=(python3-aiosmtpd); fi
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing: ${need_apt[*]}"
  apt_install "${need_apt[@]}" || exit 1
fi
dotnet --version

# Node packages the tests use (node-opcua as the independent OPC UA peer, kubernetes-models to validate deploy/k8s), pinned by package-lock.json.
for dir in tests/interop tests/k8s; do
  if [ -f "$dir/package-lock.json" ]; then
    say "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || exit 1
  fi
done

say "build"
dotnet build Factory.sln -c Release -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }

say "test"
log=$(mktemp)
# One test project at a time (-m:1): several of them start real servers, browsers and silos, and on a
# two-core machine running them side by side only adds scheduling noise to their timing. The minimal
# console logger prints each failure's message and stack, so a red run says why.
dotnet test Factory.sln -c Release --no-build -nologo -v q -m:1 --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Sum the per-project summaries: "Passed!  - Failed: F, Passed: P, Skipped: S, Total: T".
read -r passed failed < <(grep -E '(Passed|Failed)! +- +Failed: ' "$log" |
  sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+).*/\2 \1/' |
  awk '{p+=$1; f+=$2} END {print p+0, f+0}')
rm -f "$log"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1 # a test host crashed or a project could not run: never report that as green
fi
echo "$passed passed, $failed failed"
exit "$status"
