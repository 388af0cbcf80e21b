import Foundation
import HDF5
import Testing

@testable import Harness

/// Issue 24: `/claims` with margins and one group per control, and files written before them.
@Suite struct ClaimStoreLayoutTests {
  static func emptyFile() throws -> (dir: String, path: String) {
    let dir = RunnerTests.temporaryDirectory()
    let path = dir + "/r.h5"
    try H5File.create(atomicallyAt: path).commit()
    return (dir, path)
  }

  static let margin = Margin(statistic: 0.5, threshold: 0.7, spread: 0.1, passes: .below, what: "the mean slope")

  static func entry(margin: Margin? = Self.margin) -> ClaimStore.Entry {
    let wrong = ControlOutcome.Run(
      control: Control(description: "premise broken", overrides: ["d=2"], kind: .wrongRegime, preset: .paper),
      status: .fails,
      verdicts: [
        Verdict(
          statement: "s", bound: "b", observed: "0.9 ± 0.1", value: 0.9, valueIs: "m", holds: false,
          margin: Margin(statistic: 0.9, threshold: 0.7, spread: 0.1, passes: .below, what: "w"))
      ])
    let instrument = ControlOutcome.Run(
      control: Control(description: "2 steps", overrides: ["max_steps=2"]), status: .notRun)
    let outcome = ControlOutcome(status: .notRun, runs: [instrument, wrong])
    return ClaimStore.Entry(
      verdict: Verdict(
        statement: "s", bound: "b", observed: "o", value: 0.5, valueIs: "m", holds: true, margin: margin),
      reason: "r", control: ClaimStore.ControlRecord(outcome),
      controls: outcome.runs.map { ClaimStore.ControlRecord($0, for: "s") })
  }

  @Test func theNewLayoutRoundTrips() throws {
    let (dir, path) = try Self.emptyFile()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let nan = Margin(statistic: .nan, threshold: 0.7, spread: 0.1, passes: .below, what: "a missing value")
    let entries = [Self.entry(), Self.entry(margin: nil), Self.entry(margin: nan)]
    try ClaimStore.store(entries, in: path)
    let read = try #require(ClaimStore.read(path))
    #expect(read == entries)
    // The summary names the wrong-regime control, though it is declared second.
    #expect(read[0].control.settings == "d=2" && read[0].control.status == .notRun)
    #expect(read[0].controls.map(\.kind) == [.instrument, .wrongRegime])
    #expect(read[0].controls[1].preset == "paper" && read[0].controls[1].value == 0.9)
    #expect(abs(read[0].controls[1].marginSigmas - -2) < 1e-12)
    #expect(read[0].controls[0].value.isNaN && read[0].controls[0].marginSigmas.isNaN)
    #expect(read[1].verdict.margin == nil)
    #expect(read[2].verdict.margin?.sigmas.isNaN == true)

    let g = try H5File.open(path).root.group("claims/c000")
    guard case .double(let sigmas) = try g.attribute("margin_sigmas") else { throw ReproError.failed("no sigmas") }
    #expect(abs(sigmas - 2) < 1e-12)
    #expect(try g.attribute("fragile") == .int(0))
    #expect(try g.attribute("margin_is") == .string("the mean slope"))
    #expect(try g.attribute("control_settings") == .string("d=2"))
    #expect(try g.group("controls").children() == ["k000", "k001"])
    #expect(try g.group("controls/k001").attribute("kind") == .string("wrong-regime"))
    #expect(try g.group("controls/k001").attribute("status") == .string("fails"))
    #expect(try !H5File.open(path).root.group("claims/c001").attributeNames().contains("margin_sigmas"))
  }

  /// `/claims/c000` as the code before issue 24 wrote it: flat attributes, no margin, no `controls`.
  static func writeOld(_ path: String, settings: String, extra: (H5Group) throws -> Void = { _ in }) throws {
    let file = try H5File.update(atomicallyAt: path)
    let g = try file.root.createGroup("claims")
    try g.setAttribute("all_hold", .int(1))
    let c = try g.createGroup("c000")
    for (name, text) in [
      ("statement", "s"), ("reason", "r"), ("bound", "b"), ("observed", "o"), ("value_is", "m"),
      ("role", "prediction"), ("control_status", "fails"), ("control", "2 steps"), ("control_settings", settings),
      ("control_observed", "nothing"),
    ] {
      try c.setAttribute(name, .string(text))
    }
    try c.setAttribute("value", .double(0.25))
    try c.setAttribute("holds", .int(1))
    try extra(c)
    try file.commit()
  }

  @Test func anOldFileReadsAsOneInstrumentControlAndNoMargin() throws {
    let (dir, path) = try Self.emptyFile()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Self.writeOld(path, settings: "max_steps=2")
    let read = try #require(ClaimStore.read(path))
    #expect(read.count == 1 && read[0].verdict.value == 0.25 && read[0].verdict.holds && read[0].verdict.margin == nil)
    #expect(read[0].control.status == .fails && read[0].control.settings == "max_steps=2")
    #expect(
      read[0].controls == [
        ClaimStore.ControlRecord(
          status: .fails, description: "2 steps", settings: "max_steps=2", observed: "nothing", kind: .instrument,
          preset: "quick")
      ])
    try FileManager.default.removeItem(atPath: path)
    try H5File.create(atomicallyAt: path).commit()
    try Self.writeOld(path, settings: "")
    #expect(try #require(ClaimStore.read(path))[0].controls.isEmpty)
  }

  @Test func aDamagedControlOrMarginIsReadAsAbsent() throws {
    let (dir, path) = try Self.emptyFile()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // A control group without its kind.
    try Self.writeOld(path, settings: "d=2") { c in
      let k = try c.createGroup("controls").createGroup("k000")
      for name in ["description", "settings", "status", "observed"] { try k.setAttribute(name, .string("fails")) }
      try k.setAttribute("preset", .string("quick"))
      try k.setAttribute("value", .double(1))
      try k.setAttribute("margin_sigmas", .double(1))
    }
    #expect(ClaimStore.read(path) == nil)
    // A margin without its spread.
    try FileManager.default.removeItem(atPath: path)
    try H5File.create(atomicallyAt: path).commit()
    try Self.writeOld(path, settings: "d=2") { c in
      _ = try c.createGroup("controls")
      try c.setAttribute("margin_statistic", .double(1))
      try c.setAttribute("margin_threshold", .double(0))
    }
    #expect(ClaimStore.read(path) == nil)
    // The same with an empty `controls` group and no margin: whole.
    try FileManager.default.removeItem(atPath: path)
    try H5File.create(atomicallyAt: path).commit()
    try Self.writeOld(path, settings: "d=2") { c in _ = try c.createGroup("controls") }
    #expect(try #require(ClaimStore.read(path))[0].controls.isEmpty)
  }
}

/// The gallery's claims table: per prediction its value with the margin (fragile marked), per control its kind,
/// preset and what the claim observed there.
@Suite struct GalleryClaimCellsTests {
  @Test func theTableShowsValuesMarginsAndEveryControl() {
    var entry = ClaimStoreLayoutTests.entry()
    entry.controls[1].observed = "0.9 ± 0.1"
    entry.controls[1].status = .fails
    entry.controls[0].status = .fails
    entry.control.status = .fails
    let table = Gallery.claimTable([entry])
    #expect(table.contains("| value (margin) | negative controls |"))
    #expect(table.contains("| 0.5<br>+2.0σ |"))
    #expect(
      table.contains(
        "instrument `max_steps=2`: 2 steps — control fails ✓<br>wrong regime `d=2` at the paper preset: premise broken — control fails ✓ (0.9 ± 0.1; −2.0σ)"
      ))
    var fragile = entry
    fragile.verdict.margin = Margin(statistic: 0.65, threshold: 0.7, spread: 0.1, passes: .below, what: "w")
    #expect(Gallery.valueCell(fragile.verdict) == "0.5<br>+0.5σ **fragile**")
    var only = ClaimStoreLayoutTests.entry()
    only.controls = [only.controls[0]]
    only.control.status = .instrumentOnly
    #expect(Gallery.controlCell(only).hasSuffix("<br>*instrument only: no wrong-regime control*"))
  }
}
