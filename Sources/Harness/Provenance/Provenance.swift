import Foundation

/// Where a result came from: the sources that computed it (their fingerprint, the git commit, and
/// which of them differ from that commit), the platform, the harness version.
public struct Provenance: Sendable {
  public static let harnessVersion = "0.2.0"
  /// Bumped whenever the layout of result files changes.
  /// 2: fingerprint, sources, git_dirty_files and platform_* attributes; untimed HDF5 objects.
  /// 3: a `description` (and `units`) attribute on every dataset; counts and iteration axes as Int64;
  ///    strings variable-length UTF-8; `setting` names experiments/<paper>/README.md.
  public static let schemaVersion: Int64 = 3
  /// Schemas `Results.read` accepts: schema 2 differs only in what 3 added, so older baselines still compare.
  public static let readableSchemas: Set<Int64> = [2, 3]

  public var gitCommit: String
  /// The sources of this result (see `SourceFingerprint`) that differ from `gitCommit`, or are untracked.
  public var dirtyFiles: [String]
  public var gitDirty: Bool { !dirtyFiles.isEmpty }
  /// nil when the sources could not be found (a binary run away from its source tree).
  public var sources: SourceFingerprint?
  public var platform: Platform

  public init(gitCommit: String, dirtyFiles: [String], sources: SourceFingerprint?, platform: Platform) {
    self.gitCommit = gitCommit
    self.dirtyFiles = dirtyFiles
    self.sources = sources
    self.platform = platform
  }

  /// The provenance of a run of `experiment` made now by this binary, on this machine: the sources it was built
  /// from (`SourceFingerprint.built`), compared with git in the tree they are in. With `root`, the sources on
  /// disk under `root` instead (a tree that is not this binary's, as in tests).
  public static func current(for experiment: any Experiment.Type, root: String? = nil) -> Provenance {
    let sources = root.map { SourceFingerprint.of(experiment, root: $0) } ?? SourceFingerprint.built(for: experiment)
    guard let sources else {
      return Provenance(gitCommit: "unknown", dirtyFiles: [], sources: nil, platform: .current)
    }
    let root = sources.root
    let commit = git(["rev-parse", "HEAD"], in: root)?.trimmingCharacters(in: .whitespacesAndNewlines)
    // Porcelain v1: "XY path" per changed or untracked file, limited to this result's sources.
    let status = git(["status", "--porcelain", "--untracked-files=all", "--"] + sources.files.keys.sorted(), in: root)
    let dirty = (status ?? "").split(separator: "\n").map { String($0.dropFirst(3)) }.sorted()
    return Provenance(gitCommit: commit ?? "unknown", dirtyFiles: dirty, sources: sources, platform: .current)
  }

  private static func git(_ args: [String], in directory: String) -> String? {
    Git.output(args, in: directory).map { String(decoding: $0, as: UTF8.self) }
  }
}

/// ISO 8601 in UTC, to the second.
func iso8601(_ date: Date) -> String {
  let f = ISO8601DateFormatter()
  f.formatOptions = [.withInternetDateTime]
  return f.string(from: date)
}
