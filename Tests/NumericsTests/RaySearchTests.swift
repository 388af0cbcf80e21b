import Testing

@testable import Numerics

@Suite struct RaySearchTests {
  /// relu(w·x) − relu(−w·x) = w·x: a ReLU network that is exactly linear, whose minimal ℓ2 flip is |f(x)|/‖w‖.
  @Test func linearModelFlipRadiusIsMarginOverNorm() {
    var rng = RandomSource(seed: 9)
    let w = rng.normals(30)
    let net = TwoLayerNetwork(
      weights: Matrix(rowVectors: [w, w.map { -$0 }]), outer: [1, -1], activation: .relu)
    for _ in 0..<20 {
      let x = rng.normals(30)
      let f = net(x)
      #expect(abs(f - dot(w, x)) < 1e-12)
      let direction = normalized(w).map { -($0) * (f > 0 ? 1 : -1) }
      let ray = RayEvaluator(net, at: x, along: direction)
      let t = RaySearch.firstSignChange(start: 1e-6, maxT: 1e3) { ray($0) }
      let exact = abs(f) / norm(w)
      #expect(t != nil)
      #expect(abs(t! - exact) <= 1e-9 * exact)
    }
  }

  @Test func noSignChangeGivesNil() {
    #expect(RaySearch.firstSignChange(start: 1e-3, maxT: 10) { 1 + $0 } == nil)
  }

  @Test func findsTheFirstOfSeveralChanges() {
    // sign changes at t = 1 and t = 2.
    let t = RaySearch.firstSignChange(start: 1e-3, maxT: 100) { ($0 - 1) * ($0 - 2) }
    #expect(abs(t! - 1) < 1e-9)
  }

  /// Rays along ±u from many points, W·u computed once: the same evaluator, to the last bit, as one per point
  /// along signs_i·u (with and without bias).
  @Test func raysAlongOneDirectionEqualOneEvaluatorPerPoint() {
    var rng = RandomSource(seed: 13)
    for bias in [false, true] {
      var net = TwoLayerNetwork.random(inputs: 30, width: 17, activation: .relu, initScale: 1, using: &rng)
      if bias { net.bias = rng.normals(17) }
      let x = rng.normalMatrix(9, 30)
      let u = rng.normals(30)
      let signs = (0..<9).map { _ in rng.rademacher() }
      let rays = RayEvaluator.rays(net, at: x, along: u, signs: signs)
      for i in 0..<9 {
        let one = RayEvaluator(net, at: x.row(i), along: u.map { signs[i] * $0 })
        #expect(rays[i].slope == one.slope && rays[i].offset == one.offset)
        #expect([0, 0.3, 1.7].map { rays[i]($0) } == [0, 0.3, 1.7].map { one($0) })
      }
    }
  }
}
