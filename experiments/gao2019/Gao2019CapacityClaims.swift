import Foundation
import Harness

// The claims of gao2019-capacity (capacity.swift), on the per-seed minimal widths (`Gao2019MinimalWidths.swift`):
// every ratio is paired (one (d, seed) holds every radius), every verdict shows the per-seed values, and each
// margin is in units of the SD over seeds. (A shared file of the paper: its name starts with a capital.)
extension Gao2019 {
  static let twoPoints =
    "two points, n = 2: the width-2 network σ(w·x) − σ(−w·x) = (w·x)|w·x|/2 with w = x_1 − x_2 classifies both balls for every δ < separation/2 (its margin is exactly separation/2), so the true robust and clean widths are both 2 at every δ and d: no gap and no growth, and the witness finder must measure 2 at every radius (Gao2019CapacityTests)"
  static let overlapping =
    "δ beyond half the separation (δ ratio 1.5 at the top of the ladder, widths up to 12): balls of opposite labels overlap, so no network of any width is robust there; no witness exists, the robust width is beyond the scan and no finite gap is measured"
  /// The overlapping control's settings: a small m_max, since every width up to it is scanned with every start.
  static let overlappingSettings = ["delta_ratio=1.5", "m_max=12"]

  /// A margin in SDs over seeds of `xs` against `threshold` (above), the statistic the median.
  static func seedMargin(_ xs: [Double], above threshold: Double, what: String) -> Margin {
    let (median, sd) = spread(xs)
    return Margin(
      statistic: median, threshold: threshold, spread: sd.isFinite ? sd : .nan, passes: .above,
      what:
        "the median over seeds against \(formatNumber(threshold)); spread: the SD of the \(xs.count) per-seed values "
        + what)
  }

  static let capacityClaims: [Claim] = [
    Claim(
      statement: "At the largest δ, a robust witness needs a larger width than a clean one",
      reason:
        "prediction 4 (robust interpolation requires more capacity) with the theorem's premise (separation > 2δ: a robust interpolator exists at some width): the paired ratio of the minimal widths with a robust and a clean witness, median over seeds, > 1 and finite, at every d"
    ) { results in
      byDimension(results).map { d, rows in
        let gaps = rows.map { $0.gap($0.top) }
        let median = Statistics.median(gaps)
        return Verdict(
          statement:
            "At the largest δ, a robust witness needs a larger width than a clean one (d = \(formatReal(d)))",
          bound: "median paired robust/clean width > 1, finite",
          observed:
            "robust \(perSeed(rows.map { $0.widths[$0.top] })), clean \(perSeed(rows.map { $0.widths[0] })) (per seed)",
          value: median, valueIs: "the median over seeds of the paired robust/clean minimal width at the largest δ",
          holds: median.isFinite && median > 1, margin: seedMargin(gaps, above: 1, what: "(paired ratios)"))
      }
    }.wrongRegime(twoPoints, set: ["n=2"], preset: .paper)
      .wrongRegime(overlapping, set: overlappingSettings),
    Claim(
      statement: "The capacity gap grows with δ at every d",
      reason:
        "prediction 4's second half: per seed, the minimal width at the largest δ over that at the smallest δ > 0 (non-decreasing by construction, so the test is that it rises), median over seeds > 1"
    ) { results in
      byDimension(results).map { d, rows in
        let rises = rows.map { $0.widths[$0.top] / $0.widths[1] }
        let median = Statistics.median(rises)
        return Verdict(
          statement: "The capacity gap grows with δ (d = \(formatReal(d)))",
          bound: "median over seeds of width(δ_L)/width(δ_1) > 1, finite",
          observed: rows.map { "seed \(formatReal($0.seed)): \(perSeed($0.widths))" }.joined(separator: "; ")
            + " (widths at δ ratios " + (rows.first?.ratios ?? []).map(formatReal).joined(separator: ", ") + ")",
          value: median,
          valueIs: "the median over seeds of the minimal width at the largest δ over that at the smallest",
          holds: median.isFinite && median > 1, margin: seedMargin(rises, above: 1, what: "(paired ratios)"))
      }
    }.wrongRegime(twoPoints, set: ["n=2"], preset: .paper)
      .wrongRegime(overlapping, set: overlappingSettings),
    Claim(
      statement: "At the largest δ, the capacity gap grows with d",
      reason:
        "prediction 4: the median over seeds of the paired robust/clean ratio never falls along d and ends higher; the margin is the last median minus the first in SDs over seeds"
    ) { results in
      let groups = byDimension(results)
      let medians = groups.map { Statistics.median($0.rows.map { $0.gap($0.top) }) }
      let holds =
        medians.allSatisfy(\.isFinite) && zip(medians, medians.dropFirst()).allSatisfy { $0 <= $1 }
        && (medians.last ?? .nan) > (medians.first ?? .nan)
      let ends = [groups.first, groups.last].compactMap { $0?.rows.map { $0.gap($0.top) } }
      let sd = ends.count == 2 ? ((pow(spread(ends[0]).sd, 2) + pow(spread(ends[1]).sd, 2)) / 2).squareRoot() : .nan
      return [
        Verdict(
          statement: "At the largest δ, the capacity gap grows with d",
          bound: "median paired robust/clean ratio non-decreasing in d, last > first",
          observed: zip(groups, medians).map {
            "d = \(formatReal($0.d)): \(formatNumber($1)) (\(perSeed($0.rows.map { $0.gap($0.top) })))"
          }.joined(separator: "; "),
          value: (medians.last ?? .nan) / (medians.first ?? .nan),
          valueIs: "the median paired ratio at the largest d over that at the smallest", holds: holds,
          margin: Margin(
            statistic: (medians.last ?? .nan) - (medians.first ?? .nan), threshold: 0, spread: sd, passes: .above,
            what: "the last median ratio minus the first; spread: the RMS of the SDs over seeds at the two ends"))
      ]
    }.wrongRegime(twoPoints, set: ["n=2"], preset: .paper)
      .wrongRegime(overlapping, set: overlappingSettings),
    Claim(
      statement: "Every seed's minimal width never falls as δ grows, and the robust one is never below the clean one",
      reason:
        "the nested balls: a network that fits at δ fits at every smaller δ, and each start's network at a level is a witness at every level below, so the measurement is monotone by construction"
    ) { results in
      let rows = capacityRows(results)
      let falling = rows.filter { r in zip(r.widths, r.widths.dropFirst()).contains { !($0 <= $1) } }
      return [
        Verdict(
          statement: "Every seed's minimal width never falls as δ grows",
          bound: "width non-decreasing along the ladder (clean first) for every (d, seed)",
          observed: falling.isEmpty
            ? "at all \(rows.count)"
            : falling.map { "d = \(formatReal($0.d)) seed \(formatReal($0.seed)): \(perSeed($0.widths))" }.joined(
              separator: "; "),
          value: Double(falling.count), valueIs: "the number of (d, seed) whose widths fall along δ",
          holds: falling.isEmpty && !rows.isEmpty)
      ]
    }.codeCheck("monotone in δ by construction (nested balls: a witness at δ is one at every smaller δ)"),
    Claim(
      statement: "The budget is large enough: halving it moves no seed's minimal width",
      reason:
        "a minimal width must measure what the network can express, not how fast gradient descent gets there; if T/2 and T disagree, more iterations could change the answer"
    ) { results in
      let rows = capacityRows(results)
      let moved = rows.filter { $0.widths != $0.half }
      let total = rows.reduce(0) { $0 + $1.widths.count }
      return [
        Verdict(
          statement: "The budget is large enough: halving it moves no seed's minimal width",
          bound: "minimal width at T/2 = at T, for every (d, δ, seed)",
          observed: moved.isEmpty
            ? "all \(total) minimal widths equal"
            : moved.prefix(3).map {
              "d = \(formatReal($0.d)) seed \(formatReal($0.seed)): \(perSeed($0.half)) at T/2, \(perSeed($0.widths)) at T"
            }.joined(separator: "; "),
          value: Double(moved.count), valueIs: "the number of (d, seed) with a minimal width that differs at T/2",
          holds: moved.isEmpty && !rows.isEmpty)
      ]
    }.codeCheck("the budget is an instrument setting; this checks it, not the paper")
      .instrumentCheck(
        "T = 80 checked every 5 steps: fits that need between 40 and 80 steps appear at T but not at T/2",
        set: ["iterations=80", "check_every=5"]),
  ]

  static func byDimension(_ results: Results) -> [(d: Double, rows: [CapacityRow])] { capacityByDimension(results) }
}
