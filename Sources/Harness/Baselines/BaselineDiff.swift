import Foundation

/// Stored baselines `results/baselines/<preset>/<id>.h5`: diffing a result against one (here: the checks that
/// the two are comparable, then the rows of `DatasetDiff` and `ClaimDiff`), and blessing (`BaselineBless.swift`).
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
    let claims = compareClaims(result, baseline, sensitivity: sensitivity, factor: factor)
    return DiffReport(
      datasets: rows, claims: claims, resultPlatform: Platform(attributes: fresh.attributes),
      baselinePlatform: Platform(attributes: stored.attributes), sensitivity: sensitivity, notes: notes)
  }

  private static func presetName(_ baselinePath: String) -> String {
    URL(fileURLWithPath: baselinePath).deletingLastPathComponent().lastPathComponent
  }
}
