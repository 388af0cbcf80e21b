import Testing

@testable import Numerics

/// The batched attack on a radius grid (`FlipAttack.firstFlips`) against the per-point reference
/// (`FlipAttack.firstFlip`, kept for this) given the same per-point stream.
@Suite struct FirstFlipsTests {
  /// The per-point reference on every row: point i's random starts from `FlipAttack.pointStream(rng, i)`.
  static func reference(
    _ attack: FlipAttack, _ x: Matrix, _ y: [Double], radii: [Double], along base: [Double]?, randomStarts: Int = 1,
    rng: RandomSource
  ) -> [Int] {
    (0..<x.rows).map { i in
      var stream = FlipAttack.pointStream(rng, i)
      let starts = base.map { b in [b.map { -y[i] * $0 }] } ?? []
      return attack.firstFlip(
        at: x.row(i), label: y[i], radii: radii, starts: starts, randomStarts: randomStarts, rng: &stream)
    }
  }

  /// relu(w·x) − relu(−w·x) = w·x: the first radius of the grid at or past |f(x)|/‖w‖ (a point already
  /// misclassified: 0), per point and batched alike.
  @Test func linearModelFlipsAtTheFirstRadiusPastTheMargin() {
    var rng = RandomSource(seed: 4)
    let w = rng.normals(20)
    let net = TwoLayerNetwork(weights: Matrix(rowVectors: [w, w.map { -$0 }]), outer: [1, -1], activation: .relu)
    let attack = FlipAttack(net)
    let x = rng.normalMatrix(30, 20)
    let f = net(x)
    // Labels: the network's sign, except the first three points (misclassified).
    let y = f.indices.map { i in (f[i] > 0 ? 1.0 : -1.0) * (i < 3 ? -1 : 1) }
    let radii = (0..<25).map { 0.5 * Double($0) + 0.01 }
    let streams = rng
    let batched = attack.firstFlips(at: x, labels: y, radii: radii, batch: 8, rng: &rng)
    var advanced = streams
    _ = advanced.next()
    #expect(rng.next() == advanced.next(), "the caller's stream advanced by one draw")
    for i in 0..<x.rows {
      let exact = abs(f[i]) / norm(w)
      let expected = i < 3 ? 0 : (radii.firstIndex { $0 >= exact * (1 + 1e-9) } ?? radii.count)
      #expect(batched[i] == expected, "point \(i): margin/‖w‖ = \(exact)")
    }
    #expect(batched == Self.reference(attack, x, y, radii: radii, along: nil, rng: streams))
  }

  /// Random ReLU networks (with and without bias, several widths) and random labels: the batched attack gives the
  /// per-point attack's first-flip index at every point, with and without a start direction, whatever the batch.
  @Test(arguments: [(3, 8), (11, 30), (12, 70)])
  func batchedAgreesWithPerPointOnRandomNetworks(seed: UInt64, width: Int) {
    var rng = RandomSource(seed: seed)
    let d = 25
    var net = TwoLayerNetwork.random(inputs: d, width: width, activation: .relu, initScale: 1, using: &rng)
    if seed.isMultiple(of: 2) { net.bias = rng.normals(width, sd: 0.3) }
    let attack = FlipAttack(net, steps: 20)
    let x = rng.normalMatrix(40, d)
    let y = (0..<x.rows).map { _ in rng.rademacher() }
    let scale = norm(x.row(0))
    let radii = (0..<15).map { 0.15 * scale * Double($0) / 14 }
    let base = rng.normals(width)
    for along in [nil, base] {
      let streams = rng
      let expected = Self.reference(attack, x, y, radii: radii, along: along, rng: streams)
      #expect(Set(expected).count > 3, "the grid separates the points: \(expected)")
      for batch in [1, 7, 64] {
        var r = streams
        let starts = along.map { [$0] } ?? []
        let got = attack.firstFlips(at: x, labels: y, radii: radii, startsAgainstLabel: starts, batch: batch, rng: &r)
        #expect(got == expected, "batch \(batch), start \(along == nil ? "none" : "given")")
      }
      _ = rng.next()
    }
  }

  /// Two random starts per radius and no start direction: each point keeps its own stream however many
  /// points share the batch.
  @Test func severalRandomStartsKeepEachPointsStream() {
    var rng = RandomSource(seed: 21)
    let net = TwoLayerNetwork.random(inputs: 15, width: 10, activation: .relu, initScale: 1, using: &rng)
    let attack = FlipAttack(net, steps: 10)
    let x = rng.normalMatrix(25, 15)
    let y = net(x).map { $0 > 0 ? 1.0 : -1.0 }
    let radii = (0..<12).map { 0.6 * Double($0) }
    let expected = Self.reference(attack, x, y, radii: radii, along: nil, randomStarts: 2, rng: rng)
    for batch in [2, 25] {
      var r = rng
      #expect(attack.firstFlips(at: x, labels: y, radii: radii, randomStarts: 2, batch: batch, rng: &r) == expected)
    }
  }

  /// ReLU's exact shortcut: Kc updated by the columns of the units that switched stays the full product to
  /// rounding along a descent, and is taken at most steps (the rest are full products).
  @Test func incrementalKernelProductMatchesTheFullOne() {
    var rng = RandomSource(seed: 31)
    let net = TwoLayerNetwork.random(inputs: 40, width: 64, activation: .relu, initScale: 1, using: &rng)
    let attack = FlipAttack(net)
    var state = FlipAttack.State(net: net, kernel: attack.kernel, x: rng.normals(40), label: 1)
    state.start(from: rng.normals(64), radius: 2, exactly: true)
    var updates = 0
    for k in 0..<40 {
      state.fillSlopes()
      if k == 0 || !state.updateProduct() {
        gemv(attack.kernel, .none, state.c, into: &state.kc)
        state.formed()
      } else {
        updates += 1
      }
      let full = product(attack.kernel, .none, state.c)
      let error = zip(full, state.kc).map { abs($0 - $1) }.max() ?? 0
      #expect(error <= 1e-13 * max(norm(full), 1), "step \(k)")
      let g2 = dot(state.c, state.kc)
      guard g2 > 0 else { break }
      state.step(g2: g2, radius: 2, steps: 40)
    }
    #expect(updates > 20, "the shortcut is taken: \(updates) of 40 steps")
  }
}
