import Foundation

/// The sources that compute an experiment's numbers, each with its SHA-256, and one digest of them all.
///
/// They are the module's own file (`experiments/<paper>/<name>.swift`), its paper's shared Swift files beside
/// it (those whose name starts with a capital: `experiments/vardi2022/Vardi2022Setting.swift`), the code shared
/// across papers (every Swift file under `experiments/Shared/`, and any directly under `experiments/` except
/// `Registry.swift`), the engine (`Sources/CHDF5`, `CBLAS`, `HDF5`,
/// `Numerics`, `Harness`; their READMEs excepted) and `Package.swift`. The command line, the registry, the
/// benchmark and the READMEs compute no numbers and are left out, so adding a module or rewording a help text makes nothing
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

  /// The engine directories under `Sources/`.
  public static let engineDirectories = ["CHDF5", "CBLAS", "HDF5", "Numerics", "Harness"]

  /// The fingerprint of `experiment`'s sources in the tree this binary was built from (or the working
  /// directory's, if that tree has moved); nil when neither holds the sources.
  public static func of(_ experiment: any Experiment.Type) -> SourceFingerprint? {
    guard let root = sourceRoot() else { return nil }
    return of(experiment, root: root)
  }

  /// The fingerprint of `experiment`'s sources under `root`.
  public static func of(_ experiment: any Experiment.Type, root: String) -> SourceFingerprint? {
    var paths = ["Package.swift"]
    for directory in engineDirectories {
      // Code only: a README beside the code computes nothing.
      paths += filesUnder("Sources/\(directory)", root: root).filter { !$0.hasSuffix(".md") }
    }
    for file in filesUnder("experiments", root: root, recursive: false)
    where file.hasSuffix(".swift") && !file.hasSuffix("/Registry.swift") {
      paths.append(file)
    }
    // Code shared across papers: a module may use it, and a module never uses another paper's or module's file
    // (a test scans for that), so these are all the sources outside its own folder that it can depend on.
    paths += filesUnder(sharedDirectory, root: root).filter { $0.hasSuffix(".swift") }
    let folder = "experiments/\(experiment.paper)"
    let module = "\(folder)/\(experiment.name).swift"
    for file in filesUnder(folder, root: root, recursive: false) where file.hasSuffix(".swift") {
      // The paper's shared files (`Vardi2022Setting.swift`); its other modules are not this one's sources.
      let stem = (file as NSString).lastPathComponent
      if stem.first?.isUppercase == true { paths.append(file) }
    }
    if FileManager.default.fileExists(atPath: root + "/" + module) {
      paths.append(module)
    } else {
      // A module whose file is not named after its id: every module of its paper, to be safe.
      paths += filesUnder(folder, root: root).filter { $0.hasSuffix(".swift") && !paths.contains($0) }
    }
    var files: [String: String] = [:]
    for path in paths {
      guard let data = FileManager.default.contents(atPath: root + "/" + path) else { return nil }
      files[path] = SHA256.hex(data)
    }
    return SourceFingerprint(root: root, files: files)
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
  static func sourceRoot() -> String? {
    let compiled = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().path
    for candidate in [compiled, FileManager.default.currentDirectoryPath] {
      let fm = FileManager.default
      if fm.fileExists(atPath: candidate + "/Package.swift"), fm.fileExists(atPath: candidate + "/Sources/Harness"),
        fm.fileExists(atPath: candidate + "/experiments")
      {
        return candidate
      }
    }
    return nil
  }

  /// Regular files under `directory` (relative to `root`), as relative paths, sorted; hidden files skipped.
  private static func filesUnder(_ directory: String, root: String, recursive: Bool = true) -> [String] {
    let fm = FileManager.default
    let base = root + "/" + directory
    guard let names = recursive ? try? fm.subpathsOfDirectory(atPath: base) : try? fm.contentsOfDirectory(atPath: base)
    else { return [] }
    return names.filter { name in
      var isDirectory: ObjCBool = false
      return !name.split(separator: "/").contains { $0.hasPrefix(".") }
        && fm.fileExists(atPath: base + "/" + name, isDirectory: &isDirectory) && !isDirectory.boolValue
    }.map { directory + "/" + $0 }.sorted()
  }
}
