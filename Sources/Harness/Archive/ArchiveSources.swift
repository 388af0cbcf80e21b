import Foundation
import SourceHash

/// The bytes of the source files a result records (path → SHA-256, its `sources` attribute): the file in the
/// source tree when its hash matches, else the file at the result's git commit (`git show`) when that one does.
/// A file neither holds (sources edited and not committed since the run) cannot be archived: the result would
/// be credited to code the bundle does not hold.
struct ArchiveSources {
  let root: String
  /// Path → (hash of the file on disk, its bytes), read once each.
  private var disk: [String: (hash: String, data: Data)?] = [:]

  init(root: String) { self.root = root }

  /// The bytes of `path` whose SHA-256 is `hash`, from disk or from `commit`.
  mutating func bytes(_ path: String, hash: String, commit: String, for id: String) throws(ReproError) -> Data {
    if disk[path] == nil {
      let full = (root as NSString).appendingPathComponent(path)
      disk[path] = FileManager.default.contents(atPath: full).map { (SHA256.hex($0), $0) } ?? .none
    }
    if let (onDisk, data) = disk[path] ?? nil, onDisk == hash { return data }
    if commit != "unknown", let data = ArchiveSources.git(["show", "\(commit):\(path)"], in: root),
      SHA256.hex(data) == hash
    {
      return data
    }
    throw .missing(
      "cannot archive \(id): its source \(path) (SHA-256 \(hash.prefix(12))…) is neither in \(root) nor at commit \(commit.prefix(12)); rerun it so that its result records the sources on disk"
    )
  }

  /// The standard output of `git -C directory args`, nil when git fails.
  static func git(_ args: [String], in directory: String) -> Data? { Git.output(args, in: directory) }
}
