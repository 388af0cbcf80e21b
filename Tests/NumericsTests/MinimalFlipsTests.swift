import Testing

@testable import Numerics

/// The batched minimal-flip attack (`FlipAttack.minimalFlips`) against the per-point one (`FlipAttack.minimalFlip`,
/// the same machine with a gemv per product) given the same per-point stream.
@Suite struct MinimalFlipsTests {
  /// The per-point attack on every row: point i's restarts from `FlipAttack.pointStream(rng, i)`.
  static func reference(_ attack: FlipAttack, _ x: Matrix, _ y: [Double], reach: [Double], rng: RandomSource)
    -> [FlipAttack.Flip?]
  {
    (0..<x.rows).map { i in
      var stream = FlipAttack.pointStream(rng, i)
      return attack.minimalFlip(at: x.row(i), label: y[i], maxRadius: reach[i], rng: &stream)
    }
  }

  /// The radii agree to `tolerance` relative (the GEMM and the gemv round differently; a bisection decision on a
  /// margin within rounding of 0 can move a radius by up to the attack's tolerance); both find a flip or neither.
  static func agree(_ a: [FlipAttack.Flip?], _ b: [FlipAttack.Flip?], tolerance: Double) -> (Bool, Int) {
    var identical = 0
    for (p, q) in zip(a, b) {
      switch (p, q) {
      case (nil, nil): identical += 1
      case (let p?, let q?):
        if p.radius == q.radius { identical += 1 }
        if abs(p.radius - q.radius) > tolerance * max(p.radius, q.radius) { return (false, identical) }
      default: return (false, identical)
      }
    }
    return (a.count == b.count, identical)
  }

  /// relu(w·x) − relu(−w·x) = w·x: the minimal flip is |f(x)|/‖w‖ (a point already misclassified: 0), batched
  /// and per point alike.
  @Test func linearModelFlipsAtMarginOverNorm() throws {
    var rng = RandomSource(seed: 7)
    let w = rng.normals(30)
    let net = TwoLayerNetwork(weights: Matrix(rowVectors: [w, w.map { -$0 }]), outer: [1, -1], activation: .relu)
    let attack = FlipAttack(net, tolerance: 1e-6)
    let x = rng.normalMatrix(20, 30)
    let f = net(x)
    let y = f.indices.map { i in (f[i] > 0 ? 1.0 : -1.0) * (i < 2 ? -1 : 1) }
    let reach = [Double](repeating: 100, count: x.rows)
    let streams = rng
    let batched = attack.minimalFlips(at: x, labels: y, maxRadii: reach, batch: 7, rng: &rng)
    var advanced = streams
    _ = advanced.next()
    #expect(rng.next() == advanced.next(), "the caller's stream advanced by one draw")
    for i in 0..<x.rows {
      let flip = try #require(batched[i])
      let exact = i < 2 ? 0 : abs(f[i]) / norm(w)
      #expect(flip.radius >= exact * (1 - 1e-9), "point \(i)")
      #expect(flip.radius <= exact * (1 + 1e-5), "point \(i): \(flip.radius) against \(exact)")
      var z = x.row(i)
      axpy(1, flip.perturbation, &z)
      #expect(y[i] * net(z) <= 0)
    }
    let (ok, _) = Self.agree(batched, Self.reference(attack, x, y, reach: reach, rng: streams), tolerance: 1e-5)
    #expect(ok)
  }

  /// Random ReLU networks (with and without bias, several widths), random labels and reaches small enough that
  /// some points have no flip: the batched attack gives the per-point radius at every point, whatever the batch.
  @Test(arguments: [(3, 6), (12, 30), (5, 90)])
  func batchedAgreesWithPerPointOnRandomNetworks(seed: UInt64, width: Int) {
    var rng = RandomSource(seed: seed)
    let d = 40
    var net = TwoLayerNetwork.random(inputs: d, width: width, activation: .relu, initScale: 1, using: &rng)
    if !seed.isMultiple(of: 3) { net.bias = rng.normals(width, sd: 0.3) }
    let attack = FlipAttack(net, steps: 20, restarts: 3)
    let x = rng.normalMatrix(24, d)
    let y = (0..<x.rows).map { _ in rng.rademacher() }
    let reach = (0..<x.rows).map { i in (i % 5 == 4 ? 0.05 : 10) * norm(x.row(i)) }
    let streams = rng
    let expected = Self.reference(attack, x, y, reach: reach, rng: streams)
    #expect(expected.contains { ($0?.radius ?? 0) > 0 })
    for batch in [1, 7, 64] {
      var r = streams
      let got = attack.minimalFlips(at: x, labels: y, maxRadii: reach, batch: batch, rng: &r)
      let (ok, identical) = Self.agree(got, expected, tolerance: 2 * attack.tolerance)
      #expect(ok, "batch \(batch): \(identical) of \(x.rows) identical")
    }
  }

  /// A smooth activation (no column-update shortcut: every Kc a full product) agrees too.
  @Test func smoothActivationAgrees() {
    var rng = RandomSource(seed: 17)
    let net = TwoLayerNetwork.random(inputs: 20, width: 12, activation: .tanh, initScale: 1, using: &rng)
    let attack = FlipAttack(net, steps: 15, restarts: 2)
    let x = rng.normalMatrix(10, 20)
    let y = net(x).map { $0 > 0 ? 1.0 : -1.0 }
    let reach = (0..<x.rows).map { 10 * norm(x.row($0)) }
    let expected = Self.reference(attack, x, y, reach: reach, rng: rng)
    for batch in [1, 4] {
      var r = rng
      let (ok, _) = Self.agree(
        attack.minimalFlips(at: x, labels: y, maxRadii: reach, batch: batch, rng: &r), expected,
        tolerance: 2 * attack.tolerance)
      #expect(ok, "batch \(batch)")
    }
  }
}
