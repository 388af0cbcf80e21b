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
    // Damage is staleness too: a result whose points or claims cannot be read is what a run would replace.
    if let damage = Self.damage(path) { return .stale([damage]) }
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

  /// What makes the result at `path` unreadable as a whole, or nil when it is whole: every point, scalar and
  /// sweep column (`Results.read`) and, when present, every stored claim with its statement and verdict.
  /// (A result without `/claims` is whole: a run killed before storing them; the claims are computed when read.)
  static func damage(_ path: String) -> String? {
    do {
      _ = try Results.read(path)
      let file = try H5File.open(path)
      guard file.root.contains("claims") else { return nil }
      let claims = try file.root.group("claims")
      let names = try claims.children()
      guard !names.isEmpty else { return "damaged: \(path) has an empty /claims group; rerun to rewrite it" }
      for name in names {
        let claim = try claims.group(name)
        guard case .string = try claim.attribute("statement"), case .int = try claim.attribute("holds") else {
          return "damaged: \(path): /claims/\(name) lacks its statement or verdict; rerun to rewrite it"
        }
      }
      return nil
    } catch {
      let reason = oneLine(error)
      return "damaged: " + reason + (reason.contains("rerun") ? "" : "; rerun to rewrite it")
    }
  }
}
