import Foundation
import Testing

@testable import Harness

/// Issue 21, item 15: `repro diff` takes every tolerance from the stored sensitivity, so a file that would
/// let any regression pass (an absurd safety factor, an infinite or negative move, an unknown level) is
/// refused with one line naming the value and the fix; `repro sensitivity` never writes one.
@Suite struct SensitivityFileTests {
  static func report() -> SensitivityReport {
    SensitivityReport(
      experiment: "toy2000-noise", preset: "quick", codeFingerprint: "x", parameters: "{}", referencePlatform: "p",
      variants: ["REPRO_PERTURB_INPUTS=1"], safetyFactor: 10,
      rows: ["/scalars/norm": ["raw": Movement(absolute: 1e-16, relative: 1e-16)]],
      claims: [.init(index: 0, statement: "s", movement: Movement(absolute: 0, relative: 0), verdictChanges: 0)])
  }

  @Test func anUnreasonableFileIsRefused() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/toy.sensitivity.json"
    try Self.report().write(to: path)
    #expect(try SensitivityReport.read(path) == Self.report())

    let text = try String(contentsOfFile: path, encoding: .utf8)
    let edits: [(String, String, String)] = [
      ("\"safetyFactor\" : 10", "\"safetyFactor\" : 1e300", "safetyFactor"),
      ("\"safetyFactor\" : 10", "\"safetyFactor\" : \"inf\"", "safetyFactor"),
      ("\"safetyFactor\" : 10", "\"safetyFactor\" : 0.5", "safetyFactor"),
      ("\"relative\" : 1e-16", "\"relative\" : \"inf\"", "raw move of /scalars/norm"),
      ("\"absolute\" : 1e-16", "\"absolute\" : -1", "raw move of /scalars/norm"),
      ("\"absolute\" : 0,", "\"absolute\" : \"nan\",", "claim c000"),
      ("\"raw\" :", "\"rawish\" :", "level 'rawish'"),
    ]
    for (from, to, named) in edits {
      #expect(text.contains(from), "the stored file changed form: \(from)")
      try text.replacingOccurrences(of: from, with: to).write(toFile: path, atomically: true, encoding: .utf8)
      do {
        _ = try SensitivityReport.read(path)
        Issue.record("accepted \(to)")
      } catch let error as ReproError {
        #expect(error.description.contains(named) && error.description.contains("remeasure"), "\(error)")
        #expect(!error.description.contains("\n"))
      }
    }
  }

  /// Another experiment's measurement renamed into place would lend its tolerances: refused.
  @Test func anotherExperimentsMeasurementIsRefused() throws {
    let (ws, dir) = try BaselineTests.blessed()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var other = Self.report()
    other.experiment = "vardi2022-kkt"
    try other.write(to: ws.sensitivityPath(ToyExperiment.id, preset: .quick))
    do {
      _ = try ws.diff(ToyExperiment.self, preset: .quick)
      Issue.record("diffed with another experiment's sensitivity")
    } catch let error as ReproError {
      #expect(error.description.contains("measures vardi2022-kkt") && !error.description.contains("\n"), "\(error)")
    }
    try Self.report().write(to: ws.sensitivityPath(ToyExperiment.id, preset: .quick))
    #expect(try ws.diff(ToyExperiment.self, preset: .quick).sensitivity == Self.report())
  }

  @Test func anUnboundedMeasurementIsNotStored() {
    var report = Self.report()
    report.rows["/scalars/norm"]?["raw"] = .unbounded
    let path = RunnerTests.temporaryDirectory() + "/toy.sensitivity.json"
    #expect(throws: ReproError.self) { try report.write(to: path) }
    #expect(!FileManager.default.fileExists(atPath: path))
  }
}
