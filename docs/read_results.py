#!/usr/bin/env python3
"""Read one repro result file (HDF5) into pandas with h5py, without the harness.

    python3 docs/read_results.py [results/quick/<id>.h5]

load(path) returns a dict:
  points      one row per sweep point: its parameters (/sweep; choices as their level names), its scalars
              (/scalars) and its notes (the attributes of /points/pNNNN, e.g. stop_reason); columns as stored
  units       column -> units ("" where the file states none)
  series      the per-point arrays in long form: point, series, index (C order for a 2-D array), value
              (float64 where integer and real arrays mix)
  series_units  series -> units
  provenance  the root attributes (parameters, overridden, sources, git_dirty_files decoded from JSON)
  claims      one row per verdict (/claims/cNNN): every stored attribute, and verdict as `repro check` words it
  controls    one row per declared control of a claim (/claims/cNNN/controls/kNNN)
  maps        a regime map's cells (/claims/cNNN/regime_map), one row per cell, outcome as its level name
"""

import json
import sys

import h5py
import numpy as np
import pandas as pd

DEFAULT = "results/quick/vardi2022-flip-vs-samples.h5"
JSON_ATTRIBUTES = ("parameters", "overridden", "sources", "git_dirty_files")
VERDICTS = {  # (holds, known to fail) -> the words of `repro check`
    (True, False): "holds",
    (False, False): "FAILS",
    (False, True): "fails (known)",
    (True, True): "HOLDS, though marked known to fail",
}


def plain(x):
    """A dataset's values or an attribute as plain Python/numpy: strings decoded whether stored as variable-length
    (str) or fixed-length (bytes), one-element arrays and numpy scalars unwrapped."""
    if isinstance(x, h5py.Dataset):
        return x.asstr()[()] if h5py.check_string_dtype(x.dtype) else x[()]
    if isinstance(x, np.ndarray):
        values = [plain(v) for v in x.ravel()]
        return values[0] if len(values) == 1 else values
    if isinstance(x, (bytes, np.bytes_)):
        return x.decode("utf-8")
    return x.item() if isinstance(x, np.generic) else x


def attributes(obj):
    return {name: plain(value) for name, value in obj.attrs.items()}


def column(ds):
    """A /sweep or /scalars column; a choice (indices with a JSON `levels` attribute) as a categorical."""
    levels = attributes(ds).get("levels")
    values = plain(ds)
    return pd.Categorical.from_codes(values, json.loads(levels)) if levels is not None else values


def load(path):
    with h5py.File(path, "r") as f:
        provenance = attributes(f)
        for name in JSON_ATTRIBUTES:
            if name in provenance:
                provenance[name] = json.loads(provenance[name])
        n = provenance["points"]
        columns, units = {}, {}
        for group in ("sweep", "scalars"):
            for name, ds in f.get(group, {}).items():
                columns[name], units[name] = column(ds), attributes(ds).get("units", "")
        points = pd.DataFrame(columns, index=pd.RangeIndex(n, name="point"))
        notes, series, series_units = {}, [], {}
        for p, g in f.get("points", {}).items():
            k = int(p[1:])  # p0000, p0001, …, p10000: the point's row
            # Its notes; `parameters` is the point's /sweep row as JSON.
            notes[k] = {name: note for name, note in attributes(g).items() if name != "parameters"}
            for name, ds in g.items():
                values = np.ravel(plain(ds))
                series.append(pd.DataFrame({"point": k, "series": name, "index": range(values.size), "value": values}))
                series_units[name] = attributes(ds).get("units", "")
        points = points.join(pd.DataFrame.from_dict(notes, orient="index"))
        units.update({name: "" for name in points.columns if name not in units})
        long = ["point", "series", "index", "value"]
        series = pd.concat(series, ignore_index=True) if series else pd.DataFrame(columns=long)
        claims, controls, maps = [], [], []
        for c, g in f.get("claims", {}).items():
            row = {"claim": c, **attributes(g)}
            row["verdict"] = VERDICTS[(row["holds"] == 1, "known_failure" in row)]
            claims.append(row)
            for k, control in g.get("controls", {}).items():
                controls.append({"claim": c, "control": k, **attributes(control)})
            if "regime_map" in g:
                cells = pd.DataFrame({name: column(ds) for name, ds in g["regime_map"].items()})
                maps.append(cells.assign(claim=c))
    return {
        "points": points, "units": units, "series": series, "series_units": series_units, "provenance": provenance,
        "claims": pd.DataFrame(claims), "controls": pd.DataFrame(controls),
        "maps": pd.concat(maps, ignore_index=True) if maps else pd.DataFrame(),
    }


if __name__ == "__main__":
    r = load(sys.argv[1] if len(sys.argv) > 1 else DEFAULT)
    p, points, series = r["provenance"], r["points"], r["series"]
    pd.set_option("display.width", 160)
    pd.set_option("display.max_columns", 12)
    print(f"{p['experiment']} ({p['preset']} preset, commit {p['git_commit'][:10]}, created {p['created']})")
    print(f"\nPoints: one row per sweep point, its parameters, scalars and notes ({len(points)} × {points.shape[1]}):")
    print(points)
    print("units:", {name: units for name, units in r["units"].items() if units})
    arrays = series["series"].nunique()
    print(f"\nSeries: the per-point arrays, one row per element ({len(series)} rows of {arrays} arrays):")
    print(series.head())
    print("\nClaims: one row per verdict, its margin in seed SDs, its negative controls' combined outcome:")
    columns = ["statement", "role", "verdict", "value", "margin_sigmas", "control_status"]
    print(r["claims"].reindex(columns=columns).to_string(max_colwidth=60))
