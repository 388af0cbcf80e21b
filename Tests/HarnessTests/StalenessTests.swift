import Foundation
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
