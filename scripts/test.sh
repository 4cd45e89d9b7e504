#!/usr/bin/env bash
# Runs every Gatehouse test on a fresh Debian 12 machine: installs what the tests drive (openssl, curl,
# Debian's chromium for the console's browser tests, never a Playwright-downloaded browser; and Debian's etcd-server,
# whose /usr/bin/etcd the etcd store tests start on loopback ports of their own and stop again; and Debian's pebble ACME test
# CA, which the ACME tests start the same way),
# builds, runs all test projects, and ends with one line "N passed, N failed" counted from the results.
set -uo pipefail
cd "$(dirname "$0")/.."

need=()
for tool in openssl:openssl curl:curl /usr/bin/chromium:chromium /usr/bin/etcd:etcd-server /usr/bin/pebble:pebble; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || need+=("${tool##*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

results=$(mktemp -d)
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
# Restore into an empty package cache from the public registry alone (nuget.config names no local folder),
# so a run here proves what a user's fresh machine does; the build then uses exactly what that restore brought.
export NUGET_PACKAGES="$results/nuget-packages"
dotnet restore Gatehouse.sln -nologo || { echo "0 passed, 1 failed"; exit 1; }
dotnet build Gatehouse.sln -c Release -nologo -clp:ErrorsOnly --no-restore || { echo "0 passed, 1 failed"; exit 1; }
# One test project at a time: the end-to-end tests time hot reloads, and two cores are all there is.
status=0
for project in test/*/*.csproj; do
  grep -q '<IsTestProject>true</IsTestProject>' "$project" || continue
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || status=1
done

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
rm -rf "$results"
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
