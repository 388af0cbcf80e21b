import Experiments
import Foundation
import SharedExperiments
import SourceHash
import Testing

@testable import Harness

/// Every source that computes an experiment's numbers is in its fingerprint: an edit to any shared file makes
/// exactly the experiments that can use it stale, and a module uses no other paper's or module's file.
@Suite struct SharedSourcesTests {
  /// A copy of the package's sources (Package.swift, Sources/, experiments/) in a temporary directory.
  static func copyOfTheTree() throws -> String {
    let source = try #require(SourceFingerprint.sourceRoot())
    let copy = RunnerTests.temporaryDirectory()
    for item in ["Package.swift", "Sources", "experiments"] {
      try FileManager.default.copyItem(atPath: source + "/" + item, toPath: copy + "/" + item)
    }
    return copy
  }

  /// The ids whose fingerprint under `root` differs from `before`: the tree is hashed once
  /// (`SourceTree.hashes`) and each experiment's sources selected from it, as `SourceFingerprint.of` does.
  static func stale(_ root: String, since before: [String: String]) -> Set<String> {
    let table = SourceTree.hashes(root: root)
    return Set(
      allExperiments.filter { SourceFingerprint.built(for: $0, table: table).digest != before[$0.id] }.map { $0.id })
  }

  static func ids(where condition: (any Experiment.Type) -> Bool) -> Set<String> {
    Set(allExperiments.filter(condition).map { $0.id })
  }

  struct Edit {
    var file: String
    var expected: Set<String>
  }

  @Test func editingASharedFileMakesExactlyItsDependentsStale() throws {
    let root = try Self.copyOfTheTree()
    defer { try? FileManager.default.removeItem(atPath: root) }
    var before: [String: String] = [:]
    for e in allExperiments { before[e.id] = try #require(SourceFingerprint.of(e, root: root)).digest }
    // Selecting from one hash of the whole tree is what `of` computes file by file.
    #expect(Self.stale(root, since: before) == [])
    let everything = Self.ids { _ in true }
    let papers = Set(allExperiments.map { $0.paper })
    var cases: [Edit] = [
      Edit(file: "Package.swift", expected: everything),
      Edit(file: "experiments/Shared/FlipStudy.swift", expected: everything),
      Edit(file: "experiments/Shared/FlipStudyFigures.swift", expected: everything),
      Edit(file: "Sources/CHDF5/shim.h", expected: everything),
      Edit(file: "Sources/CBLAS/shim.h", expected: everything),
      Edit(file: "Sources/HDF5/H5File.swift", expected: everything),
      Edit(file: "Sources/Numerics/Training/Trainer.swift", expected: everything),
      Edit(file: "Sources/Harness/Running/Runner.swift", expected: everything),
      Edit(file: "Sources/SourceHash/SHA256.swift", expected: everything),
      // What computes no numbers.
      Edit(file: "Sources/repro/Run.swift", expected: []),
      Edit(file: "Sources/BuiltSources/BuiltSources.swift", expected: []),
      Edit(file: "experiments/Registry.swift", expected: []),
      Edit(file: "experiments/vardi2022/README.md", expected: []),
    ]
    for paper in papers.sorted() {
      let setting = "experiments/\(paper)/\(paper.prefix(1).uppercased() + paper.dropFirst())Setting.swift"
      cases.append(Edit(file: setting, expected: Self.ids { $0.paper == paper }))
    }
    // One module of each paper (each paper's first): editing it makes it alone stale.
    for paper in papers.sorted() {
      let e = try #require(allExperiments.first { $0.paper == paper })
      cases.append(Edit(file: "experiments/\(e.paper)/\(e.name).swift", expected: [e.id]))
    }
    for edit in cases {
      let (file, expected) = (edit.file, edit.expected)
      let path = root + "/" + file
      let original = try #require(FileManager.default.contents(atPath: path), "\(file) is missing")
      try (original + Data("\n// edited\n".utf8)).write(to: URL(fileURLWithPath: path))
      #expect(Self.stale(root, since: before) == expected, "editing \(file)")
      try original.write(to: URL(fileURLWithPath: path))
    }
    // A new shared file counts too.
    try "let added = 1\n".write(toFile: root + "/experiments/Shared/Added.swift", atomically: true, encoding: .utf8)
    #expect(Self.stale(root, since: before) == everything)
  }

  /// The names each experiments file declares at the top level (types, namespaces, functions, constants).
  static func declarations(in text: String) -> [String] {
    let pattern = try! NSRegularExpression(
      pattern:
        #"^(?:public |private |fileprivate )?(?:enum|struct|class|protocol|typealias|func|let|var) +([A-Za-z_][A-Za-z0-9_]*)"#,
      options: .anchorsMatchLines)
    return pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
      String(text[Range($0.range(at: 1), in: text)!])
    }
  }

  /// Whether `user` may use what `owner` declares: its own file, or its paper's capitalised shared files.
  static func mayUse(_ user: String, _ owner: String) -> Bool {
    let sameFolder = (user as NSString).deletingLastPathComponent == (owner as NSString).deletingLastPathComponent
    let isShared = (owner as NSString).lastPathComponent.first?.isUppercase == true
    return user == owner || (sameFolder && isShared)
  }

  @Test func noModuleUsesAnotherPapersOrAnotherModulesFile() throws {
    let root = try #require(SourceFingerprint.sourceRoot())
    let fm = FileManager.default
    var files: [String: String] = [:]  // experiments/<paper>/<file> → text
    for paper in try fm.contentsOfDirectory(atPath: root + "/experiments") {
      let folder = "experiments/\(paper)"
      var isDirectory: ObjCBool = false
      guard fm.fileExists(atPath: root + "/" + folder, isDirectory: &isDirectory), isDirectory.boolValue,
        folder != SourceFingerprint.sharedDirectory
      else { continue }
      for name in try fm.contentsOfDirectory(atPath: root + "/" + folder) where name.hasSuffix(".swift") {
        files["\(folder)/\(name)"] = try String(contentsOfFile: root + "/\(folder)/\(name)", encoding: .utf8)
      }
    }
    #expect(files.count >= allExperiments.count)
    var violations: [String] = []
    for (owner, text) in files {
      for name in Self.declarations(in: text) {
        let word = try NSRegularExpression(pattern: #"\b"# + name + #"\b"#)
        for (user, usage) in files where !Self.mayUse(user, owner) {
          if word.firstMatch(in: usage, range: NSRange(usage.startIndex..., in: usage)) != nil {
            violations.append("\(user) uses \(name) from \(owner)")
          }
        }
      }
    }
    #expect(
      violations.sorted() == [],
      "move code used by several papers to experiments/Shared/, and code a paper's modules share to its setting file")
  }
}
