import Harness

// deng2020-landscape's growth claims judged from their onset (issue 24, the "grows" claims' plateaus). A shared
// file of the paper: its name starts with a capital.

extension Deng2020 {
  /// `claim`, a `.growth` of `value` along s, judged on the s from its onset on: the last s whose median over seeds
  /// is still `floor` (the least the value can be: 0 for a spread or a share, 1 for a count of maxima) before the
  /// first s where it is above. Below the onset every s sits on the floor, where "non-decreasing" cannot fail (the
  /// value cannot go below its floor) and says nothing: while the landscape has one maximum its spread and the
  /// share of restarts ending elsewhere are 0 by definition. The observed text names the onset and how many points
  /// below it sit on the floor. A curve that never leaves the floor is judged whole (and fails: last = first).
  static func fromOnset(_ claim: Claim, of value: @escaping @Sendable (PointResult) -> Double, floor: Double)
    -> Claim
  {
    Claim(
      statement: claim.statement + " (judged from its onset, the last s where its median is \(formatNumber(floor)))",
      reason: claim.reason
        + "; below the onset every median sits at its floor \(formatNumber(floor)), where non-decreasing cannot fail, so the steps there are left out"
    ) { results in
      let scales = Deng2020.scales(results).sorted()
      let medians = scales.map { s in Statistics.median(results.points.filter { $0.real("s") == s }.map(value)) }
      guard let rise = medians.firstIndex(where: { !($0 <= floor) }), rise > 0 else { return claim.evaluate(results) }
      let onset = scales[rise - 1]
      let below = results.points.filter { $0.real("s") < onset }
      let onFloor = below.filter { value($0) == floor }.count
      let note =
        "; judged from s = \(formatReal(onset)), the onset (at s < \(formatReal(onset)): \(onFloor) of \(below.count) points at \(formatNumber(floor)))"
      return claim.evaluate(results.restricted { $0.real("s") >= onset }).map { verdict in
        var v = verdict
        v.observed += note
        return v
      }
    }
  }

  /// `.growth` of `value` along s (by at least `factor`), judged from its onset (`fromOnset`).
  static func growthFromOnset(
    _ statement: String, reason: String, of value: @escaping @Sendable (PointResult) -> Double,
    byAtLeast factor: Double = 1, floor: Double
  ) -> Claim {
    fromOnset(.growth(statement, reason: reason, of: value, along: "s", byAtLeast: factor), of: value, floor: floor)
  }
}
