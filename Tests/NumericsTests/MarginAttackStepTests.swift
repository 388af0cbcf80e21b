import Foundation
import Testing

@testable import Numerics

/// The small-shape path of the margin attacks (`MarginAttack+Steps`): the four-rows-at-once attack step against
/// the row-at-a-time one (bit for bit).
@Suite struct MarginAttackStepTests {
  /// The attack step four rows at a time equals the row-at-a-time step bit for bit, with rows inside the ball,
  /// on the sphere with the gradient pointing out (tangential part taken) or in, with a zero gradient (the row
  /// stays), and stepping out of the ball (projected back), for n = 1…9 (every tail) and d = 2…20, with steps so
  /// short or so long that every row stays inside or every row leaves the ball (the all-lanes stores).
  @Test func fourRowStepEqualsTheRowStep() {
    var rng = RandomSource(seed: 74)
    for tangential in [true, false] {
      for d in [2, 3, 5, 8, 10, 17, 20] {
        for n in 1...9 {
          let radius = 0.3
          var x = rng.normals(n * d, sd: 0.1)
          var g = rng.normals(n * d)
          for i in 0..<n {
            switch i % 4 {
            case 0:  // on the sphere
              let r = (0..<d).map { x[i * d + $0] * x[i * d + $0] }.reduce(0, +).squareRoot()
              for k in 0..<d { x[i * d + k] *= radius / r }
            case 1:  // no gradient
              if i % 8 == 1 { for k in 0..<d { g[i * d + k] = 0 } }
            case 2:  // a long step out of the ball
              for k in 0..<d { g[i * d + k] *= 100 }
            default: break
            }
          }
          var (x1, g1, x4, g4) = (x, g, x, g)
          let edge = radius * radius * (1 - 1e-12)
          for length in [1e-6, 0.05, 0.5, 2] {  // every row inside … every row projected back
            x1.withUnsafeMutableBufferPointer { x in
              g1.withUnsafeMutableBufferPointer { g in
                for i in 0..<n {
                  stepRow(g.baseAddress! + i * d, x.baseAddress! + i * d, d, length, radius, edge, tangential)
                }
              }
            }
            x4.withUnsafeMutableBufferPointer { x in
              g4.withUnsafeMutableBufferPointer { g in
                normalisedSteps(
                  g.baseAddress!, x.baseAddress!, rows: n, dimension: d, length: length, radius: radius, edge: edge,
                  tangential: tangential)
              }
            }
            #expect(x1.map(\.bitPattern) == x4.map(\.bitPattern), "d = \(d) n = \(n) tangential \(tangential)")
            #expect(g1.map(\.bitPattern) == g4.map(\.bitPattern), "d = \(d) n = \(n) tangential \(tangential)")
          }
          #expect(x4 != x)
        }
      }
    }
  }

  /// A fit check that stops early (`RobustLossEstimator.accuracy(_:above:)`) returns the full evaluation's
  /// robust accuracy whenever it is above the floor and a value ≤ the floor otherwise, and leaves the
  /// estimator's random stream where the full evaluation leaves it (the next evaluations are equal bit for bit).
  @Test func anEarlyStoppingCheckDecidesAsTheFullOne() {
    var rng = RandomSource(seed: 75)
    let data = SphereData.random(points: 12, dimension: 5, rng: &rng)
    let net = TwoLayerNetwork.balancedSigns(
      inputs: 5, width: 6, activation: .quadraticRelu, symmetric: false, scale: 1, using: &rng)
    for floor in [0.0, 0.25, 0.5, 0.75, 0.99] {
      var full = RobustLossEstimator(
        data: data, radius: 0.4, attack: .strong(steps: 30, restarts: 3), width: 6, rng: RandomSource(seed: 9))
      var early = full
      let exact = full.evaluate(net).accuracy
      let stopped = early.accuracy(net, above: floor)
      if exact > floor { #expect(stopped == exact, "floor \(floor)") } else { #expect(stopped <= floor) }
      let next = full.evaluate(net)
      let again = early.evaluate(net)
      #expect(next.margins.map(\.bitPattern) == again.margins.map(\.bitPattern), "floor \(floor)")
    }
  }
}
