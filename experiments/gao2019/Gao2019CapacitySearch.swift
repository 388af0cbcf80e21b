import Foundation
import Harness
import Numerics

// The capacity search of gao2019-capacity (capacity.swift): per width, many draws of W(0), each climbing the ladder
// of radii 0 = δ_0 < δ_1 < … < δ_L; per radius, the minimal width by bisection over the even widths. (A shared
// file of the paper: its name starts with a capital, so it is not a module.)
//
// Why the measurement is monotone in δ by construction: the balls are nested (B(x_i, δ_k) ⊂ B(x_i, δ_j) for k < j),
// so a network that classifies every δ_j-ball classifies every δ_k-ball. A draw that reaches level j is a witness at
// every level k ≤ j; the share of draws reaching level k cannot grow with k, and the bisection of a larger predicate
// (more widths with a witness) never ends at a larger width (both searches follow the same path until they
// first disagree, where the larger one goes down). Monotone in m by expressiveness: with σ 2-homogeneous and
// σ(0) = 0 (the quadratic ReLU), a width-m network is a width-m' network (m' > m) with the extra units at 0.
extension Gao2019 {
  /// One width's draws: per draw, the highest level it reached within T and within T/2 (−1: not even clean), and
  /// the first checked iteration of the highest level reached.
  struct WidthTrial {
    var reached: [Int]
    var reachedHalf: [Int]

    /// The share of draws that reached level k (within T/2 when `half`).
    func share(_ level: Int, half: Bool = false) -> Double {
      let levels = half ? reachedHalf : reached
      return Double(levels.filter { $0 >= level }.count) / Double(max(levels.count, 1))
    }
  }

  /// The search over widths 2, 4, …, m_max for one (d, seed): the data, the radii, the draws, a cache of trials.
  struct CapacitySearch {
    let p: Point
    let data: SphereData
    /// δ_0 = 0 (clean), δ_k = k·delta_ratio·separation/(2L) for k = 1 … L.
    let radii: [Double]
    let grid: [Int]
    let rng: RandomSource
    private(set) var trials: [Int: WidthTrial] = [:]

    init(_ p: Point, data: SphereData, rng: RandomSource) {
      self.p = p
      self.data = data
      self.rng = rng
      let levels = p.int("delta_levels")
      let top = Gao2019.delta(p, data)
      radii = (0...levels).map { top * Double($0) / Double(levels) }
      grid = Array(stride(from: 2, through: p.int("m_max"), by: 2))
    }

    /// The draws of W(0) at width m, each trained from its own W(0) at δ_0, δ_1, … in turn until a level does not
    /// fit within T (the strong estimate finds a ball not classified at every check): the level before is the
    /// draw's highest. A level fitted after T/2 ends the T/2 ladder there (the same steps: training is
    /// deterministic, so T/2 is the first half of T).
    mutating func trial(_ m: Int) throws -> WidthTrial {
      if let known = trials[m] { return known }
      let t = p.int("iterations")
      let k = p.int("attack_steps")
      let attack = MarginAttack.gradient(
        steps: [Double](repeating: 2.5 / Double(k), count: k), restarts: p.int("attack_restarts"))
      let nets = rng.derived("networks m = \(m)")
      var trial = WidthTrial(reached: [], reachedHalf: [])
      for draw in 0..<p.int("initializations") {
        let stream = nets.derived("draw \(draw)")
        var (reached, half) = (-1, -1)
        for (level, radius) in radii.enumerated() {
          var init0 = stream
          let net = try Gao2019.network(p, width: m, rng: &init0)
          let label = level == 0 ? "clean" : "robust \(level)"
          var trainer = RobustTrainer(
            network: net, data: data,
            configuration: Gao2019.configuration(p, attack: level == 0 ? .none : attack, delta: radius),
            rng: stream.derived("\(label) attack"))
          var estimator = RobustLossEstimator(
            data: data, radius: radius, attack: level == 0 ? .none : Gao2019.strongAttack(p), width: m,
            rng: stream.derived("\(label) estimate"))
          let check: RobustTrainer.FitCheck
          do {
            check = try trainer.trainUntilFitted(iterations: t, checkEvery: p.int("check_every"), estimator: &estimator)
          } catch {
            throw ReproError.failed(
              "\(error) at m = \(m), δ ratio = \(formatNumber(radius / data.separation * 2)); lower --set lr")
          }
          guard let step = check.fitted else { break }
          reached = level
          if half == level - 1 && 2 * step <= t { half = level }
        }
        trial.reached.append(reached)
        trial.reachedHalf.append(half)
      }
      trials[m] = trial
      return trial
    }

    /// The smallest width of the grid with a witness at `level` (a draw that reached it; within T/2 when `half`)
    /// found by bisection: the largest width first (none: +∞, capacity beyond the search), then halving the
    /// interval between the largest width known without a witness and the smallest known with one.
    mutating func minimalWidth(level: Int, half: Bool = false) throws -> Double {
      guard let last = grid.last, try trial(last).share(level, half: half) > 0 else { return .infinity }
      var (lo, hi) = (-1, grid.count - 1)
      while hi - lo > 1 {
        let mid = (lo + hi) / 2
        if try trial(grid[mid]).share(level, half: half) > 0 { hi = mid } else { lo = mid }
      }
      return Double(grid[hi])
    }
  }
}
