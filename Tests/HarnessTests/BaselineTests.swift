import Foundation
import HDF5
import Numerics
import Testing

@testable import Harness

@Suite struct BaselineTests {
  /// A workspace with a quick result of the toy experiment, blessed as the quick baseline.
  static func blessed() throws -> (Workspace, String) {
    let dir = RunnerTests.temporaryDirectory()
    let ws = Workspace(results: dir + "/results", figures: dir + "/figures", baselines: dir + "/baselines")
    try ws.run(
      ToyExperiment.self, try Configuration(experiment: ToyExperiment.self, preset: .quick), runner: Runner(quiet: true)
    )
    _ = try ws.bless(ToyExperiment.self, preset: .quick, force: false)
    return (ws, dir)
  }

  /// Rewrites one scalar dataset of a result file, multiplied by (1 + factor).
  static func perturb(_ path: String, scalar: String, by factor: Double) throws {
    let file = try H5File.update(atomicallyAt: path)
    let group = try file.root.group("scalars")
    let values = try group.readDoubles(scalar)
    try group.remove(scalar)
    try group.write(scalar, NDArray(shape: values.shape, values: values.values.map { $0 * (1 + factor) }))
    try file.commit()
  }

  @Test func aRerunIsIdenticalToItsBaseline() throws {
    let (ws, dir) = try Self.blessed()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try ws.run(
      ToyExperiment.self, try Configuration(experiment: ToyExperiment.self, preset: .quick),
      runner: Runner(jobs: 2, quiet: true))
    let rows = try ws.diff(ToyExperiment.self, preset: .quick)
    #expect(rows.allSatisfy { $0.status == .same && $0.maxAbsolute == 0 })
    #expect(rows.contains { $0.name == "/points/*/noise" && $0.datasets == 1 })
    #expect(rows.contains { $0.name == "/scalars/norm" && $0.tolerance == ToyExperiment.tolerances["norm"] })
    #expect(rows.contains { $0.name == "/sweep/d" && $0.tolerance == .exact })
    #expect(!rows.contains { $0.name.hasPrefix("/claims") })
  }

  @Test func diffPassesWithinToleranceAndFailsBeyond() throws {
    let (ws, dir) = try Self.blessed()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let result = ws.resultPath(ToyExperiment.id)
    try Self.perturb(result, scalar: "norm", by: 1e-8)  // within rel 1e-6
    var row = try ws.diff(ToyExperiment.self, preset: .quick).first { $0.name == "/scalars/norm" }!
    #expect(row.status == .same && row.maxRelative > 0)
    try Self.perturb(result, scalar: "norm", by: 1e-4)  // beyond
    row = try ws.diff(ToyExperiment.self, preset: .quick).first { $0.name == "/scalars/norm" }!
    #expect(row.status == .differs)
    #expect(abs(row.maxRelative - 1e-4) < 1e-6)
  }

  @Test func missingCorruptOrIncomparableBaselinesCannotBeCompared() throws {
    let (ws, dir) = try Self.blessed()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let baseline = ws.baselinePath(ToyExperiment.id, preset: .quick)
    func failure(_ preset: Preset = .quick) -> ReproError? {
      do {
        _ = try ws.diff(ToyExperiment.self, preset: preset)
        return nil
      } catch { return error as? ReproError }
    }
    // No paper baseline.
    #expect(failure(.paper)?.exitCode == 2)
    #expect(failure(.paper)?.description.contains("repro bless") == true)
    // Different parameters: not comparable, naming them.
    try ws.run(
      ToyExperiment.self, try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["scale=2"]),
      runner: Runner(quiet: true))
    #expect(failure()?.description.contains("not comparable") == true)
    #expect(failure()?.description.contains("scale") == true)
    // Corrupt baseline.
    try "garbage".write(toFile: baseline, atomically: true, encoding: .utf8)
    #expect(failure()?.exitCode == 2)
    #expect(failure()?.description.contains("unreadable") == true)
    // Missing baseline.
    try FileManager.default.removeItem(atPath: baseline)
    #expect(failure()?.description.contains("no baseline") == true)
  }

  @Test func blessRefusesAMismatchedPresetOrParametersUnlessForced() throws {
    let (ws, dir) = try Self.blessed()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let before = try Data(contentsOf: URL(fileURLWithPath: ws.baselinePath(ToyExperiment.id, preset: .quick)))
    // A quick result offered as the paper baseline.
    #expect(throws: ReproError.self) { _ = try ws.bless(ToyExperiment.self, preset: .paper, force: false) }
    #expect(!FileManager.default.fileExists(atPath: ws.baselinePath(ToyExperiment.id, preset: .paper)))
    // Overridden parameters.
    try ws.run(
      ToyExperiment.self, try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=7"]),
      runner: Runner(quiet: true))
    do {
      _ = try ws.bless(ToyExperiment.self, preset: .quick, force: false)
      Issue.record("blessed overridden parameters")
    } catch let e as ReproError {
      #expect(e.description.contains("d ("))
      #expect(e.description.contains("--force"))
    }
    #expect(try Data(contentsOf: URL(fileURLWithPath: ws.baselinePath(ToyExperiment.id, preset: .quick))) == before)
    // Forced: replaced, atomically (no temporary left).
    _ = try ws.bless(ToyExperiment.self, preset: .quick, force: true)
    #expect(try Data(contentsOf: URL(fileURLWithPath: ws.baselinePath(ToyExperiment.id, preset: .quick))) != before)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/baselines/quick") == ["toy2000-noise.h5"])
  }

  @Test func checkStoresTheVerdictsInTheResultFile() throws {
    let (ws, dir) = try Self.blessed()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try ws.run(
      ToyExperiment.self,
      try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=10,100,1000"]),
      runner: Runner(quiet: true))
    let entries = try ws.check(ToyExperiment.self)
    let stored = try #require(ClaimStore.read(ws.resultPath(ToyExperiment.id)))
    #expect(stored == entries)
    #expect(stored.count == 1)
    #expect(stored[0].reason == "E‖x‖² = d·scale²")
    #expect(stored[0].verdict.holds)
    #expect(stored[0].verdict.observed.contains("of one fit"))
  }
}
