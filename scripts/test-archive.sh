#!/usr/bin/env bash
# `make test-archive`: two experiments at their quick preset (with their controls) in a scratch directory, drawn,
# archived with `repro archive`; then the bundle is checked by others' tools: the RO-Crate community's validator
# (roc-validator, `rocrate-validator validate`) at the Process Run Crate 0.5 profile (which includes RO-Crate 1.1)
# must find every REQUIRED check met (the RECOMMENDED ones are listed); cffconvert validates the bundle's
# CITATION.cff and the repository's; every sha256 and contentSize in the crate is that of its file; every HDF5
# file opens with h5py. Last, the refusals: an existing bundle without --force, an unknown id, a missing result.
# The validator and cffconvert live in a virtualenv outside git (`make archive-validator`, ARCHIVE_VENV); a
# missing one fails the test (set ARCHIVE_SKIP_VALIDATOR=1 to skip it by hand; never under CI=true).
set -euo pipefail
cd "$(dirname "$0")/.."
REPRO="$(pwd)/.build/debug/repro"
VENV=${ARCHIVE_VENV:-$(pwd)/.archive-venv}
IDS=(vardi2022-kkt frei2023-generalization)
[ -x "$REPRO" ] || { echo "test-archive: build first (swift build --product repro)" >&2; exit 1; }
fail() { echo "test-archive: FAIL: $*" >&2; exit 1; }
start=$(date +%s)

work=$(mktemp -d /tmp/repro-archive-XXXXXX)
trap 'rm -rf "$work"' EXIT
results="$work/quick"
for id in "${IDS[@]}"; do
  "$REPRO" run "$id" --preset quick --results "$results" --jobs 1 --quiet --controls >/dev/null
  "$REPRO" plot "$id" --preset quick --results "$results" >/dev/null
done
bundle="$work/bundle"
"$REPRO" archive "${IDS[@]}" --preset quick --results "$results" --out "$bundle" --tar
[ -s "$bundle.tar.gz" ] || fail "no $bundle.tar.gz"

# The validator and cffconvert.
validator=yes
if [ ! -x "$VENV/bin/rocrate-validator" ] || [ ! -x "$VENV/bin/cffconvert" ]; then
  if [ "${CI:-}" = true ] || [ "${ARCHIVE_SKIP_VALIDATOR:-}" != 1 ]; then
    fail "roc-validator or cffconvert is not installed in $VENV: run make archive-validator"
  fi
  echo "test-archive: SKIPPED the RO-Crate validator and cffconvert (ARCHIVE_SKIP_VALIDATOR=1)" >&2
  validator=no
fi
if [ $validator = yes ]; then
  echo "test-archive: $("$VENV/bin/rocrate-validator" --version 2>&1 | tail -1)"
  report="$work/validation.txt"
  # REQUIRED checks of process-run-crate-0.5 and of the profile it builds on (ro-crate-1.1): all must pass.
  COLUMNS=160 "$VENV/bin/python" scripts/archive-validate.py "$bundle" -p process-run-crate-0.5 -l required \
    --no-paging -v >"$report" 2>&1 || { cat "$report"; fail "the crate does not meet the REQUIRED checks"; }
  grep -q "\[OK\] RO-Crate is a valid process-run-crate-0.5" "$report" || { cat "$report"; fail "no [OK] verdict"; }
  echo "test-archive: rocrate-validator: every REQUIRED check of process-run-crate-0.5 (and ro-crate-1.1) passes"
  # RECOMMENDED ones, for information: those the project cannot state (a URL, the agent, a publisher) fail.
  COLUMNS=160 "$VENV/bin/python" scripts/archive-validate.py "$bundle" -p process-run-crate-0.5 -l recommended \
    --no-paging -v >"$report" 2>&1 || true
  grep -E "^ +\[ [a-z0-9.-]+_[0-9.]+ \] " "$report" | sed 's/^ */  unmet RECOMMENDED check: /; s/ *$//' || true
  for cff in "$bundle/CITATION.cff" CITATION.cff; do
    "$VENV/bin/cffconvert" --validate -i "$cff" >/dev/null || fail "cffconvert: $cff is not valid CFF"
  done
  echo "test-archive: cffconvert $("$VENV/bin/cffconvert" --version): CITATION.cff valid (bundle and repository)"
fi

# Every file of the crate: its hash and size; every HDF5 file opens; every bundled file is in the crate.
/usr/bin/python3 - "$bundle" <<'PY' || fail "the crate's files do not match"
import hashlib, json, os, sys, h5py
from urllib.parse import unquote
root = sys.argv[1]
graph = json.load(open(os.path.join(root, "ro-crate-metadata.json")))["@graph"]
entities = {e["@id"]: e for e in graph}
files = [e for e in graph if e.get("@type") == "File"]
for e in files:
    path = os.path.join(root, unquote(e["@id"]))
    data = open(path, "rb").read()
    assert e["sha256"] == hashlib.sha256(data).hexdigest(), e["@id"]
    assert e["contentSize"] == str(len(data)), e["@id"]
    if path.endswith(".h5"):
        with h5py.File(path, "r") as f:
            assert "experiment" in f.attrs, path
on_disk = {os.path.relpath(os.path.join(d, n), root) for d, _, ns in os.walk(root) for n in ns}
assert on_disk == {unquote(e["@id"]) for e in files} | {"ro-crate-metadata.json"}, on_disk ^ {e["@id"] for e in files}
actions = [e for e in graph if e.get("@type") == "CreateAction"]
for a in actions:
    assert entities[a["instrument"]["@id"]]["@type"] == "SoftwareApplication"
    assert entities[a["result"]["@id"]]["encodingFormat"] == "application/x-hdf5"
print(f"test-archive: {len(files)} files, every sha256 and size as the crate says; "
      f"{sum(f['@id'].endswith('.h5') for f in files)} HDF5 files open with h5py {h5py.__version__}; {len(actions)} CreateActions")
PY

# Refusals: one line each, non-zero exit, nothing written.
before=$(ls -A "$bundle" | wc -l)
if out=$("$REPRO" archive "${IDS[@]}" --preset quick --results "$results" --out "$bundle" 2>&1); then fail "an existing bundle was replaced without --force"; fi
[ "$(echo "$out" | wc -l)" -eq 1 ] && echo "$out" | grep -q -- "--force" || fail "refusal without --force: $out"
[ "$(ls -A "$bundle" | wc -l)" -eq "$before" ] || fail "the refused archive changed the bundle"
[ -z "$(ls -A "$work" | grep '^\.bundle\.')" ] || fail "a temporary was left beside the bundle"
"$REPRO" archive "${IDS[0]}" --preset quick --results "$results" --out "$bundle" --force >/dev/null
if out=$("$REPRO" archive no-such-id --preset quick --results "$results" --out "$work/b2" 2>&1); then fail "an unknown id was archived"; fi
echo "$out" | grep -q "no-such-id" || fail "unknown id: $out"
if out=$("$REPRO" archive gao2019-lazy --preset quick --results "$results" --out "$work/b3" 2>&1); then fail "a missing result was archived"; fi
echo "$out" | grep -q "repro run gao2019-lazy --preset quick" || fail "missing result: $out"
[ ! -e "$work/b2" ] && [ ! -e "$work/b3" ] || fail "a refused archive left its --out behind"
echo "test-archive: refusals are one line each and write nothing"
echo "test-archive: passed in $(( $(date +%s) - start )) s"
