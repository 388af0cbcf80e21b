import HDF5
import Testing

@testable import Harness

/// The derived-table claim kinds on hand-made results: a table of one number per group (here the smallest x at
/// which y reaches 1, per (g, seed)), reduced over seeds, and the statistics of it against known answers.
@Suite struct ClaimKindsDerivedTests {
  /// Points (g, seed, x) with scalar y.
  static func results(_ rows: [(g: Int, seed: Int, x: Double, y: Double)]) -> Results {
    Results(
      path: "synthetic", attributes: [:],
      points: rows.enumerated().map { k, row in
        PointResult(
          index: k, values: [("g", .int(row.g)), ("seed", .int(row.seed)), ("x", .real(row.x))],
          scalars: ["y": row.y], arrays: [:], notes: [:])
      })
  }

  /// Per (g, seed): the smallest x with y ≥ 1 ("first") and the largest y ("top").
  static func table(_ r: Results) -> DerivedTable {
    DerivedTable(
      r.points, by: ["g", "seed"],
      columns: [
        ("first", { ps in ps.filter { $0.scalar("y") >= 1 }.map { $0.real("x") }.min() ?? .infinity }),
        ("top", { ps in ps.map { $0.scalar("y") }.max() ?? .nan }),
      ])
  }

  /// g = 2 listed first; seeds 0 and 1; g = 1 reaches 1 at x = 2 (seed 0) and 4 (seed 1), g = 2 at 1 and 1.
  static let sample = results([
    (2, 0, 1, 1), (2, 0, 2, 3), (2, 1, 1, 2), (2, 1, 2, 2),
    (1, 0, 1, 0), (1, 0, 2, 1), (1, 1, 2, 0.5), (1, 1, 4, 1),
  ])

  @Test func tablesReduceSortAndStack() {
    let t = Self.table(Self.sample)
    #expect(
      t.rows.map { $0.label([("g", "g"), ("seed", "seed")]) } == [
        "g = 2, seed = 0", "g = 2, seed = 1", "g = 1, seed = 0", "g = 1, seed = 1",
      ])
    #expect(t.rows.map { $0["first"] } == [1, 1, 2, 4] && t.rows.map { $0["top"] } == [3, 2, 1, 1])
    let medians = t.reduced(over: "seed", Statistics.median).adding("ratio") { $0["top"] / $0["first"] }
    #expect(medians.rows.map { $0.real("g") } == [2, 1] && medians.rows.map { $0.value("seed") } == [nil, nil])
    #expect(medians.rows.map { $0["first"] } == [1, 3] && medians.rows.map { $0["ratio"] } == [2.5, 1 / 3])
    #expect(medians.sorted().rows.map { $0.real("g") } == [1, 2] && medians.ascendingValues(of: "g") == [1, 2])
    #expect(t.atLargest("g").rows.map { $0["first"] } == [1, 1])
    #expect(t.atLargest("g", "seed").rows.map { $0["top"] } == [2])
    let stacked = DerivedTable.stacked([(.text("a"), medians), (.text("b"), medians)], as: "part")
    #expect(
      stacked.rows.map { $0.label([("part", "part"), ("g", "g")]) } == [
        "part = a, g = 2", "part = a, g = 1", "part = b, g = 2", "part = b, g = 1",
      ])
    #expect(
      stacked.sorted().rows.map { $0.label([("part", "p"), ("g", "g")]) } == [
        "p = a, g = 1", "p = a, g = 2", "p = b, g = 1", "p = b, g = 2",
      ])
    #expect(t.rows[0]["missing"].isNaN && t.rows[0].real("x").isNaN)
  }

  @Test func countAndShareOfRows() {
    let count = Claim.derivedCount(
      "every first ≤ 2", reason: "r", table: Self.table, failing: { $0["first"] > 2 }, bound: "first ≤ 2",
      observed: { failing, total in "\(failing.count) of \(total): " + failing.map { $0.label([("g", "g")]) }.joined()
      },
      valueIs: "rows above 2")
    let v = count.evaluate(Self.sample)[0]
    #expect(v.value == 1 && !v.holds && v.observed == "1 of 4: g = 1" && v.bound == "first ≤ 2")
    #expect(v.statement == "every first ≤ 2" && v.valueIs == "rows above 2")
    let lenient = Claim.derivedCount(
      "s", reason: "r", table: Self.table, failing: { $0["first"] > 2 }, atMost: 1, bound: "b",
      observed: { _, _ in "" },
      valueIs: "m")
    #expect(lenient.evaluate(Self.sample)[0].holds)
    // No rows: nothing was measured, so the count of failures (0) does not make it hold.
    let empty = count.evaluate(Self.results([]))[0]
    #expect(!empty.holds && empty.value == 0 && empty.observed == "0 of 0: ")
    let share = Claim.derivedShare(
      "first = 1", reason: "r", table: { Self.table($0).atLargest("g") }, meeting: { $0["first"] == 1 }, atLeast: 1,
      label: { $0.label([("g", "group")]) }, bound: "first = 1 at every seed",
      observed: { met, rows in "\(met) of \(rows.count)" },
      valueIs: "share")
    let s = share.evaluate(Self.sample)[0]
    #expect(s.statement == "first = 1 (group = 2)" && s.value == 1 && s.holds && s.observed == "2 of 2")
    let half = Claim.derivedShare(
      "first = 1", reason: "r", table: Self.table, meeting: { $0["first"] == 1 }, atLeast: 0.75, bound: "b",
      observed: { met, _ in "\(met)" }, valueIs: "m")
    #expect(half.evaluate(Self.sample)[0].value == 0.5 && !half.evaluate(Self.sample)[0].holds)
    #expect(half.evaluate(Self.results([]))[0].observed == "no data to evaluate")
  }

  @Test func ratioAtEachRow() {
    let claim = Claim.derivedRatio(
      "top exceeds first", reason: "r", verdict: "top > first",
      table: { Self.table($0).reduced(over: "seed", Statistics.median) }, label: { $0.label([("g", "g")]) }, "top",
      over: "first", .above(1), bound: "top/first > 1", observed: { "top \($0["top"])" }, valueIs: "top/first")
    let v = claim.evaluate(Self.sample)
    #expect(v.map(\.statement) == ["top > first (g = 2)", "top > first (g = 1)"])
    #expect(v.map(\.value) == [2.5, 1 / 3] && v.map(\.holds) == [true, false] && v[0].observed == "top 2.5")
    // An infinite side is no ratio: it fails even where the quotient would pass.
    let infinite = Claim.derivedRatio(
      "s", reason: "r", table: { _ in DerivedTable(rows: [.init(key: [], values: ["a": .infinity, "b": 1])]) }, "a",
      over: "b", .above(1), bound: "b", observed: { _ in "" }, valueIs: "m")
    #expect(!infinite.evaluate(Self.sample)[0].holds)
  }

  @Test func valueAtEachRow() {
    let claim = Claim.derivedValue(
      "top − first ≥ 1", reason: "r", table: { Self.table($0).reduced(over: "seed", Statistics.median) },
      label: { "group \($0.real("g"))" }, of: { $0["top"] - $0["first"] }, .within(1...Double.infinity), bound: "≥ 1",
      observed: { "top \($0["top"])" }, valueIs: "top − first")
    let v = claim.evaluate(Self.sample)
    #expect(v.map(\.statement) == ["top − first ≥ 1 (group 2.0)", "top − first ≥ 1 (group 1.0)"])
    #expect(v.map(\.value) == [1.5, -2] && v.map(\.holds) == [true, false] && v[1].bound == "≥ 1")
    // A missing value (NaN) meets no bound.
    let missing = Claim.derivedValue(
      "s", reason: "r", table: { _ in DerivedTable(rows: [.init(key: [], values: [:])]) }, of: { $0["absent"] },
      .within(-Double.infinity...Double.infinity), bound: "b", observed: { _ in "" }, valueIs: "m")
    #expect(missing.evaluate(Self.sample).map(\.holds) == [false] && missing.evaluate(Self.sample)[0].statement == "s")
  }

  /// Growth of a derived column judged by `growth` per group: a plateau passes, a fall or an infinite level fails.
  @Test func growthOfADerivedColumnPerGroup() {
    @Sendable func table(_ rows: [(h: Int, x: Double, v: Double)]) -> DerivedTable {
      DerivedTable(rows: rows.map { .init(key: [("h", .int($0.h)), ("x", .real($0.x))], values: ["v": $0.v]) })
    }
    func claim(_ t: DerivedTable) -> Claim {
      .derivedGrowth(
        "v grows along x at every h", reason: "r", verdict: "v grows", table: { _ in t }, of: "v", along: "x",
        per: ["h"], bound: "non-decreasing, last > first",
        observed: { runs in
          runs.map { "h = \($0.key[0].value): \($0.sequence)" + ($0.holds ? "" : " ✗") }.joined(separator: "; ")
        },
        value: { $0.map(\.ratio).reduce(.infinity, min) }, valueIs: "smallest last/first")
    }
    let grows = claim(table([(1, 2, 1), (1, 1, 1), (1, 4, 3), (2, 1, 2), (2, 2, 5)])).evaluate(Self.sample)[0]
    #expect(grows.holds && grows.statement == "v grows" && grows.value == 2.5)
    #expect(grows.observed == "h = 1: 1 ≤ 1 ≤ 3; h = 2: 2 ≤ 5")
    let falls = claim(table([(1, 1, 1), (1, 2, 3), (1, 4, 2), (2, 1, 2), (2, 2, 5)])).evaluate(Self.sample)[0]
    #expect(!falls.holds && falls.observed == "h = 1: 1, 3, 2 ✗; h = 2: 2 ≤ 5" && falls.value == 2)
    let infinite = claim(table([(1, 1, 1), (1, 2, .infinity)])).evaluate(Self.sample)[0]
    #expect(!infinite.holds && infinite.observed == "h = 1: 1 ≤ ∞ ✗")
    let labelled = Claim.derivedGrowth(
      "s", reason: "r", table: { _ in table([(3, 1, 1), (3, 2, 2)]) }, of: "v", along: "x",
      label: { $0.label([("h", "η")]) },
      bound: "b", observed: { $0[0].sequence }, value: { $0[0].ratio }, valueIs: "m"
    ).evaluate(Self.sample)[0]
    #expect(labelled.statement == "s (η = 3)" && labelled.holds && labelled.value == 2 && labelled.observed == "1 ≤ 2")
  }
}
