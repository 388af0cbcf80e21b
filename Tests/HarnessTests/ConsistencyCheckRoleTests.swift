import Foundation
import HDF5
import Testing

@testable import Harness

/// Issue 24's third role: a consistency check (implied by the theory, true where it does not apply too) keeps its
/// verdict, value and margin, is stored as such in `/claims`, needs no wrong-regime control, and never makes a module
/// read as reproduced.
@Suite struct ConsistencyCheckRoleTests {
  static func entry(_ role: ClaimRole, holds: Bool = true, statement: String = "s") -> ClaimStore.Entry {
    var code: String?
    var consistency: String?
    if case .codeCheck(let why) = role { code = why }
    if case .consistencyCheck(let why) = role { consistency = why }
    return ClaimStore.Entry(
      verdict: Verdict(
        statement: statement, bound: "b", observed: "o", value: 0.02, valueIs: "m", holds: holds,
        margin: Margin(statistic: 0.02, threshold: 0.1, spread: 0.01, passes: .below, what: "w")),
      reason: "r", codeCheck: code, consistencyCheck: consistency,
      control: .init(status: ControlOutcome.combined([], role: role), description: "", settings: "", observed: ""))
  }

  @Test func itNeedsNoWrongRegimeControlAndIsAcceptable() {
    let role = ClaimRole.consistencyCheck("flat for every network tried")
    #expect(role.label == "consistency check" && role.why == "flat for every network tried")
    #expect(ControlOutcome.combined([], role: role) == .consistencyCheck)
    #expect(ControlOutcome.acceptable(.consistencyCheck))
    // An instrument check alone is enough for it (a prediction would be instrument-only).
    let run = ControlOutcome.Run(control: Control(description: "2 steps", overrides: ["max_steps=2"]), status: .fails)
    #expect(ControlOutcome.combined([run], role: role) == .fails)
    #expect(ControlOutcome.combined([run], role: .prediction) == .instrumentOnly)
    // Holding on a wrong-regime run too is what it states: shown (`holdsBeyond`), acceptable; an instrument check
    // it holds on is still a defect, and a run not made is still not run.
    let beyond = ControlOutcome.Run(
      control: Control(description: "two points", overrides: ["n=2"], kind: .wrongRegime), status: .holdsBeyond)
    #expect(ControlOutcome.combined([beyond, run], role: role) == .consistencyCheck)
    #expect(ControlOutcome.acceptable(ControlOutcome.combined([beyond, run], role: role)))
    let held = ControlOutcome.Run(control: run.control, status: .cannotFail)
    #expect(ControlOutcome.combined([beyond, held], role: role) == .cannotFail)
    let notRun = ControlOutcome.Run(control: run.control, status: .notRun)
    #expect(ControlOutcome.combined([beyond, notRun], role: role) == .notRun)
    let claim = Claim.fraction("c", reason: "r", of: { $0.scalar("y") }, named: "y", .below(1), atLeast: 1)
      .consistencyCheck("why")
    #expect(claim.role == .consistencyCheck("why") && claim.controls.isEmpty)
  }

  @Test func itRoundTripsThroughTheClaimsGroupAndAnOldFileReadsAsBefore() throws {
    let (dir, path) = try ClaimStoreLayoutTests.emptyFile()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let entries = [
      Self.entry(.prediction), Self.entry(.consistencyCheck("not specific"), statement: "t"),
      Self.entry(.codeCheck("identity"), statement: "u"),
    ]
    try ClaimStore.store(entries, in: path)
    let read = try #require(ClaimStore.read(path))
    #expect(read == entries)
    #expect(read.map(\.role) == ["prediction", "consistency check", "code check"])
    #expect(read[1].claimRole == .consistencyCheck("not specific") && read[1].verdict.margin != nil)
    #expect(read[1].control.status == .consistencyCheck && !read[1].isPrediction)
    let file = try H5File.open(path)
    let group = try file.root.group("claims").group("c001")
    #expect(try group.attribute("role") == .string("consistency check"))
    #expect(try group.attribute("consistency_check") == .string("not specific"))
    #expect(try group.attribute("control_status") == .string("consistency-check"))
    // The old layout (no consistency_check attribute) reads every claim as it was written.
    try FileManager.default.removeItem(atPath: path)
    try H5File.create(atomicallyAt: path).commit()
    try ClaimStoreLayoutTests.writeOld(path, settings: "")
    #expect(try #require(ClaimStore.read(path))[0].claimRole == .prediction)
  }

  @Test func theGalleryCountsItApartAndNeverAsReproduced() {
    let consistency = Self.entry(.consistencyCheck("flat for the squared loss too"), statement: "flat")
    #expect(
      Gallery.verdictLine([Self.entry(.prediction), consistency, Self.entry(.codeCheck("identity"))])
        == "reproduced (claim 1 holds); consistency check 2 holds; code check 3 holds")
    // Only checks: not reproduced, whatever they show.
    #expect(
      Gallery.verdictLine([consistency, Self.entry(.codeCheck("identity"))])
        == "not reproduced: no prediction (only checks); consistency check 1 holds; code check 2 holds")
    #expect(
      Gallery.verdictLine([Self.entry(.prediction), Self.entry(.consistencyCheck("w"), holds: false)])
        == "reproduced (claim 1 holds); consistency check 2 FAILS")
    let table = Gallery.claimTable([consistency])
    #expect(table.contains("*(consistency check: note 1)*"))
    #expect(table.contains("1. A consistency check, not a prediction"))
    #expect(table.contains("flat for the squared loss too"))
    #expect(table.contains("— (consistency check: no wrong-regime control needed)"))
    #expect(table.contains("| 0.02<br>+8.0σ |"))
  }

  @Test func atAQuickPresetItIsJudgedAsAPredictionIs() {
    let failing = Self.entry(.consistencyCheck("w"), holds: false)
    #expect(!failing.failsCommand(atPreset: "quick") && failing.failsCommand(atPreset: "paper"))
  }
}
