#!/usr/bin/env bash
# `make test-slurm`: a real single-node Slurm (scripts/slurm-local.sh), a real experiment at its quick preset
# submitted as a 4-task array with a merge job; the merged file must equal a local `repro run` (every byte but
# `created` and `wall_seconds`). Then a shard is failed on purpose (cancelled before it runs): the merge job
# must report the missing points and leave no result, and `repro submit --resubmit-missing` must complete it.
# Last, a regime map at its `cluster` preset (the finer grid a map is submitted with) as a 4-task array: the merged
# map must equal a local run of the same preset.
set -euo pipefail
cd "$(dirname "$0")/.."
REPRO="$(pwd)/.build/release/repro"
LOCAL_SLURM="$(pwd)/scripts/slurm-local.sh"
ID=gao2019-lazy
MAP=${SLURM_TEST_MAP:-deng2020-regime-scale}
MAP_PRESET=${SLURM_TEST_MAP_PRESET:-cluster}
TIMEOUT=${SLURM_TEST_TIMEOUT:-120}
[ -x "$REPRO" ] || { echo "test-slurm: build first (make build)" >&2; exit 1; }

fail() { echo "test-slurm: FAIL: $*" >&2; exit 1; }

# World-readable: munged runs as the munge user and must reach its directory inside.
work=$(mktemp -d /tmp/repro-slurm-XXXXXX)
chmod 0755 "$work"
cleanup() { "$LOCAL_SLURM" down "$work/slurm" || true; rm -rf "$work"; }
trap cleanup EXIT
start=$(date +%s)
up=$("$LOCAL_SLURM" up "$work/slurm") || fail "the local Slurm did not start"
export SLURM_CONF="$work/slurm/slurm.conf"
echo "test-slurm: Slurm up in $(( $(date +%s) - start )) s"

# Waits until the jobs have left the queue; fails after $TIMEOUT seconds.
wait_for() {
  local deadline=$(( $(date +%s) + TIMEOUT ))
  while [ -n "$(squeue -h -j "$1" 2>/dev/null)" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "jobs $1 still queued after $TIMEOUT s: $(squeue -h -j "$1" | tr '\n' ' ')"
    sleep 1
  done
}

# "submitted array job A (…) and merge job M (…)" → "A M"
job_ids() { sed -nE 's/^submitted array job ([0-9]+) .* merge job ([0-9]+) .*/\1 \2/p'; }

# Every byte equal but those of `created` and `wall_seconds` (an ISO time and a double: at most 28).
same_file() {
  [ -f "$1" ] || fail "no result $1"
  local differing; differing=$(cmp -l "$1" "$2" | wc -l || true)
  [ "$(stat -c %s "$1")" = "$(stat -c %s "$2")" ] || fail "$1 and $2 differ in size"
  [ "$differing" -le 28 ] || fail "$1 and $2 differ in $differing bytes"
}

state_of() { scontrol show job "$1" | sed -nE 's/.*JobState=([A-Z_]+).*/\1/p' | head -1; }

# The reference: one local run.
mkdir -p "$work/local" && (cd "$work/local" && "$REPRO" run $ID --preset quick --quiet >/dev/null)
reference="$work/local/results/quick/$ID.h5"

# 1. A 4-task array and its merge.
mkdir -p "$work/array" && cd "$work/array"
t0=$(date +%s)
read -r array merge < <("$REPRO" submit $ID --preset quick --shards 4 | tee >(cat >&2) | job_ids)
[ -n "${merge:-}" ] || fail "repro submit printed no job ids"
wait_for "$array,$merge"
[ "$(state_of "$merge")" = COMPLETED ] || fail "merge job $merge ended $(state_of "$merge"): $(cat results/quick/$ID.slurm/merge-job-$merge.log)"
same_file "results/quick/$ID.h5" "$reference"
echo "test-slurm: 4-task array + merge equal to the local run, in $(( $(date +%s) - t0 )) s"

# 2. A shard that never runs: the merge reports it; --resubmit-missing completes the result.
mkdir -p "$work/missing" && cd "$work/missing"
t0=$(date +%s)
read -r array merge < <("$REPRO" submit $ID --preset quick --shards 4 --array-parallelism 1 | tee >(cat >&2) | job_ids)
scancel "${array}_3" || fail "cannot cancel task 3 of $array"
wait_for "$array,$merge"
[ "$(state_of "$merge")" = FAILED ] || fail "merge job $merge ended $(state_of "$merge") with shard 3 cancelled"
grep -q "points are not in the store.*(shards 3 of 4" "results/quick/$ID.slurm/merge-job-$merge.log" || fail "the merge log does not name the missing points and shard: $(cat results/quick/$ID.slurm/merge-job-$merge.log)"
[ ! -f "results/quick/$ID.h5" ] || fail "an incomplete merge wrote results/quick/$ID.h5"
resubmit=$("$REPRO" submit $ID --preset quick --resubmit-missing | tee >(cat >&2))
echo "$resubmit" | grep -q "in shards 3$" || fail "--resubmit-missing did not find shard 3 alone"
read -r array merge < <(echo "$resubmit" | job_ids)
wait_for "$array,$merge"
[ "$(state_of "$merge")" = COMPLETED ] || fail "the second merge job $merge ended $(state_of "$merge")"
same_file "results/quick/$ID.h5" "$reference"
echo "test-slurm: cancelled shard reported and resubmitted, result equal to the local run, in $(( $(date +%s) - t0 )) s"

# 3. A regime map at its cluster preset: 4 shards and a merge, equal to the local run.
t0=$(date +%s)
mkdir -p "$work/map-local" && (cd "$work/map-local" && "$REPRO" run $MAP --preset $MAP_PRESET --quiet >/dev/null)
local_seconds=$(( $(date +%s) - t0 ))
mkdir -p "$work/map" && cd "$work/map"
t0=$(date +%s)
read -r array merge < <("$REPRO" submit $MAP --preset $MAP_PRESET --shards 4 | tee >(cat >&2) | job_ids)
[ -n "${merge:-}" ] || fail "repro submit printed no job ids for $MAP"
TIMEOUT=$(( TIMEOUT + 10 * local_seconds )) wait_for "$array,$merge"
[ "$(state_of "$merge")" = COMPLETED ] || fail "merge job $merge of $MAP ended $(state_of "$merge"): $(cat results/$MAP_PRESET/$MAP.slurm/merge-job-$merge.log)"
same_file "results/$MAP_PRESET/$MAP.h5" "$work/map-local/results/$MAP_PRESET/$MAP.h5"
echo "test-slurm: $MAP at its $MAP_PRESET preset ($(( local_seconds )) s locally): 4-task array + merge equal to the local run, in $(( $(date +%s) - t0 )) s"
REPRO="$REPRO" "$(dirname "$LOCAL_SLURM")/test-slurm-jobs.sh"  # 4. `repro jobs` reports every state (issue 27, item 3)
echo "test-slurm: passed in $(( $(date +%s) - start )) s"
