import Foundation
import HDF5
import SourceHash

/// Writes a run to `results/<id>.h5`, atomically (temporary name, then rename).
///
/// Layout (schema 3):
///   /                    attributes: experiment, paper, reproduces, summary, setting, preset,
///                        parameters (JSON), overridden (JSON), fingerprint, code_fingerprint,
///                        sources (JSON: path → SHA-256), git_commit, git_dirty, git_dirty_files (JSON),
///                        harness_version, created, wall_seconds, jobs (points run at once), cores,
///                        schema_version, points,
///                        platform_cpu, platform_blas, platform_blas_core, platform_hdf5,
///                        platform_swift, platform_os
///   /sweep/<name>        one column per parameter (seed instead of seeds), length = points;
///                        choices as Int64 indices with a `levels` attribute (JSON)
///   /scalars/<name>      every scalar a point recorded, length = points (NaN where absent); counts Int64
///   /points/p0000/...    each point's arrays (counts and iteration axes Int64); its parameters (JSON) and
///                        notes as attributes
///   /claims/c001/...     written by `ClaimStore`: each claim's statement, reason, bound, value and verdict
/// Every dataset has a `description` attribute, and a `units` attribute where it has units, as the module
/// declared them (`Record`); strings are variable-length UTF-8.
public enum ResultWriter {
  public static func write(
    to path: String, experiment: any Experiment.Type, configuration: Configuration,
    records: [Record], provenance: Provenance, created: Date, wallSeconds: Double, jobs: Int = 1
  ) throws {
    let points = configuration.points
    precondition(points.count == records.count, "ResultWriter: \(records.count) records for \(points.count) points")
    let file = try H5File.create(atomicallyAt: path)
    let root = file.root
    var attributes: [(String, AttributeValue)] = [
      ("experiment", .string(experiment.id)),
      ("paper", .string(experiment.paper)),
      ("reproduces", .string(experiment.reproduces)),
      ("summary", .string(experiment.summary)),
      ("setting", .string(settingNote(experiment.paper))),
      ("preset", .string(configuration.preset.rawValue)),
      ("parameters", .string(configuration.json)),
      ("overridden", .string("[" + configuration.overridden.map(jsonString).joined(separator: ",") + "]")),
      ("fingerprint", .string(fingerprint(provenance.sources, configuration))),
      ("code_fingerprint", .string(provenance.sources?.digest ?? "unknown")),
      ("sources", .string(provenance.sources?.json ?? "{}")),
      ("git_commit", .string(provenance.gitCommit)),
      ("git_dirty", .int(provenance.gitDirty ? 1 : 0)),
      ("git_dirty_files", .string("[" + provenance.dirtyFiles.map(jsonString).joined(separator: ",") + "]")),
      ("harness_version", .string(Provenance.harnessVersion)),
      ("created", .string(iso8601(created))),
      ("wall_seconds", .double(wallSeconds)),
      ("jobs", .int(Int64(jobs))),
      ("cores", .int(Int64(ProcessInfo.processInfo.activeProcessorCount))),
      ("schema_version", .int(Provenance.schemaVersion)),
      ("points", .int(Int64(points.count))),
    ]
    for (name, value) in provenance.platform.attributes { attributes.append((name, .string(value))) }
    for (name, value) in attributes { try root.setAttribute(name, value) }

    // Sweep columns, each described by its parameter's help line.
    let sweep = try root.createGroup("sweep")
    for (k, name) in (points.first?.values.map(\.name) ?? []).enumerated() {
      let column = points.map { $0.values[k].value }
      let declared = configuration.parameters.first { $0.name == name }
      var description = declared?.help ?? name
      if name == "seed" { description = "the seed: which of the random streams (0 to seeds − 1) the point used" }
      if case .choice? = declared?.kind { description += " (an index into the attribute levels)" }
      switch column.first {
      case .int?:
        try sweep.write(name, NDArray(column.map { if case .int(let i) = $0 { Int64(i) } else { 0 } }))
      case .real?:
        try sweep.write(name, NDArray(column.map { if case .real(let x) = $0 { x } else { .nan } }))
      case .text?:
        var levels: [String] = []
        if case .choice(let names)? = declared?.kind { levels = names }
        let indices = column.map { v -> Int64 in
          if case .text(let s) = v, let i = levels.firstIndex(of: s) { return Int64(i) }
          return -1
        }
        try sweep.write(name, NDArray(indices))
        try sweep.setAttribute(
          "levels", .string("[" + levels.map(jsonString).joined(separator: ",") + "]"), onDataset: name)
      case nil: continue
      }
      try sweep.setAttribute("description", .string(description), onDataset: name)
    }

    // Scalars gathered across points, in first-seen order.
    let scalars = try root.createGroup("scalars")
    var names: [String] = []
    for r in records { for (n, _) in r.scalars where !names.contains(n) { names.append(n) } }
    for name in names {
      let values = records.map { $0[name] ?? .nan }
      let info = records.lazy.compactMap { $0.info[name] }.first ?? DatasetInfo("")
      var description = info.description
      if info.isCount, let counts = try integers(values, name) {
        try scalars.write(name, NDArray(counts))
      } else {
        if values.contains(where: \.isNaN), records.contains(where: { $0[name] == nil }) {
          description += " (NaN at points that did not record it)"
        }
        try scalars.write(name, NDArray(values))
      }
      try describe(scalars, name, DatasetInfo(description, units: info.units))
    }

    // Per-point arrays and notes.
    let group = try root.createGroup("points")
    for (point, record) in zip(points, records) {
      let g = try group.createGroup(pointGroupName(point.index))
      try g.setAttribute("parameters", .string(point.json))
      for (name, text) in record.notes { try g.setAttribute(name, .string(text)) }
      for (name, array) in record.arrays {
        let info = record.info[name] ?? DatasetInfo("")
        if info.isCount, let counts = try integers(array.values, name) {
          try g.write(name, NDArray(shape: array.shape, values: counts))
        } else {
          try g.write(name, array)
        }
        try describe(g, name, info)
      }
    }
    try file.commit()
  }

  /// The `setting` attribute: the paper's README in this project, which states the reconstructed setting.
  public static func settingNote(_ paper: String) -> String {
    "reconstructed from the paper's abstract: see experiments/\(paper)/README.md in the repro sources"
  }

  private static func describe(_ group: H5Group, _ name: String, _ info: DatasetInfo) throws {
    try group.setAttribute("description", .string(info.description), onDataset: name)
    if let units = info.units { try group.setAttribute("units", .string(units), onDataset: name) }
  }

  /// A count's values as integers; nil when some point lacks it (NaN), so the column stays float64.
  private static func integers(_ values: [Double], _ name: String) throws -> [Int64]? {
    guard !values.contains(where: \.isNaN) else { return nil }
    return try values.map { value in
      guard let n = Int64(exactly: value) else {
        throw ReproError.failed("the count '\(name)' holds \(value), not an integer: record it with `set`, not `count`")
      }
      return n
    }
  }

  /// What made the result, in one SHA-256: the sources' digest, the preset and the resolved parameters.
  public static func fingerprint(_ sources: SourceFingerprint?, _ configuration: Configuration) -> String {
    guard let sources else { return "unknown" }
    return SHA256.hex("\(sources.digest)\n\(configuration.preset.rawValue)\n\(configuration.json)")
  }

  static func pointGroupName(_ index: Int) -> String {
    "p" + String(repeating: "0", count: max(0, 4 - String(index).count)) + String(index)
  }
}
