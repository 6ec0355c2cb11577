#!/usr/bin/env bash
# The one test command (README and .ci/run call exactly this). On a fresh Debian machine it installs what
# the tests need, builds Voice.Functions.sln (every project, the Functions app included) with warnings as errors, checks formatting, runs every test
# project, and ends with one line: "N passed, N failed[, N skipped]". Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
# A developer's focused Node run (tests/Voice.Testing/NodeTestRun.cs) must never narrow the full run.
unset VOICE_NODE_TEST_FILES

# Real peers and audio tools used by the media and end-to-end tests (see ../shared/peers.md).
apt_packages=(baresip-core espeak-ng sox kamailio linphone-cli ffmpeg libpocketsphinx3 pocketsphinx-en-us)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Azurite, pinned in package.json / package-lock.json.
if [ ! -x node_modules/.bin/azurite ] || ! cmp -s package-lock.json node_modules/.package-lock.json 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
fi

dotnet restore Voice.Functions.sln --verbosity quiet
# NU1603 (a dependency version the package source lacks, the next one taken) comes with the Durable and Functions
# packages, also inside the Functions SDK's generated WorkerExtensions project: allowed, every other warning fails.
dotnet build Voice.Functions.sln --no-restore --verbosity quiet -warnaserror -warnnotaserror:NU1603 -p:ContinuousIntegrationBuild=true
dotnet format Voice.Functions.sln --verify-no-changes --no-restore --verbosity quiet

results=TestResults
rm -rf "$results"
status=0
dotnet test Voice.Functions.sln --no-build --verbosity quiet --results-directory "$results" \
  --logger "trx" --logger "console;verbosity=minimal" || status=$?

passed=0; failed=0; skipped=0
shopt -s nullglob
trx_files=("$results"/*.trx)
for trx in "${trx_files[@]}"; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(get passed); f=$(get failed); e=$(get error); t=$(get total); x=$(get executed)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
  skipped=$((skipped + ${t:-0} - ${x:-0}))
done
if [ ${#trx_files[@]} -eq 0 ]; then
  echo "no test results were written"; status=1
fi
[ "$failed" -eq 0 ] || status=1
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test failed outside the test cases (fixture cleanup, crash or build): see the output above"
fi
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi
exit "$status"
