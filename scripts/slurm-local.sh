#!/usr/bin/env bash
# A single-node Slurm on localhost, for tests: munge, slurmctld and slurmd from Debian's packages, every
# file under one directory, no systemd, no cgroups.
#
#   scripts/slurm-local.sh up DIR     install what is missing, write DIR/slurm.conf, start the daemons, wait
#                                     until the node is idle; prints `export SLURM_CONF=DIR/slurm.conf`
#   scripts/slurm-local.sh down DIR   stop the daemons (by their pid files) and the jobs they left
#
# Facts it relies on (shared/notes/slurm-single-node.md): the node's geometry must be `slurmd -C`'s, munged
# under /tmp needs --force and a key owned by munge, batch scheduling waits 3 s unless told otherwise, and a
# killed daemon can linger as a zombie, so `down` checks process states. A requeued task may start only once
# its first run's credential has expired (cred_expire + 1 s): 10 s here (Slurm's default is 120 s), so that
# `make test-slurm`'s requeue test waits 11 s per requeue.
set -euo pipefail

die() { echo "slurm-local: $*" >&2; exit 1; }

need_root() { [ "$(id -u)" -eq 0 ] && echo "" || echo "sudo"; }

install() {
  local missing=""
  for p in slurmctld slurmd slurm-client munge; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  echo "slurm-local: installing$missing"
  local sudo; sudo=$(need_root)
  # Package scripts try to start the services and are refused without systemd: harmless.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1 ||
    { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null; } ||
    die "cannot install$missing with apt-get"
}

up() {
  local dir; dir=$(mkdir -p "$1" && cd "$1" && pwd)
  install
  [ -f "$dir/slurmctld.pid" ] && kill -0 "$(cat "$dir/slurmctld.pid")" 2>/dev/null && die "a Slurm already runs from $dir: $0 down $dir"
  mkdir -p "$dir/state" "$dir/spool" "$dir/log" "$dir/munge"
  chmod 0755 "$dir" "$dir/state" "$dir/spool" "$dir/log"

  # munge: a fresh key owned by munge, 0400 in a 0700 directory; its socket directory 0755.
  mkdir -p "$dir/munge/key" "$dir/munge/run"
  dd if=/dev/urandom of="$dir/munge/key/munge.key" bs=1024 count=1 status=none
  chown -R munge:munge "$dir/munge"
  chmod 0700 "$dir/munge/key"; chmod 0400 "$dir/munge/key/munge.key"; chmod 0755 "$dir/munge" "$dir/munge/run"
  local socket="$dir/munge/run/munge.socket"
  su -s /bin/sh munge -c "munged --force --key-file=$dir/munge/key/munge.key --socket=$socket --pid-file=$dir/munge/run/munged.pid --log-file=$dir/munge/munged.log --seed-file=$dir/munge/seed" ||
    die "munged did not start (see $dir/munge/munged.log)"

  # The node as slurmd sees it: geometry and memory must match exactly, or the node drains.
  local node; node=$(slurmd -C | head -1 | sed -E 's/^NodeName=[^ ]+ /NodeName=localhost NodeAddr=127.0.0.1 /; s/ UpTime=.*//')
  cat > "$dir/slurm.conf" <<EOF
ClusterName=repro-test
SlurmctldHost=localhost(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket,cred_expire=10
SlurmctldPort=16817
SlurmdPort=16818
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MailProg=/bin/true
MinJobAge=600
SlurmdTimeout=10
SchedulerParameters=batch_sched_delay=0,sched_interval=2,bf_interval=2
$node State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
  export SLURM_CONF="$dir/slurm.conf"
  slurmctld -i -f "$SLURM_CONF" || die "slurmctld did not start (see $dir/log/slurmctld.log)"
  slurmd -f "$SLURM_CONF" || die "slurmd did not start (see $dir/log/slurmd.log)"
  for _ in $(seq 1 60); do
    if sinfo -h -o '%t' 2>/dev/null | grep -qx 'idle'; then
      echo "export SLURM_CONF=$SLURM_CONF"
      return 0
    fi
    sleep 0.5
  done
  die "the node did not become idle in 30 s: $(sinfo -h 2>&1 | head -1); see $dir/log/"
}

# Stops the process in a pid file: TERM, then KILL; a zombie counts as stopped.
stop() {
  local file=$1
  [ -f "$file" ] || return 0
  local pid; pid=$(cat "$file")
  for signal in TERM TERM TERM KILL; do
    local state; state=$(ps -o stat= -p "$pid" 2>/dev/null || true)
    [ -z "$state" ] || [[ "$state" == Z* ]] && { rm -f "$file"; return 0; }
    kill -"$signal" "$pid" 2>/dev/null || true
    sleep 0.5
  done
  state=$(ps -o stat= -p "$pid" 2>/dev/null || true)
  [ -z "$state" ] || [[ "$state" == Z* ]] || echo "slurm-local: process $pid from $file did not stop" >&2
  rm -f "$file"
}

down() {
  local dir; dir=$(cd "$1" 2>/dev/null && pwd) || return 0
  if [ -f "$dir/slurm.conf" ]; then
    SLURM_CONF="$dir/slurm.conf" scancel --full --quiet --user root 2>/dev/null || true
  fi
  stop "$dir/slurmd.pid"
  stop "$dir/slurmctld.pid"
  stop "$dir/munge/run/munged.pid"
  # Job steps slurmd left behind (linuxproc does not reap them when slurmd is killed).
  pkill -f "slurmstepd.*$dir" 2>/dev/null || true
}

case "${1:-}" in
  up) [ -n "${2:-}" ] || die "usage: $0 up DIR"; up "$2" ;;
  down) [ -n "${2:-}" ] || die "usage: $0 down DIR"; down "$2" ;;
  *) die "usage: $0 up|down DIR" ;;
esac
