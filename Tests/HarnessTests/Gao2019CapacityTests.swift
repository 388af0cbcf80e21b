import Foundation
import Numerics
import Testing

@testable import Experiments
@testable import Gao2019Experiments
@testable import Harness

/// gao2019-capacity's witness finder (issue 25, item 7) on cases with a known answer: two points at distance
/// > 2δ have a width-2 robust interpolator, which the finder must find (d = 2, where the strong estimate is the
/// exhaustive search of the disk, and d = 10); overlapping balls have no witness at any width; and the measurement is
/// monotone in δ by construction.
@Suite struct Gao2019CapacityTests {
  static func point(_ overrides: [String]) throws -> Point {
    try Configuration(experiment: Gao2019Capacity.self, preset: .quick, overrides: overrides).points[0]
  }

  static func search(_ overrides: [String]) throws -> Gao2019.WitnessSearch {
    let p = try point(overrides)
    var rng = RandomSource(seed: 11)
    let data = try Gao2019.data(p, rng: &rng)
    var search = Gao2019.WitnessSearch(p, data: data, rng: rng)
    try search.scan()
    return search
  }

  /// Two points of the circle at distance 2 (d = 2, exact estimate) and two random points of S⁹ at δ = 0.9·sep/2:
  /// the witness finder finds width 2 at every radius, clean and robust (no gap: the n = 2 control's premise), and
  /// stops there; the separating-pair start is a witness before any step.
  @Test(arguments: [["data=circle", "d=2", "n=2"], ["d=10", "n=2"]])
  func twoPointsNeedWidthTwo(_ setting: [String]) throws {
    let s = try Self.search(setting + ["delta_ratio=0.9", "iterations=100"])
    let widths = s.radii.indices.map { s.minimalWidth(level: $0) }
    #expect(widths.allSatisfy { $0 == 2 }, "\(widths)")
    #expect(s.trials.keys.sorted() == [2])
    let directions = s.trials[2]!.share(s.radii.count - 1, kind: .directions)
    #expect(directions == 1, "the separating pair fits at the largest δ: \(directions)")
  }

  /// Balls that overlap (δ = 1.2·separation/2 on two points) cannot be separated by any network: no witness at the
  /// largest radius at any width scanned, while the clean fit is found at width 2.
  @Test func overlappingBallsHaveNoWitness() throws {
    let s = try Self.search(["data=circle", "d=2", "n=2", "delta_ratio=1.2", "m_max=4", "iterations=60"])
    #expect(s.minimalWidth(level: 0) == 2)
    #expect(s.minimalWidth(level: s.radii.count - 1) == .infinity)
    #expect(s.trials.keys.sorted() == [2, 4], "every width up to m_max scanned")
  }

  /// Nested balls: at every width the share of starts that fit never grows with δ (within T or T/2), the minimal
  /// widths never fall along the ladder, clean first, and T/2's are never below T's; every width below a level's
  /// minimal width was scanned with every start failing (the evidence against it).
  @Test func searchIsMonotoneInDelta() throws {
    let s = try Self.search(["d=5", "n=8", "m_max=12", "iterations=300"])
    let levels = s.radii.indices
    let full = levels.map { s.minimalWidth(level: $0) }
    let half = levels.map { s.minimalWidth(level: $0, half: true) }
    #expect(zip(full, full.dropFirst()).allSatisfy { $0 <= $1 }, "\(full)")
    #expect(zip(half, full).allSatisfy { $0 >= $1 }, "T/2 \(half), T \(full)")
    for (m, trial) in s.trials {
      let shares = levels.map { trial.share($0) }
      #expect(zip(shares, shares.dropFirst()).allSatisfy { $0 >= $1 }, "m = \(m): \(shares)")
      #expect(levels.allSatisfy { trial.share($0, half: true) <= trial.share($0) })
      for (k, w) in full.enumerated() where Double(m) < w { #expect(trial.share(k) == 0) }
    }
    #expect(s.trials.keys.sorted() == Array(stride(from: 2, through: s.trials.keys.max()!, by: 2)))
    #expect(s.radii.first == 0 && s.radii.count == 3)
  }

  /// The aligned starts: k-means with as many clusters as points returns the points; the first separating-pair
  /// start on two points is the pair (w, −w), w = √d·(x₁ − x₂)/‖x₁ − x₂‖.
  @Test func alignedStarts() throws {
    let p = try Self.point(["d=3", "n=2"])
    var rng = RandomSource(seed: 3)
    let data = try Gao2019.data(p, rng: &rng)
    let rows = [data.x.row(0), data.x.row(1)]
    #expect(Gao2019.clusterDirections(rows, clusters: 2, rng: &rng) == rows)
    let w = Gao2019.alignedWeights(data, width: 2, kind: .directions, index: 1, rng: &rng)
    let v = Gao2019.unitDirection(zip(rows[0], rows[1]).map { $0 - $1 }).map { $0 * 3.0.squareRoot() }
    for k in 0..<3 {
      #expect(abs(w[0, k] - v[k]) < 1e-12 && abs(w[1, k] + v[k]) < 1e-12)
    }
  }

  /// The premise of the n = 2 control: σ(w·x) − σ(−w·x) with w = x_1 − x_2 (the quadratic ReLU) has margin
  /// ‖w‖·separation/2 on the line, so the strong estimate finds both balls classified at δ = 0.95·separation/2 and
  /// neither at 1.05·separation/2 (each ball then crosses the plane w·x = 0 midway between the points).
  @Test func twoPointsHaveAWidthTwoRobustInterpolator() throws {
    let p = try Self.point(["d=10", "n=2"])
    var rng = RandomSource(seed: 3)
    let data = try Gao2019.data(p, rng: &rng)
    let (a, b) = data.y[0] > 0 ? (0, 1) : (1, 0)
    let w = (0..<10).map { data.x[a, $0] - data.x[b, $0] }
    let net = TwoLayerNetwork(
      weights: Matrix(rowVectors: [w, w.map { -$0 }]), outer: [1, -1], activation: .quadraticRelu,
      outputScale: 1 / 2.0.squareRoot(), trainsOuter: false)
    for (ratio, classified) in [(0.95, 1.0), (1.05, 0.0)] {
      var estimator = RobustLossEstimator(
        data: data, radius: ratio * data.separation / 2, attack: Gao2019.strongAttack(p), width: 2,
        rng: RandomSource(seed: 5))
      #expect(estimator.accuracy(net, above: 0) == classified, "δ ratio \(ratio)")
    }
  }
}
