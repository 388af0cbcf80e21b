import Foundation
import Harness
import Numerics

// The witness finder of gao2019-capacity (capacity.swift): does a width-m network exist that classifies every
// training point's δ-ball? (A shared file of the paper: its name starts with a capital, so it is not a module.)
//
// A witness is a network the strong estimate finds robustly correct on every ball; it certifies capacity ≤ m. At
// each even width m = 2, 4, … the finder runs `aligned_starts` data-aligned starts (`Gao2019WitnessStarts.swift`)
// and `initializations` random draws of W(0); each start climbs the ladder of radii 0 = δ_0 < δ_1 < … < δ_L by
// adversarial training continued from the network that fitted the radius below (the K-step attack; checked every
// check_every steps by the strong estimate), until a radius does not fit within T steps. The scan stops at the
// first width with a witness at every radius (within T and T/2), or at m_max.
//
// Monotone by construction, in δ and in m: the balls are nested (B(x_i, δ_k) ⊂ B(x_i, δ_j) for k < j), so the
// network a start ends with at level j is a witness at every level k ≤ j, and the minimal width at δ_k, the
// smallest width with a start that reached k, can never exceed that at δ_j. With σ 2-homogeneous and σ(0) = 0, a
// width-m witness is a width-m' witness for m' > m (pairs of zero units added), so widths above a witness need no
// search. The evidence against a smaller width is that every start failed there (`share` 0): an upper bound on
// capacity, tight as far as the starts reach.
extension Gao2019 {
  /// One width's starts: per start, its kind and the highest level it reached within T and within T/2 (−1: not
  /// even clean).
  struct WidthTrial: Sendable {
    var kinds: [WitnessStart] = []
    var reached: [Int] = []
    var reachedHalf: [Int] = []

    /// The share of starts (of `kind`, or all) that reached level k (within T/2 when `half`).
    func share(_ level: Int, half: Bool = false, kind: WitnessStart? = nil) -> Double {
      let levels = zip(half ? reachedHalf : reached, kinds).filter { kind == nil || $0.1 == kind }.map(\.0)
      return levels.isEmpty ? .nan : Double(levels.filter { $0 >= level }.count) / Double(levels.count)
    }
  }

  /// The scan over widths 2, 4, …, m_max for one (d, seed): the data, the radii, the starts, the trials.
  struct WitnessSearch {
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

    /// Scans the widths upward until every level has a witness within T/2 (so also within T), or m_max.
    mutating func scan() throws {
      for m in grid {
        if radii.indices.allSatisfy({ minimalWidth(level: $0, half: true).isFinite }) { break }
        _ = try trial(m)
      }
    }

    /// The starts at width m, each climbing the ladder (see the file's comment). A level fitted after T/2 ends the
    /// T/2 ladder there (the same steps: training is deterministic, so T/2 is the first half of T).
    mutating func trial(_ m: Int) throws -> WidthTrial {
      if let known = trials[m] { return known }
      let aligned = p.int("aligned_starts")
      var trial = WidthTrial()
      for start in 0..<(aligned + p.int("initializations")) {
        let kind = Gao2019.witnessStart(start, aligned: aligned)
        let (reached, half) = try climb(weights: startWeights(m, start: start, aligned: aligned), label: "\(start)")
        trial.kinds.append(kind)
        trial.reached.append(reached)
        trial.reachedHalf.append(half)
      }
      trials[m] = trial
      return trial
    }

    /// The first layer of start `start` at width m: data-aligned, or a draw of W(0) (draw k on the stream
    /// "networks m = <m>", "draw <k>", as before the finder had aligned starts).
    func startWeights(_ m: Int, start: Int, aligned: Int) throws -> Matrix {
      let kind = Gao2019.witnessStart(start, aligned: aligned)
      if kind == .random {
        var draw = rng.derived("networks m = \(m)").derived("draw \(start - aligned)")
        return try Gao2019.network(p, width: m, rng: &draw).weights
      }
      var stream = rng.derived("aligned m = \(m)").derived("start \(start)")
      return Gao2019.alignedWeights(data, width: m, kind: kind, index: start, rng: &stream)
    }

    /// Adversarial training from `weights` at δ_0, δ_1, … in turn, each continued from the network that fitted the
    /// radius below, until a radius does not fit within T: (highest level within T, highest within T/2).
    func climb(weights: Matrix, label: String) throws -> (Int, Int) {
      let t = p.int("iterations")
      let k = p.int("attack_steps")
      let attack = MarginAttack.gradient(
        steps: [Double](repeating: 2.5 / Double(k), count: k), restarts: p.int("attack_restarts"))
      let stream = rng.derived("witness \(weights.rows) start \(label)")
      var net = Gao2019.witnessNetwork(p, weights: weights)
      var (reached, half) = (-1, -1)
      for (level, radius) in radii.enumerated() {
        var trainer = RobustTrainer(
          network: net, data: data,
          configuration: Gao2019.configuration(p, attack: level == 0 ? .none : attack, delta: radius),
          rng: stream.derived("level \(level) attack"))
        var estimator = RobustLossEstimator(
          data: data, radius: radius, attack: level == 0 ? .none : Gao2019.strongAttack(p), width: weights.rows,
          rng: stream.derived("level \(level) estimate"))
        let check: RobustTrainer.FitCheck
        do {
          check = try trainer.trainUntilFitted(iterations: t, checkEvery: p.int("check_every"), estimator: &estimator)
        } catch {
          throw ReproError.failed(
            "\(error) at m = \(weights.rows), δ ratio = \(formatNumber(radius / data.separation * 2)); lower --set lr")
        }
        guard let step = check.fitted else { break }
        reached = level
        if half == level - 1 && 2 * step <= t { half = level }
        net = trainer.network
      }
      return (reached, half)
    }

    /// The smallest scanned width with a witness at `level` (a start that reached it; within T/2 when `half`),
    /// +∞ when no scanned width has one.
    func minimalWidth(level: Int, half: Bool = false, kind: WitnessStart? = nil) -> Double {
      for m in trials.keys.sorted() where trials[m]!.share(level, half: half, kind: kind) > 0 { return Double(m) }
      return .infinity
    }
  }
}
