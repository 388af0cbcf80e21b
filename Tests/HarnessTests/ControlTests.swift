import Figures
import Foundation
import HDF5
import Harness
import Numerics
import Testing

/// An experiment whose claims show every control outcome: one that fails on its (wrong-regime) control, one that
/// holds on its (instrument) control too, a code check, and a prediction that declares no control.
enum ControlledToy: Experiment {
  static let id = "toy2000-controlled"
  static let paper = "toy2000"
  static let reproduces = "nothing (a harness test of negative controls)"
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

  static let claims: [Claim] = [
    .fraction(
      "‖x‖ is about √d", reason: "E‖x‖² = d", of: { $0.scalar("norm") / $0.real("d").squareRoot() },
      named: "‖x‖/√d", .within(0.3...3), atLeast: 1
    ).wrongRegime("no noise: ‖x‖ = 0", set: ["scale=0"]),
    .fraction(
      "‖x‖ is not negative", reason: "a norm", of: { $0.scalar("norm") }, named: "‖x‖", .above(-1), atLeast: 1
    ).control("no noise", set: ["scale=0"]),
    .fraction("‖x‖ is finite", reason: "r", of: { $0.scalar("norm") }, named: "‖x‖", .below(1e300), atLeast: 1)
      .codeCheck("an identity of the code"),
    .fraction("‖x‖ is small", reason: "r", of: { $0.scalar("norm") }, named: "‖x‖", .below(1e300), atLeast: 1),
  ]

  static func figures(_ results: Results) throws -> [Figure] { [] }
}

@Suite struct ControlTests {
  @Test func eachClaimIsHeldAgainstItsControl() throws {
    let dir = RunnerTests.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let ws = Workspace(results: dir, figures: dir + "/figures")
    let runner = Runner(quiet: true)
    try ws.run(ControlledToy.self, try Configuration(experiment: ControlledToy.self, preset: .paper), runner: runner)

    // Before the controls run, their outcome is unknown, and said so.
    #expect(try ws.controlOutcomes(ControlledToy.self).map(\.status) == [.notRun, .notRun, .codeCheck, .undeclared])
    #expect(Workspace.controls(of: ControlledToy.self).count == 2)

    var ran: [String] = []
    try ws.runControls(ControlledToy.self, runner: runner) { c, f in if f != .upToDate { ran.append(c.settings) } }
    #expect(ran == ["scale=0"])  // two claims share one control run
    let controlFile = ws.controlWorkspace(ControlledToy.self, Control(description: "", overrides: ["scale=0"]))
      .resultPath(ControlledToy.id)
    #expect(controlFile.hasPrefix(dir + "/controls/toy2000-controlled/scale-0/"))
    #expect(try Results.read(controlFile).preset == "quick")

    let outcomes = try ws.controlOutcomes(ControlledToy.self)
    #expect(outcomes.map(\.status) == [.fails, .cannotFail, .codeCheck, .undeclared])
    #expect(outcomes.map(\.acceptable) == [true, false, true, false])
    #expect(outcomes[0].observed.contains("0 of 6 points"))

    // Stored with the verdicts, readable without the module.
    let entries = try ws.check(ControlledToy.self)
    let stored = ClaimStore.read(ws.resultPath(ControlledToy.id))!
    #expect(stored == entries)
    #expect(
      stored.map(\.control.label) == ["control fails ✓", "CANNOT FAIL", "code check", "CANNOT FAIL (no control)"])
    #expect(stored[0].control.settings == "scale=0" && stored[0].control.description == "no noise: ‖x‖ = 0")
    #expect(stored[2].role == "code check" && stored[2].codeCheck == "an identity of the code")

    // Up to date: the control does not run again.
    ran = []
    try ws.runControls(ControlledToy.self, runner: runner) { c, f in if f != .upToDate { ran.append(c.settings) } }
    #expect(ran.isEmpty)
  }

  @Test func aControlTheParametersRejectIsABadValue() {
    let bad = Control(description: "x", overrides: ["width=3"])
    #expect(throws: ReproError.self) { try Workspace.controlConfiguration(ControlledToy.self, bad) }
  }
}
