import Experiments
import Foundation
import Testing

@testable import Harness

/// Two lists name the experiments: the Registry (`experiments/Registry.swift`, what `repro` knows) and the
/// Makefile, which derives the ids from file names (`experiments/<paper>/<name>.swift`, the name starting
/// with a lower-case letter, is experiment `<paper>-<name>`). They must agree exactly, both ways, or `make all`
/// runs an id `repro` refuses, or never runs one it knows.
@Suite struct RegistryTests {
  static func root() throws -> String { try #require(SourceFingerprint.sourceRoot()) }

  /// The Makefile's rule, in Swift: every `experiments/*/[a-z]*.swift`, as `<folder>-<stem>`.
  static func idsFromFileNames(root: String) throws -> [String] {
    let experiments = root + "/experiments"
    var ids: [String] = []
    for paper in try FileManager.default.contentsOfDirectory(atPath: experiments).sorted() {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: experiments + "/" + paper, isDirectory: &isFolder),
        isFolder.boolValue
      else { continue }
      for file in try FileManager.default.contentsOfDirectory(atPath: experiments + "/" + paper).sorted()
      where file.hasSuffix(".swift") && file.first.map({ ("a"..."z").contains($0) }) == true {
        ids.append(paper + "-" + file.dropLast(".swift".count))
      }
    }
    return ids
  }

  @Test func registryIdsAreUnique() {
    let ids = allExperiments.map { $0.id }
    #expect(Set(ids).count == ids.count, "\(ids)")
  }

  @Test func registryAndFileNamesNameTheSameExperiments() throws {
    let fromFiles = Set(try Self.idsFromFileNames(root: try Self.root()))
    let registered = Set(allExperiments.map { $0.id })
    #expect(registered.subtracting(fromFiles).isEmpty, "registered but no experiments/<paper>/<name>.swift")
    #expect(fromFiles.subtracting(registered).isEmpty, "a module file the Registry does not list")
    // Each id starts with its paper, which is the folder its file is in.
    for e in allExperiments { #expect(e.id.hasPrefix(e.paper + "-"), "\(e.id) is not in experiments/\(e.paper)/") }
  }

  /// The ids as `make` itself derives them (its `IDS` variable), so a change to the Makefile's rule is caught
  /// too, not only a change to the files.
  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/make")))
  func registryAndTheMakefilesIdsAgree() throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/make")
    p.arguments = ["-s", "--no-print-directory", "--eval", "print-ids: ; @echo $(IDS)", "print-ids"]
    p.currentDirectoryURL = URL(fileURLWithPath: try Self.root())
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
    let fromMake = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace).map(String.init)
    #expect(fromMake.sorted() == allExperiments.map { $0.id }.sorted())
    let fromFiles = try Self.idsFromFileNames(root: try Self.root())
    #expect(fromMake.sorted() == fromFiles.sorted())
  }
}
