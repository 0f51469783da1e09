#!/usr/bin/env bash
# Runs make targets one after the other and prints the time each took, as a table, at the end:
# after the last one, or after the first that fails (its exit code is kept). A step that is a
# prerequisite of a later one is not run again for it (`make -o`). `make test` runs its steps
# through this script, so that a step that has become slow is seen the day it happens.
#   scripts/steps.sh deps lint test-core
set -uo pipefail
cd "$(dirname "$0")/.."
times=()
done_steps=()
total_start=$(date +%s)
status=0
for step in "$@"; do
  start=$(date +%s)
  make --no-print-directory "${done_steps[@]/#/--assume-old=}" "$step"
  status=$?
  done_steps+=("$step")
  times+=("$step $(($(date +%s) - start))")
  [ "$status" -eq 0 ] || break
done
mmss() { printf '%d:%02d' $(($1 / 60)) $(($1 % 60)); }
echo
echo "step            time"
echo "--------------  -----"
for row in "${times[@]}"; do
  read -r step secs <<<"$row"
  printf '%-14s  %5s\n' "$step" "$(mmss "$secs")"
done
echo "--------------  -----"
printf '%-14s  %5s\n' "total" "$(mmss $(($(date +%s) - total_start)))"
[ "$status" -eq 0 ] || echo "failed: ${times[-1]%% *} (exit $status)"
exit "$status"
