#!/usr/bin/env bash
# Runs make targets one after the other and prints the time each took, as a table, at the end:
# after the last one, or after the first that fails (its exit code is kept). `a+b` runs a and b
# side by side (each one's output is printed when both have ended). A step that is a prerequisite
# of a later one is not run again for it (`make -o`). Each row has the step's wall-clock time and
# the processor time its processes used (user + system; on two cores at most twice the wall
# time), and a step of parts a row per part. `make test` runs its steps through this script, so
# that a step that has become slow is seen the day it happens.
#   scripts/steps.sh deps lint test-e2e+test-fuzz
set -uo pipefail
cd "$(dirname "$0")/.."
logs=target/steps
mkdir -p "$logs"
done_steps=()
rows=()
failed=""
total_start=$(date +%s)

# Runs make target $1 and writes its wall-clock and processor seconds to $logs/$1.time.
TIMEFORMAT='%R %U %S'
run() {
  { time make --no-print-directory "${done_steps[@]/#/--assume-old=}" "$1" 2>&3; } 3>&2 \
    2>"$logs/$1.time"
}
# "wall cpu" of a part, whole seconds.
times_of() { awk '{ printf "%d %d", $1 + 0.5, $2 + $3 + 0.5 }' "$logs/$1.time"; }

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
  if [ "${#parts[@]}" -eq 1 ]; then
    rows+=("$step $(times_of "$step")")
  else
    cpu=0
    for part in "${parts[@]}"; do cpu=$((cpu + $(times_of "$part" | cut -d' ' -f2))); done
    rows+=("$step $(($(date +%s) - start)) $cpu")
    for part in "${parts[@]}"; do rows+=("  $part $(times_of "$part")"); done
  fi
  [ -z "$failed" ] || break
done

mmss() { printf '%d:%02d' $(($1 / 60)) $(($1 % 60)); }
echo
printf '%-34s %6s %6s\n' step time cpu
cpu_total=0
for row in "${rows[@]}"; do
  read -r step secs cpu <<<"$row"
  indent=""
  [ "${row:0:1}" = " " ] && indent="  " || cpu_total=$((cpu_total + cpu))
  printf '%-34s %6s %6s\n' "$indent$step" "$(mmss "$secs")" "$(mmss "$cpu")"
done
printf '%-34s %6s %6s\n' total "$(mmss $(($(date +%s) - total_start)))" "$(mmss "$cpu_total")"
[ -z "$failed" ] || { echo "failed: $failed"; exit 1; }
