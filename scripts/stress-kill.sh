#!/usr/bin/env bash
# Kill `repro run`, `bless` and `plot` at random moments, N times (default 100), then check what is left:
# no temporary file or directory, no gnuplot process, every figure's .gp, .png and .pdf from one result
# (each PNG equals the one its .gp script draws), and every result and baseline readable.
# Results of two different sweeps (seeds=1 and seeds=2) alternate, so a torn figure would show.
#   scripts/stress-kill.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
REPRO="$(pwd)/.build/release/repro"
N=${1:-100}
ID=gao2019-attack-strength
[ -x "$REPRO" ] || { echo "stress-kill: build first (make build)" >&2; exit 1; }
command -v gnuplot >/dev/null || { echo "stress-kill: gnuplot missing (make deps)" >&2; exit 1; }

work=$(mktemp -d /tmp/repro-stress-XXXXXX)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "stress-kill: FAIL: $*" >&2; exit 1; }
"$REPRO" run $ID --preset quick --quiet --set seeds=1 >/dev/null
"$REPRO" plot $ID --preset quick >/dev/null
kills=0
start=$(date +%s)
for i in $(seq 1 "$N"); do
  seeds=$(( RANDOM % 2 + 1 ))
  case $(( RANDOM % 3 )) in
    0) cmd=(run $ID --preset quick --quiet --fresh --set seeds=$seeds) ;;
    1) cmd=(bless $ID --preset quick --force --baselines baselines) ;;
    2) cmd=(plot $ID --preset quick) ;;
  esac
  "$REPRO" "${cmd[@]}" >/dev/null 2>&1 &
  pid=$!
  sleep "0.$(printf %02d $(( RANDOM % 40 )))"
  if kill -9 "$pid" 2>/dev/null; then kills=$(( kills + 1 )); fi
  wait "$pid" 2>/dev/null || true
done
echo "stress-kill: $kills of $N commands killed mid-way in $(( $(date +%s) - start )) s"
sleep 1
# Running gnuplots (a zombie is already dead, waiting for a parent that reaps; PID 1 in a container may not).
running=$(ps -C gnuplot -o pid=,stat= | awk '$2 !~ /^Z/' || true)
[ -z "$running" ] || fail "gnuplot processes left: $running"

# The next run and plot clear what the killed ones left (this machine's dead writers, at once).
"$REPRO" run $ID --preset quick --quiet --set seeds=1 >/dev/null
"$REPRO" bless $ID --preset quick --force --baselines baselines >/dev/null
left=$(find . -path ./results/quick/figures -prune -o \( -name '*.tmp-*' -o -name '*.gnuplot-*' \) -print || true)
[ -z "$left" ] || fail "temporaries left after the next run and bless: $left"

# Every figure: three complete files, the PNG the one its own .gp draws (so .gp and .png agree), and the
# PDF complete. Checked before the final plot, which would redraw them all.
figures=results/quick/figures/$ID
for gp in $figures/*.gp; do
  name=$(basename "$gp" .gp)
  for f in png pdf; do [ -s "$figures/$name.$f" ] || fail "$name.$f missing"; done
  tail -c 1024 "$figures/$name.pdf" | grep -q '%%EOF' || fail "$name.pdf incomplete"
  check=$(mktemp -d "$work/check-XXXXXX")
  cp "$gp" "$check/" && (cd "$check" && gnuplot -d "$name.gp" 2>/dev/null)
  cmp -s "$check/$name.png" "$figures/$name.png" || fail "$name.png was not drawn by $name.gp (a torn figure)"
  rm -rf "$check"
done
"$REPRO" plot $ID --preset quick >/dev/null
left=$(find . -name '*.tmp-*' -o -name '*.gnuplot-*' || true)
[ -z "$left" ] || fail "temporaries left after the next plot: $left"
"$REPRO" check $ID --preset quick >/dev/null || true
"$REPRO" diff $ID --preset quick --baselines baselines >/dev/null || fail "the blessed baseline does not read back"
echo "stress-kill: passed: no temporaries, no gnuplot, every figure whole, results and baselines readable"
