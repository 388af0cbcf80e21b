#!/usr/bin/env bash
# `repro bisect` finds a planted commit (issue 27, item 7). In a temporary directory: a git repository made
# from the project's committed sources (`git archive HEAD`) with four commits:
#   1 good: the sources as they are;
#   2 a README-only change (must not be built);
#   3 the planted change: one character of vardi2022-flip-vs-samples's arithmetic (the network's width m is
#     read as the number of training points n), which moves its quick result far beyond tolerance;
#   4 a change to another paper's module (gao2019-lazy), outside flip-vs-samples's fingerprint (not built).
# The repository's tree is left dirty (bisect uses commits only). `repro bisect` (BIN, default
# .build/release/repro, the driver) must name commit 3, list 2 and 4 as never built, build only once (commit 3,
# in a fresh scratch build: ~2.5 min on 2 cores), and leave no worktree and no temporary folder behind.
# The repository's .build holds the project's release binary (used for good when its fingerprint is good's)
# and the dependencies' checkouts (no network).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${BIN:-$ROOT/.build/release/repro}
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
ID=vardi2022-flip-vs-samples
PLANTED=experiments/vardi2022/flip-vs-samples.swift
OTHER=experiments/gao2019/lazy.swift
[ -x "$BIN" ] || { echo "test-bisect: no binary at $BIN: run \`make build\`" >&2; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/repro-test-bisect-XXXXXX")
trap 'rm -rf "$T"' EXIT
start=$(date +%s)
mkdir -p "$T/repo/.build/release" "$T/tmp"
git -C "$ROOT" archive HEAD | tar -x -C "$T/repo"
cp "$BIN" "$T/repo/.build/release/repro"
for f in checkouts repositories artifacts workspace-state.json; do
  [ -e "$ROOT/.build/$f" ] && cp -a --reflink=auto "$ROOT/.build/$f" "$T/repo/.build/"
done
[ -f "$ROOT/Package.resolved" ] && cp "$ROOT/Package.resolved" "$T/repo/"

cd "$T/repo"
export GIT_AUTHOR_NAME="Test Bisect" GIT_AUTHOR_EMAIL="bisect@example.org"
export GIT_COMMITTER_NAME="Test Bisect" GIT_COMMITTER_EMAIL="bisect@example.org"
git init -q . && git add -A && git commit -qm "good: the project's sources"
good=$(git rev-parse HEAD)
echo "A line only a reader sees." >> README.md
git commit -qam "README: a sentence"
readme=$(git rev-parse HEAD)
grep -q 'let (d, n, m) = (p.int("d"), p.int("n"), p.int("m"))' "$PLANTED" \
  || { echo "test-bisect: the planted line is not in $PLANTED any more: pick another" >&2; exit 1; }
sed -i 's/let (d, n, m) = (p.int("d"), p.int("n"), p.int("m"))/let (d, n, m) = (p.int("d"), p.int("n"), p.int("n"))/' "$PLANTED"
[ "$(git diff --numstat | awk '{print $1 + $2}')" = 2 ] || { echo "test-bisect: the planted change is not one line" >&2; exit 1; }
git commit -qam "flip-vs-samples: the width read as m"
planted=$(git rev-parse HEAD)
printf '\n// Another paper'"'"'s module: not in %s'"'"'s fingerprint.\n' "$ID" >> "$OTHER"
git commit -qam "gao2019-lazy: a comment"
other=$(git rev-parse HEAD)
echo "uncommitted" >> README.md

set +e
TMPDIR="$T/tmp" "$BIN" bisect "$ID" --good "$good" --bad "$other" --preset quick --jobs 1 2>&1 | tee "$T/out"
status=${PIPESTATUS[0]}
set -e
seconds=$(($(date +%s) - start))
fail() { echo "test-bisect: FAILED: $*" >&2; exit 1; }
[ "$status" = 0 ] || fail "exit $status, not 0"
grep -q "^  commit $planted\$" "$T/out" || fail "the planted commit ${planted:0:10} is not named"
grep -q "never built.*${readme:0:10}" "$T/out" || fail "the README commit ${readme:0:10} is not listed as never built"
grep -q "never built.*${other:0:10}" "$T/out" || fail "the other module's commit ${other:0:10} is not listed as never built"
grep -q "uncommitted changes" "$T/out" || fail "the dirty tree is not mentioned"
grep -q "/points/\*/flip_radius .*DIFFERS\|flip_radius.*DIFFERS" "$T/out" || fail "no moved dataset listed"
builds=$(grep -c ": built in " "$T/out" || true)
[ "$builds" -le 2 ] || fail "$builds builds: only the planted commit (and good, if the binary is not good's) may be built"
[ "$(git worktree list | wc -l)" = 1 ] || fail "a worktree was left: $(git worktree list)"
# (SwiftPM leaves its own lock files in TMPDIR; only the bisect's folder counts.)
[ -z "$(ls -d "$T"/tmp/repro-bisect-* 2>/dev/null)" ] || fail "the temporary folder was left: $(ls -d "$T"/tmp/repro-bisect-*)"
git diff --quiet HEAD -- README.md && fail "the user's uncommitted change was touched"
echo "test-bisect: found ${planted:0:10}, skipped ${readme:0:10} and ${other:0:10} without building, $builds build(s), $seconds s in all"
