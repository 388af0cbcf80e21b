import Foundation
import GnuplotRenderer
import HDF5
import Testing

@testable import Harness

/// Issue 13, item 3: a run killed between writing its result and storing its claims leaves a result without
/// `/claims`; the claims are computed and stored when the result is next read (gallery, diff).
@Suite struct MissingClaimsTests {
  @Test func claimsAreComputedWhenMissing() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let workspace = Workspace(results: dir, figures: dir + "/figures")
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2,4", "seeds=2"])
    // What a kill right after the result's rename leaves: the file, no claims.
    let records = try Runner(jobs: 1, quiet: true).run(ToyExperiment.self, c)
    try ResultWriter.write(
      to: workspace.resultPath(ToyExperiment.id), experiment: ToyExperiment.self, configuration: c, records: records,
      provenance: Provenance.current(for: ToyExperiment.self), created: Date(), wallSeconds: 1)
    #expect(ClaimStore.read(workspace.resultPath(ToyExperiment.id)) == nil)
    let entries = try #require(try workspace.claims(ToyExperiment.self))
    #expect(entries.count == ToyExperiment.claims.count && !entries.isEmpty)
    // Stored: the next reader finds them without evaluating again.
    #expect(ClaimStore.read(workspace.resultPath(ToyExperiment.id))?.count == entries.count)
    // No result: nothing to compute, nothing written.
    let empty = Workspace(results: dir + "/none")
    #expect(try empty.claims(ToyExperiment.self) == nil)
    #expect(!FileManager.default.fileExists(atPath: dir + "/none"))
  }
}

/// Issue 13, item 6: a result file missing a dataset the module needs is refused by name, and nothing is
/// written (no figures, no claims).
@Suite struct DamagedResultTests {
  @Test func aMissingSweepColumnIsNamedAndNothingIsWritten() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let workspace = Workspace(results: dir + "/results", figures: dir + "/figures")
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2,4", "seeds=1"])
    let path = try workspace.run(ToyExperiment.self, c, runner: Runner(jobs: 1, quiet: true))
    let file = try H5File.update(atomicallyAt: path)
    try file.root.group("sweep").remove("d")
    try file.commit()
    let before = try Data(contentsOf: URL(fileURLWithPath: path))
    for action in [
      { _ = try Results.read(path) }, { _ = try workspace.plot(ToyExperiment.self, renderer: Gnuplot.renderer) },
      { _ = try workspace.check(ToyExperiment.self) },
    ] as [() throws -> Void] {
      do {
        try action()
        Issue.record("a result without /sweep/d must be refused")
      } catch let error as ReproError {
        #expect("\(error)".contains("lacks the dataset /sweep/d") && !"\(error)".contains("\n"), "\(error)")
      }
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    #expect(!FileManager.default.fileExists(atPath: dir + "/figures/\(ToyExperiment.id)"))
  }
}
