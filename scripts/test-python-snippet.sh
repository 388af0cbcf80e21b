#!/usr/bin/env bash
# Runs docs/read_results.py (the README's "Reading results from Python") on every result file of a folder and
# checks what it loads against h5py read directly and against `repro check --all --json`:
#   - points: one row per stored point (the root attribute `points`, the length of every /sweep and /scalars
#     column, the /points/pNNNN groups), every column equal to the stored values (choices as their level names),
#     units as stored, each point's notes;
#   - series: one row per element of every per-point array, values equal;
#   - claims: as many rows as `repro check` lists verdicts, with the same statement, role, verdict, value, margin
#     in seed SDs, control status; as many controls per claim with the same kind, status and value; a regime map's
#     cells with the same outcomes;
#   - its helper plain() on fixed-length byte strings and array attributes (a file written here);
#   - the README's Python lines on vardi2022-flip-vs-dim.h5 (when the folder has it) give the same tables;
#   - the script itself (its __main__) prints its three tables for every file, and docs/reading-results.md
#     lists it as it is.
# `repro check` stores its verdicts in the result file, so it runs on a copy (the folder is never written).
#
#   scripts/test-python-snippet.sh [FOLDER]     (default results/quick; REPRO=path/to/repro, PYTHON=python3)
#
# Needs h5py and pandas (Debian: python3-h5py python3-pandas, `make deps`). Without them it fails under CI=true
# and says SKIPPED loudly otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
folder=${1:-results/quick}
python=${PYTHON:-/usr/bin/python3}
repro=${REPRO:-}
if [ -z "$repro" ]; then
  if [ -x .build/debug/repro ]; then repro=.build/debug/repro; else repro=.build/release/repro; fi
fi

if ! problem=$("$python" -c "import h5py, pandas" 2>&1); then
  echo "test-python-snippet: $python cannot import h5py and pandas (apt-get install python3-h5py python3-pandas," \
    "or make deps): ${problem##*$'\n'}" >&2
  if [ "${CI:-}" = true ]; then exit 1; fi
  echo "test-python-snippet: SKIPPED (not under CI=true)" >&2
  exit 0
fi
shopt -s nullglob
files=("$folder"/*.h5)
if [ ${#files[@]} -eq 0 ]; then
  echo "test-python-snippet: no result files in $folder (run make quick, or give a folder)" >&2
  exit 1
fi
[ -x "$repro" ] || { echo "test-python-snippet: no repro binary at $repro (swift build, or REPRO=…)" >&2; exit 1; }

# docs/reading-results.md shows the script in full: it must be the file.
if ! diff <(sed -n '/^```python$/,/^```$/p' docs/reading-results.md | sed '1d;$d') docs/read_results.py >/dev/null; then
  echo "test-python-snippet: the listing in docs/reading-results.md is not docs/read_results.py: copy the file in" >&2
  exit 1
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# The results and the control results beside them (check reads the controls' outcomes), not the point store.
cp "${files[@]}" "$scratch/"
for f in "$folder"/controls/*/*/*.h5; do
  rel=${f#"$folder"/}
  mkdir -p "$scratch/$(dirname "$rel")" && cp "$f" "$scratch/$rel"
done
# Exit status 1 only says that some claim fails at this preset; the JSON is what is compared.
"$repro" check --all --preset quick --results "$scratch" --json >"$scratch/check.json" || [ $? -eq 1 ]

"$python" - "$scratch" <<'EOF'
import glob, io, json, math, os, runpy, sys
from contextlib import redirect_stdout

import h5py
import numpy as np

sys.path.insert(0, "docs")
from read_results import load, plain

folder = sys.argv[1]
checked = json.load(open(os.path.join(folder, "check.json")))
by_path = {os.path.realpath(e["result"]): e for e in checked["experiments"]}
failures = []


def expect(ok, what):
    if not ok:
        failures.append(f"{path}: {what}")


def same(a, b):
    """Equal, NaN equal to NaN; JSON's null (repro writes NaN and ±inf as null) equal to any of them."""
    nan = lambda x: isinstance(x, float) and math.isnan(x)
    if b is None:
        return a is None or (isinstance(a, float) and not math.isfinite(a))
    return (nan(a) and nan(b)) or a == b


def same_array(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype.kind in "fc" or b.dtype.kind in "fc":
        return a.shape == b.shape and np.array_equal(a.astype(float), b.astype(float), equal_nan=True)
    return a.shape == b.shape and np.array_equal(a, b)


# The helper on what another writer may store: fixed-length byte strings, one-element and longer arrays.
path = os.path.join(folder, "quirks.h5.tmp")
with h5py.File(path, "w") as f:
    f.attrs["fixed"] = np.bytes_("ℓ2 norm".encode())
    f.attrs["one"] = np.array([3.5])
    f.attrs["many"] = np.array([b"a", b"b"], dtype="S1")
    f["text"] = np.array([b"x", b"yz"], dtype="S2")
    f["numbers"] = np.arange(3)
    got = {k: plain(v) for k, v in f.attrs.items()}
    expect(got == {"fixed": "ℓ2 norm", "one": 3.5, "many": ["a", "b"]}, f"plain() on attributes: {got}")
    expect(list(plain(f["text"])) == ["x", "yz"] and list(plain(f["numbers"])) == [0, 1, 2], "plain() on datasets")

totals = dict(files=0, points=0, elements=0, claims=0, controls=0, cells=0, readme=0)
for path in sorted(glob.glob(os.path.join(folder, "*.h5"))):
    r = load(path)
    points, series, claims, controls = r["points"], r["series"], r["claims"], r["controls"]
    with h5py.File(path, "r") as f:
        n = int(f.attrs["points"])
        expect(len(points) == n, f"{len(points)} rows for {n} points")
        stored = [(g, name, ds) for g in ("sweep", "scalars") for name, ds in f[g].items()]
        for g, name, ds in stored:
            expect(ds.shape == (n,), f"/{g}/{name} has shape {ds.shape} for {n} points")
            levels = ds.attrs.get("levels")
            want = np.array(json.loads(plain(levels)))[ds[()]] if levels is not None else ds[()]
            expect(name in points and same_array(points[name].astype(want.dtype), want), f"column {name} differs")
            expect(r["units"].get(name) == plain(ds.attrs.get("units", "")), f"units of {name} differ")
        groups = f["points"]
        expect(len(groups) == n, f"{len(groups)} point groups for {n} points")
        notes = {a for g in groups.values() for a in g.attrs if a != "parameters"}
        width = len(stored) + len(notes)
        expect(points.shape[1] == width, f"{points.shape[1]} columns for {len(stored)} datasets and {len(notes)} notes")
        elements, parts = 0, dict(list(series.groupby(["point", "series"], sort=False)))
        for p, g in groups.items():
            k = int(p[1:])
            for a in notes & set(g.attrs):
                expect(a in points and same(points.at[k, a], plain(g.attrs[a])), f"note {a} of {p} differs")
            for name, ds in g.items():
                rows = parts.get((k, name), series.iloc[:0])
                expect(same_array(rows["value"].to_numpy(), ds[()].ravel()), f"series {p}/{name} differs")
                expect(list(rows["index"]) == list(range(ds.size)), f"series {p}/{name}: index is not 0..{ds.size - 1}")
                elements += ds.size
        expect(len(series) == elements, f"{len(series)} series rows for {elements} stored elements")
    e = by_path.get(os.path.realpath(path))
    expect(e is not None, "repro check --json does not list this file")
    if e is None:
        continue
    expect(r["provenance"]["experiment"] == e["experiment"], "experiment differs from repro check's")
    expect(isinstance(r["provenance"]["parameters"], dict), "parameters not decoded from JSON")
    want = e["claims"]
    expect(len(claims) == len(want), f"{len(claims)} claims, repro check lists {len(want)}")
    for (_, row), c in zip(claims.iterrows(), want):
        what = f"claim {row['claim']}"
        for key in ("statement", "role", "verdict", "value"):
            expect(same(row[key], c[key]), f"{what}: {key} {row[key]!r}, repro check {c[key]!r}")
        expect(bool(row["holds"]) == c["holds"], f"{what}: holds differs")
        expect(row["control_status"] == c["control"]["status"], f"{what}: control status differs")
        sigmas = c["margin"]["sigmas"] if c["margin"] else None
        expect(same(row.get("margin_sigmas", float("nan")), sigmas), f"{what}: margin in seed SDs differs")
        mine = controls[controls["claim"] == row["claim"]] if len(controls) else controls
        expect(len(mine) == len(c["controls"]), f"{what}: {len(mine)} controls, repro check {len(c['controls'])}")
        for (_, k), ck in zip(mine.iterrows(), c["controls"]):
            for key in ("kind", "status", "value", "margin_sigmas"):
                expect(same(k[key], ck[key]), f"{what} control {k['control']}: {key} differs")
        cells = r["maps"][r["maps"]["claim"] == row["claim"]] if len(r["maps"]) else []
        want_cells = c.get("regime_map", {}).get("cells", [])
        expect(len(cells) == len(want_cells), f"{what}: {len(cells)} map cells, repro check {len(want_cells)}")
        if len(want_cells):
            expect(list(cells["outcome"]) == [x["outcome"] for x in want_cells], f"{what}: map outcomes differ")
        totals["controls"] += len(mine)
        totals["cells"] += len(want_cells)
    # The script as a reader runs it: its three tables, each with its line.
    out = io.StringIO()
    sys.argv = ["read_results.py", path]
    with redirect_stdout(out):
        runpy.run_path("docs/read_results.py", run_name="__main__")
    text = out.getvalue()
    expect(f"({n} × {points.shape[1]})" in text and "\nSeries:" in text, "the script's points table is missing")
    expect(all(s[:40] in text for s in claims["statement"]), "the script's claims table lacks a statement")
    totals["files"] += 1
    totals["points"] += n
    totals["elements"] += elements
    totals["claims"] += len(claims)

# The README's lines, as a reader copies them, on the file they name (when the folder has it).
path = os.path.join(folder, "vardi2022-flip-vs-dim.h5")
readme = open("README.md").read().split("### Reading results from Python\n", 1)[-1]
block = readme.split("\n\n    ", 1)[-1].split("\n\n", 1)[0]
lines = "\n".join(line[4:] for line in ("    " + block).splitlines())
if os.path.exists(path):
    expect("pd.DataFrame" in lines, "README: no Python lines under its heading")
    scope = {}
    exec(lines.replace("results/quick/vardi2022-flip-vs-dim.h5", path), scope)
    r = load(path)
    expect(scope["points"].equals(r["points"][list(scope["points"].columns)].reset_index(drop=True)), "README: points")
    expect(len(scope["claims"]) == len(r["claims"]), "README: claims")
    expect(scope["units"] == {k: r["units"][k] for k in scope["units"]}, "README: units")
    totals["readme"] = 1

for line in failures:
    print("FAIL", line)
print(
    "test-python-snippet: {files} files, {points} points, {elements} series elements, {claims} claims,"
    " {controls} controls, {cells} map cells, {readme} README example checked".format(**totals)
    + (f"; {len(failures)} failures" if failures else ": all as stored and as repro check says")
)
sys.exit(1 if failures or totals["files"] == 0 else 0)
EOF
