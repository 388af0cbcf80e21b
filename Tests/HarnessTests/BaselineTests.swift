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

  /// Rewrites one scalar of one point (or of every point, `index` nil), multiplied by (1 + factor).
  static func perturb(_ path: String, scalar: String, at index: Int?, by factor: Double) throws {
    let file = try H5File.update(atomicallyAt: path)
    let group = try file.root.group("scalars")
    var values = try group.readDoubles(scalar)
    for k in values.values.indices where index == nil || index == k { values.values[k] *= 1 + factor }
    try group.remove(scalar)
    try group.write(scalar, values)
    try file.commit()
  }

  /// Stores a sensitivity measured against copies of the current result, each changed by `change`.
  static func measureSensitivity(_ ws: Workspace, dir: String, changes: [(String) throws -> Void]) throws
    -> SensitivityReport
  {
    let reference = ws.resultPath(ToyExperiment.id)
    var variants: [(label: String, path: String)] = []
    for (k, change) in changes.enumerated() {
      let copy = "\(dir)/variant\(k).h5"
      try? FileManager.default.removeItem(atPath: copy)
      try FileManager.default.copyItem(atPath: reference, toPath: copy)
      try change(copy)
      variants.append(("variant \(k)", copy))
    }
    let report = try SensitivityReport.measure(
      experiment: ToyExperiment.self, preset: .quick, reference: reference, variants: variants)
    try report.write(to: ws.sensitivityPath(ToyExperiment.id, preset: .quick))
    return report
  }

  @Test func aRerunIsIdenticalToItsBaseline() throws {
    let (ws, dir) = try Self.blessed()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try ws.run(
      ToyExperiment.self, try Configuration(experiment: ToyExperiment.self, preset: .quick),
      runner: Runner(jobs: 2, quiet: true))
    let report = try ws.diff(ToyExperiment.self, preset: .quick)
    let rows = report.datasets
    #expect(report.rows.allSatisfy { $0.status == .same && $0.maxAbsolute == 0 })
    #expect(rows.contains { $0.name == "/points/*/noise" && $0.datasets == 1 })
    // Nothing measured: floats tight, and the diff says so.
    #expect(rows.contains { $0.name == "/scalars/norm" && $0.tolerance == .tight && $0.basis == "tight" })
    #expect(report.notes.contains { $0.contains("no measured sensitivity") && $0.contains("repro sensitivity") })
    #expect(rows.contains { $0.name == "/sweep/d" && $0.tolerance == .exact })
    // The claims: the verdict exactly, the value tight.
    #expect(report.claims.contains { $0.name == "/claims/c000" && $0.aspect == .verdict && $0.tolerance == .exact })
    #expect(report.claims.contains { $0.name == "/claims/c000" && $0.level == "claim value" })
    #expect(report.resultPlatform == report.baselinePlatform && report.resultPlatform != nil)
  }

  @Test func toleranceIsTheMeasuredMoveTimesTheSafetyFactorAndAOnePercentChangeFails() throws {
    let (ws, dir) = try Self.blessed()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try ws.run(
      ToyExperiment.self, try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2,3"]),
      runner: Runner(quiet: true))
    _ = try ws.bless(ToyExperiment.self, preset: .quick, force: true)
    let result = ws.resultPath(ToyExperiment.id)
    // Rounding moved `norm` by 1e-7 relative, nothing else.
    let report = try Self.measureSensitivity(
      ws, dir: dir, changes: [{ try Self.perturb($0, scalar: "norm", at: nil, by: 1e-7) }])
    let measured = try #require(report.movement("/scalars/norm", .raw))
    #expect(abs(measured.relative - 1e-7) < 1e-9)
    #expect(report.movement("/points/*/noise", .raw) == Movement.none)
    #expect(!report.isRoundingSensitive("/scalars/norm"))

    try Self.perturb(result, scalar: "norm", at: nil, by: 5e-7)  // within 10 × 1e-7
    var row = try ws.diff(ToyExperiment.self, preset: .quick).datasets.first { $0.name == "/scalars/norm" }!
    #expect(row.status == .same && row.maxRelative > 0 && row.basis.hasPrefix("measured"))
    #expect(abs(row.tolerance.relative - 1e-6) < 1e-8)
    try Self.perturb(result, scalar: "norm", at: 1, by: 0.01)  // a 1% regression at one point
    row = try ws.diff(ToyExperiment.self, preset: .quick).datasets.first { $0.name == "/scalars/norm" }!
    #expect(row.status == .differs)
    #expect(abs(row.maxRelative - 0.01) < 1e-3)
  }

  @Test func aRoundingSensitiveRowIsAlsoComparedAsMeans() throws {
    let (ws, dir) = try Self.blessed()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try ws.run(
      ToyExperiment.self,
      try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2,3", "seeds=4"]),
      runner: Runner(quiet: true))
    _ = try ws.bless(ToyExperiment.self, preset: .quick, force: true)
    // Chaotic: rounding moves single points' `norm` by 5%, their means far less.
    let report = try Self.measureSensitivity(
      ws, dir: dir,
      changes: [
        { try Self.perturb($0, scalar: "norm", at: 0, by: 0.05) },
        { try Self.perturb($0, scalar: "norm", at: 5, by: -0.05) },
      ])
    #expect(report.isRoundingSensitive("/scalars/norm"))
    let seedMeans = try #require(report.movement("/scalars/norm", .seedMeans))
    #expect(seedMeans.relative < 0.05 && seedMeans.relative > 0.005)

    var diff = try ws.diff(ToyExperiment.self, preset: .quick)
    #expect(diff.differing.isEmpty)
    #expect(diff.datasets.contains { $0.name == "/scalars/norm" && $0.level == "mean over seeds" })
    #expect(diff.datasets.contains { $0.name == "/scalars/norm" && $0.level == "mean of all" })
    #expect(diff.notes.contains { $0.contains("/scalars/norm is rounding-sensitive") })
    // Stable rows are still compared at the raw level only.
    #expect(!diff.datasets.contains { $0.name == "/points/*/noise" && $0.level != "raw" })

    // Every value 30% up: within the raw tolerance (10 × 5%), but the means catch it.
    try Self.perturb(ws.resultPath(ToyExperiment.id), scalar: "norm", at: nil, by: 0.3)
    diff = try ws.diff(ToyExperiment.self, preset: .quick)
    #expect(diff.datasets.contains { $0.name == "/scalars/norm" && $0.level == "raw" && $0.status == .same })
    #expect(diff.datasets.contains { $0.name == "/scalars/norm" && $0.level == "mean of all" && $0.status == .differs })
  }

  @Test func aChangedClaimVerdictAlwaysDiffers() throws {
    let (ws, dir) = try Self.blessed()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let result = ws.resultPath(ToyExperiment.id)
    var entries = try #require(ClaimStore.read(result))
    entries[0].verdict.holds.toggle()
    try ClaimStore.store(entries, in: result)
    let row = try ws.diff(ToyExperiment.self, preset: .quick).claims.first { $0.index == 0 && $0.aspect == .verdict }
    #expect(row?.status == .differs)
    #expect(row?.note.contains("where the baseline") == true)
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
