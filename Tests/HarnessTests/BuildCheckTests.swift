import BuiltSources
import Experiments
import Foundation
import SourceHash
import Testing

@testable import Harness

/// Issue 21, item 2: the binary knows the sources it was built from (hashed at build time), and refuses to
/// store numbers when the tree on disk differs from them.
@Suite struct BuildCheckTests {
  @Test func theEmbeddedTableDescribesTheTreeItWasBuiltFrom() throws {
    let root = try #require(SourceFingerprint.sourceRoot())
    #expect(BuiltSources.table.keys.contains("Package.swift"))
    #expect(BuiltSources.table.keys.contains("Sources/Harness/Provenance/BuildCheck.swift"))
    #expect(BuiltSources.table.keys.contains { $0.hasPrefix("experiments/Shared/") })
    for e in allExperiments {
      #expect(
        SourceFingerprint.built(for: e).files == SourceFingerprint.of(e, root: root)?.files,
        "\(e.id): the tree changed since this test binary was built; rebuild before testing")
      #expect(SourceFingerprint.changedSinceBuild(e, root: root) == [])
    }
  }

  @Test func aTreeThatDiffersFromTheBuildIsRefusedByName() throws {
    let root = try SharedSourcesTests.copyOfTheTree()
    defer { try? FileManager.default.removeItem(atPath: root) }
    let table = SourceTree.hashes(root: root)  // what a build of this copy would embed
    let lazy = try experiment(named: "gao2019-lazy")
    let kkt = try experiment(named: "vardi2022-kkt")
    #expect(SourceFingerprint.changedSinceBuild(lazy, root: root, table: table) == [])
    try SourceFingerprint.requireBuilt(lazy, root: root, table: table)

    // A module edited after the build: its experiment is refused, naming the file; another is not.
    let module = root + "/experiments/gao2019/lazy.swift"
    try (try Data(contentsOf: URL(fileURLWithPath: module)) + Data("\n// edited\n".utf8)).write(
      to: URL(fileURLWithPath: module))
    #expect(
      SourceFingerprint.changedSinceBuild(lazy, root: root, table: table) == ["changed: experiments/gao2019/lazy.swift"]
    )
    #expect(SourceFingerprint.changedSinceBuild(kkt, root: root, table: table) == [])
    do {
      try SourceFingerprint.requireBuilt(lazy, root: root, table: table)
      Issue.record("a binary built from other sources must refuse")
    } catch {
      #expect(
        error.description
          == "sources changed since the build: run `swift build -c release` or `make build` (gao2019-lazy: changed: experiments/gao2019/lazy.swift)"
      )
    }

    // A new engine file, not in the binary: every experiment is refused.
    try "let added = 1\n".write(toFile: root + "/Sources/Numerics/Added.swift", atomically: true, encoding: .utf8)
    #expect(
      SourceFingerprint.changedSinceBuild(kkt, root: root, table: table) == ["added: Sources/Numerics/Added.swift"])
    // No tree on disk: nothing to compare with, the binary's own sources are the record.
    #expect(SourceFingerprint.changedSinceBuild(kkt, root: nil, table: table) == [])
  }
}
