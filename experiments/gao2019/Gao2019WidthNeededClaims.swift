import Foundation
import Harness
import Numerics

// gao2019-width-needed's minimal width per ε and its claims (width-needed.swift). A shared file of the paper.
extension Gao2019 {
  /// The smallest width of `widths` (increasing) from which on every gap is at most ε; NaN when the largest's is not.
  static func minimalWidth(widths: [Int], gaps: [Double], epsilon: Double) -> Double {
    var found = Double.nan
    for (m, gap) in zip(widths, gaps).reversed() {
      guard gap <= epsilon else { break }
      found = Double(m)
    }
    return found
  }

  /// The wrong-regime control of the width claims.
  static let widthControl = (
    description:
      "ReLU instead of the quadratic ReLU: a bias-free ReLU network carries only the first and the even harmonics of the angle, so no width expresses the 6 alternating labels; the premise 'the NTK is expressive enough' fails, the best robust loss in the ball stays near log 2 at every width and R, and there is nothing for width to buy: the minimal width does not grow with R or 1/ε",
    set: ["activation=relu", "seeds=3"]
  )

  static let widthNeededClaims: [Claim] = [
    .growth(
      "The width adversarial training needs grows with R: the median minimal width at ε never falls along R and is larger at the largest R",
      reason:
        "the theorem asks m ≥ poly(R, 1/ε): a larger ball lets a network move further from its linearisation, so more width is needed before the loss is near-convex in the ball and the start from W(0) is not undercut by others",
      of: { $0.scalar("minimal_width") }, along: "R"
    ).wrongRegime(widthControl.description, set: widthControl.set, preset: .paper),
    .slope(
      "The width needed is a growing polynomial in R: the log-log slope of the minimal width at ε against R is positive and finite (in [0.01, 10])",
      reason:
        "poly(R, 1/ε) growing with R: a positive, finite power (a missing width, beyond the ladder, fails the fit; a flat width, slope 0, is no growth)",
      of: { $0.scalar("minimal_width") }, against: "R", within: 0.01...10
    ).wrongRegime(widthControl.description, set: widthControl.set, preset: .paper),
    .derivedGrowth(
      "The width needed grows with 1/ε: over every R and seed, the median minimal width never falls as ε shrinks (0.08, 0.04, 0.02, 0.01) and is larger at the smallest ε",
      reason:
        "poly(R, 1/ε): a smaller ε asks for a network closer to its linearisation, hence wider (pooled over R: at the largest R the width that suffices at ε = 0.08 already suffices at 0.01, at the smallest R width 2 does at most ε)",
      table: { widthTablePooled($0) }, of: "minimal_width", along: "inverse_epsilon",
      bound: "non-decreasing in 1/ε, last > first (medians over R and seeds)",
      observed: { runs in runs.map { "minimal width " + $0.sequence }.joined(separator: "; ") },
      value: { runs in runs.map(\.ratio).min() ?? .nan },
      valueIs: "the median minimal width at the smallest ε over the one at the largest"
    ).wrongRegime(widthControl.description, set: widthControl.set, preset: .paper),
  ]

  /// One row per (R, seed, 1/ε): the minimal width at that ε level.
  static func widthTable(_ results: Results) -> DerivedTable {
    DerivedTable(
      rows: results.points.flatMap { p -> [DerivedTable.Row] in
        let levels = p.array("epsilon_levels")
        let widths = p.array("minimal_width_levels")
        return levels.indices.map { j in
          DerivedTable.Row(
            key: [
              ("R", .real(p.real("R"))), ("seed", p.value("seed") ?? .int(0)),
              ("inverse_epsilon", .real(1 / levels[j])),
            ], values: ["minimal_width": widths[j]])
        }
      })
  }

  /// The same rows without the R key, so `growth` takes the median over R and seeds at each ε.
  static func widthTablePooled(_ results: Results) -> DerivedTable {
    DerivedTable(
      rows: widthTable(results).rows.map { row in
        DerivedTable.Row(key: row.key.filter { $0.name != "R" }, values: row.values)
      })
  }
}
