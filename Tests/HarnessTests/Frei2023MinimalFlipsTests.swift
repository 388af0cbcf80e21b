import Numerics
import Testing

@testable import Experiments
@testable import Frei2023Experiments
@testable import Harness

/// frei2023-radius-vs-clusters' batched minimal-flip attack (`FlipAttack.minimalFlips`) against the per-point one
/// (`FlipAttack.minimalFlip` on each point's own stream) on the quick preset's own network.
@Suite struct Frei2023MinimalFlipsTests {
  /// The quick preset's trained network (k = 4, built by the module's code path): the same flip radius at every
  /// test point up to the rounding of the products (GEMM against gemv; a bisection decision within rounding of
  /// 0 moves a radius by at most the attack's tolerance), most of them bit for bit, whatever the batch.
  @Test(arguments: [4]) func batchedAgreesWithPerPointOnTheQuickPreset(k: Int) throws {
    let c = try Configuration(experiment: Frei2023RadiusVsClusters.self, preset: .quick, overrides: ["k=\(k)"])
    let p = try #require(c.points.first)
    let run = try Frei2023.trained(p, n: p.int("per_cluster") * p.int("k"))
    let (test, net) = (run.test, run.network)
    let attack = FlipAttack(net)
    let reach = [Double](repeating: run.reach, count: test.count)
    let rng = RandomSource(seed: 23)
    let perPoint = (0..<test.count).map { i in
      var stream = FlipAttack.pointStream(rng, i)
      return attack.minimalFlip(at: test.x.row(i), label: test.y[i], maxRadius: reach[i], rng: &stream)
    }
    #expect(perPoint.contains { ($0?.radius ?? 0) > 0 })
    for batch in [7, 64] {
      var r = rng
      let batched = attack.minimalFlips(at: test.x, labels: test.y, maxRadii: reach, batch: batch, rng: &r)
      var identical = 0
      for i in 0..<test.count {
        switch (batched[i], perPoint[i]) {
        case (nil, nil): identical += 1
        case (let a?, let b?):
          if a.radius == b.radius { identical += 1 }
          #expect(abs(a.radius - b.radius) <= 2 * attack.tolerance * max(a.radius, b.radius), "point \(i)")
        default: Issue.record("point \(i): a flip found by one attack only")
        }
      }
      #expect(2 * identical > test.count, "batch \(batch): \(identical) of \(test.count) bit for bit")
    }
  }
}
