import Foundation
import HDF5

/// How far a value may drift from its baseline: it passes when it is within
/// `absolute` or within `relative` of the baseline value.
public struct Tolerance: Sendable, Equatable, CustomStringConvertible {
  public var absolute: Double
  public var relative: Double

  public init(absolute: Double, relative: Double) {
    self.absolute = absolute
    self.relative = relative
  }

  /// Floats, by default: the same machine gives the same bytes; this leaves room for a BLAS kernel's rounding.
  public static let tight = Tolerance(absolute: 1e-12, relative: 1e-9)
  /// Integers, by default.
  public static let exact = Tolerance(absolute: 0, relative: 0)

  public var description: String {
    self == .exact ? "exact" : "abs \(formatNumber(absolute)) or rel \(formatNumber(relative))"
  }
}

/// One row of `repro diff`: a dataset (or all points' arrays of one name) against the baseline.
public struct DatasetDiff: Sendable, Equatable {
  public enum Status: String, Sendable {
    case same, differs
  }
  /// `/scalars/steps`, or `/points/*/flip_radius` for the arrays of every point.
  public var name: String
  public var shape: String
  public var maxAbsolute: Double
  public var maxRelative: Double
  public var tolerance: Tolerance
  public var status: Status
  /// Why it differs beyond the numbers (missing, shape, type).
  public var note: String
  /// How many datasets the row stands for (per-point arrays are gathered by name).
  public var datasets: Int = 1
  /// What was compared: "raw", "mean over seeds", "mean of all", "claim verdict", "claim value".
  public var level: String = ComparisonLevel.raw.label
  /// Where the tolerance comes from: "exact" (integers, verdicts), "measured" (the safety factor times the
  /// move measured by `repro sensitivity`), or "tight" (nothing measured: same machine, same bytes).
  public var basis: String = "tight"
}

/// A diff: its rows, and the platforms the two files were made on.
public struct DiffReport: Sendable {
  public var rows: [DatasetDiff]
  public var resultPlatform: Platform?
  public var baselinePlatform: Platform?
  /// The stored sensitivity the tolerances came from, if any.
  public var sensitivity: SensitivityReport?
  /// Notes for the reader: why some rows were also compared as aggregates, what was not measured.
  public var notes: [String]

  public var differing: [DatasetDiff] { rows.filter { $0.status == .differs } }
}

/// Stored baselines `results/baselines/<preset>/<id>.h5`: diffing a result against one, and blessing.
public enum Baselines {
  public static func path(_ id: String, preset: Preset, root: String) -> String {
    "\(root)/\(preset.rawValue)/\(id).h5"
  }

  /// Compares a result with a baseline. A missing, corrupt or foreign file, or one run with other
  /// parameters or another preset, is a `ReproError.missing` (exit 2) saying why.
  public static func diff(
    result: String, baseline: String, experiment: any Experiment.Type, sensitivity sensitivityPath: String? = nil
  ) throws -> DiffReport {
    let fresh = try Results.read(result)
    guard FileManager.default.fileExists(atPath: baseline) else {
      throw ReproError.missing(
        "no baseline at \(baseline): bless one with `repro bless \(experiment.id) --preset \(presetName(baseline))`")
    }
    let stored: Results
    do { stored = try Results.read(baseline) } catch {
      throw ReproError.missing("baseline \(baseline) is unreadable (\(error.description)); re-bless it")
    }
    for (file, r) in [(result, fresh), (baseline, stored)] where r.experiment != experiment.id {
      throw ReproError.missing("\(file) holds results of '\(r.experiment)', not \(experiment.id)")
    }
    guard fresh.preset == stored.preset else {
      throw ReproError.missing(
        "not comparable: \(result) was run with preset \(fresh.preset), the baseline with \(stored.preset)")
    }
    let differing = differingParameters(fresh.string("parameters"), stored.string("parameters"))
    guard differing.isEmpty else {
      throw ReproError.missing(
        "not comparable: parameters differ from the baseline's: \(differing.joined(separator: ", "))")
    }
    let sensitivity = try sensitivityPath.flatMap { try SensitivityReport.read($0) }
    // Another experiment's or preset's measurement (a file renamed into place) would lend its tolerances.
    if let sensitivity, let sensitivityPath,
      sensitivity.experiment != experiment.id || sensitivity.preset != stored.preset
    {
      throw ReproError.missing(
        "\(sensitivityPath) measures \(sensitivity.experiment) at the \(sensitivity.preset) preset, not \(experiment.id) at \(stored.preset): remeasure it with `repro sensitivity \(experiment.id) --preset \(stored.preset)`"
      )
    }
    var notes: [String] = []
    if let sensitivity {
      if sensitivity.codeFingerprint != stored.string("code_fingerprint") {
        notes.append(
          "the sensitivity was measured on other sources than the baseline's: remeasure with `repro sensitivity \(experiment.id) --preset \(stored.preset)`"
        )
      }
    } else {
      notes.append(
        "no measured sensitivity\(sensitivityPath.map { " at \($0)" } ?? ""): every float compared tight; measure it with `repro sensitivity \(experiment.id) --preset \(stored.preset)`"
      )
    }
    let factor = formatNumber(sensitivity?.safetyFactor ?? SensitivityReport.safetyFactor)
    var rows = try compareDatasets(result, baseline) { row in
      guard let sensitivity, sensitivity.movement(row, .raw) != nil else { return (.tight, "tight") }
      return (sensitivity.tolerance(row, .raw), "measured ×\(factor)")
    }

    // Rounding-sensitive rows: also their aggregates, each within its own measured move.
    let sensitive = rows.map(\.name).filter { sensitivity?.isRoundingSensitive($0) == true }
    if let sensitivity, !sensitive.isEmpty {
      let a = try ResultNumbers.read(result)
      let b = try ResultNumbers.read(baseline)
      for name in sensitive {
        for level in [ComparisonLevel.seedMeans, .overallMean] {
          guard let xs = a.rows[name]?[level], let ys = b.rows[name]?[level] else { continue }
          let tol = sensitivity.tolerance(name, level)
          var d = DatasetDiff(
            name: name, shape: "\(ys.count)", maxAbsolute: 0, maxRelative: 0, tolerance: tol, status: .same, note: "",
            level: level.label, basis: "measured ×\(factor)")
          if xs.count != ys.count {
            d.status = .differs
            d.note = "\(xs.count) values vs baseline \(ys.count)"
          } else {
            compare(xs, ys, tol, into: &d)
          }
          rows.append(d)
        }
        if let m = sensitivity.movement(name, .raw) {
          notes.append(
            "\(name) is rounding-sensitive: other BLAS kernels or a 1-ulp change of the inputs moved it by up to \(formatNumber(m.relative)) relative, so its raw values are compared within ×\(factor) that and its means over seeds and over everything within ×\(factor) their own measured moves"
          )
        }
      }
    }
    rows += compareClaims(result, baseline, sensitivity: sensitivity, factor: factor)
    return DiffReport(
      rows: rows, resultPlatform: Platform(attributes: fresh.attributes),
      baselinePlatform: Platform(attributes: stored.attributes), sensitivity: sensitivity, notes: notes)
  }

  /// The claims' stored verdicts, which must agree exactly, and their observed values, within the
  /// measured move of each (or tight).
  static func compareClaims(_ result: String, _ baseline: String, sensitivity: SensitivityReport?, factor: String)
    -> [DatasetDiff]
  {
    let a = ClaimStore.read(result) ?? []
    let b = ClaimStore.read(baseline) ?? []
    var rows: [DatasetDiff] = []
    for k in 0..<max(a.count, b.count) {
      let name = String(format: "/claims/c%03d", k)
      var verdict = DatasetDiff(
        name: name, shape: "scalar", maxAbsolute: 0, maxRelative: 0, tolerance: .exact, status: .same, note: "",
        level: "claim verdict", basis: "exact")
      guard k < a.count, k < b.count, a[k].verdict.statement == b[k].verdict.statement else {
        verdict.status = .differs
        verdict.note = k >= a.count ? "missing from the result" : k >= b.count ? "not in the baseline" : "another claim"
        rows.append(verdict)
        continue
      }
      let (x, y) = (a[k].verdict, b[k].verdict)
      if x.holds != y.holds {
        verdict.status = .differs
        verdict.maxAbsolute = 1
        verdict.maxRelative = 1
        verdict.note =
          "\(x.holds ? "holds" : "fails") where the baseline \(y.holds ? "holds" : "fails"): \(x.statement)"
      }
      rows.append(verdict)
      let measured = sensitivity.map { k < $0.claims.count } ?? false
      let tol = measured ? sensitivity!.claimTolerance(k) : .tight
      var value = DatasetDiff(
        name: name, shape: "scalar", maxAbsolute: 0, maxRelative: 0, tolerance: tol, status: .same, note: "",
        level: "claim value", basis: measured ? "measured ×\(factor)" : "tight")
      compare([x.value], [y.value], tol, into: &value)
      rows.append(value)
    }
    return rows
  }

  /// Names whose values differ between two parameter JSON objects.
  /// A `parameters` attribute that is not a JSON object differs from everything (it never compares as equal to
  /// another unreadable one): one row per side that could not be read, quoting it.
  static func differingParameters(_ a: String, _ b: String) -> [String] {
    let unreadable = [a, b].filter { parseObject($0) == nil }
    guard unreadable.isEmpty else {
      return unreadable.map { "parameters (not a JSON object: \(String($0.prefix(40)).debugDescription))" }
    }
    func parse(_ s: String) -> [String: String] {
      guard let object = parseObject(s) else { return [:] }
      return object.mapValues { value in
        (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]))
          .map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
      }
    }
    let pa = parse(a)
    let pb = parse(b)
    return Set(pa.keys).union(pb.keys).filter { pa[$0] != pb[$0] }.sorted().map { name in
      "\(name) (\(pa[name] ?? "absent") vs \(pb[name] ?? "absent"))"
    }
  }

  private static func parseObject(_ s: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(s.utf8))) as? [String: Any]
  }

  /// Every dataset outside `/claims`, by path.
  static func datasets(_ path: String) throws -> [String: (shape: [Int], doubles: [Double]?, ints: [Int64]?)] {
    let file = try H5File.open(path)
    var out: [String: (shape: [Int], doubles: [Double]?, ints: [Int64]?)] = [:]
    func walk(_ group: H5Group) throws {
      for name in try group.children() where !(group.path == "/" && name == "claims") {
        if try group.isGroup(name) {
          try walk(try group.group(name))
          continue
        }
        let full = (group.path == "/" ? "" : group.path) + "/" + name
        switch try group.datasetKind(name) {
        case .double:
          let a = try group.readDoubles(name)
          out[full] = (a.shape, a.values, nil)
        case .int64:
          let a = try group.readInt64s(name)
          out[full] = (a.shape, nil, a.values)
        case .other:
          out[full] = ([], nil, nil)
        }
      }
    }
    try walk(file.root)
    return out
  }

  /// Every dataset against the baseline's, raw; per-point arrays gathered into one row per name.
  /// Integers and sweep columns must be equal; floats get `tolerance(row)`, with its basis.
  static func compareDatasets(
    _ result: String, _ baseline: String, tolerance: (String) -> (Tolerance, String)
  ) throws -> [DatasetDiff] {
    let a: [String: (shape: [Int], doubles: [Double]?, ints: [Int64]?)]
    let b: [String: (shape: [Int], doubles: [Double]?, ints: [Int64]?)]
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

  /// Element-wise: NaN must meet NaN, infinities must be equal, the rest within tolerance.
  static func compare(_ xs: [Double], _ ys: [Double], _ tol: Tolerance, into d: inout DatasetDiff) {
    for (x, y) in zip(xs, ys) {
      if x.isNaN || y.isNaN || x.isInfinite || y.isInfinite {
        if !(x.isNaN && y.isNaN) && x != y {
          d.status = .differs
          d.maxAbsolute = .infinity
          d.maxRelative = .infinity
          d.note = "NaN or infinity where the baseline has \(formatNumber(y))"
        }
        continue
      }
      let abs = Swift.abs(x - y)
      let scale = max(Swift.abs(x), Swift.abs(y))
      let rel = scale > 0 ? abs / scale : 0
      d.maxAbsolute = max(d.maxAbsolute, abs)
      d.maxRelative = max(d.maxRelative, rel)
      if abs > tol.absolute && rel > tol.relative { d.status = .differs }
    }
  }

  private static func presetName(_ baselinePath: String) -> String {
    URL(fileURLWithPath: baselinePath).deletingLastPathComponent().lastPathComponent
  }
}
