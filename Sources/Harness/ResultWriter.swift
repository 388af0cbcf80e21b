import Foundation
import HDF5

/// Writes a run to `results/<id>.h5`, atomically (temporary name, then rename).
///
/// Layout (schema 2):
///   /                    attributes: experiment, paper, reproduces, summary, setting, preset,
///                        parameters (JSON), overridden (JSON), fingerprint, code_fingerprint,
///                        sources (JSON: path → SHA-256), git_commit, git_dirty, git_dirty_files (JSON),
///                        harness_version, created, wall_seconds, schema_version, points,
///                        platform_cpu, platform_blas, platform_blas_core, platform_hdf5,
///                        platform_swift, platform_os
///   /sweep/<name>        one column per parameter (seed instead of seeds), length = points;
///                        choices as Int64 indices with a `levels` attribute (JSON)
///   /scalars/<name>      every scalar a point recorded, length = points (NaN where absent)
///   /points/p0000/...    each point's arrays; its parameters (JSON) and notes as attributes
public enum ResultWriter {
  public static func write(
    to path: String, experiment: any Experiment.Type, configuration: Configuration,
    records: [Record], provenance: Provenance, created: Date, wallSeconds: Double
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
      ("setting", .string("reconstructed from the paper's abstract; see shared/papers/\(experiment.paper).md")),
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
      ("schema_version", .int(Provenance.schemaVersion)),
      ("points", .int(Int64(points.count))),
    ]
    for (name, value) in provenance.platform.attributes { attributes.append((name, .string(value))) }
    for (name, value) in attributes { try root.setAttribute(name, value) }

    // Sweep columns.
    let sweep = try root.createGroup("sweep")
    for (k, name) in (points.first?.values.map(\.name) ?? []).enumerated() {
      let column = points.map { $0.values[k].value }
      switch column.first {
      case .int?:
        try sweep.write(name, NDArray(column.map { if case .int(let i) = $0 { Int64(i) } else { 0 } }))
      case .real?:
        try sweep.write(name, NDArray(column.map { if case .real(let x) = $0 { x } else { .nan } }))
      case .text?:
        let declared = configuration.parameters.first { $0.name == name }
        var levels: [String] = []
        if case .choice(let names)? = declared?.kind { levels = names }
        let indices = column.map { v -> Int64 in
          if case .text(let s) = v, let i = levels.firstIndex(of: s) { return Int64(i) }
          return -1
        }
        try sweep.write(name, NDArray(indices))
        try sweep.setAttribute(
          "levels", .string("[" + levels.map(jsonString).joined(separator: ",") + "]"), onDataset: name)
      case nil: break
      }
    }

    // Scalars gathered across points, in first-seen order.
    let scalars = try root.createGroup("scalars")
    var names: [String] = []
    for r in records { for (n, _) in r.scalars where !names.contains(n) { names.append(n) } }
    for name in names {
      try scalars.write(name, NDArray(records.map { $0[name] ?? .nan }))
    }

    // Per-point arrays and notes.
    let group = try root.createGroup("points")
    for (point, record) in zip(points, records) {
      let g = try group.createGroup(pointGroupName(point.index))
      try g.setAttribute("parameters", .string(point.json))
      for (name, text) in record.notes { try g.setAttribute(name, .string(text)) }
      for (name, array) in record.arrays { try g.write(name, array) }
    }
    try file.commit()
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
