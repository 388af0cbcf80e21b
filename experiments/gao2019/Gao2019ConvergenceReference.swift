import Foundation
import Harness
import Numerics

/// The right-hand side of the convergence bound, min over the ball of L*(W), estimated from above by search:
/// runs of projected gradient descent on the near-exact attack's loss, all in the ball around W(0).
///
/// The first run starts at W(0) (its stream `reference`, as before the restarts existed); each further start
/// k = 1 … reference_starts − 1 begins at W(0) + R·U/‖U‖_F, U an m × d standard normal matrix drawn from
/// `reference start <k>` (a point of the Frobenius sphere of radius R, projected onto the point's ball), and trains
/// with the stream `reference <k>`. In the lazy regime the loss is close to convex in the ball, so every start
/// ends near the same value; for a narrow network it is not, and a start away from W(0) can find a lower robust
/// loss than gradient descent from W(0) reaches: the bound's premise (m ≥ poly(R, 1/ε)) is what makes one
/// start enough.
extension Gao2019 {
  /// The near-exact attack of the reference runs: the exhaustive search of the disk (d = 2), else 20-step
  /// gradient descent on the margin with one restart.
  static func nearExactAttack(_ p: Point) -> MarginAttack {
    p.int("d") == 2 ? .exhaustive(rings: p.int("attack_rings"), refine: 10) : .strong(steps: 20, restarts: 1)
  }

  /// The reference runs of `gao2019-convergence` (`reference_starts` of them, `reference_iterations` steps
  /// each, L* estimated at `schedule`), from the network `net` (W(0), the ball's centre), each with its W at the end.
  static func referenceRuns(
    _ p: Point, network net: TwoLayerNetwork, data: SphereData, delta: Double, schedule: [Int], rng: RandomSource
  ) throws -> [(trajectory: RobustTrajectory, network: TwoLayerNetwork)] {
    let configuration = Gao2019.configuration(p, attack: nearExactAttack(p), delta: delta)
    var runs = [
      try Gao2019.trainKeeping(
        p, network: net, data: data, configuration: configuration, iterations: p.int("reference_iterations"),
        schedule: schedule, rng: rng.derived("reference"))
    ]
    for k in 1..<max(p.int("reference_starts"), 1) {
      var draw = rng.derived("reference start \(k)")
      let u = draw.normalMatrix(net.width, net.inputDimension)
      let scale = p.real("R") / u.squaredNorm.squareRoot()
      var start = net.weights
      axpy(scale, u.storage, &start.storage)
      configuration.ball.project(&start, around: net.weights, radius: p.real("R"))
      runs.append(
        try Gao2019.trainKeeping(
          p, network: net, data: data, configuration: configuration, iterations: p.int("reference_iterations"),
          schedule: schedule, rng: rng.derived("reference \(k)"), start: start))
    }
    return runs
  }
}
