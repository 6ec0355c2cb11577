#!/usr/bin/env bash
# Runs Voice.Sip.Tests N times in a row (without rebuilding) and counts passes and failures, to prove a flaky test
# is fixed. Manual tool: not called from CI. Build first: dotnet build tests/Voice.Sip.Tests -warnaserror
#
#   tests/loop-sip-tests.sh [N] [FILTER]
#   tests/loop-sip-tests.sh 100 'FullyQualifiedName~Voice.Sip.Tests.Transport.SipTransportTests'
#   tests/loop-sip-tests.sh 20            # the whole assembly
#
# Logs of failed runs are kept under $LOG_DIR (default: a fresh temp directory) for diagnosis.
set -uo pipefail

runs="${1:-20}"
filter="${2:-}"
root="$(cd "$(dirname "$0")/.." && pwd)"
log_dir="${LOG_DIR:-$(mktemp -d -t loop-sip-tests.XXXXXX)}"
mkdir -p "$log_dir"

args=(test "$root/tests/Voice.Sip.Tests" --no-build --nologo)
if [[ -n "$filter" ]]; then
  args+=(--filter "$filter")
fi

passes=0
failures=0
start=$SECONDS
for ((i = 1; i <= runs; i++)); do
  log="$log_dir/run-$i.log"
  if dotnet "${args[@]}" >"$log" 2>&1; then
    passes=$((passes + 1))
    rm -f "$log"
  else
    failures=$((failures + 1))
    echo "run $i FAILED (log: $log)"
    grep -E '^\s+Failed |Error Message|timed out|Assert' "$log" | head -n 6
  fi
done
elapsed=$((SECONDS - start))

echo "runs=$runs passes=$passes failures=$failures wall=${elapsed}s filter='${filter:-<all>}' logs=$log_dir"
[[ $failures -eq 0 ]]
