import Foundation

/// One row of `repro diff` for a dataset (or all points' arrays of one name) against the baseline.
public struct DatasetDiff: DiffRow, Equatable {
  /// `/scalars/steps`, or `/points/*/flip_radius` for the arrays of every point.
  public var name: String
  public var shape: String
  public var maxAbsolute: Double
  public var maxRelative: Double
  public var tolerance: Tolerance
  public var status: DiffStatus
  /// Why it differs beyond the numbers (missing, shape, type).
  public var note: String
  /// How many datasets the row stands for (per-point arrays are gathered by name).
  public var datasets: Int = 1
  /// What was compared: "raw", "mean over seeds", "mean of all" (`ComparisonLevel.label`).
  public var level: String = ComparisonLevel.raw.label
  /// Where the tolerance comes from: "exact" (integers, sweep columns), "measured" (the safety factor times the
  /// move measured by `repro sensitivity`), or "tight" (nothing measured: same machine, same bytes).
  public var basis: String = "tight"
}

extension Baselines {
  /// Every dataset against the baseline's, raw; per-point arrays gathered into one row per name.
  /// Integers and sweep columns must be equal; floats get `tolerance(row)`, with its basis.
  static func compareDatasets(
    _ result: String, _ baseline: String, tolerance: (String) -> (Tolerance, String)
  ) throws -> [DatasetDiff] {
    let a: [String: StoredDataset]
    let b: [String: StoredDataset]
    do {
      a = try datasets(result)
    } catch { throw ReproError.missing("cannot read \(result): \(error)") }
    do {
      b = try datasets(baseline)
    } catch { throw ReproError.missing("baseline \(baseline) is unreadable: \(error); re-bless it") }

    // Rows: one per dataset, except per-point arrays, gathered by name.
    func row(_ path: String) -> String {
      let parts = path.split(separator: "/")
      return parts.first == "points" && parts.count == 3 ? "/points/*/\(parts[2])" : path
    }
    var rows: [String: DatasetDiff] = [:]
    for path in Set(a.keys).union(b.keys).sorted() {
      let name = row(path)
      let isInt = (a[path]?.ints ?? b[path]?.ints) != nil || path.hasPrefix("/sweep/")
      let (tol, basis) = isInt ? (Tolerance.exact, "exact") : tolerance(name)
      var d = DatasetDiff(
        name: name, shape: "", maxAbsolute: 0, maxRelative: 0, tolerance: tol, status: .same, note: "", basis: basis)
      switch (a[path], b[path]) {
      case (let x?, let y?):
        d.shape = x.shape.isEmpty ? "scalar" : x.shape.map(String.init).joined(separator: "×")
        if x.shape != y.shape {
          d.status = .differs
          d.note = "shape \(d.shape) vs baseline \(y.shape.map(String.init).joined(separator: "×"))"
        } else if let xs = x.doubles, let ys = y.doubles {
          compare(xs, ys, tol, into: &d)
        } else if let xs = x.ints, let ys = y.ints {
          compare(xs.map(Double.init), ys.map(Double.init), tol, into: &d)
        } else {
          d.status = .differs
          d.note = "type differs from the baseline"
        }
      case (_?, nil):
        d.status = .differs
        d.note = "not in the baseline"
      case (nil, _?):
        d.status = .differs
        d.note = "missing from the result"
      case (nil, nil):
        continue
      }
      if var existing = rows[name] {
        existing.maxAbsolute = max(existing.maxAbsolute, d.maxAbsolute)
        existing.maxRelative = max(existing.maxRelative, d.maxRelative)
        if d.status == .differs {
          existing.status = .differs
          if existing.note.isEmpty { existing.note = d.note }
        }
        existing.datasets += 1
        existing.shape = "\(existing.datasets) arrays"
        rows[name] = existing
      } else {
        rows[name] = d
      }
    }
    return rows.values.sorted { $0.name < $1.name }
  }
}
