import Figures
import Foundation
import HDF5
import Harness
import Numerics
import Testing

/// Issue 24: claims with several controls of two kinds, one at the paper preset.
enum KindedControlsToy: Experiment {
  static let id = "toy2000-kinded-controls"
  static let paper = "toy2000"
  static let reproduces = "nothing (a harness test of control kinds)"
  static let summary = "Gaussian norms."
  static let parameters: [Parameter] = [
    .int("d", "dimension (swept)", paper: [4, 16], quick: [4, 16, 64], in: 1...1000),
    .real("scale", "standard deviation", paper: 1, quick: 1, in: 0...10),
    .seeds(paper: 2, quick: 2),
  ]

  static func run(_ p: Point, rng: inout RandomSource) throws -> Record {
    var r = Record()
    r.set("norm", norm(rng.normals(p.int("d"), sd: p.real("scale"))), "the norm of a Gaussian vector")
    return r
  }

  static let normClaim = Claim.fraction(
    "‖x‖ is about √d", reason: "E‖x‖² = d", of: { $0.scalar("norm") / $0.real("d").squareRoot() },
    named: "‖x‖/√d", .within(0.2...5), atLeast: 1)

  static let claims: [Claim] = [
    // Fails on both: a wrong-regime control at the quick preset and an instrument check at the paper preset.
    normClaim.wrongRegime("no noise: ‖x‖ = 0", set: ["scale=0"])
      .instrumentCheck("almost no noise", set: ["scale=0.001"], preset: .paper),
    // Fails on its only control, an instrument check.
    normClaim.control("no noise", set: ["scale=0"]),
    // Holds on its second wrong-regime control (‖x‖/√d ≈ 1.2 at scale 1.2).
    normClaim.wrongRegime("no noise", set: ["scale=0"]).wrongRegime("a little more noise", set: ["scale=1.2"]),
  ]

  static func figures(_ results: Results) throws -> [Figure] { [] }
}

@Suite struct ControlKindsTests {
  @Test func aPaperPresetControlHasItsOwnSlugAndConfiguration() throws {
    let quick = Control(description: "d", overrides: ["scale=0.001"], kind: .instrument)
    let paper = Control(description: "d", overrides: ["scale=0.001"], kind: .instrument, preset: .paper)
    #expect(quick.slug == "scale-0.001")
    #expect(paper.slug == "paper-preset_scale-0.001")
    #expect(quick != paper)
    let q = try Workspace.controlConfiguration(KindedControlsToy.self, quick)
    let p = try Workspace.controlConfiguration(KindedControlsToy.self, paper)
    #expect(q.preset == .quick && p.preset == .paper)
    #expect(q.points.count == 6 && p.points.count == 4)  // quick: d ∈ {4, 16, 64}; paper: d ∈ {4, 16}; 2 seeds
    #expect(p.points.allSatisfy { $0.real("scale") == 0.001 })
    let ws = Workspace(results: "/r", figures: "/f")
    #expect(
      ws.controlWorkspace(KindedControlsToy.self, paper).results
        == "/r/controls/toy2000-kinded-controls/paper-preset_scale-0.001")
  }

  @Test func theBuildersDeclareControlsInOrder() {
    let claim = KindedControlsToy.claims[0]
    #expect(claim.controls.map(\.kind) == [.wrongRegime, .instrument])
    #expect(claim.controls.map(\.preset) == [.quick, .paper])
    #expect(claim.control?.settings == "scale=0")
    // `.control` declares an instrument check at the quick preset.
    #expect(KindedControlsToy.claims[1].controls == [Control(description: "no noise", overrides: ["scale=0"])])
    #expect(KindedControlsToy.claims[1].controls[0].kind == .instrument)
    // A summary names the first wrong-regime control even when an instrument check comes first.
    let late = KindedControlsToy.normClaim.instrumentCheck("i", set: ["scale=0"]).wrongRegime("w", set: ["scale=2"])
    #expect(late.control?.description == "w")
    #expect(
      Workspace.controls(of: KindedControlsToy.self).map(\.slug) == [
        "scale-0", "paper-preset_scale-0.001", "scale-0", "scale-0", "scale-1.2",
      ])
  }

  @Test func theCombinedStatusFailsOnlyWhenEveryControlFails() {
    func run(_ kind: Control.Kind, _ status: ControlOutcome.Status) -> ControlOutcome.Run {
      ControlOutcome.Run(control: Control(description: "", overrides: ["a=1"], kind: kind), status: status)
    }
    let combined = { (runs: [ControlOutcome.Run]) in ControlOutcome.combined(runs, role: .prediction) }
    #expect(combined([run(.wrongRegime, .fails), run(.instrument, .fails)]) == .fails)
    #expect(combined([run(.wrongRegime, .fails), run(.wrongRegime, .cannotFail)]) == .cannotFail)
    #expect(combined([run(.instrument, .cannotFail), run(.wrongRegime, .notRun)]) == .cannotFail)
    #expect(combined([run(.wrongRegime, .fails), run(.instrument, .notRun)]) == .notRun)
    #expect(combined([run(.instrument, .fails), run(.instrument, .fails)]) == .instrumentOnly)
    #expect(combined([]) == .undeclared)
    #expect(ControlOutcome.combined([], role: .codeCheck("identity")) == .codeCheck)
    // A code check with instrument controls is no prediction: it needs no wrong-regime control.
    #expect(ControlOutcome.combined([run(.instrument, .fails)], role: .codeCheck("identity")) == .fails)
    #expect(ControlOutcome(status: .instrumentOnly, runs: []).label == "instrument only: no wrong-regime control")
    #expect(!ControlOutcome(status: .instrumentOnly, runs: []).acceptable)
  }

  @Test func everyControlIsRunEvaluatedAndStored() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let ws = Workspace(results: dir, figures: dir + "/figures")
    let runner = Runner(quiet: true)
    let toy = KindedControlsToy.self
    try ws.run(toy, try Configuration(experiment: toy, preset: .paper), runner: runner)
    var ran: [String] = []
    try ws.runControls(toy, runner: runner) { c, f in if f != .upToDate { ran.append(c.slug) } }
    #expect(ran == ["scale-0", "paper-preset_scale-0.001", "scale-1.2"])
    let paperRun = ws.controlWorkspace(toy, KindedControlsToy.claims[0].controls[1]).resultPath(toy.id)
    #expect(try Results.read(paperRun).preset == "paper")
    #expect(try Results.read(paperRun).points.count == 4)

    let outcomes = try ws.controlOutcomes(toy)
    #expect(outcomes.map(\.status) == [.fails, .instrumentOnly, .cannotFail])
    #expect(outcomes[0].runs.map(\.status) == [.fails, .fails])
    #expect(outcomes[2].runs.map(\.status) == [.fails, .cannotFail])
    #expect(outcomes[2].runs[1].verdicts[0].value == 1)  // every point within [0.2, 5] at scale 1.2

    let entries = try ws.check(toy)
    #expect(ClaimStore.read(ws.resultPath(toy.id)) == entries)
    let first = entries[0]
    #expect(first.control.status == .fails && first.control.settings == "scale=0")
    #expect(first.controls.map(\.kind) == [.wrongRegime, .instrument])
    #expect(first.controls.map(\.preset) == ["quick", "paper"])
    #expect(first.controls.map(\.status) == [.fails, .fails])
    #expect(first.controls.map(\.value) == [0, 0])
    #expect(first.controls[0].observed.contains("0 of 6 points"))
    #expect(first.controls[1].observed.contains("0 of 4 points"))
    // On the control, ‖x‖/√d = 0: the worst point is 0.2 below the band's lower edge, at no seed spread (all 0).
    #expect(first.controls[0].marginSigmas == -.infinity)
    #expect(entries[1].control.label == "instrument only: no wrong-regime control")
    #expect(entries[2].controls.map(\.status) == [.fails, .cannotFail])
    #expect(entries[2].control.label == "CANNOT FAIL")
  }
}
