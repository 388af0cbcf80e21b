import Foundation
import Numerics
import Testing

@testable import Experiments
@testable import Harness

/// gao2019-capacity's search (issue 25, item 7): monotone in δ by construction, the bisection's answer against a
/// full scan of the widths, and the premise of its two-point control (a width-2 robust interpolator exists).
@Suite struct Gao2019CapacityTests {
  static func point(_ overrides: [String]) throws -> Point {
    try Configuration(experiment: Gao2019Capacity.self, preset: .quick, overrides: overrides).points[0]
  }

  static func search(_ overrides: [String]) throws -> Gao2019.CapacitySearch {
    let p = try point(overrides)
    var rng = RandomSource(seed: 11)
    let data = try Gao2019.data(p, rng: &rng)
    return Gao2019.CapacitySearch(p, data: data, rng: rng)
  }

  static let small = ["d=5", "n=8", "m_max=12", "iterations=300", "initializations=2"]

  /// Nested balls: at every width the share of draws that fit never grows with δ (within T or T/2), and the
  /// minimal widths never fall along the ladder, clean first; T/2's are never below T's.
  @Test func searchIsMonotoneInDelta() throws {
    var s = try Self.search(Self.small)
    let levels = s.radii.indices
    let full = try levels.map { try s.minimalWidth(level: $0) }
    let half = try levels.map { try s.minimalWidth(level: $0, half: true) }
    #expect(zip(full, full.dropFirst()).allSatisfy { $0 <= $1 }, "\(full)")
    #expect(zip(half, full).allSatisfy { $0 >= $1 }, "T/2 \(half), T \(full)")
    for (m, trial) in s.trials {
      let shares = levels.map { trial.share($0) }
      #expect(zip(shares, shares.dropFirst()).allSatisfy { $0 >= $1 }, "m = \(m): \(shares)")
      #expect(levels.allSatisfy { trial.share($0, half: true) <= trial.share($0) })
    }
    #expect(s.radii.first == 0 && s.radii.count == 3)
  }

  /// The bisection against a full scan of the grid: it ends at a width with a witness whose grid neighbour below
  /// has none, and where the witnesses are monotone in m (every width from some m on fits) at that smallest m.
  @Test func bisectionAgreesWithAFullScan() throws {
    var s = try Self.search(Self.small)
    for level in s.radii.indices {
      let found = try s.minimalWidth(level: level)
      let fits = try s.grid.map { try s.trial($0).share(level) > 0 }
      let scan = fits.indices.reversed().prefix { fits[$0] }.last.map { Double(s.grid[$0]) } ?? .infinity
      if found.isFinite {
        let i = s.grid.firstIndex(of: Int(found))!
        #expect(fits[i] && (i == 0 || !fits[i - 1]), "level \(level): \(fits)")
      }
      if fits.firstIndex(of: true).map({ fits[$0...].allSatisfy { $0 } }) ?? true {
        #expect(found == scan, "level \(level): bisection \(found), scan \(scan), \(fits)")
      }
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
