import Foundation
import HDF5
import Testing

@testable import Harness

@Suite struct StalenessTests {
  @Test func freshnessIsDecidedByContentAndSaysWhatChanged() throws {
    let root = try ProvenanceTests.sourceTree()
    let dir = RunnerTests.temporaryDirectory()
    defer {
      try? FileManager.default.removeItem(atPath: root)
      try? FileManager.default.removeItem(atPath: dir)
    }
    let ws = Workspace(results: dir, figures: dir + "/figures")
    let quick = try Configuration(experiment: ToyExperiment.self, preset: .quick)
    #expect(ws.freshness(ToyExperiment.self, quick, root: root) == .missing)

    // A result written with the fingerprint of the throw-away source tree.
    let records = try Runner(quiet: true).run(ToyExperiment.self, quick)
    try ResultWriter.write(
      to: ws.resultPath(ToyExperiment.id), experiment: ToyExperiment.self, configuration: quick, records: records,
      provenance: .current(for: ToyExperiment.self, root: root), created: Date(), wallSeconds: 0)
    #expect(ws.freshness(ToyExperiment.self, quick, root: root) == .upToDate)

    // Touching a source, or a file that computes no numbers, changes nothing.
    try ProvenanceTests.shell("touch experiments/toy2000/noise.swift Package.swift", in: root)
    try "edited\n".write(toFile: root + "/Sources/repro/CLI.swift", atomically: true, encoding: .utf8)
    #expect(ws.freshness(ToyExperiment.self, quick, root: root) == .upToDate)

    // Another preset, other parameters, an edited module: each named.
    let paper = try Configuration(experiment: ToyExperiment.self, preset: .paper)
    let reasons = ws.freshness(ToyExperiment.self, paper, root: root).reasons
    #expect(reasons.first == "preset quick, not paper")
    #expect(reasons.contains { $0.hasPrefix("parameter d ([2] in the result, now [3,5])") })
    let more = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2,4"])
    #expect(
      ws.freshness(ToyExperiment.self, more, root: root).reasons == ["parameter d ([2] in the result, now [2,4])"])
    try "let module = 3 \n".write(toFile: root + "/experiments/toy2000/noise.swift", atomically: true, encoding: .utf8)
    #expect(ws.freshness(ToyExperiment.self, quick, root: root) == .stale(["changed: experiments/toy2000/noise.swift"]))
  }

  @Test func aForeignOrOldFileIsStaleNotAnError() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let ws = Workspace(results: dir, figures: dir + "/figures")
    try "not hdf5".write(toFile: ws.resultPath(ToyExperiment.id), atomically: true, encoding: .utf8)
    let quick = try Configuration(experiment: ToyExperiment.self, preset: .quick)
    let reasons = ws.freshness(ToyExperiment.self, quick).reasons
    #expect(reasons.count == 1 && reasons[0].hasPrefix("unreadable"))
  }
}

/// Issue 21, item 4: a result whose points or claims are damaged is stale ("damaged: …"), not up to date, so
/// `status`, `run --if-stale` and `make all` rerun it.
@Suite struct DamagedResultFreshnessTests {
  static func damaged(_ damage: (H5Group) throws -> Void) throws -> Freshness {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let ws = Workspace(results: dir, figures: dir + "/figures")
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2,4", "seeds=1"])
    let path = try ws.run(ToyExperiment.self, c, runner: Runner(jobs: 1, quiet: true))
    #expect(ws.freshness(ToyExperiment.self, c) == .upToDate)
    let file = try H5File.update(atomicallyAt: path)
    try damage(file.root)
    try file.commit()
    return ws.freshness(ToyExperiment.self, c)
  }

  @Test func aMissingPointGroupIsStale() throws {
    let f = try Self.damaged { try $0.group("points").remove(ResultWriter.pointGroupName(1)) }
    #expect(f.label == "stale" && f.reasons.count == 1 && f.reasons[0].hasPrefix("damaged:"), "\(f)")
    #expect(f.reasons[0].contains("rerun"))
  }

  @Test func aDamagedPointDatasetIsStale() throws {
    let f = try Self.damaged { root in
      let point = try root.group("points").group(ResultWriter.pointGroupName(0))
      let name = try #require(try point.children().first)
      try point.remove(name)
      _ = try point.createGroup(name)
    }
    #expect(f.label == "stale" && f.reasons.first?.hasPrefix("damaged:") == true, "\(f)")
  }

  @Test func damagedClaimsAreStale() throws {
    let emptied = try Self.damaged { root in
      try root.remove("claims")
      _ = try root.createGroup("claims")
    }
    #expect(emptied.reasons.first?.hasPrefix("damaged:") == true, "\(emptied)")
    let wrong = try Self.damaged { root in
      let claims = try root.group("claims")
      let first = try #require(try claims.children().first)
      try claims.remove(first)
      try claims.write(first, NDArray([1.0]))
    }
    #expect(wrong.reasons.first?.hasPrefix("damaged:") == true, "\(wrong)")
  }
}
