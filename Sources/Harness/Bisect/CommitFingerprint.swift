import Foundation
import SourceHash

/// The fingerprint of an experiment's sources at a commit, read from git without a checkout or a build: the
/// files `SourceTree` lists (from `git ls-tree`), those `SourceFingerprint.select` keeps for the experiment,
/// each hashed with SHA-256 from its blob (`git cat-file --batch`). It equals `SourceFingerprint.of` on a
/// checkout of the commit, so its digest is the one a result made there records. Each blob is hashed once.
public final class CommitFingerprints: @unchecked Sendable {
  public let git: Git
  private var blobs: [String: String] = [:]
  private let scratch: String

  /// `scratch`: a folder for the list of blobs handed to git.
  public init(git: Git, scratch: String) {
    self.git = git
    self.scratch = scratch
  }

  /// Path → blob id of every file `SourceTree` would list at `commit` (regular files under `Sources/` and
  /// `experiments/`, and `Package.swift`; hidden ones skipped).
  public func tree(at commit: String) throws -> [String: String] {
    let raw = try git.data(["ls-tree", "-r", "-z", commit, "--", "Package.swift"] + SourceTree.directories)
    var files: [String: String] = [:]
    for entry in raw.split(separator: 0) {
      let text = String(decoding: entry, as: UTF8.self)
      guard let tab = text.firstIndex(of: "\t") else { continue }
      let meta = text[..<tab].split(separator: " ")
      let path = String(text[text.index(after: tab)...])
      guard meta.count == 3, meta[1] == "blob", meta[0] == "100644" || meta[0] == "100755" else { continue }
      if path.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
      files[path] = String(meta[2])
    }
    return files
  }

  public static func paths(in tree: [String: String], for experiment: any Experiment.Type) -> [String] {
    SourceFingerprint.select(tree.keys.sorted(), for: experiment)
  }

  /// The fingerprint of `experiment` at `commit` (its `root` is the commit's hash).
  public func of(_ experiment: any Experiment.Type, at commit: String) throws -> SourceFingerprint {
    let tree = try tree(at: commit)
    let paths = Self.paths(in: tree, for: experiment)
    try hash(paths.compactMap { tree[$0] })
    return SourceFingerprint(
      root: commit, files: Dictionary(uniqueKeysWithValues: paths.map { ($0, blobs[tree[$0]!]!) }))
  }

  /// SHA-256 of each blob not hashed yet.
  private func hash(_ ids: [String]) throws {
    let missing = Array(Set(ids.filter { blobs[$0] == nil })).sorted()
    guard !missing.isEmpty else { return }
    let list = (scratch as NSString).appendingPathComponent("blobs.txt")
    try Data((missing.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: list))
    let out = [UInt8](try git.data(["cat-file", "--batch"], input: list))
    // Each: "<id> blob <size>\n", the bytes, "\n".
    var i = 0
    for id in missing {
      guard i < out.count, let newline = out[i...].firstIndex(of: 10) else {
        throw ReproError.failed("git cat-file stopped before blob \(id)")
      }
      let header = String(decoding: out[i..<newline], as: UTF8.self).split(separator: " ")
      guard header.count == 3, let size = Int(header[2]) else {
        throw ReproError.failed("git cat-file could not read blob \(id): \(header.joined(separator: " "))")
      }
      let start = newline + 1
      blobs[id] = SHA256.hex(out[start..<start + size])
      i = start + size + 1
    }
  }
}
