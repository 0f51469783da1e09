#!/usr/bin/env bash
# Runs make targets one after the other and prints the time each took, as a table, at the end:
# after the last one, or after the first that fails (its exit code is kept). `a+b` runs a and b
# side by side (each one's output is printed when both have ended). A step that is a prerequisite
# of a later one is not run again for it (`make -o`). `make test` runs its steps through this
# script, so that a step that has become slow is seen the day it happens.
#   scripts/steps.sh deps lint test-e2e+test-fuzz
set -uo pipefail
cd "$(dirname "$0")/.."
logs=target/steps
mkdir -p "$logs"
done_steps=()
rows=()
failed=""
total_start=$(date +%s)

run() { make --no-print-directory "${done_steps[@]/#/--assume-old=}" "$1"; }

for step in "$@"; do
  start=$(date +%s)
  IFS=+ read -ra parts <<<"$step"
  if [ "${#parts[@]}" -eq 1 ]; then
    run "$step" || failed="$step (exit $?)"
  else
    pids=()
    for part in "${parts[@]}"; do
      run "$part" >"$logs/$part.log" 2>&1 &
      pids+=($!)
    done
    for i in "${!parts[@]}"; do
      wait "${pids[$i]}" || failed="${parts[$i]} (exit $?)"
    done
    for part in "${parts[@]}"; do
      echo "== ${part} =="
      cat "$logs/$part.log"
    done
  fi
  done_steps+=("${parts[@]}")
  rows+=("$step $(($(date +%s) - start))")
  [ -z "$failed" ] || break
done

mmss() { printf '%d:%02d' $(($1 / 60)) $(($1 % 60)); }
echo
printf '%-22s %6s\n' step time
for row in "${rows[@]}"; do
  read -r step secs <<<"$row"
  printf '%-22s %6s\n' "$step" "$(mmss "$secs")"
done
printf '%-22s %6s\n' total "$(mmss $(($(date +%s) - total_start)))"
[ -z "$failed" ] || { echo "failed: $failed"; exit 1; }
