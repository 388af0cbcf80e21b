import Numerics
import Testing

@testable import Experiments
@testable import Frei2023Experiments
@testable import Harness

/// frei2023-robust-accuracy's batched attack (`Frei2023.robustAccuracy`, `FlipAttack.firstFlips`) against the
/// per-point reference (`FlipAttack.firstFlip` on each point's own stream) on the quick preset's own networks.
@Suite struct Frei2023FirstFlipsTests {
  /// The quick preset's trained network (k = 16, built by the module's code path) and R: the same first-flip
  /// index at every test point, with and without the universal start, and the same robust accuracy curve.
  @Test(arguments: [16]) func batchedAgreesWithPerPointOnTheQuickPreset(k: Int) throws {
    let c = try Configuration(experiment: Frei2023RobustAccuracy.self, preset: .quick, overrides: ["k=\(k)"])
    let p = try #require(c.points.first)
    let run = try Frei2023.trained(p, n: p.int("per_cluster") * p.int("k"))
    let (test, radii, u) = (run.test, Frei2023.radiusGrid(p), run.mixture.universalDirection)
    let cases: [(TwoLayerNetwork, [Double]?)] = [
      (run.network, u), (run.network, nil), (run.mixture.robustReference, u),
    ]
    for (net, along) in cases {
      let attack = FlipAttack(net)
      let base = try along.map { try attack.rowSpaceCoefficients(of: $0) }
      let rng = RandomSource(seed: 17)
      let perPoint = (0..<test.count).map { i in
        var stream = FlipAttack.pointStream(rng, i)
        let starts = base.map { b in [b.map { -test.y[i] * $0 }] } ?? []
        return attack.firstFlip(at: test.x.row(i), label: test.y[i], radii: radii, starts: starts, rng: &stream)
      }
      var r = rng
      let batched = attack.firstFlips(
        at: test.x, labels: test.y, radii: radii, startsAgainstLabel: base.map { [$0] } ?? [], rng: &r)
      #expect(batched == perPoint, "k = \(k), width \(net.width), start \(along == nil ? "none" : "u")")
      #expect(Set(perPoint).count > 2, "the points flip at different radii: \(perPoint)")
      r = rng
      let accuracy = try Frei2023.robustAccuracy(net, test, radii: radii, startingAlong: along, rng: &r)
      let expected = radii.indices.map { j in 1 - Double(perPoint.filter { $0 <= j }.count) / Double(test.count) }
      #expect(accuracy == expected)
    }
  }
}
