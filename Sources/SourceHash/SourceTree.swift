import Foundation

/// The files of a source tree that can make up a binary: `Package.swift` and every regular file under
/// `Sources/` and `experiments/`, hidden files and folders skipped, as paths relative to the tree's root.
/// The build (`source-table`) and the harness (`SourceFingerprint`) list them the same way, so the table the
/// binary was built from and the tree on disk compare path by path.
public enum SourceTree {
  public static let directories = ["Sources", "experiments"]

  /// Every such file under `root`, sorted.
  public static func paths(root: String) -> [String] {
    let fm = FileManager.default
    var paths: [String] = []
    if isRegularFile(root + "/Package.swift") { paths.append("Package.swift") }
    for directory in directories {
      guard let names = try? fm.subpathsOfDirectory(atPath: root + "/" + directory) else { continue }
      for name in names where !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) {
        let path = directory + "/" + name
        if isRegularFile(root + "/" + path) { paths.append(path) }
      }
    }
    return paths.sorted()
  }

  /// Path → SHA-256 (hex) of the file's bytes, for `paths` under `root` (all of them by default); a file that
  /// cannot be read is left out.
  public static func hashes(root: String, paths: [String]? = nil) -> [String: String] {
    var table: [String: String] = [:]
    for path in paths ?? Self.paths(root: root) {
      if let data = FileManager.default.contents(atPath: root + "/" + path) { table[path] = SHA256.hex(data) }
    }
    return table
  }

  private static func isRegularFile(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
  }
}
