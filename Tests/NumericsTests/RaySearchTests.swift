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
}
