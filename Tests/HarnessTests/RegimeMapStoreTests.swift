import Foundation
import HDF5
import Testing

@testable import Harness

/// Issue 26: a regime map claim's four counts and cell table in `/claims/cNNN/regime_map`, read back equal.
@Suite struct RegimeMapStoreTests {
  static func entry() -> ClaimStore.Entry {
    let verdict = Claim.regimeMap("s", reason: "r", map: RegimeMapTests.map(), allowedInsideFailures: 0)
      .evaluate(RegimeMapTests.results())[0]
    return ClaimStore.Entry(
      verdict: verdict, reason: "r",
      control: ClaimStore.ControlRecord(ControlOutcome(status: .notRun, runs: [])), controls: [])
  }

  @Test func theCountsAndCellsRoundTrip() throws {
    let (dir, path) = try ClaimStoreLayoutTests.emptyFile()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let entries = [Self.entry(), ClaimStoreLayoutTests.entry()]
    try ClaimStore.store(entries, in: path)
    let read = try #require(ClaimStore.read(path))
    #expect(read == entries)
    #expect(read[0].verdict.regimeMap?.cells.count == 9 && read[1].verdict.regimeMap == nil)

    let g = try H5File.open(path).root.group("claims/c000/regime_map")
    #expect(try g.attribute("both_hold") == .int(5) && g.attribute("counterexample") == .int(1))
    #expect(try g.attribute("beyond_premise") == .int(1) && g.attribute("both_fail") == .int(2))
    #expect(try g.attribute("rows") == .string("n") && g.attribute("statistic") == .string("prediction_radius"))
    #expect(try g.readDoubles("row").values == [10, 10, 10, 20, 20, 20, 40, 40, 40])
    #expect(try g.readInt64s("outcome").values == [0, 0, 0, 2, 1, 0, 3, 3, 0])
    #expect(
      try g.attribute("levels", ofDataset: "outcome")
        == .string("[\"both hold\",\"counterexample\",\"beyond the premise\",\"both fail\"]"))
    for name in try g.children() {
      guard case .string(let d) = try g.attribute("description", ofDataset: name) else {
        Issue.record("\(name) has no description")
        continue
      }
      #expect(!d.isEmpty)
    }
  }

  @Test func aDamagedMapReadsAsDamagedClaims() throws {
    let (dir, path) = try ClaimStoreLayoutTests.emptyFile()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try ClaimStore.store([Self.entry()], in: path)
    let file = try H5File.update(atomicallyAt: path)
    try file.root.group("claims/c000/regime_map").remove("median")
    try file.commit()
    #expect(ClaimStore.read(path) == nil)
  }
}
