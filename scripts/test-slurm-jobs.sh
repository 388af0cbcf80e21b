#!/usr/bin/env bash
# `make test-slurm`, last part (issue 27, item 3): `repro jobs` on the real local Slurm reports each state of
# a submission, read from `repro jobs --json`. Accounting is off there (accounting_storage/none), so the states
# come from squeue and the point store; the sacct path is covered by JobsStatusTests on recorded output.
#
# Deterministic states: the array is submitted while a blocker job holds the node, then the binary the job
# scripts call is replaced by a gate that makes each task wait for a file of ours before it runs the real
# `repro`. So task 1 is let through (done), task 2 waits (running) while 3 and 4 wait behind the throttle
# (`--array-parallelism 1`: pending), task 2 is then killed (failed), 3 cancelled while running, 4 let through;
# the merge fails for the missing points and `--resubmit-missing` (attempt 2) completes the result. Last, the store-only
# view of a machine without Slurm's commands.
#
# Called by scripts/test-slurm.sh with its Slurm up (SLURM_CONF set); standalone it starts its own under the
# machine's lock: REPRO=.build/debug/repro scripts/test-slurm-jobs.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${SLURM_CONF:-}" ] && [ -z "${REPRO_SLURM_LOCKED:-}" ]; then
  exec env REPRO_SLURM_LOCKED=1 flock /tmp/repro-slurm.lock "$0" "$@"
fi
ROOT=$(pwd)
REPRO=${REPRO:-$ROOT/.build/release/repro}
LOCAL_SLURM=$ROOT/scripts/slurm-local.sh
ID=${SLURM_JOBS_TEST_ID:-gao2019-lazy}
TIMEOUT=${SLURM_TEST_TIMEOUT:-120}

fail() { echo "test-slurm-jobs: FAIL: $*" >&2; exit 1; }
[ -x "$REPRO" ] || fail "no $REPRO: build first (make build)"

work=$(mktemp -d /tmp/repro-slurm-jobs-XXXXXX)
chmod 0755 "$work"
own_slurm="" blocker=""
cleanup() {
  [ -z "$blocker" ] || scancel "$blocker" 2>/dev/null || true
  [ -z "$own_slurm" ] || "$LOCAL_SLURM" down "$work/slurm" || true
  rm -rf "$work"
}
trap cleanup EXIT
start=$(date +%s)
if [ -z "${SLURM_CONF:-}" ]; then
  own_slurm=1
  "$LOCAL_SLURM" up "$work/slurm" >/dev/null || fail "the local Slurm did not start"
  export SLURM_CONF="$work/slurm/slurm.conf"
fi

results="$work/jobs/results"
mkdir -p "$work/jobs" "$work/bin" "$work/gate"
cp "$REPRO" "$work/bin/repro"

# `repro jobs --json` into $work/jobs.json; `get EXPR` evaluates a Python expression over it: d (the whole),
# s (the latest submission), t (its tasks by number), m (its merge job).
snapshot() {
  (cd "$work/jobs" && "$work/bin/repro.real" jobs $ID --preset quick --results "$results" --json "$@") >"$work/jobs.json" ||
    fail "repro jobs failed"
}
get() {
  python3 - "$work/jobs.json" "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); e = d["experiments"][0]; s = e["submissions"][-1]
t = {x["task"]: x for x in s["task_status"]}; m = s["merge"]
v = eval(sys.argv[2]); print(str(v).lower() if isinstance(v, bool) else v)
PY
}
want() {
  local got; got=$(get "$1")
  [ "$got" = "$2" ] || fail "$1 is '$got', expected '$2'; repro jobs said: $(cat "$work/jobs.json")"
}
# Polls until EXPR is true, or fails after $TIMEOUT seconds.
until_true() {
  local deadline=$(( $(date +%s) + TIMEOUT ))
  while snapshot && [ "$(get "$1")" != true ]; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "still not $1 after $TIMEOUT s: $(cat "$work/jobs.json")"
    sleep 0.5
  done
}
wait_gone() {
  local deadline=$(( $(date +%s) + TIMEOUT ))
  while [ -n "$(squeue -h -j "$1" 2>/dev/null)" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "jobs $1 still queued after $TIMEOUT s"
    sleep 0.5
  done
}

# The node taken, so nothing of the array starts before the gate is in place.
blocker=$(sbatch --parsable --exclusive --output=/dev/null --wrap 'sleep 300')
for _ in $(seq 1 40); do [ "$(squeue -h -j "$blocker" -o %T)" = RUNNING ] && break; sleep 0.5; done
[ "$(squeue -h -j "$blocker" -o %T)" = RUNNING ] || fail "the blocker job $blocker did not start"

submitted=$(cd "$work/jobs" && "$work/bin/repro" submit $ID --preset quick --shards 4 --array-parallelism 1 --results "$results")
read -r array merge < <(echo "$submitted" | sed -nE 's/^submitted array job ([0-9]+) .* merge job ([0-9]+) .*/\1 \2/p')
[ -n "${merge:-}" ] || fail "repro submit printed no job ids: $submitted"
mv "$work/bin/repro" "$work/bin/repro.real"
cat >"$work/bin/repro" <<GATE
#!/bin/sh
# An array task waits until the test opens its gate (Slurm sees it running meanwhile); the merge does not.
[ -z "\${SLURM_ARRAY_TASK_ID:-}" ] || while [ ! -e "$work/gate/go-\$SLURM_ARRAY_TASK_ID" ]; do sleep 0.2; done
exec "$work/bin/repro.real" "\$@"
GATE
chmod +x "$work/bin/repro"
logs="$results/$ID.slurm"

# 1. Everything pending behind the blocker; the record names the jobs.
snapshot
want 'd["source"]' squeue
want '"accounting is off" in d["note"]' true
want '(s["array_job"], s["merge_job"], s["tasks"], s["shards"], s["attempt"])' "('$array', '$merge', '1-4', 4, 1)"
want '[t[k]["state"] for k in (1, 2, 3, 4)] + [m["state"]]' "['pending', 'pending', 'pending', 'pending', 'pending']"
want 't[3]["log"]' "$logs/shard-3-job-$array.log"
echo "test-slurm-jobs: pending: every task and the merge, in $(( $(date +%s) - start )) s"

# 2. Task 1 through its gate (done, its points stored, its log there), task 2 held in it (running), 3 and 4
#    behind the throttle (pending), the merge waiting for them.
touch "$work/gate/go-1"
scancel "$blocker" && blocker=""
until_true 't[1]["state"] == "done" and t[2]["state"] == "running"'
want '(t[1]["stored"] == t[1]["points"] > 0, t[1]["log_exists"], t[1]["log"])' "(True, True, '$logs/shard-1-job-$array.log')"
want '(t[2]["stored"], t[2]["elapsed_seconds"] is not None)' "(0, True)"
want '(t[3]["state"], t[3]["detail"], t[4]["state"])' "('pending', 'JobArrayTaskLimit', 'pending')"
want '(m["state"], m["detail"])' "('pending', 'Dependency')"
want 'e["next"].startswith("wait:")' true
(cd "$work/jobs" && "$work/bin/repro.real" jobs $ID --preset quick --results "$results") | sed 's/^/  | /'
echo "test-slurm-jobs: done, running and pending (throttled) tasks, in $(( $(date +%s) - start )) s"

# 3. Task 2 killed (failed); task 3 through the throttle, held in its gate and cancelled (cancelled); task 4
#    through (done): the merge fails for the missing points.
scancel --batch --signal=KILL "${array}_2"
until_true 't[3]["state"] == "running"'
scancel "${array}_3"
touch "$work/gate/go-4"
wait_gone "$array,$merge"
snapshot
want '[t[k]["state"] for k in (1, 2, 3, 4)]' "['done', 'failed', 'cancelled', 'done']"
want '(t[2]["stored"], t[2]["points"] > 0, t[4]["stored"] == t[4]["points"])' "(0, True, True)"
want '(m["state"], s["result_written"], m["log"])' "('failed', False, '$logs/merge-job-$merge.log')"
want 'e["next"].endswith("--resubmit-missing`")' true
(cd "$work/jobs" && "$work/bin/repro.real" jobs $ID --preset quick --results "$results") | grep -q "failed .*shard-2-job-$array.log" ||
  fail "the table does not show task 2 failed with its log"
echo "test-slurm-jobs: failed (killed) and cancelled tasks, failed merge, in $(( $(date +%s) - start )) s"

# 4. Without Slurm's commands: a note and the store's view.
snapshot_path() { (cd "$work/jobs" && PATH=/nonexistent "$work/bin/repro.real" jobs $ID --preset quick --results "$results" --json) >"$work/jobs.json"; }
snapshot_path || fail "repro jobs without squeue failed"
want '(d["source"], "no squeue" in d["note"])' "('none', True)"
want '[t[k]["state"] for k in (1, 2, 3, 4)]' "['done', 'unknown', 'unknown', 'done']"

# 5. --resubmit-missing: attempt 2 is recorded (tasks 2 and 3) and completes the result.
resubmitted=$(cd "$work/jobs" && "$work/bin/repro.real" submit $ID --preset quick --results "$results" --resubmit-missing)
read -r array2 merge2 < <(echo "$resubmitted" | sed -nE 's/^submitted array job ([0-9]+) .* merge job ([0-9]+) .*/\1 \2/p')
[ -n "${merge2:-}" ] || fail "--resubmit-missing printed no job ids: $resubmitted"
wait_gone "$array2,$merge2"
snapshot --all-attempts
want '[(x["attempt"], x["tasks"]) for x in e["submissions"]]' "[(1, '1-4'), (2, '2-3')]"
want '([t[k]["state"] for k in sorted(t)], m["state"], s["result_written"])' "(['done', 'done'], 'done', True)"
want 'e["submissions"][0]["task_status"][1]["state"]' failed
want '(e["stored"] == e["points"], e["next"].startswith("done"))' "(True, True)"
echo "test-slurm-jobs: passed in $(( $(date +%s) - start )) s (resubmission recorded as attempt 2, merged)"
