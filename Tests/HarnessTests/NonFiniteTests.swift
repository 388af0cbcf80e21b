import Figures
import Foundation
import HDF5
import Numerics
import Testing

@testable import Harness

/// A module whose values break down at x = 0 (0/0, 1/0): `declared` says whether it declares that legitimate.
private enum BreakingExperiment: Experiment {
  static let id = "toy2001-breaks"
  static let paper = "toy2001"
  static let reproduces = "nothing (a harness test)"
  static let summary = "Divides by x."
  static let parameters: [Parameter] = [
    .real("x", "the divisor (swept)", paper: [1, 0], quick: [1, 0], in: 0...10),
    .choice("declared", "whether the module declares NaN and ±∞", paper: Declared.no, quick: .no),
    .seeds(paper: 1, quick: 1),
  ]
  enum Declared: String, CaseIterable, Sendable { case no, yes }

  static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    let x = p.real("x")
    var r = Record()
    let declared = p.choice("declared", as: Declared.self) == .yes
    r.set("inverse", 1 / x, "1/x (+∞ at x = 0)", allowing: declared ? .infinity : [])
    r.set("ratios", [x / x, 2, x / x], "x/x, 2, x/x (NaN at x = 0)", allowing: declared ? .nan : [])
    r.set("plain", 1, "always 1")
    return r
  }

  static let claims: [Claim] = []
  static func figures(_ results: Results) throws -> [Figure] { [] }
}

/// Issue 21, item 21: a NaN or ±∞ the module does not declare stops the point with one line naming the
/// dataset, the point and the fix; a declared one is stored.
@Suite struct NonFiniteTests {
  @Test func undeclaredNonFiniteValuesStopThePoint() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let space = Workspace(results: dir)
    let c = try Configuration(experiment: BreakingExperiment.self, preset: .quick)
    do {
      try space.run(BreakingExperiment.self, c, runner: Runner(jobs: 1, quiet: true))
      Issue.record("a point with undeclared NaN and +∞ was stored")
    } catch {
      let text = "\(error)"
      #expect(!text.contains("\n"), "\(text)")
      #expect(text.contains("point 2 (x=0"), "\(text)")
      #expect(text.contains("'inverse' holds 1 infinite"), "\(text)")
      #expect(text.contains("allowing: .infinity"), "\(text)")
    }
    #expect(!FileManager.default.fileExists(atPath: space.resultPath(BreakingExperiment.id)))
  }

  @Test func declaredNonFiniteValuesAreStored() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let space = Workspace(results: dir)
    let c = try Configuration(experiment: BreakingExperiment.self, preset: .quick, overrides: ["declared=yes"])
    let path = try space.run(BreakingExperiment.self, c, runner: Runner(jobs: 1, quiet: true))
    let r = try Results.read(path)
    #expect(r.points[1].scalar("inverse") == .infinity)
    #expect(r.points[1].array("ratios")[0].isNaN)
  }

  @Test func theRecordCountsWhatIsUndeclared() {
    var r = Record()
    r.set("a", [.nan, 1, .infinity, -.infinity], "four values")
    r.set("b", .nan, "NaN if nothing", allowing: .nan)
    r.set("c", [.nan, .infinity], "both", allowing: .nan)
    #expect(
      r.undeclaredNonFinite == [
        .init(name: "a", nan: 1, infinite: 2, count: 4), .init(name: "c", nan: 0, infinite: 1, count: 2),
      ])
    #expect(r.undeclaredNonFinite[0].summary == "1 NaN and 2 infinite value(s) among its 4")
    #expect(r.undeclaredNonFinite[0].declaration == "[.nan, .infinity]")
  }
}
