import BuiltSources
import Foundation
import SourceHash

/// The sources that compute an experiment's numbers, each with its SHA-256, and one digest of them all.
///
/// They are the module's own file (`experiments/<paper>/<name>.swift`), its paper's shared Swift files beside
/// it (those whose name starts with a capital: `experiments/vardi2022/Vardi2022Setting.swift`), the code shared
/// across papers (every Swift file under `experiments/Shared/`, and any directly under `experiments/` except
/// `Registry.swift`), the engine (`Sources/CHDF5`, `CBLAS`, `HDF5`, `Numerics`, `Harness`, `SourceHash`, and the
/// figure code `Figures` and `GnuplotRenderer`, which draws the committed figures; their READMEs excepted) and
/// `Package.swift`. Hidden files are skipped (`SourceTree`). The command line, the registry, the benchmark and the
/// READMEs compute no numbers and are left out, so adding a module or rewording a help text makes nothing
/// stale. Contents, not file times: touching a file changes nothing.
public struct SourceFingerprint: Sendable, Equatable {
  /// The source tree the paths are relative to.
  public let root: String
  /// Relative path → SHA-256 of the file's bytes (hex).
  public let files: [String: String]

  public init(root: String, files: [String: String]) {
    self.root = root
    self.files = files
  }

  /// One SHA-256 over every (path, hash), in path order.
  public var digest: String {
    SHA256.hex(files.keys.sorted().map { "\($0) \(files[$0]!)\n" }.joined())
  }

  /// Where code shared by the modules of several papers lives; it is in every experiment's fingerprint.
  public static let sharedDirectory = "experiments/Shared"

  /// The engine directories under `Sources/` (`SourceHash` names the points of the store).
  public static let engineDirectories = [
    "CHDF5", "CBLAS", "HDF5", "Numerics", "Harness", "Figures", "GnuplotRenderer", "SourceHash",
  ]

  /// The fingerprint of `experiment`'s sources in the tree this binary was built from (or the working
  /// directory's, if that tree has moved); nil when neither holds the sources.
  public static func of(_ experiment: any Experiment.Type) -> SourceFingerprint? {
    guard let root = sourceRoot() else { return nil }
    return of(experiment, root: root)
  }

  /// The fingerprint of `experiment`'s sources under `root`, as they are on disk.
  public static func of(_ experiment: any Experiment.Type, root: String) -> SourceFingerprint? {
    let paths = select(SourceTree.paths(root: root), for: experiment)
    let files = SourceTree.hashes(root: root, paths: paths)
    guard files.count == paths.count, files["Package.swift"] != nil else { return nil }
    return SourceFingerprint(root: root, files: files)
  }

  /// The fingerprint of `experiment`'s sources as this binary was built from them (`BuiltSources.table`,
  /// hashed at build time), with `root` the tree they are in now when it is on disk.
  public static func built(for experiment: any Experiment.Type, table: [String: String] = BuiltSources.table)
    -> SourceFingerprint
  {
    let paths = select(table.keys.sorted(), for: experiment)
    return SourceFingerprint(
      root: sourceRoot() ?? "(not on disk)", files: Dictionary(uniqueKeysWithValues: paths.map { ($0, table[$0]!) }))
  }

  /// Which of `paths` (relative to a package root, as `SourceTree.paths` lists them) compute `experiment`'s
  /// numbers: see the type's description.
  static func select(_ paths: [String], for experiment: any Experiment.Type) -> [String] {
    let all = Set(paths)
    let folder = "experiments/\(experiment.paper)/"
    let module = "\(folder)\(experiment.name).swift"
    func name(_ path: String) -> String { (path as NSString).lastPathComponent }
    return paths.filter { path in
      if path == "Package.swift" { return true }
      // Code only: a README beside the code computes nothing.
      if engineDirectories.contains(where: { path.hasPrefix("Sources/\($0)/") }) { return !path.hasSuffix(".md") }
      guard path.hasPrefix("experiments/"), path.hasSuffix(".swift") else { return false }
      let rest = path.dropFirst("experiments/".count)
      if !rest.contains("/") { return rest != "Registry.swift" }
      // Code shared across papers: a module may use it, and a module never uses another paper's or module's
      // file (a test scans for that), so these are all the sources outside its own folder it can depend on.
      if path.hasPrefix(sharedDirectory + "/") { return true }
      guard path.hasPrefix(folder) else { return false }
      // The paper's shared files (`Vardi2022Setting.swift`), directly in its folder; its other modules are not
      // this one's sources, except for a module whose file is not named after its id: every module of its
      // paper then, to be safe.
      let direct = !path.dropFirst(folder.count).contains("/")
      return (direct && name(path).first?.isUppercase == true) || path == module || !all.contains(module)
    }
  }

  /// What differs from an earlier fingerprint's files: "changed: X", "added: Y", "removed: Z".
  public func changes(since old: [String: String]) -> [String] {
    var out: [String] = []
    for path in Set(files.keys).union(old.keys).sorted() {
      switch (old[path], files[path]) {
      case (let a?, let b?) where a != b: out.append("changed: \(path)")
      case (nil, _?): out.append("added: \(path)")
      case (_?, nil): out.append("removed: \(path)")
      default: break
      }
    }
    return out
  }

  /// `files` as a JSON object with sorted keys, as stored in the `sources` attribute.
  public var json: String {
    "{" + files.keys.sorted().map { "\(jsonString($0)):\(jsonString(files[$0]!))" }.joined(separator: ",") + "}"
  }

  /// Reads the `sources` attribute back.
  public static func files(fromJSON text: String) -> [String: String]? {
    try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))
  }

  /// The package root this binary was compiled from, if it is still there; else the working
  /// directory, if it is a checkout of this package.
  ///
  /// `REPRO_SOURCE_ROOT`, when set, names the tree instead (a binary used beside a copy of its sources).
  public static func sourceRoot() -> String? {
    if let named = ProcessInfo.processInfo.environment["REPRO_SOURCE_ROOT"], !named.isEmpty { return named }
    // This file is Sources/Harness/Provenance/SourceFingerprint.swift: the tree it was compiled in is the
    // ancestor holding Package.swift, whichever folder the file is moved to.
    var ancestors: [String] = []
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while folder.path != "/" && ancestors.count < 8 {
      ancestors.append(folder.path)
      folder = folder.deletingLastPathComponent()
    }
    for candidate in ancestors + [FileManager.default.currentDirectoryPath] {
      let fm = FileManager.default
      if fm.fileExists(atPath: candidate + "/Package.swift"), fm.fileExists(atPath: candidate + "/Sources/Harness"),
        fm.fileExists(atPath: candidate + "/experiments")
      {
        return candidate
      }
    }
    return nil
  }
}
