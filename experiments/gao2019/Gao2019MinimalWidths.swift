import Foundation
import Harness
import Numerics

// The minimal width at which training fits (the capacity module, capacity.swift): whether a width fits for some
// draw of W(0), and the tables of minimal widths its claims and figures derive from the points. (A shared file of
// the paper: its name starts with a capital, so it is not a module.)
extension Gao2019 {
  /// What the draws of W(0) at one width reached: the first checked iteration at which one fitted (nil if none
  /// within T), whether one did within T/2, how many were trained, and the best accuracy (1 when one fitted).
  struct FitOutcome {
    var iteration: Int?
    var half: Bool
    var tried: Int
    var accuracy: Double
  }

  /// Whether some of the `initializations` draws of W(0) trains to a fit (attack `attack` at `radius`;
  /// radius 0: plain training, judged clean) within T iterations, and within T/2: each draw trains until the
  /// strong estimate finds every training point's ball classified, checked every `check_every` iterations.
  /// Draws are tried in turn; once one fits after T/2, the rest run only to T/2 (enough to decide `half`).
  static func fitOverDraws(
    _ p: Point, _ nets: RandomSource, _ data: SphereData, radius: Double, attack: MarginAttack, label: String
  ) throws -> FitOutcome {
    let t = p.int("iterations")
    var found: Int? = nil
    var best = 0.0
    var tried = 0
    for draw in 0..<p.int("initializations") {
      var stream = nets.derived("draw \(draw)")
      let net = try Gao2019.network(p, width: p.int("m"), rng: &stream)
      var trainer = RobustTrainer(
        network: net, data: data, configuration: Gao2019.configuration(p, attack: attack, delta: radius),
        rng: stream.derived("\(label) attack"))
      var estimator = RobustLossEstimator(
        data: data, radius: radius, attack: radius > 0 ? Gao2019.strongAttack(p) : .none, width: net.width,
        rng: stream.derived("\(label) estimate"))
      tried += 1
      let check: RobustTrainer.FitCheck
      do {
        check = try trainer.trainUntilFitted(
          iterations: found == nil ? t : t / 2, checkEvery: p.int("check_every"), estimator: &estimator)
      } catch {
        throw Gao2019.diverged(error, p)
      }
      best = max(best, check.bestAccuracy)
      if let step = check.fitted { found = min(found ?? step, step) }
      if let found, 2 * found <= t { return FitOutcome(iteration: found, half: true, tried: tried, accuracy: 1) }
    }
    return FitOutcome(iteration: found, half: false, tried: tried, accuracy: best)
  }

  // MARK: Minimal widths

  /// The fits whose minimal widths the claims compare: clean and robust, within T and within T/2.
  static let widthFits = ["clean_fit", "robust_fit", "clean_fit_half", "robust_fit_half"]

  /// Per (d, δ ratio, seed), one column per fit: the smallest width of the sweep from which on every larger width
  /// fits; +∞ when the largest width does not. Rows in increasing (d, δ ratio, seed).
  static func minimalWidths(_ results: Results) -> DerivedTable {
    DerivedTable(
      results.points, by: ["d", "delta_ratio", "seed"],
      columns: widthFits.map { fit in
        (
          fit,
          { points in
            var minimal = Double.infinity
            for point in points.sorted(by: { $0.real("m") < $1.real("m") }).reversed() {
              guard point.scalar(fit) == 1 else { break }
              minimal = point.real("m")
            }
            return minimal
          }
        )
      }
    ).sorted()
  }

  /// Per (d, δ ratio): the medians over seeds of the minimal widths, and `gap`, the robust over the clean one.
  static func medianWidths(_ results: Results) -> DerivedTable {
    minimalWidths(results).reduced(over: "seed", Statistics.median).adding("gap") { $0["robust_fit"] / $0["clean_fit"] }
  }

  /// One (fit, d, δ ratio, seed) of the budget check: the minimal width at T/2 and at T.
  static func halfAndFullWidths(_ row: DerivedTable.Row) -> (half: Double, full: Double) {
    let fit = "\(row.value("fit")?.description ?? "")_fit"
    return (row[fit + "_half"], row[fit])
  }
}
