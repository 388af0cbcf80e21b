import Figures
import Foundation
import Harness
import Numerics

// gao2019-width-needed's figures: the minimal width against R (one curve per ε) and against 1/ε (one curve per R),
// log-log, per-seed ranges as bars, the fitted power drawn. A shared file of the paper.
extension Gao2019 {
  static func widthNeededFigures(_ results: Results) -> [Figure] {
    let radii = Set(results.points.map { $0.real("R") }).sorted()
    guard let levels = results.points.first?.array("epsilon_levels"), let r0 = radii.first, let r1 = radii.last
    else { return [] }
    let mMax = results.points.first?.real("m_max") ?? .nan
    func widths(_ radius: Double, _ j: Int) -> [Double] {
      results.points.filter { $0.real("R") == radius }.map { $0.array("minimal_width_levels")[j] }
    }
    func band(_ v: [Double]) -> (Double, Double, Double) {
      (Statistics.median(v), v.min() ?? .nan, v.max() ?? .nan)
    }
    let againstR = levels.indices.map { j -> Series in
      let s = radii.map { band(widths($0, j)) }
      return Series(
        label: "ε = \(formatNumber(levels[j])) (median; bars: range over seeds)", x: radii, y: s.map(\.0),
        low: s.map(\.1), high: s.map(\.2), color: j, marker: j)
    }
    let fit = Claim.slopeFit(results.points, of: { $0.scalar("minimal_width") }, against: "R")
    let anchor = Statistics.median(widths(r0, levels.count - 1))
    let inverse = levels.map { 1 / $0 }
    let againstEpsilon = radii.enumerated().map { k, radius -> Series in
      let s = levels.indices.map { band(widths(radius, $0)) }
      return Series(
        label: "R = \(formatNumber(radius)) (median; bars: range over seeds)", x: inverse, y: s.map(\.0),
        low: s.map(\.1), high: s.map(\.2), color: k, marker: k)
    }
    let exponents = results.points.map { $0.scalar("width_epsilon_exponent") }
    return [
      Figure(
        name: "width-vs-R",
        title: "The smallest width from which adversarial training ends within ε of the ball's best",
        xLabel: "ball radius R", yLabel: "minimal width m (ladder 2, 4, …, \(formatNumber(mMax)))", logX: true,
        logY: true, series: againstR,
        references: [
          .reference(
            "fitted power at ε = \(formatNumber(levels.last ?? .nan)): R^{\(formatNumber(fit.slope))}", over: r0...r1,
            log: true
          ) { anchor * pow($0 / r0, fit.slope) },
          .reference("the ladder's top, m = \(formatNumber(mMax))", over: r0...r1, log: true, samples: 2) { _ in mMax },
        ], xTicks: radii, legend: .below,
        caption:
          "Claimed: the minimal width grows with R as a finite power (fitted slope \(formatNumber(fit.slope)) ± \(formatNumber(fit.halfWidth)) at the smallest ε); a missing point would mean no width of the ladder sufficed."
      ),
      Figure(
        name: "width-vs-epsilon",
        title: "The smallest width from which adversarial training ends within ε, against 1/ε",
        xLabel: "1/ε (ε in units of the logistic loss)", yLabel: "minimal width m", logX: true, logY: true,
        series: againstEpsilon,
        references: [
          .reference(
            "the ladder's top, m = \(formatNumber(mMax))", over: inverse.first!...inverse.last!, log: true, samples: 2
          ) {
            _ in mMax
          }
        ], xTicks: inverse, legend: .below,
        caption:
          "Claimed: at every R the minimal width grows with 1/ε as a finite power; the per-seed exponents run from \(formatNumber(exponents.min() ?? .nan)) to \(formatNumber(exponents.max() ?? .nan))."
      ),
    ]
  }
}
