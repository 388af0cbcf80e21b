import Foundation
import HDF5

/// What a result file records about the run that made it, as an archive's crate states it: every field is read
/// from the file's attributes, never from the machine that archives it.
struct ArchivedRun {
  let id: String
  /// The preset the file says it was run at.
  let preset: String
  let commit: String
  /// The sources that differed from `commit` when it ran (JSON list, as stored); "[]" when clean.
  let dirtyFiles: String
  let dirty: Bool
  /// `created`: when the run started (ISO 8601, to the second).
  let started: Date?
  /// `wall_seconds`: how long it took.
  let wallSeconds: Double?
  /// Each parameter's values as JSON, by name.
  let parameters: [(name: String, json: String)]
  /// The parameters set away from the preset (JSON list, as stored).
  let overridden: String
  /// Relative path → SHA-256 of every source file of its fingerprint.
  let sources: [String: String]
  let platform: Platform?
  let harnessVersion: String

  init(_ results: Results) {
    id = results.experiment
    preset = results.preset
    commit = results.string("git_commit").isEmpty ? "unknown" : results.string("git_commit")
    dirtyFiles = results.string("git_dirty_files")
    dirty = results.number("git_dirty") == 1
    started = ArchivedRun.date(results.string("created"))
    wallSeconds = results.number("wall_seconds")
    overridden = results.string("overridden")
    sources = SourceFingerprint.files(fromJSON: results.string("sources")) ?? [:]
    platform = Platform(attributes: results.attributes)
    harnessVersion = results.string("harness_version")
    var parameters: [(String, String)] = []
    if let data = results.string("parameters").data(using: .utf8),
      let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    {
      for name in object.keys.sorted() {
        let value = object[name]!
        let json = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]))
          .map { String(decoding: $0, as: UTF8.self) }
        parameters.append((name, json ?? "\(value)"))
      }
    }
    self.parameters = parameters
  }

  /// When the run ended: its start plus its wall time (the file records no end time of its own).
  var ended: Date? {
    guard let started, let wallSeconds, wallSeconds.isFinite, wallSeconds >= 0 else { return nil }
    return started.addingTimeInterval(wallSeconds.rounded(.up))
  }

  /// The sources' digest, as `SourceFingerprint.digest` makes it.
  var sourcesDigest: String { SourceFingerprint(root: "", files: sources).digest }

  static func date(_ text: String) -> Date? {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.date(from: text)
  }

  static func text(_ date: Date) -> String { iso8601(date) }
}
