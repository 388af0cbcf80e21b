import Foundation
import HDF5

/// Whether a result file is what running the experiment now would write: decided by content (the
/// sources' fingerprint, the preset, the resolved parameters), never by file times.
public enum Freshness: Sendable, Equatable {
  case upToDate
  /// Each reason names what changed: a file, a parameter, the preset.
  case stale([String])
  case missing

  public var label: String {
    switch self {
    case .upToDate: return "up to date"
    case .stale: return "stale"
    case .missing: return "missing"
    }
  }

  public var reasons: [String] {
    if case .stale(let r) = self { return r }
    return []
  }
}

extension Workspace {
  /// The freshness of `results/<id>.h5` against a run of `configuration` with the sources as they are now.
  public func freshness(_ experiment: any Experiment.Type, _ configuration: Configuration, root: String? = nil)
    -> Freshness
  {
    let path = resultPath(experiment.id)
    guard FileManager.default.fileExists(atPath: path) else { return .missing }
    let attributes: [String: AttributeValue]
    do {
      let file = try H5File.open(path)
      var a: [String: AttributeValue] = [:]
      for name in try file.root.attributeNames() { a[name] = try file.root.attribute(name) }
      attributes = a
    } catch {
      return .stale(["unreadable (\(error)); rerun to rewrite it"])
    }
    func text(_ name: String) -> String? {
      if case .string(let s)? = attributes[name] { return s }
      return nil
    }
    guard case .int(let schema)? = attributes["schema_version"], schema == Provenance.schemaVersion else {
      return .stale(["written by an older harness (result schema other than \(Provenance.schemaVersion))"])
    }
    guard text("experiment") == experiment.id else {
      return .stale(["holds results of '\(text("experiment") ?? "?")', not \(experiment.id)"])
    }
    var reasons: [String] = []
    if let preset = text("preset"), preset != configuration.preset.rawValue {
      reasons.append("preset \(preset), not \(configuration.preset.rawValue)")
    }
    for difference in Baselines.differingParameters(text("parameters") ?? "{}", configuration.json) {
      reasons.append("parameter \(difference.replacingOccurrences(of: " vs ", with: " in the result, now "))")
    }
    let current = root.flatMap { SourceFingerprint.of(experiment, root: $0) } ?? SourceFingerprint.of(experiment)
    if let current {
      if let stored = text("sources").flatMap(SourceFingerprint.files(fromJSON:)), !stored.isEmpty {
        reasons += current.changes(since: stored)
      } else {
        reasons.append("records no source fingerprint")
      }
    } else {
      reasons.append("the sources are not where this binary was built, nor in the working directory: cannot tell")
    }
    return reasons.isEmpty ? .upToDate : .stale(reasons)
  }
}
