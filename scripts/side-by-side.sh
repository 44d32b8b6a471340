#!/usr/bin/env bash
# Runs lanes of make targets at the same time: each argument is one lane, its targets (separated
# by spaces) made in order. Every output line carries its lane's name; the script waits for all
# lanes and fails, naming them, if any failed. `make test` pairs a lane that mostly waits (paced
# load, faults) with one that computes, so the two cores are busy for less time in all.
#   scripts/side-by-side.sh "test-rust" "bench-smoke"
set -uo pipefail
cd "$(dirname "$0")/.."

lanes=("$@")
pids=()
for lane in "${lanes[@]}"; do
  # shellcheck disable=SC2086 # a lane is a list of targets
  (set -o pipefail; make --no-print-directory $lane 2>&1 | sed -u "s/^/[${lane// /+}] /") &
  pids+=($!)
done
failed=()
for i in "${!pids[@]}"; do
  wait "${pids[$i]}" || failed+=("${lanes[$i]}")
done
if ((${#failed[@]} > 0)); then
  printf 'side-by-side: failed: %s\n' "${failed[@]}" >&2
  exit 1
fi
