import Figures
import Foundation
import GnuplotRenderer
import HDF5
import Numerics
import Testing

@testable import Harness

/// A toy that records one name twice.
enum TwiceToy: Experiment {
  static let id = "toy2000-twice"
  static let paper = "toy2000"
  static let reproduces = "nothing (a harness test)"
  static let summary = "Records 'x' twice."
  static let parameters: [Parameter] = [.int("d", "d", paper: 1, quick: 1, in: 1...10), .seeds(paper: 1, quick: 1)]
  static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    var r = Record()
    r.set("x", 1, "one")
    r.set("x", [2, 3], "two values under the same name")
    return r
  }
  static let claims: [Claim] = []
  static func figures(_ results: Results) throws -> [Figure] { [] }
}

/// Issue 21, item 8: what a reader of a result file is given is that file's, whole, and errors are not swallowed.
@Suite struct ReadingResultsTests {
  static func scratch() -> String { RunnerTests.temporaryDirectory() }

  static func toyResult(_ workspace: Workspace) throws -> String {
    let c = try Configuration(experiment: ToyExperiment.self, preset: .quick, overrides: ["d=2,4", "seeds=2"])
    return try workspace.run(ToyExperiment.self, c, runner: Runner(jobs: 1, quiet: true))
  }

  @Test func aNameSetTwiceIsRefused() throws {
    var r = Record()
    r.set("a", 1, "a")
    r.setCount("a", 2, "a again")
    r.note("n", "first")
    r.note("n", "second")
    #expect(r.repeated == ["a", "n"])
    let dir = Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let c = try Configuration(experiment: TwiceToy.self, preset: .quick)
    do {
      _ = try Runner(jobs: 1, quiet: true).run(TwiceToy.self, c)
      Issue.record("a record with 'x' set twice was accepted")
    } catch let error as ReproError {
      #expect(error.description.contains("recorded 'x' twice"), "\(error)")
    }
  }

  @Test func unreadableParametersNeverCompareEqual() {
    #expect(Baselines.differingParameters(#"{"d":[1,2]}"#, #"{"d":[1,2]}"#).isEmpty)
    #expect(Baselines.differingParameters(#"{"d":[1,2]}"#, #"{"d":[1,3]}"#) == ["d ([1,2] vs [1,3])"])
    let both = Baselines.differingParameters("{not json", "{not json")
    #expect(both.count == 2 && both[0] == #"parameters (not a JSON object: "{not json")"#)
    #expect(Baselines.differingParameters(#"{"d":[1]}"#, "").count == 1)
    #expect(Baselines.differingParameters("[1]", "[1]").count == 2)
  }

  /// An empty /claims, one with a verdict of the wrong types, or fewer verdicts than claims: computed again, as
  /// for a missing group, so diff reports no false "missing" rows.
  @Test(arguments: ["empty", "wrong types", "no all_hold"])
  func aDamagedClaimsGroupIsComputedAgain(_ damage: String) throws {
    let dir = Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let workspace = Workspace(results: dir, figures: dir + "/figures", baselines: dir + "/baselines")
    let path = try Self.toyResult(workspace)
    let good = try #require(ClaimStore.read(path))
    _ = try workspace.bless(ToyExperiment.self, preset: .quick, force: true)
    let file = try H5File.update(atomicallyAt: path)
    switch damage {
    case "empty":
      try file.root.remove("claims")
      try file.root.createGroup("claims").setAttribute("all_hold", .int(1))
    case "wrong types":
      try file.root.group("claims").group("c000").setAttribute("holds", .string("yes"))
    default:
      try file.root.remove("claims")
      _ = try file.root.createGroup("claims")
    }
    try file.commit()
    #expect(try workspace.claims(ToyExperiment.self) == good)
    #expect(ClaimStore.read(path) == good)
    let report = try workspace.diff(ToyExperiment.self, preset: .quick)
    #expect(!report.claims.contains { $0.status != .same }, "\(report.claims)")
  }

  /// Another experiment's result renamed into place is refused by every reader, and the gallery does not show
  /// its claims under this experiment.
  @Test func anotherExperimentsResultIsRefused() throws {
    let dir = Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let workspace = Workspace(results: dir, figures: dir + "/figures")
    let toy = try Self.toyResult(workspace)
    try FileManager.default.moveItem(atPath: toy, toPath: workspace.resultPath(ControlledToy.id))
    for read in [
      { _ = try workspace.claims(ControlledToy.self) }, { _ = try workspace.check(ControlledToy.self) },
      { _ = try workspace.plot(ControlledToy.self, renderer: Gnuplot.renderer) },
      {
        _ = try Results.read(
          toy.replacingOccurrences(of: ToyExperiment.id, with: ControlledToy.id), of: ControlledToy.id)
      },
    ] as [() throws -> Void] {
      do {
        try read()
        Issue.record("another experiment's result was read as this one's")
      } catch let error as ReproError {
        #expect(error.description.contains("holds results of 'toy2000-noise', not toy2000-controlled"), "\(error)")
      }
    }
    try Gallery.write([ControlledToy.self], workspace: workspace)
    let gallery = try String(contentsOfFile: dir + "/figures/README.md", encoding: .utf8)
    #expect(!gallery.contains("grows like √d"), "\(gallery)")
  }

  /// `claims` on an unreadable result says why, instead of answering nil as if there were no result.
  @Test func claimsOfAnUnreadableResultIsAnError() throws {
    let dir = Self.scratch()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let workspace = Workspace(results: dir, figures: dir + "/figures")
    try Data("not hdf5".utf8).write(to: URL(fileURLWithPath: workspace.resultPath(ToyExperiment.id)))
    #expect(throws: ReproError.self) { try workspace.claims(ToyExperiment.self) }
  }

  /// `repro all`, as `check`: at the paper preset any verdict not as expected fails the command; at another preset
  /// only a code check.
  @Test func whichVerdictsFailACommand() {
    func entry(holds: Bool, known: Bool = false, code: Bool = false) -> ClaimStore.Entry {
      ClaimStore.Entry(
        verdict: Verdict(
          statement: "s", bound: "b", observed: "o", value: 0, valueIs: "m", holds: holds,
          knownFailure: known ? "why" : nil),
        reason: "r", codeCheck: code ? "identity" : nil,
        control: .init(status: .notRun, description: "", settings: "", observed: ""))
    }
    #expect(entry(holds: false).failsCommand(atPreset: "paper"))
    #expect(!entry(holds: false, known: true).failsCommand(atPreset: "paper"))
    #expect(entry(holds: true, known: true).failsCommand(atPreset: "paper"))
    #expect(!entry(holds: true).failsCommand(atPreset: "paper"))
    #expect(!entry(holds: false).failsCommand(atPreset: "quick"))
    #expect(entry(holds: false, code: true).failsCommand(atPreset: "quick"))
  }
}
